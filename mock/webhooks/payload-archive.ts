import type { StoredPayload, WebhookEmission } from "./types.js";

/** Every payload emitted for a session, sent or not (the control API's webhook_payloads). */
export interface PayloadArchive {
  store(tenant: string, emission: WebhookEmission, createdAt: string, payload: unknown): void;
  forSession(tenant: string, sessionId: string): StoredPayload[];
  forget(tenant: string): void;
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
  };
}
