import { BILLERS, MERCHANTS, type Merchant } from "./catalogues.js";
import { daysInMonth, firstDayOfMonth, lastDayOfMonth, monthIndexOfDay } from "../core/dates.js";
import type { EventKind, PlannedEvent } from "./kinds.js";
import type { Parties } from "./parties.js";
import type { Rng } from "./rng.js";
import { MAX_QUIET_DAYS } from "./faults.js";
import type { Account, Counterparty, Profile } from "./types.js";

/**
 * What happens in an account month by month, before balances exist: recurring items on their
 * days (salary, rent, EMI, SIP, bills, taxes, charges), then discretionary transactions whose
 * count follows `density` and whose amounts split a monthly budget tied to the account's income,
 * so balances drift like a real account's instead of running away at high densities.
 */

export interface PlanInput {
  rng: Rng;
  account: Account;
  parties: Parties;
  /** Covered period, epoch days, inclusive. */
  from: number;
  to: number;
  /** Day ranges that must stay empty (fault holes). */
  blocked: ReadonlyArray<readonly [number, number]>;
  /** Transactions per full month. */
  density: number;
}

export const DEFAULT_DENSITY: Record<Profile, number> = { salaried: 45, self_employed: 90, corporate: 140 };

const CREDIT_SHARE: Record<Profile, number> = { salaried: 0.12, self_employed: 0.42, corporate: 0.45 };

const MERCHANT_WEIGHTS = MERCHANTS.map((m) => m.weight);
const POS_MERCHANTS = MERCHANTS.filter((m) => m.pos);
const SMALL_MERCHANTS = MERCHANTS.filter((m) => m.merchant_category === "food" || m.merchant_category === "groceries");

interface Draft {
  kind: EventKind;
  size: number;
  party: Counterparty | null;
  merchant: Merchant | null;
}

const RUPEE = 100;

export function planEvents(input: PlanInput): PlannedEvent[] {
  const { rng, from, to, blocked } = input;
  const out: PlannedEvent[] = [];
  const isBlocked = (d: number): boolean => blocked.some(([a, b]) => d >= a && d <= b);

  for (let mi = monthIndexOfDay(from); mi <= monthIndexOfDay(to); mi++) {
    const a = Math.max(from, firstDayOfMonth(mi));
    const b = Math.min(to, lastDayOfMonth(mi));
    const allowed: number[] = [];
    for (let d = a; d <= b; d++) if (!isBlocked(d)) allowed.push(d);
    if (allowed.length === 0) continue;
    const before = out.length;
    planMonth(input, mi, allowed, out);
    if (out.length === before) out.push(filler(rng, rng.pick(allowed)));
  }

  fillQuietRuns(rng, from, to, isBlocked, out);
  out.sort((x, y) => x.day - y.day || x.slot - y.slot);
  return out;
}

export function event(day: number, slot: number, kind: EventKind, amount: number, party: Counterparty | null = null, merchant: Merchant | null = null): PlannedEvent {
  return { day, slot, kind, amount_paisa: Math.max(RUPEE, amount), party, merchant, biller: null, cheque: null, balance_paisa: 0 };
}

function filler(rng: Rng, day: number): PlannedEvent {
  const m = rng.pick(SMALL_MERCHANTS);
  return event(day, rng.next(), "upi_merchant", rng.int(49, 399) * RUPEE, null, m);
}

/** Rounds a budget share the way such payments look: cash in hundreds, cheques to self in thousands. */
export function roundFor(kind: EventKind, paisa: number, rng: Rng): number {
  if (kind === "atm") return Math.max(100, Math.round(paisa / 10_000) * 100) * RUPEE;
  if (kind === "cheque_self" || kind === "cash_deposit") return Math.max(500, Math.round(paisa / 50_000) * 500) * RUPEE;
  if (kind === "upi_merchant" || kind === "pos") return Math.max(RUPEE, Math.round(paisa / RUPEE) * RUPEE + (rng.chance(0.2) ? rng.int(1, 99) : 0));
  return Math.max(RUPEE, Math.round(paisa / RUPEE) * RUPEE);
}

