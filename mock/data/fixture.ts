import { findBank, suggestBanks } from "./banks.js";
import { categorizeNote } from "./categorize.js";
import { dayOf, isoOf, parseIsoDay } from "../core/dates.js";
import { monthsOfRange } from "./ranges.js";
import type { FixtureAccount, FixtureError, FixtureParseResult, FixtureTransaction, StatementFixture } from "./fixture-format.js";
import { rowHash, statementSalt } from "./row-hash.js";
import { hasAtMostTwoDecimals, toPaisa } from "./money.js";
import { MERCHANT_CATEGORIES, TRANSACTION_CHANNELS, type Account, type MerchantCategory, type Statement, type Transaction, type TransactionChannel } from "./types.js";

type Obj = { [key: string]: unknown };

const TOP_KEYS = ["bankconnect_mock_statement", "bank_name", "account", "period", "opening_balance", "pdf_metadata", "transactions"];
const ACCOUNT_KEYS = ["account_number", "name", "account_category", "address", "ifsc", "micr", "credit_limit", "od_limit", "account_opening_date", "profile"];
const TXN_KEYS = ["date", "transaction_type", "amount", "transaction_note", "balance", "category", "transaction_channel", "description", "merchant_category", "chq_num", "employer_name"];

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? "nothing" : JSON.stringify(v));

/**
 * Checks a parsed JSON value against the statement fixture format (fixture-format.ts) and
 * returns either the typed fixture or every problem found, each with the path to fix and what
 * to put there. Never throws.
 */
export function parseStatementFixture(input: unknown): FixtureParseResult {
  const errors: FixtureError[] = [];
  const err = (path: string, message: string): void => {
    errors.push({ path, message });
  };
  if (!isObj(input)) return { ok: false, errors: [{ path: "$", message: `expected a JSON object, got ${show(input)}` }] };

  unknownKeys(input, TOP_KEYS, "", err);
  if (input.bankconnect_mock_statement !== 1) {
    err("bankconnect_mock_statement", `must be 1 (the format version), got ${show(input.bankconnect_mock_statement)}`);
  }

  let bankId = "";
  if (typeof input.bank_name !== "string" || input.bank_name.trim() === "") {
    err("bank_name", `must be a bank identifier such as "hdfc" or "sbi", got ${show(input.bank_name)}`);
  } else {
    const bank = findBank(input.bank_name);
    if (bank) bankId = bank.identifier;
    else {
      const hints = suggestBanks(input.bank_name);
      err("bank_name", `unknown bank ${show(input.bank_name)}${hints.length ? `; did you mean ${hints.map((h) => `"${h}"`).join(" or ")}?` : "; use an identifier from the vendor's bank table (BANKS)"}`);
    }
  }

  const account = parseAccount(input.account, err);

  let period: StatementFixture["period"];
  let periodSpan: [number, number] | null = null;
  if (input.period !== undefined) {
    if (!isObj(input.period)) err("period", `must be {"from_date": "YYYY-MM-DD", "to_date": "YYYY-MM-DD"} or left out, got ${show(input.period)}`);
    else {
      unknownKeys(input.period, ["from_date", "to_date"], "period.", err);
      const f = isoDate(input.period.from_date, "period.from_date", err);
      const t = isoDate(input.period.to_date, "period.to_date", err);
      if (f !== null && t !== null) {
        if (f > t) err("period", `from_date ${show(input.period.from_date)} is after to_date ${show(input.period.to_date)}`);
        else {
          period = { from_date: input.period.from_date as string, to_date: input.period.to_date as string };
          periodSpan = [f, t];
        }
      }
    }
  }

  const opening = rupees(input.opening_balance, "opening_balance", err, { allowNegative: true });

  let pdfMetadata: StatementFixture["pdf_metadata"];
  if (input.pdf_metadata !== undefined) {
    const m = input.pdf_metadata;
    if (!isObj(m) || typeof m.producer !== "string" || typeof m.author !== "string") {
      err("pdf_metadata", `must be {"producer": string, "author": string} or left out, got ${show(m)}`);
    } else {
      unknownKeys(m, ["producer", "author"], "pdf_metadata.", err);
      pdfMetadata = { producer: m.producer, author: m.author };
    }
  }

  const transactions: FixtureTransaction[] = [];
  if (!Array.isArray(input.transactions)) {
    err("transactions", `must be an array of transactions (may be empty only when "period" is given), got ${show(input.transactions)}`);
  } else {
    if (input.transactions.length === 0 && input.period === undefined) {
      err("transactions", `is empty: add transactions, or give "period" to describe a statement with none`);
    }
    input.transactions.forEach((raw: unknown, i: number) => {
      const t = parseTransaction(raw, `transactions[${i}]`, err);
      if (t) {
        const d = dayOf(t.date);
        if (periodSpan && (d < periodSpan[0] || d > periodSpan[1])) {
          err(`transactions[${i}].date`, `${t.date} is outside period ${period?.from_date}..${period?.to_date}; move the transaction or widen the period`);
        }
        transactions.push(t);
      }
    });
  }

  if (errors.length > 0 || !account || opening === null) return { ok: false, errors: errors.length ? errors : [{ path: "$", message: "invalid fixture" }] };
  const value: StatementFixture = { bankconnect_mock_statement: 1, bank_name: bankId, account, opening_balance: opening, transactions };
  if (period) value.period = period;
  if (pdfMetadata) value.pdf_metadata = pdfMetadata;
  return { ok: true, value };
}

