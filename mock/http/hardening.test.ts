/**
 * Regression tests of issue 13, one per defect found by attacking the mock, each named after what
 * it guards. Every BankConnect answer goes through the spec-checking client; mock-only answers are
 * checked against the control spec's MockError.
 */
import { createHmac } from "node:crypto";
import net from "node:net";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { CONTROL_SPEC_PATH, formatIssues, getContract } from "../../openapi/lib/index.js";
import { multipart } from "../testing/fuzz.js";
import { createTestMock, pdfBytes, type TestMock } from "../testing/spec-client.js";
import type { SendOutcome } from "../webhooks/index.js";

const control = getContract(CONTROL_SPEC_PATH);
type Body = Record<string, any>;

const mocks: TestMock[] = [];
function mockWith(options: Parameters<typeof createTestMock>[0] = {}): TestMock {
  const t = createTestMock({ seed: "hardening", ...options });
  mocks.push(t);
  return t;
}
afterEach(async () => {
  while (mocks.length > 0) await mocks.pop()?.close();
});

function expectMockError(res: { status: number; body: unknown }, status: number, code: string): Body {
  expect({ status: res.status, code: (res.body as Body).error?.code }).toEqual({ status, code });
  const result = control.schemas.validateComponent("MockError", res.body);
  expect(result.ok ? [] : formatIssues(result.errors)).toEqual([]);
  return (res.body as Body).error as Body;
}

const json = (t: TestMock, path: string, body: string, headers: Record<string, string> = {}) =>
  request(t.app).post(path).set({ "content-type": "application/json", ...headers }).send(body);

describe("defect 1: one request killed the process", () => {
  it("clock advance to year 275760 with sessions in flight answers 400 naming the limit, and the server keeps serving", async () => {
    const t = mockWith();
    const c = t.client("k1");
    const sid = await c.newSession();
    await c.upload(sid);
    await c.initiate(sid);
    const res = await request(t.app).post("/__mock/clock/advance").set("x-api-key", "k1").send({ to: "+275760-09-13T00:00:00Z" });
    const error = expectMockError(res, 400, "INVALID_REQUEST");
    expect(error.message).toMatch(/to/);
    expect(error.message).not.toMatch(/Malformed JSON/);
    expect((await c.createSession()).status).toBe(200);
    expect((await c.read("getProgress", sid)).status).toBe(200);
  });

  it("control-API errors say what is wrong instead of 'Malformed JSON body'", async () => {
    const t = mockWith();
    const wrongType = await request(t.app).post("/__mock/clock/advance").set({ "x-api-key": "k", "content-type": "text/plain" }).send("ms=5");
    expect(expectMockError(wrongType, 415, "UNSUPPORTED_MEDIA_TYPE").message).toMatch(/application\/json/);
    const notObject = await json(t, "/__mock/clock/advance", "[1]", { "x-api-key": "k" });
    expect(expectMockError(notObject, 400, "INVALID_REQUEST").message).toMatch(/JSON object/);
    const badMs = await json(t, "/__mock/clock/advance", '{"ms":"soon"}', { "x-api-key": "k" });
    expect(expectMockError(badMs, 400, "INVALID_REQUEST").message).toMatch(/ms must be/);
    const broken = await json(t, "/__mock/clock/advance", "{ms: 5", { "x-api-key": "k" });
    expect(expectMockError(broken, 400, "INVALID_REQUEST").message).toMatch(/Malformed JSON/);
  });
});

describe("defect 2: unbounded work from one session", () => {
  it("a session range wider than --max-range-days answers INVALID_DATE_RANGE naming the limit", async () => {
    const t = mockWith();
    const res = await t.client("k").createSession({ from_date: "01/01/1825", to_date: "31/12/2024" });
    expect(res.status).toBe(400);
    const error = (res.body as Body).error as Body;
    expect(error.code).toBe("INVALID_DATE_RANGE");
    expect(error.message).toMatch(/1096 days/);
  });

  it("a range of exactly the limit is accepted and its upload succeeds", async () => {
    const t = mockWith({ maxRangeDays: 1096 });
    const c = t.client("k");
    const sid = await c.newSession({ from_date: "01/01/2021", to_date: "01/01/2024" });
    expect((await c.upload(sid)).status).toBe(200);
  });
});

