/** Each "data adds up" rule holds on consistent data and fails on the one fault it is about. */
import { describe, expect, it } from "vitest";
import type { InsightsAccountData, SubscribedDataAccount } from "../../openapi/generated/bankconnect.js";
import { insightsAccountFindings, insightsMatchSubscribed } from "./data-adds-up.js";

type T = { transaction_type: "credit" | "debit"; transaction_note: string; chq_num: null; amount: number; balance: number; date: string; hash: string; category: string };
const t = (hash: string, day: string, type: "credit" | "debit", amount: number, balance: number, note = hash): T => ({
  transaction_type: type, transaction_note: note, chq_num: null, amount, balance, date: `${day} 00:00:00`, hash, category: "Transfer",
});

function eodMonth(txns: T[], startDay: number, endDay: number, month: string, carry: number): number[] {
  const out: number[] = [];
  let bal = carry;
  for (let d = startDay; d <= endDay; d++) {
    const date = `${month}-${String(d).padStart(2, "0")}`;
    for (const x of txns) if (x.date.startsWith(date)) bal = x.balance;
    out.push(bal);
  }
  return out;
}

function account(): { insights: InsightsAccountData; subscribed: SubscribedDataAccount } {
  const txns = [
    t("h1", "2024-01-05", "credit", 1000, 1100),
    t("h2", "2024-01-05", "debit", 200, 900),
    t("h3", "2024-01-20", "credit", 5000, 5900, "SALARY ACME"),
    t("h4", "2024-02-02", "debit", 400, 5500),
    t("h5", "2024-02-10", "credit", 300, 5800),
  ];
  const monthly = { opening_balance: { "Jan-2024": 100, "Feb-2024": 5900 }, closing_balance: { "Jan-2024": 5900, "Feb-2024": 5800 } };
  const eod = {
    Months_order: ["Jan-24", "Feb-24"],
    start_date: ["05-Jan-24", "02-Feb-24"],
    "Jan-24": eodMonth(txns, 5, 31, "2024-01", 100),
    "Feb-24": eodMonth(txns, 2, 29, "2024-02", 5900),
  };
  const salary = [{ ...txns[2], employer_name: "ACME", salary_month: "Jan-2024" }];
  const predictors = { accountnumber: "1", bank_name: "hdfc", ifsc_code: null, customer_name: null, account_type: null, ccod_limit: 0, month_0: "Feb-24" };
  const details = { account_category: "individual", account_number: "1", bank: "hdfc", ifsc: null, micr: null, currency_code: "INR" };
  const insights = {
    account_details: details,
    fraud: [],
    transactions: txns,
    salary_transactions: salary,
    top_credits_debits: [
      { type: "top_5_debit", data: [{ month: "Jan-24", data: [txns[1]] }, { month: "Feb-24", data: [txns[3]] }] },
      { type: "top_5_credit", data: [{ month: "Jan-24", data: [txns[2], txns[0]] }, { month: "Feb-24", data: [txns[4]] }] },
    ],
    monthly_analysis: monthly,
    predictors,
    eod_balances: eod,
  } as unknown as InsightsAccountData;
  const subscribed = {
    account_details: [structuredClone(details)],
    fraud: { fraud_type: [] },
    transactions: structuredClone(txns),
    salary_transactions: structuredClone(salary),
    top_credits_debits: { top_5_debit: { "Jan-24": { h2: 200 }, "Feb-24": { h4: 400 } }, top_5_credit: { "Jan-24": { "SALARY ACME": 5000, h1: 1000 }, "Feb-24": { h5: 300 } } },
    monthly_analysis: structuredClone(monthly),
    predictors: structuredClone(predictors),
    eod_balances: structuredClone(eod),
  } as unknown as SubscribedDataAccount;
  return { insights, subscribed };
}

const rules = (data: InsightsAccountData) => [...new Set(insightsAccountFindings("a1", data).map((f) => f.rule))];

