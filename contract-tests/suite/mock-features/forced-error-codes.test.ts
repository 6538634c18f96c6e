/**
 * Every error code the spec documents for an operation, forced through the mock's
 * `x-mock-scenario`, comes back with the status the spec lists it under and passes the checker.
 * This is what lets a client rehearse each documented failure, and what fills the coverage table.
 */
import { describe, expect, it, type TestContext } from "vitest";
import { getContract } from "../../../openapi/lib/index.js";
import type { CallSpec } from "../../lib/client.js";
import { useContract } from "../../lib/harness.js";
import { createSession } from "../../lib/journey-steps.js";
import { syntheticPdf } from "../../lib/statements.js";

const h = useContract("forced-error-codes");

const operations = getContract().operations.operations;
const documented = operations.flatMap((op) => op.responses.flatMap((r) => r.codes.map((code): [string, string, string] => [op.operationId, code, r.status])));

let sessionId: string | undefined;

async function requestFor(ctx: TestContext, operationId: string, code: string): Promise<CallSpec> {
  sessionId ??= (await createSession(h, ctx, "forced")).sessionId;
  const options = { scenario: code };
  switch (operationId) {
    case "createSession":
      return { json: { link_id: h.linkId("forced"), api_key: h.api.credentials.apiKey }, options };
    case "uploadStatement":
      return { multipart: { sessionId, uploadType: "PDF", file: syntheticPdf(`forced-${code}`) }, options };
    case "updateWebhook":
      return { json: { webhook_url: "https://example.com/hook", webhook_mode: ["ENRICHMENT_NOTIFICATION"] }, options };
    default:
      return { pathParams: { session_id: sessionId }, options };
  }
}

describe("forced error codes", () => {
  it("the suite knows documented codes for every operation", () => {
    expect(new Set(documented.map(([op]) => op)).size).toBe(operations.length);
  });

  it.for(documented)("%s answers %s with status %s when the mock is asked to", async ([op, code, status], ctx) => {
    h.requireControl(ctx, "x-mock-scenario forces documented error responses");
    const res = await h.api.call(op, await requestFor(ctx, op, code));
    expect(res.code, res.text).toBe(code);
    if (status.toUpperCase().endsWith("XX")) expect(String(res.status)[0]).toBe(status[0]);
    else expect(res.status).toBe(Number(status));
  });
});
