/**
 * A vitest reporter that turns a suite run into data: results.json (for self-check and parity)
 * and error-coverage.md/.json. It reads the exchange logs the workers
 * wrote, so it sees every response regardless of which worker received it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { SerializedError } from "vitest";
import type { Reporter, TestModule } from "vitest/node";
import { getErrorCatalogue } from "../lib/error-catalogue.js";
import { buildErrorCoverage, renderErrorCoverage, type ErrorCoverage } from "./error-coverage.js";
import { readExchangeLog, readTargetInfo, RESULTS_FILE, type RunResults, type TestOutcome, type TestState } from "./run-results.js";

export interface ContractReporterOptions {
  reportDir: string;
  root: string;
}

const MAX_ERROR_CHARS = 4_000;

/**
 * fast-check puts the counterexample first and the failed assertion (which names the target's
 * answer) last; summaries show an error's first lines, so lead with what the target answered.
 */
export function propertyFirst(message: string): string {
  const at = message.indexOf("Got error:");
  if (!message.includes("Property failed") || at < 0) return message;
  const answer = message.slice(at + "Got error:".length).trim();
  return `Property failed; the target answered: ${answer}\n${message.slice(0, at).trim()}`;
}

export class ContractReporter implements Reporter {
  private started = Date.now();
  results: RunResults | undefined;
  coverage: ErrorCoverage | undefined;

  constructor(private readonly options: ContractReporterOptions) {}

  onTestRunStart(): void {
    this.started = Date.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const tests: TestOutcome[] = [];
    for (const mod of modules) {
      const file = relative(this.options.root, mod.moduleId);
      for (const test of mod.children.allTests()) {
        const result = test.result();
        const errors = (result.errors ?? []).map((e) => propertyFirst(`${e.name ?? "Error"}: ${e.message}`).slice(0, MAX_ERROR_CHARS));
        tests.push({
          file,
          name: test.fullName,
          state: result.state as TestState,
          note: result.state === "skipped" ? result.note : undefined,
          errors,
          durationMs: test.diagnostic()?.duration ?? 0,
        });
      }
      // A file that fails before its tests run (an import or hook error) has no test to carry it.
      for (const e of mod.errors()) {
        tests.push({ file, name: "(file)", state: "failed", note: undefined, errors: [`${e.name ?? "Error"}: ${e.message}`], durationMs: 0 });
      }
    }
    const counts: Record<TestState, number> = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const t of tests) counts[t.state] += 1;
    const { reportDir } = this.options;
    const results: RunResults = {
      target: readTargetInfo(reportDir),
      startedAt: new Date(this.started).toISOString(),
      durationMs: Date.now() - this.started,
      counts,
      unhandledErrors: unhandledErrors.map((e) => `${e.name ?? "Error"}: ${e.message}`),
      tests,
    };
    const coverage = buildErrorCoverage(getErrorCatalogue(), readExchangeLog(reportDir));
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(join(reportDir, RESULTS_FILE), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(reportDir, "error-coverage.json"), `${JSON.stringify(coverage, null, 2)}\n`);
    writeFileSync(join(reportDir, "error-coverage.md"), `${renderErrorCoverage(coverage)}\n`);
    // The verdict, summary and JUnit file are written by run-contract.ts, which also knows the pre-flight.
    this.results = results;
    this.coverage = coverage;
  }
}
