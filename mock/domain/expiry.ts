import type { DomainContext } from "./context.js";
import type { Session } from "./session.js";
import { transition } from "./transitions.js";

/** Expires a session whose TTL has passed before processing was requested. Idempotent. */
export function expireIfDue(ctx: DomainContext, s: Session): void {
  if (s.processing || s.expiredAt !== null || ctx.clock.now() < s.expiresAt) return;
  s.expiredAt = s.expiresAt;
  transition(s, "EXPIRED", "session TTL passed before processing", s.expiresAt);
  ctx.emit("SESSION_EXPIRY_NOTIFICATION", s);
}
