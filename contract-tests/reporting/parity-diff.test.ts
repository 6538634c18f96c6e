import { describe, expect, it } from "vitest";
import type { LogLine } from "../lib/recorder.js";
import { parityDifferences } from "./parity-diff.js";
import type { RunResults, TestOutcome } from "./run-results.js";

function results(tests: Array<Partial<TestOutcome>>): RunResults {
  return {
    target: null, startedAt: "", durationMs: 0, counts: { passed: 0, failed: 0, skipped: 0, pending: 0 }, unhandledErrors: [],
    tests: tests.map((t) => ({ file: "f", name: "t", state: "passed", note: undefined, errors: [], durationMs: 0, ...t })),
  };
}

function log(entries: Array<[string, number, string | null, number?]>): LogLine[] {
  return entries.map(([operationId, status, code, violations], seq) => ({
    kind: "http", file: "f", test: "t", seq, operationId, method: "GET", path: `/v1/${seq}`, template: "", scenario: null, status, code, bodyCodes: [],
    violations: violations ? ["[schema] broken"] : [],
  }));
}

describe("parity differences", () => {
  it("ignore how many identical polls each server needed", () => {
    const a = { results: results([{}]), log: log([["getProgress", 200, null], ["getProgress", 200, null], ["getInsights", 200, null]]) };
    const b = { results: results([{}]), log: log([["getProgress", 200, null], ["getInsights", 200, null]]) };
    expect(parityDifferences(a, b)).toEqual([]);
  });

  it("report a different status, code or schema outcome for the same step", () => {
    const a = { results: results([{}]), log: log([["getProgress", 404, "SESSION_NOT_FOUND"], ["getInsights", 200, null], ["getPdfs", 200, null]]) };
    const b = { results: results([{}]), log: log([["getProgress", 404, "SESSION_MISSING"], ["getInsights", 400, "PROCESSING_NOT_COMPLETED"], ["getPdfs", 200, null, 1]]) };
    expect(parityDifferences(a, b).map((d) => [d.operationId, d.kind])).toEqual([
      ["getProgress", "code"],
      ["getInsights", "status"],
      ["getPdfs", "schema"],
    ]);
  });

  it("report a test that passed on one server and was skipped on the other, with the reason", () => {
    const a = { results: results([{ state: "passed" }]), log: [] };
    const b = { results: results([{ state: "skipped", note: "needs the mock control API" }]), log: [] };
    const [d] = parityDifferences(a, b);
    expect(d).toMatchObject({ kind: "test outcome", a: "passed", b: "skipped (needs the mock control API)" });
  });
});
