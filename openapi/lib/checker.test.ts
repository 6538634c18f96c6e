import { describe, expect, it } from "vitest";
import { createChecker } from "./checker.js";
import type { ExchangeRequest, ExchangeResponse } from "./exchange.js";
import { formatViolation } from "./exchange.js";

const checker = createChecker();

function req(operationId: string, method: string, path: string): ExchangeRequest {
  return { operationId, method, path, template: checker.operation(operationId).path, headers: {} };
}

function res(status: number, json: unknown, contentType = "application/json; charset=utf-8"): ExchangeResponse {
  return { status, contentType, text: JSON.stringify(json), json };
}

const progressReq = req("getProgress", "GET", "/v1/session_data/s1/progress/");
const goodProgress = {
  session_id: "s1",
  session_progress: "processing",
  progress: [{ identity_status: "completed", transaction_status: "processing", processing_status: "processing", fraud_status: "processing", statement_id: "st1", message: null, source: "pdf" }],
};

describe("response checker", () => {
  it("accepts a documented success body", () => {
    expect(checker.checkResponse(progressReq, res(200, goodProgress))).toEqual([]);
  });

  it("flags a status the operation does not document, naming the documented ones", () => {
    const [v] = checker.checkResponse(req("createSession", "POST", "/v1/session/"), res(201, { session_id: "x", redirect_url: "https://x/?session_id=x" }));
    expect(v).toMatchObject({ rule: "status", operationId: "createSession", actual: "201" });
    expect(v.expected).toContain("200");
  });

  it("flags a missing required field at its JSON pointer", () => {
    const { session_progress: _dropped, ...body } = goodProgress;
    const vs = checker.checkResponse(progressReq, res(200, body));
    expect(vs.map((v) => [v.rule, v.pointer, v.expected, v.actual])).toEqual([["schema", "/session_progress", "is required", "(missing)"]]);
  });

  it("flags a wrong enum value with the allowed values and the actual one", () => {
    const body = { ...goodProgress, progress: [{ ...goodProgress.progress[0], fraud_status: "done" }] };
    const [v] = checker.checkResponse(progressReq, res(200, body));
    expect(v).toMatchObject({ rule: "schema", pointer: "/progress/0/fraud_status", actual: '"done"' });
    expect(v.expected).toContain("completed");
  });

  it("flags an error code not documented for the operation and status, once", () => {
    const vs = checker.checkResponse(progressReq, res(404, { error: { code: "SESSION_MISSING", message: "nope" } }));
    expect(vs).toHaveLength(1);
    expect(formatViolation(vs[0])).toBe(
      '[error-code] getProgress GET /v1/session_data/s1/progress/ → 404 at /error/code: expected a code documented for getProgress 404 (SESSION_NOT_FOUND), actual "SESSION_MISSING"',
    );
  });

  it("flags a {detail} body where the error envelope belongs", () => {
    const vs = checker.checkResponse(progressReq, res(403, { detail: "Authentication credentials were not provided." }));
    expect(vs.map((v) => v.rule)).toEqual(["envelope"]);
  });

  it("flags a non-JSON content type and an unparsable body", () => {
    const vs = checker.checkResponse(progressReq, { status: 200, contentType: "text/html", text: "<html>", json: undefined });
    expect(vs.map((v) => v.rule)).toEqual(["content-type", "json"]);
  });

  it("accepts a documented 5XX code under any 5xx status", () => {
    expect(checker.checkResponse(progressReq, res(503, { error: { code: "SERVICE_UNAVAILABLE", message: "later" } }))).toEqual([]);
  });

  it("flags an undocumented error status and still checks its envelope", () => {
    const vs = checker.checkResponse(progressReq, res(418, { oops: true }));
    expect(vs.map((v) => v.rule)).toEqual(["status", "envelope"]);
  });

  it("checks webhook payloads against the spec, the expected event, the session and the secret echo", () => {
    const payload = { session_id: "s1", event_name: "ENRICHMENT_NOTIFICATION", accounts: [{ bank_name: "sbi", account_id: "a", account_status: "completed", error_code: null, error_message: null }] };
    const ok = checker.checkWebhook({ headers: { "x-secret-key": "k" }, json: payload, text: "" }, { event: "ENRICHMENT_NOTIFICATION", secret: "k", sessionId: "s1" });
    expect(ok).toEqual([]);
    const { accounts: _gone, ...stripped } = payload;
    const bad = checker.checkWebhook({ headers: {}, json: stripped, text: "" }, { event: "ENRICHMENT_NOTIFICATION", secret: "k", sessionId: "s2" });
    expect(bad.map((v) => `${v.rule} ${v.pointer}`)).toEqual(["schema /accounts", "webhook /session_id", "webhook header x-secret-key"]);
  });
});
