import { describe, expect, it } from "vitest";
import type { LogLine } from "../lib/recorder.js";
import { propertyFirst } from "./contract-reporter.js";
import type { ErrorCoverage } from "./error-coverage.js";
import { renderJunit } from "./junit.js";
import type { RunResults, TestOutcome } from "./run-results.js";
import { createStyle } from "./style.js";
import { renderSummary } from "./summary.js";
import { coreLifecycle, coverageSplit, judge } from "./verdict.js";

let seq = 0;
const line = (operationId: string, status: number, sessionId: string | null, state: string | null = null): LogLine => ({
  kind: "http", file: "f", test: "t", seq: seq++, operationId, method: "GET", path: "/x", template: "/x", scenario: null, status, code: null, bodyCodes: [], violations: [], sessionId, state,
});
const coreLog = (id: string): LogLine[] => [
  line("createSession", 200, id),
  line("uploadStatement", 200, id),
  line("getUploadStatus", 200, id, "COMPLETED"),
  line("initiateProcessing", 202, id),
  line("getProgress", 200, id, "processing"),
  line("getProgress", 200, id, "completed"),
  line("getInsights", 200, id),
  line("getSubscribedData", 200, id),
];
const test = (state: TestOutcome["state"], name = "t", note?: string, file = "contract-tests/suite/a.test.ts"): TestOutcome => ({ file, name, state, note, errors: state === "failed" ? ["AssertionError: boom"] : [], durationMs: 1 });
const results = (tests: TestOutcome[]): RunResults => {
  const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
  for (const t of tests) counts[t.state] += 1;
  return { target: null, startedAt: "", durationMs: 1, counts, unhandledErrors: [], tests };
};
const coverage = (natural: number, forced: number, never: number): ErrorCoverage => ({
  rows: [
    ...Array.from({ length: natural }, (_, i) => ({ level: "http" as const, code: `N${i}`, status: "400", operations: [], produced: true, natural: true, example: null })),
    ...Array.from({ length: forced }, (_, i) => ({ level: "http" as const, code: `F${i}`, status: "400", operations: [], produced: true, natural: false, example: null })),
    ...Array.from({ length: never }, (_, i) => ({ level: "http" as const, code: `X${i}`, status: "400", operations: [], produced: false, natural: false, example: null })),
  ],
  totals: { http: { documented: natural + forced + never, produced: natural + forced }, account: { documented: 0, produced: 0 }, statement: { documented: 0, produced: 0 } },
});

describe("verdict", () => {
  it("PASSED (exit 0) only when nothing failed and the core lifecycle ran for one session", () => {
    const j = judge({ results: results([test("passed")]), coverage: coverage(1, 0, 0), log: coreLog("s1") });
    expect([j.verdict, j.exitCode, j.core.sessionId]).toEqual(["PASSED", 0, "s1"]);
  });

  it("FAILED (exit 1) on any failed test, whatever else ran", () => {
    expect(judge({ results: results([test("passed"), test("failed")]), coverage: undefined, log: coreLog("s1") })).toMatchObject({ verdict: "FAILED", exitCode: 1 });
  });

  it("INCOMPLETE (exit 2) when the core lifecycle did not run, naming the missing steps", () => {
    const log = coreLog("s1").filter((l) => l.operationId !== "getSubscribedData");
    const j = judge({ results: results([test("passed"), test("skipped", "u", "needs files")]), coverage: undefined, log });
    expect([j.verdict, j.exitCode]).toEqual(["INCOMPLETE", 2]);
    expect(j.reasons.join(" ")).toContain("subscribed data");
  });

  it("the core lifecycle must be one session's: steps spread over two sessions do not count", () => {
    const log = [...coreLog("s1").slice(0, 4), ...coreLog("s2").slice(4)];
    expect(coreLifecycle(log).ran).toBe(false);
    expect(coreLifecycle(coreLog("s3")).ran).toBe(true);
  });

  it("INCOMPLETE below --min-coverage, PASSED at or above it", () => {
    const base = { results: results([test("passed")]), log: coreLog("s1") };
    expect(judge({ ...base, coverage: coverage(1, 1, 2), minCoverage: 0.6 }).verdict).toBe("INCOMPLETE");
    expect(judge({ ...base, coverage: coverage(1, 1, 2), minCoverage: 0.5 }).verdict).toBe("PASSED");
  });

  it("NOT_JUDGED (exit 2) when the pre-flight stopped the run, with its sentence", () => {
    const j = judge({ results: undefined, coverage: undefined, log: [], notJudged: "Cannot reach x: check BANKCONNECT_BASE_URL." });
    expect([j.verdict, j.exitCode, j.reasons]).toEqual(["NOT_JUDGED", 2, ["Cannot reach x: check BANKCONNECT_BASE_URL."]]);
  });

  it("coverage separates codes produced by a real cause from codes only forced through the scenario header", () => {
    expect(coverageSplit(coverage(3, 2, 1))).toEqual({ documented: 6, natural: 3, forcedOnly: 2 });
  });
});

