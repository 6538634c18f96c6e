import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createSessionBudget } from "./session-budget.js";

describe("session budget", () => {
  it("refuses the reservation that would pass the cap, with the reason", () => {
    const budget = createSessionBudget(3);
    expect(budget.reserve(2)).toEqual({ ok: true });
    const refused = budget.reserve(2);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.reason).toContain("BANKCONNECT_MAX_SESSIONS");
    expect(budget.reserve(1)).toEqual({ ok: true });
  });

  it("shares the count across budgets (workers) through the counter file", () => {
    const file = join(mkdtempSync(join(tmpdir(), "budget-")), "count");
    const a = createSessionBudget(2, file);
    const b = createSessionBudget(2, file);
    expect(a.reserve(1).ok).toBe(true);
    expect(b.reserve(1).ok).toBe(true);
    expect(a.reserve(1).ok).toBe(false);
    expect(b.used()).toBe(2);
  });

  it("never refuses an unlimited (mock) budget", () => {
    const budget = createSessionBudget(Infinity);
    expect(budget.reserve(10_000)).toEqual({ ok: true });
  });
});
