import type { StoredPayload, WebhookEmission } from "./types.js";

/** Every payload emitted for a session, sent or not (the control API's webhook_payloads). */
export interface PayloadArchive {
  store(tenant: string, emission: WebhookEmission, createdAt: string, payload: unknown): void;
  forSession(tenant: string, sessionId: string): StoredPayload[];
  forget(tenant: string): void;
  /** Drops one session's payloads (the session was deleted or forgotten). */
  forgetSession(tenant: string, sessionId: string): void;
  /** The tenant's archive, for a state snapshot, and its restore. */
  export(tenant: string): Array<{ session_id: string; payloads: StoredPayload[] }>;
  restore(tenant: string, sessions: Array<{ session_id: string; payloads: StoredPayload[] }>): void;
}

/** Keeps the payloads of at most `sessionLimit` sessions per tenant, dropping the oldest session first. */
export function createPayloadArchive(sessionLimit: number): PayloadArchive {
  const tenants = new Map<string, Map<string, StoredPayload[]>>();
  return {
    store(tenant, emission, createdAt, payload) {
      let sessions = tenants.get(tenant);
      if (!sessions) {
        sessions = new Map();
        tenants.set(tenant, sessions);
      }
      let list = sessions.get(emission.sessionId);
      if (!list) {
        list = [];
        sessions.set(emission.sessionId, list);
        if (sessions.size > sessionLimit) {
          const oldest = sessions.keys().next().value;
          if (oldest !== undefined) sessions.delete(oldest);
        }
      }
      list.push({ event_name: emission.event, created_at: createdAt, payload });
    },
    forSession(tenant, sessionId) {
      return (tenants.get(tenant)?.get(sessionId) ?? []).map((p) => ({ ...p }));
    },
    forget: (tenant) => void tenants.delete(tenant),
    forgetSession(tenant, sessionId) {
      const sessions = tenants.get(tenant);
      sessions?.delete(sessionId);
      if (sessions?.size === 0) tenants.delete(tenant);
    },
    export: (tenant) => [...(tenants.get(tenant) ?? [])].map(([session_id, payloads]) => ({ session_id, payloads: payloads.map((p) => ({ ...p })) })),
    restore(tenant, sessions) {
      tenants.set(tenant, new Map(sessions.map((x) => [x.session_id, x.payloads.map((p) => ({ ...p }))])));
    },
  };
}
