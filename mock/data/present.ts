import { monthShort } from "../core/dates.js";
import { toRupees } from "./money.js";
import {
  accountDetailsCommon,
  eodBalances,
  fraudEntry,
  insightsTransaction,
  monthlyAnalysis,
  predictors,
  subscribedTransaction,
} from "./present-common.js";
import type { DerivedAccount, Transaction } from "./types.js";
import type { InsightsAccountData, InsightsBody, SubscribedAccountData, SubscribedDataBody } from "./wire-types.js";

export interface PresentOptions {
  /** URL of an account's report; default `https://reports.bankconnect.mock/<session>/<account>.<kind>`. */
  reportUrl?: (sessionId: string, accountId: string, kind: "xlsx" | "xml") => string;
}

const defaultReportUrl = (sessionId: string, accountId: string, kind: "xlsx" | "xml"): string =>
  `https://reports.bankconnect.mock/${sessionId}/${accountId}.${kind}`;

/** Body of GET /session_data/{session_id}/insights/. */
export function presentInsights(sessionId: string, accounts: readonly DerivedAccount[], options: PresentOptions = {}): InsightsBody {
  const reportUrl = options.reportUrl ?? defaultReportUrl;
  return {
    session_id: sessionId,
    accounts: accounts.map((d) => ({ account_id: d.account.account_id, data: insightsData(sessionId, d, reportUrl) })),
  };
}

// Both presenters list the account details field by field on purpose: each follows its document's
// key order (insights puts name and address after bank; subscribed data puts account_id second),
// so the bodies read like the seeds' examples.
function insightsData(sessionId: string, d: DerivedAccount, reportUrl: NonNullable<PresentOptions["reportUrl"]>): InsightsAccountData {
  const common = accountDetailsCommon(d);
  const top = (pick: (m: DerivedAccount["months"][number]) => Transaction[]) =>
    d.months.map((m) => ({ month: monthShort(m.index), data: pick(m).map(insightsTransaction) }));
  return {
    account_details: {
      account_category: common.account_category,
      account_number: common.account_number,
      account_opening_date: common.account_opening_date,
      bank: common.bank,
      name: d.account.name,
      address: d.account.address,
      credit_limit: common.credit_limit,
      ifsc: common.ifsc,
      micr: common.micr,
      missing_data: common.missing_data,
      od_limit: common.od_limit,
      salary_confidence: common.salary_confidence,
      statements: common.statements,
      months: common.months,
      country_code: common.country_code,
      currency_code: common.currency_code,
      metadata_analysis: { name_matches: [] },
    },
    fraud: d.fraud.map(fraudEntry),
    transactions: d.transactions.map(insightsTransaction),
    salary_transactions: d.salary.map((s) => ({ ...insightsTransaction(s.transaction), employer_name: s.employer_name, salary_month: s.salary_month })),
    top_credits_debits: [
      { type: "top_5_debit", data: top((m) => m.top_debits) },
      { type: "top_5_credit", data: top((m) => m.top_credits) },
    ],
    monthly_analysis: monthlyAnalysis(d),
    predictors: predictors(d),
    eod_balances: eodBalances(d),
    xlsx_report_url: reportUrl(sessionId, d.account.account_id, "xlsx"),
    xml_report_url: reportUrl(sessionId, d.account.account_id, "xml"),
  };
}

/** Body of GET /session_data/{session_id}/subscribed_data/. */
export function presentSubscribedData(sessionId: string, accounts: readonly DerivedAccount[]): SubscribedDataBody {
  const out: Record<string, SubscribedAccountData> = {};
  for (const d of accounts) out[d.account.account_id] = subscribedData(d);
  return { session_id: sessionId, accounts: out };
}

/**
 * A month's top five as `{note: amount}`. Notes are the keys, so a repeated note keeps only its
 * first (largest) entry; generated notes are unique within a month, fixtures may not be.
 */
export function topMap(txns: readonly Transaction[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of txns) if (!Object.hasOwn(out, t.transaction_note)) out[t.transaction_note] = toRupees(t.amount_paisa);
  return out;
}

function subscribedData(d: DerivedAccount): SubscribedAccountData {
  const common = accountDetailsCommon(d);
  const topDebit: Record<string, Record<string, number>> = {};
  const topCredit: Record<string, Record<string, number>> = {};
  for (const m of d.months) {
    topDebit[monthShort(m.index)] = topMap(m.top_debits);
    topCredit[monthShort(m.index)] = topMap(m.top_credits);
  }
  const statementsWithFraud = new Set<string>();
  for (const f of d.fraud) if (f.statement_id !== null) statementsWithFraud.add(f.statement_id);
  return {
    account_details: [
      {
        account_category: common.account_category,
        account_id: d.account.account_id,
        account_number: common.account_number,
        account_opening_date: common.account_opening_date,
        bank: common.bank,
        credit_limit: common.credit_limit,
        ifsc: common.ifsc,
        micr: common.micr,
        missing_data: common.missing_data,
        od_limit: common.od_limit,
        salary_confidence: common.salary_confidence,
        statements: common.statements,
        months: common.months,
        country_code: common.country_code,
        currency_code: common.currency_code,
      },
    ],
    fraud: {
      fraudulent_statements: [...statementsWithFraud],
      fraud_type: d.fraud.map((f) => {
        const e = fraudEntry(f);
        return f.fraud_type === "inconsistent_transaction"
          ? { statement_id: e.statement_id, fraud_type: e.fraud_type, account_id: d.account.account_id, transaction_hash: e.transaction_hash, previous_date: e.previous_date, current_date: e.current_date, fraud_category: e.fraud_category }
          : { statement_id: e.statement_id, fraud_type: e.fraud_type, account_id: d.account.account_id, transaction_hash: e.transaction_hash, fraud_category: e.fraud_category };
      }),
    },
    transactions: d.transactions.map((t) => subscribedTransaction(t, d)),
    salary_transactions: d.salary.map((s) => ({ ...subscribedTransaction(s.transaction, d), employer_name: s.employer_name, salary_month: s.salary_month })),
    top_credits_debits: { top_5_debit: topDebit, top_5_credit: topCredit },
    monthly_analysis: monthlyAnalysis(d),
    predictors: predictors(d),
    eod_balances: eodBalances(d),
  };
}
