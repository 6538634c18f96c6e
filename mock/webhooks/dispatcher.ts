import type { Cancel, Clock } from "../core/clock.js";
import { deterministicUuid } from "../core/ids.js";
import { seededRandom } from "../core/random.js";
import { backoffDelay, type BackoffPolicy, type JitterMode } from "./backoff.js";
import { validateWebhookConfig, type ConfigResult, type WebhookConfig, type WebhookConfigInput } from "./config.js";
import { RingLog } from "./delivery-log.js";
import type { WebhookEventName } from "./events.js";
import { createHttpSender, type WebhookSend } from "./sender.js";
import type {
  DeliveryAttempt,
  DeliveryRecord,
  DispatcherStats,
  EmitResult,
  PayloadValidation,
  PayloadValidator,
  StoredPayload,
  WebhookEmission,
} from "./types.js";

export const WEBHOOK_USER_AGENT = "BankConnect-Mock-Webhooks/1";
export const DELIVERY_ID_HEADER = "x-webhook-delivery-id";
export const SECRET_HEADER = "x-secret-key";

export interface WebhookDispatcherOptions {
  clock: Clock;
  validate: PayloadValidator;
  /** Ceiling of the first retry delay. Default 1000. */
  retryBaseMs?: number;
  /** Growth of the delay ceiling per failed attempt. Default 2. */
  retryFactor?: number;
  /** Upper bound on any single retry delay. Default 60000. */
  maxRetryDelayMs?: number;
  /** Default "equal" so every retry waits at least half its ceiling. */
  jitter?: JitterMode;
  /** Attempts per delivery, first try included. Default 6. */
  maxAttempts?: number;
  /** Real-time budget for one HTTP attempt. Default 5000. */
  timeoutMs?: number;
  /** Deliveries kept per tenant. Default 1000. */
  logLimit?: number;
  /** Sessions whose emitted payloads are kept per tenant, oldest dropped first. Default 10000. */
  payloadSessionLimit?: number;
  /** Source of jitter in [0, 1). Default: a fixed-seed generator, so runs repeat exactly. */
  random?: () => number;
  /** Transport. Default: keep-alive node:http sender, closed with the dispatcher. */
  send?: WebhookSend;
}

export interface ListDeliveriesOptions {
  sessionId?: string;
  limit?: number;
}

export interface WebhookDispatcher {
  configure(tenant: string, input: WebhookConfigInput): ConfigResult;
  getConfig(tenant: string): WebhookConfig | undefined;
  /** Forgets config, log and payloads of a tenant and stops its deliveries. */
  resetTenant(tenant: string): void;

  /** Never blocks on the receiver: the HTTP send happens after this returns. */
  emit(tenant: string, emission: WebhookEmission): EmitResult;
  listDeliveries(tenant: string, options?: ListDeliveriesOptions): DeliveryRecord[];
  getDelivery(tenant: string, deliveryId: string): DeliveryRecord | undefined;
  /** Sends a logged delivery's payload again as a new delivery to the tenant's current URL. */
  replay(tenant: string, deliveryId: string): DeliveryRecord | undefined;
  payloadsForSession(tenant: string, sessionId: string): StoredPayload[];

  /** Resolves once no delivery is in flight, waiting for a retry, or queued (or after close). */
  idle(): Promise<void>;
  /**
   * Resolves once no HTTP attempt is in flight; retries waiting on the clock do not count. With a
   * manual clock this is the point where a test may `advance` to make the next retry due.
   */
  whenQuiet(): Promise<void>;
  /** Resolves with the final record once the delivery is delivered, failed or invalid. */
  whenSettled(tenant: string, deliveryId: string): Promise<DeliveryRecord | undefined>;
  onSettled(listener: (tenant: string, record: DeliveryRecord) => void): () => void;
  stats(): DispatcherStats;
  /** Cancels retries and aborts in-flight requests; resolves without waiting on any receiver. */
  close(): Promise<void>;
}

