import type { Cancel, Clock } from "../core/clock.js";
import { backoffDelay, type BackoffPolicy } from "./backoff.js";
import { snapshot } from "./delivery-records.js";
import type { Observers } from "./observers.js";
import type { WebhookSend } from "./sender.js";
import type { DeliveryAttempt, DeliveryRecord } from "./types.js";

export const WEBHOOK_USER_AGENT = "BankConnect-Mock-Webhooks/1";
export const DELIVERY_ID_HEADER = "x-webhook-delivery-id";
export const SECRET_HEADER = "x-secret-key";

export interface DeliveryCounters {
  emitted: number;
  delivered: number;
  failed: number;
  invalid: number;
  attempts: number;
  retries: number;
}

export interface QueueOptions {
  clockFor: (tenant: string) => Clock;
  send: WebhookSend;
  policy: BackoffPolicy;
  maxAttempts: number;
  timeoutMs: number;
  /** Jitter source in [0, 1). */
  random: () => number;
  counters: DeliveryCounters;
  /** Set once the queue exists (the observers read the queue's state). */
  observers(): Observers;
}

interface Entry {
  tenant: string;
  record: DeliveryRecord;
  body: string;
  secret: string | null;
  queueKey: string;
  cancelRetry: Cancel | null;
  controller: AbortController | null;
  timer: ReturnType<typeof setTimeout> | null;
  abortReason: string | null;
  detached: boolean;
  waiters: Array<(record: DeliveryRecord) => void>;
}

/**
 * Deliveries in flight and waiting: one queue per session, so event N+1 waits for N to settle, and
 * each delivery retried with back-off on the clock until it succeeds or runs out of attempts.
 */
export interface DeliveryQueue {
  enqueue(tenant: string, record: DeliveryRecord, body: string, secret: string | null): void;
  /** Resolves with the final record once the delivery settles; undefined when it is not queued. */
  whenSettled(tenant: string, deliveryId: string): Promise<DeliveryRecord> | undefined;
  /** Stops and forgets a tenant's deliveries. */
  dropTenant(tenant: string): void;
  /** Cancels retries and aborts attempts; resolves once no attempt is in flight. */
  close(): Promise<void>;
  closed(): boolean;
  inFlight(): number;
  active(): number;
}

const key = (a: string, b: string): string => `${a}\u0000${b}`;
const iso = (ms: number): string => new Date(ms).toISOString();

export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (err.message === "") return code ?? err.name;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

