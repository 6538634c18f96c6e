import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffCeiling, backoffDelay, type BackoffPolicy } from "./backoff.js";

const policy: BackoffPolicy = { baseMs: 1000, factor: 2, maxDelayMs: 60_000, jitter: "equal" };

describe("retry back-off", () => {
  it("doubles the ceiling per failed attempt up to the cap", () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffCeiling(policy, n))).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(backoffCeiling(policy, 20)).toBe(60_000);
  });

  it("keeps equal jitter within [ceiling/2, ceiling] and full jitter within [0, ceiling]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const ceiling = backoffCeiling(policy, n);
        const equal = backoffDelay(policy, n, () => r);
        const full = backoffDelay({ ...policy, jitter: "full" }, n, () => r);
        return equal >= ceiling / 2 && equal <= ceiling && full >= 0 && full <= ceiling;
      }),
    );
  });
});
