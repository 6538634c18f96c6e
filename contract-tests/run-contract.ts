/**
 * The contract run as a function: pre-flight, the suite (vitest) against BANKCONNECT_BASE_URL or an
 * in-process mock, then the verdict and the reports. `run.ts` (and the `bankconnect-contract` bin)
 * are thin command lines over `runContract`.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { preflight, type PreflightResult } from "./lib/preflight.js";
import type { ErrorCoverage } from "./reporting/error-coverage.js";
import { renderJunit } from "./reporting/junit.js";
import { EXCHANGES_DIR, readExchangeLog, RESULTS_FILE, TARGETS_DIR, type RunResults } from "./reporting/run-results.js";
import { createStyle } from "./reporting/style.js";
import { driftByTest, renderSummary } from "./reporting/summary.js";
import { judge, type Judgement } from "./reporting/verdict.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** Under the working directory: an installed copy must never write into node_modules. */
export const DEFAULT_REPORT_DIR = resolve("reports/contract");
/** The suite's vitest config beside this file: `.ts` in the sources, `.js` in dist/ (the installed package). */
export const SUITE_CONFIG = join(HERE, `vitest.config${extname(fileURLToPath(import.meta.url))}`);
/** The directory the config's `contract-tests/suite/**` globs are relative to: the repository, or dist/. */
const SUITE_ROOT = resolve(HERE, "..");
export const VERDICT_FILE = "verdict.json";
/** Suite files that prove the mock obeys its own x-mock-scenario header, reported apart from the contract. */
export const MOCK_FEATURE_DIR = "contract-tests/suite/mock-features/";

export const isMockFeature = (file: string): boolean => file.includes(MOCK_FEATURE_DIR);

export interface RunContractOptions {
  /** Where the reports go (default reports/contract). */
  reportDir?: string;
  /** Suite file filters, as vitest takes them. */
  files?: string[];
  /** Only tests whose name matches. */
  grep?: string;
  /** Drift fails the run. */
  strict?: boolean;
  /** Share (0..1) of documented error codes the run must produce, else INCOMPLETE. */
  minCoverage?: number;
  /** Session date range for journeys, DD/MM/YYYY. */
  fromDate?: string;
  toDate?: string;
  /** Environment to read the target from (default process.env); copied into the workers'. */
  env?: NodeJS.ProcessEnv;
  /** Where human-readable output goes; nothing is printed when absent. */
  out?: NodeJS.WritableStream;
  /** vitest's own per-test output ("default"), dots, or none. */
  progress?: "default" | "dot" | "none";
}

export interface ContractRun {
  judgement: Judgement;
  exitCode: 0 | 1 | 2;
  preflight: PreflightResult;
  results: RunResults | undefined;
  coverage: ErrorCoverage | undefined;
  drift: Map<string, string[]>;
  summary: string;
  reportDir: string;
}

function applyEnv(options: RunContractOptions, reportDir: string): void {
  const env = options.env ?? process.env;
  // Workers inherit process.env: this is how they find the target, the report dir and the budget.
  for (const [k, v] of Object.entries(env)) if (k.startsWith("BANKCONNECT_") || k === "NO_COLOR") process.env[k] = v;
  if (options.fromDate !== undefined) process.env.BANKCONNECT_FROM_DATE = options.fromDate;
  if (options.toDate !== undefined) process.env.BANKCONNECT_TO_DATE = options.toDate;
  process.env.CONTRACT_STRICT = options.strict ? "1" : "";
  process.env.CONTRACT_REPORT_DIR = reportDir;
  process.env.CONTRACT_BUDGET_FILE = join(reportDir, ".session-budget");
}

export async function runContract(options: RunContractOptions = {}): Promise<ContractRun> {
  const reportDir = resolve(options.reportDir ?? DEFAULT_REPORT_DIR);
  mkdirSync(reportDir, { recursive: true });
  // Clear old results first, so no caller can mistake a previous run's results for this one's.
  for (const stale of [EXCHANGES_DIR, TARGETS_DIR, RESULTS_FILE, VERDICT_FILE, "summary.md", "junit.xml", ".session-budget"]) {
    const path = join(reportDir, stale);
    if (existsSync(path)) rmSync(path, { recursive: true, force: true });
  }
  applyEnv(options, reportDir);
  const style = createStyle(options.out);
  const say = (text: string) => options.out?.write(`${text}\n`);

  const preflightStarted = Date.now();
  const checked = await preflight();
  for (const note of checked.notes) say(style.dim(`pre-flight: ${note}`));
  if (!checked.ok) say(style.dim(`pre-flight: stopped after ${((Date.now() - preflightStarted) / 1000).toFixed(1)} s`));

  let results: RunResults | undefined;
  let coverage: ErrorCoverage | undefined;
  if (checked.ok) {
    // Loaded only now: a run the pre-flight stops never pays for starting vitest.
    const { startVitest } = await import("vitest/node");
    const { ContractReporter } = await import("./reporting/contract-reporter.js");
    const reporter = new ContractReporter({ reportDir, root: SUITE_ROOT });
    const progress = options.progress ?? "default";
    const vitest = await startVitest("test", options.files ?? [], {
      config: SUITE_CONFIG,
      // Compiled configs are imported as they are (no bundling, no temp file beside an installed package).
      ...(SUITE_CONFIG.endsWith(".js") ? { configLoader: "native" as const } : {}),
      root: SUITE_ROOT,
      // No results cache: it would be written under the root, i.e. inside an installed package.
      cache: false,
      run: true,
      watch: false,
      reporters: [...(progress === "none" ? [] : [progress]), reporter],
      ...(options.grep !== undefined ? { testNamePattern: options.grep } : {}),
    });
    await vitest.close();
    results = reporter.results;
    coverage = reporter.coverage;
  }

  const log = readExchangeLog(reportDir);
  const judgement = judge({
    results,
    coverage,
    log,
    ...(checked.ok ? {} : { notJudged: checked.problem ?? "pre-flight failed" }),
    ...(options.minCoverage !== undefined ? { minCoverage: options.minCoverage } : {}),
  });
  const drift = driftByTest(log);
  const strict = options.strict ?? false;
  const emptyResults: RunResults = { target: null, startedAt: new Date().toISOString(), durationMs: 0, counts: { passed: 0, failed: 0, skipped: 0, pending: 0 }, unhandledErrors: [], tests: [] };
  const summary = renderSummary({ results: results ?? emptyResults, coverage: coverage ?? null, judgement, drift, strict, isMockFeature });
  writeFileSync(join(reportDir, "summary.md"), `${summary}\n`);
  writeFileSync(join(reportDir, "junit.xml"), renderJunit({ results: results ?? emptyResults, judgement, drift, isMockFeature }));
  writeFileSync(join(reportDir, VERDICT_FILE), `${JSON.stringify({ verdict: judgement.verdict, exitCode: judgement.exitCode, reasons: judgement.reasons, core: judgement.core, preflight: checked }, null, 2)}\n`);

  if (options.out) {
    const colour = judgement.verdict === "PASSED" ? style.green : judgement.verdict === "FAILED" ? style.red : style.yellow;
    say("");
    say(summary.replace(/^\*\*(.+)\*\*(.*)$/m, (_m, head: string, rest: string) => colour(style.bold(head)) + rest));
    say(`Reports: ${relative(process.cwd(), reportDir) || "."}/{summary.md,junit.xml,verdict.json,error-coverage.md,error-coverage.json}`);
  }
  return { judgement, exitCode: judgement.exitCode, preflight: checked, results, coverage, drift, summary, reportDir };
}
