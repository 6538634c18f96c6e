import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sharedChecker } from "../../openapi/lib/checker.js";
import { formatViolation } from "../../openapi/lib/exchange.js";
import { CONTROL_SPEC_PATH, formatIssues, getContract } from "../../openapi/lib/index.js";
import { createTestMock, pdfBytes, type SpecClient, type TestMock } from "../testing/spec-client.js";

const control = getContract(CONTROL_SPEC_PATH);

let t: TestMock;
let a: SpecClient;
beforeEach(() => {
  t = createTestMock({ seed: "web-routes" });
  a = t.client("tenant-web");
});
afterEach(() => t.close());

function expectComponent(name: string, body: unknown): void {
  const result = control.schemas.validateComponent(name, body);
  expect(result.ok ? [] : formatIssues(result.errors), name).toEqual([]);
}

/** A page upload must answer exactly what the API's uploadStatement documents. */
function expectUploadContract(res: request.Response): void {
  const violations = sharedChecker().checkResponse(
    { operationId: "uploadStatement", method: "POST", path: "/v1/statement/upload_session/", template: "/v1/statement/upload_session/", headers: {} },
    { status: res.status, contentType: res.headers["content-type"], text: res.text, json: res.body },
  );
  expect(violations.map(formatViolation)).toEqual([]);
}

const journey = (sid: string) => `/bank-connect/journey/?session_id=${encodeURIComponent(sid)}`;
const state = (sid: string) => request(t.app).get(`/bank-connect/journey/api/session?session_id=${encodeURIComponent(sid)}`);
const pageUpload = (sid: string, file = pdfBytes(), name = "statement.pdf", headers: Record<string, string> = {}) =>
  request(t.app)
    .post(`/bank-connect/journey/api/upload?session_id=${encodeURIComponent(sid)}`)
    .set(headers)
    .field("session_id", sid)
    .field("upload_type", "PDF")
    .field("bank_name", "hdfc")
    .attach("file", file, name);

