import { afterEach, describe, expect, it } from "vitest";
import { createClock, type Clock } from "../core/clock.js";
import { backoffCeiling } from "./backoff.js";
import { createWebhookDispatcher, type WebhookDispatcher, type WebhookDispatcherOptions } from "./dispatcher.js";
import type { WebhookEventName } from "./events.js";
import { freePort, startReceiver, type TestReceiver } from "./test-receiver.js";
import { createHttpSender, type WebhookSend } from "./sender.js";
import type { PayloadValidator } from "./types.js";

const TENANT = "api-key-a";
const OTHER = "api-key-b";
const ALL: WebhookEventName[] = [
  "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION",
  "ENRICHMENT_NOTIFICATION",
  "SESSION_EXPIRY_NOTIFICATION",
];
const alwaysValid: PayloadValidator = () => ({ ok: true });

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function receiver(...args: Parameters<typeof startReceiver>): Promise<TestReceiver> {
  const r = await startReceiver(...args);
  cleanups.push(() => r.close());
  return r;
}

function setup(options: Partial<WebhookDispatcherOptions> = {}): { clock: Clock; dispatcher: WebhookDispatcher } {
  const clock = createClock({ mode: "manual" });
  const sender = options.send ? undefined : createHttpSender();
  const dispatcher = createWebhookDispatcher({ clock, validate: alwaysValid, send: sender?.send ?? (options.send as WebhookSend), ...options });
  cleanups.push(async () => sender?.close());
  cleanups.push(async () => {
    await dispatcher.close();
    clock.dispose();
  });
  return { clock, dispatcher };
}

function payload(sessionId: string, event: WebhookEventName, extra: Record<string, unknown> = {}): object {
  return { session_id: sessionId, event_name: event, accounts: [], ...extra };
}

function emit(d: WebhookDispatcher, tenant: string, sessionId: string, event: WebhookEventName, extra?: Record<string, unknown>) {
  return d.emit(tenant, { event, sessionId, payload: payload(sessionId, event, extra) });
}

function configure(d: WebhookDispatcher, tenant: string, url: string, modes: WebhookEventName[] = ALL, secret?: string): void {
  const result = d.configure(tenant, { webhook_url: url, webhook_mode: modes, secret });
  expect(result.ok).toBe(true);
}

/** Moves the manual clock exactly to the delivery's scheduled retry. */
function advanceToRetry(clock: Clock, d: WebhookDispatcher, tenant: string, id: string): void {
  const next = d.getDelivery(tenant, id)?.next_attempt_at;
  expect(next).toBeTypeOf("string");
  clock.set(Date.parse(next as string));
}