function planMonth(input: PlanInput, mi: number, allowed: number[], out: PlannedEvent[]): void {
  const { rng, account, parties } = input;
  const t = account.traits;
  const profile = account.profile;
  const allowedSet = new Set(allowed);
  const monthStart = firstDayOfMonth(mi);
  const monthEnd = lastDayOfMonth(mi);
  const fraction = allowed.length / daysInMonth(Math.floor(mi / 12), (mi % 12) + 1);
  const on = (dom: number): number | null => {
    const d = dom >= 31 ? monthEnd : Math.min(monthStart + dom - 1, monthEnd);
    return allowedSet.has(d) ? d : null;
  };
  const income = t.monthly_income_paisa;
  const fixed: PlannedEvent[] = [];
  const addFixed = (dom: number, slot: number, kind: EventKind, amount: number, party: Counterparty | null = null): PlannedEvent | null => {
    const d = on(dom);
    if (d === null) return null;
    const e = event(d, slot, kind, amount, party);
    fixed.push(e);
    return e;
  };
  const pct = (lo: number, hi: number, base = income): number => Math.round((base * rng.real(lo, hi)) / RUPEE) * RUPEE;
  const quarterEnd = mi % 3 === 2;

  if (t.employer) {
    addFixed(t.salary_day, 0.05, "salary", income, { role: "employer", name: t.employer.name, ifsc: t.employer.ifsc, upi_handle: null, bank: t.employer.bank, account_number: null });
  }
  if (t.rent) addFixed(t.rent.day, 0.3, "rent", t.rent.amount_paisa, { role: "person", name: t.rent.landlord, ifsc: null, upi_handle: `${t.rent.landlord.split(" ")[0].toLowerCase()}@okaxis`, bank: null, account_number: null });
  if (t.emi) addFixed(t.emi.day, 0.02, "emi", t.emi.amount_paisa, { role: "lender", name: t.emi.lender, ifsc: null, upi_handle: null, bank: null, account_number: null });
  if (t.sip) addFixed(t.sip.day, 0.03, "sip", t.sip.amount_paisa, { role: "business", name: t.sip.fund, ifsc: null, upi_handle: null, bank: null, account_number: null });

  if (profile !== "corporate") {
    const bill = addFixed(rng.int(8, 14), rng.next(), "bill", rng.int(600, 3500) * RUPEE);
    if (bill) bill.biller = rng.pick(BILLERS.filter((x) => x.description === "electric_bill"));
    const phone = addFixed(rng.int(18, 26), rng.next(), "bill", rng.int(299, 999) * RUPEE);
    if (phone) phone.biller = rng.pick(BILLERS.filter((x) => x.description === "telco_bill"));
    if (Number(t.card_last4) % 2 === 0) addFixed(rng.int(15, 20), rng.next(), "card_bill", pct(0.05, 0.25));
    if (quarterEnd) {
      addFixed(31, 0.95, "sms_charge", 1770);
      addFixed(31, 0.96, "interest", Math.max(RUPEE, Math.round(income * rng.real(0.001, 0.006))));
    }
    if (profile === "salaried" && rng.chance(0.1)) addFixed(rng.int(2, 27), rng.next(), "fd", pct(0.1, 0.4));
    if (profile === "self_employed") addFixed(20, 0.5, "gst_payment", pct(0.02, 0.05));
  } else {
    const staff = rng.int(3, Math.min(8, parties.employees.length));
    for (let i = 0; i < staff; i++) addFixed(rng.int(1, 7), rng.next(), "salary_payout", pct(0.006, 0.02), parties.employees[i]);
    addFixed(20, 0.5, "gst_payment", pct(0.03, 0.07));
    addFixed(7, 0.5, "tds_payment", pct(0.004, 0.01));
    addFixed(rng.int(1, 28), 0.97, "sms_charge", 5900);
  }
  if (profile !== "salaried" && rng.chance(0.2)) {
    // A large cheque to a supplier: whether it clears or bounces is decided by the balance pass.
    addFixed(rng.int(3, 27), rng.next(), "cheque_paid", pct(0.2, 0.6), rng.pick(parties.vendors));
  }

  const fixedDebits = fixed.reduce((s, e) => s + (isCredit(e.kind) ? 0 : e.amount_paisa), 0);
  out.push(...fixed);

  const remaining = Math.max(0, Math.round(input.density * fraction) - fixed.length);
  const nCredits = Math.round(remaining * CREDIT_SHARE[profile]);
  const nDebits = remaining - nCredits;

  let creditTotal: number;
  let debitTotal: number;
  if (profile === "salaried") {
    creditTotal = income * rng.real(0.03, 0.12) * fraction;
    debitTotal = Math.max(income * 0.08 * fraction, (income + creditTotal) * rng.real(0.8, 1.0) * fraction - fixedDebits);
  } else {
    creditTotal = income * rng.real(0.85, 1.15) * fraction;
    debitTotal = Math.max(income * 0.05 * fraction, creditTotal * rng.real(0.82, 0.98) - fixedDebits);
  }

  const credits: Draft[] = [];
  for (let i = 0; i < nCredits; i++) credits.push(creditDraft(rng, profile, parties));
  // Self-employed owners pay suppliers and spend on themselves: two budgets, because a supplier
  // payment and a coffee must not compete for the same share.
  const businessShare = profile === "corporate" ? 1 : profile === "self_employed" ? 0.4 : 0;
  const nBusiness = Math.round(nDebits * businessShare);
  const business: Draft[] = [];
  for (let i = 0; i < nBusiness; i++) business.push(businessDebitDraft(rng, profile, parties));
  const personal: Draft[] = [];
  for (let i = nBusiness; i < nDebits; i++) personal.push(personalDebitDraft(rng, parties));
  const businessBudget = profile === "corporate" ? debitTotal : profile === "self_employed" ? debitTotal * 0.6 : 0;

  const groups: Array<[Draft[], number]> = [
    [credits, creditTotal],
    [business, businessBudget],
    [personal, debitTotal - businessBudget],
  ];
  for (const [drafts, total] of groups) {
    let weightSum = 0;
    const weights = drafts.map((d) => {
      const w = d.size * (0.25 + rng.next() * 1.5);
      weightSum += w;
      return w;
    });
    drafts.forEach((d, i) => {
      let kind = d.kind;
      const amount = roundFor(kind, (total * weights[i]) / weightSum, rng);
      // RTGS only exists for two lakh and up; smaller "big" transfers go by NEFT.
      if (kind === "rtgs_in" && amount < 200_000 * RUPEE) kind = "neft_in";
      if (kind === "rtgs_out" && amount < 200_000 * RUPEE) kind = "neft_out";
      out.push(event(rng.pick(allowed), rng.next(), kind, amount, d.party, d.merchant));
    });
  }
}

