/**
 * Drift: forms only the vendor's pages document are accepted by the spec but reported, never counted
 * as a broken contract; anything neither form allows is still a violation.
 */
import { describe, expect, it } from "vitest";
import { getContract } from "./index.js";
import { createChecker } from "./checker.js";
import { driftCodesOf, stripDrift } from "./drift.js";
import type { ExchangeRequest, ExchangeResponse } from "./exchange.js";

const checker = createChecker();
const req = (operationId: string, path: string): ExchangeRequest => ({ operationId, method: checker.operation(operationId).method.toUpperCase(), path, template: checker.operation(operationId).path, headers: {} });
const res = (status: number, json: unknown): ExchangeResponse => ({ status, contentType: "application/json", text: JSON.stringify(json), json });

describe("drift", () => {
  it("a bare 401 {detail} body keeps the contract and is reported as drift at the body", () => {
    const r = req("getProgress", "/v1/session_data/s/progress/");
    const body = res(401, { detail: "Authentication credentials were not provided." });
    expect(checker.checkResponse(r, body)).toEqual([]);
    const drift = checker.driftOf(r, body);
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.every((d) => d.rule === "drift")).toBe(true);
  });

  it("a 401 in the envelope is a documented alternative, not drift", () => {
    const r = req("getProgress", "/v1/session_data/s/progress/");
    const body = res(401, { error: { code: "AUTHENTICATION_CREDENTIALS_NOT_PROVIDED", message: "Authentication credentials were not provided." } });
    expect(checker.checkResponse(r, body)).toEqual([]);
    expect(checker.driftOf(r, body)).toEqual([]);
  });

  it("400 DUPLICATE_PROCESSING_REQUEST (vendor:get-data) is drift; the seed's 409 is not; an undocumented 400 code is a violation", () => {
    const r = req("initiateProcessing", "/v1/session_data/s/initiate_processing/");
    const dup400 = res(400, { error: { code: "DUPLICATE_PROCESSING_REQUEST", message: "Processing already requested" } });
    expect(checker.checkResponse(r, dup400)).toEqual([]);
    expect(checker.driftOf(r, dup400).map((d) => d.pointer)).toContain("/error/code");
    const dup409 = res(409, { error: { code: "DUPLICATE_PROCESSING_REQUEST", message: "Processing already requested" } });
    expect(checker.checkResponse(r, dup409)).toEqual([]);
    expect(checker.driftOf(r, dup409)).toEqual([]);
    const other = res(400, { error: { code: "SESSION_EXPIRED", message: "x" } });
    expect(checker.checkResponse(r, other).map((v) => v.rule)).toContain("error-code");
  });

  it("a create-session answer with redirect_url alone (vendor:javascript) is drift at /session_id", () => {
    const r = req("createSession", "/v1/session/");
    const body = res(200, { redirect_url: "https://bankconnectclient.finbox.in/?session_id=127d12db1d71bd182b" });
    expect(checker.checkResponse(r, body)).toEqual([]);
    expect(checker.driftOf(r, body).map((d) => d.pointer)).toEqual(["/session_id"]);
    expect(checker.checkResponse(r, res(200, {})).length).toBeGreaterThan(0);
  });

  it("the seed-only spec has no x-drift left, and the drift codes are only the vendor's", () => {
    const { doc } = getContract();
    // Only the standalone drift components stay (unreferenced once the alternatives naming them are gone).
    const stripped = stripDrift(doc);
    const { DetailError: _detail, ...components } = stripped.components?.schemas ?? {};
    expect(JSON.stringify({ ...stripped, components: { ...stripped.components, schemas: components } })).not.toContain('"x-drift"');
    const initiate400 = checker.operation("initiateProcessing").responses.find((x) => x.status === "400");
    expect(driftCodesOf(doc, initiate400?.schema)).toEqual(["DUPLICATE_PROCESSING_REQUEST"]);
    expect(initiate400?.codes).toEqual(["UNPARSABLE_STATEMENTS"]);
    const upload400 = checker.operation("uploadStatement").responses.find((x) => x.status === "400");
    expect(driftCodesOf(doc, upload400?.schema)).toEqual(["SESSION_NOT_FOUND"]);
    expect(upload400?.codes).not.toContain("SESSION_NOT_FOUND");
  });
});