describe("webhook delivery against a real receiver", () => {
  it("delivers on the first try with JSON body and the documented headers", async () => {
    const r = await receiver();
    const { dispatcher } = setup();
    configure(dispatcher, TENANT, r.url);

    const { delivery } = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION");
    await dispatcher.idle();

    expect(r.requests).toHaveLength(1);
    const [req] = r.requests;
    expect(req.body).toEqual(payload("s1", "ENRICHMENT_NOTIFICATION"));
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["user-agent"]).toBe("BankConnect-Mock-Webhooks/1");
    expect(req.headers["x-webhook-delivery-id"]).toBe(delivery?.delivery_id);
    expect(req.headers["x-secret-key"]).toBeUndefined();

    const record = dispatcher.getDelivery(TENANT, delivery?.delivery_id ?? "");
    expect(record?.status).toBe("delivered");
    expect(record?.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status_code: 200, error: null, at: record?.created_at }),
    ]);
    expect(record?.next_attempt_at).toBeNull();
    expect(dispatcher.stats()).toMatchObject({ delivered: 1, failed: 0, attempts: 1, in_flight: 0, active: 0 });
  });

  it("retries a 500 only once the clock reaches the back-off, never by sleeping", async () => {
    const r = await receiver((_req, i) => (i === 0 ? 500 : 200));
    const { clock, dispatcher } = setup();
    configure(dispatcher, TENANT, r.url);
    const id = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION").delivery?.delivery_id ?? "";

    await dispatcher.whenQuiet();
    const waiting = dispatcher.getDelivery(TENANT, id);
    expect(waiting?.status).toBe("retrying");
    expect(waiting?.attempts[0]).toMatchObject({ status_code: 500, error: "HTTP 500" });
    const delay = Date.parse(waiting?.next_attempt_at ?? "") - clock.now();
    // Equal jitter on the first retry: between half and all of retryBaseMs.
    expect(delay).toBeGreaterThanOrEqual(500);
    expect(delay).toBeLessThanOrEqual(1000);

    clock.advance(delay - 1);
    await dispatcher.whenQuiet();
    expect(r.requests).toHaveLength(1);

    clock.advance(1);
    await dispatcher.idle();
    expect(r.requests).toHaveLength(2);
    expect(r.requests[1].headers["x-webhook-delivery-id"]).toBe(id);
    const done = dispatcher.getDelivery(TENANT, id);
    expect(done?.status).toBe("delivered");
    expect(done?.attempts.map((a) => a.status_code)).toEqual([500, 200]);
    expect(done?.attempts[1].at).toBe(waiting?.next_attempt_at);
  });

  it("treats a receiver that never answers as a timeout and retries", async () => {
    const r = await receiver((_req, i) => (i === 0 ? "hang" : 200));
    const { clock, dispatcher } = setup({ timeoutMs: 100 });
    configure(dispatcher, TENANT, r.url);
    const id = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION").delivery?.delivery_id ?? "";

    await dispatcher.whenQuiet();
    const first = dispatcher.getDelivery(TENANT, id);
    expect(first?.attempts[0]).toMatchObject({ status_code: null, error: expect.stringMatching(/^timeout after 100 ms/) });
    expect(first?.attempts[0].latency_ms).toBeGreaterThanOrEqual(90);

    advanceToRetry(clock, dispatcher, TENANT, id);
    await dispatcher.idle();
    expect(dispatcher.getDelivery(TENANT, id)?.status).toBe("delivered");
    expect(r.requests).toHaveLength(2);
  });

  it("keeps retrying a refused connection until the receiver comes up", async () => {
    const port = await freePort();
    const { clock, dispatcher } = setup();
    configure(dispatcher, TENANT, `http://127.0.0.1:${port}/hook`);
    const id = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION").delivery?.delivery_id ?? "";

    await dispatcher.whenQuiet();
    expect(dispatcher.getDelivery(TENANT, id)?.attempts[0].error).toMatch(/ECONNREFUSED/);
    advanceToRetry(clock, dispatcher, TENANT, id);
    await dispatcher.whenQuiet();
    expect(dispatcher.getDelivery(TENANT, id)?.attempts).toHaveLength(2);

    const r = await receiver(() => 200, port);
    advanceToRetry(clock, dispatcher, TENANT, id);
    await dispatcher.idle();
    const record = dispatcher.getDelivery(TENANT, id);
    expect(record?.status).toBe("delivered");
    expect(record?.attempts.map((a) => a.status_code)).toEqual([null, null, 200]);
    expect(r.requests).toHaveLength(1);
  });

  it("holds a session's next event until the previous one is delivered", async () => {
    const r = await receiver((_req, i) => (i === 0 ? 500 : 200));
    const { clock, dispatcher } = setup();
    configure(dispatcher, TENANT, r.url);
    const first = emit(dispatcher, TENANT, "s1", "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION").delivery;
    const second = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION").delivery;
    emit(dispatcher, TENANT, "s2", "ENRICHMENT_NOTIFICATION");

    await dispatcher.whenQuiet();
    // s2 is independent and goes straight through; s1's second event waits behind the retry.
    const seen = () => r.requests.map((q) => `${(q.body as { session_id: string }).session_id}:${q.headers["x-webhook-delivery-id"]}`);
    expect(seen()).toHaveLength(2);
    expect(seen()).not.toContain(`s1:${second?.delivery_id}`);
    expect(dispatcher.getDelivery(TENANT, second?.delivery_id ?? "")?.attempts).toHaveLength(0);

    advanceToRetry(clock, dispatcher, TENANT, first?.delivery_id ?? "");
    await dispatcher.idle();
    const s1 = seen().filter((s) => s.startsWith("s1:"));
    expect(s1).toEqual([`s1:${first?.delivery_id}`, `s1:${first?.delivery_id}`, `s1:${second?.delivery_id}`]);
  });

  it("releases a session's next event once the previous one is given up", async () => {
    const r = await receiver((req) => ((req.body as { event_name: string }).event_name === "ENRICHMENT_NOTIFICATION" ? 200 : 503));
    const { clock, dispatcher } = setup({ maxAttempts: 2 });
    configure(dispatcher, TENANT, r.url);
    const first = emit(dispatcher, TENANT, "s1", "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION").delivery;
    const second = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION").delivery;

    await dispatcher.whenQuiet();
    advanceToRetry(clock, dispatcher, TENANT, first?.delivery_id ?? "");
    await dispatcher.idle();
    expect(dispatcher.getDelivery(TENANT, first?.delivery_id ?? "")?.status).toBe("failed");
    expect(dispatcher.getDelivery(TENANT, second?.delivery_id ?? "")?.status).toBe("delivered");
    expect(r.requests.map((q) => (q.body as { event_name: string }).event_name)).toEqual([
      "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION",
      "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION",
      "ENRICHMENT_NOTIFICATION",
    ]);
  });

  it("never sends a delivery again after it succeeded", async () => {
    const r = await receiver();
    const { clock, dispatcher } = setup();
    configure(dispatcher, TENANT, r.url);
    emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION");
    await dispatcher.idle();

    expect(clock.pending()).toBe(0);
    clock.advance(24 * 3600 * 1000);
    await dispatcher.idle();
    expect(r.requests).toHaveLength(1);
    expect(dispatcher.stats()).toMatchObject({ attempts: 1, retries: 0, delivered: 1 });
  });

  it("gives up after maxAttempts and marks the delivery failed", async () => {
    const r = await receiver(() => 500);
    const { clock, dispatcher } = setup({ maxAttempts: 4 });
    configure(dispatcher, TENANT, r.url);
    const id = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION").delivery?.delivery_id ?? "";

    for (let failed = 1; failed < 4; failed++) {
      await dispatcher.whenQuiet();
      // Advancing by the ceiling always reaches the retry, whatever the jitter drew.
      clock.advance(backoffCeiling({ baseMs: 1000, factor: 2, maxDelayMs: 60_000, jitter: "equal" }, failed));
    }
    const final = await dispatcher.whenSettled(TENANT, id);
    expect(final?.status).toBe("failed");
    expect(final?.attempts).toHaveLength(4);
    expect(final?.next_attempt_at).toBeNull();
    expect(r.requests).toHaveLength(4);
    expect(clock.pending()).toBe(0);
    expect(dispatcher.stats()).toMatchObject({ failed: 1, delivered: 0, attempts: 4, retries: 3 });
  });

  it("does not send events the tenant did not subscribe to, but still keeps their payloads", async () => {
    const r = await receiver();
    const { dispatcher } = setup();
    configure(dispatcher, TENANT, r.url, ["ENRICHMENT_NOTIFICATION"]);
    const result = emit(dispatcher, TENANT, "s1", "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION");
    await dispatcher.idle();

    expect(result.delivery).toBeNull();
    expect(r.requests).toHaveLength(0);
    expect(dispatcher.listDeliveries(TENANT)).toHaveLength(0);
    expect(dispatcher.payloadsForSession(TENANT, "s1").map((p) => p.event_name)).toEqual([
      "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION",
    ]);
  });

  it("logs a schema-invalid payload as invalid and never sends it", async () => {
    const r = await receiver();
    const validate: PayloadValidator = (_event, p) =>
      (p as { accounts?: unknown }).accounts === "broken" ? { ok: false, errors: ["/accounts must be array"] } : { ok: true };
    const { dispatcher } = setup({ validate });
    configure(dispatcher, TENANT, r.url);
    const result = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION", { accounts: "broken" });
    await dispatcher.idle();

    expect(result.validation).toEqual({ ok: false, errors: ["/accounts must be array"] });
    expect(result.delivery).toMatchObject({ status: "invalid", errors: ["/accounts must be array"], attempts: [] });
    expect(dispatcher.listDeliveries(TENANT)[0].status).toBe("invalid");
    expect(r.requests).toHaveLength(0);
    expect(dispatcher.stats().invalid).toBe(1);
  });

  it("echoes the tenant's secret in x-secret-key on every attempt", async () => {
    const r = await receiver((_req, i) => (i === 0 ? 502 : 200));
    const { clock, dispatcher } = setup();
    configure(dispatcher, TENANT, r.url, ALL, "s3cr3t");
    const id = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION").delivery?.delivery_id ?? "";
    await dispatcher.whenQuiet();
    advanceToRetry(clock, dispatcher, TENANT, id);
    await dispatcher.idle();
    expect(r.requests.map((q) => q.headers["x-secret-key"])).toEqual(["s3cr3t", "s3cr3t"]);
  });

  it("returns from emit before a hanging receiver has answered", async () => {
    const r = await receiver(() => "hang");
    const { dispatcher } = setup({ timeoutMs: 60_000 });
    configure(dispatcher, TENANT, r.url);
    const started = performance.now();
    const result = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION");
    expect(performance.now() - started).toBeLessThan(50);
    expect(result.delivery?.status).toBe("pending");
    await r.waitFor(1);
    expect(dispatcher.stats().in_flight).toBe(1);
  });

  it("closes promptly with a retry pending and a request hanging", async () => {
    const failing = await receiver(() => 500);
    const hanging = await receiver(() => "hang");
    const { clock, dispatcher } = setup({ timeoutMs: 60_000 });
    configure(dispatcher, TENANT, failing.url);
    configure(dispatcher, OTHER, hanging.url);
    const retrying = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION").delivery?.delivery_id ?? "";
    const stuck = emit(dispatcher, OTHER, "s2", "ENRICHMENT_NOTIFICATION").delivery?.delivery_id ?? "";
    await failing.waitFor(1);
    await hanging.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(dispatcher.getDelivery(TENANT, retrying)?.status).toBe("retrying");

    const started = performance.now();
    await dispatcher.close();
    expect(performance.now() - started).toBeLessThan(500);
    await dispatcher.idle();
    expect(clock.pending()).toBe(0);
    expect(dispatcher.stats().in_flight).toBe(0);
    expect(dispatcher.getDelivery(OTHER, stuck)?.attempts[0].error).toBe("aborted: dispatcher closed");
    expect(dispatcher.getDelivery(TENANT, retrying)?.next_attempt_at).toBeNull();

    clock.advance(3600_000);
    expect(failing.requests).toHaveLength(1);
    expect(emit(dispatcher, TENANT, "s3", "ENRICHMENT_NOTIFICATION").delivery).toBeNull();
  });

  it("never shows one tenant's deliveries or payloads to another", async () => {
    const r = await receiver();
    const { dispatcher } = setup();
    configure(dispatcher, TENANT, r.url);
    configure(dispatcher, OTHER, r.url);
    const mine = emit(dispatcher, TENANT, "shared-session", "ENRICHMENT_NOTIFICATION").delivery?.delivery_id ?? "";
    await dispatcher.idle();

    expect(dispatcher.listDeliveries(TENANT)).toHaveLength(1);
    expect(dispatcher.listDeliveries(OTHER)).toEqual([]);
    expect(dispatcher.listDeliveries(OTHER, { sessionId: "shared-session" })).toEqual([]);
    expect(dispatcher.getDelivery(OTHER, mine)).toBeUndefined();
    expect(dispatcher.replay(OTHER, mine)).toBeUndefined();
    expect(dispatcher.payloadsForSession(OTHER, "shared-session")).toEqual([]);
    expect(await dispatcher.whenSettled(OTHER, mine)).toBeUndefined();
    // Ids come from per-tenant counters, so the other tenant's first delivery must not collide.
    const theirs = emit(dispatcher, OTHER, "shared-session", "ENRICHMENT_NOTIFICATION").delivery?.delivery_id;
    expect(theirs).not.toBe(mine);
  });

  it("replays a delivery as a new delivery with the same payload to the current URL", async () => {
    const oldReceiver = await receiver(() => 500);
    const newReceiver = await receiver();
    const { dispatcher } = setup({ maxAttempts: 1 });
    configure(dispatcher, TENANT, oldReceiver.url);
    const original = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION", { marker: 7 }).delivery;
    await dispatcher.idle();
    expect(dispatcher.getDelivery(TENANT, original?.delivery_id ?? "")?.status).toBe("failed");

    configure(dispatcher, TENANT, newReceiver.url, ALL, "k");
    const replayed = dispatcher.replay(TENANT, original?.delivery_id ?? "");
    expect(replayed?.delivery_id).not.toBe(original?.delivery_id);
    expect(replayed).toMatchObject({ replay_of: original?.delivery_id, url: newReceiver.url, status: "pending" });
    await dispatcher.idle();
    expect(newReceiver.requests.map((q) => q.body)).toEqual([original?.payload]);
    expect(newReceiver.requests[0].headers["x-secret-key"]).toBe("k");
    expect(dispatcher.listDeliveries(TENANT).map((d) => d.delivery_id)).toEqual([replayed?.delivery_id, original?.delivery_id]);
    // A replay is not a new emission: the session's payload history is unchanged.
    expect(dispatcher.payloadsForSession(TENANT, "s1")).toHaveLength(1);
  });

  it("stops a reset tenant's retries and forgets its config and history", async () => {
    const r = await receiver(() => 500);
    const { clock, dispatcher } = setup();
    configure(dispatcher, TENANT, r.url);
    emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION");
    await dispatcher.whenQuiet();
    expect(clock.pending()).toBe(1);

    dispatcher.resetTenant(TENANT);
    await dispatcher.idle();
    expect(clock.pending()).toBe(0);
    expect(dispatcher.getConfig(TENANT)).toBeUndefined();
    expect(dispatcher.listDeliveries(TENANT)).toEqual([]);
    expect(dispatcher.payloadsForSession(TENANT, "s1")).toEqual([]);
  });
});

