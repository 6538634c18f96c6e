import type { Clock } from "../core/clock.js";
import type { Scenarios } from "./scenarios.js";
import type { Session } from "./session.js";
import type { SessionStore } from "./session-store.js";

export type DomainEvent = "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION" | "ENRICHMENT_NOTIFICATION" | "SESSION_EXPIRY_NOTIFICATION";

/** Documented messages of statement-level and account-level codes (from the spec). */
export interface FailureMessages {
  statement: ReadonlyMap<string, string>;
  account: ReadonlyMap<string, string>;
}

/** What every lifecycle command needs: the injected time, seed and catalogues, and the session store. */
export interface DomainContext {
  /** The tenant's own virtual clock (mock/core/tenant-clocks.ts): time moves per API key. */
  clockFor(tenant: string): Clock;
  /** Widest session date range, in days (--max-range-days). */
  maxRangeDays: number;
  /** How long a deleted or expired session is remembered before it is forgotten, in virtual ms. */
  retentionMs: number;
  /**
   * A session was deleted (its data is gone, its tombstone stays) or forgotten (retention passed):
   * drop anything kept for it elsewhere (payload archive; file links once forgotten).
   */
  onForget(session: Session, reason: "deleted" | "forgotten"): void;
  seed: string;
  /** Virtual time processing takes from initiate to completed. */
  processingMs: number;
  /** TTL when a session is created without `session_expiry`. */
  defaultTtlMinutes: number;
  scenarios: Scenarios;
  messages: FailureMessages;
  store: SessionStore;
  /** Where domain events go (the webhook scheduler); called synchronously, must not throw. */
  emit(event: DomainEvent, session: Session): void;
  /** Brings time-driven state (processing end, TTL) up to date; see lifecycle.ts. */
  refresh(session: Session): void;
  /** How uploaded PDFs are judged (pdf-checks.ts): `strict` refuses `%PDF-` files no reader opens. */
  pdf: { strict: boolean; pageLimit: number };
}