describe("reports", () => {
  const judged = judge({ results: results([test("passed")]), coverage: coverage(1, 0, 0), log: coreLog("s1") });
  const run = results([test("passed", "a"), test("skipped", "b", "needs the mock control API (scenario)"), test("passed", "m", undefined, "contract-tests/suite/mock-features/f.test.ts")]);
  const drift = new Map([["a", ["[drift] createSession POST /v1/session/ → 200 at /session_id: expected the seeds' form (is required), actual (missing)"]]]);
  const isMockFeature = (f: string) => f.includes("/mock-features/");

  it("JUnit: a skip carries its reason, drift goes to the test's and the run's system-out, mock features sit apart", () => {
    const xml = renderJunit({ results: run, judgement: judged, drift, isMockFeature });
    expect(xml).toContain('<skipped message="needs the mock control API (scenario)"/>');
    expect(xml).toMatch(/<testcase classname="contract-tests\/suite\/a.test.ts" name="a"[^>]*>\s*<system-out>DRIFT/);
    expect(xml).toContain("DRIFT: 1 use(s) of forms only the vendor");
    expect(xml).toContain('name="mock features: contract-tests/suite/mock-features/f.test.ts"');
  });

  it("summary: verdict with exit code, drift section, coverage split, mock-feature line, skips by reason", () => {
    const text = renderSummary({ results: run, coverage: coverage(2, 1, 1), judgement: judged, drift, strict: false, isMockFeature });
    expect(text).toContain("PASSED: the target kept the contract** (exit code 0)");
    expect(text).toContain("## Drift: 1 warning(s)");
    expect(text).toContain("2/4 produced by a real cause; 1 more only forced");
    expect(text).toContain("- mock-feature tests");
    expect(text).toContain("**needs the mock control API (scenario)** (1)");
  });

  it("a property failure leads with the target's answer", () => {
    const msg = "Error: Property failed after 3 tests\n{ seed: 1, path: \"2\" }\nCounterexample: [{}]\nGot error: AssertionError: POST /v1/session/ answered 500 {\"error\":…}";
    expect(propertyFirst(msg).split("\n")[0]).toBe('Property failed; the target answered: AssertionError: POST /v1/session/ answered 500 {"error":…}');
    expect(propertyFirst("AssertionError: x")).toBe("AssertionError: x");
  });

  it("no ANSI colours off a terminal or with NO_COLOR; colours on a TTY", () => {
    const tty = { isTTY: true } as unknown as NodeJS.WritableStream;
    const pipe = {} as NodeJS.WritableStream;
    expect(createStyle(pipe, {}).red("x")).toBe("x");
    expect(createStyle(tty, { NO_COLOR: "1" }).red("x")).toBe("x");
    expect(createStyle(tty, {}).red("x")).toBe("\u001b[31mx\u001b[39m");
  });
});
