/**
 * What a frontend test does with the handlers: `setupServer`, plain `fetch` against the vendor's
 * real base URL (never reached: unhandled requests are errors), and the handle instead of HTTP for
 * time, transitions and webhooks.
 */
import { getResponse, http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BankConnectMockError, bankConnectHandlers, type WebhookEvent } from "./index.js";

const BASE = "https://apis.bankconnect.finbox.in/bank-connect/v1";
const KEY = "frontend-key";
const AUTH = { "x-api-key": KEY, "server-hash": "frontend-hash" };

const handlers = bankConnectHandlers({ seed: "frontend", clock: "manual" });
const server = setupServer(...handlers);
const events: WebhookEvent[] = [];
const unsubscribe = handlers.mock.onWebhook((e) => events.push(e));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  events.length = 0;
});
afterAll(async () => {
  unsubscribe();
  server.close();
  await handlers.mock.close();
});

async function createSession(link: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${BASE}/session/`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ link_id: link, api_key: KEY, from_date: "01/01/2024", to_date: "31/03/2024" }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { session_id: string }).session_id;
}

function upload(sessionId: string, label: string): Promise<Response> {
  const form = new FormData();
  form.set("session_id", sessionId);
  form.set("upload_type", "PDF");
  form.set("bank_name", "hdfc");
  form.set("file", new File([`%PDF-1.4\n% ${label}\n/Font /F1\n%%EOF\n`], "statement.pdf", { type: "application/pdf" }));
  return fetch(`${BASE}/statement/upload_session/`, { method: "POST", headers: AUTH, body: form });
}

const getJson = async (path: string) => {
  const res = await fetch(`${BASE}${path}`, { headers: AUTH });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe("bankConnectHandlers under setupServer", () => {
  it("runs create → upload → process → insights through fetch, time moved by the handle, webhooks seen in-process", async () => {
    const sid = await createSession("frontend-journey");
    expect((await upload(sid, "journey")).status).toBe(200);
    expect((await getJson(`/session_data/${sid}/upload_status/`)).body.upload_status).toBe("COMPLETED");
    expect(events.map((e) => e.event)).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION"]);
    expect(events[0]).toMatchObject({ tenant: KEY, sessionId: sid, validation: { ok: true }, deliveryId: null });

    expect((await fetch(`${BASE}/session_data/${sid}/initiate_processing/`, { method: "POST", headers: AUTH })).status).toBe(202);
    expect((await getJson(`/session_data/${sid}/insights/`)).body.error.code).toBe("PROCESSING_NOT_COMPLETED");
    handlers.mock.advanceClock(3000);
    expect((await getJson(`/session_data/${sid}/progress/`)).body.session_progress).toBe("completed");
    const insights = await getJson(`/session_data/${sid}/insights/`);
    expect(insights.status).toBe(200);
    expect(insights.body.accounts[0].data.transactions.length).toBeGreaterThan(10);
    expect(events.map((e) => e.event)).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION"]);
  });

  it("advanceClock with an API key moves only that tenant's time; without one it moves every tenant's", async () => {
    const sid = await createSession("frontend-own-clock");
    expect((await fetch(`${BASE}/session_data/${sid}/initiate_processing/`, { method: "POST", headers: AUTH })).status).toBe(400);
    await upload(sid, "own-clock");
    expect((await fetch(`${BASE}/session_data/${sid}/initiate_processing/`, { method: "POST", headers: AUTH })).status).toBe(202);
    const before = handlers.mock.now(KEY);
    const otherBefore = handlers.mock.now("someone-else");
    handlers.mock.advanceClock(3000, "someone-else");
    // Another key's clock moved: ours did not, so processing is still pending.
    expect(handlers.mock.now(KEY)).toBe(before);
    expect((await getJson(`/session_data/${sid}/progress/`)).body.session_progress).not.toBe("completed");
    handlers.mock.advanceClock(3000, KEY);
    expect(handlers.mock.now(KEY)).toBe(before + 3000);
    expect((await getJson(`/session_data/${sid}/progress/`)).body.session_progress).toBe("completed");
    handlers.mock.advanceClock(1000);
    expect(handlers.mock.now(KEY)).toBe(before + 4000);
    expect(handlers.mock.now("someone-else")).toBe(otherBefore + 4000);
    events.length = 0;
  });

  it("lists sessions, forces transitions and reports refusals as BankConnectMockError with the envelope's code", async () => {
    const sid = await createSession("frontend-handle");
    expect(handlers.mock.sessions(KEY).map((s) => s.session_id)).toContain(sid);
    expect(handlers.mock.sessions("another-tenant")).toEqual([]);
    const expired = handlers.mock.transition(KEY, sid, { action: "expire" });
    expect(expired.phase).toBe("EXPIRED");
    expect(events.map((e) => e.event)).toEqual(["SESSION_EXPIRY_NOTIFICATION"]);
    expect((await upload(sid, "too-late")).status).toBe(400);
    expect(() => handlers.mock.session(KEY, "00000000-0000-4000-8000-000000000000")).toThrow(BankConnectMockError);
    try {
      handlers.mock.transition(KEY, sid, { action: "fail_account" } as never);
    } catch (err) {
      expect(err).toMatchObject({ status: 400, code: "INVALID_REQUEST" });
    }
  });

  it("delivers to a webhook_url another MSW handler serves, with the secret echoed", async () => {
    const received: Array<{ secret: string | null; body: any }> = [];
    server.use(
      http.post("https://app.example/hooks", async ({ request }) => {
        received.push({ secret: request.headers.get("x-secret-key"), body: await request.json() });
        return HttpResponse.json({ ok: true });
      }),
    );
    const hook = await fetch(`${BASE}/session_data/update_webhook/`, {
      method: "POST",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify({ webhook_url: "https://app.example/hooks", webhook_mode: ["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION"], webhook_secret: "s3cret" }),
    });
    expect(hook.status).toBe(200);
    const sid = await createSession("frontend-webhook");
    await upload(sid, "webhook");
    await handlers.mock.core.webhooks.idle();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ secret: "s3cret", body: { session_id: sid, event_name: "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION" } });
    expect(handlers.mock.deliveries(KEY, sid)[0]).toMatchObject({ status: "delivered" });
  });

  it("answers x-mock-* headers as the Express mock does: a forced code, and a dropped connection as a network error", async () => {
    const sid = await createSession("frontend-faults");
    const forced = await fetch(`${BASE}/session_data/${sid}/progress/`, { headers: { ...AUTH, "x-mock-scenario": "AUTHENTICATION_CREDENTIALS_NOT_PROVIDED" } });
    expect([forced.status, ((await forced.json()) as any).error.code]).toEqual([401, "AUTHENTICATION_CREDENTIALS_NOT_PROVIDED"]);
    await expect(fetch(`${BASE}/session_data/${sid}/progress/`, { headers: { ...AUTH, "x-mock-fault": "drop" } })).rejects.toThrow(TypeError);
  });

  it("lets a test override one operation with server.use and leaves the rest to the mock", async () => {
    server.use(http.get("*/bank-connect/v1/banks/catalogue/", () => HttpResponse.json({ count: 0, banks: [] })));
    expect((await getJson("/banks/catalogue/")).body).toEqual({ count: 0, banks: [] });
    expect((await getJson("/nowhere/")).status).toBe(404);
  });

  it("reset() starts afresh: the same requests give the same ids again; reset(key) forgets one tenant", async () => {
    await handlers.mock.reset();
    const first = await createSession("frontend-reset");
    await handlers.mock.reset();
    expect(await createSession("frontend-reset")).toBe(first);
    await handlers.mock.reset(KEY);
    expect(handlers.mock.sessions(KEY)).toEqual([]);
    expect((await getJson(`/session_data/${first}/upload_status/`)).body.error.code).toBe("SESSION_NOT_FOUND");
  });
});

describe("bankConnectHandlers options", () => {
  it("baseUrl restricts the handlers to an origin and path, and links point back through it", async () => {
    const scoped = bankConnectHandlers({ seed: "scoped", clock: "manual", baseUrl: "https://gateway.example/api" });
    const create = (url: string) =>
      getResponse(scoped, new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ link_id: "scoped", api_key: KEY }) }));
    expect(await create("https://elsewhere.example/api/bank-connect/v1/session/")).toBeUndefined();
    expect(await create("https://gateway.example/bank-connect/v1/session/")).toBeUndefined();
    const res = await create("https://gateway.example/api/bank-connect/v1/session/");
    expect(res?.status).toBe(200);
    const body = (await res?.json()) as { redirect_url: string };
    expect(body.redirect_url.startsWith("https://gateway.example/api/bank-connect/journey/")).toBe(true);
    await scoped.mock.close();
  });

  it("refuses a startTime that is not a time, saying what it got", () => {
    expect(() => bankConnectHandlers({ clock: "manual", startTime: "yesterday" })).toThrow(/startTime must be an ISO 8601 time or epoch ms; got "yesterday"/);
  });
});
