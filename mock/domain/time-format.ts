import { civilFromDays, daysFromCivil, daysInMonth, dayOfMs, isoOf, parseIsoDay } from "../data/dates.js";

const pad2 = (n: number): string => String(n).padStart(2, "0");

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
