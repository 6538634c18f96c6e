import { readFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import type { OpenAPIV3_1 } from "openapi-types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONTROL_SPEC_PATH, REPO_ROOT, getContract, formatIssues } from "../../openapi/lib/index.js";
import { createTestMock, pdfBytes, type SpecClient, type TestMock } from "../testing/spec-client.js";
import type { SendOutcome, WebhookRequest } from "../webhooks/index.js";

const control = getContract(CONTROL_SPEC_PATH);
const catalogue = JSON.parse(readFileSync(join(REPO_ROOT, "fixtures/scenarios/catalogue.json"), "utf8")) as {
  session: Array<{ name: string }>;
  statement: Array<{ code: string }>;
  journeys: Array<{ name: string }>;
};
const ALL_EVENTS = ["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION", "SESSION_EXPIRY_NOTIFICATION"];

type Body = Record<string, any>;
type Res = { status: number; body: unknown };

function deref<T>(node: unknown): T {
  let current = node;
  while (current && typeof current === "object" && "$ref" in current) {
    const ref = (current as { $ref: string }).$ref;
    current = ref
      .slice(2)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], control.doc);
  }
  return current as T;
}

/** Asserts the response is documented in openapi/mock-control.yaml for this route and valid against its schema. */
function expectControlContract(path: string, method: "get" | "post", res: Res): void {
  const item = control.doc.paths?.[path] as OpenAPIV3_1.PathItemObject | undefined;
  const op = item?.[method];
  expect(op, `${method.toUpperCase()} ${path} is not in the control spec`).toBeDefined();
  const documented = op?.responses?.[String(res.status)];
  expect(documented, `${method.toUpperCase()} ${path} does not document ${res.status}: ${JSON.stringify(res.body)}`).toBeDefined();
  const response = deref<OpenAPIV3_1.ResponseObject>(documented);
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return;
  const result = control.schemas.validateSchema(schema, res.body);
  expect.soft(result.ok ? [] : formatIssues(result.errors), `${method.toUpperCase()} ${path} → ${res.status}`).toEqual([]);
}

function expectMockError(res: Res, status: number, code: string): void {
  expect({ status: res.status, code: (res.body as Body).error?.code }).toEqual({ status, code });
  const result = control.schemas.validateComponent("MockError", res.body);
  expect(result.ok ? [] : formatIssues(result.errors)).toEqual([]);
}

interface Sent {
  request: WebhookRequest;
  at: number;
}

let t: TestMock;
let a: SpecClient;
let b: SpecClient;
let sent: Sent[];
beforeEach(() => {
  sent = [];
  t = createTestMock({
    seed: "control-test",
    webhookSend: async (req): Promise<SendOutcome> => {
      sent.push({ request: req, at: t.clock.now() });
      return { status_code: 200 };
    },
  });
  a = t.client("tenant-alpha");
  b = t.client("tenant-beta");
});
afterEach(async () => {
  await t.close();
});

async function completedSession(client: SpecClient = a): Promise<string> {
  const sid = await client.newSession();
  expect((await client.upload(sid, { bankName: "hdfc" })).status).toBe(200);
  return sid;
}

async function processedSession(client: SpecClient = a): Promise<string> {
  const sid = await completedSession(client);
  expect((await client.initiate(sid)).status).toBe(202);
  t.clock.advance(t.mock.options.processingMs);
  return sid;
}

