import { dayOfMonth, dayOfMs, firstDayOfMonth, isoOf, lastDayOfMonth, monthIndexOfDay, monthKey, monthLong } from "../core/dates.js";
import { findFraud } from "./fraud.js";
import { mergeSpans, rangeOf, spanOf, subtractSpans, wireRange, type DaySpan } from "./ranges.js";
import type { Account, DateRange, DerivedAccount, MonthAnalysis, SalaryEntry, Statement, Transaction } from "./types.js";

export interface DeriveAccountOptions {
  account: Account;
  /** Any order; sorted by period start (stable) before their transactions are concatenated. */
  statements: readonly Statement[];
  sessionRange: DateRange;
  /** Milliseconds since the epoch; only the date is used (categorization_time_stamp). */
  now: number;
}

const TOP_N = 5;

/**
 * Everything the insights and subscribed_data documents show, computed from the one merged
 * transaction list, so every figure agrees with every other:
 * - end-of-day balance of a day = balance after the last transaction (in statement order) dated
 *   on or before that day; before any transaction it is the first statement's opening balance;
 * - a month's closing balance = its last eod value; its opening = the previous month's closing
 *   (the first month opens at the first statement's opening balance);
 * - a month's eod series runs from its first transaction day (or first covered day, if it has no
 *   transactions) to its last covered day.
 * Overlapping statements are concatenated as given; nothing is de-duplicated.
 */
export function deriveAccount(opts: DeriveAccountOptions): DerivedAccount {
  const statements = opts.statements
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.period.from < b.s.period.from ? -1 : a.s.period.from > b.s.period.from ? 1 : a.i - b.i))
    .map((x) => x.s);
  const transactions: Transaction[] = [];
  for (const s of statements) for (const t of s.transactions) transactions.push(t);
  const coverage = mergeSpans(statements.map((s) => spanOf(s.period)));
  const opening = statements.length > 0 ? statements[0].opening_balance_paisa : opts.account.opening_balance_paisa;

  return {
    account: opts.account,
    session_range: { from: opts.sessionRange.from, to: opts.sessionRange.to },
    statements,
    transactions,
    coverage: coverage.map(rangeOf),
    months: analyseMonths(transactions, coverage, opening),
    missing_data: subtractSpans(spanOf(opts.sessionRange), coverage).map(wireRange),
    salary: salaryEntries(transactions),
    fraud: findFraud(statements, transactions),
    categorization_date: isoOf(dayOfMs(opts.now)),
  };
}

function analyseMonths(txns: readonly Transaction[], coverage: readonly DaySpan[], opening: number): MonthAnalysis[] {
  if (coverage.length === 0 && txns.length === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const [a, b] of coverage) {
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  for (const t of txns) {
    lo = Math.min(lo, t.day);
    hi = Math.max(hi, t.day);
  }

  // Index of the last transaction (in statement order) dated on or before each day.
  const lastUpTo = new Int32Array(hi - lo + 1).fill(-1);
  for (let i = 0; i < txns.length; i++) lastUpTo[txns[i].day - lo] = i;
  for (let d = 1; d < lastUpTo.length; d++) if (lastUpTo[d] < lastUpTo[d - 1]) lastUpTo[d] = lastUpTo[d - 1];
  const eodAt = (day: number): number => {
    const i = lastUpTo[day - lo];
    return i < 0 ? opening : txns[i].balance_paisa;
  };

  const monthSet = new Set<number>();
  for (const [a, b] of coverage) for (let mi = monthIndexOfDay(a); mi <= monthIndexOfDay(b); mi++) monthSet.add(mi);
  const byMonth = new Map<number, Transaction[]>();
  for (const t of txns) {
    const mi = monthIndexOfDay(t.day);
    monthSet.add(mi);
    let bucket = byMonth.get(mi);
    if (!bucket) byMonth.set(mi, (bucket = []));
    bucket.push(t);
  }
  const months = [...monthSet].sort((a, b) => a - b);

  const out: MonthAnalysis[] = [];
  let carried = opening;
  for (const mi of months) {
    const first = firstDayOfMonth(mi);
    const last = lastDayOfMonth(mi);
    let coveredFrom = Infinity;
    let coveredTo = -Infinity;
    for (const [a, b] of coverage) {
      if (b < first || a > last) continue;
      coveredFrom = Math.min(coveredFrom, Math.max(a, first));
      coveredTo = Math.max(coveredTo, Math.min(b, last));
    }
    const bucket = byMonth.get(mi) ?? [];
    let minDay = Infinity;
    let maxDay = -Infinity;
    let credits = 0;
    let debits = 0;
    let creditCount = 0;
    let bounces = 0;
    for (const t of bucket) {
      minDay = Math.min(minDay, t.day);
      maxDay = Math.max(maxDay, t.day);
      if (t.transaction_type === "credit") {
        credits += t.amount_paisa;
        creditCount++;
      } else debits += t.amount_paisa;
      if (t.transaction_channel === "inward_cheque_bounce" && t.description === "chq_bounce_insuff_funds") bounces++;
    }
    const start = bucket.length > 0 ? minDay : coveredFrom;
    const end = Math.max(coveredTo, maxDay);
    const eod: number[] = new Array(end - start + 1);
    for (let d = start; d <= end; d++) eod[d - start] = eodAt(d);
    const closing = eod[eod.length - 1];
    out.push({
      month: monthKey(mi),
      index: mi,
      opening_balance_paisa: carried,
      closing_balance_paisa: closing,
      credits_paisa: credits,
      debits_paisa: debits,
      credit_count: creditCount,
      debit_count: bucket.length - creditCount,
      start_day: start,
      end_day: end,
      eod_paisa: eod,
      top_credits: topOf(bucket, "credit"),
      top_debits: topOf(bucket, "debit"),
      inward_chq_bounces_insuff_fund: bounces,
    });
    carried = closing;
  }
  return out;
}

/** The five largest of one type; equal amounts keep statement order. */
function topOf(bucket: readonly Transaction[], type: Transaction["transaction_type"]): Transaction[] {
  const picked: Transaction[] = [];
  for (const t of bucket) {
    if (t.transaction_type !== type) continue;
    // Insertion into a list of at most five: cheaper than sorting hundreds of rows per month.
    let at = picked.length;
    while (at > 0 && picked[at - 1].amount_paisa < t.amount_paisa) at--;
    if (at < TOP_N) {
      picked.splice(at, 0, t);
      if (picked.length > TOP_N) picked.pop();
    }
  }
  return picked;
}

/**
 * Salary credits are the credits categorised `Salary`. A salary landing in the first half of a
 * month pays for the month before, as in the documents' example (credited 15 Dec, for Nov-2023).
 */
function salaryEntries(txns: readonly Transaction[]): SalaryEntry[] {
  const out: SalaryEntry[] = [];
  for (const t of txns) {
    if (t.transaction_type !== "credit" || t.category !== "Salary") continue;
    const mi = monthIndexOfDay(t.day);
    out.push({ transaction: t, salary_month: monthLong(dayOfMonth(t.day) <= 15 ? mi - 1 : mi), employer_name: t.employer_name });
  }
  return out;
}