describe("the journey page at redirect_url", () => {
  it("is served at the redirect_url create-session hands out, as HTML that loads nothing from elsewhere", async () => {
    const created = await a.createSession({ redirect_url: "https://client.example/done" });
    const url = new URL((created.body as { redirect_url: string }).redirect_url);
    const res = await request(t.app).get(`${url.pathname}${url.search}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.text).toContain('src="/bank-connect/journey/assets/journey.js"');
    expect(res.text).not.toMatch(/https?:\/\//);
    for (const asset of ["journey.js", "api.js", "events.js", "sample-pdf.js", "journey.css"]) {
      const file = await request(t.app).get(`/bank-connect/journey/assets/${asset}`);
      expect({ asset, status: file.status }).toEqual({ asset, status: 200 });
      expect(file.text).not.toMatch(/(import|from|url\()\s*["']?https?:/);
    }
  });

  it("answers 404 for an unknown session, 410 for a deleted or expired one, 400 without session_id", async () => {
    expect((await request(t.app).get(journey("no-such-session"))).status).toBe(404);
    expect((await request(t.app).get("/bank-connect/journey/")).status).toBe(400);
    const deleted = await a.newSession();
    await a.deleteSession(deleted);
    expect((await request(t.app).get(journey(deleted))).status).toBe(410);
    const expired = await a.newSession();
    expect((await a.control("post", `/sessions/${expired}/transition`, { action: "expire" })).status).toBe(200);
    expect((await request(t.app).get(journey(expired))).status).toBe(410);
  });

  it("never serves files outside the page's own assets", async () => {
    for (const path of ["/bank-connect/journey/assets/routes.ts", "/bank-connect/journey/assets/..%2Froutes.ts", "/bank-connect/journey/assets/index.html"]) {
      expect({ path, status: (await request(t.app).get(path)).status }).toEqual({ path, status: 404 });
    }
  });
});

describe("the page's own routes", () => {
  it("session state: the documented shape, upload_status exactly as the API answers it, documented errors", async () => {
    const sid = await a.newSession({ bank_name: "sbi", redirect_url: "https://client.example/done" });
    const res = await state(sid);
    expect(res.status).toBe(200);
    expectComponent("JourneyState", res.body);
    expect(res.body).toMatchObject({ session_id: sid, link_id: "customer-1", bank_name: "sbi", redirect_url: "https://client.example/done", phase: "NO_UPLOAD", closed: null });
    expect(res.body.upload_status).toEqual((await a.read("getUploadStatus", sid)).body);

    const missing = await state("nope");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: "SESSION_NOT_FOUND", message: "The provided session ID is invalid" });
    expectComponent("MockError", missing.body);
    await a.deleteSession(sid);
    const gone = await state(sid);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe("SESSION_DELETED");
  });

  it("a session whose processing started is closed to the page with the upload's documented code", async () => {
    const sid = await a.newSession();
    await a.upload(sid);
    await a.initiate(sid);
    const res = await state(sid);
    expectComponent("JourneyState", res.body);
    expect(res.body.closed).toMatchObject({ code: "SESSION_EXPIRED" });
    expect((await request(t.app).get(journey(sid))).status).toBe(410);
  });

  it("options: banks for the picker and the same scenario catalogue as x-mock-scenario", async () => {
    const res = await request(t.app).get("/bank-connect/journey/api/options");
    expect(res.status).toBe(200);
    expectComponent("JourneyOptions", res.body);
    const scenarios = (await request(t.app).get("/__mock/scenarios")).body;
    expect(res.body.session_scenarios.map((s: { name: string }) => s.name)).toEqual(scenarios.session.map((s: { name: string }) => s.name));
    const codes = res.body.upload_outcomes.map((o: { code: string }) => o.code);
    for (const s of scenarios.statement) expect(codes).toContain(s.code);
    expect(codes).toContain("TRIAL_PERIOD_EXPIRED");
    expect(res.body.banks.map((b: { identifier: string }) => b.identifier)).toEqual(expect.arrayContaining(["hdfc", "sbi", "icici"]));
  });

  it("uploads run the API's own upload operation as the session's tenant: same bodies, codes, journal", async () => {
    const sid = await a.newSession();
    const ok = await pageUpload(sid);
    expect(ok.status).toBe(200);
    expectUploadContract(ok);
    const status = (await a.read("getUploadStatus", sid)).body as { upload_status: string; accounts: unknown[] };
    expect(status.upload_status).toBe("COMPLETED");

    const forced = await pageUpload(sid, pdfBytes(), "b.pdf", { "x-mock-scenario": "PASSWORD_INCORRECT" });
    expect(forced.status).toBe(400);
    expect(forced.body.error.code).toBe("PASSWORD_INCORRECT");
    expectUploadContract(forced);
    const trial = await pageUpload(sid, pdfBytes(), "c.pdf", { "x-mock-scenario": "TRIAL_PERIOD_EXPIRED" });
    expect(trial.body.error.code).toBe("TRIAL_PERIOD_EXPIRED");
    expectUploadContract(trial);

    // The page's own reads are not journaled; its uploads are, as the API operation they are.
    expect(t.mock.journal.list("tenant-web").filter((e) => e.path.startsWith("/bank-connect/journey/") && e.method === "GET")).toEqual([]);
    const journal = t.mock.journal.list("tenant-web").filter((e) => e.path === "/bank-connect/journey/api/upload");
    expect(journal.map((e) => [e.operation_id, e.status, e.error_code])).toEqual([
      ["uploadStatement", 402, "TRIAL_PERIOD_EXPIRED"],
      ["uploadStatement", 400, "PASSWORD_INCORRECT"],
      ["uploadStatement", 200, null],
    ]);
    // Links to files uploaded from the page work like any other.
    const pdfs = (await a.read("getPdfs", sid)).body as { statements: Array<{ pdf_url: string }> };
    const link = new URL(pdfs.statements[0].pdf_url);
    expect((await request(t.app).get(`${link.pathname}${link.search}`)).status).toBe(200);
  });

  it("an upload for an unknown or deleted session answers the upload envelope with the documented code", async () => {
    const res = await pageUpload("no-such-session");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ session_id: "", statement_id: "", error: { code: "SESSION_NOT_FOUND", message: "The provided session ID is invalid" } });
    expectComponent("UploadErrorEnvelope", res.body);
  });

  it("the mock-only scenario picker sets the session scenario through the lifecycle, before the first upload only", async () => {
    const sid = await a.newSession();
    const set = await request(t.app).post(`/bank-connect/journey/api/scenario?session_id=${sid}`).send({ scenario: "multibanking" });
    expect(set.status).toBe(200);
    expectComponent("JourneyState", set.body);
    expect(set.body.scenario).toBe("multibanking");
    expect((await a.control("get", `/sessions/${sid}`)).body.scenario).toBe("multibanking");
    await pageUpload(sid);
    const late = await request(t.app).post(`/bank-connect/journey/api/scenario?session_id=${sid}`).send({ scenario: "FRAUD" });
    expect(late.status).toBe(400);
    expectComponent("MockError", late.body);
    expect(late.body.error.message).toMatch(/before the first upload/);
  });
});

describe("the dashboard's files", () => {
  it("are served under /__mock/ui/ (the bare path redirects) and not at all with the control API off", async () => {
    expect((await request(t.app).get("/__mock/ui")).headers.location).toBe("/__mock/ui/");
    const page = await request(t.app).get("/__mock/ui/");
    expect(page.status).toBe(200);
    expect(page.text).toContain("dashboard.js");
    for (const asset of ["dashboard.js", "dashboard.css", "render.js", "control.js"]) expect((await request(t.app).get(`/__mock/ui/${asset}`)).status).toBe(200);
    const off = createTestMock({ control: false });
    try {
      expect((await request(off.app).get("/__mock/ui/")).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