describe("probe and catalogue", () => {
  it("GET /__mock/ describes the mock, its clock and capabilities, and not its seed", async () => {
    const res = await request(t.app).get("/__mock/");
    expectControlContract("/", "get", res);
    expect(res.body).not.toHaveProperty("seed");
    expect(res.body).toMatchObject({
      name: "bankconnect-mock",
      processing_ms: 3000,
      api_base: "/bank-connect",
      now: new Date(t.clock.now()).toISOString(),
    });
    expect(res.body.capabilities).toEqual(expect.arrayContaining(["scenarios", "clock", "sessions", "journal", "webhooks"]));
  });

  it("GET /__mock/scenarios lists session and statement scenarios, journeys and request codes per operation", async () => {
    const res = await request(t.app).get("/__mock/scenarios");
    expectControlContract("/scenarios", "get", res);
    const body = res.body as Body;
    expect(body.session.map((s: Body) => s.name)).toEqual(catalogue.session.map((s) => s.name));
    expect(body.statement.map((s: Body) => s.code)).toEqual(catalogue.statement.map((s) => s.code));
    expect(body.journeys.map((j: Body) => j.name)).toEqual(catalogue.journeys.map((j) => j.name));
    const ops = getContract().operations.operations;
    expect(Object.keys(body.request).sort()).toEqual(ops.map((o) => o.operationId).sort());
    for (const op of ops) {
      expect(body.request[op.operationId].sort()).toEqual([...new Set(op.responses.flatMap((r) => r.codes))].sort());
    }
    expect(body.request.uploadStatement).toEqual(expect.arrayContaining(["SESSION_EXPIRED", "STATEMENT_DUPLICATE"]));
    expect(body.request.initiateProcessing).toContain("DUPLICATE_PROCESSING_REQUEST");
  });

  it("a request code from /scenarios forces that documented error on its operation", async () => {
    const sid = await a.newSession();
    const ex = await a.initiate(sid, { "x-mock-scenario": "DUPLICATE_PROCESSING_REQUEST" });
    expect(ex.status).toBe(409);
    expect((ex.body as Body).error.code).toBe("DUPLICATE_PROCESSING_REQUEST");
  });

  it("answers 404 NOT_FOUND for an unknown control route", async () => {
    const res = await a.control("get", "/nothing-here");
    expectMockError(res, 404, "NOT_FOUND");
  });
});

describe("clock", () => {
  it("GET /clock reports the virtual time", async () => {
    const res = await request(t.app).get("/__mock/clock");
    expectControlContract("/clock", "get", res);
    expect(res.body).toEqual({ now: new Date(t.clock.now()).toISOString(), epoch_ms: t.clock.now() });
  });

  it("POST /clock/advance moves the caller's clock by ms, and to a time, and runs what became due", async () => {
    const start = t.clock.now();
    const sid = await completedSession();
    await a.initiate(sid);

    const byMs = await request(t.app).post("/__mock/clock/advance").set("x-api-key", a.apiKey).send({ ms: 2999 });
    expectControlContract("/clock/advance", "post", byMs);
    expect(byMs.body.epoch_ms).toBe(start + 2999);
    expect((await a.read("getSessionStatus", sid)).status).toBe(400);

    const target = new Date(start + 3000).toISOString();
    const to = await request(t.app).post("/__mock/clock/advance").set("x-api-key", a.apiKey).send({ to: target });
    expectControlContract("/clock/advance", "post", to);
    expect(to.body).toEqual({ now: target, epoch_ms: start + 3000 });
    expect(t.mock.clocks.forTenant(a.apiKey).now()).toBe(start + 3000);
    // Only the caller's time moved: the base clock (and every other tenant) stayed.
    expect(t.clock.now()).toBe(start);
    expect((await a.read("getSessionStatus", sid)).status).toBe(200);
  });

  it.each([
    ["negative ms", { ms: -1 }],
    ["text ms", { ms: "soon" }],
    ["no ms nor to", {}],
    ["bad to", { to: "next tuesday" }],
    ["to in the past", { to: "2020-01-01T00:00:00Z" }],
    ["too far", { ms: 1e15 }],
    ["fractional ms", { ms: 1.5 }],
  ])("POST /clock/advance refuses %s with 400 and leaves time alone", async (_name, payload) => {
    const before = t.mock.clocks.forTenant(a.apiKey).now();
    const res = await request(t.app).post("/__mock/clock/advance").set("x-api-key", a.apiKey).send(payload);
    expectMockError(res, 400, "INVALID_REQUEST");
    expectControlContract("/clock/advance", "post", res);
    expect(t.mock.clocks.forTenant(a.apiKey).now()).toBe(before);
  });

  it("POST /clock/advance refuses malformed JSON with 400", async () => {
    const res = await request(t.app).post("/__mock/clock/advance").set({ "content-type": "application/json", "x-api-key": a.apiKey }).send("{ms: 5");
    expectMockError(res, 400, "INVALID_REQUEST");
  });
});

