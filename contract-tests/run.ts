#!/usr/bin/env node
/**
 * `npm run contract` and the `bankconnect-contract` executable: the command line over runContract (run-contract.ts). Exit codes: 0 the target
 * kept the contract, 1 it broke it, 2 the run could not judge (pre-flight, misconfiguration, or
 * INCOMPLETE: the core lifecycle did not run or coverage fell below --min-coverage).
 */
import { parseArgs } from "node:util";
import { packageVersion } from "../openapi/lib/assets.js";

const USAGE = [
  "Usage: bankconnect-contract [options] [FILE_FILTER...]   (in this repository: npm run contract -- [options])",
  "",
  "  --base-url URL        the target, e.g. http://127.0.0.1:4010/bank-connect (env BANKCONNECT_BASE_URL; none: the mock in-process)",
  "  --api-key KEY, --server-hash HASH   credentials for a real server (env BANKCONNECT_API_KEY / BANKCONNECT_SERVER_HASH)",
  "  --strict              drift (forms only the vendor's pages document) fails the run",
  "  --min-coverage PCT    share of documented error codes the run must produce (0-100), else INCOMPLETE",
  "  --from-date D --to-date D   session date range for journeys (DD/MM/YYYY; match your statement files)",
  "  --grep PATTERN        only tests whose name matches",
  "  --report-dir DIR      reports (default reports/contract)",
  "  --quiet               no per-test output, only the summary",
  "  --version             the package's version",
  "",
  "Target: BANKCONNECT_BASE_URL (e.g. http://127.0.0.1:4010/bank-connect); unset → the mock in-process.",
  "Credentials: BANKCONNECT_API_KEY, BANKCONNECT_SERVER_HASH (required unless the target is a mock);",
  "             BANKCONNECT_SECOND_API_KEY/_SERVER_HASH: another client, for tenant isolation.",
  "Other: BANKCONNECT_WEBHOOK_URL/_PORT/_SECRET/_TIMEOUT_MS/_RESTORE_URL, BANKCONNECT_SESSION_IDS,",
  "       BANKCONNECT_STATEMENT_FILES, BANKCONNECT_MAX_SESSIONS, BANKCONNECT_POLL_INTERVAL_MS, BANKCONNECT_POLL_BUDGET_MS.",
  "Exit codes: 0 contract kept, 1 contract broken, 2 could not judge (NOT JUDGED or INCOMPLETE).",
  "",
].join("\n");

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      "report-dir": { type: "string" },
      quiet: { type: "boolean", default: false },
      grep: { type: "string" },
      strict: { type: "boolean", default: false },
      "min-coverage": { type: "string" },
      "from-date": { type: "string" },
      "to-date": { type: "string" },
      "base-url": { type: "string" },
      "api-key": { type: "string" },
      "server-hash": { type: "string" },
      version: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
}
try {
  parsed = parse();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (values.version) {
  process.stdout.write(`${packageVersion()}\n`);
  process.exit(0);
}
let minCoverage: number | undefined;
if (values["min-coverage"] !== undefined) {
  const pct = Number(values["min-coverage"].replace(/%$/, ""));
  if (!Number.isFinite(pct) || pct < 0 || pct > 100) {
    process.stderr.write(`--min-coverage takes a percentage from 0 to 100, got ${JSON.stringify(values["min-coverage"])}\n`);
    process.exit(2);
  }
  minCoverage = pct / 100;
}

// Flags win over their variables; runContract reads the target from this environment.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  ...(values["base-url"] !== undefined ? { BANKCONNECT_BASE_URL: values["base-url"] } : {}),
  ...(values["api-key"] !== undefined ? { BANKCONNECT_API_KEY: values["api-key"] } : {}),
  ...(values["server-hash"] !== undefined ? { BANKCONNECT_SERVER_HASH: values["server-hash"] } : {}),
};
// Loaded after parsing, so --help and --version cost no suite start-up.
const { runContract } = await import("./run-contract.js");
const run = await runContract({
  env,
  files: positionals,
  strict: values.strict,
  progress: values.quiet ? "none" : "default",
  out: process.stdout,
  ...(values["report-dir"] !== undefined ? { reportDir: values["report-dir"] } : {}),
  ...(values.grep !== undefined ? { grep: values.grep } : {}),
  ...(minCoverage !== undefined ? { minCoverage } : {}),
  ...(values["from-date"] !== undefined ? { fromDate: values["from-date"] } : {}),
  ...(values["to-date"] !== undefined ? { toDate: values["to-date"] } : {}),
});
if (run.judgement.verdict === "NOT_JUDGED") process.stderr.write(`${run.judgement.reasons[0]}\n`);
process.exit(run.exitCode);
