import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { parseServerArgs as parseCli } from "../cli/program.js";
import { CONTROL_SPEC_PATH, formatIssues, getContract } from "../../openapi/lib/index.js";
import { createTestMock, type TestMock } from "../testing/spec-client.js";
import { CORS_ALLOW_HEADERS, corsPolicy, normalizeOrigin } from "./cors.js";

const APP = "http://localhost:3000";
const control = getContract(CONTROL_SPEC_PATH);

let t: TestMock | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function preflight(app: TestMock["app"], path: string, method: string, origin = APP, headers = "content-type, x-api-key") {
  return request(app).options(path).set("origin", origin).set("access-control-request-method", method).set("access-control-request-headers", headers);
}

function headerList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
}

describe("CORS preflight, on by default", () => {
  it("answers 204 on an API route with the request's origin, the route's methods and every header a client sends", async () => {
    t = createTestMock();
    const res = await preflight(t.app, "/bank-connect/v1/session/", "POST");
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(APP);
    expect(headerList(res.headers["access-control-allow-methods"])).toEqual(["post", "options"]);
    expect(headerList(res.headers["access-control-allow-headers"])).toEqual(expect.arrayContaining(["content-type", "x-api-key", "server-hash", "x-mock-scenario", "x-mock-delay-ms", "x-mock-fault"]));
    expect(headerList(res.headers["access-control-expose-headers"])).toEqual(expect.arrayContaining(["retry-after", "x-webhook-delivery-id"]));
    expect(res.headers["access-control-max-age"]).toBe("600");
    expect(res.headers.vary).toMatch(/origin/i);
  });

  it("allows exactly the methods of each route, from the specs (API and control)", async () => {
    t = createTestMock();
    const cases: Array<[string, string[]]> = [
      ["/bank-connect/v1/session_data/abc/delete/", ["delete"]],
      ["/bank-connect/v1/session_data/abc/progress", ["get"]],
      ["/bank-connect/v1/statement/upload_session/", ["post"]],
      ["/__mock/sessions/abc/transition", ["post"]],
      ["/__mock/clock", ["get"]],
      ["/__mock/sessions/abc/responses", ["get"]],
      ["/bank-connect/journey/api/upload", ["post"]],
    ];
    for (const [path, methods] of cases) {
      const res = await preflight(t.app, path, methods[0].toUpperCase());
      expect({ path, status: res.status, methods: headerList(res.headers["access-control-allow-methods"]) }).toEqual({ path, status: 204, methods: [...methods, "options"] });
    }
  });

  it("reflects extra request headers a client adds (tracing ids), after the known ones", async () => {
    t = createTestMock();
    const res = await preflight(t.app, "/bank-connect/v1/banks/catalogue/", "GET", APP, "x-api-key, X-Request-Id");
    const allowed = headerList(res.headers["access-control-allow-headers"]);
    expect(allowed.slice(0, CORS_ALLOW_HEADERS.length)).toEqual([...CORS_ALLOW_HEADERS]);
    expect(allowed).toContain("x-request-id");
  });

  it("lets an unknown path's preflight through so the real request gets the mock's 404 message", async () => {
    t = createTestMock();
    const res = await preflight(t.app, "/bank-connect/v2/nothing", "GET");
    expect(res.status).toBe(204);
    const real = await request(t.app).get("/bank-connect/v2/nothing").set("origin", APP);
    expect(real.status).toBe(404);
    expect(real.headers["access-control-allow-origin"]).toBe(APP);
  });

  it("answers a plain OPTIONS (no preflight headers) with 204 and Allow", async () => {
    t = createTestMock();
    const res = await request(t.app).options("/bank-connect/v1/session/");
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe("POST, OPTIONS");
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("keeps preflights out of the journal", async () => {
    t = createTestMock();
    await preflight(t.app, "/bank-connect/v1/banks/catalogue/", "GET");
    await request(t.app).get("/bank-connect/v1/banks/catalogue/").set("x-api-key", "k").set("server-hash", "h").set("origin", APP);
    expect(t.mock.journal.list("k").map((e) => e.method)).toEqual(["GET"]);
  });
});

describe("CORS headers on actual responses", () => {
  it("are on successes, on error envelopes and on the 503 fault whose retry-after a client must read", async () => {
    t = createTestMock();
    const created = await request(t.app).post("/bank-connect/v1/session/").set("origin", APP).send({ link_id: "l", api_key: "k" });
    expect(created.status).toBe(200);
    expect(created.headers["access-control-allow-origin"]).toBe(APP);
    const denied = await request(t.app).get(`/bank-connect/v1/session_data/${created.body.session_id}/progress/`).set("origin", APP);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("ACCESS_DENIED");
    expect(denied.headers["access-control-allow-origin"]).toBe(APP);
    const fault = await request(t.app).get("/bank-connect/v1/banks/catalogue/").set({ origin: APP, "x-api-key": "k", "server-hash": "h", "x-mock-fault": "503" });
    expect(fault.status).toBe(503);
    expect(fault.headers["retry-after"]).toBe("1");
    expect(fault.headers["access-control-allow-origin"]).toBe(APP);
    expect(headerList(fault.headers["access-control-expose-headers"])).toContain("retry-after");
    const ctrl = await request(t.app).get("/__mock/sessions").set("origin", APP);
    expect(ctrl.status).toBe(403);
    expect(ctrl.headers["access-control-allow-origin"]).toBe(APP);
  });
});

describe("restricting and disabling CORS", () => {
  it("--cors-origin: only listed origins are echoed; another origin's preflight answers 403 saying how to allow it", async () => {
    t = createTestMock({ cors: { origins: [APP, "https://app.example.test/"] } });
    expect(t.mock.options.corsOrigins).toEqual([APP, "https://app.example.test"]);
    const ok = await preflight(t.app, "/bank-connect/v1/session/", "POST", "https://app.example.test");
    expect(ok.status).toBe(204);
    expect(ok.headers["access-control-allow-origin"]).toBe("https://app.example.test");
    const other = await preflight(t.app, "/bank-connect/v1/session/", "POST", "http://evil.test");
    expect(other.status).toBe(403);
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
    expect(other.body.error.message).toContain("--cors-origin http://evil.test");
    const valid = control.schemas.validateComponent("MockError", other.body);
    expect(valid.ok ? [] : formatIssues(valid.errors)).toEqual([]);
    const actual = await request(t.app).post("/bank-connect/v1/session/").set("origin", "http://evil.test").send({ link_id: "l", api_key: "k" });
    expect(actual.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("--no-cors: no CORS headers, and OPTIONS on the API is the 405 it always was", async () => {
    t = createTestMock({ cors: false });
    const res = await preflight(t.app, "/bank-connect/v1/session/", "POST");
    expect(res.status).toBe(405);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    const actual = await request(t.app).post("/bank-connect/v1/session/").set("origin", APP).send({ link_id: "l", api_key: "k" });
    expect(actual.status).toBe(200);
    expect(actual.headers["access-control-allow-origin"]).toBeUndefined();
    expect(t.mock.options.corsOrigins).toBeNull();
  });

  it("normalizes origins and rejects what is not one", () => {
    expect(normalizeOrigin("HTTP://LocalHost:3000/")).toBe("http://localhost:3000");
    expect(normalizeOrigin("*")).toBe("*");
    for (const bad of ["localhost:3000", "http://x.test/app", "ftp://x.test", "http://x.test/?q=1"]) expect(normalizeOrigin(bad)).toBeNull();
    expect(() => corsPolicy({ origins: ["http://x.test/app"] })).toThrow(/not an origin/);
    expect(corsPolicy({ origins: ["*"] })?.origins).toBeNull();
  });

  it("the CLI: --cors-origin repeats, MOCK_CORS_ORIGINS is a list, --no-cors turns it off, nonsense is refused", () => {
    expect(parseCli([], {}).server.cors).toBe(true);
    expect(parseCli(["--cors-origin", APP, "--cors-origin", "http://127.0.0.1:5173"], {}).server.cors).toEqual({ origins: [APP, "http://127.0.0.1:5173"] });
    expect(parseCli([], { MOCK_CORS_ORIGINS: `${APP}, http://a.test` }).server.cors).toEqual({ origins: [APP, "http://a.test"] });
    expect(parseCli(["--no-cors"], {}).server.cors).toBe(false);
    expect(() => parseCli(["--cors-origin", "localhost:3000"], {})).toThrow(/--cors-origin must be an origin/);
    expect(() => parseCli(["--no-cors", "--cors-origin", APP], {})).toThrow(/contradict/);
  });
});

describe("what the journal keeps", () => {
  it("keeps client requests and control actions, not preflights, control reads or page reads", async () => {
    const { isJournaled } = await import("./journal.js");
    expect(isJournaled("OPTIONS", "/bank-connect/v1/session/")).toBe(false);
    expect(isJournaled("GET", "/__mock/sessions")).toBe(false);
    expect(isJournaled("GET", "/__mock")).toBe(false);
    expect(isJournaled("GET", "/__mock/ui/dashboard.js")).toBe(false);
    expect(isJournaled("GET", "/bank-connect/journey/?session_id=x")).toBe(false);
    expect(isJournaled("POST", "/__mock/sessions/x/transition")).toBe(true);
    expect(isJournaled("POST", "/bank-connect/journey/api/upload?session_id=x")).toBe(true);
    expect(isJournaled("GET", "/bank-connect/v1/banks/catalogue/")).toBe(true);
    expect(isJournaled("GET", "/__mockery")).toBe(true);
  });
});