describe("sessions", () => {
  it("GET /sessions lists only the caller's live sessions, oldest first", async () => {
    const first = await a.newSession({ link_id: "one" });
    const second = await completedSession();
    const gone = await a.newSession();
    await a.deleteSession(gone);
    await b.newSession();

    const res = await a.control("get", "/sessions");
    expectControlContract("/sessions", "get", res);
    expect(res.body.sessions.map((s: Body) => s.session_id)).toEqual([first, second]);
    expect(res.body.sessions[0]).toMatchObject({ link_id: "one", phase: "NO_UPLOAD", upload_status: "NO_UPLOAD", scenario: "single_account", statement_count: 0, account_count: 0 });
    expect(res.body.sessions[1]).toMatchObject({ phase: "COMPLETED", upload_status: "COMPLETED", account_count: 1, statement_count: 1 });

    const other = await b.control("get", "/sessions");
    expect(other.body.sessions).toHaveLength(1);
    expect(other.body.sessions[0].session_id).not.toBe(first);
    expect((await t.client("tenant-gamma").control("get", "/sessions")).body).toEqual({ sessions: [] });
  });

  it("tenant routes answer 403 ACCESS_DENIED without x-api-key", async () => {
    for (const path of ["/sessions", "/journal", "/webhooks/deliveries", "/webhooks/config"]) {
      const res = await request(t.app).get(`/__mock${path}`);
      expectMockError(res, 403, "ACCESS_DENIED");
    }
    expectMockError(await request(t.app).post("/__mock/reset"), 403, "ACCESS_DENIED");
  });

  it("GET /sessions/{id} shows the state machine's transitions, accounts and statements", async () => {
    const sid = await processedSession();
    const res = await a.control("get", `/sessions/${sid}`);
    expectControlContract("/sessions/{id}", "get", res);
    const d = res.body as Body;
    expect(d.phase).toBe("PROCESSED");
    expect(d.transitions.map((x: Body) => `${x.from}->${x.to}`)).toEqual([
      "NO_UPLOAD->NO_UPLOAD",
      "NO_UPLOAD->IN_PROGRESS",
      "IN_PROGRESS->COMPLETED",
      "COMPLETED->PROCESSING",
      "PROCESSING->PROCESSED",
    ]);
    expect(d.processing).toMatchObject({ finished: true });
    expect(d.accounts).toEqual([expect.objectContaining({ bank: "hdfc", covers_range: true })]);
    expect(d.statements).toHaveLength(1);
    expect(d.outcomes).toEqual([expect.objectContaining({ status: "completed" })]);
  });

  it("GET /sessions/{id} answers 404 for another tenant's id and 410 once deleted", async () => {
    const sid = await a.newSession();
    const foreign = await b.control("get", `/sessions/${sid}`);
    expectMockError(foreign, 404, "SESSION_NOT_FOUND");
    expectControlContract("/sessions/{id}", "get", foreign);
    await a.deleteSession(sid);
    const deleted = await a.control("get", `/sessions/${sid}`);
    expectMockError(deleted, 410, "SESSION_DELETED");
    expectControlContract("/sessions/{id}", "get", deleted);
  });
});

