/**
 * `tsx contract-tests/selfcheck/run.ts [--only NAME,NAME] [--concurrency N]`: runs the suite
 * against the clean mock and every broken variant, prints the variant table, exits non-zero unless
 * the clean run passes and every variant is caught.
 */
import { parseArgs } from "node:util";
import { renderSelfCheck, runSelfCheck } from "./self-check.js";

const { values } = parseArgs({ options: { only: { type: "string" }, concurrency: { type: "string" } } });
const report = await runSelfCheck({
  ...(values.only ? { only: values.only.split(",").map((s) => s.trim()) } : {}),
  ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
});
process.stdout.write(`${renderSelfCheck(report)}\n\nReport: reports/contract/selfcheck/selfcheck.md\n`);
process.exit(report.ok ? 0 : 1);
