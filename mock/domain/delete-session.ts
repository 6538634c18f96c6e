import type { DomainContext } from "./context.js";
import { ok, type Result } from "./failure.js";
import { getSession } from "./queries.js";
import type { Session } from "./session.js";
import { transition } from "./transitions.js";

export function deleteSession(ctx: DomainContext, tenant: string, sessionId: string): Result<Session> {
  const found = getSession(ctx, tenant, sessionId);
  if (!found.ok) return found;
  const s = found.value;
  const now = ctx.clockFor(tenant).now();
  s.deletedAt = now;
  for (const cancel of s.cancelTimers) cancel();
  ctx.onForget(s, "deleted");
  ctx.store.noteDeleted(s);
  ctx.store.noteBytes(-s.statements.reduce((n, st) => n + st.bytes.length, 0));
  // Deleting drops the data; only a tombstone stays, so later calls answer SESSION_DELETED until
  // the retention passes and the session is forgotten (SESSION_NOT_FOUND).
  s.cancelTimers = [ctx.clockFor(tenant).schedule(now + ctx.retentionMs, () => ctx.store.evict(s))];
  s.statements = [];
  s.contentHashes = new Set();
  s.accounts = [];
  s.result = null;
  transition(s, "DELETED", "delete", now);
  return ok(s);
}