type Err = (path: string, message: string) => void;

function unknownKeys(o: Obj, allowed: readonly string[], prefix: string, err: Err): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) err(`${prefix}${k}`, `unknown field; allowed here: ${allowed.join(", ")}`);
  }
}

function isoDate(v: unknown, path: string, err: Err): number | null {
  const day = typeof v === "string" ? parseIsoDay(v) : null;
  if (day === null) err(path, `must be a calendar date written YYYY-MM-DD, got ${show(v)}`);
  return day;
}

function rupees(v: unknown, path: string, err: Err, opts: { allowNegative?: boolean; positive?: boolean } = {}): number | null {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    err(path, `must be a number of rupees such as 1250.50, got ${show(v)}`);
    return null;
  }
  if (!hasAtMostTwoDecimals(v)) {
    err(path, `${v} has more than two decimals; round it to paisa, e.g. ${Math.round(v * 100) / 100}`);
    return null;
  }
  if (opts.positive && v <= 0) {
    err(path, `must be greater than 0 (the direction goes in transaction_type), got ${v}`);
    return null;
  }
  if (!opts.allowNegative && !opts.positive && v < 0) {
    err(path, `must not be negative, got ${v}`);
    return null;
  }
  return v;
}

function optionalString(o: Obj, key: string, path: string, err: Err, nullable: boolean): string | null | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (v === null && nullable) return null;
  if (typeof v !== "string") {
    err(`${path}.${key}`, `must be a string${nullable ? " or null" : ""}, got ${show(v)}`);
    return undefined;
  }
  return v;
}

