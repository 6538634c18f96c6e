/**
 * Rupees on the wire, paisa inside. Dividing an integer by 100 yields the double closest to the
 * two-decimal value, so `JSON.stringify` prints exactly what a statement shows (10955.62, 59).
 */

export function toRupees(paisa: number): number {
  return paisa / 100;
}

/** Paisa for a rupee amount that has at most two decimals (callers validate that first). */
export function toPaisa(rupees: number): number {
  return Math.round(rupees * 100);
}

/** True when a rupee amount is representable in whole paisa (no third decimal). */
export function hasAtMostTwoDecimals(rupees: number): boolean {
  const scaled = rupees * 100;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, Math.abs(scaled));
}

/** `123456.70`: two fixed decimals for messages (no thousands grouping). */
export function formatRupees(paisa: number): string {
  const sign = paisa < 0 ? "-" : "";
  const abs = Math.abs(paisa);
  const r = Math.floor(abs / 100);
  const p = abs % 100;
  return `${sign}${r}.${p < 10 ? "0" : ""}${p}`;
}
