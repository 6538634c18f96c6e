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

/** A bounded ring buffer of recent requests, so a long-running mock's memory stays flat. */
export function createJournal(limit: number) {
  const ring: JournalEntry[] = [];
  let next = 0;
  let seq = 0;
  return {
    add(entry: Omit<JournalEntry, "seq">, tenantKey: string | null): void {
      seq += 1;
      const full = { ...entry, seq, tenantKey } as JournalEntry & { tenantKey: string | null };
      if (limit <= 0) return;
      if (ring.length < limit) ring.push(full);
      else ring[next] = full;
      next = (next + 1) % limit;
    },
    /** Newest first, only the given tenant's requests. */
    list(tenantKey: string, max = 100): JournalEntry[] {
      const ordered = ring.length < limit ? [...ring] : [...ring.slice(next), ...ring.slice(0, next)];
      const out: JournalEntry[] = [];
      for (let i = ordered.length - 1; i >= 0 && out.length < max; i--) {
        const { tenantKey: key, ...entry } = ordered[i] as JournalEntry & { tenantKey: string | null };
        if (key === tenantKey) out.push(entry);
      }
      return out;
    },
    clear(tenantKey: string): void {
      for (let i = 0; i < ring.length; i++) {
        const e = ring[i] as JournalEntry & { tenantKey: string | null };
        if (e.tenantKey === tenantKey) e.tenantKey = null;
      }
    },
    size: () => ring.length,
  };
}

export type Journal = ReturnType<typeof createJournal>;

export function tenantLabel(key: string | null): string | null {
  if (key === null) return null;
  return key.length <= 4 ? `${key}…` : `${key.slice(0, 4)}…`;
}
