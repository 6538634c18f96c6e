import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatIssues, getContract } from "../../openapi/lib/index.js";
import { createAccount } from "./account.js";
import { deriveAccount } from "./derive.js";
import { parseStatementFixture, statementFromFixture } from "./fixture.js";
import { presentInsights, presentSubscribedData } from "./present.js";
import { simulateAccount } from "./simulate.js";
import { PROFILES, DATA_FAULTS, type DataFault } from "./types.js";

/** Every body the data module can produce must satisfy the spec's component schemas. */

const NOW = Date.UTC(2024, 3, 22);
const contract = getContract();

function issues(name: string, body: unknown): string[] {
  const r = contract.schemas.validateComponent(name, body);
  return r.ok ? [] : formatIssues(r.errors);
}

const caseArb = fc.record({
  seed: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.string({ minLength: 1, maxLength: 6 })),
  profile: fc.constantFrom(...PROFILES),
  bank: fc.constantFrom("hdfc", "sbi", "icici", "central", "yesbnk", "tjsb_sahakari", "model"),
  startMonth: fc.integer({ min: 1, max: 12 }),
  startDay: fc.integer({ min: 1, max: 27 }),
  months: fc.integer({ min: 3, max: 12 }),
  statementCount: fc.integer({ min: 1, max: 3 }),
  accounts: fc.integer({ min: 1, max: 3 }),
});

describe("generated documents validate against openapi/bankconnect.yaml", () => {
  it.each(DATA_FAULTS.map((s) => [s ?? "clean", s] as const))("fault %s: InsightsResponse and SubscribedDataResponse", (_name, fault: DataFault) => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const from = `2023-${String(c.startMonth).padStart(2, "0")}-${String(c.startDay).padStart(2, "0")}`;
        const endMonth = c.startMonth + c.months - 1;
        const to = `${2023 + Math.floor((endMonth - 1) / 12)}-${String(((endMonth - 1) % 12) + 1).padStart(2, "0")}-20`;
        const derived = Array.from({ length: c.accounts }, (_, i) =>
          simulateAccount({ seed: c.seed, key: `spec/${i}`, bank: c.bank, profile: c.profile, fault, sessionRange: { from, to }, statementCount: c.statementCount, now: NOW }).derived,
        );
        expect(issues("InsightsResponse", presentInsights("session-1", derived))).toEqual([]);
        expect(issues("SubscribedDataResponse", presentSubscribedData("session-1", derived))).toEqual([]);
      }),
      { numRuns: 4, seed: 11 },
    );
  });
});

describe("fixture-derived documents validate too", () => {
  it.each(["hdfc-salaried-3-months.json", "sbi-corporate-od.json", "icici-bounce-and-emi.json"])("%s", (name) => {
    const raw: unknown = JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/statements/${name}`, import.meta.url)), "utf8"));
    const parsed = parseStatementFixture(raw);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const account = createAccount({ seed: 1, key: name, bank: parsed.value.bank_name, fixture: parsed.value.account });
    const statement = statementFromFixture(parsed.value, { seed: 1, statementId: "st", account });
    const derived = deriveAccount({ account, statements: [statement], sessionRange: statement.period, now: NOW });
    expect(issues("InsightsResponse", presentInsights("s", [derived]))).toEqual([]);
    expect(issues("SubscribedDataResponse", presentSubscribedData("s", [derived]))).toEqual([]);
  });
});
