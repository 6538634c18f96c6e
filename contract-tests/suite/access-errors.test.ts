/**
 * Requests that fail before any session state matters: missing credentials, ids that are not
 * there, another tenant's ids, the wrong method or media type. Each has one documented answer.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, it } from "vitest";
import { CREDENTIALS_REFUSED, expectError, expectErrorOneOf } from "../lib/expect-error.js";
import { useContract } from "../lib/harness.js";
import { createSession } from "../lib/journey-steps.js";

const h = useContract("access-errors");


const sessionOperations = (): string[] =>
  h.checker.contract.operations.operations.filter((op) => op.pathParams.includes("session_id")).map((op) => op.operationId);

describe("access errors", () => {
  let unknownId: string;
  beforeAll(() => {
    unknownId = randomUUID();
  });

  it("an unknown session id answers 404 SESSION_NOT_FOUND on every session operation and on upload", async (ctx) => {
    for (const op of sessionOperations()) {
      expectError(await h.api.call(op, { pathParams: { session_id: unknownId } }), 404, "SESSION_NOT_FOUND");
    }
    const upload = await h.api.upload({ sessionId: unknownId, uploadType: "PDF", file: h.requireStatements(ctx).next("unknown-session") });
    expectError(upload, 404, "SESSION_NOT_FOUND");
  });

  it("another API key's session answers 404 SESSION_NOT_FOUND (sessions are scoped per client)", async (ctx) => {
    const other = h.secondClient(ctx);
    const { sessionId } = await createSession(h, ctx, "tenant-a");
    const probe = await h.api.uploadStatus(sessionId, { headers: other });
    if (probe.status === 403 && probe.code === "ACCESS_DENIED" && h.target.env.secondApiKey === undefined) ctx.skip("this server accepts only its configured API key, so a second client cannot be simulated: set BANKCONNECT_SECOND_API_KEY");
    for (const op of sessionOperations()) {
      expectError(await h.api.call(op, { pathParams: { session_id: sessionId }, options: { headers: other } }), 404, "SESSION_NOT_FOUND");
    }
  });

  it("missing or empty credentials answer 403 ACCESS_DENIED (or the vendor pages' 401) on every operation", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "credentials");
    const variants: Array<[string, Record<string, string | null>]> = [
      ["no x-api-key", { "x-api-key": null }],
      ["no server-hash", { "server-hash": null }],
      ["no credentials", { "x-api-key": null, "server-hash": null }],
      ["empty x-api-key", { "x-api-key": "" }],
    ];
    for (const op of h.checker.contract.operations.operations) {
      const needs = op.securityHeaders[0] ?? [];
      for (const [label, headers] of variants) {
        const removes = Object.keys(headers).some((k) => needs.includes(k));
        if (!removes) continue;
        const res =
          op.operationId === "uploadStatement"
            ? await h.api.upload({ sessionId, uploadType: "PDF", file: h.requireStatements(ctx).next("no-credentials") }, { headers })
            : op.operationId === "updateWebhook"
              ? await h.api.updateWebhook({ webhook_url: h.safeWebhookUrl(ctx), webhook_mode: ["ENRICHMENT_NOTIFICATION"] }, { headers })
              : await h.api.call(op.operationId, { pathParams: { session_id: sessionId }, options: { headers } });
        expectErrorOneOf(res, CREDENTIALS_REFUSED, label);
      }
    }
    const noKey = await h.api.createSession({ link_id: h.linkId("no-key") }, { withApiKey: false });
    expectErrorOneOf(noKey, CREDENTIALS_REFUSED);
  });

  it("GET on the create-session path answers 405 METHOD_NOT_ALLOWED", async () => {
    expectError(await h.api.call("createSession", { method: "GET" }), 405, "METHOD_NOT_ALLOWED");
  });

  it("bodies in a media type the operation does not take answer 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const text = { contentType: "text/plain", body: "link_id=customer-42" };
    expectError(await h.api.call("createSession", { raw: text }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expectError(await h.api.call("updateWebhook", { raw: text }), 415, "UNSUPPORTED_MEDIA_TYPE");
    expectError(await h.api.call("uploadStatement", { raw: text }), 415, "UNSUPPORTED_MEDIA_TYPE");
  });

  it("an upload sent as JSON instead of a form answers 400 INVALID_FILE_OBJECT (file not sent as a form field)", async () => {
    const json = { contentType: "application/json", body: JSON.stringify({ session_id: randomUUID(), upload_type: "PDF", file: "statement.pdf" }) };
    expectError(await h.api.call("uploadStatement", { raw: json }), 400, "INVALID_FILE_OBJECT");
  });

  it("a blank session id on session_upload_status answers 400 KEY_REQUIRED", async () => {
    expectError(await h.api.sessionUploadStatus(" "), 400, "KEY_REQUIRED");
  });
});
