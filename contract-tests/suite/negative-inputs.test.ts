/**
 * Generated bad input (bodies, headers, ids, uploads) must always meet a documented 4xx with the
 * error envelope, never a 2xx and never a 5xx. Runs are bounded and seeded so a failure replays.
 */
import fc from "fast-check";
import { describe, expect, it, type TestContext } from "vitest";
import type { ApiResponse } from "../lib/client.js";
import { formatViolation } from "../../openapi/lib/exchange.js";
import { useContract } from "../lib/harness.js";
import { createSession } from "../lib/journey-steps.js";

const h = useContract("negative-inputs");

const NUM_RUNS = Number(process.env.CONTRACT_FC_RUNS ?? 25);
const SEED = Number(process.env.CONTRACT_FC_SEED ?? 20240416);

/** On real servers a wrongly accepted body could create sessions or rewire webhooks; stop at the first. */
function runParameters(): fc.Parameters<unknown> {
  return { numRuns: NUM_RUNS, seed: SEED, endOnFailure: h.target.control === null };
}

function expectDocumented4xx(res: ApiResponse<unknown>): void {
  const what = `${res.exchange.request.method} ${res.exchange.request.path} ${res.exchange.request.body ?? ""}`;
  expect(res.status, `${what} answered ${res.status} ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what} answered ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
  expect(res.exchange.violations.map(formatViolation), `${what} answered ${res.status} ${res.text.slice(0, 200)}`).toEqual([]);
}

function schemaRejects(componentName: string, value: unknown): boolean {
  return !h.checker.contract.schemas.validateComponent(componentName, value).ok;
}

const notDmy = fc.string({ maxLength: 12 }).filter((s) => !/^(0[1-9]|[12][0-9]|3[01])\/(0[1-9]|1[0-2])\/[0-9]{4}$/.test(s));
const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 1 }));

/** One schema violation applied to an otherwise valid create-session body. */
const badSessionBody = fc.oneof(
  fc.record({ link_id: notAString }),
  fc.record({ link_id: fc.constant("") }),
  fc.record({ link_id: fc.string({ minLength: 501, maxLength: 520 }) }),
  fc.record({ from_date: notDmy, to_date: fc.constant("30/06/2024") }),
  fc.record({ from_date: fc.constant("01/01/2024"), to_date: notDmy }),
  fc.record({ from_date: fc.constant("01/01/2024") }),
  fc.record({ session_expiry: fc.oneof(fc.integer({ max: 4 }), fc.integer({ min: 43_201 }), fc.double({ min: 5.01, max: 99.99, noInteger: true })) }),
  fc.record({ mobile_number: fc.string({ maxLength: 14 }).filter((s) => !/^(\+91)?[6-9][0-9]{9}$/.test(s)) }),
  fc.record({ mode: fc.string({ maxLength: 8 }).filter((s) => !["pdf", "aa", "online"].includes(s)) }),
  fc.record({ journey_mode: fc.string({ maxLength: 12 }).filter((s) => !["multi_pdf", "multi_banking"].includes(s)) }),
  fc.record({ redirect_url: fc.string({ maxLength: 20 }).filter((s) => !/^https?:\/\//.test(s)) }),
);

const headerValue = fc.string({ maxLength: 40, unit: "grapheme-ascii" });
const credentialHeaders = fc.record(
  { "x-api-key": fc.option(headerValue, { nil: null }), "server-hash": fc.option(headerValue, { nil: null }) },
  { requiredKeys: [] },
);

/** Ids that survive as one path segment: URL normalisation would turn `.`/`..` into other paths. */
const sessionIdArb = fc
  .oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 64 }), fc.string({ minLength: 1, maxLength: 16, unit: "grapheme" }), fc.string({ minLength: 200, maxLength: 300 }))
  .filter((s) => s !== "." && s !== "..");

describe("negative inputs", () => {
  it("invalid create-session bodies answer a documented 4xx with the envelope, never 2xx or 5xx", async (ctx: TestContext) => {
    // A server that wrongly accepts one creates a session; count it against the cap.
    h.reserveSessions(ctx, 1);
    await fc.assert(
      fc.asyncProperty(badSessionBody, async (corruption) => {
        const body = { link_id: h.linkId("negative"), ...corruption };
        fc.pre(schemaRejects("CreateSessionRequest", body));
        expectDocumented4xx(await h.api.createSession(body));
      }),
      runParameters(),
    );
  });

  it("unknown or malformed session ids answer a documented 4xx on every session operation", async () => {
    const ops = h.checker.contract.operations.operations.filter((op) => op.pathParams.includes("session_id")).map((op) => op.operationId);
    await fc.assert(
      fc.asyncProperty(sessionIdArb, fc.constantFrom(...ops), async (id, op) => {
        expectDocumented4xx(await h.api.call(op, { pathParams: { session_id: id } }));
      }),
      runParameters(),
    );
  });

  it("missing, empty or foreign credentials answer a documented 4xx, never another client's data", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "negative-headers");
    const ops = h.checker.contract.operations.operations.filter((op) => op.pathParams.includes("session_id") && op.method === "get").map((op) => op.operationId);
    await fc.assert(
      fc.asyncProperty(credentialHeaders, fc.constantFrom(...ops), async (headers, op) => {
        const own = h.api.credentials;
        fc.pre(headers["x-api-key"] !== own.apiKey);
        const sent = { "x-api-key": headers["x-api-key"] ?? null, "server-hash": headers["server-hash"] ?? null };
        expectDocumented4xx(await h.api.call(op, { pathParams: { session_id: sessionId }, options: { headers: sent } }));
      }),
      runParameters(),
    );
  });

  it("malformed uploads answer a documented 4xx with the upload envelope", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "negative-upload");
    const uploadType = fc.oneof(fc.constantFrom("PDF", "BASE64"), fc.string({ maxLength: 8 }));
    const file = fc.option(
      fc.record({
        bytes: fc.oneof(fc.constant(Buffer.alloc(0)), fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)), fc.string({ maxLength: 40 }).map((s) => Buffer.from(s))),
        filename: fc.constantFrom("statement.pdf", "x.txt", "scan.png"),
      }),
      { nil: undefined },
    );
    const target = fc.oneof(fc.constant(sessionId), fc.uuid(), fc.constant(""));
    await fc.assert(
      fc.asyncProperty(target, uploadType, file, async (sid, type, f) => {
        const pdfLike = f !== undefined && f.bytes.subarray(0, 5).toString("latin1") === "%PDF-";
        // Keep only uploads that are wrong for a reason the contract names.
        fc.pre(sid !== sessionId || !["PDF", "BASE64"].includes(type) || f === undefined || !pdfLike);
        const res = await h.api.upload({
          ...(sid !== "" ? { sessionId: sid } : {}),
          ...(type !== "" ? { uploadType: type } : {}),
          ...(f !== undefined ? { file: { bytes: f.bytes, filename: f.filename, contentType: "application/octet-stream" } } : {}),
        });
        expectDocumented4xx(res);
      }),
      runParameters(),
    );
  });

  it("invalid update_webhook bodies answer a documented 4xx and never a 5xx", async (ctx) => {
    const safe = h.safeWebhookUrl(ctx);
    const badUrl = fc.oneof(notAString, fc.string({ maxLength: 30 }).filter((s) => !/^https?:\/\/[^\s]+$/.test(s)));
    const badMode = fc.oneof(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 2 }), fc.string({ maxLength: 10 }));
    const body = fc.oneof(
      fc.record({ webhook_url: badUrl, webhook_mode: fc.constant(["ENRICHMENT_NOTIFICATION"]) }),
      fc.record({ webhook_url: fc.constant(safe), webhook_mode: badMode }),
      fc.record({ webhook_mode: fc.constant(["ENRICHMENT_NOTIFICATION"]) }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        fc.pre(schemaRejects("UpdateWebhookRequest", b));
        expectDocumented4xx(await h.api.updateWebhook(b));
      }),
      runParameters(),
    );
  });
});