describe("data adds up", () => {
  it("consistent data gives no finding", () => {
    const { insights, subscribed } = account();
    expect(insightsAccountFindings("a1", insights)).toEqual([]);
    expect(insightsMatchSubscribed("a1", insights, subscribed)).toEqual([]);
  });

  it("balance-chain: a balance that is not the previous one plus or minus the amount", () => {
    const { insights } = account();
    insights.transactions[4].balance = 5700;
    expect(rules(insights)).toContain("balance-chain");
  });

  it("balance-chain: a break the target flags as inconsistent in its fraud section is not held against it", () => {
    const { insights } = account();
    insights.transactions[3].balance = 5000;
    insights.transactions[4].balance = 5300;
    insights.monthly_analysis.closing_balance = { ...insights.monthly_analysis.closing_balance, "Feb-2024": 5300 };
    insights.eod_balances["Feb-24"] = (insights.eod_balances["Feb-24"] as number[]).map((v, i) => (i < 8 ? 5000 : 5300));
    expect(rules(insights)).toContain("balance-chain");
    insights.fraud = [{ statement_id: "s", fraud_type: "inconsistent_transaction", transaction_hash: "h4", fraud_category: "accounting" }];
    expect(rules(insights)).not.toContain("balance-chain");
  });

  it("monthly-sums: a closing balance that is not opening + credits − debits", () => {
    const { insights } = account();
    insights.monthly_analysis.closing_balance = { "Jan-2024": 5900, "Feb-2024": 9999 };
    expect(rules(insights)).toContain("monthly-sums");
  });

  it("monthly-sums: a month that opens elsewhere than the previous one closed", () => {
    const { insights } = account();
    insights.monthly_analysis.opening_balance = { "Jan-2024": 100, "Feb-2024": 6000 };
    expect(rules(insights)).toContain("monthly-sums");
  });

  it("top-credits-debits: a listed transaction that is not one of the account's", () => {
    const { insights } = account();
    insights.top_credits_debits[1].data[0].data[0] = { ...insights.top_credits_debits[1].data[0].data[0], hash: "nope" };
    expect(rules(insights)).toContain("top-credits-debits");
  });

  it("top-credits-debits: out of order, or a larger one left out", () => {
    const a = account().insights;
    a.top_credits_debits[1].data[0].data.reverse();
    expect(rules(a)).toContain("top-credits-debits");
    const b = account().insights;
    b.top_credits_debits[1].data[0].data.shift();
    expect(rules(b)).toContain("top-credits-debits");
  });

  it("top-credits-debits: a transaction listed under another month", () => {
    const { insights } = account();
    insights.top_credits_debits[0].data[1].data = [insights.transactions[1]];
    expect(rules(insights)).toContain("top-credits-debits");
  });

  it("eod-balances: a day's balance that is not its last transaction's", () => {
    const { insights } = account();
    (insights.eod_balances["Jan-24"] as number[])[0] = 1100;
    expect(rules(insights)).toContain("eod-balances");
  });

  it("salary: a salary transaction that is no transaction of the account", () => {
    const { insights } = account();
    insights.salary_transactions[0] = { ...insights.salary_transactions[0], hash: "ghost" };
    expect(rules(insights)).toContain("salary");
    const other = account().insights;
    other.salary_transactions[0] = { ...other.salary_transactions[0], amount: 4000 };
    expect(rules(other)).toContain("salary");
  });

  it("insights-vs-subscribed: a shared field that differs", () => {
    for (const mutate of [
      (s: SubscribedDataAccount) => (s.transactions[0].amount = 1),
      (s: SubscribedDataAccount) => s.transactions.pop(),
      (s: SubscribedDataAccount) => (s.monthly_analysis.opening_balance["Jan-2024"] = 1),
      (s: SubscribedDataAccount) => (s.predictors.bank_name = "sbi"),
      (s: SubscribedDataAccount) => ((s.eod_balances["Jan-24"] as number[])[3] = 0),
      (s: SubscribedDataAccount) => (s.top_credits_debits.top_5_credit["Jan-24"] = { h1: 1000 }),
      (s: SubscribedDataAccount) => (s.account_details[0].bank = "sbi"),
    ]) {
      const { insights, subscribed } = account();
      mutate(subscribed);
      expect(insightsMatchSubscribed("a1", insights, subscribed).map((f) => f.rule), mutate.toString()).toContain("insights-vs-subscribed");
    }
  });
});
