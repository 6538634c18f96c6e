/** One request as the journal keeps it. */
export interface JournalEntry {
  seq: number;
  at: string;
  method: string;
  path: string;
  operation_id: string | null;
  /** The API key's first characters: enough to tell tenants apart without storing secrets. */
  tenant: string | null;
  status: number;
  duration_ms: number;
  error_code: string | null;
  scenario: string | null;
}

/** What the hot path stores: raw numbers and strings, formatted only when someone reads the journal. */
interface RawEntry {
  seq: number;
  atMs: number;
  method: string;
  path: string;
  operationId: string | null;
  tenantKey: string | null;
  status: number;
  durationMs: number;
  errorCode: string | null;
  scenario: string | null;
}

export type JournalInput = Omit<RawEntry, "seq">;

/** A bounded ring buffer of recent requests, so a long-running mock's memory stays flat. */
export function createJournal(limit: number) {
  const ring: RawEntry[] = [];
  let next = 0;
  let seq = 0;
  const format = (e: RawEntry): JournalEntry => ({
    seq: e.seq,
    at: new Date(e.atMs).toISOString(),
    method: e.method,
    path: e.path,
    operation_id: e.operationId,
    tenant: tenantLabel(e.tenantKey),
    status: e.status,
    duration_ms: Math.round(e.durationMs * 100) / 100,
    error_code: e.errorCode,
    scenario: e.scenario,
  });
  return {
    add(entry: JournalInput): void {
      seq += 1;
      if (limit <= 0) return;
      const full = { ...entry, seq };
      if (ring.length < limit) ring.push(full);
      else ring[next] = full;
      next = (next + 1) % limit;
    },
    /** Newest first, only the given tenant's requests. */
    list(tenantKey: string, max = 100): JournalEntry[] {
      const ordered = ring.length < limit ? ring : [...ring.slice(next), ...ring.slice(0, next)];
      const out: JournalEntry[] = [];
      for (let i = ordered.length - 1; i >= 0 && out.length < max; i--) {
        if (ordered[i].tenantKey === tenantKey) out.push(format(ordered[i]));
      }
      return out;
    },
    /** Forgets a tenant's entries (reset): they stay in the ring but no tenant can read them. */
    clear(tenantKey: string): void {
      for (const e of ring) if (e.tenantKey === tenantKey) e.tenantKey = null;
    },
    size: () => ring.length,
  };
}

export type Journal = ReturnType<typeof createJournal>;

/**
 * Which requests the journal keeps: what a client asked of the mock, and the actions taken on it.
 * Not preflights (a browser's doing), nor reads of the control API, the dashboard or the journey
 * page's files and state: a polling page would otherwise fill the shared ring buffer with its own
 * requests and push the clients' out. The journey page's uploads are kept (they are API uploads).
 */
export function isJournaled(method: string, url: string): boolean {
  if (method === "OPTIONS") return false;
  if (method !== "GET" && method !== "HEAD") return true;
  return !(under(url, "/__mock") || under(url, "/bank-connect/journey"));
}

function under(url: string, prefix: string): boolean {
  return url.startsWith(prefix) && (url.length === prefix.length || url[prefix.length] === "/" || url[prefix.length] === "?");
}

export function tenantLabel(key: string | null): string | null {
  if (key === null) return null;
  return key.length <= 4 ? `${key}…` : `${key.slice(0, 4)}…`;
}
