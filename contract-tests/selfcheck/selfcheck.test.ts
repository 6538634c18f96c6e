/**
 * The self-check as part of `npm test`: the suite must pass on the clean mock and fail on every
 * deliberately broken variant. If a check in the suite goes soft, a variant stops being caught here.
 */
import { describe, expect, it } from "vitest";
import { renderSelfCheck, runSelfCheck } from "./self-check.js";
import { VARIANTS } from "./variants.js";

describe("contract suite self-check", () => {
  it("passes on the clean mock and catches every broken variant", { timeout: 600_000 }, async () => {
    const report = await runSelfCheck({ concurrency: 2 });
    const table = renderSelfCheck(report);
    expect(report.clean.error, table).toBeUndefined();
    expect(report.clean.failedTests, table).toEqual([]);
    expect(report.clean.passed, table).toBeGreaterThan(0);
    expect(report.variants.map((v) => v.name)).toEqual(VARIANTS.map((v) => v.name));
    expect(report.variants.filter((v) => !v.caught).map((v) => v.name), table).toEqual([]);
    expect(report.mutationScore).toMatchObject({ caught: VARIANTS.length, total: VARIANTS.length });
    expect(report.mutationScore.byKind.behaviour.total, "behaviour variants, not only format ones").toBeGreaterThanOrEqual(8);
  });
});
