import type { Session } from "./session.js";

interface Tenant {
  sessions: Map<string, Session>;
  counter: number;
  /** Sessions neither deleted nor evicted: what --max-sessions-per-tenant counts. */
  live: number;
  /** Deleted sessions still answering SESSION_DELETED, oldest first. */
  tombstones: Session[];
}

/** Capacity limits (README "Limits and security"); each names the option that raises it. */
export interface StoreLimits {
  maxTenants: number;
  maxSessionsPerTenant: number;
  maxStoredBytes: number;
}

export const DEFAULT_STORE_LIMITS: StoreLimits = { maxTenants: 10_000, maxSessionsPerTenant: 10_000, maxStoredBytes: 512 * 1024 * 1024 };

/** Sessions by tenant (API key): one tenant never sees another's sessions. */
export interface SessionStore {
  /** Why a session for `tenant` cannot be added now, or null when it can. */
  refusal(tenant: string): string | null;
  /** Registers a tenant (webhook settings, clock moves) if the tenant cap allows; returns the refusal otherwise. */
  admit(tenant: string): string | null;
  knows(tenant: string): boolean;
  /** The tenant's running number for its next session (ids derive from it). */
  nextNumber(tenant: string): number;
  add(session: Session): void;
  find(tenant: string, id: string): Session | undefined;
  /** The tenant holding a session id (the hosted journey page knows only the id). */
  ownerOf(id: string): string | undefined;
  /** Every session of a tenant, oldest first. */
  list(tenant: string): Session[];
  /** Statement bytes may grow by `n`, or the refusal. */
  bytesRefusal(n: number): string | null;
  /** Statement bytes kept changed by `delta` (an upload adds, a delete subtracts). */
  noteBytes(delta: number): void;
  /**
   * A session was deleted: it stops counting as live and becomes a tombstone. Tombstones are capped
   * like live sessions (the oldest is forgotten first), so a fast delete loop cannot outgrow the
   * retention period.
   */
  noteDeleted(session: Session): void;
  /** Forgets one session entirely (retention passed, or the tombstone cap), freeing what it holds. */
  evict(session: Session): void;
  /** Forgets a tenant's sessions, cancelling their timers; returns how many there were. */
  reset(tenant: string): number;
  /** The tenant's session counter and sessions, for snapshots. */
  counterOf(tenant: string): number;
  /** Puts back a tenant from a snapshot, replacing what it had. */
  restore(tenant: string, counter: number, sessions: Session[]): void;
  tenants(): string[];
  count(): number;
  storedBytes(): number;
}

const bytesOf = (s: Session): number => s.statements.reduce((n, st) => n + st.bytes.length, 0);

export function createSessionStore(limits: StoreLimits = DEFAULT_STORE_LIMITS, onEvict: (session: Session) => void = () => {}): SessionStore {
  const tenants = new Map<string, Tenant>();
  let stored = 0;
  const tenantOf = (key: string): Tenant => {
    let t = tenants.get(key);
    if (!t) {
      t = { sessions: new Map(), counter: 0, live: 0, tombstones: [] };
      tenants.set(key, t);
    }
    return t;
  };
  const tenantRefusal = (tenant: string): string | null =>
    tenants.has(tenant) || tenants.size < limits.maxTenants
      ? null
      : `Mock limit reached: ${limits.maxTenants} API keys already hold state (--max-tenants). Reuse a key, POST /__mock/reset for keys you are done with, or raise the limit.`;
  const forget = (t: Tenant, s: Session): void => {
    for (const cancel of s.cancelTimers) cancel();
    s.cancelTimers = [];
    stored -= bytesOf(s);
    if (s.deletedAt === null) t.live -= 1;
    t.sessions.delete(s.id);
  };
  return {
    refusal(tenant) {
      const refused = tenantRefusal(tenant);
      if (refused) return refused;
      const t = tenants.get(tenant);
      if (t && t.live >= limits.maxSessionsPerTenant) {
        return `Mock limit reached: this API key holds ${t.live} live sessions (--max-sessions-per-tenant ${limits.maxSessionsPerTenant}). Delete sessions, POST /__mock/reset, or raise the limit.`;
      }
      return null;
    },
    admit(tenant) {
      const refused = tenantRefusal(tenant);
      if (!refused) tenantOf(tenant);
      return refused;
    },
    knows: (tenant) => tenants.has(tenant),
    nextNumber(tenant) {
      const t = tenantOf(tenant);
      t.counter += 1;
      return t.counter;
    },
    add(session) {
      const t = tenantOf(session.tenant);
      t.sessions.set(session.id, session);
      if (session.deletedAt === null) t.live += 1;
      stored += bytesOf(session);
    },
    find: (tenant, id) => tenants.get(tenant)?.sessions.get(id),
    ownerOf(id) {
      for (const [key, t] of tenants) if (t.sessions.has(id)) return key;
      return undefined;
    },
    list: (tenant) => [...(tenants.get(tenant)?.sessions.values() ?? [])],
    bytesRefusal(n) {
      if (stored + n <= limits.maxStoredBytes) return null;
      return `Mock limit reached: statements already hold ${stored} bytes and this one has ${n} (--max-stored-bytes ${limits.maxStoredBytes}). Delete sessions, POST /__mock/reset, or raise the limit.`;
    },
    noteBytes(delta) {
      stored += delta;
    },
    noteDeleted(session) {
      const t = tenants.get(session.tenant);
      if (!t) return;
      t.live -= 1;
      t.tombstones.push(session);
      while (t.tombstones.length > limits.maxSessionsPerTenant) this.evict(t.tombstones[0]);
    },
    evict(session) {
      const t = tenants.get(session.tenant);
      if (t?.sessions.get(session.id) !== session) return;
      forget(t, session);
      if (session.deletedAt !== null) {
        // Usually the oldest: tombstones leave in deletion order.
        const i = t.tombstones.indexOf(session);
        if (i >= 0) t.tombstones.splice(i, 1);
      }
      onEvict(session);
    },
    reset(tenant) {
      const t = tenants.get(tenant);
      if (!t) return 0;
      const n = t.sessions.size;
      for (const s of [...t.sessions.values()]) forget(t, s);
      tenants.delete(tenant);
      return n;
    },
    counterOf: (tenant) => tenants.get(tenant)?.counter ?? 0,
    restore(tenant, counter, sessions) {
      const t = tenants.get(tenant);
      if (t) for (const s of [...t.sessions.values()]) forget(t, s);
      const fresh = tenantOf(tenant);
      fresh.counter = counter;
      for (const s of sessions) this.add(s);
      fresh.tombstones = sessions.filter((s) => s.deletedAt !== null).sort((a, b) => (a.deletedAt as number) - (b.deletedAt as number));
    },
    tenants: () => [...tenants.keys()],
    count() {
      let n = 0;
      for (const t of tenants.values()) n += t.sessions.size;
      return n;
    },
    storedBytes: () => stored,
  };
}