const CREDIT_KINDS = new Set<EventKind>(["salary", "upi_in", "neft_in", "imps_in", "rtgs_in", "cheque_deposit", "cash_deposit", "interest", "refund", "chq_return", "top_up"]);

export function isCredit(kind: EventKind): boolean {
  return CREDIT_KINDS.has(kind);
}

/** A weighted choice of kinds with the relative size of each (module-level: drafts are hot). */
interface Mix {
  kinds: readonly EventKind[];
  weights: readonly number[];
  sizes: readonly number[];
}

const SALARIED_CREDITS: Mix = { kinds: ["upi_in", "refund", "imps_in"], weights: [60, 25, 15], sizes: [1500, 0, 5000] };
const SELF_EMPLOYED_CREDITS: Mix = { kinds: ["upi_in", "neft_in", "imps_in", "cash_deposit", "cheque_deposit"], weights: [60, 15, 10, 10, 5], sizes: [1, 4, 2, 5, 5] };
const CORPORATE_CREDITS: Mix = { kinds: ["neft_in", "rtgs_in", "imps_in", "cheque_deposit", "cash_deposit"], weights: [40, 15, 15, 15, 15], sizes: [3, 10, 1, 4, 2] };
const CORPORATE_DEBITS: Mix = { kinds: ["neft_out", "rtgs_out", "cheque_paid", "imps_out", "upi_person", "cheque_self"], weights: [40, 15, 20, 15, 5, 5], sizes: [3, 10, 3, 1, 0.3, 2] };
const SUPPLIER_DEBITS: Mix = { kinds: ["neft_out", "imps_out", "upi_person", "cheque_paid", "cheque_self"], weights: [30, 25, 25, 10, 10], sizes: [3, 2, 1, 3, 2] };
const PERSONAL_DEBITS: Mix = { kinds: ["upi_merchant", "upi_person", "pos", "atm", "imps_out", "neft_out"], weights: [48, 16, 14, 8, 4, 2], sizes: [0, 1500, 0, 3000, 5000, 8000] };

