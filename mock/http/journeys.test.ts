import { afterEach, describe, expect, it } from "vitest";
import request from "supertest";
import { createTestMock, pdfBytes, type SpecClient, type TestMock } from "../testing/spec-client.js";

/** The seeds' four journeys and the session lifecycle, in-process over HTTP, on a manual clock. */

let t: TestMock;
afterEach(() => t?.close());

const body = <T>(ex: { body: unknown }): T => ex.body as T;
type UploadStatus = { upload_status: string; accounts: Array<{ account_status: string; bank_name: string; statements: Array<{ statement_status: string; error_code: string }> }> };
type Progress = { session_progress: string; progress: Array<Record<string, string | null>> };

async function finish(t: TestMock, c: SpecClient, id: string): Promise<void> {
  expect((await c.initiate(id)).status).toBe(202);
  t.clock.advance(t.mock.options.processingMs);
}

describe("Scenario 1: single account", () => {
  it("goes NO_UPLOAD → COMPLETED → processing → completed, then serves the enriched data", async () => {
    t = createTestMock();
    const c = t.client();
    const id = await c.newSession();
    expect(body<UploadStatus>(await c.read("getUploadStatus", id)).upload_status).toBe("NO_UPLOAD");
    const up = await c.upload(id, { bankName: "hdfc" });
    expect(up.status).toBe(200);
    const status = body<UploadStatus>(await c.read("getUploadStatus", id));
    expect(status.upload_status).toBe("COMPLETED");
    expect(status.accounts[0].account_status).toBe("COMPLETED");
    expect(body<UploadStatus>(await c.read("getSessionUploadStatus", id))).toEqual(status);

    expect((await c.read("getProgress", id)).status).toBe(400);
    await c.initiate(id);
    expect(body<Progress>(await c.read("getProgress", id)).session_progress).toBe("processing");
    expect((await c.read("getInsights", id)).status).toBe(400);
    t.clock.advance(3000);
    expect(body<Progress>(await c.read("getProgress", id)).session_progress).toBe("completed");
    const ss = body<{ accounts: Array<{ account_status: string }> }>(await c.read("getSessionStatus", id));
    expect(ss.accounts.map((a) => a.account_status)).toEqual(["completed"]);
    expect((await c.read("getInsights", id)).status).toBe(200);
    expect((await c.read("getSubscribedData", id)).status).toBe(200);
    expect((await c.read("getPdfs", id)).status).toBe(200);
  });

  it("progress never goes back while time moves through processing", async () => {
    t = createTestMock();
    const c = t.client();
    const id = await c.newSession();
    await c.upload(id);
    await c.upload(id, { bankName: "sbi" });
    await c.initiate(id);
    const rank = { processing: 0, completed: 1, failed: 1 } as Record<string, number>;
    let previous: number[] = [];
    for (let step = 0; step <= 12; step++) {
      const p = body<Progress>(await c.read("getProgress", id));
      const now = p.progress.flatMap((s) => ["identity_status", "transaction_status", "processing_status", "fraud_status"].map((k) => rank[s[k] as string]));
      if (previous.length) now.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(previous[i]));
      previous = now;
      t.clock.advance(250);
    }
    expect(previous.every((v) => v === 1)).toBe(true);
  });
});

describe("Scenario 2: multibanking", () => {
  it("needs statements from two banks before the upload is COMPLETED, and insights lists both accounts", async () => {
    t = createTestMock();
    const c = t.client();
    const id = await c.newSession({}, { "x-mock-scenario": "multibanking" });
    await c.upload(id, { bankName: "hdfc" });
    expect(body<UploadStatus>(await c.read("getUploadStatus", id)).upload_status).toBe("IN_PROGRESS");
    await c.upload(id, { bankName: "icici" });
    const status = body<UploadStatus>(await c.read("getUploadStatus", id));
    expect(status.upload_status).toBe("COMPLETED");
    expect(status.accounts.map((a) => a.bank_name)).toEqual(["hdfc", "icici"]);
    await finish(t, c, id);
    const insights = body<{ accounts: Array<{ data: { account_details: { bank: string } } }> }>(await c.read("getInsights", id));
    expect(insights.accounts.map((a) => a.data.account_details.bank)).toEqual(["hdfc", "icici"]);
  });
});

