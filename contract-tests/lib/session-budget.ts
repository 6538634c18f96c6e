/**
 * Caps how many sessions one run may create on the target. Real servers bill and keep sessions, so
 * a run that would exceed the cap skips the test instead of creating more. Workers are separate
 * processes; they share the count through a file that each reservation appends to (appends are
 * atomic, so the count can only over-estimate, never let a reservation through twice).
 */
import { appendFileSync, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

export type Reservation = { ok: true } | { ok: false; reason: string };

export interface SessionBudget {
  /** Unlimited budgets report `Infinity`. */
  readonly limit: number;
  reserve(count: number): Reservation;
  used(): number;
}

export function createSessionBudget(limit: number, file?: string): SessionBudget {
  let local = 0;
  if (file) mkdirSync(dirname(file), { recursive: true });
  const used = (): number => {
    if (!file) return local;
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  return {
    limit,
    used,
    reserve(count) {
      if (limit === Infinity) {
        local += count;
        return { ok: true };
      }
      if (used() + count > limit) {
        return {
          ok: false,
          reason: `needs ${count} new session(s) but ${used()} of the ${limit} allowed on this target are used (raise BANKCONNECT_MAX_SESSIONS to allow more)`,
        };
      }
      if (!file) {
        local += count;
        return { ok: true };
      }
      appendFileSync(file, "x".repeat(count));
      if (used() > limit) {
        return { ok: false, reason: `another worker took the last of the ${limit} sessions allowed on this target (BANKCONNECT_MAX_SESSIONS)` };
      }
      return { ok: true };
    },
  };
}