function parseAccount(v: unknown, err: Err): FixtureAccount | null {
  if (!isObj(v)) {
    err("account", `must be an object with at least account_number, name and account_category, got ${show(v)}`);
    return null;
  }
  unknownKeys(v, ACCOUNT_KEYS, "account.", err);
  let ok = true;
  if (v.account_number !== null && (typeof v.account_number !== "string" || !/^[0-9X]{6,20}$/.test(v.account_number))) {
    err("account.account_number", `must be 6-20 digits as a string (X allowed for masking), or null for an unreadable number; got ${show(v.account_number)}`);
    ok = false;
  }
  if (typeof v.name !== "string" || v.name.trim() === "") {
    err("account.name", `must be the account holder's name, got ${show(v.name)}`);
    ok = false;
  }
  if (v.account_category !== "individual" && v.account_category !== "corporate") {
    err("account.account_category", `must be "individual" or "corporate", got ${show(v.account_category)}`);
    ok = false;
  }
  const out: FixtureAccount = {
    account_number: (v.account_number as string | null) ?? null,
    name: v.name as string,
    account_category: v.account_category as FixtureAccount["account_category"],
  };
  const address = optionalString(v, "address", "account", err, false);
  if (typeof address === "string") out.address = address;
  const ifsc = optionalString(v, "ifsc", "account", err, true);
  if (typeof ifsc === "string" && !/^[A-Z]{4}0[A-Z0-9]{6}$/.test(ifsc)) {
    err("account.ifsc", `must look like HDFC0009015 (4 letters, 0, 6 letters or digits), got ${show(ifsc)}`);
    ok = false;
  } else if (ifsc !== undefined) out.ifsc = ifsc;
  const micr = optionalString(v, "micr", "account", err, true);
  if (typeof micr === "string" && !/^\d{9}$/.test(micr)) {
    err("account.micr", `must be 9 digits, got ${show(micr)}`);
    ok = false;
  } else if (micr !== undefined) out.micr = micr;
  for (const key of ["credit_limit", "od_limit"] as const) {
    if (v[key] === undefined) continue;
    if (typeof v[key] !== "number" || !Number.isInteger(v[key]) || (v[key] as number) < 0) {
      err(`account.${key}`, `must be a whole number of rupees, 0 or more, got ${show(v[key])}`);
      ok = false;
    } else out[key] = v[key] as number;
  }
  const opened = v.account_opening_date;
  if (opened !== undefined) {
    if (opened === null) out.account_opening_date = null;
    else if (typeof opened === "string" && parseIsoDay(opened) !== null) out.account_opening_date = opened;
    else {
      err("account.account_opening_date", `must be YYYY-MM-DD or null, got ${show(opened)}`);
      ok = false;
    }
  }
  if (v.profile !== undefined) {
    if (v.profile !== "salaried" && v.profile !== "self_employed" && v.profile !== "corporate") {
      err("account.profile", `must be "salaried", "self_employed" or "corporate", got ${show(v.profile)}`);
      ok = false;
    } else out.profile = v.profile;
  }
  return ok ? out : null;
}

function parseTransaction(raw: unknown, path: string, err: Err): FixtureTransaction | null {
  if (!isObj(raw)) {
    err(path, `must be an object with date, transaction_type, amount and transaction_note, got ${show(raw)}`);
    return null;
  }
  let problems = 0;
  const e: Err = (p, m) => {
    problems++;
    err(p, m);
  };
  unknownKeys(raw, TXN_KEYS, `${path}.`, e);
  isoDate(raw.date, `${path}.date`, e);
  if (raw.transaction_type !== "credit" && raw.transaction_type !== "debit") {
    e(`${path}.transaction_type`, `must be "credit" or "debit", got ${show(raw.transaction_type)}`);
  }
  rupees(raw.amount, `${path}.amount`, e, { positive: true });
  if (typeof raw.transaction_note !== "string" || raw.transaction_note.trim() === "") {
    e(`${path}.transaction_note`, `must be the narration as printed, e.g. "UPI-SWIGGY-SWIGGYSTORES@ICICI-...", got ${show(raw.transaction_note)}`);
  }
  if (raw.balance !== undefined) rupees(raw.balance, `${path}.balance`, e, { allowNegative: true });
  if (raw.category !== undefined && (typeof raw.category !== "string" || raw.category.trim() === "")) {
    e(`${path}.category`, `must be a non-empty string such as "Salary" or "Food", got ${show(raw.category)}`);
  }
  if (raw.transaction_channel !== undefined && !TRANSACTION_CHANNELS.includes(raw.transaction_channel as TransactionChannel)) {
    e(`${path}.transaction_channel`, `must be one of ${TRANSACTION_CHANNELS.join(", ")}; got ${show(raw.transaction_channel)}`);
  }
  if (raw.merchant_category !== undefined && !MERCHANT_CATEGORIES.includes(raw.merchant_category as MerchantCategory)) {
    e(`${path}.merchant_category`, `must be one of ${MERCHANT_CATEGORIES.map((c) => JSON.stringify(c)).join(", ")}; got ${show(raw.merchant_category)}`);
  }
  if (raw.description !== undefined && typeof raw.description !== "string") e(`${path}.description`, `must be a string, got ${show(raw.description)}`);
  if (raw.chq_num !== undefined && raw.chq_num !== null && typeof raw.chq_num !== "string") {
    e(`${path}.chq_num`, `must be a string (keeps leading zeros, e.g. "081342") or null, got ${show(raw.chq_num)}`);
  }
  if (raw.employer_name !== undefined && raw.employer_name !== null && typeof raw.employer_name !== "string") {
    e(`${path}.employer_name`, `must be a string or null, got ${show(raw.employer_name)}`);
  }
  if (problems > 0) return null;

  const t: FixtureTransaction = {
    date: raw.date as string,
    transaction_type: raw.transaction_type as FixtureTransaction["transaction_type"],
    amount: raw.amount as number,
    transaction_note: raw.transaction_note as string,
  };
  if (raw.balance !== undefined) t.balance = raw.balance as number;
  if (raw.category !== undefined) t.category = raw.category as string;
  if (raw.transaction_channel !== undefined) t.transaction_channel = raw.transaction_channel as TransactionChannel;
  if (raw.description !== undefined) t.description = raw.description as string;
  if (raw.merchant_category !== undefined) t.merchant_category = raw.merchant_category as MerchantCategory;
  if (raw.chq_num !== undefined) t.chq_num = raw.chq_num as string | null;
  if (raw.employer_name !== undefined) t.employer_name = raw.employer_name as string | null;
  return t;
}

