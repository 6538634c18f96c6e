/**
 * "The data adds up": rules over one account's enriched data as insights (and subscribed_data)
 * serve it. Every rule works from the target's own numbers; where the target itself flags a
 * transaction as inconsistent in its fraud section, the balance chain is not held against it there.
 */
import type { InsightsAccountData, SubscribedDataAccount, Transaction } from "../../openapi/generated/bankconnect.js";
import { money, sameMoney, type Finding } from "./finding.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `2024-01-31 00:00:00` → parts; null for anything else. */
function dateParts(date: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

/** `Jan-2024` (monthly analysis). */
export function longMonthOf(date: string): string | null {
  const p = dateParts(date);
  return p ? `${MONTHS[p.m - 1]}-${p.y}` : null;
}

/** `Jan-24` (EOD balances, top credits/debits). */
export function shortMonthOf(date: string): string | null {
  const p = dateParts(date);
  return p ? `${MONTHS[p.m - 1]}-${String(p.y).slice(2)}` : null;
}

const dayNumber = (date: string): number | null => {
  const p = dateParts(date);
  return p ? Date.UTC(p.y, p.m - 1, p.d) / 86_400_000 : null;
};

/** `05-Jan-24` → day number. */
function labelDayNumber(label: string): number | null {
  const m = /^(\d{2})-([A-Z][a-z]{2})-(\d{2})$/.exec(label);
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]);
  return month < 0 ? null : Date.UTC(2000 + Number(m[3]), month, Number(m[1])) / 86_400_000;
}

type Txn = Pick<Transaction, "transaction_type" | "amount" | "balance" | "date" | "hash" | "transaction_note">;

const signed = (t: Txn): number => (t.transaction_type === "credit" ? t.amount : -t.amount);
const describe = (t: Txn, i: number): string => `transaction #${i} (${t.date.slice(0, 10)}, ${t.transaction_type} ${money(t.amount)}, hash ${t.hash})`;

/** Hashes the target's fraud section flags as inconsistent (its own admission that the chain breaks there). */
export function flaggedHashes(fraud: ReadonlyArray<{ fraud_type: string; transaction_hash: string | null }>): Set<string> {
  return new Set(fraud.filter((f) => f.transaction_hash !== null && /inconsistent/i.test(f.fraud_type)).map((f) => f.transaction_hash as string));
}

/** Each balance is the previous balance plus this credit or minus this debit. */
export function balanceChain(txns: readonly Txn[], flagged: ReadonlySet<string>, where: string): Finding[] {
  const out: Finding[] = [];
  for (let i = 1; i < txns.length; i++) {
    const prev = txns[i - 1];
    const t = txns[i];
    if (flagged.has(t.hash)) continue;
    const expected = prev.balance + signed(t);
    if (!sameMoney(expected, t.balance)) {
      out.push({ rule: "balance-chain", where: `${where} ${describe(t, i)}`, expected: `balance ${money(prev.balance)} ${t.transaction_type === "credit" ? "+" : "-"} ${money(t.amount)} = ${money(expected)}`, actual: money(t.balance) });
    }
  }
  return out;
}

/** Opening + the month's credits − debits = closing; a month opens where the previous one closed. */
export function monthlySums(txns: readonly Txn[], monthly: InsightsAccountData["monthly_analysis"], flagged: ReadonlySet<string>, where: string): Finding[] {
  const out: Finding[] = [];
  const byMonth = new Map<string, Txn[]>();
  for (const t of txns) {
    const m = longMonthOf(t.date);
    if (m) byMonth.set(m, [...(byMonth.get(m) ?? []), t]);
  }
  const closing = monthly.closing_balance ?? {};
  for (const [month, list] of byMonth) {
    const open = monthly.opening_balance[month];
    const close = closing[month];
    if (open === undefined || close === undefined) {
      out.push({ rule: "monthly-sums", where: `${where} ${month}`, expected: "opening and closing balances for a month with transactions", actual: `opening ${String(open)}, closing ${String(close)}` });
      continue;
    }
    const first = list[0];
    if (!flagged.has(first.hash) && !sameMoney(first.balance - signed(first), open)) {
      out.push({ rule: "monthly-sums", where: `${where} ${month} opening`, expected: `the balance before the month's first transaction (${money(first.balance - signed(first))})`, actual: money(open) });
    }
    const last = list[list.length - 1];
    if (!sameMoney(last.balance, close)) out.push({ rule: "monthly-sums", where: `${where} ${month} closing`, expected: `the month's last balance (${money(last.balance)})`, actual: money(close) });
    if (list.some((t) => flagged.has(t.hash))) continue;
    const net = list.reduce((a, t) => a + signed(t), 0);
    if (!sameMoney(open + net, close)) {
      out.push({ rule: "monthly-sums", where: `${where} ${month}`, expected: `opening ${money(open)} + credits − debits ${money(net)} = closing ${money(open + net)}`, actual: money(close) });
    }
  }
  const months = Object.keys(monthly.opening_balance);
  for (let i = 1; i < months.length; i++) {
    const prevClose = closing[months[i - 1]];
    const open = monthly.opening_balance[months[i]];
    if (prevClose !== undefined && open !== undefined && !sameMoney(prevClose, open)) {
      out.push({ rule: "monthly-sums", where: `${where} ${months[i]} opening`, expected: `${months[i - 1]}'s closing ${money(prevClose)}`, actual: money(open) });
    }
  }
  return out;
}

