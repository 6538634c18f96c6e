import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAccount } from "./account.js";
import { deriveAccount } from "./derive.js";
import { detectAccountFailure, inspectAccount } from "./failure.js";
import type { StatementFixture } from "./fixture-format.js";
import { parseStatementFixture, statementFromFixture } from "./fixture.js";
import { presentInsights, presentSubscribedData } from "./present.js";
import type { DerivedAccount } from "./types.js";

const NOW = Date.UTC(2024, 6, 1);
const fixtureFile = (name: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/statements/${name}`, import.meta.url)), "utf8"));

function parsed(input: unknown): StatementFixture {
  const r = parseStatementFixture(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function derive(f: StatementFixture, range?: { from: string; to: string }): DerivedAccount {
  const account = createAccount({ seed: "fx", key: "fixture", bank: f.bank_name, fixture: f.account });
  const statement = statementFromFixture(f, { seed: "fx", statementId: "st-1", account });
  return deriveAccount({ account, statements: [statement], sessionRange: range ?? statement.period, now: NOW });
}

const base = (): Record<string, unknown> => ({
  bankconnect_mock_statement: 1,
  bank_name: "hdfc",
  account: { account_number: "50100199733559", name: "MR. TEST", account_category: "individual" },
  opening_balance: 1000,
  transactions: [
    { date: "2024-01-02", transaction_type: "credit", amount: 500, transaction_note: "UPI-A-1" },
    { date: "2024-01-05", transaction_type: "debit", amount: 200.5, transaction_note: "UPI-B-2" },
  ],
});

describe("shipped fixtures", () => {
  it.each(["hdfc-salaried-3-months.json", "sbi-corporate-od.json", "icici-bounce-and-emi.json"])("%s parses and derives clean data", (name) => {
    const raw = fixtureFile(name) as { transactions: Array<{ amount: number; transaction_note: string; balance?: number }> };
    const f = parsed(raw);
    const d = derive(f);
    expect(detectAccountFailure(d)).toBeNull();
    expect(d.fraud).toEqual([]);
    // Exactly the fixture's transactions, in its order.
    expect(d.transactions.map((t) => [t.transaction_note, t.amount_paisa / 100])).toEqual(raw.transactions.map((t) => [t.transaction_note, t.amount]));
    for (const [i, t] of raw.transactions.entries()) if (t.balance !== undefined) expect(d.transactions[i].balance_paisa / 100).toBe(t.balance);
    const last = d.transactions[d.transactions.length - 1];
    expect(d.months[d.months.length - 1].closing_balance_paisa).toBe(last.balance_paisa);
  });

  it("salaried fixture: three salaries with month and employer", () => {
    const d = derive(parsed(fixtureFile("hdfc-salaried-3-months.json")));
    expect(d.salary.map((s) => [s.salary_month, s.employer_name])).toEqual([
      ["Jan-2024", "ACME TECHNOLOGIES PVT LTD"],
      ["Feb-2024", "ACME TECHNOLOGIES PVT LTD"],
      ["Mar-2024", "ACME TECHNOLOGIES PVT LTD"],
    ]);
    expect(d.account.ifsc).toBe("HDFC0009015");
    expect(d.months[0].opening_balance_paisa).toBe(1_845_075);
  });

  it("bounce fixture: the bounce and the NACH return show up in channels and predictors", () => {
    const d = derive(parsed(fixtureFile("icici-bounce-and-emi.json")));
    const channels = d.transactions.map((t) => t.transaction_channel);
    expect(channels).toContain("inward_cheque_bounce");
    expect(channels).toContain("auto_debit_payment_bounce");
    expect(channels.filter((c) => c === "auto_debit_payment").length).toBe(3);
    const p = presentInsights("s", [d]).accounts[0].data.predictors;
    expect([p.month_0, p.month_1, p.month_2]).toEqual(["Jun-24", "May-24", "Apr-24"]);
    expect(p.total_inward_chq_bounces_insuff_fund_0).toBe(0);
    expect(p.total_inward_chq_bounces_insuff_fund_1).toBe(1);
  });

  it("corporate fixture: od limit and PSU notes", () => {
    const d = derive(parsed(fixtureFile("sbi-corporate-od.json")));
    expect(d.account).toMatchObject({ bank: "sbi", account_category: "corporate", od_limit: 500000 });
    expect(Math.min(...d.transactions.map((t) => t.balance_paisa))).toBeLessThan(0);
    const body = presentSubscribedData("s", [d]);
    expect(body.accounts[d.account.account_id]!.account_details[0].od_limit).toBe("500000");
  });
});

describe("failures and fraud come from the fixture's own data", () => {
  it("a printed balance that breaks the chain is BALANCE_MISMATCH", () => {
    const f = base();
    (f.transactions as Array<Record<string, unknown>>)[1].balance = 1234;
    expect(detectAccountFailure(derive(parsed(f)))?.code).toBe("BALANCE_MISMATCH");
  });

  it("consistent printed balances are accepted", () => {
    const f = base();
    (f.transactions as Array<Record<string, unknown>>)[0].balance = 1500;
    (f.transactions as Array<Record<string, unknown>>)[1].balance = 1299.5;
    expect(detectAccountFailure(derive(parsed(f)))).toBeNull();
  });

  it("a covered month without transactions is INCOMPLETE_MONTHS; a long quiet stretch MISSING_TRANSACTIONS", () => {
    const f = base();
    f.transactions = [
      { date: "2024-01-02", transaction_type: "credit", amount: 500, transaction_note: "A" },
      { date: "2024-03-02", transaction_type: "debit", amount: 5, transaction_note: "B" },
    ];
    expect(detectAccountFailure(derive(parsed(f)))).toEqual({ code: "INCOMPLETE_MONTHS", message: "Insufficient data to generate report. There are no transactions for Feb 2024" });
    f.transactions = [
      { date: "2024-01-02", transaction_type: "credit", amount: 500, transaction_note: "A" },
      { date: "2024-01-20", transaction_type: "debit", amount: 5, transaction_note: "B" },
    ];
    expect(detectAccountFailure(derive(parsed(f)))?.code).toBe("MISSING_TRANSACTIONS");
  });

  it("session days outside the period are INCOMPLETE_DATES_UPLOAD / INCOMPLETE_MONTHS_UPLOAD", () => {
    const f = parsed(base());
    expect(detectAccountFailure(derive(f, { from: "2024-01-01", to: "2024-01-07" }))).toEqual({
      code: "INCOMPLETE_DATES_UPLOAD",
      message: 'Statement(s) uploaded contain incomplete dates. Missing dates present for {"Jan 2024": [1, 6, 7]}',
    });
    // A month whose in-range days are all uncovered counts as a missing month, even a one-day part.
    expect(detectAccountFailure(derive(f, { from: "2023-12-31", to: "2024-01-05" }))?.code).toBe("INCOMPLETE_MONTHS_UPLOAD");
    expect(detectAccountFailure(derive(f, { from: "2023-11-01", to: "2024-01-05" }))?.message).toBe(
      "Statement(s) uploaded contain incomplete months. Missing data present for Nov 2023, Dec 2023",
    );
  });

  it("a null account number, no transactions, an edited PDF and a backdated row", () => {
    const nullNumber = base();
    (nullNumber.account as Record<string, unknown>).account_number = null;
    expect(detectAccountFailure(derive(parsed(nullNumber)))?.code).toBe("NULL_ACCOUNT_NUMBER");

    const empty = { ...base(), transactions: [], period: { from_date: "2024-01-01", to_date: "2024-01-31" } };
    expect(detectAccountFailure(derive(parsed(empty)))?.code).toBe("UNPARSABLE");

    const edited = { ...base(), pdf_metadata: { producer: "iLovePDF", author: "me" } };
    expect(derive(parsed(edited)).fraud).toEqual([
      { statement_id: "st-1", fraud_type: "author_fraud", fraud_category: "metadata", transaction_hash: null, previous_date: null, current_date: null },
    ]);

    const backdated = base();
    (backdated.transactions as Array<Record<string, unknown>>)[1].date = "2024-01-01";
    const d = derive(parsed(backdated));
    expect(d.fraud.map((x) => [x.statement_id, x.fraud_type, x.transaction_hash, x.previous_date, x.current_date])).toEqual([
      ["st-1", "inconsistent_transaction", d.transactions[1].hash, "2024-01-02 00:00:00", "2024-01-01 00:00:00"],
      [null, "inconsistent_transaction", d.transactions[1].hash, "2024-01-02 00:00:00", "2024-01-01 00:00:00"],
    ]);
    expect(inspectAccount(d)).toEqual([]);
  });

  it("top-5 map collisions keep the first (largest) entry, the list keeps all", () => {
    const f = base();
    f.transactions = [
      { date: "2024-01-02", transaction_type: "debit", amount: 50, transaction_note: "SAME" },
      { date: "2024-01-03", transaction_type: "debit", amount: 70, transaction_note: "SAME" },
      { date: "2024-01-04", transaction_type: "debit", amount: 10, transaction_note: "OTHER" },
    ];
    const d = derive(parsed(f));
    const list = presentInsights("s", [d]).accounts[0].data.top_credits_debits[0].data[0].data.map((t) => [t.transaction_note, t.amount]);
    expect(list).toEqual([
      ["SAME", 70],
      ["SAME", 50],
      ["OTHER", 10],
    ]);
    expect(presentSubscribedData("s", [d]).accounts[d.account.account_id]!.top_credits_debits.top_5_debit["Jan-24"]).toEqual({ SAME: 70, OTHER: 10 });
  });
});

describe("parseStatementFixture reports what to fix", () => {
  const errorsOf = (input: unknown): Array<{ path: string; message: string }> => {
    const r = parseStatementFixture(input);
    return r.ok ? [] : r.errors;
  };

  it("accepts the minimal form and normalises the bank identifier", () => {
    const r = parseStatementFixture({ ...base(), bank_name: "HDFC" });
    expect(r.ok && r.value.bank_name).toBe("hdfc");
  });

  it.each([
    ["not an object", 42, "$", /JSON object/],
    ["wrong version", { ...base(), bankconnect_mock_statement: 2 }, "bankconnect_mock_statement", /must be 1/],
    ["unknown bank", { ...base(), bank_name: "hdfcc" }, "bank_name", /did you mean "hdfc"/],
    ["missing account", { ...base(), account: undefined }, "account", /account_number, name and account_category/],
    ["bad category", { ...base(), account: { account_number: "123456", name: "X", account_category: "savings" } }, "account.account_category", /"individual" or "corporate"/],
    ["bad ifsc", { ...base(), account: { account_number: "123456", name: "X", account_category: "individual", ifsc: "HDFC9" } }, "account.ifsc", /HDFC0009015/],
    ["three decimals", { ...base(), opening_balance: 10.005 }, "opening_balance", /more than two decimals/],
    ["unknown key", { ...base(), transaction: [] }, "transaction", /unknown field/],
    ["empty without period", { ...base(), transactions: [] }, "transactions", /give "period"/],
  ])("%s", (_name, input, path, message) => {
    const errors = errorsOf(input);
    expect(errors.map((e) => e.path)).toContain(path);
    expect(errors.find((e) => e.path === path)?.message).toMatch(message);
  });

  it("reports every bad transaction field with its index", () => {
    const errors = errorsOf({
      ...base(),
      period: { from_date: "2024-01-01", to_date: "2024-01-31" },
      transactions: [
        { date: "2024-02-30", transaction_type: "credit", amount: 5, transaction_note: "A" },
        { date: "2024-01-03", transaction_type: "withdrawal", amount: -5, transaction_note: "" },
        { date: "2024-02-03", transaction_type: "debit", amount: 5, transaction_note: "C", transaction_channel: "cash" },
        { date: "2024-03-03", transaction_type: "debit", amount: 5, transaction_note: "D" },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual([
      "transactions[0].date",
      "transactions[1].transaction_type",
      "transactions[1].amount",
      "transactions[1].transaction_note",
      "transactions[2].transaction_channel",
      "transactions[3].date",
    ]);
    expect(errors[5].message).toMatch(/outside period 2024-01-01..2024-01-31/);
  });

  it("never throws, whatever the input", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseStatementFixture(v);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 200 },
    );
  });
});

describe("any valid fixture derives consistently", () => {
  const txnArb = fc.record({
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 1, max: 3 }),
    credit: fc.boolean(),
    paisa: fc.integer({ min: 1, max: 10_000_000 }),
  });

  it("balances carry from opening_balance and months close on the last balance", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 10_000_000 }), fc.array(txnArb, { minLength: 1, maxLength: 60 }), (openingPaisa, rows) => {
        rows.sort((a, b) => a.month - b.month || a.day - b.day);
        const f = {
          ...base(),
          opening_balance: openingPaisa / 100,
          transactions: rows.map((r, i) => ({
            date: `2024-0${r.month}-${String(r.day).padStart(2, "0")}`,
            transaction_type: r.credit ? "credit" : "debit",
            amount: r.paisa / 100,
            transaction_note: `NOTE ${i}`,
          })),
        };
        const d = derive(parsed(f));
        const total = rows.reduce((s, r) => s + (r.credit ? r.paisa : -r.paisa), openingPaisa);
        expect(d.transactions[d.transactions.length - 1].balance_paisa).toBe(total);
        expect(d.months[d.months.length - 1].closing_balance_paisa).toBe(total);
        expect(d.months[0].opening_balance_paisa).toBe(openingPaisa);
        const sub = presentSubscribedData("s", [d]).accounts[d.account.account_id]!.transactions;
        expect(sub.map((t) => Math.round(t.amount * 100))).toEqual(rows.map((r) => r.paisa));
      }),
      { numRuns: 60 },
    );
  });
});
