/**
 * What a run means, as data: PASSED only when the target kept the contract AND the run exercised
 * enough of it to say so. A run that could not judge (misconfiguration, unreachable target, core
 * lifecycle not run, coverage below the floor asked for) is never reported as passed.
 */
import type { LogLine } from "../lib/recorder.js";
import type { ErrorCoverage } from "./error-coverage.js";
import type { RunResults } from "./run-results.js";

export type Verdict = "PASSED" | "FAILED" | "INCOMPLETE" | "NOT_JUDGED";

/** 0 contract kept, 1 contract broken, 2 the run could not judge. */
export const EXIT_CODES: Record<Verdict, 0 | 1 | 2> = { PASSED: 0, FAILED: 1, INCOMPLETE: 2, NOT_JUDGED: 2 };

/** The core lifecycle, step by step: each needs a 2xx (and, where named, the state) for one session. */
export const CORE_STEPS: ReadonlyArray<{ step: string; operations: string[]; status: number; state?: string }> = [
  { step: "create session", operations: ["createSession"], status: 200 },
  { step: "upload a statement", operations: ["uploadStatement"], status: 200 },
  { step: "upload status COMPLETED", operations: ["getUploadStatus", "getSessionUploadStatus"], status: 200, state: "COMPLETED" },
  { step: "initiate processing", operations: ["initiateProcessing"], status: 202 },
  { step: "progress completed", operations: ["getProgress"], status: 200, state: "completed" },
  { step: "insights", operations: ["getInsights"], status: 200 },
  { step: "subscribed data", operations: ["getSubscribedData"], status: 200 },
];

export interface CoreLifecycle {
  ran: boolean;
  /** A session that went through every step, when one did. */
  sessionId: string | null;
  /** For the session that got furthest: the steps it never reached. */
  missing: string[];
}

export function coreLifecycle(log: readonly LogLine[]): CoreLifecycle {
  const bySession = new Map<string, LogLine[]>();
  for (const line of log) {
    if (line.kind !== "http" || !line.sessionId) continue;
    bySession.set(line.sessionId, [...(bySession.get(line.sessionId) ?? []), line]);
  }
  let best: { sessionId: string | null; missing: string[] } = { sessionId: null, missing: CORE_STEPS.map((s) => s.step) };
  for (const [sessionId, lines] of bySession) {
    const missing = CORE_STEPS.filter(
      (s) => !lines.some((l) => s.operations.includes(l.operationId) && l.status === s.status && (s.state === undefined || l.state === s.state)),
    ).map((s) => s.step);
    if (missing.length < best.missing.length) best = { sessionId, missing };
    if (missing.length === 0) return { ran: true, sessionId, missing: [] };
  }
  return { ran: false, sessionId: null, missing: best.missing };
}

export interface CoverageSplit {
  documented: number;
  /** Produced by a request that did not ask the mock's scenario header for it. */
  natural: number;
  /** Produced only through `x-mock-scenario` (the mock obeying its header, not a real cause). */
  forcedOnly: number;
}

export function coverageSplit(coverage: ErrorCoverage): CoverageSplit {
  const rows = coverage.rows;
  return {
    documented: rows.length,
    natural: rows.filter((r) => r.produced && r.natural).length,
    forcedOnly: rows.filter((r) => r.produced && !r.natural).length,
  };
}

export interface JudgeInput {
  results: RunResults | undefined;
  coverage: ErrorCoverage | undefined;
  log: readonly LogLine[];
  /** Set when the pre-flight or the configuration stopped the run before any test. */
  notJudged?: string;
  /** Share (0..1) of documented codes the run must produce, natural or forced. */
  minCoverage?: number;
}

export interface Judgement {
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
  /** One sentence per reason, most important first. */
  reasons: string[];
  core: CoreLifecycle;
}

export function judge(input: JudgeInput): Judgement {
  const core = coreLifecycle(input.log);
  const out = (verdict: Verdict, reasons: string[]): Judgement => ({ verdict, exitCode: EXIT_CODES[verdict], reasons, core });
  if (input.notJudged !== undefined) return out("NOT_JUDGED", [input.notJudged]);
  const { results } = input;
  if (!results) return out("NOT_JUDGED", ["the test run produced no results (see the output above)"]);
  const contractFailures = results.tests.filter((t) => t.state === "failed");
  if (contractFailures.length > 0 || results.unhandledErrors.length > 0) {
    return out("FAILED", [`${contractFailures.length} test(s) failed${results.unhandledErrors.length > 0 ? ` and ${results.unhandledErrors.length} error(s) happened outside tests` : ""}: the target breaks the contract`]);
  }
  const reasons: string[] = [];
  if (results.counts.passed === 0) reasons.push("no test ran to completion");
  if (!core.ran) reasons.push(`the core lifecycle (create → upload → COMPLETED → initiate → completed → insights and subscribed_data) did not run for any session; missing: ${core.missing.join(", ")}`);
  if (input.minCoverage !== undefined && input.coverage) {
    const split = coverageSplit(input.coverage);
    const share = split.documented === 0 ? 1 : (split.natural + split.forcedOnly) / split.documented;
    if (share < input.minCoverage) {
      reasons.push(`${(share * 100).toFixed(1)}% of the documented error codes were produced, below --min-coverage ${(input.minCoverage * 100).toFixed(1)}%`);
    }
  }
  return reasons.length > 0 ? out("INCOMPLETE", reasons) : out("PASSED", ["no contract violations, and the core lifecycle ran"]);
}
