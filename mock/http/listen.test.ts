import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getContract } from "../../openapi/lib/index.js";
import { contractProblems, createTestMock, pdfBytes, type TestMock } from "../testing/spec-client.js";
import { startReceiver, type TestReceiver } from "../webhooks/test-receiver.js";
import type { Listening } from "./server.js";

const contract = getContract();
const KEY = "listen-key";
const AUTH = { "x-api-key": KEY, "server-hash": "listen-hash" };

type Body = Record<string, any>;
interface Answer {
  status: number;
  body: Body;
  headers: Headers;
}

let t: TestMock;
let server: Listening;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(async () => {
  t = createTestMock({ seed: "listen-test" });
  server = await t.mock.listen(0);
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
  await t.close();
});

async function receiver(...args: Parameters<typeof startReceiver>): Promise<TestReceiver> {
  const r = await startReceiver(...args);
  cleanups.push(() => r.close());
  return r;
}

/** A real HTTP call whose answer must honour the contract of `operationId`. */
async function call(operationId: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const op = contract.operations.byId(operationId);
  const requestHeaders = Object.fromEntries(new Headers(init.headers).entries());
  const res = await fetch(`${server.url}${path}`, { method: op.method.toUpperCase(), ...init });
  const text = await res.text();
  const body = (text === "" ? null : JSON.parse(text)) as Body;
  const headers = Object.fromEntries(res.headers.entries());
  const problems = contractProblems(op, { method: op.method.toUpperCase(), path, status: res.status, body, headers, requestHeaders });
  expect(problems).toEqual([]);
  return { status: res.status, body, headers: res.headers };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

async function createSession(headers: Record<string, string> = {}): Promise<string> {
  const res = await call("createSession", "/bank-connect/v1/session/", json({ link_id: "net-user", api_key: KEY, from_date: "01/01/2024", to_date: "31/03/2024" }, headers));
  expect(res.status).toBe(200);
  return res.body.session_id as string;
}

function uploadForm(sessionId: string, bytes: Buffer = pdfBytes(), fileName = "hdfc-statement.pdf"): FormData {
  const form = new FormData();
  form.set("session_id", sessionId);
  form.set("upload_type", "PDF");
  form.set("file", new Blob([new Uint8Array(bytes)], { type: "application/pdf" }), fileName);
  return form;
}

async function upload(sessionId: string, bytes?: Buffer): Promise<Answer> {
  return call("uploadStatement", "/bank-connect/v1/statement/upload_session/", { method: "POST", headers: { "x-api-key": KEY }, body: uploadForm(sessionId, bytes) });
}

const read = (operationId: string, sessionId: string, suffix: string) => call(operationId, `/bank-connect/v1/session_data/${sessionId}/${suffix}`, { headers: AUTH });
const initiate = (sessionId: string) => call("initiateProcessing", `/bank-connect/v1/session_data/${sessionId}/initiate_processing/`, { method: "POST", headers: AUTH });

async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

describe("over the network", () => {
  it("listens on 127.0.0.1 by default", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it("serves a full journey: session, upload, status, processing, reads, delete", async () => {
    const sid = await createSession();
    const up = await upload(sid);
    expect(up.status).toBe(200);
    expect(up.body.bank_name).toBe("hdfc");
    expect((await read("getUploadStatus", sid, "upload_status/")).body.upload_status).toBe("COMPLETED");
    expect((await initiate(sid)).status).toBe(202);
    expect((await read("getProgress", sid, "progress/")).body.session_progress).toBe("processing");
    expect((await read("getSessionStatus", sid, "session_status/")).status).toBe(400);

    const advanced = await fetch(`${server.url}/__mock/clock/advance`, json({ ms: 3000 }, { "x-api-key": KEY }));
    expect(advanced.status).toBe(200);
    expect((await read("getProgress", sid, "progress/")).body.session_progress).toBe("completed");
    const status = await read("getSessionStatus", sid, "session_status/");
    expect(status.body.accounts).toEqual([expect.objectContaining({ account_id: up.body.account_id, account_status: "completed" })]);
    const insights = await read("getInsights", sid, "insights/");
    expect(insights.body.accounts[0].data.transactions.length).toBeGreaterThan(0);
    expect((await read("getSubscribedData", sid, "subscribed_data/")).status).toBe(200);

    const deleted = await call("deleteSession", `/bank-connect/v1/session_data/${sid}/delete/`, { method: "DELETE", headers: AUTH });
    expect(deleted.status).toBe(200);
    expect((await read("getUploadStatus", sid, "upload_status/")).body.error.code).toBe("SESSION_DELETED");
  });

  it("treats the trailing slash as optional", async () => {
    const sid = await createSession();
    await upload(sid);
    expect((await call("getBanksCatalogue", "/bank-connect/v1/banks/catalogue", { headers: AUTH })).status).toBe(200);
    const withSlash = await read("getUploadStatus", sid, "upload_status/");
    const without = await read("getUploadStatus", sid, "upload_status");
    expect(without.status).toBe(200);
    expect(without.body).toEqual(withSlash.body);
    expect((await call("createSession", "/bank-connect/v1/session", json({ link_id: "x", api_key: KEY }))).status).toBe(200);
  });
});

describe("faults", () => {
  it("x-mock-delay-ms delays the answer by at least that long", async () => {
    const started = performance.now();
    const res = await call("getBanksCatalogue", "/bank-connect/v1/banks/catalogue/", { headers: { ...AUTH, "x-mock-delay-ms": "50" } });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(49);
    expect(elapsed).toBeLessThan(2000);
  });

  it("x-mock-delay-ms outside 0..60000 answers 400 INVALID_REQUEST", async () => {
    const res = await fetch(`${server.url}/bank-connect/v1/banks/catalogue/`, { headers: { ...AUTH, "x-mock-delay-ms": "-5" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Body).error.code).toBe("INVALID_REQUEST");
  });

  it("x-mock-fault: 503 answers the documented 503 envelope with retry-after", async () => {
    const sid = await createSession();
    const res = await call("getUploadStatus", `/bank-connect/v1/session_data/${sid}/upload_status/`, { headers: { ...AUTH, "x-mock-fault": "503" } });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("SERVICE_UNAVAILABLE");
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it.each([
    ["500", 500],
    ["504", 504],
  ])("x-mock-fault: %s answers a documented %i", async (fault, status) => {
    const res = await call("getBanksCatalogue", "/bank-connect/v1/banks/catalogue/", { headers: { ...AUTH, "x-mock-fault": fault } });
    expect(res.status).toBe(status);
  });

  it("x-mock-fault: drop cuts the connection so the client sees a network error", async () => {
    await expect(fetch(`${server.url}/bank-connect/v1/banks/catalogue/`, { headers: { ...AUTH, "x-mock-fault": "drop" } })).rejects.toThrow();
    // The server keeps serving.
    expect((await call("getBanksCatalogue", "/bank-connect/v1/banks/catalogue/", { headers: AUTH })).status).toBe(200);
  });

  it("x-mock-fault: drop on an upload still cuts the connection and stores nothing", async () => {
    const sid = await createSession();
    const form = uploadForm(sid);
    await expect(
      fetch(`${server.url}/bank-connect/v1/statement/upload_session/`, { method: "POST", headers: { "x-api-key": KEY, "x-mock-fault": "drop" }, body: form }),
    ).rejects.toThrow();
    expect((await read("getUploadStatus", sid, "upload_status/")).body.upload_status).toBe("NO_UPLOAD");
  });
});

describe("concurrency", () => {
  it("20 concurrent initiate_processing calls: exactly one 202 and nineteen 409", async () => {
    const sid = await createSession();
    await upload(sid);
    const answers = await Promise.all(Array.from({ length: 20 }, () => initiate(sid)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe("DUPLICATE_PROCESSING_REQUEST");
  });
});

describe("webhooks to a real receiver", () => {
  it("delivers completion then enrichment, valid, with the x-secret-key echo", async () => {
    const r = await receiver();
    const configured = await call(
      "updateWebhook",
      "/bank-connect/v1/session_data/update_webhook/",
      json({ webhook_url: r.url, webhook_mode: ["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION"], webhook_secret: "topsecret" }, AUTH),
    );
    expect(configured.status).toBe(200);

    const sid = await createSession();
    await upload(sid);
    await within(2000, r.waitFor(1), "the completion webhook");
    await initiate(sid);
    t.clock.advance(3000);
    await within(2000, r.waitFor(2), "the enrichment webhook");

    expect(r.requests.map((q) => (q.body as Body).event_name)).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION"]);
    for (const q of r.requests) {
      const payload = q.body as Body;
      expect(payload.session_id).toBe(sid);
      expect(q.headers["x-secret-key"]).toBe("topsecret");
      expect(q.headers["content-type"]).toBe("application/json");
      const schema = contract.operations.webhookSchemas.get(payload.event_name);
      expect(schema).toBeDefined();
      if (schema) expect(contract.schemas.validateSchema(schema, payload)).toEqual({ ok: true });
    }
    await t.mock.webhooks.idle();
    const log = t.mock.webhooks.listDeliveries(KEY);
    expect(log.map((d) => d.status)).toEqual(["delivered", "delivered"]);
  });

  it("close() returns promptly while a webhook receiver never answers", async () => {
    const r = await receiver(() => "hang");
    await call("updateWebhook", "/bank-connect/v1/session_data/update_webhook/", json({ webhook_url: r.url, webhook_mode: 1 }, AUTH));
    const sid = await createSession();
    await upload(sid);
    await within(2000, r.waitFor(1), "the hanging delivery");
    const started = performance.now();
    await within(1500, t.mock.close(), "close()");
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(fetch(`${server.url}/bank-connect/v1/banks/catalogue/`, { headers: AUTH })).rejects.toThrow();
  });
});
