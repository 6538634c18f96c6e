import { traitsOf } from "../operation-traits.js";
import type { PlainReply, PlainRequest } from "../plain.js";
import { toPlain, type JournalNote } from "../reply.js";
import type { PipelineDeps, RequestContext, Step } from "./context.js";
import { bodyCredentials, headerCredentials } from "./credentials.js";
import { faults } from "./faults.js";
import { handle } from "./handle.js";
import { matchOperation } from "./match.js";
import { mockScenario } from "./mock-scenario.js";
import { readBody } from "./read-body.js";
import { validate } from "./validate.js";

export type { PipelineDeps, RequestContext, Step, StepOutcome } from "./context.js";

/** How an API request is served, in order; the first step that answers ends it. */
export const API_STEPS: readonly Step[] = [faults, headerCredentials, readBody, validate, bodyCredentials, mockScenario, handle];

/** Serves one API request (`path` is below the API prefix), whatever transport carried it. */
export async function serveApi(req: PlainRequest, path: string, deps: PipelineDeps, note: JournalNote): Promise<PlainReply> {
  // HEAD is GET without the body (the transport leaves the body out of a HEAD answer).
  const matched = matchOperation(deps.contract, req.method === "HEAD" ? "GET" : req.method, path);
  if (!("op" in matched)) {
    req.body.skip();
    return toPlain(matched, note);
  }
  note.operationId = matched.op.operationId;
  const ctx: RequestContext = { req, note, ...matched, traits: traitsOf(matched.op.operationId), body: {}, files: [] };
  for (const step of API_STEPS) {
    const outcome = await step(ctx, deps);
    if (outcome === "continue") continue;
    // Let the transport drain a body nobody started reading, so the connection stays usable.
    if (!ctx.bodyStarted) req.body.skip();
    if (outcome === "drop") return { kind: "drop" };
    return toPlain(outcome, note);
  }
  throw new Error(`no step answered ${matched.op.operationId}`);
}