function creditDraft(rng: Rng, profile: Profile, parties: Parties): Draft {
  const mix = profile === "salaried" ? SALARIED_CREDITS : profile === "self_employed" ? SELF_EMPLOYED_CREDITS : CORPORATE_CREDITS;
  const r = rng.weighted(mix.weights);
  const kind = mix.kinds[r];
  if (kind === "refund") {
    const m = MERCHANTS[rng.weighted(MERCHANT_WEIGHTS)];
    return { kind, size: m.size, party: null, merchant: m };
  }
  // A shop's UPI receipts come mostly from walk-in people, everything else from business customers.
  const from = profile === "salaried" ? parties.persons : kind === "upi_in" && rng.chance(0.7) ? parties.persons : parties.customers;
  return { kind, size: mix.sizes[r], party: rng.pick(from), merchant: null };
}

function businessDebitDraft(rng: Rng, profile: Profile, parties: Parties): Draft {
  const mix = profile === "corporate" ? CORPORATE_DEBITS : SUPPLIER_DEBITS;
  const r = rng.weighted(mix.weights);
  const kind = mix.kinds[r];
  return { kind, size: mix.sizes[r], party: kind === "cheque_self" ? null : rng.pick(parties.vendors), merchant: null };
}

function personalDebitDraft(rng: Rng, parties: Parties): Draft {
  const r = rng.weighted(PERSONAL_DEBITS.weights);
  const kind = PERSONAL_DEBITS.kinds[r];
  if (kind === "upi_merchant" || kind === "pos") {
    const m = kind === "pos" ? rng.pick(POS_MERCHANTS) : MERCHANTS[rng.weighted(MERCHANT_WEIGHTS)];
    return { kind, size: m.size, party: null, merchant: m };
  }
  return { kind, size: PERSONAL_DEBITS.sizes[r], party: kind === "atm" ? null : rng.pick(parties.persons), merchant: null };
}

/**
 * Clean data never goes quiet for long: a small spend lands in any longer quiet stretch. The
 * first and last two days count double, so two statements back to back stay within the limit
 * where they meet.
 */
function fillQuietRuns(rng: Rng, from: number, to: number, isBlocked: (d: number) => boolean, out: PlannedEvent[]): void {
  const busy = new Set(out.map((e) => e.day));
  const edge = Math.floor((MAX_QUIET_DAYS - 1) / 2);
  let run = MAX_QUIET_DAYS - 1 - edge;
  let lastFree = -1;
  for (let d = from; d <= to; d++) {
    if (isBlocked(d) || busy.has(d)) {
      run = 0;
      continue;
    }
    lastFree = d;
    run++;
    if (run >= MAX_QUIET_DAYS - 1) {
      out.push(filler(rng, d));
      run = 0;
    }
  }
  if (run > edge && lastFree === to) out.push(filler(rng, to));
}