export function createDeliveryQueue(opts: QueueOptions): DeliveryQueue {
  const { clockFor, counters, policy, maxAttempts, timeoutMs } = opts;
  // Key: tenant \0 session. Head of each queue is the delivery currently being attempted.
  const queues = new Map<string, Entry[]>();
  // Key: tenant \0 delivery id. Only deliveries that are not terminal.
  const active = new Map<string, Entry>();
  let closed = false;
  let inFlight = 0;

  function attempt(entry: Entry): void {
    entry.cancelRetry = null;
    if (closed || entry.detached) return;
    const record = entry.record;
    const number = record.attempts.length + 1;
    const startedAt = clockFor(entry.tenant).now();
    const started = performance.now();
    record.next_attempt_at = null;

    const controller = new AbortController();
    entry.controller = controller;
    entry.abortReason = null;
    entry.timer = setTimeout(() => {
      entry.abortReason = `timeout after ${timeoutMs} ms (--webhook-timeout-ms): the receiver may still process this attempt, so the retry can arrive twice`;
      controller.abort();
    }, timeoutMs);
    inFlight += 1;
    counters.attempts += 1;

    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": WEBHOOK_USER_AGENT,
      [DELIVERY_ID_HEADER]: record.delivery_id,
    };
    if (entry.secret !== null) headers[SECRET_HEADER] = entry.secret;

    // Racing against our own abort means a sender that ignores the signal still cannot hold up a
    // timeout or shutdown.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
    });
    let sending: Promise<{ status_code: number }>;
    try {
      sending = opts.send({ url: record.url, headers, body: entry.body }, controller.signal);
    } catch (err) {
      sending = Promise.reject(err);
    }
    Promise.race([sending, aborted]).then(
      (outcome) => finish(entry, number, startedAt, started, outcome.status_code, null),
      (err: unknown) => finish(entry, number, startedAt, started, null, entry.abortReason ?? describeError(err)),
    );
  }

  function finish(entry: Entry, number: number, startedAt: number, started: number, statusCode: number | null, error: string | null): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.controller = null;
    inFlight -= 1;
    const record = entry.record;
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const result: DeliveryAttempt = {
      attempt: number,
      at: iso(startedAt),
      status_code: statusCode,
      latency_ms: Math.round(performance.now() - started),
      error: ok ? null : (error ?? `HTTP ${statusCode}`),
    };
    record.attempts.push(result);
    record.attempts_left = Math.max(0, record.max_attempts - record.attempts.length);

    if (closed || entry.detached) {
      opts.observers().notify();
      return;
    }
    if (ok) {
      record.status = "delivered";
      record.attempts_left = 0;
      counters.delivered += 1;
      settle(entry);
    } else if (number >= maxAttempts) {
      record.status = "failed";
      record.attempts_left = 0;
      counters.failed += 1;
      settle(entry);
    } else {
      retryLater(entry, number);
    }
    opts.observers().notify();
  }

  /** The retry: after the back-off delay on the clock, so tests move time instead of waiting. */
  function retryLater(entry: Entry, failedAttempt: number): void {
    const clock = clockFor(entry.tenant);
    const at = clock.now() + backoffDelay(policy, failedAttempt, opts.random);
    entry.record.status = "retrying";
    entry.record.next_attempt_at = iso(at);
    counters.retries += 1;
    entry.cancelRetry = clock.schedule(at, () => attempt(entry));
  }

  function settle(entry: Entry): void {
    active.delete(key(entry.tenant, entry.record.delivery_id));
    const done = snapshot(entry.record);
    for (const w of entry.waiters) w(done);
    entry.waiters = [];
    opts.observers().announce(entry.tenant, entry.record);
    const queue = queues.get(entry.queueKey);
    if (!queue) return;
    // The settled entry is always the head; queues are short (events of one session), so shift is cheap.
    if (queue[0] === entry) queue.shift();
    if (queue.length === 0) queues.delete(entry.queueKey);
    else attempt(queue[0]);
  }

  function stop(entry: Entry, reason: string): void {
    entry.cancelRetry?.();
    entry.cancelRetry = null;
    entry.record.next_attempt_at = null;
    if (entry.controller) {
      entry.abortReason = reason;
      entry.controller.abort();
    }
    const final = snapshot(entry.record);
    for (const w of entry.waiters) w(final);
    entry.waiters = [];
  }

  return {
    enqueue(tenant, record, body, secret) {
      const entry: Entry = {
        tenant,
        record,
        body,
        secret,
        queueKey: key(tenant, record.session_id),
        cancelRetry: null,
        controller: null,
        timer: null,
        abortReason: null,
        detached: false,
        waiters: [],
      };
      active.set(key(tenant, record.delivery_id), entry);
      let queue = queues.get(entry.queueKey);
      if (!queue) {
        queue = [];
        queues.set(entry.queueKey, queue);
      }
      queue.push(entry);
      // Only the head of a session's queue may be attempted: event N+1 waits for N to settle.
      if (queue.length === 1) attempt(entry);
    },
    whenSettled(tenant, deliveryId) {
      const entry = active.get(key(tenant, deliveryId));
      if (!entry || closed) return undefined;
      return new Promise<DeliveryRecord>((resolve) => entry.waiters.push(resolve));
    },
    dropTenant(tenant) {
      for (const [k, entry] of active) {
        if (entry.tenant !== tenant) continue;
        entry.detached = true;
        stop(entry, "tenant reset");
        active.delete(k);
      }
      const prefix = key(tenant, "");
      for (const k of queues.keys()) if (k.startsWith(prefix)) queues.delete(k);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const entry of active.values()) stop(entry, "aborted: dispatcher closed");
      opts.observers().notify();
      // In-flight attempts finish on the abort race within a few microtasks; wait for that so the
      // log is final, but never for the receiver.
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (inFlight === 0) resolve();
          else setTimeout(check, 0);
        };
        check();
      });
    },
    closed: () => closed,
    inFlight: () => inFlight,
    active: () => active.size,
  };
}
