import { dayOf, firstDayOfMonth, isoOf, lastDayOfMonth, monthIndexOfDay } from "../core/dates.js";
import type { DateRange, DataFault } from "./types.js";

/**
 * How each fault bends a statement so the failure is really in the data. Detection
 * (failure.ts) never looks at the fault; these helpers only decide what to leave out.
 *
 * Guarantees hold when the requested period spans at least three calendar months whose first
 * part has two or more days; shorter periods get the strongest version that fits, which may be
 * no failure at all (e.g. INCOMPLETE_MONTHS needs a month that can be emptied).
 */

/** Longest run of covered days without a transaction that clean generated data may contain. */
export const MAX_QUIET_DAYS = 5;
/** A run of covered days without transactions at least this long is MISSING_TRANSACTIONS. */
export const MISSING_RUN_DAYS = 15;
/** Length of the hole MISSING_TRANSACTIONS statements get. */
const GAP_DAYS = 20;

function monthsOf(from: number, to: number): number[] {
  const out: number[] = [];
  for (let mi = monthIndexOfDay(from); mi <= monthIndexOfDay(to); mi++) out.push(mi);
  return out;
}

/**
 * Whether a statement over `period` can carry the fault's failure at all (a one-month period
 * cannot lose a whole month and still have transactions, for instance). When false,
 * generateStatement still succeeds but the data is clean in that respect.
 */
export function faultApplies(period: DateRange, fault: DataFault): boolean {
  switch (fault) {
    case "INCOMPLETE_MONTHS_UPLOAD":
    case "INCOMPLETE_DATES_UPLOAD":
      return coveredPeriod(period, fault).from !== period.from || coveredPeriod(period, fault).to !== period.to;
    case "INCOMPLETE_MONTHS":
    case "MISSING_TRANSACTIONS":
      return emptyWindows(coveredPeriod(period, fault), fault).length > 0;
    default:
      return true;
  }
}

/** The part of the requested period the statement will cover. */
export function coveredPeriod(requested: DateRange, fault: DataFault): DateRange {
  const from = dayOf(requested.from);
  const to = dayOf(requested.to);
  const months = monthsOf(from, to);
  if (fault === "INCOMPLETE_MONTHS_UPLOAD") {
    // Whole months missing from the front: the upload simply starts later than asked.
    const drop = months.length >= 4 ? 2 : months.length >= 2 ? 1 : 0;
    return drop === 0 ? requested : { from: isoOf(firstDayOfMonth(months[drop])), to: requested.to };
  }
  if (fault === "INCOMPLETE_DATES_UPLOAD") {
    // A few days missing, never a whole month (that would be INCOMPLETE_MONTHS_UPLOAD).
    // Parts are clipped to the period, so at least one day of each month stays covered.
    const firstPart = Math.min(to, lastDayOfMonth(months[0])) - from + 1;
    if (firstPart >= 2) return { from: isoOf(from + Math.min(4, firstPart - 1)), to: requested.to };
    const lastPart = to - Math.max(from, firstDayOfMonth(months[months.length - 1])) + 1;
    if (lastPart >= 2) return { from: requested.from, to: isoOf(to - Math.min(4, lastPart - 1)) };
  }
  return requested;
}

/**
 * Days of the covered period that must stay empty: the hole of MISSING_TRANSACTIONS or the
 * emptied months of INCOMPLETE_MONTHS. Returned as a sorted list of inclusive day ranges.
 */
export function emptyWindows(covered: DateRange, fault: DataFault): Array<[number, number]> {
  const from = dayOf(covered.from);
  const to = dayOf(covered.to);
  const months = monthsOf(from, to);
  if (fault === "INCOMPLETE_MONTHS") {
    if (months.length < 2) return [];
    const count = months.length >= 5 ? 2 : 1;
    const start = months.length === 2 ? 0 : Math.max(1, Math.floor((months.length - count) / 2));
    const out: Array<[number, number]> = [];
    for (let i = start; i < start + count && i < months.length - 1; i++) {
      out.push([Math.max(from, firstDayOfMonth(months[i])), Math.min(to, lastDayOfMonth(months[i]))]);
    }
    return out;
  }
  if (fault === "MISSING_TRANSACTIONS") {
    const hole = findHole(from, to, months);
    return hole ? [hole] : [];
  }
  return [];
}

/**
 * A hole that leaves every month at least one day outside it and one covered day on each side,
 * so the result is a gap rather than an empty month; as close to the middle as possible.
 */
function findHole(from: number, to: number, months: number[]): [number, number] | null {
  for (const len of [GAP_DAYS, MISSING_RUN_DAYS + 1]) {
    const mid = Math.floor((from + to - len) / 2);
    const span = to - from;
    for (let off = 0; off <= span; off++) {
      for (const start of [mid - off, mid + off]) {
        const end = start + len - 1;
        if (start <= from || end >= to) continue;
        const everyMonthKeepsADay = months.every((mi) => {
          const a = Math.max(from, firstDayOfMonth(mi));
          const b = Math.min(to, lastDayOfMonth(mi));
          return a < start || b > end;
        });
        if (everyMonthKeepsADay) return [start, end];
      }
    }
  }
  return null;
}
