import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { presentInsights, presentSubscribedData, topMap } from "./present.js";
import { simulateAccount } from "./simulate.js";
import { PROFILES, DATA_FAULTS, type DataFault } from "./types.js";

/** The two documents are two views of the same facts; their shapes follow the seed examples. */

const NOW = Date.UTC(2024, 3, 22);

const caseArb = fc.record({
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  fault: fc.constantFrom<DataFault>(...DATA_FAULTS),
  profile: fc.constantFrom(...PROFILES),
  bank: fc.constantFrom("hdfc", "sbi", "icici", "central"),
  statementCount: fc.integer({ min: 1, max: 2 }),
});

function both(c: { seed: number; fault: DataFault; profile: (typeof PROFILES)[number]; bank: string; statementCount: number }) {
  const accounts = [0, 1].map(
    (i) =>
      simulateAccount({ seed: c.seed, key: `present/${i}`, bank: c.bank, profile: c.profile, fault: c.fault, sessionRange: { from: "2023-10-23", to: "2024-04-21" }, statementCount: c.statementCount, now: NOW })
        .derived,
  );
  return { accounts, insights: presentInsights("sess", accounts), subscribed: presentSubscribedData("sess", accounts) };
}

describe("insights and subscribed_data agree", () => {
  it("same accounts, transactions, balances, salary, analysis, predictors, eod and top five", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { accounts, insights, subscribed } = both(c);
        expect(insights.session_id).toBe(subscribed.session_id);
        expect(insights.accounts.map((a) => a.account_id)).toEqual(Object.keys(subscribed.accounts));
        for (const [i, ia] of insights.accounts.entries()) {
          const sa = subscribed.accounts[ia.account_id]!;
          const d = ia.data;
          const pick = (t: { transaction_type: string; transaction_note: string; amount: number; balance: number; date: string; hash: string; category: string }) =>
            [t.transaction_type, t.transaction_note, t.amount, t.balance, t.date, t.hash, t.category].join("|");
          expect(sa.transactions.map(pick)).toEqual(d.transactions.map(pick));
          expect(sa.transactions.map((t) => t.chq_num)).toEqual(d.transactions.map((t) => t.chq_num ?? ""));
          expect(sa.salary_transactions.map((t) => [pick(t), t.salary_month, t.employer_name])).toEqual(d.salary_transactions.map((t) => [pick(t), t.salary_month, t.employer_name]));
          expect(sa.monthly_analysis).toEqual(d.monthly_analysis);
          expect(sa.predictors).toEqual(d.predictors);
          expect(sa.eod_balances).toEqual(d.eod_balances);

          const { name, address, metadata_analysis, ...insightDetails } = d.account_details;
          const { account_id, ...subscribedDetails } = sa.account_details[0];
          expect(account_id).toBe(ia.account_id);
          expect(subscribedDetails).toEqual(insightDetails);
          expect([name, address, metadata_analysis]).toEqual([accounts[i].account.name, accounts[i].account.address, { name_matches: [] }]);

          const [debits, credits] = d.top_credits_debits;
          expect([debits.type, credits.type]).toEqual(["top_5_debit", "top_5_credit"]);
          for (const [list, map] of [
            [debits.data, sa.top_credits_debits.top_5_debit],
            [credits.data, sa.top_credits_debits.top_5_credit],
          ] as const) {
            expect(list.map((m) => m.month)).toEqual(Object.keys(map));
            // Generated notes are unique within a month, so the map holds the list entry for entry.
            for (const m of list) expect(map[m.month]).toEqual(Object.fromEntries(m.data.map((t) => [t.transaction_note, t.amount])));
          }

          expect(sa.fraud.fraud_type.map(({ account_id: id, ...rest }) => (expect(id).toBe(ia.account_id), rest))).toEqual(d.fraud);
          expect(sa.fraud.fraudulent_statements).toEqual([...new Set(d.fraud.flatMap((f) => (f.statement_id ? [f.statement_id] : [])))]);
        }
      }),
      { numRuns: 15, seed: 3 },
    );
  });
});

