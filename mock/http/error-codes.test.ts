import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { BANKS } from "../data/index.js";
import { buildErrorCatalogue, getContract } from "../../openapi/lib/index.js";
import { createTestMock, pdfBytes, seen, type Exchange, type SpecClient, type TestMock } from "../testing/spec-client.js";

/**
 * Every documented (operation, error code) pair, produced through the HTTP API and checked against
 * the spec by the client. Codes with a real cause are produced by that cause; the rest (plan,
 * trial and permission states no offline mock can reach, transient 5XX) by `x-mock-scenario` or
 * `x-mock-fault`, and that list is pinned below so a new forced code is a visible decision.
 */

let t: TestMock;
let c: SpecClient;
const contract = getContract();
const catalogue = buildErrorCatalogue(contract.doc);
const t0Ops = () => contract.operations.operations;

beforeAll(() => {
  t = createTestMock({ jsonLimitBytes: 4096, uploadLimitBytes: 4096 });
  c = t.client("matrix-key");
});
afterAll(() => t.close());

type Trigger = () => Promise<Exchange>;

const processedSession = async (): Promise<string> => {
  const id = await c.newSession();
  await c.upload(id);
  await c.initiate(id);
  return id;
};
const processingSession = processedSession;
const deletedSession = async (): Promise<string> => {
  const id = await c.newSession();
  await c.deleteSession(id);
  return id;
};
const noAuth = { "x-api-key": "", "server-hash": "" };
const sessionReads = ["getUploadStatus", "getSessionUploadStatus", "getProgress", "getSessionStatus", "getInsights", "getSubscribedData", "getPdfs"] as const;
type Read = (typeof sessionReads)[number];

function raw(op: string, method: "post", path: string, contentType: string, body: string, headers: Record<string, string> = {}): Promise<Exchange> {
  return c.call(op, method.toUpperCase(), path, (r) => r.set("content-type", contentType).send(body), { ...c.auth, ...headers });
}

const bankWithoutAa = BANKS.find((b) => !b.aa_available)?.identifier as string;