describe("Scenario 3: user revisits", () => {
  it("a new session for the same link_id has no link to the first, whose data stays readable", async () => {
    t = createTestMock();
    const c = t.client();
    const first = await c.newSession({ link_id: "revisiting-user" });
    await c.upload(first);
    await finish(t, c, first);
    t.clock.advance(90 * 86_400_000);
    const second = await c.newSession({ link_id: "revisiting-user" });
    expect(second).not.toBe(first);
    expect(body<UploadStatus>(await c.read("getUploadStatus", second)).upload_status).toBe("NO_UPLOAD");
    expect((await c.read("getInsights", first)).status).toBe(200);
    const again = await c.upload(first);
    expect(body<{ error: { code: string } }>(again).error.code).toBe("SESSION_EXPIRED");
  });
});

describe("Scenario 4: user drops off", () => {
  it("returns within the TTL to the same session_id and completes", async () => {
    t = createTestMock();
    const c = t.client();
    const id = await c.newSession({ session_expiry: 60 }, { "x-mock-scenario": "drop_off" });
    await c.upload(id, { bankName: "axis" });
    const partial = body<UploadStatus>(await c.read("getUploadStatus", id));
    expect(partial.upload_status).toBe("IN_PROGRESS");
    expect(partial.accounts[0].account_status).toBe("PARTIAL");
    t.clock.advance(30 * 60_000);
    await c.upload(id, { bankName: "axis" });
    const done = body<UploadStatus>(await c.read("getUploadStatus", id));
    expect(done.upload_status).toBe("COMPLETED");
    expect(done.accounts).toHaveLength(1);
    expect(done.accounts[0].statements).toHaveLength(2);
  });

  it("past the TTL the session is EXPIRED and takes no uploads, but what it holds can still be processed", async () => {
    t = createTestMock();
    const c = t.client();
    const id = await c.newSession({ session_expiry: 5 }, { "x-mock-scenario": "drop_off" });
    await c.upload(id);
    t.clock.advance(5 * 60_000);
    expect(body<UploadStatus>(await c.read("getUploadStatus", id)).upload_status).toBe("EXPIRED");
    expect(body<{ error: { code: string } }>(await c.upload(id)).error.code).toBe("SESSION_EXPIRED");
    expect((await c.initiate(id)).status).toBe(202);
  });
});

