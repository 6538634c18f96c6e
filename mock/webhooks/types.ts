import type { WebhookConfig } from "./config.js";
import type { WebhookEventName } from "./events.js";

export type DeliveryStatus = "pending" | "retrying" | "delivered" | "failed" | "invalid";

export interface DeliveryAttempt {
  attempt: number;
  /** Virtual time (shared clock) when the attempt started. */
  at: string;
  status_code: number | null;
  /** Real elapsed time of the HTTP exchange; the virtual clock does not move during I/O. */
  latency_ms: number;
  error: string | null;
}

export interface DeliveryRecord {
  delivery_id: string;
  event_name: WebhookEventName;
  session_id: string;
  url: string;
  payload: unknown;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  next_attempt_at: string | null;
  /** Real-time limit of each attempt; a receiver slower than this is retried though it may have processed the call (at-least-once). */
  timeout_ms: number;
  /** The retry budget: attempts allowed in all, first try included. */
  max_attempts: number;
  /** Attempts the budget still allows; 0 once the delivery is settled. */
  attempts_left: number;
  created_at: string;
  /** Schema errors when `status` is "invalid"; empty otherwise. */
  errors: string[];
  /** The delivery this one re-sends, when created by `replay`. */
  replay_of: string | null;
}

export type PayloadValidation = { ok: true } | { ok: false; errors: string[] };

/** Wired by the owner to the OpenAPI `webhooks` schemas. */
export type PayloadValidator = (event: WebhookEventName, payload: unknown) => PayloadValidation;

export interface WebhookEmission {
  event: WebhookEventName;
  sessionId: string;
  payload: object;
}

export interface EmitResult {
  validation: PayloadValidation;
  /** Null when the tenant has no webhook or is not subscribed to this event. */
  delivery: DeliveryRecord | null;
}

export interface StoredPayload {
  event_name: WebhookEventName;
  created_at: string;
  payload: unknown;
}

export interface DispatcherStats {
  emitted: number;
  delivered: number;
  failed: number;
  invalid: number;
  /** HTTP attempts started, first tries included. */
  attempts: number;
  retries: number;
  in_flight: number;
  /** Deliveries not yet delivered or given up: in flight, waiting for a retry, or queued behind their session. */
  active: number;
  /** Tenants holding a delivery log (made with their first delivery, never for events without a webhook). */
  tenants_with_log: number;
}

/** One tenant's webhook state in a state snapshot (mock/state/format.ts). */
export interface WebhookTenantState {
  config: WebhookConfig | null;
  seq: number;
  /** Oldest first; pending and retrying ones resume on restore. */
  deliveries: DeliveryRecord[];
  payloads: Array<{ session_id: string; payloads: StoredPayload[] }>;
}