/** Top credits/debits: real transactions of their month, largest first, and no larger one left out. */
export function topCreditsDebits(txns: readonly Txn[], top: InsightsAccountData["top_credits_debits"], where: string): Finding[] {
  const out: Finding[] = [];
  const byHash = new Map(txns.map((t) => [t.hash, t]));
  for (const group of top) {
    const type = group.type === "top_5_credit" ? "credit" : "debit";
    for (const month of group.data) {
      const w = `${where} ${group.type} ${month.month}`;
      const listed = month.data as Txn[];
      listed.forEach((t, i) => {
        const real = byHash.get(t.hash);
        if (!real) out.push({ rule: "top-credits-debits", where: `${w} #${i}`, expected: "a transaction of the account (same hash)", actual: `hash ${t.hash} is not among the transactions` });
        else if (real.transaction_type !== type || !sameMoney(real.amount, t.amount) || shortMonthOf(real.date) !== month.month) {
          out.push({ rule: "top-credits-debits", where: `${w} #${i}`, expected: `a ${type} of ${month.month} with the transaction's amount`, actual: `${real.transaction_type} ${money(real.amount)} on ${real.date.slice(0, 10)} listed as ${money(t.amount)}` });
        }
        if (i > 0 && listed[i - 1].amount < t.amount) out.push({ rule: "top-credits-debits", where: `${w} #${i}`, expected: `amounts in descending order (≤ ${money(listed[i - 1].amount)})`, actual: money(t.amount) });
      });
      const candidates = txns.filter((t) => t.transaction_type === type && shortMonthOf(t.date) === month.month);
      const smallestListed = listed.length > 0 ? Math.min(...listed.map((t) => t.amount)) : -Infinity;
      const listedHashes = new Set(listed.map((t) => t.hash));
      const missed = candidates.filter((t) => !listedHashes.has(t.hash) && t.amount > smallestListed + 0.005);
      const wanted = Math.min(5, candidates.length);
      if (missed.length > 0 || listed.length < wanted) {
        out.push({ rule: "top-credits-debits", where: w, expected: `the ${wanted} largest ${type}s of the month`, actual: missed.length > 0 ? `${money(missed[0].amount)} (hash ${missed[0].hash}) left out` : `${listed.length} listed` });
      }
    }
  }
  return out;
}

/**
 * Each EOD balance is the day's last balance: the balance of the last transaction, in statement
 * order, dated on or before that day (carried from earlier days when nothing happened).
 */
export function eodBalances(txns: readonly Txn[], eod: InsightsAccountData["eod_balances"], flagged: ReadonlySet<string>, where: string): Finding[] {
  const out: Finding[] = [];
  const days = txns.map((t) => dayNumber(t.date));
  const lastUpTo = (day: number): Txn | undefined => {
    for (let i = txns.length - 1; i >= 0; i--) {
      const d = days[i];
      if (d !== null && d <= day) return txns[i];
    }
    return undefined;
  };
  eod.Months_order.forEach((month, mi) => {
    const values = eod[month] as unknown;
    const start = labelDayNumber(eod.start_date[mi] ?? "");
    if (!Array.isArray(values) || start === null) {
      out.push({ rule: "eod-balances", where: `${where} ${month}`, expected: "a start date and a balance per day", actual: `start ${String(eod.start_date[mi])}, ${Array.isArray(values) ? `${values.length} values` : "no values"}` });
      return;
    }
    values.forEach((value: unknown, i: number) => {
      if (typeof value !== "number") return;
      const day = start + i;
      const last = lastUpTo(day);
      if (!last || flagged.has(last.hash)) return;
      if (!sameMoney(last.balance, value)) {
        const label = new Date(day * 86_400_000).toISOString().slice(0, 10);
        out.push({ rule: "eod-balances", where: `${where} ${month} day ${label}`, expected: `the last balance on or before the day ${money(last.balance)} (hash ${last.hash})`, actual: money(value) });
      }
    });
  });
  return out;
}

