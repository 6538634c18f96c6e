import { civilFromDays, firstDayOfMonth, lastDayOfMonth, monthIndexOfDay, monthSpaced } from "../core/dates.js";
import { mergeSpans, spanOf, type DaySpan } from "./ranges.js";
import { MISSING_RUN_DAYS } from "./faults.js";
import { ACCOUNT_FAILURE_MESSAGES } from "../../openapi/generated/error-codes.js";
import type { AccountFailure, AccountFailureCode, DerivedAccount, Statement, Transaction } from "./types.js";

/**
 * The spec's message of a code (openapi/generated/error-codes.ts, one source for every message);
 * the three that name months or days get the data's own in place of the spec's example ones.
 */
function messageOf(code: AccountFailureCode, detail?: string): string {
  const documented = ACCOUNT_FAILURE_MESSAGES[code];
  if (detail === undefined) return documented;
  return `${documented.slice(0, documented.lastIndexOf(" for ") + " for ".length)}${detail}`;
}

/**
 * The account's failure, read from the statements and transactions alone (never from the
 * fault that produced them), or null when the data is clean. When several conditions hold,
 * the first of this order wins: NULL_ACCOUNT_NUMBER, UNPARSABLE, INCOMPLETE_MONTHS_UPLOAD,
 * INCOMPLETE_DATES_UPLOAD, BALANCE_MISMATCH, INCOMPLETE_MONTHS, MISSING_TRANSACTIONS.
 */
export function detectAccountFailure(derived: DerivedAccount): AccountFailure | null {
  const all = inspectAccount(derived);
  return all.length > 0 ? all[0] : null;
}

/** Every failure condition present in the data, in precedence order. */
export function inspectAccount(derived: DerivedAccount): AccountFailure[] {
  const out: AccountFailure[] = [];
  const statements = derived.statements;
  const txns: Transaction[] = statements.flatMap((s) => s.transactions);
  const coverage = mergeSpans(statements.map((s) => spanOf(s.period)));

  if (derived.account.account_number === null || derived.account.account_number.trim() === "") {
    out.push({ code: "NULL_ACCOUNT_NUMBER", message: messageOf("NULL_ACCOUNT_NUMBER") });
  }
  if (txns.length === 0) out.push({ code: "UNPARSABLE", message: messageOf("UNPARSABLE") });

  const { wholeMonths, partialDays } = uncovered(spanOf(derived.session_range), coverage);
  if (wholeMonths.length > 0) {
    out.push({ code: "INCOMPLETE_MONTHS_UPLOAD", message: messageOf("INCOMPLETE_MONTHS_UPLOAD", wholeMonths.map(monthSpaced).join(", ")) });
  }
  if (partialDays.size > 0) {
    const parts = [...partialDays].map(([mi, days]) => `${JSON.stringify(monthSpaced(mi))}: [${days.join(", ")}]`);
    out.push({ code: "INCOMPLETE_DATES_UPLOAD", message: messageOf("INCOMPLETE_DATES_UPLOAD", `{${parts.join(", ")}}`) });
  }
  if (balanceBreaks(statements).length > 0) out.push({ code: "BALANCE_MISMATCH", message: messageOf("BALANCE_MISMATCH") });

  if (txns.length > 0) {
    const empty = emptyMonths(coverage, txns);
    if (empty.length > 0) out.push({ code: "INCOMPLETE_MONTHS", message: messageOf("INCOMPLETE_MONTHS", empty.map(monthSpaced).join(", ")) });
    if (longestQuietRun(coverage, txns) >= MISSING_RUN_DAYS) out.push({ code: "MISSING_TRANSACTIONS", message: messageOf("MISSING_TRANSACTIONS") });
  }
  return out;
}

/**
 * Indexes (into the concatenated transactions of `statements`, in the given order) whose printed
 * balance is not the previous balance plus or minus the amount. The first transaction is checked
 * against the first statement's opening balance; later statements continue from the previous
 * printed balance.
 */
export function balanceBreaks(statements: readonly Statement[]): number[] {
  const out: number[] = [];
  let prev: number | null = null;
  let index = 0;
  for (const s of statements) {
    prev ??= s.opening_balance_paisa;
    for (const t of s.transactions) {
      const expected: number = t.transaction_type === "credit" ? prev + t.amount_paisa : prev - t.amount_paisa;
      if (t.balance_paisa !== expected) out.push(index);
      prev = t.balance_paisa;
      index++;
    }
  }
  return out;
}

/** Session-range days no statement covers: whole calendar months, and the rest by month. */
function uncovered(session: DaySpan, coverage: readonly DaySpan[]): { wholeMonths: number[]; partialDays: Map<number, number[]> } {
  const wholeMonths: number[] = [];
  const partialDays = new Map<number, number[]>();
  const isCovered = (d: number): boolean => coverage.some(([a, b]) => d >= a && d <= b);
  for (let mi = monthIndexOfDay(session[0]); mi <= monthIndexOfDay(session[1]); mi++) {
    const a = Math.max(session[0], firstDayOfMonth(mi));
    const b = Math.min(session[1], lastDayOfMonth(mi));
    const missing: number[] = [];
    for (let d = a; d <= b; d++) if (!isCovered(d)) missing.push(civilFromDays(d).d);
    if (missing.length === b - a + 1) wholeMonths.push(mi);
    else if (missing.length > 0) partialDays.set(mi, missing);
  }
  return { wholeMonths, partialDays };
}

/** Covered calendar months in which no transaction is dated. */
function emptyMonths(coverage: readonly DaySpan[], txns: readonly Transaction[]): number[] {
  const busy = new Set(txns.map((t) => monthIndexOfDay(t.day)));
  const out: number[] = [];
  const seen = new Set<number>();
  for (const [a, b] of coverage) {
    for (let mi = monthIndexOfDay(a); mi <= monthIndexOfDay(b); mi++) {
      if (!seen.has(mi) && !busy.has(mi)) out.push(mi);
      seen.add(mi);
    }
  }
  return out.sort((x, y) => x - y);
}

/** Longest stretch of consecutive covered days without a transaction. */
function longestQuietRun(coverage: readonly DaySpan[], txns: readonly Transaction[]): number {
  const busy = new Set(txns.map((t) => t.day));
  let longest = 0;
  for (const [a, b] of coverage) {
    let run = 0;
    for (let d = a; d <= b; d++) {
      run = busy.has(d) ? 0 : run + 1;
      if (run > longest) longest = run;
    }
  }
  return longest;
}
