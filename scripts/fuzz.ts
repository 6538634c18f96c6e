/**
 * `npm run fuzz`: the fuzz property of mock/http/fuzz.test.ts, much longer and with a fresh seed each
 * run (FUZZ_SEED replays one). Prints every failing exchange, the status mix and the slowest requests.
 *   FUZZ_REQUESTS (default 50000), FUZZ_SEED, FUZZ_CONCURRENCY (default 10)
 */
import http from "node:http";
import fc from "fast-check";
import { createClock } from "../mock/core/clock.js";
import { createMockServer } from "../mock/http/server.js";
import { fuzzRequest, judge, seedWorld, send, type FuzzRequest } from "../mock/testing/fuzz.js";

const total = Number(process.env.FUZZ_REQUESTS ?? 50_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 10);

const mock = createMockServer({
  seed: "fuzz",
  clock: createClock({ mode: "manual" }),
  jsonLimitBytes: 64 * 1024,
  uploadLimitBytes: 128 * 1024,
  webhookTimeoutMs: 50,
  webhookMaxAttempts: 2,
});
const server = await mock.listen(0);
const base = new URL(server.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const world = await seedWorld(agent, base, ["fuzz-a", "fuzz-b", "fuzz-c"], "fuzz-hash");

console.log(`fuzzing ${server.url} with ${total} requests, seed ${seed} (replay: FUZZ_SEED=${seed})`);
const statuses = new Map<number, number>();
const slowest: Array<{ ms: number; r: FuzzRequest; status: number }> = [];
const failures: string[] = [];
let sent = 0;
const started = performance.now();
const samples = fc.sample(fc.array(fuzzRequest(world), { minLength: concurrency, maxLength: concurrency }), { numRuns: Math.ceil(total / concurrency), seed });
for (const batch of samples) {
  await Promise.all(
    batch.map(async (r) => {
      const t0 = performance.now();
      try {
        const res = await send(agent, base, r);
        const ms = performance.now() - t0;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        slowest.push({ ms, r, status: res.status });
        slowest.sort((a, b) => b.ms - a.ms);
        slowest.length = Math.min(slowest.length, 5);
        failures.push(...judge(r, res));
      } catch (err) {
        failures.push(`${r.method} ${r.path.slice(0, 120)} (${r.label}): ${(err as Error).message}`);
      }
    }),
  );
  sent += batch.length;
  if (sent % 5000 === 0) console.log(`  ${sent} sent, ${failures.length} problems, ${Math.round((performance.now() - started) / 1000)} s`);
}
const seconds = (performance.now() - started) / 1000;
console.log(`\n${sent} requests in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)} req/s)`);
console.log(`statuses: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join("  ")}`);
console.log("slowest:");
for (const s of slowest) console.log(`  ${s.ms.toFixed(1)} ms  ${s.status}  ${s.r.method} ${s.r.path.slice(0, 100)} (${s.r.label})`);
console.log(`server RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB (same process)`);
if (failures.length > 0) {
  console.log(`\n${failures.length} problems:`);
  for (const f of failures.slice(0, 50)) console.log(`  ${f}`);
}
agent.destroy();
await mock.close();
process.exit(failures.length > 0 ? 1 : 0);
