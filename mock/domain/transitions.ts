import type { Phase, Session } from "./session.js";

/**
 * The allowed transitions between phases: the one table that says how a session may move.
 * NO_UPLOAD → IN_PROGRESS → COMPLETED → PROCESSING → PROCESSED; a session still taking uploads may
 * expire (TTL) and an expired one may still be processed; any live session may be deleted.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<Phase, readonly Phase[]>> = {
  NO_UPLOAD: ["IN_PROGRESS", "COMPLETED", "EXPIRED", "DELETED"],
  IN_PROGRESS: ["COMPLETED", "EXPIRED", "DELETED"],
  COMPLETED: ["PROCESSING", "EXPIRED", "DELETED"],
  EXPIRED: ["PROCESSING", "DELETED"],
  PROCESSING: ["PROCESSED", "DELETED"],
  PROCESSED: ["DELETED"],
  DELETED: [],
};

export function canTransition(from: Phase, to: Phase): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/**
 * Moves a session to `to`, recording when and why. The domain checks a command's preconditions
 * first and answers a documented code; reaching here with a move the table forbids is a mock bug,
 * so it throws rather than leave the session in a state no phase describes.
 */
export function transition(s: Session, to: Phase, cause: string, at: number): void {
  const from = s.phase;
  if (!canTransition(from, to)) throw new Error(`session ${s.id}: illegal transition ${from} → ${to} (${cause})`);
  s.phase = to;
  s.transitions.push({ at: new Date(at).toISOString(), from, to, cause });
  s.version += 1;
}

/** A change that keeps the phase (another upload, a forced outcome): views built before are stale. */
export function touch(s: Session): void {
  s.version += 1;
}
