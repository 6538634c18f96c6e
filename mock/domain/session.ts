import { dayNumber } from "../core/dates.js";
import type { Account, DateRange, DerivedAccount, Statement } from "../data/index.js";
import type { SessionScenario } from "./scenarios.js";

/** Upload status as the spec names it. */
export type UploadStatus = "NO_UPLOAD" | "IN_PROGRESS" | "COMPLETED" | "EXPIRED";

/**
 * The session's place in its lifecycle. Upload statuses first, then processing:
 * NO_UPLOAD → IN_PROGRESS → COMPLETED → PROCESSING → PROCESSED, with EXPIRED (TTL passed before
 * processing) and DELETED as ends.
 */
export type Phase = UploadStatus | "PROCESSING" | "PROCESSED" | "DELETED";

export interface Transition {
  at: string;
  from: Phase;
  to: Phase;
  cause: string;
}

export interface StatementFailure {
  code: string;
  message: string;
}

export interface StatementState {
  id: string;
  accountId: string;
  bank: string;
  fileName: string;
  source: "pdf";
  uploadedAt: number;
  /** The dates this statement covers. */
  period: DateRange;
  contentHash: string;
  pdfPassword: string | null;
  /** Extraction-time failure; upload-time failures never become statements. */
  failure: StatementFailure | null;
  /** The generated or fixture data; null when extraction failed. */
  data: Statement | null;
  pageCount: number;
  /** Kept so get_pdfs can serve the file back. */
  bytes: Uint8Array;
  mimeType: string;
}

export interface AccountState {
  id: string;
  bank: string;
  account: Account;
  createdAt: number;
  updatedAt: number;
  statementIds: string[];
}

export interface AccountOutcome {
  accountId: string;
  status: "completed" | "failed";
  errorCode: string | null;
  errorMessage: string | null;
}

/** What processing produced: computed once when it ends, then served from here. */
export interface ProcessingResult {
  derived: DerivedAccount[];
  outcomes: AccountOutcome[];
  finishedAt: number;
  /** Response bodies built on first read and reused: a completed session never changes. */
  cache: Map<string, unknown>;
}

export interface Session {
  id: string;
  tenant: string;
  linkId: string;
  createdAt: number;
  expiresAt: number;
  range: DateRange;
  redirectUrl: string | null;
  mode: string | null;
  bankName: string | null;
  journeyMode: string | null;
  scenario: SessionScenario;
  /** The phase last recorded by `transition()` (mock/domain/transitions.ts), its only writer. */
  phase: Phase;
  /** Account-level code forced through the control API; wins over the scenario's own outcome. */
  forcedAccountFailure: string | null;
  accounts: AccountState[];
  statements: StatementState[];
  contentHashes: Set<string>;
  /** Upload attempts, failed ones included: the next statement id derives from it. */
  uploadCounter: number;
  uploadCompletedAt: number | null;
  processing: { initiatedAt: number; completesAt: number } | null;
  result: ProcessingResult | null;
  expiredAt: number | null;
  deletedAt: number | null;
  transitions: Transition[];
  /** Cancels the session's scheduled clock tasks (expiry, processing end) when it is deleted. */
  cancelTimers: Array<() => void>;
  /** Bumped by every change, so views built from the session can be reused until the next one. */
  version: number;
  uploadStatusCache?: { key: string; body: unknown };
}

const UPLOAD_PHASES: ReadonlySet<Phase> = new Set(["NO_UPLOAD", "IN_PROGRESS", "COMPLETED"]);

/**
 * The phase at `now`: the recorded one, except that a session still taking uploads whose TTL has
 * passed reads EXPIRED before the clock's timer has recorded it.
 */
export function phaseAt(s: Session, now: number): Phase {
  if (UPLOAD_PHASES.has(s.phase) && now >= s.expiresAt) return "EXPIRED";
  return s.phase;
}

/** An account's statements, in upload order. */
function statementsOf(s: Session, acc: AccountState): StatementState[] {
  return acc.statementIds.map((id) => s.statements.find((st) => st.id === id)).filter((st): st is StatementState => st !== undefined);
}

/** The last day of the session range covered without a gap from its start; start - 1 when none. */
export function coveredUntil(s: Session, acc: AccountState): number {
  const spans = statementsOf(s, acc)
    .filter((st) => st.failure === null)
    .map((st) => [dayNumber(st.period.from), dayNumber(st.period.to)] as const)
    .sort((a, b) => a[0] - b[0]);
  let reach = dayNumber(s.range.from) - 1;
  for (const [from, to] of spans) {
    if (from > reach + 1) break;
    reach = Math.max(reach, to);
  }
  return reach;
}

/** Whether an account's accepted statements cover the whole session range. */
export function accountCovers(s: Session, acc: AccountState): boolean {
  return coveredUntil(s, acc) >= dayNumber(s.range.to);
}

/** Banks with an account whose accepted statements cover the session range. */
export function coveredBanks(s: Session): Set<string> {
  const banks = new Set<string>();
  for (const acc of s.accounts) if (accountCovers(s, acc)) banks.add(acc.bank);
  return banks;
}

/** The extracted data of an account's statements, in upload order. */
export function usableStatements(s: Session, acc: AccountState): Statement[] {
  return statementsOf(s, acc)
    .map((st) => st.data)
    .filter((d): d is Statement => d !== null);
}
