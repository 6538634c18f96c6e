import { BANK_CATALOGUE } from "./banks-catalogue.js";
import { sha256Hex } from "../core/ids.js";

/**
 * How a bank prints transaction notes. `dash` is the HDFC-like `UPI-NAME-handle-IFSC-ref-note`,
 * `tilde` the ICICI-like `UPI~ref~handle~...`, `psu` the public-sector `23/10/23 BY TRF. ...` form.
 */
export type NoteStyle = "dash" | "tilde" | "psu";

export interface Bank {
  /** Lowercase vendor identifier, the value of every `bank` / `bank_name` field. */
  identifier: string;
  name: string;
  net_banking_available: boolean;
  manual_upload_available: boolean;
  /** First four IFSC letters. */
  ifsc_prefix: string;
  /** False for the long tail, where the prefix is derived rather than the bank's real one. */
  ifsc_prefix_is_real: boolean;
  /** Digits 4-6 of a MICR code. */
  micr_bank_code: string;
  account_number_length: number;
  note_style: NoteStyle;
  /** How other banks' notes name this bank, e.g. `RBL BANK`. */
  short_name: string;
  /**
   * Whether account-aggregator fetches work. The appendix table has no such column: the mock
   * assumes it for the large banks live on the AA network and not for the long tail.
   */
  aa_available: boolean;
}

type Known = readonly [prefix: string, micr: string, accountLength: number, style: NoteStyle, shortName: string];

// Real IFSC prefixes and MICR bank codes for the banks most statements come from; account number
// lengths are the common ones for retail accounts at each bank.
const KNOWN: Record<string, Known> = {
  sbi: ["SBIN", "002", 11, "psu", "STATE BANK OF INDIA"],
  hdfc: ["HDFC", "240", 14, "dash", "HDFC BANK"],
  icici: ["ICIC", "229", 12, "tilde", "ICICI BANK"],
  axis: ["UTIB", "211", 15, "dash", "AXIS BANK"],
  kotak: ["KKBK", "485", 10, "dash", "KOTAK MAHINDRA BANK"],
  central: ["CBIN", "016", 10, "psu", "CENTRAL BANK OF INDIA"],
  baroda: ["BARB", "012", 14, "psu", "BANK OF BARODA"],
  canara: ["CNRB", "015", 13, "psu", "CANARA BANK"],
  pnbbnk: ["PUNB", "024", 16, "psu", "PUNJAB NATIONAL BANK"],
  ubi: ["UBIN", "026", 15, "psu", "UNION BANK OF INDIA"],
  iob: ["IOBA", "020", 15, "psu", "INDIAN OVERSEAS BANK"],
  indbnk: ["IDIB", "019", 10, "psu", "INDIAN BANK"],
  yesbnk: ["YESB", "532", 15, "dash", "YES BANK"],
  indusind: ["INDB", "234", 13, "dash", "INDUSIND BANK"],
  idfc: ["IDFB", "751", 11, "dash", "IDFC FIRST BANK"],
  federal: ["FDRL", "049", 14, "dash", "FEDERAL BANK"],
  boi: ["BKID", "013", 15, "psu", "BANK OF INDIA"],
  mahabk: ["MAHB", "014", 11, "psu", "BANK OF MAHARASHTRA"],
  uco: ["UCBA", "028", 14, "psu", "UCO BANK"],
  punjab_sind: ["PSIB", "023", 14, "psu", "PUNJAB AND SIND BANK"],
  idbi: ["IBKL", "259", 16, "dash", "IDBI BANK"],
  rbl: ["RATN", "176", 12, "dash", "RBL BANK"],
  sib: ["SIBL", "059", 16, "dash", "SOUTH INDIAN BANK"],
  karnataka: ["KARB", "052", 16, "dash", "KARNATAKA BANK"],
  karur: ["KVBL", "053", 16, "dash", "KARUR VYSYA BANK"],
  city_union: ["CIUB", "054", 15, "dash", "CITY UNION BANK"],
  tamil_mercantile: ["TMBL", "060", 15, "dash", "TAMILNAD MERCANTILE BANK"],
  dhanlaxmi: ["DLXB", "062", 14, "dash", "DHANLAXMI BANK"],
  csbbnk: ["CSBK", "047", 14, "dash", "CSB BANK"],
  jnkbnk: ["JAKA", "051", 16, "dash", "J AND K BANK"],
  dcbbnk: ["DCBL", "243", 14, "dash", "DCB BANK"],
  bandhan: ["BDBL", "750", 14, "dash", "BANDHAN BANK"],
  ausfbnk: ["AUBL", "772", 16, "dash", "AU SMALL FINANCE BANK"],
  equitas: ["ESFB", "776", 12, "dash", "EQUITAS SFB"],
  ujjivan: ["UJVN", "773", 16, "dash", "UJJIVAN SFB"],
  jana: ["JSFB", "777", 16, "dash", "JANA SFB"],
  esafbnk: ["ESMF", "774", 14, "dash", "ESAF SFB"],
  suryodaybnk: ["SURY", "775", 15, "dash", "SURYODAY SFB"],
  utkarshbnk: ["UTKS", "778", 16, "dash", "UTKARSH SFB"],
  fincarebnk: ["FSFB", "779", 11, "dash", "FINCARE SFB"],
  airtel: ["AIRP", "990", 10, "dash", "AIRTEL PAYMENTS BANK"],
  paytm: ["PYTM", "991", 12, "dash", "PAYTM PAYMENTS BANK"],
  india_post: ["IPOS", "992", 12, "dash", "INDIA POST PAYMENTS BANK"],
  finobnk: ["FINO", "993", 11, "dash", "FINO PAYMENTS BANK"],
  citi: ["CITI", "037", 10, "dash", "CITIBANK"],
  hsbc: ["HSBC", "039", 12, "dash", "HSBC"],
  stanchar: ["SCBL", "036", 11, "dash", "STANDARD CHARTERED"],
  dbsbnk: ["DBSS", "065", 12, "dash", "DBS BANK"],
  deutsche: ["DEUT", "040", 12, "dash", "DEUTSCHE BANK"],
  allahabad: ["ALLA", "010", 11, "psu", "ALLAHABAD BANK"],
  andhra: ["ANDB", "011", 15, "psu", "ANDHRA BANK"],
  corporation: ["CORP", "017", 15, "psu", "CORPORATION BANK"],
  dena: ["BKDN", "018", 12, "psu", "DENA BANK"],
  obc: ["ORBC", "022", 14, "psu", "ORIENTAL BANK OF COMMERCE"],
  syndicate: ["SYNB", "025", 14, "psu", "SYNDICATE BANK"],
  united: ["UTBI", "027", 13, "psu", "UNITED BANK OF INDIA"],
  vijaya: ["VIJB", "029", 15, "psu", "VIJAYA BANK"],
  vilas: ["LAVB", "048", 16, "dash", "LAKSHMI VILAS BANK"],
  nainital: ["NTBL", "171", 13, "dash", "NAINITAL BANK"],
  saraswat: ["SRCB", "088", 15, "dash", "SARASWAT BANK"],
  cosmos: ["COSB", "164", 15, "dash", "COSMOS BANK"],
  tjsb_sahakari: ["TJSB", "109", 15, "dash", "TJSB SAHAKARI BANK"],
  svcbnk: ["SVCB", "089", 15, "dash", "SVC BANK"],
  abhyudaya: ["ABHY", "066", 15, "dash", "ABHYUDAYA BANK"],
  sbmbank: ["STCB", "249", 12, "dash", "SBM BANK"],
  shinhan: ["SHBK", "250", 12, "dash", "SHINHAN BANK"],
  capital_small_finance: ["CLBL", "780", 14, "dash", "CAPITAL SFB"],
  shivalik: ["SMCB", "781", 14, "dash", "SHIVALIK SFB"],
  nesfinbnk: ["NESF", "782", 14, "dash", "NORTH EAST SFB"],
  kalupurbnk: ["KCCB", "126", 14, "dash", "KALUPUR BANK"],
  nkgsbbnk: ["NKGS", "084", 15, "dash", "NKGSB BANK"],
};