const real: Record<string, Trigger> = {
  "createSession INVALID_DATE_FORMAT": () => c.createSession({ from_date: "2024-01-01" }),
  "createSession INVALID_DATE_RANGE": () => c.createSession({ from_date: "01/06/2024", to_date: "01/01/2024" }),
  "createSession MISSING_DATE_FIELD": () => c.createSession({ to_date: undefined }),
  "createSession INVALID_BANK_NAME": () => c.createSession({ bank_name: "no-such-bank" }),
  "createSession MISSING_BANK_NAME": () => c.createSession({ mode: "pdf" }),
  "createSession MODE_NOT_AVAILABLE": () => c.createSession({ mode: "aa", bank_name: bankWithoutAa }),
  "createSession INVALID_SESSION_EXPIRY": () => c.createSession({ session_expiry: 2 }),
  "createSession INVALID_MOBILE_NUMBER": () => c.createSession({ mobile_number: "12345" }),
  "createSession INVALID_AA_PARAMETER": () => c.createSession({ aa_recurring_tenure_month: 99 }),
  "createSession MISSING_AA_PARAMETER": () => c.createSession({ mode: "aa", bank_name: "hdfc", aa_journey_mode: "only_recurring" }),
  "createSession INVALID_URL": () => c.createSession({ redirect_url: "not a url" }),
  "createSession INVALID_REQUEST": () => c.createSession({ link_id: undefined }),
  "createSession ACCESS_DENIED": () => c.createSession({ api_key: undefined }),
  "createSession METHOD_NOT_ALLOWED": () => c.call("createSession", "GET", "/bank-connect/v1/session/", (r) => r, {}),
  "createSession PAYLOAD_TOO_LARGE": () => c.createSession({ metadata: { names: ["x".repeat(8000)] } }),
  "createSession UNSUPPORTED_MEDIA_TYPE": () => raw("createSession", "post", "/bank-connect/v1/session/", "text/plain", "link_id=1"),

  "uploadStatement SESSION_EXPIRED": async () => c.upload(await processingSession()),
  "uploadStatement MISSING_FILE_OBJECT": async () => c.upload(await c.newSession(), { noFile: true }),
  "uploadStatement INVALID_FILE_OBJECT": async () => c.upload(await c.newSession(), { file: Buffer.from("hello, not a pdf") }),
  "uploadStatement EMPTY_FILE": async () => c.upload(await c.newSession(), { file: Buffer.alloc(0) }),
  "uploadStatement INVALID_FILE_URL": async () => c.upload(await c.newSession(), { fileUrl: "ftp://example.com/a.pdf" }),
  "uploadStatement INVALID_BASE_64": async () => c.upload(await c.newSession(), { uploadType: "BASE64", file: "%%% not base64 %%%" }),
  "uploadStatement PASSWORD_INCORRECT": async () => c.upload(await c.newSession(), { file: Buffer.from("%PDF-1.7\n/Encrypt 5 0 R\n/Font /F1\n") }),
  "uploadStatement PDF_IS_IMAGE": async () => c.upload(await c.newSession(), { file: Buffer.from("%PDF-1.4\n/XObject << /Subtype /Image >>\n") }),
  "uploadStatement STATEMENT_UNSUPPORTED_FORMAT": async () => c.upload(await c.newSession(), { fileName: "statement-STATEMENT_UNSUPPORTED_FORMAT.pdf" }),
  "uploadStatement STATEMENT_DUPLICATE": async () => {
    const id = await c.newSession();
    const bytes = pdfBytes("duplicate");
    await c.upload(id, { file: bytes });
    return c.upload(id, { file: bytes });
  },
  "uploadStatement OUT_OF_DATE_RANGE": async () =>
    c.upload(await c.newSession(), {
      fileName: "old.json",
      file: Buffer.from(
        JSON.stringify({
          bankconnect_mock_statement: 1,
          bank_name: "hdfc",
          account: { account_number: "50100000000001", name: "OLD STATEMENT", account_category: "individual" },
          opening_balance: 100,
          transactions: [{ date: "2019-01-05", transaction_type: "credit", amount: 50, transaction_note: "NEFT CR OLD" }],
        }),
      ),
    }),
  "uploadStatement BANK_NAME_UNDETECTED": async () => c.upload(await c.newSession(), { headers: { "x-mock-scenario": "BANK_NAME_UNDETECTED" } }),
  "uploadStatement BANK_NAME_MISMATCH": async () => c.upload(await c.newSession(), { fileName: "sbi-march.pdf", bankName: "hdfc" }),
  "uploadStatement INVALID_BANK_NAME": async () => c.upload(await c.newSession(), { bankName: "no-such-bank" }),
  "uploadStatement INVALID_REQUEST": async () =>
    c.call("uploadStatement", "POST", "/bank-connect/v1/statement/upload_session/", (r) => r.field("session_id", "x").attach("file", pdfBytes(), "a.pdf"), { "x-api-key": c.apiKey }),
  "uploadStatement ACCESS_DENIED": async () => c.upload(await c.newSession(), { headers: { "x-api-key": "" } }),
  "uploadStatement SESSION_NOT_FOUND": () => c.upload("00000000-0000-4000-8000-000000000000"),
  "uploadStatement SESSION_DELETED": async () => c.upload(await deletedSession()),
  "uploadStatement PAYLOAD_TOO_LARGE": async () => c.upload(await c.newSession(), { file: Buffer.concat([pdfBytes(), Buffer.alloc(8192, 32)]) }),
  "uploadStatement UNSUPPORTED_MEDIA_TYPE": () => raw("uploadStatement", "post", "/bank-connect/v1/statement/upload_session/", "text/plain", "file=1"),

  "updateWebhook INVALID_URL": () => c.updateWebhook({ webhook_url: "ftp://example.com/hook", webhook_mode: ["ENRICHMENT_NOTIFICATION"] }),
  "updateWebhook INVALID_REQUEST": () => c.updateWebhook({ webhook_url: "http://127.0.0.1:9/hook", webhook_mode: ["NOT_AN_EVENT"] }),
  "updateWebhook ACCESS_DENIED": () => c.updateWebhook({ webhook_url: "http://127.0.0.1:9/hook" }, noAuth),
  "updateWebhook PAYLOAD_TOO_LARGE": () => c.updateWebhook({ webhook_url: `http://127.0.0.1:9/${"x".repeat(8000)}` }),
  "updateWebhook UNSUPPORTED_MEDIA_TYPE": () => raw("updateWebhook", "post", "/bank-connect/v1/session_data/update_webhook/", "text/plain", "x"),

  "getSessionUploadStatus KEY_REQUIRED": () => c.read("getSessionUploadStatus", " "),
  "initiateProcessing UNPARSABLE_STATEMENTS": async () => {
    const id = await c.newSession();
    await c.upload(id, { fileName: "statement-EXTRACTION_FAILED.pdf" });
    return c.initiate(id);
  },
  "initiateProcessing DUPLICATE_PROCESSING_REQUEST": async () => c.initiate(await processedSession()),
  "initiateProcessing ACCESS_DENIED": async () => c.initiate(await c.newSession(), noAuth),
  "initiateProcessing SESSION_NOT_FOUND": () => c.initiate("nope"),
  "initiateProcessing SESSION_DELETED": async () => c.initiate(await deletedSession()),
  "deleteSession ACCESS_DENIED": async () => c.deleteSession(await c.newSession(), noAuth),
  "deleteSession SESSION_NOT_FOUND": () => c.deleteSession("nope"),
  "deleteSession SESSION_DELETED": async () => c.deleteSession(await deletedSession()),
  "getBanksCatalogue ACCESS_DENIED": () => c.banks(noAuth),
};

for (const op of t0Ops()) {
  if (op.operationId === "createSession") continue;
  const path = `/bank-connect${op.path.replace("{session_id}", "6d105744-f304-4637-8220-1e217ec84fcf")}`;
  real[`${op.operationId} METHOD_NOT_ALLOWED`] = () => c.call(op.operationId, "PUT", path, (r) => r, c.auth);
}

