/**
 * Proof that the suite has teeth: run it against a clean mock (it must pass) and against each
 * broken variant (it must fail), each in its own child run of run.ts, exactly as a user would.
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { REPO_ROOT } from "../../openapi/lib/index.js";
import { loadPdfjs, startInProcessMock } from "../lib/in-process-mock.js";
import { readResults, type RunResults } from "../reporting/run-results.js";
import { startMutatingProxy, type Mutation } from "./mutating-proxy.js";
import { VARIANTS, type Variant } from "./variants.js";

const RUN_TS = resolve(REPO_ROOT, "contract-tests/run.ts");

export interface RunOutcome {
  name: string;
  breaks: string;
  /** Times the proxy changed a response or webhook; 0 means the variant was never exercised. */
  applied: number;
  passed: number;
  failedTests: string[];
  /** Which checks fired: violation rules (`[schema]`, …) and assertion kinds. */
  detectedBy: string[];
  durationMs: number;
  /** Set when the child run produced no results (crash, bad config). */
  error: string | undefined;
}

export interface SelfCheckReport {
  clean: RunOutcome;
  variants: Array<RunOutcome & { caught: boolean; kind: Variant["kind"] }>;
  ok: boolean;
  /** Whole suite against every variant (true) or only the tests that target it (quick). */
  full: boolean;
  /** Variants caught / variants run: the share of deliberate breakages the suite detects. */
  mutationScore: { caught: number; total: number; byKind: Record<Variant["kind"], { caught: number; total: number }> };
  durationMs: number;
}

export interface SelfCheckOptions {
  reportDir?: string;
  /** Child runs at a time. */
  concurrency?: number;
  /** Only these variants (by name). */
  only?: string[];
  /** Run the whole suite against every variant instead of the tests that target it. */
  full?: boolean;
}

const RULE = /\[(status|content-type|json|schema|envelope|error-code|webhook|behaviour|drift|balance-chain|monthly-sums|top-credits-debits|eod-balances|salary|insights-vs-subscribed|same-session|upload-status-endpoints|upload-vs-status|progress-vs-upload|session-status-vs-upload|account-error-code|statement-error-code|enriched-vs-status|webhook-vs-state)\]/g;

function detectedBy(results: RunResults): string[] {
  const kinds = new Set<string>();
  for (const t of results.tests.filter((x) => x.state === "failed")) {
    for (const e of t.errors) {
      for (const m of e.matchAll(RULE)) kinds.add(m[1]);
      if (e.startsWith("AssertionError")) kinds.add("assertion");
      if (e.startsWith("PollingRuleError")) kinds.add("polling rule");
      if (e.startsWith("SemanticError")) kinds.add("semantics");
      if (e.includes("Property failed")) kinds.add("property");
    }
  }
  return [...kinds].sort();
}

/** The child must not think it is a vitest worker of ours when the self-check runs inside vitest. */
function childEnv(baseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("VITEST") && !k.startsWith("BANKCONNECT_") && !k.startsWith("CONTRACT_")) env[k] = v;
  env.BANKCONNECT_BASE_URL = baseUrl;
  env.NODE_ENV = "test";
  return env;
}

function runSuite(baseUrl: string, reportDir: string, files: string[], grep: string | undefined): Promise<{ results: RunResults | undefined; output: string }> {
  const args = ["--import", "tsx", RUN_TS, "--quiet", "--report-dir", reportDir, ...(grep !== undefined ? ["--grep", grep] : []), ...files];
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: childEnv(baseUrl), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("close", () => {
      let results: RunResults | undefined;
      try {
        results = readResults(reportDir);
      } catch {
        results = undefined;
      }
      resolvePromise({ results, output });
    });
  });
}

async function runAgainst(name: string, breaks: string, mutation: Mutation, files: string[], grep: string | undefined, reportRoot: string): Promise<RunOutcome> {
  const started = Date.now();
  // One mock per run: the mock's clock is global, so runs must not share one.
  const mock = await startInProcessMock({ seed: `selfcheck-${name}` });
  const proxy = await startMutatingProxy(mock.baseUrl, mutation);
  const dir = join(reportRoot, name);
  rmSync(dir, { recursive: true, force: true });
  try {
    const { results, output } = await runSuite(proxy.baseUrl, dir, files, grep);
    return {
      name,
      breaks,
      applied: proxy.applied(),
      passed: results?.counts.passed ?? 0,
      failedTests: results ? results.tests.filter((t) => t.state === "failed").map((t) => `${t.file.replace(/^contract-tests\/suite\//, "")} › ${t.name}`) : [],
      detectedBy: results ? detectedBy(results) : [],
      durationMs: Date.now() - started,
      error: results ? undefined : `no results; child output:\n${output.slice(-2000)}`,
    };
  } finally {
    await proxy.close();
    await mock.close();
  }
}

