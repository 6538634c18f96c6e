import { pathToFileURL } from "node:url";
import { createAccount } from "../mock/data/account.js";
import { deriveAccount } from "../mock/data/derive.js";
import { generateStatement } from "../mock/data/generate.js";

/**
 * Budget check for the data module: a 12-month account at about 5,000 transactions must be
 * generated and derived in under 50 ms. Reports the median of timed runs after warm-up, since
 * the first runs pay for JIT compilation and faker's locale loading.
 */

export interface BenchDataOptions {
  /** Transactions per full month; 5,000 over 12 months by default. */
  density?: number;
  runs?: number;
  warmup?: number;
}

export interface BenchDataResult {
  generateAndDeriveMs: number;
  transactions: number;
}

const RANGE = { from: "2023-05-01", to: "2024-04-30" };
const NOW = Date.UTC(2024, 4, 1);

export async function benchData(options: BenchDataOptions = {}): Promise<BenchDataResult> {
  const density = options.density ?? 5000 / 12;
  const runs = options.runs ?? 15;
  const warmup = options.warmup ?? 5;
  const times: number[] = [];
  let transactions = 0;
  for (let i = 0; i < warmup + runs; i++) {
    // A different seed per run, so nothing is served from a warm cache of the previous run.
    const seed = `bench-${i}`;
    const started = performance.now();
    const account = createAccount({ seed, key: "bench/account", bank: "hdfc", profile: "corporate" });
    const statement = generateStatement({ seed, key: "bench/statement", account, period: RANGE, density, statementId: `bench-statement-${i}` });
    const derived = deriveAccount({ account, statements: [statement], sessionRange: RANGE, now: NOW });
    const elapsed = performance.now() - started;
    transactions = derived.transactions.length;
    if (i >= warmup) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  return { generateAndDeriveMs: Math.round(times[Math.floor(times.length / 2)] * 100) / 100, transactions };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const densityArg = process.argv.find((a) => a.startsWith("--density="));
  const result = await benchData(densityArg ? { density: Number(densityArg.slice("--density=".length)) } : {});
  const verdict = result.generateAndDeriveMs < 50 ? "within" : "OVER";
  console.log(`generate+derive: ${result.generateAndDeriveMs} ms median for ${result.transactions} transactions over 12 months (${verdict} the 50 ms budget)`);
  if (verdict === "OVER") process.exitCode = 1;
}
