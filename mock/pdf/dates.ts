/**
 * Dates as Indian bank statements print them (`18-11-2018`, `01/04/24`, `01 Apr 2024`,
 * `01-APR-2024`, `April 01, 2023`, `2024-04-01`), read into ISO `yyyy-mm-dd`.
 */

const MONTH = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*";

/** A regular-expression source matching one printed date (no capture groups). */
export const DATE_SOURCE = [
  String.raw`\d{4}-\d{2}-\d{2}`,
  String.raw`\d{1,2}[\/\-.]\d{1,2}[\/\-.](?:\d{4}|\d{2})(?!\d)`,
  String.raw`\d{1,2}(?:st|nd|rd|th)?[\s\-]?${MONTH}[\s\-,.]*(?:\d{4}|\d{2})(?!\d)`,
  String.raw`${MONTH}\.?\s+\d{1,2},?\s+\d{4}`,
].map((s) => `(?:${s})`).join("|");

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** The ISO date a printed date stands for, or null when it is not a real calendar date. */
export function parsePrintedDate(text: string): string | null {
  const t = text.trim().toLowerCase();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4}|\d{2})$/.exec(t);
  if (m) return iso(year(m[3]), +m[2], +m[1]);
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]?([a-z]+)[\s\-,.]*(\d{4}|\d{2})$/.exec(t);
  if (m) return iso(year(m[3]), monthOf(m[2]), +m[1]);
  m = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  if (m) return iso(+m[3], monthOf(m[1]), +m[2]);
  return null;
}

function year(text: string): number {
  // Two-digit years on statements are this century's.
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function monthOf(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3));
  return i < 0 || (name.length > 3 && !fullMonthOk(name)) ? 0 : i + 1;
}

function fullMonthOk(name: string): boolean {
  return ["january", "february", "march", "april", "may", "june", "july", "august", "september", "sept", "october", "november", "december"].includes(name);
}

function iso(y: number, m: number, d: number): string | null {
  if (y < 1990 || y > 2099 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