describe("forced transitions", () => {
  const transition = (client: SpecClient, sid: string, body: unknown) => client.control("post", `/sessions/${sid}/transition`, body);
  const path = "/sessions/{id}/transition";

  it("expire makes the session EXPIRED now; uploads then answer SESSION_EXPIRED", async () => {
    const sid = await a.newSession();
    const res = await transition(a, sid, { action: "expire" });
    expectControlContract(path, "post", res);
    expect(res.body).toMatchObject({ phase: "EXPIRED", upload_status: "EXPIRED" });
    expect(res.body.transitions.at(-1)).toMatchObject({ to: "EXPIRED" });
    expect(((await a.upload(sid)).body as Body).error.code).toBe("SESSION_EXPIRED");
    expect(((await a.read("getUploadStatus", sid)).body as Body).upload_status).toBe("EXPIRED");
  });

  it("an expired session still processes what it holds", async () => {
    const sid = await completedSession();
    await transition(a, sid, { action: "expire" });
    expect((await a.initiate(sid)).status).toBe(202);
    t.clock.advance(3000);
    expect((await a.read("getSessionStatus", sid)).status).toBe(200);
  });

  it("complete_upload makes an empty session COMPLETED", async () => {
    const sid = await a.newSession();
    const res = await transition(a, sid, { action: "complete_upload" });
    expectControlContract(path, "post", res);
    expect(res.body.phase).toBe("COMPLETED");
    expect(((await a.read("getUploadStatus", sid)).body as Body).upload_status).toBe("COMPLETED");
    const again = await transition(a, sid, { action: "complete_upload" });
    expectMockError(again, 400, "INVALID_REQUEST");
  });

  it("finish_processing ends processing now; 400 PROCESSING_NOT_REQUESTED (the API's status and message) before initiate", async () => {
    const sid = await completedSession();
    const early = await transition(a, sid, { action: "finish_processing" });
    expectMockError(early, 400, "PROCESSING_NOT_REQUESTED");
    expect((early.body as Body).error.message).toBe("Cannot proceed as the processing has not been requested yet");
    expectControlContract(path, "post", early);
    await a.initiate(sid);
    const res = await transition(a, sid, { action: "finish_processing" });
    expectControlContract(path, "post", res);
    expect(res.body).toMatchObject({ phase: "PROCESSED", processing: { finished: true } });
    expect(((await a.read("getProgress", sid)).body as Body).session_progress).toBe("completed");
  });

  it("fail_account makes the accounts fail with the code; needs a known error_code", async () => {
    const sid = await completedSession();
    expectMockError(await transition(a, sid, { action: "fail_account" }), 400, "INVALID_REQUEST");
    const unknown = await transition(a, sid, { action: "fail_account", error_code: "NOPE" });
    expectMockError(unknown, 400, "INVALID_REQUEST");
    expect(unknown.body.error.message).toContain("INCOMPLETE_MONTHS");
    const res = await transition(a, sid, { action: "fail_account", error_code: "INCOMPLETE_DATES_UPLOAD" });
    expectControlContract(path, "post", res);
    expect(res.body.forced_account_failure).toBe("INCOMPLETE_DATES_UPLOAD");
    await a.initiate(sid);
    t.clock.advance(3000);
    const status = (await a.read("getSessionStatus", sid)).body as Body;
    expect(status.accounts.map((x: Body) => [x.account_status, x.error_code])).toEqual([["failed", "INCOMPLETE_DATES_UPLOAD"]]);
  });

  it("set_scenario changes the scenario before the first upload only; needs a known scenario", async () => {
    const sid = await a.newSession();
    expectMockError(await transition(a, sid, { action: "set_scenario" }), 400, "INVALID_REQUEST");
    expectMockError(await transition(a, sid, { action: "set_scenario", scenario: "nope" }), 400, "INVALID_REQUEST");
    const res = await transition(a, sid, { action: "set_scenario", scenario: "multibanking" });
    expectControlContract(path, "post", res);
    expect(res.body.scenario).toBe("multibanking");
    await a.upload(sid, { bankName: "hdfc" });
    expect(((await a.read("getUploadStatus", sid)).body as Body).upload_status).toBe("IN_PROGRESS");
    expectMockError(await transition(a, sid, { action: "set_scenario", scenario: "single_account" }), 400, "INVALID_REQUEST");
  });

  it("refuses an unknown action, another tenant's session and a deleted one", async () => {
    const sid = await a.newSession();
    const bad = await transition(a, sid, { action: "explode" });
    expectMockError(bad, 400, "INVALID_REQUEST");
    expect(bad.body.error.message).toContain("set_scenario");
    expectMockError(await transition(b, sid, { action: "expire" }), 404, "SESSION_NOT_FOUND");
    await a.deleteSession(sid);
    expectMockError(await transition(a, sid, { action: "expire" }), 410, "SESSION_DELETED");
  });
});

describe("reset", () => {
  it("forgets only the caller's sessions, journal and webhook settings", async () => {
    const mine = [await a.newSession(), await a.newSession()];
    const theirs = await b.newSession();
    await a.updateWebhook({ webhook_url: "http://hooks.test/a", webhook_mode: ALL_EVENTS });
    await b.updateWebhook({ webhook_url: "http://hooks.test/b", webhook_mode: ALL_EVENTS });

    const res = await a.control("post", "/reset");
    expectControlContract("/reset", "post", res);
    expect(res.body).toEqual({ sessions_removed: 2 });

    for (const sid of mine) expect(((await a.read("getUploadStatus", sid)).body as Body).error.code).toBe("SESSION_NOT_FOUND");
    expect((await a.control("get", "/sessions")).body.sessions).toEqual([]);
    expect((await a.control("get", "/webhooks/config")).body.config).toBeNull();
    const journal = (await a.control("get", "/journal")).body.entries as Body[];
    expect(journal.map((e) => e.operation_id)).not.toContain("createSession");
    expect(journal.map((e) => e.operation_id)).not.toContain("updateWebhook");

    expect((await b.read("getUploadStatus", theirs)).status).toBe(200);
    expect((await b.control("get", "/webhooks/config")).body.config).toMatchObject({ webhook_url: "http://hooks.test/b" });
    expect(((await b.control("get", "/journal")).body.entries as Body[]).length).toBeGreaterThan(0);
  });
});

