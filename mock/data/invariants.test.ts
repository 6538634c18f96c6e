import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilFromDays, dayOf, daysFromCivil, daysInMonth, firstDayOfMonth, isoOf, lastDayOfMonth, monthIndexOfDay, monthKey, monthShort, monthSpaced } from "../core/dates.js";
import { detectAccountFailure } from "./failure.js";
import { presentInsights, presentSubscribedData } from "./present.js";
import { createAccount } from "./account.js";
import { deriveAccount } from "./derive.js";
import { generateStatement } from "./generate.js";
import { MAX_QUIET_DAYS, MISSING_RUN_DAYS, faultApplies } from "./faults.js";
import { simulateAccount, type SimulatedAccount } from "./simulate.js";
import { ACCOUNT_FAILURE_CODES, MERCHANT_CATEGORIES, PROFILES, DATA_FAULTS, TRANSACTION_CHANNELS, type DateRange, type DataFault, type Transaction } from "./types.js";

/**
 * Every derived figure checked against the raw transaction list, for many seeds, every fault
 * and profile, ranges of 3-12 months and 1-3 statements. The checks recompute from scratch rather
 * than calling the module's own helpers.
 */

const NOW = Date.UTC(2025, 0, 15);
// DATA_PROPERTY_RUNS=2000 for a deeper soak; the default keeps the file at a few seconds.
const RUNS = Number(process.env.DATA_PROPERTY_RUNS ?? 80);

// First month keeps at least two days in range, which the *_UPLOAD faults need (faults.ts).
const rangeArb = fc
  .record({ year: fc.integer({ min: 2022, max: 2024 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 27 }), months: fc.integer({ min: 3, max: 12 }), endDay: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day, months, endDay }): DateRange => {
    const from = daysFromCivil(year, month, day);
    const endMonth = monthIndexOfDay(from) + months - 1;
    const y = Math.floor(endMonth / 12);
    const m = (endMonth % 12) + 1;
    return { from: isoOf(from), to: isoOf(daysFromCivil(y, m, Math.min(endDay, daysInMonth(y, m)))) };
  });

