import { BANKS } from "../data/banks.js";

/**
 * Which bank a statement is from, read from its letterhead: bank names (the vendor catalogue's
 * names and the short names other banks print), IFSC codes (real four-letter prefixes only) and a
 * list of banks operating in India that the vendor's catalogue does not cover.
 */
export type BankDetection =
  | { kind: "catalogue"; identifier: string; evidence: string }
  | { kind: "unsupported"; name: string; evidence: string };

/** Banks with Indian branches and IFSC codes that are not in the vendor's identifier table. */
const UNSUPPORTED: ReadonlyArray<readonly [name: string, ifscPrefix: string, aliases: readonly string[]]> = [
  ["Barclays Bank", "BARC", ["BARCLAYS"]],
  ["Bank of America", "BOFA", []],
  ["JPMorgan Chase Bank", "CHAS", ["JP MORGAN CHASE", "JPMORGAN"]],
  ["BNP Paribas", "BNPA", []],
  ["Mizuho Bank", "MHCB", []],
  ["MUFG Bank", "BOTM", ["BANK OF TOKYO MITSUBISHI"]],
  ["Credit Agricole Corporate and Investment Bank", "CRLY", ["CREDIT AGRICOLE"]],
  ["Societe Generale", "SOGE", []],
  ["Emirates NBD Bank", "EBIL", ["EMIRATES NBD"]],
  ["Qatar National Bank", "QNBA", []],
  ["Doha Bank", "DOHB", []],
  ["Sumitomo Mitsui Banking Corporation", "SMBC", []],
  ["Bank of Ceylon", "BCEY", []],
  ["Sonali Bank", "SBLD", []],
  ["Woori Bank", "HVBK", []],
  ["KEB Hana Bank", "KOEX", []],
];

// Names a bank's own letterhead uses but neither the catalogue nor the short names spell out.
const EXTRA_NAMES: Record<string, readonly string[]> = {
  sbi: ["SBI"],
  pnbbnk: ["PNB"],
  baroda: ["BANK OF BARODA", "BOB"],
  idfc: ["IDFC FIRST", "IDFC BANK"],
  yesbnk: ["YES BANK"],
  kotak: ["KOTAK MAHINDRA", "KOTAK BANK"],
  indusind: ["INDUSIND"],
  stanchar: ["STANDARD CHARTERED"],
};

interface Pattern {
  text: string;
  detection: BankDetection;
}

const normalise = (s: string): string => ` ${s.toUpperCase().replace(/&/g, " AND ").replace(/[^A-Z0-9]+/g, " ").trim()} `;
const stripSuffix = (s: string): string => s.replace(/\s+(?:LTD|LIMITED|PLC)\s+$/, " ").replace(/\s+/g, " ");

let patterns: Pattern[] | undefined;
let prefixes: Map<string, BankDetection> | undefined;

function build(): void {
  const list: Pattern[] = [];
  const byPrefix = new Map<string, BankDetection>();
  const add = (text: string, detection: BankDetection): void => {
    const t = stripSuffix(normalise(text));
    // A lone word like "BANK" or two letters would match too much.
    if (t.trim().length >= 3 && t.trim() !== "BANK") list.push({ text: t, detection });
  };
  for (const bank of BANKS) {
    const detection: BankDetection = { kind: "catalogue", identifier: bank.identifier, evidence: bank.name };
    add(bank.name, detection);
    add(bank.short_name, detection);
    for (const extra of EXTRA_NAMES[bank.identifier] ?? []) add(extra, detection);
    if (bank.ifsc_prefix_is_real && !byPrefix.has(bank.ifsc_prefix)) byPrefix.set(bank.ifsc_prefix, detection);
  }
  for (const [name, prefix, aliases] of UNSUPPORTED) {
    const detection: BankDetection = { kind: "unsupported", name, evidence: name };
    add(name, detection);
    for (const alias of aliases) add(alias, detection);
    byPrefix.set(prefix, detection);
  }
  patterns = list;
  prefixes = byPrefix;
}

interface Hit {
  start: number;
  end: number;
  detection: BankDetection;
}

/**
 * The bank a statement's letterhead names. The first mention wins, and a name inside a longer
 * one does not count (`Bank of India` inside `State Bank of India`). Only the letterhead is
 * searched: transaction notes name other banks all the time.
 */
export function detectBank(letterhead: string): BankDetection | null {
  if (!patterns || !prefixes) build();
  const text = normalise(letterhead);
  const hits: Hit[] = [];
  for (const p of patterns!) {
    for (let at = text.indexOf(p.text); at >= 0; at = text.indexOf(p.text, at + 1)) {
      hits.push({ start: at, end: at + p.text.length, detection: p.detection });
    }
  }
  for (const m of text.matchAll(/(?<= )([A-Z]{4})0[A-Z0-9]{6}(?= )/g)) {
    const detection = prefixes!.get(m[1]);
    if (detection) hits.push({ start: m.index, end: m.index + m[0].length, detection: { ...detection, evidence: m[0] } });
  }
  if (hits.length === 0) return null;
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const outer = hits.filter((h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start));
  return outer[0]?.detection ?? null;
}