async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  });
  await Promise.all(lanes);
  return out;
}

export async function runSelfCheck(options: SelfCheckOptions = {}): Promise<SelfCheckReport> {
  const started = Date.now();
  const reportRoot = resolve(options.reportDir ?? join(REPO_ROOT, "reports/contract/selfcheck"));
  mkdirSync(reportRoot, { recursive: true });
  const variants: Variant[] = options.only ? VARIANTS.filter((v) => options.only?.includes(v.name)) : VARIANTS;
  const jobs: Array<{ variant: Variant | null }> = [{ variant: null }, ...variants.map((variant) => ({ variant }))];
  // The mocks of every run share this process: load the PDF reader once, up front, so compiling it
  // on one run's first PDF upload cannot stall another run's requests (its control-API probe).
  await loadPdfjs();
  const full = options.full ?? false;
  const outcomes = await pool(jobs, options.concurrency ?? 3, ({ variant }) =>
    variant
      ? runAgainst(variant.name, variant.breaks, variant.mutation, full ? [] : variant.files, full ? undefined : variant.grep, reportRoot)
      : // Quick mode: the clean run covers the files the variants target (a variant is "caught" by a
        // test that fails on it and not on the clean mock); full mode: the whole suite.
        runAgainst("clean", "nothing: a transparent proxy in front of a clean mock", {}, full ? [] : [...new Set(variants.flatMap((v) => v.files))], undefined, reportRoot),
  );
  const [clean, ...rest] = outcomes;
  const cleanFailures = new Set(clean.failedTests);
  const judged = rest.map((o, i) => ({ ...o, kind: variants[i].kind, caught: o.error === undefined && o.applied > 0 && o.failedTests.some((t) => !cleanFailures.has(t)) }));
  const ok = clean.error === undefined && clean.failedTests.length === 0 && clean.passed > 0 && judged.every((v) => v.caught);
  const tally = (vs: typeof judged) => ({ caught: vs.filter((v) => v.caught).length, total: vs.length });
  const mutationScore = { ...tally(judged), byKind: { format: tally(judged.filter((v) => v.kind === "format")), behaviour: tally(judged.filter((v) => v.kind === "behaviour")) } };
  const report: SelfCheckReport = { clean, variants: judged, ok, full, mutationScore, durationMs: Date.now() - started };
  writeFileSync(join(reportRoot, "selfcheck.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(reportRoot, "selfcheck.md"), `${renderSelfCheck(report)}\n`);
  return report;
}

const cell = (s: string): string => s.replace(/\|/g, "\\|");

export function renderSelfCheck(report: SelfCheckReport): string {
  const { clean } = report;
  const lines = [
    "# Contract suite self-check",
    "",
    `**${report.ok ? "OK: the clean mock passes and every broken variant is caught" : "NOT OK"}** (${(report.durationMs / 1000).toFixed(1)} s, ${report.full ? "whole suite against every variant" : "quick: each variant against the tests that target it; `npm run selfcheck` runs the whole suite"})`,
    "",
    `Mutation score: ${report.mutationScore.caught}/${report.mutationScore.total} (${report.mutationScore.total === 0 ? "n/a" : `${Math.round((100 * report.mutationScore.caught) / report.mutationScore.total)}%`}); format ${report.mutationScore.byKind.format.caught}/${report.mutationScore.byKind.format.total}, behaviour ${report.mutationScore.byKind.behaviour.caught}/${report.mutationScore.byKind.behaviour.total}`,
    "",
    `Clean mock (through a transparent proxy): ${clean.passed} passed, ${clean.failedTests.length} failed${clean.error ? `, ERROR: ${clean.error}` : ""}`,
    ...clean.failedTests.map((t) => `- unexpected failure: ${t}`),
    "",
    "| variant | kind | breaks | proxy changed | caught | detected by | failing tests |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const v of report.variants) {
    const tests = v.failedTests.length === 0 ? (v.error ? "(run error)" : "none") : `${v.failedTests.slice(0, 3).map(cell).join("<br>")}${v.failedTests.length > 3 ? `<br>… ${v.failedTests.length - 3} more` : ""}`;
    lines.push(`| ${v.name} | ${v.kind} | ${cell(v.breaks)} | ${v.applied}× | ${v.caught ? "yes" : "**NO**"} | ${v.detectedBy.join(", ")} | ${tests} |`);
  }
  for (const v of report.variants.filter((x) => x.error)) lines.push("", `${v.name}: ${v.error}`);
  return lines.join("\n");
}