// The appendix has no AA column. The vendor's catalogue example (vendor:management) settles the
// banks it lists (SBI, Baroda, Canara, Central, UCO without AA; HDFC, ICICI, Axis, Kotak, IndusInd
// with it); for the rest, the large banks live on the AA network are assumed to have it.
const AA_LIVE = new Set(["hdfc", "icici", "axis", "kotak", "pnbbnk", "ubi", "iob", "indbnk", "yesbnk", "indusind", "idfc", "federal", "boi", "idbi", "rbl", "ausfbnk", "bandhan", "karnataka", "sib", "mahabk"]);

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function shortNameOf(name: string): string {
  return name
    .toUpperCase()
    .replace(/[.,]/g, "")
    .replace(/\bLTD\b|\bLIMITED\b|\bINDIA\b$/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function freePrefix(stem: string, hash: string, used: ReadonlySet<string>): string {
  for (let i = 0; i < 32; i++) {
    const candidate = stem + LETTERS[parseInt(hash.slice(i * 2, i * 2 + 2), 16) % 26];
    if (!used.has(candidate)) return candidate;
  }
  for (const a of LETTERS) {
    for (const b of LETTERS) {
      if (!used.has(stem[0] + stem[1] + a + b)) return stem[0] + stem[1] + a + b;
    }
  }
  throw new Error(`no free IFSC prefix for stem ${stem}`);
}

function build(): Bank[] {
  const used = new Set(Object.values(KNOWN).map((k) => k[0]));
  const banks: Bank[] = [];
  for (const [identifier, name, netBanking, manual] of BANK_CATALOGUE) {
    const known = KNOWN[identifier];
    if (known) {
      banks.push({
        identifier,
        name,
        net_banking_available: netBanking,
        manual_upload_available: manual,
        ifsc_prefix: known[0],
        ifsc_prefix_is_real: true,
        micr_bank_code: known[1],
        account_number_length: known[2],
        note_style: known[3],
        short_name: known[4],
        aa_available: AA_LIVE.has(identifier),
      });
      continue;
    }
    // Long tail: three letters from the identifier plus a hash-chosen fourth, re-drawn until it
    // collides with no other bank, so every prefix still names exactly one bank.
    const h = sha256Hex(`bank:${identifier}`);
    const stem = (identifier.replace(/[^a-z]/g, "").toUpperCase() + "XXX").slice(0, 3);
    const prefix = freePrefix(stem, h, used);
    used.add(prefix);
    banks.push({
      identifier,
      name,
      net_banking_available: netBanking,
      manual_upload_available: manual,
      ifsc_prefix: prefix,
      ifsc_prefix_is_real: false,
      micr_bank_code: String(100 + (parseInt(h.slice(40, 48), 16) % 900)),
      account_number_length: 12 + (parseInt(h.slice(48, 50), 16) % 4),
      note_style: "dash",
      short_name: shortNameOf(name),
      aa_available: false,
    });
  }
  return banks;
}

/** Every bank of the vendor's identifier table, in the table's order. */
export const BANKS: readonly Bank[] = build();

const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, "");

// Names people actually type for the big banks, mapped to the vendor identifier.
const ALIASES: Record<string, string> = {
  statebankofindia: "sbi",
  pnb: "pnbbnk",
  punjabnational: "pnbbnk",
  bob: "baroda",
  bankofbaroda: "baroda",
  yes: "yesbnk",
  indian: "indbnk",
  indianbank: "indbnk",
  union: "ubi",
  unionbank: "ubi",
  kvb: "karur",
  cbi: "central",
  centralbank: "central",
  kotakmahindra: "kotak",
  axisbank: "axis",
  hdfcbank: "hdfc",
  icicibank: "icici",
  idfcfirst: "idfc",
  sc: "stanchar",
  standardchartered: "stanchar",
  au: "ausfbnk",
  dbs: "dbsbnk",
  dcb: "dcbbnk",
  jk: "jnkbnk",
  bom: "mahabk",
  bankofmaharashtra: "mahabk",
};

const index = new Map<string, Bank>();
for (const bank of BANKS) {
  index.set(normalise(bank.identifier), bank);
}
for (const bank of BANKS) {
  const byName = normalise(bank.name);
  if (!index.has(byName)) index.set(byName, bank);
}
for (const [alias, id] of Object.entries(ALIASES)) {
  const bank = index.get(id);
  if (bank && !index.has(alias)) index.set(alias, bank);
}

/**
 * The bank for an identifier (`HDFC`, `hdfc`, `punjab_sind`, `Pune Merchants`), its full name
 * (`State Bank of India`) or a common short name (`pnb`, `bob`); undefined when nothing matches.
 * Case, spaces, underscores and punctuation are ignored.
 */
export function findBank(name: string): Bank | undefined {
  return index.get(normalise(name));
}

/** Identifiers that look like `name`, for "did you mean" messages. */
export function suggestBanks(name: string, limit = 3): string[] {
  const n = normalise(name);
  if (n.length === 0) return [];
  const scored: Array<[number, string]> = [];
  for (const bank of BANKS) {
    const id = normalise(bank.identifier);
    const d = editDistance(n, id);
    if (id.startsWith(n) || n.startsWith(id) || d <= Math.max(1, Math.floor(id.length / 4))) {
      scored.push([id.startsWith(n) || n.startsWith(id) ? Math.min(d, 1) : d, bank.identifier]);
    }
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, limit).map((s) => s[1]);
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** One entry of the Bank Catalogue API response, as the spec defines it. */
export type BankCatalogueEntry = import("../../openapi/generated/bankconnect.js").Bank;

/** The whole catalogue in the Bank Catalogue API's shape, in the vendor table's order. */
export function bankCatalogue(): BankCatalogueEntry[] {
  return BANKS.map((b) => ({
    // Upper-case names and the logo URL pattern follow the vendor's catalogue example.
    name: b.identifier.toUpperCase(),
    full_name: b.name,
    npci_code: b.ifsc_prefix_is_real ? b.ifsc_prefix : null,
    logo_url: `https://s3.ap-south-1.amazonaws.com/finbox-cdn/bank_logos/${encodeURIComponent(b.identifier)}_light.png`,
    is_pdf_upload_available: b.manual_upload_available,
    is_net_banking_available: b.net_banking_available,
    is_aa_available: b.aa_available,
  }));
}