const caseArb = fc.record({
  seed: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.string({ minLength: 1, maxLength: 8 })),
  fault: fc.constantFrom<DataFault>(...DATA_FAULTS),
  profile: fc.constantFrom(...PROFILES),
  bank: fc.constantFrom("hdfc", "sbi", "icici", "central", "axis", "kotak", "saraswat", "abhyudaya"),
  range: rangeArb,
  statementCount: fc.integer({ min: 1, max: 3 }),
  density: fc.constantFrom<number | undefined>(undefined, 8, 25, 200),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function run(c: Case): SimulatedAccount {
  return simulateAccount({ seed: c.seed, key: "prop/account", bank: c.bank, profile: c.profile, fault: c.fault, sessionRange: c.range, density: c.density, statementCount: c.statementCount, now: NOW });
}

const signed = (t: Transaction): number => (t.transaction_type === "credit" ? t.amount_paisa : -t.amount_paisa);
const monthOf = (t: Transaction): number => monthIndexOfDay(t.day);

function checkAll(c: Case): void {
  const { derived: d, statements } = run(c);
  const txns = d.transactions;
  const ctx = JSON.stringify(c);

  // Transactions are the statements' transactions, in period order.
  expect(txns).toEqual(statements.flatMap((s) => s.transactions));

  // Balance chain: intact, except exactly one break under BALANCE_MISMATCH.
  let prev = statements[0].opening_balance_paisa;
  let breaks = 0;
  for (const t of txns) {
    if (t.balance_paisa !== prev + signed(t)) breaks++;
    prev = t.balance_paisa;
  }
  expect(breaks, ctx).toBe(c.fault === "BALANCE_MISMATCH" ? 1 : 0);

  // Plain data hygiene (collected, then asserted once: expect() per row is slow at 5,000 rows).
  const channels = new Set<string>(TRANSACTION_CHANNELS);
  const merchantCategories = new Set<string>(MERCHANT_CATEGORIES);
  const badRows = txns.filter(
    (t) =>
      !(Number.isInteger(t.amount_paisa) && t.amount_paisa > 0) ||
      !Number.isInteger(t.balance_paisa) ||
      !/^[0-9a-f]{32}$/.test(t.hash) ||
      !channels.has(t.transaction_channel) ||
      !merchantCategories.has(t.merchant_category) ||
      t.transaction_note.length === 0,
  );
  expect(badRows).toEqual([]);
  expect(new Set(txns.map((t) => t.hash)).size).toBe(txns.length);

  // Dates inside each statement's covered period, covered period inside the requested one.
  for (const s of statements) {
    expect(s.period.from >= s.requested_period.from && s.period.to <= s.requested_period.to).toBe(true);
    expect(s.transactions.filter((t) => t.date < s.period.from || t.date > s.period.to), ctx).toEqual([]);
  }

  // Chronological, except the single backdated row of FRAUD.
  let inversions = 0;
  for (let i = 1; i < txns.length; i++) if (txns[i].day < txns[i - 1].day) inversions++;
  expect(inversions, ctx).toBe(c.fault === "FRAUD" ? 1 : 0);

  // Notes unique within a month, so the note-keyed top-5 maps never collide.
  const notes = new Set(txns.map((t) => `${monthOf(t)}|${t.transaction_note}`));
  expect(notes.size).toBe(txns.length);

  // Months = calendar months the statements cover; missing_data = session range minus coverage.
  const covered = new Set<number>();
  for (const s of statements) for (let day = dayOf(s.period.from); day <= dayOf(s.period.to); day++) covered.add(day);
  const expectedMonths = [...new Set([...covered].map(monthIndexOfDay))].sort((a, b) => a - b);
  expect(d.months.map((m) => m.month)).toEqual(expectedMonths.map(monthKey));
  const missing = new Set<number>();
  let lastTo = -Infinity;
  for (const r of d.missing_data) {
    const a = dayOf(r.from_date);
    const b = dayOf(r.to_date);
    expect(a).toBeGreaterThan(lastTo + 1);
    lastTo = b;
    for (let day = a; day <= b; day++) missing.add(day);
  }
  const misfiled: number[] = [];
  for (let day = dayOf(c.range.from); day <= dayOf(c.range.to); day++) if (missing.has(day) === covered.has(day)) misfiled.push(day);
  expect(misfiled).toEqual([]);
  if (c.fault !== "INCOMPLETE_MONTHS_UPLOAD" && c.fault !== "INCOMPLETE_DATES_UPLOAD") expect(d.missing_data).toEqual([]);

  // End of day = balance after the latest-printed transaction dated on or before the day. Queries
  // come in ascending day order, so one sweep over the rows sorted by date answers all of them.
  const byDay = txns.map((_, i) => i).sort((a, b) => txns[a].day - txns[b].day || a - b);
  let cursor = 0;
  let latest = -1;
  const eodExpected = (day: number): number => {
    while (cursor < byDay.length && txns[byDay[cursor]].day <= day) latest = Math.max(latest, byDay[cursor++]);
    return latest < 0 ? statements[0].opening_balance_paisa : txns[latest].balance_paisa;
  };

  // Monthly opening/closing, eod series and top five, month by month.
  const byMonth = new Map<number, Transaction[]>();
  for (const t of txns) {
    const list = byMonth.get(monthOf(t));
    if (list) list.push(t);
    else byMonth.set(monthOf(t), [t]);
  }
  let carried = statements[0].opening_balance_paisa;
  for (const m of d.months) {
    const inMonth = byMonth.get(m.index) ?? [];
    expect(m.opening_balance_paisa).toBe(carried);
    const expectedClosing = inMonth.length > 0 ? inMonth[inMonth.length - 1].balance_paisa : m.opening_balance_paisa;
    expect(m.closing_balance_paisa, ctx).toBe(expectedClosing);
    carried = m.closing_balance_paisa;

    const coveredDays = [...covered].filter((day) => monthIndexOfDay(day) === m.index);
    const start = inMonth.length > 0 ? Math.min(...inMonth.map((t) => t.day)) : Math.min(...coveredDays);
    expect(m.start_day).toBe(start);
    expect(m.end_day).toBe(Math.max(...coveredDays));
    expect(m.eod_paisa.length).toBe(m.end_day - m.start_day + 1);
    expect(m.eod_paisa[m.eod_paisa.length - 1]).toBe(m.closing_balance_paisa);
    const expectedEod: number[] = [];
    for (let day = m.start_day; day <= m.end_day; day++) expectedEod.push(eodExpected(day));
    expect(m.eod_paisa).toEqual(expectedEod);

    for (const [type, top] of [
      ["debit", m.top_debits],
      ["credit", m.top_credits],
    ] as const) {
      const all = inMonth.filter((t) => t.transaction_type === type).map((t) => t.amount_paisa).sort((a, b) => b - a);
      expect(top.map((t) => t.amount_paisa)).toEqual(all.slice(0, 5));
      for (const t of top) expect(inMonth).toContain(t);
    }
    expect(m.debits_paisa).toBe(inMonth.filter((t) => t.transaction_type === "debit").reduce((s, t) => s + t.amount_paisa, 0));
    expect(m.credits_paisa).toBe(inMonth.filter((t) => t.transaction_type === "credit").reduce((s, t) => s + t.amount_paisa, 0));
  }

  // Salary transactions are exactly the salary-category credits.
  const salaryCredits = txns.filter((t) => t.category === "Salary");
  expect(salaryCredits.every((t) => t.transaction_type === "credit")).toBe(true);
  expect(d.salary.map((s) => s.transaction)).toEqual(salaryCredits);
  for (const s of d.salary) {
    const { d: dom } = civilFromDays(s.transaction.day);
    const mi = monthOf(s.transaction) - (dom <= 15 ? 1 : 0);
    expect(s.salary_month).toBe(`${monthSpaced(mi).replace(" ", "-")}`);
    expect(s.employer_name).toBe(c.profile === "salaried" ? s.transaction.employer_name : null);
  }
  if (c.profile !== "salaried") expect(d.salary).toEqual([]);
  if (c.profile === "salaried" && c.fault === null) {
    // One salary in every fully covered month.
    for (const m of d.months) {
      if (m.start_day < firstDayOfMonth(m.index) || m.end_day !== lastDayOfMonth(m.index)) continue;
      const first = Math.min(...[...covered].filter((day) => monthIndexOfDay(day) === m.index));
      if (first !== firstDayOfMonth(m.index)) continue;
      expect(salaryCredits.filter((t) => monthOf(t) === m.index).length, ctx).toBe(1);
    }
  }

  // Predictors: most recent month first, expense_N = that month's debits, null beyond.
  const p = presentInsights("s", [d]).accounts[0].data.predictors;
  const recent = [...d.months].reverse();
  for (let i = 0; i < 12; i++) {
    if (i < recent.length) {
      const debits = txns.filter((t) => monthOf(t) === recent[i].index && t.transaction_type === "debit").reduce((s, t) => s + t.amount_paisa, 0);
      expect(p[`month_${i}`]).toBe(monthShort(recent[i].index));
      expect(p[`expense_${i}`]).toBe(debits / 100);
    } else {
      expect(p[`month_${i}`]).toBeNull();
      expect(p[`expense_${i}`]).toBeNull();
    }
  }

  // Quiet stretches: short in clean data, long where MISSING_TRANSACTIONS puts its hole.
  const busy = new Set(txns.map((t) => t.day));
  let longest = 0;
  let runLen = 0;
  for (let day = Math.min(...covered); day <= Math.max(...covered); day++) {
    runLen = covered.has(day) && !busy.has(day) ? runLen + 1 : 0;
    longest = Math.max(longest, runLen);
  }
  if (c.fault === null || c.fault === "FRAUD" || c.fault === "BALANCE_MISMATCH" || c.fault === "NULL_ACCOUNT_NUMBER") {
    expect(longest, ctx).toBeLessThanOrEqual(MAX_QUIET_DAYS);
  }
  if (c.fault === "MISSING_TRANSACTIONS") expect(longest).toBeGreaterThanOrEqual(MISSING_RUN_DAYS);

  // The failure read back from the data is the fault's; clean and fraud data have none.
  const failure = detectAccountFailure(d);
  if (c.fault === null || c.fault === "FRAUD") expect(failure, ctx).toBeNull();
  else expect(failure?.code, ctx).toBe(c.fault);
  if (c.fault === "INCOMPLETE_MONTHS") {
    const empty = d.months.filter((m) => !txns.some((t) => monthOf(t) === m.index)).map((m) => monthSpaced(m.index));
    expect(empty.length).toBeGreaterThan(0);
    expect(failure?.message).toBe(`Insufficient data to generate report. There are no transactions for ${empty.join(", ")}`);
  }
  if (c.fault === "NULL_ACCOUNT_NUMBER") expect(d.account.account_number).toBeNull();
  if (c.fault === "UNPARSABLE") expect(txns).toEqual([]);

  // Fraud entries are exactly what the fault put in the data.
  if (c.fault === "FRAUD") {
    const author = d.fraud.filter((f) => f.fraud_type === "author_fraud");
    expect(author.length).toBe(1);
    expect(author[0]).toMatchObject({ fraud_category: "metadata", transaction_hash: null });
    expect(statements.map((s) => s.statement_id)).toContain(author[0].statement_id);
    const inconsistent = d.fraud.filter((f) => f.fraud_type === "inconsistent_transaction");
    expect(inconsistent.map((f) => f.statement_id === null)).toEqual([false, true]);
    for (const f of inconsistent) {
      const i = txns.findIndex((t) => t.hash === f.transaction_hash);
      expect(i).toBeGreaterThan(0);
      expect(f.fraud_category).toBe("accounting");
      expect(f.current_date).toBe(`${txns[i].date} 00:00:00`);
      expect(f.previous_date).toBe(`${txns[i - 1].date} 00:00:00`);
      expect(txns[i].day).toBeLessThan(txns[i - 1].day);
    }
  } else {
    expect(d.fraud).toEqual([]);
  }
}

describe("derived data stays consistent with the transactions", () => {
  it("holds for random seeds, faults, profiles, ranges and statement splits", () => {
    fc.assert(fc.property(caseArb, checkAll), { numRuns: RUNS, seed: process.env.DATA_PROPERTY_RUNS ? Date.now() : 20240422 });
  }, 20_000 + RUNS * 50);

  it.each(DATA_FAULTS.map((s) => [s ?? "clean", s] as const))("holds for fault %s across profiles", (_name, fault) => {
    fc.assert(
      fc.property(caseArb, (c) => checkAll({ ...c, fault })),
      { numRuns: 8, seed: 7 },
    );
  });

  it("covers every failure code", () => {
    expect(new Set(DATA_FAULTS.filter((s): s is NonNullable<DataFault> => s !== null && s !== "FRAUD"))).toEqual(new Set(ACCOUNT_FAILURE_CODES));
  });
});

describe("generation is a pure function of its inputs", () => {
  it("the same seed gives byte-identical documents", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const a = run(c);
        const b = run(c);
        expect(JSON.stringify(presentInsights("s", [a.derived]))).toBe(JSON.stringify(presentInsights("s", [b.derived])));
        expect(JSON.stringify(presentSubscribedData("s", [a.derived]))).toBe(JSON.stringify(presentSubscribedData("s", [b.derived])));
      }),
      { numRuns: 10, seed: 99 },
    );
  });

  it("different seeds give different accounts", () => {
    const a = run({ seed: 1, fault: null, profile: "salaried", bank: "hdfc", range: { from: "2024-01-01", to: "2024-03-31" }, statementCount: 1, density: undefined });
    const b = run({ seed: 2, fault: null, profile: "salaried", bank: "hdfc", range: { from: "2024-01-01", to: "2024-03-31" }, statementCount: 1, density: undefined });
    expect(a.account.account_number).not.toBe(b.account.account_number);
    expect(a.derived.transactions[0].hash).not.toBe(b.derived.transactions[0].hash);
  });
});

describe("short periods", () => {
  it("carry the fault's failure exactly when faultApplies says they can", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom<DataFault>(...DATA_FAULTS),
        fc.integer({ min: daysFromCivil(2023, 1, 1), max: daysFromCivil(2024, 12, 31) }),
        fc.integer({ min: 0, max: 75 }),
        (seed, fault, from, len) => {
          const period = { from: isoOf(from), to: isoOf(from + len) };
          const account = createAccount({ seed, key: "short", bank: "sbi", fault });
          const statement = generateStatement({ seed, key: "short", account, period, fault, statementId: "st" });
          const code = detectAccountFailure(deriveAccount({ account, statements: [statement], sessionRange: period, now: NOW }))?.code ?? null;
          const expected = fault === "FRAUD" ? null : fault;
          if (faultApplies(period, fault)) expect(code).toBe(expected);
          else expect(code).toBeNull();
        },
      ),
      { numRuns: 150, seed: 5 },
    );
  });
});