describe("defect 3: 500s on bad input", () => {
  it("a JSON body of null on create-session answers 400 INVALID_REQUEST", async () => {
    const t = mockWith();
    const res = await t.client("k").call("createSession", "POST", "/bank-connect/v1/session/", (r) => r.set("content-type", "application/json").send("null"), { "x-api-key": "k" });
    expect(res.status).toBe(400);
    expect((res.body as Body).error.code).toBe("INVALID_REQUEST");
  });

  it("a JSON body of null on update_webhook answers 400 INVALID_REQUEST", async () => {
    const t = mockWith();
    const c = t.client("k");
    const res = await c.call("updateWebhook", "POST", "/bank-connect/v1/session_data/update_webhook/", (r) => r.set("content-type", "application/json").send("null"), c.auth);
    expect(res.status).toBe(400);
    expect((res.body as Body).error.code).toBe("INVALID_REQUEST");
  });

  it("a field nested 10,000 levels deep answers 400 with a short message", async () => {
    const t = mockWith();
    const deep = '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000);
    const body = `{"link_id":${deep},"api_key":"k"}`;
    const res = await t.client("k").call("createSession", "POST", "/bank-connect/v1/session/", (r) => r.set("content-type", "application/json").send(body), {});
    expect(res.status).toBe(400);
    expect(((res.body as Body).error.message as string).length).toBeLessThan(400);
  });

  it("a file_url with a %FF escape is accepted as the file it names, not a 500", async () => {
    const t = mockWith();
    const c = t.client("k");
    const sid = await c.newSession();
    const res = await c.upload(sid, { fileUrl: "https://bank.example/hdfc-%FF.pdf" });
    expect(res.status).toBe(200);
  });
});