export interface StatementFromFixtureOptions {
  seed: string | number;
  statementId: string;
  /** Usually `createAccount({ ..., bank: fixture.bank_name, fixture: fixture.account })`. */
  account: Account;
}

/**
 * A statement made of exactly the fixture's transactions, in its order. Balances are the
 * fixture's where given and otherwise carried from `opening_balance`; missing enrichment is read
 * from the notes. The period is the fixture's, or first to last transaction date.
 */
export function statementFromFixture(fixture: StatementFixture, opts: StatementFromFixtureOptions): Statement {
  const salt = statementSalt(String(opts.seed), opts.statementId);
  let prev = toPaisa(fixture.opening_balance);
  const opening = prev;
  let minDay = Infinity;
  let maxDay = -Infinity;
  const transactions: Transaction[] = fixture.transactions.map((f, i) => {
    const day = dayOf(f.date);
    minDay = Math.min(minDay, day);
    maxDay = Math.max(maxDay, day);
    const amount = toPaisa(f.amount);
    const balance = f.balance !== undefined ? toPaisa(f.balance) : f.transaction_type === "credit" ? prev + amount : prev - amount;
    prev = balance;
    const auto = categorizeNote(f.transaction_note, f.transaction_type);
    const category = f.category === undefined ? auto.category : /^salary$/i.test(f.category) ? "Salary" : f.category;
    return {
      date: f.date,
      day,
      transaction_type: f.transaction_type,
      amount_paisa: amount,
      balance_paisa: balance,
      transaction_note: f.transaction_note,
      chq_num: f.chq_num ?? null,
      category,
      transaction_channel: f.transaction_channel ?? (category === "Salary" && f.transaction_type === "credit" ? "salary" : auto.transaction_channel),
      description: f.description ?? auto.description,
      merchant_category: f.merchant_category ?? auto.merchant_category,
      hash: rowHash(salt, i, day, f.transaction_type === "credit", amount, f.transaction_note),
      statement_id: opts.statementId,
      counterparty: auto.counterparty,
      reference: null,
      employer_name: category === "Salary" ? (f.employer_name ?? null) : null,
    };
  });
  const period = fixture.period ? { from: fixture.period.from_date, to: fixture.period.to_date } : { from: isoOf(minDay), to: isoOf(maxDay) };
  const months = monthsOfRange(period);
  const bank = findBank(fixture.bank_name);
  return {
    statement_id: opts.statementId,
    account_id: opts.account.account_id,
    bank: bank?.identifier ?? fixture.bank_name,
    requested_period: period,
    period,
    transactions,
    opening_balance_paisa: opening,
    closing_balance_paisa: transactions.length > 0 ? transactions[transactions.length - 1].balance_paisa : opening,
    page_count: 1 + Math.ceil(transactions.length / 28),
    pdf_metadata: fixture.pdf_metadata ?? { producer: "bankconnect-mock statement fixture", author: bank?.short_name ?? fixture.bank_name.toUpperCase() },
    source: "fixture",
    months,
  };
}
