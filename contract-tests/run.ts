/**
 * `npm run contract`: runs the contract suite against BANKCONNECT_BASE_URL, or against the mock
 * started in-process when it is unset, and writes the reports under reports/contract/. Exits
 * non-zero when the target breaks the contract (any failed test or error outside a test).
 *
 *   tsx contract-tests/run.ts [--report-dir DIR] [--quiet] [--grep PATTERN] [FILE_FILTER...]
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { startVitest } from "vitest/node";
import { REPO_ROOT } from "../mock/spec/index.js";
import { readTargetEnv } from "./lib/env.js";
import { ContractReporter } from "./reporting/contract-reporter.js";
import { EXCHANGES_DIR, RESULTS_FILE, TARGETS_DIR } from "./reporting/run-results.js";

export const DEFAULT_REPORT_DIR = resolve(REPO_ROOT, "reports/contract");
export const SUITE_CONFIG = resolve(REPO_ROOT, "contract-tests/vitest.config.ts");

const { values, positionals } = parseArgs({
  options: {
    "report-dir": { type: "string" },
    quiet: { type: "boolean", default: false },
    grep: { type: "string" },
    help: { type: "boolean", default: false },
  },
  allowPositionals: true,
});

if (values.help) {
  process.stdout.write(
    [
      "Usage: tsx contract-tests/run.ts [--report-dir DIR] [--quiet] [--grep PATTERN] [FILE_FILTER...]",
      "",
      "Target: BANKCONNECT_BASE_URL (e.g. http://127.0.0.1:4010/bank-connect); unset → the mock in-process.",
      "Credentials: BANKCONNECT_API_KEY, BANKCONNECT_SERVER_HASH (required unless the target is a mock).",
      "Other: BANKCONNECT_WEBHOOK_URL/_PORT/_SECRET/_TIMEOUT_MS, BANKCONNECT_SESSION_IDS, BANKCONNECT_STATEMENT_FILES,",
      "       BANKCONNECT_MAX_SESSIONS, BANKCONNECT_POLL_INTERVAL_MS, BANKCONNECT_POLL_BUDGET_MS.",
      "",
    ].join("\n"),
  );
  process.exit(0);
}

const reportDir = resolve(values["report-dir"] ?? DEFAULT_REPORT_DIR);
mkdirSync(reportDir, { recursive: true });
for (const stale of [EXCHANGES_DIR, TARGETS_DIR, RESULTS_FILE, ".session-budget"]) {
  const path = join(reportDir, stale);
  if (existsSync(path)) rmSync(path, { recursive: true, force: true });
}
// Fail on a malformed environment before any worker starts (after clearing old results, so no
// caller can mistake a previous run's results for this one's).
readTargetEnv();
// Workers inherit the environment: this is how they find the report dir and the shared session count.
process.env.CONTRACT_REPORT_DIR = reportDir;
process.env.CONTRACT_BUDGET_FILE = join(reportDir, ".session-budget");

const reporter = new ContractReporter({ reportDir, root: REPO_ROOT, print: !values.quiet });
const vitest = await startVitest("test", positionals, {
  config: SUITE_CONFIG,
  root: REPO_ROOT,
  run: true,
  watch: false,
  reporters: [values.quiet ? "dot" : "default", ["junit", { outputFile: join(reportDir, "junit.xml") }], reporter],
  ...(values.grep !== undefined ? { testNamePattern: values.grep } : {}),
});
await vitest.close();

const results = reporter.results;
const ran = results ? results.counts.passed + results.counts.failed : 0;
const broken = !results || results.counts.failed > 0 || results.unhandledErrors.length > 0 || ran === 0;
process.exit(broken ? 1 : 0);
