import type { DomainContext } from "./context.js";
import { ok, type Result } from "./failure.js";
import { getSession } from "./queries.js";
import type { Session } from "./session.js";
import { transition } from "./transitions.js";

export function deleteSession(ctx: DomainContext, tenant: string, sessionId: string): Result<Session> {
  const found = getSession(ctx, tenant, sessionId);
  if (!found.ok) return found;
  const s = found.value;
  const now = ctx.clock.now();
  s.deletedAt = now;
  for (const cancel of s.cancelTimers) cancel();
  s.cancelTimers = [];
  // Deleting drops the data; only a tombstone stays so later calls answer SESSION_DELETED.
  s.statements = [];
  s.accounts = [];
  s.result = null;
  transition(s, "DELETED", "delete", now);
  return ok(s);
}
