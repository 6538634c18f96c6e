import { describe, expect, it } from "vitest";
import { buildErrorCatalogue, getContract } from "../../openapi/lib/index.js";
import { loadScenarios } from "./scenarios.js";

const catalogue = buildErrorCatalogue(getContract().doc);
const scenarios = loadScenarios();

describe("the scenario catalogue stays in step with the spec", () => {
  it("offers every statement-level code of the spec, and no other", () => {
    expect(scenarios.catalogue.statement.map((s) => s.code).sort()).toEqual(catalogue.statement_level.map((e) => e.code).sort());
  });

  it("offers every account-level code of the spec as a session scenario", () => {
    const failures = scenarios.catalogue.session.filter((s) => s.kind === "account_failure").map((s) => s.name);
    expect(failures.sort()).toEqual(catalogue.account_level.map((e) => e.code).sort());
  });

  it("describes the seeds' four journeys", () => {
    expect(scenarios.catalogue.journeys.map((j) => j.seed)).toEqual([
      "Scenario 1: Single account Flow",
      "Scenario 2: Multibanking Flow",
      "Scenario 3: User Revisits",
      "Scenario 4: User Drops Off",
    ]);
    for (const j of scenarios.catalogue.journeys) {
      if (j.session_scenario) expect(scenarios.session(j.session_scenario), j.session_scenario).toBeDefined();
    }
  });

  it("reads the longest code out of a file name, so NULL_ACCOUNT_NUMBER is not mistaken for a shorter one", () => {
    expect(scenarios.statementCodeInFileName("march-null_account_number.pdf")).toBe("NULL_ACCOUNT_NUMBER");
    expect(scenarios.statementCodeInFileName("statement-PDF_IS_IMAGE.pdf")).toBe("PDF_IS_IMAGE");
    expect(scenarios.statementCodeInFileName("hdfc-march.pdf")).toBeUndefined();
  });
});