describe("illegal transitions answer their documented codes", () => {
  it("reads before initiate, reads while processing, a second initiate, upload after initiate, anything after delete", async () => {
    t = createTestMock();
    const c = t.client();
    const id = await c.newSession();
    await c.upload(id);
    const code = (ex: { body: unknown }) => body<{ error: { code: string } }>(ex).error.code;
    for (const op of ["getProgress", "getSessionStatus", "getInsights", "getSubscribedData"] as const) {
      expect(code(await c.read(op, id))).toBe("PROCESSING_NOT_REQUESTED");
    }
    await c.initiate(id);
    for (const op of ["getSessionStatus", "getInsights", "getSubscribedData"] as const) {
      expect(code(await c.read(op, id))).toBe("PROCESSING_NOT_COMPLETED");
    }
    expect(code(await c.initiate(id))).toBe("DUPLICATE_PROCESSING_REQUEST");
    expect(code(await c.upload(id))).toBe("SESSION_EXPIRED");
    expect((await c.deleteSession(id)).status).toBe(200);
    for (const op of ["getUploadStatus", "getSessionUploadStatus", "getProgress", "getSessionStatus", "getInsights", "getSubscribedData", "getPdfs"] as const) {
      expect(code(await c.read(op, id))).toBe("SESSION_DELETED");
    }
    expect(code(await c.initiate(id))).toBe("SESSION_DELETED");
    expect(code(await c.upload(id))).toBe("SESSION_DELETED");
    expect(code(await c.deleteSession(id))).toBe("SESSION_DELETED");
  });

  it("initiating a session with no upload answers UNPARSABLE_STATEMENTS and leaves it open", async () => {
    t = createTestMock();
    const c = t.client();
    const id = await c.newSession();
    expect(body<{ error: { code: string } }>(await c.initiate(id)).error.code).toBe("UNPARSABLE_STATEMENTS");
    expect(body<UploadStatus>(await c.read("getUploadStatus", id)).upload_status).toBe("NO_UPLOAD");
    expect((await c.upload(id)).status).toBe(200);
  });

  it("twenty simultaneous initiates give exactly one 202", async () => {
    t = createTestMock();
    const c = t.client();
    const id = await c.newSession();
    await c.upload(id);
    const results = await Promise.all(Array.from({ length: 20 }, () => c.initiate(id)));
    expect(results.filter((r) => r.status === 202)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
  });
});

describe("account-level failures after processing", () => {
  it.each(["BALANCE_MISMATCH", "INCOMPLETE_MONTHS", "NULL_ACCOUNT_NUMBER", "MISSING_TRANSACTIONS", "INCOMPLETE_MONTHS_UPLOAD", "INCOMPLETE_DATES_UPLOAD", "UNPARSABLE"])(
    "a %s session ends with the account failed with that code",
    async (scenario) => {
      t = createTestMock();
      const c = t.client();
      const id = await c.newSession({ from_date: "01/01/2024", to_date: "30/06/2024" }, { "x-mock-scenario": scenario });
      await c.upload(id);
      await finish(t, c, id);
      const ss = body<{ accounts: Array<{ account_status: string; error_code: string; error_message: string }> }>(await c.read("getSessionStatus", id));
      expect(ss.accounts[0]).toMatchObject({ account_status: "failed", error_code: scenario });
      expect(ss.accounts[0].error_message.length).toBeGreaterThan(0);
    },
  );
});

describe("tenants and determinism", () => {
  it("one API key never sees another's sessions", async () => {
    t = createTestMock();
    const a = t.client("tenant-a");
    const b = t.client("tenant-b");
    const id = await a.newSession();
    expect(body<{ error: { code: string } }>(await b.read("getUploadStatus", id)).error.code).toBe("SESSION_NOT_FOUND");
    expect(body<{ error: { code: string } }>(await b.deleteSession(id)).error.code).toBe("SESSION_NOT_FOUND");
    expect((await a.read("getUploadStatus", id)).status).toBe(200);
  });

  it("the same seed and the same requests give the same bytes", async () => {
    const run = async () => {
      const m = createTestMock({ seed: "same" });
      const c = m.client();
      const id = await c.newSession();
      const up = await c.upload(id, { file: pdfBytes("fixed-bytes"), bankName: "kotak" });
      await c.initiate(id);
      m.clock.advance(3000);
      const out = [up.body, (await c.read("getInsights", id)).body, (await c.read("getSubscribedData", id)).body, (await c.read("getSessionStatus", id)).body];
      await m.close();
      return JSON.stringify(out);
    };
    const [first, second] = [await run(), await run()];
    expect(first).toBe(second);
    t = createTestMock({ seed: "other" });
    const c = t.client();
    const id = await c.newSession();
    const up = await c.upload(id, { file: pdfBytes("fixed-bytes"), bankName: "kotak" });
    expect(JSON.stringify(up.body)).not.toBe(JSON.stringify(JSON.parse(first)[0]));
  });

  it("serves paths with and without the trailing slash", async () => {
    t = createTestMock();
    const c = t.client();
    const id = await c.newSession();
    const withSlash = await request(t.app).get(`/bank-connect/v1/session_data/${id}/upload_status/`).set(c.auth);
    const without = await request(t.app).get(`/bank-connect/v1/session_data/${id}/upload_status`).set(c.auth);
    expect(withSlash.status).toBe(200);
    expect(without.body).toEqual(withSlash.body);
  });

  it("enforces configured credentials exactly when MOCK_API_KEY / MOCK_SERVER_HASH are set", async () => {
    t = createTestMock({ apiKey: "right", serverHash: "hash" });
    expect((await t.client("wrong", "hash").banks()).status).toBe(403);
    expect((await t.client("right", "wrong").banks()).status).toBe(403);
    expect((await t.client("right", "hash").banks()).status).toBe(200);
    expect((await t.client("wrong").createSession({ api_key: "wrong" })).status).toBe(403);
  });
});
