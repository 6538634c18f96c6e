import { dayOf, isoOf, monthIndexOfDay, monthKey } from "../core/dates.js";
import type { DateRange, WireDateRange } from "./types.js";

/** Inclusive epoch-day interval. */
export type DaySpan = readonly [from: number, to: number];

/** Sorted, merged spans; touching spans (to + 1 === next from) merge too. */
export function mergeSpans(spans: readonly DaySpan[]): DaySpan[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function spanOf(range: DateRange): DaySpan {
  return [dayOf(range.from), dayOf(range.to)];
}

export function rangeOf(span: DaySpan): DateRange {
  return { from: isoOf(span[0]), to: isoOf(span[1]) };
}

/** Parts of `outer` that none of `covered` (merged, sorted) touches. */
export function subtractSpans(outer: DaySpan, covered: readonly DaySpan[]): DaySpan[] {
  const out: DaySpan[] = [];
  let cursor = outer[0];
  for (const [a, b] of covered) {
    if (b < cursor) continue;
    if (a > outer[1]) break;
    if (a > cursor) out.push([cursor, Math.min(a - 1, outer[1])]);
    cursor = Math.max(cursor, b + 1);
    if (cursor > outer[1]) break;
  }
  if (cursor <= outer[1]) out.push([cursor, outer[1]]);
  return out;
}

export function wireRange(span: DaySpan): WireDateRange {
  return { from_date: isoOf(span[0]), to_date: isoOf(span[1]) };
}

/** `YYYY-MM` months a range touches, oldest first (an upload response's `months`). */
export function monthsOfRange(range: DateRange): string[] {
  const out: string[] = [];
  for (let mi = monthIndexOfDay(dayOf(range.from)); mi <= monthIndexOfDay(dayOf(range.to)); mi++) out.push(monthKey(mi));
  return out;
}

/** Session-range months the statement's period does not touch (an upload response's `missing_months`). */
export function missingMonths(period: DateRange, sessionRange: DateRange): string[] {
  const have = new Set(monthsOfRange(period));
  return monthsOfRange(sessionRange).filter((m) => !have.has(m));
}