describe("wire formats", () => {
  it("uses the documents' labels, quirks and units", () => {
    const { insights, subscribed } = both({ seed: 42, fault: null, profile: "salaried", bank: "hdfc", statementCount: 1 });
    const d = insights.accounts[0].data;
    expect(d.account_details.months[0]).toBe("2023-10");
    expect(d.account_details.credit_limit).toBe("0");
    expect(d.transactions[0].date).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00$/);
    expect(Object.keys(d.monthly_analysis.opening_balance)[0]).toBe("Oct-2023");
    expect(d.eod_balances.Months_order[0]).toBe("Oct-23");
    expect(d.eod_balances.start_date[0]).toMatch(/^\d{2}-Oct-23$/);
    expect(d.salary_transactions[0].salary_month).toMatch(/^[A-Z][a-z]{2}-\d{4}$/);
    expect(d.predictors.month_0).toBe("Apr-24");
    const t = Object.values(subscribed.accounts)[0]!.transactions[0];
    expect(Object.keys(t)).toContain("reciever_account_number");
    expect(Object.keys(t)).not.toContain("receiver_account_number");
    for (const x of d.transactions) expect(Math.round(x.amount * 100) / 100).toBe(x.amount);
  });

  it("topMap keeps the first of repeated notes", () => {
    const t = (note: string, paisa: number) => ({ transaction_note: note, amount_paisa: paisa }) as Parameters<typeof topMap>[0][number];
    expect(topMap([t("A", 900), t("B", 800), t("A", 700)])).toEqual({ A: 9, B: 8 });
  });

  // The docs' own examples, as extracted into fixtures/docs-examples by the spec work.
  const example = (name: string): unknown => {
    const path = fileURLToPath(new URL(`../../fixtures/docs-examples/${name}`, import.meta.url));
    return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
  };
  const insightsExample = example("getInsights.200.seed-000.json") as { accounts: Array<{ data: Record<string, unknown> }> } | undefined;
  const subscribedExample = example("getSubscribedData.200.seed-002.json") as { accounts: Record<string, Record<string, unknown>> } | undefined;

  it.skipIf(!insightsExample)("insights keys match the seed-000 example", () => {
    const ex = (insightsExample as NonNullable<typeof insightsExample>).accounts[0].data;
    const ours = both({ seed: 1, fault: "FRAUD", profile: "salaried", bank: "central", statementCount: 1 }).insights.accounts[0].data as unknown as Record<string, unknown>;
    expect(Object.keys(ours)).toEqual(Object.keys(ex));
    const keys = (o: unknown): string[] => Object.keys(o as object);
    expect(keys(ours.account_details)).toEqual(keys(ex.account_details));
    expect(keys((ours.transactions as unknown[])[0])).toEqual(keys((ex.transactions as unknown[])[0]));
    expect(keys((ours.salary_transactions as unknown[])[0])).toEqual(keys((ex.salary_transactions as unknown[])[0]));
    expect(keys((ours.fraud as unknown[])[0])).toEqual(keys((ex.fraud as unknown[])[0]));
    const exPredictors = keys(ex.predictors);
    expect(keys(ours.predictors).slice(0, exPredictors.length)).toEqual(exPredictors);
  });

  it.skipIf(!subscribedExample)("subscribed_data keys match the seed-002 example", () => {
    const ex = Object.values((subscribedExample as NonNullable<typeof subscribedExample>).accounts)[0];
    const body = both({ seed: 1, fault: "FRAUD", profile: "corporate", bank: "central", statementCount: 1 }).subscribed;
    const ours = Object.values(body.accounts)[0] as unknown as Record<string, unknown>;
    const keys = (o: unknown): string[] => Object.keys(o as object);
    expect(keys(ours)).toEqual(keys(ex));
    expect(keys((ours.account_details as unknown[])[0])).toEqual(keys((ex.account_details as unknown[])[0]));
    expect(keys((ours.transactions as unknown[])[0])).toEqual(keys((ex.transactions as unknown[])[0]));
    const exFraud = (ex.fraud as { fraud_type: unknown[] }).fraud_type;
    const ourFraud = (ours.fraud as { fraud_type: unknown[] }).fraud_type;
    expect(keys(ourFraud[0])).toEqual(keys(exFraud[0]));
    expect(keys(ourFraud[1])).toEqual(keys(exFraud[1]));
  });
});