describe("journal", () => {
  it("keeps only the newest journalSize requests", async () => {
    const small = createTestMock({ journalSize: 5 });
    try {
      const c = small.client("journal-key");
      for (let i = 0; i < 8; i++) await c.banks();
      await c.read("getUploadStatus", "no-such-session");
      const res = await c.control("get", "/journal");
      expectControlContract("/journal", "get", res);
      const entries = res.body.entries as Body[];
      expect(entries).toHaveLength(5);
      const seqs = entries.map((e) => e.seq as number);
      expect(seqs).toEqual([9, 8, 7, 6, 5]);
      expect(entries[0]).toMatchObject({ operation_id: "getUploadStatus", status: 404, error_code: "SESSION_NOT_FOUND", method: "GET" });
      expect(entries.slice(1).every((e) => e.operation_id === "getBanksCatalogue" && e.status === 200)).toBe(true);
      expect(small.mock.journal.size()).toBe(5);
    } finally {
      await small.close();
    }
  });

  it("shows each tenant only its own requests, with scenario and limit", async () => {
    await a.banks();
    const sid = await a.newSession();
    await a.initiate(sid, { "x-mock-scenario": "DUPLICATE_PROCESSING_REQUEST" });
    await b.banks();
    const mine = (await a.control("get", "/journal")).body.entries as Body[];
    expect(mine.map((e) => e.operation_id)).toEqual(["initiateProcessing", "createSession", "getBanksCatalogue"]);
    expect(mine[0]).toMatchObject({ scenario: "DUPLICATE_PROCESSING_REQUEST", error_code: "DUPLICATE_PROCESSING_REQUEST", status: 409, tenant: "tena…" });
    const theirs = (await b.control("get", "/journal")).body.entries as Body[];
    expect(theirs.map((e) => e.operation_id)).toEqual(["getBanksCatalogue"]);
    const limited = await a.control("get", "/journal?limit=1");
    expectControlContract("/journal", "get", limited);
    expect(limited.body.entries).toHaveLength(1);
  });
});

