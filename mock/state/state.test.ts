/**
 * State that survives: `--state-file` (atomic, debounced, written on close, loaded at start, a bad
 * file refused and left untouched) and the control API's export/import of one tenant.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { createClock } from "../core/clock.js";
import { createMockServer, StateFileError, type MockServer, type MockServerOptions } from "../http/server.js";
import { createTestMock, pdfBytes, type TestMock } from "../testing/spec-client.js";
import type { SendOutcome } from "../webhooks/index.js";
import { writeFileAtomic } from "./atomic-file.js";
import { createStateSaver } from "./saver.js";

type Body = Record<string, any>;
const dirs: string[] = [];
const servers: Array<{ close(): Promise<void> }> = [];
const tmp = (): string => {
  const d = mkdtempSync(join(os.tmpdir(), "mock-state-"));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  while (servers.length > 0) await servers.pop()?.close();
  while (dirs.length > 0) rmSync(dirs.pop() as string, { recursive: true, force: true });
});

/** A mock on a manual clock whose webhook receiver is down (deliveries stay pending). */
function mockOn(stateFile: string, extra: MockServerOptions = {}): MockServer {
  const mock = createMockServer({
    seed: "state-test",
    stateFile,
    clock: createClock({ mode: "manual" }),
    webhookSend: async (): Promise<SendOutcome> => ({ status_code: 503 }),
    webhookMaxAttempts: 5,
    ...extra,
  });
  servers.push(mock);
  return mock;
}

describe("--state-file", () => {
  it("survives a restart: sessions, statements, each tenant's clock, webhook config and pending deliveries", async () => {
    const file = join(tmp(), "state.json");
    const first = mockOn(file);
    const auth = { "x-api-key": "qa", "server-hash": "h" };
    await request(first.app).post("/bank-connect/v1/session_data/update_webhook/").set(auth).send({ webhook_url: "http://127.0.0.1:9/hook", webhook_mode: ["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION"] });
    const sid = (await request(first.app).post("/bank-connect/v1/session/").send({ link_id: "l", api_key: "qa", from_date: "01/01/2024", to_date: "31/03/2024" })).body.session_id as string;
    const up = await request(first.app).post("/bank-connect/v1/statement/upload_session/").set(auth).field("session_id", sid).field("upload_type", "PDF").attach("file", pdfBytes("state"), "hdfc.pdf");
    expect(up.status).toBe(200);
    await first.webhooks.whenQuiet();
    await request(first.app).post("/__mock/clock/advance").set(auth).send({ ms: 60_000 });
    await first.webhooks.whenQuiet();
    const statusBefore = (await request(first.app).get(`/bank-connect/v1/session_data/${sid}/upload_status/`).set(auth)).body;
    const clockBefore = (await request(first.app).get("/__mock/clock").set(auth)).body.epoch_ms as number;
    const deliveriesBefore = (await request(first.app).get("/__mock/webhooks/deliveries").set(auth)).body.deliveries as Body[];
    expect(deliveriesBefore[0].status).toBe("retrying");
    await first.close();
    servers.pop();

    const second = mockOn(file);
    expect((await request(second.app).get(`/bank-connect/v1/session_data/${sid}/upload_status/`).set(auth)).body).toEqual(statusBefore);
    expect((await request(second.app).get("/__mock/clock").set(auth)).body.epoch_ms).toBe(clockBefore);
    expect(second.webhooks.getConfig("qa")?.webhook_url).toBe("http://127.0.0.1:9/hook");
    await second.webhooks.whenQuiet();
    const after = (await request(second.app).get("/__mock/webhooks/deliveries").set(auth)).body.deliveries as Body[];
    expect(after[0].delivery_id).toBe(deliveriesBefore[0].delivery_id);
    // The pending delivery resumed: one more attempt than before the restart.
    expect(after[0].attempts.length).toBe(deliveriesBefore[0].attempts.length + 1);
    // Ids keep counting where they were: the next session is new, not a repeat.
    const next = (await request(second.app).post("/bank-connect/v1/session/").send({ link_id: "l2", api_key: "qa" })).body.session_id as string;
    expect(next).not.toBe(sid);
    const pdfs = await request(second.app).get(`/bank-connect/v1/session_data/${sid}/get_pdfs/`).set(auth);
    const link = new URL((pdfs.body.statements as Body[])[0].pdf_url as string);
    expect((await request(second.app).get(`${link.pathname}${link.search}`)).status).toBe(200);
  });

  it.each([
    ["not JSON", "{ this is not json", /not valid JSON/],
    ["another format", JSON.stringify({ format: "something-else", version: 1 }), /not a BankConnect mock state/],
    ["another version", JSON.stringify({ format: "bankconnect-mock-state", version: 99 }), /version 99; this mock reads version 1/],
    ["another seed", JSON.stringify({ format: "bankconnect-mock-state", version: 1, seed: "other", tenants: [] }), /--seed "other"/],
    ["a broken shape", JSON.stringify({ format: "bankconnect-mock-state", version: 1, seed: "state-test", saved_at: "x", base_now_ms: 1, link_secret: "0123456789abcdef", tenants: [{ clock_offset_ms: 0, state: { format: "bankconnect-mock-state", version: 1 } }] }), /schema/],
  ])("a state file that is %s is refused with a clear message and left untouched", (_name, text, message) => {
    const file = join(tmp(), "state.json");
    writeFileSync(file, text);
    expect(() => mockOn(file)).toThrow(StateFileError);
    expect(() => mockOn(file)).toThrow(message);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("is written on close even inside the debounce window, and leaves no temporary file behind", async () => {
    const dir = tmp();
    const file = join(dir, "state.json");
    const mock = mockOn(file);
    await request(mock.app).post("/bank-connect/v1/session/").send({ link_id: "l", api_key: "k" });
    await mock.close();
    servers.pop();
    expect(readdirSync(dir)).toEqual(["state.json"]);
    const saved = JSON.parse(readFileSync(file, "utf8")) as Body;
    expect(saved).toMatchObject({ format: "bankconnect-mock-state", version: 1, seed: "state-test" });
    expect(saved.tenants[0].state.sessions).toHaveLength(1);
  });
});

describe("the state writer", () => {
  it("writes atomically: the target is the old or the new file, never a part, and no temporary file stays", async () => {
    const dir = tmp();
    const file = join(dir, "s.json");
    await writeFileAtomic(file, "old");
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileAtomic(file, `new-${i}`)));
    expect(readFileSync(file, "utf8")).toMatch(/^new-\d+$/);
    expect(readdirSync(dir)).toEqual(["s.json"]);
  });

  it("turns a burst of changes into one write, and picks up a change made during a write", async () => {
    const dir = tmp();
    let renders = 0;
    const saver = createStateSaver({ path: join(dir, "s.json"), render: () => `v${++renders}`, debounceMs: 5 });
    for (let i = 0; i < 50; i++) saver.changed();
    await saver.flush();
    expect(saver.writes()).toBe(1);
    saver.changed();
    await saver.flush();
    expect(saver.writes()).toBe(2);
    expect(readFileSync(join(dir, "s.json"), "utf8")).toBe("v2");
    saver.stop();
  });
});

