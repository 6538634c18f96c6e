/**
 * Parity mode: the same suite against two servers, then every difference in test outcome, status,
 * error code and schema outcome, written to reports/contract/parity.md. `mock` as a URL means the
 * mock started in-process.
 *
 *   tsx contract-tests/parity.ts --a URL|mock --b URL|mock   (or PARITY_A / PARITY_B)
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "../openapi/lib/index.js";
import { parityDifferences, renderParity } from "./reporting/parity-diff.js";
import { readExchangeLog, readResults } from "./reporting/run-results.js";

const { values, positionals } = parseArgs({
  options: { a: { type: "string" }, b: { type: "string" }, "report-dir": { type: "string" } },
  allowPositionals: true,
});
const urlA = values.a ?? process.env.PARITY_A;
const urlB = values.b ?? process.env.PARITY_B;
if (!urlA || !urlB) {
  process.stderr.write("Usage: tsx contract-tests/parity.ts --a URL|mock --b URL|mock [FILE_FILTER...]\n");
  process.exit(2);
}
for (const url of [urlA, urlB]) {
  if (url !== "mock" && !/^https?:\/\/[^\s]+$/.test(url)) {
    process.stderr.write(`parity: ${JSON.stringify(url)} is neither an http(s) base URL nor "mock"\n`);
    process.exit(2);
  }
}
const reportDir = resolve(values["report-dir"] ?? join(REPO_ROOT, "reports/contract"));

/** Side-specific credentials (PARITY_A_API_KEY, …) override the shared BANKCONNECT_* ones. */
function envFor(side: "A" | "B", url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url === "mock") delete env.BANKCONNECT_BASE_URL;
  else env.BANKCONNECT_BASE_URL = url;
  for (const name of ["API_KEY", "SERVER_HASH", "WEBHOOK_URL", "WEBHOOK_PORT", "WEBHOOK_SECRET", "STATEMENT_FILES", "SESSION_IDS"]) {
    const specific = process.env[`PARITY_${side}_${name}`];
    if (specific !== undefined) env[`BANKCONNECT_${name}`] = specific;
  }
  return env;
}

function runSide(side: "A" | "B", url: string): Promise<string> {
  const dir = join(reportDir, "parity", side.toLowerCase());
  const args = ["--import", "tsx", resolve(REPO_ROOT, "contract-tests/run.ts"), "--quiet", "--report-dir", dir, ...positionals];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: envFor(side, url), stdio: ["ignore", "ignore", "inherit"] });
    child.on("close", () => done(dir));
  });
}

// One side at a time: two runs would compete for the same webhook port or remote tenant.
const dirA = await runSide("A", urlA);
const dirB = await runSide("B", urlB);
const a = { results: readResults(dirA), log: readExchangeLog(dirA) };
const b = { results: readResults(dirB), log: readExchangeLog(dirB) };
const diffs = parityDifferences(a, b);
mkdirSync(reportDir, { recursive: true });
const report = renderParity(urlA, urlB, diffs, a.results, b.results);
writeFileSync(join(reportDir, "parity.md"), `${report}\n`);
process.stdout.write(`${report.split("\n").slice(0, 40).join("\n")}\n\nReport: ${join(reportDir, "parity.md")}\n`);
process.exit(diffs.length === 0 ? 0 : 1);
