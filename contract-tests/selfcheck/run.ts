/**
 * `tsx contract-tests/selfcheck/run.ts [--full] [--only NAME,NAME] [--concurrency N]`: runs the
 * suite against the clean mock and every broken variant (with --full, the whole suite against each;
 * `npm run selfcheck`), prints the variant table and the mutation score, exits non-zero unless the
 * clean run passes and every variant is caught.
 */
import { parseArgs } from "node:util";
import { renderSelfCheck, runSelfCheck } from "./self-check.js";

const { values } = parseArgs({ options: { only: { type: "string" }, concurrency: { type: "string" }, full: { type: "boolean", default: false } } });
const report = await runSelfCheck({
  full: values.full,
  ...(values.only ? { only: values.only.split(",").map((s) => s.trim()) } : {}),
  ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
});
process.stdout.write(`${renderSelfCheck(report)}\n\nReport: reports/contract/selfcheck/selfcheck.md\n`);
process.exit(report.ok ? 0 : 1);