describe("webhooks", () => {
  async function subscribe(client: SpecClient = a): Promise<void> {
    const ex = await client.updateWebhook({ webhook_url: "http://hooks.test/receiver", webhook_mode: ALL_EVENTS, webhook_secret: "s3cret" });
    expect(ex.status).toBe(200);
  }

  it("GET /webhooks/config shows the URL and modes but never the secret", async () => {
    await subscribe();
    const res = await a.control("get", "/webhooks/config");
    expectControlContract("/webhooks/config", "get", res);
    expect(res.body.config).toEqual({ webhook_url: "http://hooks.test/receiver", webhook_mode: ALL_EVENTS, secret: "(set)" });
    expect(JSON.stringify(res.body)).not.toContain("s3cret");
  });

  it("lists, filters and gets deliveries of a journey, newest first", async () => {
    await subscribe();
    const sid = await processedSession();
    const other = await completedSession();
    await t.mock.webhooks.idle();
    expect(sent.map((s) => JSON.parse(s.request.body).event_name)).toEqual([
      "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION",
      "ENRICHMENT_NOTIFICATION",
      "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION",
    ]);
    expect(sent.every((s) => s.request.headers["x-secret-key"] === "s3cret")).toBe(true);

    const all = await a.control("get", "/webhooks/deliveries");
    expectControlContract("/webhooks/deliveries", "get", all);
    expect(all.body.deliveries.map((d: Body) => [d.session_id, d.event_name, d.status])).toEqual([
      [other, "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "delivered"],
      [sid, "ENRICHMENT_NOTIFICATION", "delivered"],
      [sid, "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "delivered"],
    ]);

    const filtered = await a.control("get", `/webhooks/deliveries?session_id=${sid}&limit=1`);
    expectControlContract("/webhooks/deliveries", "get", filtered);
    expect(filtered.body.deliveries.map((d: Body) => d.event_name)).toEqual(["ENRICHMENT_NOTIFICATION"]);

    const id = filtered.body.deliveries[0].delivery_id as string;
    const one = await a.control("get", `/webhooks/deliveries/${id}`);
    expectControlContract("/webhooks/deliveries/{deliveryId}", "get", one);
    expect(one.body).toMatchObject({ delivery_id: id, status: "delivered", attempts: [expect.objectContaining({ attempt: 1, status_code: 200, error: null })] });
    expect(one.body.payload).toEqual(JSON.parse(sent[1].request.body));

    const foreign = await b.control("get", `/webhooks/deliveries/${id}`);
    expectMockError(foreign, 404, "NOT_FOUND");
    expect((await b.control("get", "/webhooks/deliveries")).body.deliveries).toEqual([]);
  });

  it("replays a delivery as a new one with the same payload", async () => {
    await subscribe();
    const sid = await completedSession();
    await t.mock.webhooks.idle();
    const original = (await a.control("get", "/webhooks/deliveries")).body.deliveries[0] as Body;
    const res = await a.control("post", `/webhooks/deliveries/${original.delivery_id}/replay`);
    expectControlContract("/webhooks/deliveries/{deliveryId}/replay", "post", res);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ replay_of: original.delivery_id, session_id: sid, event_name: original.event_name });
    expect(res.body.delivery_id).not.toBe(original.delivery_id);
    await t.mock.webhooks.idle();
    expect(sent).toHaveLength(2);
    expect(sent[1].request.body).toBe(sent[0].request.body);
    expectMockError(await a.control("post", "/webhooks/deliveries/nope/replay"), 404, "NOT_FOUND");
  });

  it("fires an event on demand and refuses unknown events and enrichment before processing", async () => {
    await subscribe();
    const sid = await completedSession();
    await t.mock.webhooks.idle();
    const res = await a.control("post", `/sessions/${sid}/webhooks/SESSION_EXPIRY_NOTIFICATION`);
    expectControlContract("/sessions/{id}/webhooks/{event}", "post", res);
    expect(res.body.validation).toEqual({ ok: true });
    expect(res.body.delivery).toMatchObject({ event_name: "SESSION_EXPIRY_NOTIFICATION", session_id: sid });
    await t.mock.webhooks.idle();
    expect(JSON.parse(sent.at(-1)?.request.body ?? "{}")).toMatchObject({ event_name: "SESSION_EXPIRY_NOTIFICATION", session_id: sid });

    expectMockError(await a.control("post", `/sessions/${sid}/webhooks/SOMETHING_ELSE`), 400, "INVALID_REQUEST");
    expectMockError(await a.control("post", `/sessions/${sid}/webhooks/ENRICHMENT_NOTIFICATION`), 400, "INVALID_REQUEST");
    expectMockError(await b.control("post", `/sessions/${sid}/webhooks/SESSION_EXPIRY_NOTIFICATION`), 404, "SESSION_NOT_FOUND");
  });

  it("fires with delivery null when the tenant has no webhook", async () => {
    const sid = await completedSession();
    const res = await a.control("post", `/sessions/${sid}/webhooks/SESSION_REQUIREMENT_COMPLETION_NOTIFICATION`);
    expectControlContract("/sessions/{id}/webhooks/{event}", "post", res);
    expect(res.body).toEqual({ validation: { ok: true }, delivery: null });
    expect(sent).toEqual([]);
  });

  it("keeps every payload of a session in order even without a webhook", async () => {
    const sid = await processedSession();
    const res = await a.control("get", `/sessions/${sid}/webhook_payloads`);
    expectControlContract("/sessions/{id}/webhook_payloads", "get", res);
    expect(res.body.payloads.map((p: Body) => p.event_name)).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION"]);
    for (const p of res.body.payloads as Body[]) {
      expect(p.payload.session_id).toBe(sid);
      const schema = getContract().operations.webhookSchemas.get(p.event_name);
      expect(schema).toBeDefined();
      if (schema) expect(getContract().schemas.validateSchema(schema, p.payload)).toEqual({ ok: true });
    }
    expectMockError(await b.control("get", `/sessions/${sid}/webhook_payloads`), 404, "SESSION_NOT_FOUND");
  });
});

describe("control off", () => {
  it("answers 404 on /__mock routes while the BankConnect API works", async () => {
    const off = createTestMock({ control: false });
    try {
      for (const path of ["/", "/scenarios", "/clock", "/sessions"]) {
        const res = await request(off.app).get(`/__mock${path}`).set("x-api-key", "k");
        expectMockError(res, 404, "NOT_FOUND");
      }
      expectMockError(await request(off.app).post("/__mock/clock/advance").send({ ms: 1 }), 404, "NOT_FOUND");
      const c = off.client("k");
      const sid = await c.newSession();
      expect((await c.upload(sid, { file: pdfBytes("off") })).status).toBe(200);
      expect((await c.banks()).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});
