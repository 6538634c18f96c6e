/** The human-readable account of a run: console text and summary.md share one renderer. */
import type { ErrorCoverage } from "./error-coverage.js";
import type { RunResults, TestOutcome } from "./run-results.js";
import { coverageSplit, type Judgement } from "./verdict.js";

const SKIPPED_SHOWN = 5;
const DRIFT_SHOWN = 30;

export interface SummaryInput {
  results: RunResults;
  coverage: ErrorCoverage | null;
  judgement: Judgement;
  /** Drift lines per test full name. */
  drift: Map<string, string[]>;
  strict: boolean;
  isMockFeature(file: string): boolean;
}

const HEADLINE: Record<Judgement["verdict"], string> = {
  PASSED: "PASSED: the target kept the contract",
  FAILED: "FAILED: the target breaks the contract",
  INCOMPLETE: "INCOMPLETE: the run did not exercise enough to judge",
  NOT_JUDGED: "NOT JUDGED: the run could not start",
};

const short = (t: TestOutcome): string => `${t.file.replace(/^contract-tests\/suite\//, "")} › ${t.name}`;

function counts(tests: TestOutcome[]): string {
  const n = (s: string) => tests.filter((t) => t.state === s).length;
  return `${n("passed")} passed, ${n("failed")} failed, ${n("skipped")} skipped`;
}

export function renderSummary(input: SummaryInput): string {
  const { results, coverage, judgement, drift } = input;
  const { target } = results;
  const contractTests = results.tests.filter((t) => !input.isMockFeature(t.file));
  const mockTests = results.tests.filter((t) => input.isMockFeature(t.file));
  const driftCount = [...drift.values()].reduce((a, l) => a + l.length, 0);
  const lines = [
    "# BankConnect contract run",
    "",
    `**${HEADLINE[judgement.verdict]}** (exit code ${judgement.exitCode})`,
    "",
    ...judgement.reasons.map((r) => `- ${r}`),
    "",
    `- target: ${target ? target.baseUrl : "(unknown: no test reached the target)"}`,
    `- mock control API: ${target?.mockControl ?? "none (scenario and clock tests skipped)"}`,
    `- session cap: ${target ? (target.sessionCap ?? "unlimited") : "?"}`,
    `- contract tests: ${counts(contractTests)} (${(results.durationMs / 1000).toFixed(1)} s)`,
  ];
  if (mockTests.length > 0) lines.push(`- mock-feature tests (the mock obeying its own x-mock-scenario header; not part of the verdict's contract claim): ${counts(mockTests)}`);
  if (coverage) {
    const split = coverageSplit(coverage);
    lines.push(
      `- error codes: ${split.natural}/${split.documented} produced by a real cause; ${split.forcedOnly} more only forced through the mock's x-mock-scenario header; ${split.documented - split.natural - split.forcedOnly} never produced (error-coverage.md)`,
    );
  }
  lines.push(`- drift: ${driftCount === 0 ? "none" : `${driftCount} use(s) of vendor-pages-only forms${input.strict ? " (failures: --strict)" : " (warnings; --strict makes them failures)"}`}`, "");

  const failed = results.tests.filter((t) => t.state === "failed");
  if (failed.length > 0) {
    lines.push("## Failed", "");
    for (const t of failed) {
      lines.push(`### ${t.file} › ${t.name}`, "", "```", ...t.errors.flatMap((e) => e.split("\n").slice(0, 12)), "```", "");
    }
  }
  if (results.unhandledErrors.length > 0) lines.push("## Errors outside tests", "", "```", ...results.unhandledErrors, "```", "");
  if (driftCount > 0) {
    lines.push(`## Drift: ${driftCount} warning(s)`, "", "The target answered in a form only the vendor's newer pages document (the spec marks it `x-drift`); the seeds, and the mock, use another. Clients written against the seeds may not expect it.", "");
    let shown = 0;
    for (const [test, entries] of drift) {
      if (shown >= DRIFT_SHOWN) break;
      lines.push(`- ${test}`);
      for (const e of entries.slice(0, 5)) lines.push(`  - ${e}`);
      if (entries.length > 5) lines.push(`  - … and ${entries.length - 5} more`);
      shown += 1;
    }
    if (drift.size > DRIFT_SHOWN) lines.push(`- … and ${drift.size - DRIFT_SHOWN} more tests (junit.xml lists all)`);
    lines.push("");
  }
  const skipped = results.tests.filter((t) => t.state === "skipped");
  if (skipped.length > 0) {
    // One capability usually skips many tests; group them so the reasons stay readable.
    const byReason = new Map<string, string[]>();
    for (const t of skipped) {
      const reason = t.note ?? "(no reason given: a bug in the suite)";
      byReason.set(reason, [...(byReason.get(reason) ?? []), short(t)]);
    }
    lines.push(`## Skipped: ${skipped.length} test(s), by reason`, "");
    for (const [reason, tests] of byReason) {
      lines.push(`- **${reason}** (${tests.length})`);
      for (const t of tests.slice(0, SKIPPED_SHOWN)) lines.push(`  - ${t}`);
      if (tests.length > SKIPPED_SHOWN) lines.push(`  - … and ${tests.length - SKIPPED_SHOWN} more (results.json lists all)`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** Drift lines of the run, per test (its full name), from the exchange log. */
export function driftByTest(log: ReadonlyArray<{ test: string; drift?: string[] }>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of log) {
    if (!line.drift || line.drift.length === 0) continue;
    const key = line.test;
    out.set(key, [...(out.get(key) ?? []), ...line.drift]);
  }
  return out;
}
