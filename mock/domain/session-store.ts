import type { Session } from "./session.js";

interface Tenant {
  sessions: Map<string, Session>;
  counter: number;
}

/** Sessions by tenant (API key): one tenant never sees another's sessions. */
export interface SessionStore {
  /** Adds a session; returns the tenant's running number for it (ids derive from it). */
  nextNumber(tenant: string): number;
  add(session: Session): void;
  find(tenant: string, id: string): Session | undefined;
  /** The tenant holding a session id (the hosted journey page knows only the id). */
  ownerOf(id: string): string | undefined;
  /** Every session of a tenant, oldest first. */
  list(tenant: string): Session[];
  /** Forgets a tenant's sessions, cancelling their timers; returns how many there were. */
  reset(tenant: string): number;
  count(): number;
}

export function createSessionStore(): SessionStore {
  const tenants = new Map<string, Tenant>();
  const tenantOf = (key: string): Tenant => {
    let t = tenants.get(key);
    if (!t) {
      t = { sessions: new Map(), counter: 0 };
      tenants.set(key, t);
    }
    return t;
  };
  return {
    nextNumber(tenant) {
      const t = tenantOf(tenant);
      t.counter += 1;
      return t.counter;
    },
    add(session) {
      tenantOf(session.tenant).sessions.set(session.id, session);
    },
    find: (tenant, id) => tenants.get(tenant)?.sessions.get(id),
    ownerOf(id) {
      for (const [key, t] of tenants) if (t.sessions.has(id)) return key;
      return undefined;
    },
    list: (tenant) => [...(tenants.get(tenant)?.sessions.values() ?? [])],
    reset(tenant) {
      const t = tenants.get(tenant);
      if (!t) return 0;
      for (const s of t.sessions.values()) for (const cancel of s.cancelTimers) cancel();
      tenants.delete(tenant);
      return t.sessions.size;
    },
    count() {
      let n = 0;
      for (const t of tenants.values()) n += t.sessions.size;
      return n;
    },
  };
}
