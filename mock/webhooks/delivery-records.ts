import type { Clock } from "../core/clock.js";
import { deterministicUuid } from "../core/ids.js";
import { RingLog } from "./delivery-log.js";
import type { DeliveryRecord } from "./types.js";

export interface ListDeliveriesOptions {
  sessionId?: string;
  limit?: number;
}

export type NewDelivery = Pick<DeliveryRecord, "event_name" | "session_id" | "url" | "payload" | "replay_of">;

/** Each tenant's delivery log: records with ids derived from the tenant and its running number. */
export interface DeliveryRecords {
  create(tenant: string, fields: NewDelivery): DeliveryRecord;
  /** The tenant's log oldest first and its running number, for a state snapshot. */
  export(tenant: string): { seq: number; deliveries: DeliveryRecord[] };
  /** Replaces a tenant's log with a restored one; returns the live records. */
  restore(tenant: string, seq: number, deliveries: DeliveryRecord[]): DeliveryRecord[];
  /** Tenants that have a log (one is made only when a delivery is). */
  count(): number;
  /** The live record (the dispatcher updates it as attempts happen). */
  live(tenant: string, deliveryId: string): DeliveryRecord | undefined;
  get(tenant: string, deliveryId: string): DeliveryRecord | undefined;
  list(tenant: string, options?: ListDeliveriesOptions): DeliveryRecord[];
  forget(tenant: string): void;
}

/** A copy, so a control-API handler cannot rewrite history; the payload is never mutated after creation. */
export function snapshot(record: DeliveryRecord): DeliveryRecord {
  return { ...record, attempts: record.attempts.map((a) => ({ ...a })), errors: [...record.errors] };
}

export function createDeliveryRecords(clockFor: (tenant: string) => Clock, logLimit: number, budget: { timeoutMs: number; maxAttempts: number }): DeliveryRecords {
  const tenants = new Map<string, { log: RingLog<DeliveryRecord>; seq: number }>();
  return {
    export(tenant) {
      const state = tenants.get(tenant);
      return { seq: state?.seq ?? 0, deliveries: state ? [...state.log.newestFirst()].reverse().map(snapshot) : [] };
    },
    restore(tenant, seq, deliveries) {
      const log = new RingLog<DeliveryRecord>(logLimit);
      const live = deliveries.map(snapshot);
      for (const d of live) log.push(d);
      tenants.set(tenant, { log, seq });
      return live;
    },
    count: () => tenants.size,
    create(tenant, fields) {
      let state = tenants.get(tenant);
      if (!state) {
        state = { log: new RingLog<DeliveryRecord>(logLimit), seq: 0 };
        tenants.set(tenant, state);
      }
      state.seq += 1;
      const record: DeliveryRecord = {
        delivery_id: deterministicUuid("webhook-delivery", tenant, state.seq),
        ...fields,
        status: "pending",
        attempts: [],
        next_attempt_at: null,
        timeout_ms: budget.timeoutMs,
        max_attempts: budget.maxAttempts,
        attempts_left: budget.maxAttempts,
        created_at: new Date(clockFor(tenant).now()).toISOString(),
        errors: [],
      };
      state.log.push(record);
      return record;
    },
    live: (tenant, deliveryId) => tenants.get(tenant)?.log.get(deliveryId),
    get(tenant, deliveryId) {
      const record = tenants.get(tenant)?.log.get(deliveryId);
      return record ? snapshot(record) : undefined;
    },
    list(tenant, opts = {}) {
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
    forget: (tenant) => void tenants.delete(tenant),
  };
}
