import type { Request, Response } from "express";
import { traitsOf } from "../operation-traits.js";
import { send } from "../send.js";
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

/** Serves one API request (`path` is below the API prefix). */
export async function serveApi(req: Request, res: Response, path: string, deps: PipelineDeps): Promise<void> {
  // HEAD is GET without the body (Node leaves the body out of a HEAD answer by itself).
  const matched = matchOperation(deps.contract, req.method === "HEAD" ? "GET" : req.method, path);
  if (!("op" in matched)) {
    req.resume();
    return send(res, matched);
  }
  res.locals.operationId = matched.op.operationId;
  const ctx: RequestContext = { req, res, ...matched, traits: traitsOf(matched.op.operationId), body: {}, files: [] };
  for (const step of API_STEPS) {
    const outcome = await step(ctx, deps);
    if (outcome === "continue") continue;
    if (outcome === "done") return;
    // Drain a body nobody started reading, so the connection stays usable for the next request.
    if (!ctx.bodyStarted) req.resume();
    return send(res, outcome);
  }
}
