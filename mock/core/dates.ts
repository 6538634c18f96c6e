/**
 * Calendar arithmetic on epoch days (UTC, no time zones) and every date and timestamp label the
 * documents use: `2023-10-23 00:00:00`, `2023-10`, `Oct-23`, `Oct-2023`, `23-Oct-23`, `Nov 2023`,
 * `23/10/23`, `DD/MM/YYYY`, `2024-04-16 07:47:42`, `2024-04-16T07:47:40.806000Z`.
 * Integer civil-date conversion (H. Hinnant's algorithm) keeps 5,000-transaction statements cheap.
 */

export const MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

export interface Civil {
  y: number;
  m: number; // 1-12
  d: number; // 1-31
}

export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

// Statements revisit the same few hundred days thousands of times; the cache stays small
// (one entry per distinct day ever seen) and never changes an answer.
const civilCache = new Map<number, Civil>();

export function civilFromDays(z: number): Civil {
  let c = civilCache.get(z);
  if (!c) {
    c = computeCivil(z);
    civilCache.set(z, c);
  }
  return c;
}

function computeCivil(z: number): Civil {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of a valid `YYYY-MM-DD`, or null (wrong shape or no such calendar day). */
export function parseIsoDay(iso: string): number | null {
  const m = ISO_RE.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return daysFromCivil(y, mo, d);
}

export function dayOf(iso: string): number {
  const day = parseIsoDay(iso);
  if (day === null) throw new RangeError(`not an ISO calendar date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  return day;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

const isoCache = new Map<number, string>();

export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    const { y, m, d } = civilFromDays(day);
    iso = `${y}-${pad2(m)}-${pad2(d)}`;
    isoCache.set(day, iso);
  }
  return iso;
}

/** Epoch day of a millisecond timestamp (UTC). */
export function dayOfMs(ms: number): number {
  return Math.floor(ms / 86_400_000);
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Month index: year * 12 + (month - 1). */
export function monthIndexOfDay(day: number): number {
  const { y, m } = civilFromDays(day);
  return y * 12 + m - 1;
}

export function firstDayOfMonth(mi: number): number {
  return daysFromCivil(Math.floor(mi / 12), (mi % 12) + 1, 1);
}

export function lastDayOfMonth(mi: number): number {
  return firstDayOfMonth(mi + 1) - 1;
}

const yearOf = (mi: number): number => Math.floor(mi / 12);
const abbrOf = (mi: number): string => MONTH_ABBR[mi % 12];
const yy = (mi: number): string => pad2(yearOf(mi) % 100);

/** `2023-10` */
export function monthKey(mi: number): string {
  return `${yearOf(mi)}-${pad2((mi % 12) + 1)}`;
}

/** `Oct-23` (top credits/debits, eod keys, predictors). */
export function monthShort(mi: number): string {
  return `${abbrOf(mi)}-${yy(mi)}`;
}

/** `Oct-2023` (monthly_analysis, salary_month). */
export function monthLong(mi: number): string {
  return `${abbrOf(mi)}-${yearOf(mi)}`;
}

/** `Oct 2023` (failure messages). */
export function monthSpaced(mi: number): string {
  return `${abbrOf(mi)} ${yearOf(mi)}`;
}

/** `23-Oct-23` (eod start_date). */
export function dayLabel(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${pad2(d)}-${MONTH_ABBR[m - 1]}-${pad2(y % 100)}`;
}

/** `2023-10-23 00:00:00` (transaction dates). */
export function txnDateTime(iso: string): string {
  return `${iso} 00:00:00`;
}

/** `23/10/23` (date prefix some banks print in notes). */
export function ddmmyy(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${pad2(d)}/${pad2(m)}/${pad2(y % 100)}`;
}

export function dayOfMonth(day: number): number {
  return civilFromDays(day).d;
}

/** Day of year, 1-366. */
export function dayOfYear(day: number): number {
  const { y } = civilFromDays(day);
  return day - daysFromCivil(y, 1, 1) + 1;
}

// ---- ISO dates and timestamps (sessions, views)

/** `2024-04-16 07:47:42`: the accounts' timestamp format in the seeds. */
export function spaceTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

/** `2024-04-16T07:47:40.806000Z`: the statements' timestamp format (microseconds) in the seeds. */
export function isoMicros(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 23)}000Z`;
}

export function isoDateOfMs(ms: number): string {
  return isoOf(dayOfMs(ms));
}

/** `DD/MM/YYYY` → ISO date, or null when it is not a real calendar day. */
export function parseDmy(dmy: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(dmy);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return isoOf(daysFromCivil(y, mo, d));
}

/** ISO date → `DD/MM/YYYY`. */
export function toDmy(iso: string): string {
  const { y, m, d } = civilFromDays(parseIsoDay(iso) as number);
  return `${pad2(d)}/${pad2(m)}/${y}`;
}

/** The same calendar day `months` months earlier, clamped to the month's length. */
export function minusMonths(iso: string, months: number): string {
  const { y, m, d } = civilFromDays(parseIsoDay(iso) as number);
  const idx = y * 12 + (m - 1) - months;
  const ny = Math.floor(idx / 12);
  const nm = (idx % 12) + 1;
  return isoOf(daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm))));
}

export function addDays(iso: string, days: number): string {
  return isoOf((parseIsoDay(iso) as number) + days);
}

export function dayNumber(iso: string): number {
  return parseIsoDay(iso) as number;
}