interface Entry {
  tenant: string;
  record: DeliveryRecord;
  body: string;
  secret: string | null;
  queueKey: string;
  cancelRetry: Cancel | null;
  controller: AbortController | null;
  timer: NodeJS.Timeout | null;
  abortReason: string | null;
  detached: boolean;
  waiters: Array<(record: DeliveryRecord) => void>;
}

interface TenantState {
  config: WebhookConfig | undefined;
  log: RingLog<DeliveryRecord>;
  sessions: Map<string, StoredPayload[]>;
  seq: number;
}

function snapshot(record: DeliveryRecord): DeliveryRecord {
  // Callers get copies so a control-API handler cannot rewrite history; the payload is our own
  // parsed copy and is never mutated after creation.
  return { ...record, attempts: record.attempts.map((a) => ({ ...a })), errors: [...record.errors] };
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    if (err.message === "") return code ?? err.name;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { clock, validate } = options;
  const maxAttempts = positiveInt("maxAttempts", options.maxAttempts ?? 6);
  const timeoutMs = positiveInt("timeoutMs", options.timeoutMs ?? 5000);
  const logLimit = positiveInt("logLimit", options.logLimit ?? 1000);
  const payloadSessionLimit = positiveInt("payloadSessionLimit", options.payloadSessionLimit ?? 10_000);
  const policy: BackoffPolicy = {
    baseMs: options.retryBaseMs ?? 1000,
    factor: options.retryFactor ?? 2,
    maxDelayMs: options.maxRetryDelayMs ?? 60_000,
    jitter: options.jitter ?? "equal",
  };
  if (!(policy.baseMs >= 0) || !(policy.factor >= 1) || !(policy.maxDelayMs >= 0)) {
    throw new RangeError("retryBaseMs and maxRetryDelayMs must be >= 0 and retryFactor >= 1");
  }
  const random = options.random ?? seededRandom("webhook-jitter");
  const ownedSender = options.send ? undefined : createHttpSender();
  const send: WebhookSend = options.send ?? (ownedSender as NonNullable<typeof ownedSender>).send;

  const tenants = new Map<string, TenantState>();
  // Key: tenant \0 session. Head of each queue is the delivery currently being attempted.
  const queues = new Map<string, Entry[]>();
  // Key: tenant \0 delivery id. Only deliveries that are not terminal.
  const active = new Map<string, Entry>();
  const settledListeners = new Set<(tenant: string, record: DeliveryRecord) => void>();
  let idleWaiters: Array<() => void> = [];
  let quietWaiters: Array<() => void> = [];
  let closed = false;
  let inFlight = 0;
  const counters = { emitted: 0, delivered: 0, failed: 0, invalid: 0, attempts: 0, retries: 0 };

  const iso = (ms: number): string => new Date(ms).toISOString();
  const key = (a: string, b: string): string => `${a}\u0000${b}`;

  function tenantState(tenant: string): TenantState {
    let state = tenants.get(tenant);
    if (!state) {
      state = { config: undefined, log: new RingLog<DeliveryRecord>(logLimit), sessions: new Map(), seq: 0 };
      tenants.set(tenant, state);
    }
    return state;
  }

  function notify(): void {
    if (inFlight === 0 || closed) {
      const waiters = quietWaiters;
      quietWaiters = [];
      for (const w of waiters) w();
    }
    if (active.size === 0 || closed) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  function newRecord(
    state: TenantState,
    tenant: string,
    fields: Pick<DeliveryRecord, "event_name" | "session_id" | "url" | "payload" | "replay_of">,
  ): DeliveryRecord {
    state.seq += 1;
    const record: DeliveryRecord = {
      delivery_id: deterministicUuid("webhook-delivery", tenant, state.seq),
      ...fields,
      status: "pending",
      attempts: [],
      next_attempt_at: null,
      created_at: iso(clock.now()),
      errors: [],
    };
    state.log.push(record);
    return record;
  }

  function enqueue(tenant: string, record: DeliveryRecord, body: string, secret: string | null): void {
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
  }

  function attempt(entry: Entry): void {
    entry.cancelRetry = null;
    if (closed || entry.detached) return;
    const record = entry.record;
    const number = record.attempts.length + 1;
    const startedAt = clock.now();
    const started = performance.now();
    record.next_attempt_at = null;

    const controller = new AbortController();
    entry.controller = controller;
    entry.abortReason = null;
    entry.timer = setTimeout(() => {
      entry.abortReason = `timeout after ${timeoutMs}ms`;
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
      sending = send({ url: record.url, headers, body: entry.body }, controller.signal);
    } catch (err) {
      sending = Promise.reject(err);
    }
    Promise.race([sending, aborted]).then(
      (outcome) => finish(entry, number, startedAt, started, outcome.status_code, null),
      (err: unknown) => finish(entry, number, startedAt, started, null, entry.abortReason ?? describeError(err)),
    );
  }

  function finish(
    entry: Entry,
    number: number,
    startedAt: number,
    started: number,
    statusCode: number | null,
    error: string | null,
  ): void {
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

    if (closed || entry.detached) {
      notify();
      return;
    }
    if (ok) {
      record.status = "delivered";
      counters.delivered += 1;
      settle(entry);
    } else if (number >= maxAttempts) {
      record.status = "failed";
      counters.failed += 1;
      settle(entry);
    } else {
      const at = clock.now() + backoffDelay(policy, number, random);
      record.status = "retrying";
      record.next_attempt_at = iso(at);
      counters.retries += 1;
      entry.cancelRetry = clock.schedule(at, () => attempt(entry));
    }
    notify();
  }

  function settle(entry: Entry): void {
    active.delete(key(entry.tenant, entry.record.delivery_id));
    const done = snapshot(entry.record);
    for (const w of entry.waiters) w(done);
    entry.waiters = [];
    announce(entry.tenant, entry.record);
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

  function storePayload(state: TenantState, emission: WebhookEmission, createdAt: string, payload: unknown): void {
    let list = state.sessions.get(emission.sessionId);
    if (!list) {
      list = [];
      state.sessions.set(emission.sessionId, list);
      if (state.sessions.size > payloadSessionLimit) {
        const oldest = state.sessions.keys().next().value;
        if (oldest !== undefined) state.sessions.delete(oldest);
      }
    }
    list.push({ event_name: emission.event, created_at: createdAt, payload });
  }

  function serialise(payload: unknown): { body: string; copy: unknown } | { error: string } {
    try {
      const body = JSON.stringify(payload);
      if (body === undefined) return { error: "payload is not JSON-serialisable" };
      // Parsing back gives us a private copy that is exactly what the receiver sees.
      return { body, copy: JSON.parse(body) as unknown };
    } catch (err) {
      return { error: `payload is not JSON-serialisable: ${describeError(err)}` };
    }
  }

  function checkedValidate(event: WebhookEventName, payload: unknown): PayloadValidation {
    try {
      return validate(event, payload);
    } catch (err) {
      return { ok: false, errors: [`validator threw: ${describeError(err)}`] };
    }
  }

  return {
    configure(tenant, input) {
      const result = validateWebhookConfig(input);
      if (result.ok) tenantState(tenant).config = result.config;
      return result;
    },

    getConfig(tenant) {
      const config = tenants.get(tenant)?.config;
      return config ? { ...config, webhook_mode: [...config.webhook_mode] } : undefined;
    },

    resetTenant(tenant) {
      for (const [k, entry] of active) {
        if (entry.tenant !== tenant) continue;
        entry.detached = true;
        stop(entry, "tenant reset");
        active.delete(k);
      }
      const prefix = key(tenant, "");
      for (const k of queues.keys()) if (k.startsWith(prefix)) queues.delete(k);
      tenants.delete(tenant);
      notify();
    },

    emit(tenant, emission) {
      const state = tenantState(tenant);
      const createdAt = iso(clock.now());
      counters.emitted += 1;
      const serialised = serialise(emission.payload);
      let validation: PayloadValidation;
      if ("error" in serialised) {
        validation = { ok: false, errors: [serialised.error] };
        storePayload(state, emission, createdAt, null);
      } else {
        validation = checkedValidate(emission.event, serialised.copy);
        storePayload(state, emission, createdAt, serialised.copy);
      }

      const config = state.config;
      // After close nothing would ever send it, so a record would sit "pending" forever.
      if (closed || !config || !config.webhook_mode.includes(emission.event)) {
        if (!validation.ok) counters.invalid += 1;
        return { validation, delivery: null };
      }
      const record = newRecord(state, tenant, {
        event_name: emission.event,
        session_id: emission.sessionId,
        url: config.webhook_url,
        payload: "error" in serialised ? null : serialised.copy,
        replay_of: null,
      });
      if (!validation.ok || "error" in serialised) {
        markInvalid(tenant, record, validation.ok ? [] : validation.errors);
        return { validation, delivery: snapshot(record) };
      }
      enqueue(tenant, record, serialised.body, config.secret);
      return { validation, delivery: snapshot(record) };
    },

    listDeliveries(tenant, opts = {}) {
      const state = tenants.get(tenant);
      if (!state) return [];
      const limit = opts.limit ?? Number.POSITIVE_INFINITY;
      const out: DeliveryRecord[] = [];
      if (limit <= 0) return out;
      for (const record of state.log.newestFirst()) {
        if (opts.sessionId !== undefined && record.session_id !== opts.sessionId) continue;
        out.push(snapshot(record));
        if (out.length >= limit) break;
      }
      return out;
    },

    getDelivery,

    replay(tenant, deliveryId) {
      const state = tenants.get(tenant);
      const original = state?.log.get(deliveryId);
      if (closed || !state || !original) return undefined;
      const config = state.config;
      const record = newRecord(state, tenant, {
        event_name: original.event_name,
        session_id: original.session_id,
        // A replay usually follows fixing the endpoint, so prefer the URL configured now.
        url: config?.webhook_url ?? original.url,
        payload: original.payload,
        replay_of: original.delivery_id,
      });
      const validation = checkedValidate(record.event_name, record.payload);
      if (!validation.ok || original.payload === null) {
        markInvalid(tenant, record, validation.ok ? ["payload is not JSON-serialisable"] : validation.errors);
        return snapshot(record);
      }
      enqueue(tenant, record, JSON.stringify(record.payload), config?.secret ?? null);
      return snapshot(record);
    },

    payloadsForSession(tenant, sessionId) {
      const list = tenants.get(tenant)?.sessions.get(sessionId) ?? [];
      return list.map((p) => ({ ...p }));
    },

    idle() {
      if (active.size === 0 || closed) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },

    whenQuiet() {
      if (inFlight === 0 || closed) return Promise.resolve();
      return new Promise<void>((resolve) => quietWaiters.push(resolve));
    },

    whenSettled(tenant, deliveryId) {
      const entry = active.get(key(tenant, deliveryId));
      if (!entry || closed) return Promise.resolve(getDelivery(tenant, deliveryId));
      return new Promise<DeliveryRecord>((resolve) => entry.waiters.push(resolve));
    },

    onSettled(listener) {
      settledListeners.add(listener);
      return () => settledListeners.delete(listener);
    },

    stats() {
      return { ...counters, in_flight: inFlight, active: active.size };
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const entry of active.values()) stop(entry, "aborted: dispatcher closed");
      notify();
      // In-flight attempts finish on the abort race within a few microtasks; wait for that so the
      // log is final, but never for the receiver.
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (inFlight === 0) resolve();
          else setImmediate(check);
        };
        check();
      });
      ownedSender?.close();
    },
  };

  function markInvalid(tenant: string, record: DeliveryRecord, errors: string[]): void {
    record.status = "invalid";
    record.errors = errors;
    counters.invalid += 1;
    announce(tenant, record);
  }

  function announce(tenant: string, record: DeliveryRecord): void {
    for (const listener of settledListeners) {
      try {
        listener(tenant, snapshot(record));
      } catch (err) {
        // A broken listener must not stall the session queue behind this delivery; surface it anyway.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  function getDelivery(tenant: string, deliveryId: string): DeliveryRecord | undefined {
    const record = tenants.get(tenant)?.log.get(deliveryId);
    return record ? snapshot(record) : undefined;
  }
}