describe("webhook log and payload history (injected transport)", () => {
  const okSend: WebhookDispatcherOptions["send"] = async () => ({ status_code: 204 });

  it("keeps only the newest logLimit deliveries per tenant, newest first", async () => {
    const { dispatcher } = setup({ send: okSend, logLimit: 3 });
    configure(dispatcher, TENANT, "http://receiver.invalid/hook");
    const ids = [1, 2, 3, 4, 5].map((n) => emit(dispatcher, TENANT, `s${n}`, "ENRICHMENT_NOTIFICATION").delivery?.delivery_id);
    await dispatcher.idle();

    expect(dispatcher.listDeliveries(TENANT).map((d) => d.delivery_id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(dispatcher.listDeliveries(TENANT, { limit: 1 }).map((d) => d.delivery_id)).toEqual([ids[4]]);
    expect(dispatcher.listDeliveries(TENANT, { sessionId: "s4" }).map((d) => d.delivery_id)).toEqual([ids[3]]);
    expect(dispatcher.getDelivery(TENANT, ids[0] ?? "")).toBeUndefined();
    expect(dispatcher.stats().delivered).toBe(5);
  });

  it("keeps every emitted payload of a session in order, even with no webhook configured", () => {
    const { dispatcher } = setup({ send: okSend });
    emit(dispatcher, TENANT, "s1", "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION");
    emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION");
    emit(dispatcher, TENANT, "s2", "SESSION_EXPIRY_NOTIFICATION");

    const stored = dispatcher.payloadsForSession(TENANT, "s1");
    expect(stored.map((p) => p.event_name)).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION"]);
    expect(stored[0]).toMatchObject({ created_at: "2024-04-16T07:47:42.000Z", payload: payload("s1", "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION") });
    expect(dispatcher.listDeliveries(TENANT)).toEqual([]);
  });

  it("is unaffected by the caller mutating a payload after emitting it", async () => {
    const { dispatcher } = setup({ send: okSend });
    configure(dispatcher, TENANT, "http://receiver.invalid/hook");
    const body = { session_id: "s1", accounts: [] as string[] };
    const id = dispatcher.emit(TENANT, { event: "ENRICHMENT_NOTIFICATION", sessionId: "s1", payload: body }).delivery?.delivery_id ?? "";
    body.accounts.push("mutated");
    await dispatcher.idle();
    expect(dispatcher.getDelivery(TENANT, id)?.payload).toEqual({ session_id: "s1", accounts: [] });
    expect(dispatcher.payloadsForSession(TENANT, "s1")[0].payload).toEqual({ session_id: "s1", accounts: [] });
  });

  it("produces the same delivery ids and retry times for the same sequence of calls", async () => {
    const run = async (): Promise<Array<string | null>> => {
      const { clock, dispatcher } = setup({ send: async () => ({ status_code: 500 }), maxAttempts: 2 });
      configure(dispatcher, TENANT, "http://receiver.invalid/hook");
      const ids = ["s1", "s2"].map((s) => emit(dispatcher, TENANT, s, "ENRICHMENT_NOTIFICATION").delivery?.delivery_id ?? "");
      await dispatcher.whenQuiet();
      const out = ids.flatMap((id) => [id, dispatcher.getDelivery(TENANT, id)?.next_attempt_at ?? null]);
      clock.advance(1000);
      await dispatcher.idle();
      return out;
    };
    expect(await run()).toEqual(await run());
  });

  it("captures a sender that throws synchronously as a failed attempt instead of throwing from emit", async () => {
    const { dispatcher } = setup({
      maxAttempts: 1,
      send: () => {
        throw new Error("boom");
      },
    });
    configure(dispatcher, TENANT, "http://receiver.invalid/hook");
    const id = emit(dispatcher, TENANT, "s1", "ENRICHMENT_NOTIFICATION").delivery?.delivery_id ?? "";
    const final = await dispatcher.whenSettled(TENANT, id);
    expect(final).toMatchObject({ status: "failed", attempts: [expect.objectContaining({ error: "boom", status_code: null })] });
  });
});
