import type { Clock } from "../core/clock.js";
import { seededRandom } from "../core/random.js";
import type { BackoffPolicy, JitterMode } from "./backoff.js";
import type { ConfigResult, WebhookConfig, WebhookConfigInput } from "./config.js";
import { createConfigStore } from "./config-store.js";
import { createDeliveryQueue, describeError, type DeliveryCounters } from "./retry-queue.js";
import { createDeliveryRecords, snapshot, type ListDeliveriesOptions } from "./delivery-records.js";
import type { WebhookEventName } from "./events.js";
import { createObservers, type Observers } from "./observers.js";
import { createPayloadArchive } from "./payload-archive.js";
import type { WebhookSend } from "./sender.js";
import type { WebhookTenantState, DeliveryRecord, DispatcherStats, EmitResult, PayloadValidation, PayloadValidator, StoredPayload, WebhookEmission } from "./types.js";

export { DELIVERY_ID_HEADER, SECRET_HEADER, WEBHOOK_USER_AGENT } from "./retry-queue.js";
export type { ListDeliveriesOptions } from "./delivery-records.js";

export interface WebhookDispatcherOptions {
  clock: Clock;
  /** Each tenant's own clock (retries and timestamps run on it). Default: `clock` for everyone. */
  clockFor?: (tenant: string) => Clock;
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
  /**
   * Transport, owned by the caller: the Node server passes its keep-alive node:http sender, the MSW
   * handlers pass fetch. Not defaulted here, so nothing below imports node:http.
   */
  send: WebhookSend;
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
  /** Drops a deleted or forgotten session's payloads. */
  forgetSession(tenant: string, sessionId: string): void;
  /** The tenant's config, delivery log and payloads, for a state snapshot. */
  exportTenant(tenant: string): WebhookTenantState;
  /** Replaces the tenant's webhook state with a snapshot's; pending deliveries resume. */
  importTenant(tenant: string, state: WebhookTenantState): number;

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

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * The webhook dispatcher, composed of: the tenants' settings (config-store.ts), every emitted
 * payload (payload-archive.ts), the delivery log (delivery-records.ts), the per-session queue with
 * retries (retry-queue.ts) and the hooks tests observe it with (observers.ts).
 */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const { clock, validate } = options;
  const clockFor = options.clockFor ?? (() => clock);
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
  const counters: DeliveryCounters = { emitted: 0, delivered: 0, failed: 0, invalid: 0, attempts: 0, retries: 0 };
  const configs = createConfigStore();
  const archive = createPayloadArchive(payloadSessionLimit);
  const records = createDeliveryRecords(clockFor, logLimit, { timeoutMs, maxAttempts });
  let observers: Observers | undefined;
  const queue = createDeliveryQueue({
    clockFor,
    send: options.send,
    policy,
    maxAttempts,
    timeoutMs,
    random: options.random ?? seededRandom("webhook-jitter"),
    counters,
    observers: () => observers as Observers,
  });
  observers = createObservers(queue);
  const watch = observers;

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

  function markInvalid(tenant: string, record: DeliveryRecord, errors: string[]): void {
    record.status = "invalid";
    record.attempts_left = 0;
    record.errors = errors;
    counters.invalid += 1;
    watch.announce(tenant, record);
  }

  return {
    configure: (tenant, input) => configs.configure(tenant, input),
    getConfig: (tenant) => configs.copy(tenant),

    resetTenant(tenant) {
      queue.dropTenant(tenant);
      configs.forget(tenant);
      archive.forget(tenant);
      records.forget(tenant);
      watch.notify();
    },

    emit(tenant, emission) {
      const createdAt = new Date(clockFor(tenant).now()).toISOString();
      counters.emitted += 1;
      const serialised = serialise(emission.payload);
      let validation: PayloadValidation;
      if ("error" in serialised) {
        validation = { ok: false, errors: [serialised.error] };
        archive.store(tenant, emission, createdAt, null);
      } else {
        validation = checkedValidate(emission.event, serialised.copy);
        archive.store(tenant, emission, createdAt, serialised.copy);
      }

      const config = configs.current(tenant);
      // After close nothing would ever send it, so a record would sit "pending" forever.
      if (queue.closed() || !config || !config.webhook_mode.includes(emission.event)) {
        if (!validation.ok) counters.invalid += 1;
        return { validation, delivery: null };
      }
      const record = records.create(tenant, {
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
      queue.enqueue(tenant, record, serialised.body, config.secret);
      return { validation, delivery: snapshot(record) };
    },

    listDeliveries: (tenant, opts) => records.list(tenant, opts),
    getDelivery: (tenant, deliveryId) => records.get(tenant, deliveryId),

    replay(tenant, deliveryId) {
      const original = records.live(tenant, deliveryId);
      if (queue.closed() || !original) return undefined;
      const config = configs.current(tenant);
      const record = records.create(tenant, {
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
      queue.enqueue(tenant, record, JSON.stringify(record.payload), config?.secret ?? null);
      return snapshot(record);
    },

    payloadsForSession: (tenant, sessionId) => archive.forSession(tenant, sessionId),
    forgetSession: (tenant, sessionId) => archive.forgetSession(tenant, sessionId),
    exportTenant(tenant) {
      const log = records.export(tenant);
      return { config: configs.copy(tenant) ?? null, seq: log.seq, deliveries: log.deliveries, payloads: archive.export(tenant) };
    },
    importTenant(tenant, state) {
      queue.dropTenant(tenant);
      configs.restore(tenant, state.config);
      archive.restore(tenant, state.payloads);
      const live = records.restore(tenant, state.seq, state.deliveries);
      for (const record of live) {
        if (record.status !== "pending" && record.status !== "retrying") continue;
        record.next_attempt_at = null;
        queue.enqueue(tenant, record, JSON.stringify(record.payload), state.config?.secret ?? null);
      }
      watch.notify();
      return live.length;
    },
    idle: () => watch.idle(),
    whenQuiet: () => watch.whenQuiet(),
    whenSettled(tenant, deliveryId) {
      return queue.whenSettled(tenant, deliveryId) ?? Promise.resolve(records.get(tenant, deliveryId));
    },
    onSettled: (listener) => watch.onSettled(listener),
    stats: () => ({ ...counters, in_flight: queue.inFlight(), active: queue.active(), tenants_with_log: records.count() }),

    async close() {
      if (queue.closed()) return;
      await queue.close();
    },
  };
}