for (const op of sessionReads) {
  real[`${op} ACCESS_DENIED`] = async () => c.read(op, await c.newSession(), noAuth);
  real[`${op} SESSION_NOT_FOUND`] = () => c.read(op, "6d105744-f304-4637-8220-1e217ec84fcf");
  real[`${op} SESSION_DELETED`] = async () => c.read(op, await deletedSession());
}
for (const op of ["getProgress", "getSessionStatus", "getInsights", "getSubscribedData"] as Read[]) {
  real[`${op} PROCESSING_NOT_REQUESTED`] = async () => c.read(op, await c.newSession());
}
for (const op of ["getSessionStatus", "getInsights", "getSubscribedData"] as Read[]) {
  real[`${op} PROCESSING_NOT_COMPLETED`] = async () => c.read(op, await processingSession());
}

/** Codes no offline mock can reach by a real cause: answered on request, exactly as documented. */
const FORCED_ONLY = new Set([
  "AUTHENTICATION_CREDENTIALS_NOT_PROVIDED",
  "PAYMENT_REQUIRED",
  "TRIAL_PERIOD_EXPIRED",
  "MODE_NOT_ENABLED",
  "INVALID_LENGTH",
  "INVALID_PARAMETER_COUNT",
  "INVALID_ACCOUNT_CATEGORY",
  "INVALID_API_KEY",
  "SERVICE_UNAVAILABLE",
  "INTERNAL_SERVER_ERROR",
  "GATEWAY_TIMEOUT",
]);
const FAULT_STATUS: Record<string, string> = { SERVICE_UNAVAILABLE: "503", INTERNAL_SERVER_ERROR: "500", GATEWAY_TIMEOUT: "504" };

async function forced(op: string, code: string): Promise<Exchange> {
  const fault = FAULT_STATUS[code];
  const headers: Record<string, string> = fault ? { "x-mock-fault": fault } : { "x-mock-scenario": code };
  switch (op) {
    case "createSession":
      return c.createSession({}, headers);
    case "uploadStatement":
      return c.upload(await c.newSession(), { headers });
    case "updateWebhook":
      return c.updateWebhook({ webhook_url: "http://127.0.0.1:9/hook" }, headers);
    case "initiateProcessing":
      return c.initiate(await c.newSession(), headers);
    case "deleteSession":
      return c.deleteSession(await c.newSession(), headers);
    case "getBanksCatalogue":
      return c.banks(headers);
    default:
      return c.read(op as Read, await c.newSession(), headers);
  }
}

const pairs = catalogue.http.flatMap((e) => e.operations.map((op) => ({ op, code: e.code, status: e.status })));

describe("every documented error code is reproducible with its documented status", () => {
  it.each(pairs)("$op answers $code ($status)", async ({ op, code, status }) => {
    const key = `${op} ${code}`;
    const trigger = real[key] ?? (FORCED_ONLY.has(code) ? () => forced(op, code) : undefined);
    expect(trigger, `no way to produce ${key}: add a real trigger (or, if none can exist offline, add it to FORCED_ONLY)`).toBeDefined();
    const ex = await (trigger as Trigger)();
    expect((ex.body as { error: { code: string } }).error.code).toBe(code);
    if (/^\d{3}$/.test(status)) expect(ex.status).toBe(Number(status));
    else expect(String(ex.status)[0]).toBe(status[0]);
  });

  it("forces only the codes no real cause can produce", () => {
    const forcedPairs = pairs.filter(({ op, code }) => real[`${op} ${code}`] === undefined).map((p) => p.code);
    expect(new Set(forcedPairs)).toEqual(FORCED_ONLY);
  });

  it("has no real trigger for a pair the spec does not document", () => {
    const documented = new Set(pairs.map((p) => `${p.op} ${p.code}`));
    expect(Object.keys(real).filter((k) => !documented.has(k))).toEqual([]);
  });

  it("produced every documented pair through the spec-checked client", () => {
    const produced = new Set(seen.map((ex) => `${ex.operationId} ${(ex.body as { error?: { code?: string } } | null)?.error?.code}`));
    const missing = pairs.map((p) => `${p.op} ${p.code}`).filter((k) => !produced.has(k));
    expect(missing).toEqual([]);
  });
});

describe("answers outside any operation use the envelope too", () => {
  it("unknown route → 404 NOT_FOUND naming the API base", async () => {
    const res = await request(t.app).get("/bank-connect/v2/nothing");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
    expect(res.body.error.message).toContain("/bank-connect/v1/");
  });

  it("malformed JSON → 400 INVALID_REQUEST, not a 500", async () => {
    const ex = await raw("createSession", "post", "/bank-connect/v1/session/", "application/json", '{"link_id": ');
    expect(ex.status).toBe(400);
    expect((ex.body as { error: { message: string } }).error.message).toMatch(/Malformed JSON/);
  });

  it("an unknown x-mock-scenario → 400 INVALID_REQUEST listing the valid ones", async () => {
    const ex = await c.read("getUploadStatus", await c.newSession(), { "x-mock-scenario": "NOT_A_THING" });
    expect(ex.status).toBe(400);
    expect((ex.body as { error: { message: string } }).error.message).toContain("SESSION_NOT_FOUND");
  });
});
