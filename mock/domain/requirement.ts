import type { DomainContext } from "./context.js";
import { coveredBanks, type Session } from "./session.js";
import { transition } from "./transitions.js";

/** Marks the upload COMPLETED and tells the webhook scheduler. */
export function completeUpload(ctx: DomainContext, s: Session, at: number, cause: string): void {
  s.uploadCompletedAt = at;
  transition(s, "COMPLETED", cause, at);
  ctx.emit("SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", s);
}

/** Completes the upload once enough banks' statements cover the session range (the scenario says how many). */
export function checkRequirement(ctx: DomainContext, s: Session, at: number): void {
  if (s.uploadCompletedAt !== null) return;
  const needed = s.scenario.required_banks ?? 1;
  if (coveredBanks(s).size >= needed) completeUpload(ctx, s, at, "accepted statements cover the session range");
}