/** Salary transactions are transactions of the account, with the same amount and date. */
export function salaryTransactions(txns: readonly Txn[], salary: readonly Txn[], where: string): Finding[] {
  const byHash = new Map(txns.map((t) => [t.hash, t]));
  const out: Finding[] = [];
  salary.forEach((s, i) => {
    const real = byHash.get(s.hash);
    if (!real) out.push({ rule: "salary", where: `${where} salary #${i}`, expected: "a transaction of the account (same hash)", actual: `hash ${s.hash} is not among the transactions` });
    else if (!sameMoney(real.amount, s.amount) || real.date !== s.date || real.transaction_type !== "credit") {
      out.push({ rule: "salary", where: `${where} salary #${i}`, expected: `the credit ${money(real.amount)} on ${real.date}`, actual: `${s.transaction_type} ${money(s.amount)} on ${s.date}` });
    }
  });
  return out;
}

export interface AccountVerdict {
  /**
   * The target failed the account with BALANCE_MISMATCH: its own admission that the balances do not
   * chain, so the chain and the monthly net are not held against it (everything else still is).
   */
  balanceMismatchAdmitted?: boolean;
}

/** Every rule above over one insights account. */
export function insightsAccountFindings(accountId: string, data: InsightsAccountData, verdict: AccountVerdict = {}): Finding[] {
  const where = `insights account ${accountId}`;
  const flagged = verdict.balanceMismatchAdmitted ? new Set(data.transactions.map((t) => t.hash)) : flaggedHashes(data.fraud);
  const txns = data.transactions;
  return [
    ...balanceChain(txns, flagged, where),
    ...monthlySums(txns, data.monthly_analysis, flagged, where),
    ...topCreditsDebits(txns, data.top_credits_debits, where),
    ...eodBalances(txns, data.eod_balances, flagged, where),
    ...salaryTransactions(txns, data.salary_transactions, where),
  ];
}

const stable = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x));

/** Insights and subscribed_data describe one account: every field they share agrees. */
export function insightsMatchSubscribed(accountId: string, insights: InsightsAccountData, subscribed: SubscribedDataAccount): Finding[] {
  const where = `account ${accountId}`;
  const out: Finding[] = [];
  const differ = (what: string, a: unknown, b: unknown) => {
    if (stable(a) !== stable(b)) out.push({ rule: "insights-vs-subscribed", where: `${where} ${what}`, expected: `insights ${stable(a).slice(0, 120)}`, actual: `subscribed_data ${stable(b).slice(0, 120)}` });
  };
  const pick = (t: Txn) => ({ type: t.transaction_type, amount: t.amount, balance: t.balance, date: t.date, hash: t.hash, note: t.transaction_note });
  if (insights.transactions.length !== subscribed.transactions.length) {
    out.push({ rule: "insights-vs-subscribed", where: `${where} transactions`, expected: `${insights.transactions.length} transactions (insights)`, actual: `${subscribed.transactions.length} (subscribed_data)` });
  } else {
    insights.transactions.forEach((t, i) => differ(`transaction #${i}`, pick(t), pick(subscribed.transactions[i])));
  }
  differ("salary_transactions", insights.salary_transactions.map(pick), subscribed.salary_transactions.map(pick));
  differ("monthly_analysis", insights.monthly_analysis, subscribed.monthly_analysis);
  differ("eod_balances", insights.eod_balances, subscribed.eod_balances);
  differ("predictors", insights.predictors, subscribed.predictors);
  const details = subscribed.account_details[0];
  if (details) {
    for (const key of ["account_number", "bank", "ifsc", "micr", "account_category", "currency_code"] as const) {
      differ(`account_details.${key}`, (insights.account_details as unknown as Record<string, unknown>)[key], (details as unknown as Record<string, unknown>)[key]);
    }
  }
  // top credits/debits: insights lists transactions, subscribed_data maps note → amount per month.
  for (const group of insights.top_credits_debits) {
    const map = group.type === "top_5_credit" ? subscribed.top_credits_debits.top_5_credit : subscribed.top_credits_debits.top_5_debit;
    for (const month of group.data) {
      const total = (month.data as Txn[]).reduce((a, t) => a + t.amount, 0);
      const mapped = Object.values(map[month.month] ?? {}).reduce<number>((a, v) => a + (v ?? 0), 0);
      if (!sameMoney(total, mapped)) out.push({ rule: "insights-vs-subscribed", where: `${where} ${group.type} ${month.month}`, expected: `insights' top transactions totalling ${money(total)}`, actual: `subscribed_data's totalling ${money(mapped)}` });
    }
  }
  return out;
}