describe("export and import of one tenant", () => {
  let a: TestMock;
  let b: TestMock;
  afterEach(async () => {
    await a?.close();
    await b?.close();
  });

  it("a tenant exported from one mock is imported into another under another key, processing included", async () => {
    a = createTestMock({ seed: "travel" });
    b = createTestMock({ seed: "travel" });
    const qa = a.client("qa-key");
    const sid = await qa.newSession();
    await qa.upload(sid, { bankName: "hdfc" });
    await qa.initiate(sid);
    await request(a.app).post("/__mock/clock/advance").set("x-api-key", "qa-key").send({ ms: 3000 });
    const insights = (await qa.read("getInsights", sid)).body;
    const exported = await request(a.app).get("/__mock/state").set("x-api-key", "qa-key");
    expect(exported.status).toBe(200);

    const imported = await request(b.app).post("/__mock/state").set("x-api-key", "dev-key").send(exported.body);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ sessions_imported: 1 });
    const dev = b.client("dev-key");
    expect((await dev.read("getInsights", sid)).body).toEqual(insights);
    // Another key on the importing mock still sees nothing.
    expect((await b.client("other").read("getUploadStatus", sid)).status).toBe(404);
  });

  it.each([
    ["not a state", { hello: "world" }, /not a BankConnect mock state/],
    ["another seed", { format: "bankconnect-mock-state", version: 1, seed: "nope" }, /another seed/],
    ["a broken session", { format: "bankconnect-mock-state", version: 1, api_key: "x", seed: "travel", now_ms: 1, session_counter: 1, sessions: [{ id: "s" }], webhooks: { config: null, seq: 0, deliveries: [], payloads: [] } }, /TenantState schema/],
  ])("an import that is %s is refused with 400 naming the problem, and changes nothing", async (_name, body, message) => {
    b = createTestMock({ seed: "travel" });
    const dev = b.client("dev-key");
    const sid = await dev.newSession();
    const res = await request(b.app).post("/__mock/state").set("x-api-key", "dev-key").send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect((await dev.read("getUploadStatus", sid)).status).toBe(200);
  });
});
