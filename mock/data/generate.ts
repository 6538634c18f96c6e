import { findBank } from "./banks.js";
import { BANK_PDF_PRODUCERS, CITIES, EDITING_PDF_PRODUCERS } from "./catalogues.js";
import { dayOf, isoOf, monthIndexOfDay } from "../core/dates.js";
import { monthsOfRange } from "./ranges.js";
import { enrich, type PlannedEvent } from "./kinds.js";
import { buildNote, Refs, type NoteContext } from "./notes.js";
import { makeParties } from "./parties.js";
import { DEFAULT_DENSITY, event, isCredit, planEvents } from "./plan.js";
import { Rng } from "./rng.js";
import { rowHash, statementSalt } from "./row-hash.js";
import { coveredPeriod, emptyWindows } from "./faults.js";
import type { Account, Counterparty, DateRange, PdfMetadata, DataFault, Statement, Transaction } from "./types.js";

export interface GenerateStatementOptions {
  seed: string | number;
  /** What makes this statement's content distinct, e.g. the uploaded file's hash. */
  key: string;
  account: Account;
  /** Requested period; the statement covers all of it unless the fault says otherwise. */
  period: DateRange;
  /**
   * Balance before the first transaction, in paisa. Pass the previous statement's
   * `closing_balance_paisa` to continue an account's balance chain; defaults to the account's
   * `opening_balance_paisa`.
   */
  openingBalancePaisa?: number;
  /** Average transactions per full calendar month; defaults by profile (45 / 90 / 140). */
  density?: number;
  fault?: DataFault;
  statementId: string;
}

const CHARGE_590 = 59_000;
const RUPEE = 100;

/**
 * One statement of an account over a period: planned events, settled against the balance
 * (debits that would overdraw are shrunk, bounced or turned into a top-up, so clean data never
 * breaks the chain), then printed as notes with references, then bent by the fault.
 * Pure: the same options always give the same statement.
 */
export function generateStatement(opts: GenerateStatementOptions): Statement {
  const { account, seed } = opts;
  const fault = opts.fault ?? null;
  const requestedFrom = dayOf(opts.period.from);
  const requestedTo = dayOf(opts.period.to);
  if (requestedFrom > requestedTo) throw new RangeError(`period.from ${opts.period.from} is after period.to ${opts.period.to}`);
  const density = opts.density ?? DEFAULT_DENSITY[account.profile];
  if (!(density > 0) || !Number.isFinite(density)) throw new RangeError(`density must be a positive number of transactions per month, got ${density}`);

  const rng = Rng.from("statement", seed, opts.key, account.account_id, opts.period.from, opts.period.to, density, fault ?? "clean");
  const bank = findBank(account.bank);
  if (!bank) throw new RangeError(`account has unknown bank ${JSON.stringify(account.bank)}`);
  const covered = coveredPeriod(opts.period, fault);
  const from = dayOf(covered.from);
  const to = dayOf(covered.to);
  const months = monthsOfRange(covered);
  const metadata: PdfMetadata =
    fault === "FRAUD"
      ? { producer: rng.pick(EDITING_PDF_PRODUCERS), author: rng.pick(["Admin", "User", "HP", "DELL"]) }
      : { producer: rng.pick(BANK_PDF_PRODUCERS), author: bank.short_name };

  const base = {
    statement_id: opts.statementId,
    account_id: account.account_id,
    bank: account.bank,
    requested_period: { from: opts.period.from, to: opts.period.to },
    period: covered,
    pdf_metadata: metadata,
    source: "generated" as const,
    months,
  };

  if (fault === "UNPARSABLE") {
    // Nothing could be read, the opening balance included.
    return { ...base, transactions: [], opening_balance_paisa: 0, closing_balance_paisa: 0, page_count: rng.int(1, 6) };
  }

  const opening = opts.openingBalancePaisa ?? account.opening_balance_paisa;
  const parties = makeParties(seed, `${opts.key}/${account.account_id}`, rng);
  const planned = planEvents({ rng, account, parties, from, to, blocked: emptyWindows(covered, fault), density });
  const refs = new Refs(rng);
  const settled = settle(planned, opening, -account.od_limit * RUPEE, account.traits.monthly_income_paisa, rng, refs);
  if (fault === "FRAUD") backdateOne(settled, from);

  const ctx: NoteContext = { style: bank.note_style, bank, account, refs, city: cityOf(account) };
  const transactions = print(settled, ctx, String(seed), opts.statementId);
  if (fault === "BALANCE_MISMATCH") breakChain(transactions, rng);

  return {
    ...base,
    transactions,
    opening_balance_paisa: opening,
    closing_balance_paisa: transactions.length > 0 ? transactions[transactions.length - 1].balance_paisa : opening,
    page_count: 1 + Math.ceil(transactions.length / 28),
  };
}

function cityOf(account: Account): string {
  const micr = account.micr?.slice(0, 3);
  return CITIES.find((c) => c.micr === micr)?.name ?? "MUMBAI";
}

/**
 * Walks the events in order and fixes what a real account could not do: an EMI without funds
 * becomes an ACH return charge, a cheque without funds is debited, returned and charged, other
 * debits shrink to what is available, and when almost nothing is left the owner tops up.
 */