describe("defect 4: multipart had no total limit", () => {
  const LIMIT = 64 * 1024;
  const form = (parts: Parameters<typeof multipart>[0]) => ({ body: multipart(parts), type: "multipart/form-data; boundary=fuzzBoundary7MA4YWxk" });

  it("five files that together pass the upload limit answer 413", async () => {
    const t = mockWith({ uploadLimitBytes: LIMIT });
    const c = t.client("k");
    const sid = await c.newSession();
    const f = form([{ name: "session_id", data: Buffer.from(sid) }, ...Array.from({ length: 5 }, (_, i) => ({ name: "file", fileName: `s${i}.pdf`, contentType: "application/pdf", data: Buffer.alloc(LIMIT / 3, 65) }))]);
    const res = await c.call("uploadStatement", "POST", "/bank-connect/v1/statement/upload_session/", (r) => r.set("content-type", f.type).send(f.body), { "x-api-key": "k" });
    expect(res.status).toBe(413);
    expect((res.body as Body).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("twenty text fields that together pass the upload limit answer 413", async () => {
    const t = mockWith({ uploadLimitBytes: LIMIT });
    const c = t.client("k");
    const f = form(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(LIMIT / 10, 66) })));
    const res = await c.call("uploadStatement", "POST", "/bank-connect/v1/statement/upload_session/", (r) => r.set("content-type", f.type).send(f.body), { "x-api-key": "k" });
    expect(res.status).toBe(413);
  });

  it("a part far past the limit is cut off: the 413 arrives while the client is still sending", async () => {
    const t = mockWith({ uploadLimitBytes: LIMIT });
    const server = await t.mock.listen(0);
    const total = 200 * 1024 * 1024;
    const { status, written } = await new Promise<{ status: string; written: number }>((resolve, reject) => {
      const socket = net.connect(server.port, "127.0.0.1");
      let written = 0;
      let answer = "";
      let done = false;
      const chunk = Buffer.alloc(64 * 1024, 67);
      const pump = (): void => {
        while (!done && written < total) {
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once("drain", pump);
        }
      };
      socket.on("connect", () => {
        socket.write(
          "POST /bank-connect/v1/statement/upload_session/ HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\ntransfer-encoding: chunked\r\ncontent-type: multipart/form-data; boundary=b\r\n\r\n",
        );
        pump();
      });
      // Chunked framing is not needed for the server to count bytes: the parser rejects or limits first.
      socket.on("data", (d: Buffer) => {
        answer += d.toString("latin1");
        if (!done && answer.includes("\r\n")) {
          done = true;
          resolve({ status: answer.split("\r\n")[0], written });
          socket.destroy();
        }
      });
      socket.on("error", (err) => (done ? undefined : reject(err)));
    });
    expect(status).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(written).toBeLessThan(total / 4);
  });

  it("a Content-Length past the limit answers 413 before the body is read", async () => {
    const t = mockWith({ uploadLimitBytes: LIMIT });
    const server = await t.mock.listen(0);
    const res = await fetch(`${server.url}/bank-connect/v1/statement/upload_session/`, {
      method: "POST",
      headers: { "x-api-key": "k", "content-type": "multipart/form-data; boundary=b" },
      body: Buffer.alloc(LIMIT * 4, 68),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
  });
});

describe("defect 5: memory grew without bound", () => {
  it("sessions past --max-sessions-per-tenant are refused naming the limit; other keys are unaffected", async () => {
    const t = mockWith({ maxSessionsPerTenant: 2 });
    const c = t.client("k");
    await c.newSession();
    await c.newSession();
    const refused = await c.createSession();
    expect(refused.status).toBe(503);
    expect((refused.body as Body).error.message).toMatch(/max-sessions-per-tenant/);
    expect((await t.client("other").createSession()).status).toBe(200);
  });

  it("a new API key past --max-tenants is refused; known keys keep working", async () => {
    const t = mockWith({ maxTenants: 2 });
    await t.client("a").newSession();
    await t.client("b").newSession();
    const refused = await t.client("c").createSession();
    expect(refused.status).toBe(503);
    expect((refused.body as Body).error.message).toMatch(/max-tenants/);
    expect((await t.client("a").createSession()).status).toBe(200);
  });

  it("statement bytes past --max-stored-bytes are refused; deleting a session frees its bytes", async () => {
    const t = mockWith({ maxStoredBytes: 300 });
    const c = t.client("k");
    const s1 = await c.newSession();
    expect((await c.upload(s1, { file: Buffer.concat([pdfBytes("a"), Buffer.alloc(200, 32)]) })).status).toBe(200);
    const s2 = await c.newSession();
    const refused = await c.upload(s2, { file: Buffer.concat([pdfBytes("b"), Buffer.alloc(200, 32)]) });
    expect(refused.status).toBe(503);
    expect((refused.body as Body).error.message).toMatch(/max-stored-bytes/);
    await c.deleteSession(s1);
    expect((await c.upload(s2, { file: Buffer.concat([pdfBytes("c"), Buffer.alloc(200, 32)]) })).status).toBe(200);
  });

  it("a deleted session is forgotten once its retention has passed", async () => {
    const t = mockWith({ retentionMinutes: 10 });
    const c = t.client("k");
    const sid = await c.newSession();
    await c.deleteSession(sid);
    expect((await c.read("getUploadStatus", sid)).status).toBe(410);
    await request(t.app).post("/__mock/clock/advance").set("x-api-key", "k").send({ ms: 11 * 60_000 });
    expect((await c.read("getUploadStatus", sid)).status).toBe(404);
    expect((await request(t.app).get("/__mock/stats")).body.sessions).toBe(0);
  });

  it("tombstones of deleted sessions are capped like live ones: a fast delete loop cannot outgrow retention", async () => {
    const t = mockWith({ maxSessionsPerTenant: 2 });
    const c = t.client("k");
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const sid = await c.newSession();
      await c.deleteSession(sid);
      ids.push(sid);
    }
    expect((await c.read("getUploadStatus", ids[0])).status).toBe(404);
    expect((await c.read("getUploadStatus", ids[1])).status).toBe(404);
    expect((await c.read("getUploadStatus", ids[3])).status).toBe(410);
    expect(t.mock.lifecycle.sessionCount()).toBe(2);
  });

  it("an expired session is forgotten once its retention has passed", async () => {
    const t = mockWith({ retentionMinutes: 10 });
    const c = t.client("k");
    const sid = await c.newSession({ session_expiry: 5 });
    await request(t.app).post("/__mock/clock/advance").set("x-api-key", "k").send({ ms: 6 * 60_000 });
    expect((await c.read("getUploadStatus", sid)).body).toMatchObject({ upload_status: "EXPIRED" });
    await request(t.app).post("/__mock/clock/advance").set("x-api-key", "k").send({ ms: 11 * 60_000 });
    expect((await c.read("getUploadStatus", sid)).status).toBe(404);
  });

  it("keys that hold nothing (unknown readers, refused creators) allocate no clock or tenant", async () => {
    const t = mockWith({ maxTenants: 1 });
    await t.client("owner").newSession();
    for (let i = 0; i < 20; i++) {
      expect((await t.client(`reader-${i}`).read("getUploadStatus", "nope")).status).toBe(404);
      expect((await t.client(`creator-${i}`).createSession()).status).toBe(503);
    }
    expect(t.mock.clocks.count()).toBe(1);
    expect(t.mock.lifecycle.tenants()).toEqual(["owner"]);
  });

  it("a tenant's events allocate no delivery log while it has no webhook", async () => {
    const t = mockWith();
    const c = t.client("k");
    const sid = await c.newSession();
    await c.upload(sid);
    expect(t.mock.webhooks.stats().tenants_with_log).toBe(0);
  });
});

describe("defect 6: one tenant could change another's world", () => {
  it("advancing one API key's clock leaves another key's sessions and time alone", async () => {
    const t = mockWith();
    const a = t.client("alpha");
    const b = t.client("beta");
    const sa = await a.newSession({ session_expiry: 5 });
    const sb = await b.newSession({ session_expiry: 5 });
    const before = (await request(t.app).get("/__mock/clock").set("x-api-key", "beta")).body.epoch_ms as number;
    const moved = await request(t.app).post("/__mock/clock/advance").set("x-api-key", "alpha").send({ ms: 10 * 60_000 });
    expect(moved.status).toBe(200);
    expect((await a.read("getUploadStatus", sa)).body).toMatchObject({ upload_status: "EXPIRED" });
    expect((await b.read("getUploadStatus", sb)).body).toMatchObject({ upload_status: "NO_UPLOAD" });
    expect((await request(t.app).get("/__mock/clock").set("x-api-key", "beta")).body.epoch_ms).toBe(before);
  });

  it("advancing without an API key is refused; advance-all moves every tenant", async () => {
    const t = mockWith();
    const b = t.client("beta");
    const sb = await b.newSession({ session_expiry: 5 });
    expectMockError(await request(t.app).post("/__mock/clock/advance").send({ ms: 1 }), 403, "ACCESS_DENIED");
    const all = await request(t.app).post("/__mock/clock/advance-all").send({ ms: 10 * 60_000 });
    expect(all.status).toBe(200);
    expect((await b.read("getUploadStatus", sb)).body).toMatchObject({ upload_status: "EXPIRED" });
  });

  it("/__mock/ does not reveal the seed, and a link signed with the seed is refused", async () => {
    const t = mockWith({ seed: "guessable" });
    const info = await request(t.app).get("/__mock/");
    expect(JSON.stringify(info.body)).not.toContain("guessable");
    const c = t.client("k");
    const sid = await c.newSession();
    const up = await c.upload(sid);
    const statementId = (up.body as Body).statement_id as string;
    const expires = t.clock.now() + 10 * 365 * 86_400_000;
    const forged = createHmac("sha256", "guessable/pdf-links").update(`${statementId}:${expires}`).digest("hex").slice(0, 32);
    expectMockError(await request(t.app).get(`/__mock/files/${statementId}?expires=${expires}&signature=${forged}`), 404, "NOT_FOUND");
  });
});

describe("defect 7: exposure", () => {
  it("with a control token, /__mock refuses requests without it and accepts x-mock-control-token", async () => {
    const t = mockWith({ controlToken: "s3cret" });
    expectMockError(await request(t.app).get("/__mock/sessions").set("x-api-key", "k"), 401, "CONTROL_TOKEN_REQUIRED");
    expectMockError(await request(t.app).get("/__mock/sessions").set({ "x-api-key": "k", "x-mock-control-token": "wrong" }), 401, "CONTROL_TOKEN_REQUIRED");
    expect((await request(t.app).get("/__mock/sessions").set({ "x-api-key": "k", "x-mock-control-token": "s3cret" })).status).toBe(200);
    expect((await request(t.app).get("/__mock/sessions").set({ "x-api-key": "k", authorization: "Bearer s3cret" })).status).toBe(200);
  });

  it("listening on a non-loopback interface without a control token is refused before binding", async () => {
    const t = mockWith();
    await expect(t.mock.listen(0, "0.0.0.0")).rejects.toThrow(/control-token/);
  });

  it("stored files are served as application/pdf with nosniff whatever type the uploader claimed", async () => {
    const t = mockWith();
    const c = t.client("k");
    const sid = await c.newSession();
    await c.call(
      "uploadStatement",
      "POST",
      "/bank-connect/v1/statement/upload_session/",
      (r) => r.field("session_id", sid).field("upload_type", "PDF").attach("file", pdfBytes("html"), { filename: "x.html", contentType: "text/html" }),
      { "x-api-key": "k" },
    );
    const pdfs = await c.read("getPdfs", sid);
    const link = new URL(((pdfs.body as Body).statements as Body[])[0].pdf_url as string);
    const file = await request(t.app).get(`${link.pathname}${link.search}`);
    expect(file.status).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("links and redirect_url take their origin from --public-url, not the Host header", async () => {
    const t = mockWith({ publicUrl: "https://mock.example:8443" });
    const c = t.client("k");
    const created = await c.createSession({}, { host: "evil.example" });
    expect((created.body as Body).redirect_url).toMatch(/^https:\/\/mock\.example:8443\/bank-connect\//);
    const sid = (created.body as Body).session_id as string;
    await c.upload(sid);
    const pdfs = await c.read("getPdfs", sid, { host: "evil.example" });
    expect(((pdfs.body as Body).statements as Body[])[0].pdf_url).toMatch(/^https:\/\/mock\.example:8443\/__mock\/files\//);
  });
});

describe("defect 8: smaller ones", () => {
  it("the listening server sets header, request and keep-alive timeouts and a connection cap", async () => {
    const t = mockWith();
    const server = await t.mock.listen(0);
    expect(server.server.headersTimeout).toBeGreaterThan(0);
    expect(server.server.requestTimeout).toBeGreaterThan(0);
    expect(server.server.keepAliveTimeout).toBeGreaterThan(0);
    expect(server.server.maxConnections).toBeGreaterThan(0);
  });

  it("a body trickled slower than the request timeout is cut off", async () => {
    const t = mockWith({ requestTimeoutMs: 300 });
    const server = await t.mock.listen(0);
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect(server.port, "127.0.0.1", () => {
        socket.write("POST /bank-connect/v1/session/ HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{");
      });
      let answer = "";
      socket.on("data", (d: Buffer) => {
        answer += d.toString("latin1");
      });
      socket.on("close", () => resolve(answer.split("\r\n")[0] || "closed"));
      socket.on("error", () => {});
    });
    expect(outcome).toMatch(/408|closed/);
  });

  it("an api_key with surrounding spaces is trimmed, so the x-api-key header reaches the session", async () => {
    const t = mockWith();
    const c = t.client("spaced");
    const sid = await c.newSession({ api_key: "  spaced  " });
    expect((await c.read("getUploadStatus", sid)).status).toBe(200);
  });

  it("HEAD on a GET route answers the GET's status and headers without a body", async () => {
    const t = mockWith();
    const c = t.client("k");
    const sid = await c.newSession();
    const head = await request(t.app).head(`/bank-connect/v1/session_data/${sid}/upload_status/`).set(c.auth);
    expect(head.status).toBe(200);
    expect(head.headers["content-type"]).toMatch(/application\/json/);
    expect(head.text ?? "").toBe("");
    const missing = await request(t.app).head("/bank-connect/v1/session_data/nope/upload_status/").set(c.auth);
    expect(missing.status).toBe(404);
  });
});

describe("defect 9: webhooks that answer after the timeout", () => {
  it("the delivery log shows the per-attempt timeout, the retry budget and a timed-out attempt as such", async () => {
    const t = mockWith({
      webhookTimeoutMs: 20,
      webhookMaxAttempts: 2,
      webhookSend: (_req, signal) => new Promise<SendOutcome>((_resolve, reject) => signal.addEventListener("abort", () => reject(new Error("aborted")))),
    });
    const c = t.client("k");
    await c.updateWebhook({ webhook_url: "http://127.0.0.1:9/hook", webhook_mode: ["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION"] });
    const sid = await c.newSession();
    await c.upload(sid);
    await t.mock.webhooks.whenQuiet();
    const list = await request(t.app).get("/__mock/webhooks/deliveries").set("x-api-key", "k");
    const d = (list.body as Body).deliveries[0] as Body;
    expect(d).toMatchObject({ timeout_ms: 20, max_attempts: 2, attempts_left: 1 });
    expect(d.attempts[0].error).toMatch(/timeout after 20 ms/);
  });
});
