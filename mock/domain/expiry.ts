import type { DomainContext } from "./context.js";
import type { Session } from "./session.js";
import { transition } from "./transitions.js";

/** Expires a session whose TTL has passed before processing was requested. Idempotent. */
export function expireIfDue(ctx: DomainContext, s: Session): void {
  if (s.processing || s.expiredAt !== null || ctx.clockFor(s.tenant).now() < s.expiresAt) return;
  s.expiredAt = s.expiresAt;
  transition(s, "EXPIRED", "session TTL passed before processing", s.expiresAt);
  ctx.emit("SESSION_EXPIRY_NOTIFICATION", s);
  // Expired sessions may still be processed; one that is not, is forgotten once retention passes.
  s.cancelTimers.push(
    ctx.clockFor(s.tenant).schedule(s.expiresAt + ctx.retentionMs, () => {
      if (s.processing || s.deletedAt !== null) return;
      ctx.store.evict(s);
    }),
  );
}