function settle(events: PlannedEvent[], opening: number, floor: number, income: number, rng: Rng, refs: Refs): PlannedEvent[] {
  const out: PlannedEvent[] = [];
  let bal = opening;
  const credit = (e: PlannedEvent): void => {
    bal += e.amount_paisa;
    e.balance_paisa = bal;
    out.push(e);
  };
  const debit = (e: PlannedEvent): void => {
    bal -= e.amount_paisa;
    e.balance_paisa = bal;
    out.push(e);
  };
  const topUp = (e: PlannedEvent): void => {
    e.kind = "top_up";
    e.party = null;
    e.merchant = null;
    e.biller = null;
    e.amount_paisa = Math.max(1000 * RUPEE, Math.round((income * rng.real(0.05, 0.2)) / RUPEE) * RUPEE);
    credit(e);
  };

  for (const e of events) {
    if (isCredit(e.kind)) {
      credit(e);
      continue;
    }
    const available = bal - floor;
    if (e.amount_paisa <= available) {
      debit(e);
      continue;
    }
    if (e.kind === "cheque_paid") {
      const chq = refs.nextCheque();
      e.cheque = chq;
      debit(e);
      const back = event(e.day, e.slot, "chq_return", e.amount_paisa, e.party);
      back.cheque = chq;
      credit(back);
      if (bal - floor >= CHARGE_590) {
        const charge = event(e.day, e.slot, "chq_return_charge", CHARGE_590);
        charge.cheque = chq;
        debit(charge);
      }
      continue;
    }
    if (e.kind === "emi") {
      if (available >= CHARGE_590) {
        e.kind = "ach_return_charge";
        e.amount_paisa = CHARGE_590;
        debit(e);
      } else topUp(e);
      continue;
    }
    const unit = e.kind === "atm" ? 100 * RUPEE : RUPEE;
    const shrunk = Math.floor((available * rng.real(0.3, 0.9)) / unit) * unit;
    if (shrunk >= RUPEE) {
      e.amount_paisa = shrunk;
      debit(e);
    } else topUp(e);
  }
  return out;
}

/**
 * Tampering the fraud check can see: one transaction printed after a later-dated one, moved back
 * a day within its month so month totals and balances stay as they were. A row whose day keeps
 * another transaction is preferred, so the move opens no quiet stretch in the data.
 */
function backdateOne(events: PlannedEvent[], coveredFrom: number): void {
  const n = events.length;
  const mid = Math.floor(n / 2);
  const movable = (k: number): boolean => {
    if (k < 1 || k >= n) return false;
    const d = events[k - 1].day;
    return d - 1 >= coveredFrom && monthIndexOfDay(d - 1) === monthIndexOfDay(d) && monthIndexOfDay(events[k].day) === monthIndexOfDay(d);
  };
  const dayStaysBusy = (k: number): boolean => events[k].day === events[k - 1].day || (k + 1 < n && events[k + 1].day === events[k].day);
  for (const strict of [true, false]) {
    for (let off = 0; off < n; off++) {
      for (const k of [mid + off, mid - off]) {
        if (!movable(k) || (strict && !dayStaysBusy(k))) continue;
        events[k].day = events[k - 1].day - 1;
        return;
      }
    }
  }
}

/** BALANCE_MISMATCH: every printed balance from the middle on is off by the same amount. */
function breakChain(transactions: Transaction[], rng: Rng): void {
  if (transactions.length < 2) return;
  const k = Math.floor(transactions.length / 2);
  const delta = rng.int(100, 5000) * RUPEE + rng.int(1, 99);
  for (let i = k; i < transactions.length; i++) transactions[i].balance_paisa += delta;
}

const merchantParties = new Map<string, Counterparty>();

/** Merchants are a fixed list, so their counterparty records are built once and shared (read-only). */
function merchantParty(e: PlannedEvent): Counterparty | null {
  if (!e.merchant) return e.party;
  let p = merchantParties.get(e.merchant.name);
  if (!p) {
    p = Object.freeze<Counterparty>({ role: "merchant", name: e.merchant.name, ifsc: null, upi_handle: e.merchant.vpa, bank: null, account_number: null });
    merchantParties.set(e.merchant.name, p);
  }
  return p;
}

/** Notes, enrichment and hashes; a note repeated within a month gets a reference suffix. */
function print(events: PlannedEvent[], ctx: NoteContext, seed: string, statementId: string): Transaction[] {
  const out: Transaction[] = new Array(events.length);
  const seenByMonth = new Map<number, Set<string>>();
  const salt = statementSalt(seed, statementId);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const note = buildNote(e, ctx);
    const month = monthIndexOfDay(e.day);
    let seen = seenByMonth.get(month);
    if (!seen) seenByMonth.set(month, (seen = new Set()));
    let text = note.note;
    while (seen.has(text)) text = `${note.note}/${ctx.refs.digits(6)}`;
    seen.add(text);
    const date = isoOf(e.day);
    const enr = enrich(e);
    out[i] = {
      date,
      day: e.day,
      transaction_type: enr.transaction_type,
      amount_paisa: e.amount_paisa,
      balance_paisa: e.balance_paisa,
      transaction_note: text,
      chq_num: note.chq_num,
      category: enr.category,
      transaction_channel: enr.transaction_channel,
      description: enr.description,
      merchant_category: enr.merchant_category,
      hash: rowHash(salt, i, e.day, enr.transaction_type === "credit", e.amount_paisa, text),
      statement_id: statementId,
      counterparty: merchantParty(e),
      reference: note.reference,
      employer_name: e.kind === "salary" ? (e.party?.name ?? null) : null,
    };
  }
  return out;
}
