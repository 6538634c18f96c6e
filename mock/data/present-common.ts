import { dayLabel, monthLong, monthShort, txnDateTime } from "../core/dates.js";
import { toRupees } from "./money.js";
import type { DerivedAccount, FraudFinding, Transaction } from "./types.js";
import type { AccountDetailsCommon, EodBalances, FraudEntry, InsightsTransaction, MonthlyAnalysis, Predictors, SubscribedTransaction } from "./wire-types.js";

/** Pieces both documents share, so the two shapes cannot drift apart. */

const PREDICTOR_MONTHS = 12;

export function accountDetailsCommon(d: DerivedAccount): AccountDetailsCommon {
  const a = d.account;
  return {
    account_category: a.account_category,
    account_number: a.account_number,
    account_opening_date: a.account_opening_date,
    bank: a.bank,
    credit_limit: String(a.credit_limit),
    ifsc: a.ifsc,
    micr: a.micr,
    missing_data: d.missing_data.map((r) => ({ from_date: r.from_date, to_date: r.to_date })),
    od_limit: String(a.od_limit),
    salary_confidence: null,
    statements: d.statements.map((s) => s.statement_id),
    months: d.months.map((m) => m.month),
    country_code: a.country_code,
    currency_code: a.currency_code,
  };
}

export function insightsTransaction(t: Transaction): InsightsTransaction {
  return {
    transaction_type: t.transaction_type,
    transaction_note: t.transaction_note,
    chq_num: t.chq_num,
    amount: toRupees(t.amount_paisa),
    balance: toRupees(t.balance_paisa),
    date: txnDateTime(t.date),
    hash: t.hash,
    category: t.category,
  };
}

const CHEQUE_CHANNELS = new Set(["chq", "inward_cheque_bounce", "outward_cheque_bounce", "cash_withdrawl"]);

export function subscribedTransaction(t: Transaction, d: DerivedAccount): SubscribedTransaction {
  const cp = t.counterparty;
  const isMerchant = cp?.role === "merchant";
  const creditor = cp && !isMerchant && t.transaction_type === "credit" ? cp : null;
  const receiver = cp && !isMerchant && t.transaction_type === "debit" ? cp : null;
  const merchant = isMerchant ? cp : null;
  return {
    transaction_type: t.transaction_type,
    transaction_note: t.transaction_note,
    chq_num: t.chq_num ?? "",
    amount: toRupees(t.amount_paisa),
    balance: toRupees(t.balance_paisa),
    date: txnDateTime(t.date),
    transaction_channel: t.transaction_channel,
    hash: t.hash,
    merchant_category: t.merchant_category,
    description: t.description,
    category: t.category,
    statement_id: t.statement_id,
    bank: d.account.bank,
    template_id: null,
    updated_at: null,
    matched_regex: null,
    matched_account_type: null,
    matched_transaction_category: t.category,
    enriched_transaction_category: null,
    is_enriched_transaction_category_copied: null,
    matched_transaction_currency: null,
    creditor_name: creditor?.name ?? null,
    creditor_ifsc: creditor?.ifsc ?? null,
    creditor_upi_handle: creditor?.upi_handle ?? null,
    creditor_bank: creditor?.bank ?? null,
    creditor_account_number: creditor?.account_number ?? null,
    receiver_name: receiver?.name ?? null,
    receiver_ifsc: receiver?.ifsc ?? null,
    receiver_upi_handle: receiver?.upi_handle ?? null,
    receiver_bank: receiver?.bank ?? null,
    reciever_account_number: receiver?.account_number ?? null,
    merchant_name: merchant?.name ?? null,
    merchant_ifsc: merchant?.ifsc ?? null,
    merchant_upi_handle: merchant?.upi_handle ?? null,
    merchant_bank: merchant?.bank ?? null,
    matched_merchant_category: t.merchant_category === "" ? null : t.merchant_category,
    cheque_number: t.chq_num !== null && CHEQUE_CHANNELS.has(t.transaction_channel) ? t.chq_num : null,
    transaction_reference_1: t.reference,
    transaction_reference_2: null,
    primary_channel: t.transaction_channel,
    secondary_channel: null,
    tertiary_channel: null,
    transaction_timestamp: null,
    transaction_amount: null,
    raw_location: null,
    currency: "INR",
    categorization_time_stamp: d.categorization_date,
    regex_id: null,
    account_id: d.account.account_id,
  };
}

export function fraudEntry(f: FraudFinding): FraudEntry {
  const base: FraudEntry = { statement_id: f.statement_id, fraud_type: f.fraud_type, transaction_hash: f.transaction_hash, fraud_category: f.fraud_category };
  if (f.fraud_type !== "inconsistent_transaction") return base;
  return {
    statement_id: f.statement_id,
    fraud_type: f.fraud_type,
    transaction_hash: f.transaction_hash,
    previous_date: f.previous_date ?? undefined,
    current_date: f.current_date ?? undefined,
    fraud_category: f.fraud_category,
  };
}

export function monthlyAnalysis(d: DerivedAccount): MonthlyAnalysis {
  const opening: Record<string, number> = {};
  const closing: Record<string, number> = {};
  for (const m of d.months) {
    opening[monthLong(m.index)] = toRupees(m.opening_balance_paisa);
    closing[monthLong(m.index)] = toRupees(m.closing_balance_paisa);
  }
  return { opening_balance: opening, closing_balance: closing };
}

export function eodBalances(d: DerivedAccount): EodBalances {
  const out: EodBalances = { Months_order: d.months.map((m) => monthShort(m.index)), start_date: d.months.map((m) => dayLabel(m.start_day)) };
  for (const m of d.months) out[monthShort(m.index)] = m.eod_paisa.map(toRupees);
  return out;
}

/**
 * `month_N` counts back from the most recent month (0) and is null beyond the data, like every
 * other `_N` predictor. Beyond the documented keys this adds income_N (credits), avg_eod_balance_N
 * and total_inward_chq_bounces_insuff_fund_N for N > 0.
 */
export function predictors(d: DerivedAccount): Predictors {
  const a = d.account;
  const recent = [...d.months].reverse();
  const out: Predictors = {
    accountnumber: a.account_number,
    bank_name: a.bank,
    ifsc_code: a.ifsc,
    customer_name: a.name,
    account_type: a.account_category,
    ccod_limit: Math.max(a.credit_limit, a.od_limit),
  };
  const each = (name: string, value: (i: number) => string | number | null): void => {
    for (let i = 0; i < PREDICTOR_MONTHS; i++) out[`${name}_${i}`] = i < recent.length ? value(i) : null;
  };
  each("month", (i) => monthShort(recent[i].index));
  each("expense", (i) => toRupees(recent[i].debits_paisa));
  out.total_inward_chq_bounces_insuff_fund_0 = recent.length > 0 ? recent[0].inward_chq_bounces_insuff_fund : 0;
  for (let i = 1; i < PREDICTOR_MONTHS; i++) {
    out[`total_inward_chq_bounces_insuff_fund_${i}`] = i < recent.length ? recent[i].inward_chq_bounces_insuff_fund : null;
  }
  each("income", (i) => toRupees(recent[i].credits_paisa));
  each("avg_eod_balance", (i) => {
    const eod = recent[i].eod_paisa;
    let sum = 0;
    for (const v of eod) sum += v;
    return toRupees(Math.round(sum / eod.length));
  });
  return out;
}
