/** The human-readable account of a run: console text and summary.md share one renderer. */
import type { ErrorCoverage } from "./error-coverage.js";
import type { RunResults } from "./run-results.js";

const SKIPPED_SHOWN = 5;

export function renderSummary(results: RunResults, coverage: ErrorCoverage | null): string {
  const { counts, target } = results;
  const verdict = counts.failed > 0 || results.unhandledErrors.length > 0 ? "FAILED: the target breaks the contract" : "PASSED: no contract violations";
  const lines = [
    "# BankConnect contract run",
    "",
    `**${verdict}**`,
    "",
    `- target: ${target ? target.baseUrl : "(unknown: no test reached the target)"}`,
    `- mock control API: ${target?.mockControl ?? "none (scenario and clock tests skipped)"}`,
    `- session cap: ${target ? (target.sessionCap ?? "unlimited") : "?"}`,
    `- tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${(results.durationMs / 1000).toFixed(1)} s)`,
  ];
  if (coverage) {
    const t = coverage.totals;
    lines.push(`- error codes produced: HTTP ${t.http.produced}/${t.http.documented}, account-level ${t.account.produced}/${t.account.documented}, statement-level ${t.statement.produced}/${t.statement.documented} (error-coverage.md)`);
  }
  lines.push("");

  const failed = results.tests.filter((t) => t.state === "failed");
  if (failed.length > 0) {
    lines.push("## Failed", "");
    for (const t of failed) {
      lines.push(`### ${t.file} › ${t.name}`, "", "```", ...t.errors.flatMap((e) => e.split("\n").slice(0, 12)), "```", "");
    }
  }
  if (results.unhandledErrors.length > 0) {
    lines.push("## Errors outside tests", "", "```", ...results.unhandledErrors, "```", "");
  }
  const skipped = results.tests.filter((t) => t.state === "skipped");
  if (skipped.length > 0) {
    // One capability usually skips many tests; group them so the reasons stay readable.
    const byReason = new Map<string, string[]>();
    for (const t of skipped) {
      const reason = t.note ?? "(no reason given)";
      byReason.set(reason, [...(byReason.get(reason) ?? []), `${t.file.replace(/^contract-tests\/suite\//, "")} › ${t.name}`]);
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
