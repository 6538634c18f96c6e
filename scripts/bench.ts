/**
 * `npm run bench`: performance figures of the mock, each beside a baseline or a target.
 *
 *   1. Throughput of GET upload_status on the mock vs a bare Express 5 app serving the same bytes.
 *   2. Cold start to the first 200 of an API route, launched with node, with `npm start` and as the
 *      installed `npx bankconnect-mock`, each vs a bare Express hello app launched the same way.
 *   3. RSS of the mock with 10,000 sessions created through the HTTP API.
 *   4. generate+derive of a 12-month, ~5,000-transaction account (scripts/bench-data.ts).
 *   5. 1,000 sessions completing: every webhook delivered to a local receiver.
 *   6. Upload of a real 20-page text statement (read with pdfjs) vs the same upload of a `%PDF-` stub.
 *   7. MSW handlers: browser bundle gzip size, worker.start() to the first answer in Chromium.
 *   8. RSS after 20,000 sessions; RSS over a 15 s create-upload-read-delete soak; the widest session
 *      range's upload and reads; the slowest single request of the whole run (scripts/bench/hardening.ts).
 *
 * Servers run in child processes so the load generator never shares their event loop. Prints a
 * table and writes everything to reports/bench.json. Always exits 0: this measures, it does not test.
 *
 * Flags: --quick (fewer/shorter rounds), --skip-build (reuse dist/), --cold-start-only.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchData, type BenchDataResult } from "./bench-data.js";
import { median, runLoad, type LoadResult } from "./bench/load.js";
import { benchPdfUpload, type PdfUploadResult } from "./bench/pdf-upload.js";
import { processCpuMs, request, runNode, startServer, stopChild, type StartedServer } from "./bench/proc.js";
import { benchMsw } from "./bench/msw.js";
import { coldStart } from "./bench/cold-start.js";
import type { WebhookBenchResult } from "./bench/webhooks.js";
import { manySessions, noteLatency, slowest, soak, widestRange } from "./bench/hardening.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const QUICK = process.argv.includes("--quick");
const SKIP_BUILD = process.argv.includes("--skip-build");
const COLD_ONLY = process.argv.includes("--cold-start-only");

const API_KEY = "bench-api-key";
const AUTH = { "x-api-key": API_KEY, "server-hash": "bench-server-hash" };
const DIST_CLI = join(ROOT, "dist/mock/cli/main.js");
const BARE = join(ROOT, "scripts/bench/bare-server.mjs");
const MEM_PROBE = pathToFileURL(join(ROOT, "scripts/bench/mem-probe.mjs")).href;

const CONNECTIONS = 10;
const ROUNDS = QUICK ? 2 : 5;
const ROUND_MS = QUICK ? 1500 : 3000;
const ROUND_WARMUP_MS = 500;
const INITIAL_WARMUP_MS = QUICK ? 1000 : 2000;
const COLD_RUNS = 5;
const MEMORY_SESSIONS = 10_000;
const WEBHOOK_SESSIONS = 1000;
const MANY_SESSIONS = 20_000;
const SOAK_SECONDS = QUICK ? 6 : 15;
/** The widest range the mock accepts by default (--max-range-days 1096). */
const WIDEST = { from: "01/01/2021", to: "31/12/2023" };

type Verdict = "pass" | "FAIL" | "info" | "n/a";
interface Row {
  metric: string;
  value: string;
  target: string;
  verdict: Verdict;
}
const rows: Row[] = [];
const row = (metric: string, value: string, target = "", verdict: Verdict = "info"): void => {
  rows.push({ metric, value, target, verdict });
};
const check = (ok: boolean): Verdict => (ok ? "pass" : "FAIL");
const r1 = (n: number): number => Math.round(n * 10) / 10;
const r2 = (n: number): number => Math.round(n * 100) / 100;
const log = (line: string): void => {
  console.log(line);
};

/** How the mock server is started: the built CLI when the build produced it, else through tsx. */
function mockCommand(nodeFlags: string[] = []): { command: string; args: string[]; label: string } {
  if (existsSync(DIST_CLI)) return { command: process.execPath, args: [...nodeFlags, DIST_CLI, "--port", "0"], label: "node dist/mock/cli/main.js" };
  return { command: process.execPath, args: [...nodeFlags, "--import", "tsx", join(ROOT, "mock/cli/main.ts"), "--port", "0"], label: "node --import tsx mock/cli/main.ts (dist/ missing)" };
}

// ------------------------------------------------------------------------------------------ build

interface BuildResult {
  ok: boolean;
  ms: number;
  output: string;
}

function build(): BuildResult {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, encoding: "utf8" });
  return { ok: result.status === 0, ms: performance.now() - started, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() };
}

// ------------------------------------------------------------------------------------- throughput

function multipart(fields: Record<string, string>, file: { field: string; name: string; type: string; bytes: Buffer }): { body: Buffer; contentType: string } {
  const boundary = `----bench${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A session with one uploaded statement; returns the upload_status path and the mock's body. */
async function prepareSession(port: number): Promise<{ path: string; body: Buffer }> {
  const created = await request(port, "POST", "/bank-connect/v1/session/", { ...AUTH, "content-type": "application/json" }, JSON.stringify({ link_id: "bench-link", api_key: API_KEY }));
  if (created.status !== 200) throw new Error(`create session: HTTP ${created.status} ${created.body.toString()}`);
  const sessionId = (JSON.parse(created.body.toString("utf8")) as { session_id: string }).session_id;
  const form = multipart(
    { session_id: sessionId, upload_type: "PDF", bank_name: "hdfc" },
    { field: "file", name: "statement.pdf", type: "application/pdf", bytes: Buffer.from("%PDF-1.4\n% bench throughput statement\n%%EOF\n", "latin1") },
  );
  const uploaded = await request(port, "POST", "/bank-connect/v1/statement/upload_session/", { ...AUTH, "content-type": form.contentType }, form.body);
  if (uploaded.status !== 200) throw new Error(`upload: HTTP ${uploaded.status} ${uploaded.body.toString()}`);
  const path = `/bank-connect/v1/session_data/${sessionId}/upload_status/`;
  const status = await request(port, "GET", path, AUTH);
  if (status.status !== 200) throw new Error(`upload_status: HTTP ${status.status} ${status.body.toString()}`);
  return { path, body: status.body };
}

interface RoundResult extends LoadResult {
  /** Server process CPU time per request (from /proc); null where unavailable. */
  serverCpuUsPerRequest: number | null;
  /** Server CPU time / wall time; well under 1.0 means the server was not the bottleneck (contention, client). */
  serverCpuShare: number | null;
}

interface SideResult {
  rounds: RoundResult[];
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  generatorCpu: number;
  serverCpuUsPerRequest: number | null;
}

interface ThroughputResult {
  endpoint: string;
  bodyBytes: number;
  connections: number;
  rounds: number;
  roundMs: number;
  mockCommand: string;
  mock: SideResult;
  bare: SideResult;
  ratio: number;
  /** Ratio of server CPU per request, bare/mock: the throughput ratio with contention factored out. */
  cpuRatio: number | null;
}

function summarise(rounds: RoundResult[]): SideResult {
  const cpu = rounds.map((r) => r.serverCpuUsPerRequest).filter((x): x is number => x !== null);
  return {
    rounds: rounds.map((r) => ({ ...r, rps: r1(r.rps), p50Ms: r2(r.p50Ms), p99Ms: r2(r.p99Ms), elapsedMs: r1(r.elapsedMs), generatorCpu: r2(r.generatorCpu) })),
    serverCpuUsPerRequest: cpu.length === rounds.length ? r1(median(cpu)) : null,
    rps: r1(median(rounds.map((r) => r.rps))),
    p50Ms: r2(median(rounds.map((r) => r.p50Ms))),
    p99Ms: r2(median(rounds.map((r) => r.p99Ms))),
    errors: rounds.reduce((a, r) => a + r.errors, 0),
    generatorCpu: r2(median(rounds.map((r) => r.generatorCpu))),
  };
}

async function throughput(tmp: string): Promise<ThroughputResult> {
  const cmd = mockCommand();
  const mock = await startServer(cmd.command, cmd.args, { cwd: ROOT });
  let bare: StartedServer | undefined;
  try {
    const { path, body } = await prepareSession(mock.port);
    const file = join(tmp, "upload_status.json");
    writeFileSync(file, body);
    bare = await startServer(process.execPath, [BARE, "bytes", file], { cwd: ROOT });
    const check = await request(bare.port, "GET", path, AUTH);
    if (!check.body.equals(body)) throw new Error("bare server does not serve the same bytes");

    const targets = { mock, bare };
    const load = (port: number, durationMs: number) => runLoad({ port, path, headers: AUTH, connections: CONNECTIONS, durationMs });
    await load(mock.port, INITIAL_WARMUP_MS);
    await load(bare.port, INITIAL_WARMUP_MS);
    const results: { mock: RoundResult[]; bare: RoundResult[] } = { mock: [], bare: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const order: Array<"mock" | "bare"> = round % 2 === 0 ? ["mock", "bare"] : ["bare", "mock"];
      for (const side of order) {
        const server = targets[side];
        await load(server.port, ROUND_WARMUP_MS);
        const cpuBefore = processCpuMs(server.child.pid);
        const r = await load(server.port, ROUND_MS);
        const cpuAfter = processCpuMs(server.child.pid);
        const cpuMs = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
        const round_: RoundResult = {
          ...r,
          serverCpuUsPerRequest: cpuMs !== null && r.requests > 0 ? r1((cpuMs * 1000) / r.requests) : null,
          serverCpuShare: cpuMs !== null ? r2(cpuMs / r.elapsedMs) : null,
        };
        results[side].push(round_);
        if (side === "mock") noteLatency(r.maxMs, "GET upload_status under load");
        const cpuText = round_.serverCpuUsPerRequest !== null ? `  server ${round_.serverCpuUsPerRequest} us CPU/req (CPU ${Math.round((round_.serverCpuShare ?? 0) * 100)}%)` : "";
        log(`  round ${round + 1}/${ROUNDS} ${side.padEnd(4)} ${r1(r.rps)} req/s  p50 ${r2(r.p50Ms)} ms  p99 ${r2(r.p99Ms)} ms  errors ${r.errors}  client CPU ${Math.round(r.generatorCpu * 100)}%${cpuText}`);
      }
    }
    const m = summarise(results.mock);
    const b = summarise(results.bare);
    return {
      endpoint: "GET /bank-connect/v1/session_data/{id}/upload_status/",
      bodyBytes: body.length,
      connections: CONNECTIONS,
      rounds: ROUNDS,
      roundMs: ROUND_MS,
      mockCommand: cmd.label,
      mock: m,
      bare: b,
      ratio: r2(m.rps / b.rps),
      cpuRatio: m.serverCpuUsPerRequest !== null && b.serverCpuUsPerRequest !== null ? r2(b.serverCpuUsPerRequest / m.serverCpuUsPerRequest) : null,
    };
  } finally {
    await mock.stop();
    if (bare) await bare.stop();
  }
}

// ----------------------------------------------------------------------------------------- memory

interface MemorySample {
  gc: boolean;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

interface MemoryResult {
  method: string;
  sessions: number;
  createMs: number;
  /** Server CPU time per create-session request (from /proc); null where unavailable. */
  serverCpuUsPerCreate: number | null;
  gcExposed: boolean;
  baselineRssMb: number;
  rssMb: number;
  heapUsedMb: number;
  perSessionKb: number;
}

function askMemory(server: StartedServer): Promise<MemorySample> {
  return new Promise((resolveSample, reject) => {
    const timer = setTimeout(() => reject(new Error("memory probe did not answer")), 10_000);
    server.child.once("message", (message) => {
      clearTimeout(timer);
      resolveSample(message as MemorySample);
    });
    server.child.send("mem");
  });
}

async function memory(): Promise<MemoryResult> {
  const cmd = mockCommand(["--expose-gc", "--import", MEM_PROBE]);
  const server = await startServer(cmd.command, cmd.args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  try {
    const before = await askMemory(server);
    const cpuBefore = processCpuMs(server.child.pid);
    const started = performance.now();
    let next = 0;
    let failures = 0;
    const worker = async (): Promise<void> => {
      while (next < MEMORY_SESSIONS) {
        const i = next++;
        const t0 = performance.now();
        const res = await request(
          server.port,
          "POST",
          "/bank-connect/v1/session/",
          { ...AUTH, "content-type": "application/json" },
          JSON.stringify({ link_id: `bench-memory-${i}`, api_key: API_KEY }),
          agent,
        );
        noteLatency(performance.now() - t0, "create session (10,000 sessions)");
        if (res.status !== 200) failures += 1;
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    const createMs = performance.now() - started;
    const cpuAfter = processCpuMs(server.child.pid);
    if (failures > 0) throw new Error(`${failures} of ${MEMORY_SESSIONS} session creations failed`);
    const after = await askMemory(server);
    const mb = (n: number): number => r1(n / 1024 / 1024);
    return {
      method: `HTTP POST /bank-connect/v1/session/ x ${MEMORY_SESSIONS} (16 keep-alive connections) into ${cmd.label}`,
      sessions: MEMORY_SESSIONS,
      createMs: r1(createMs),
      serverCpuUsPerCreate: cpuBefore !== null && cpuAfter !== null ? r1(((cpuAfter - cpuBefore) * 1000) / MEMORY_SESSIONS) : null,
      gcExposed: after.gc,
      baselineRssMb: mb(before.rss),
      rssMb: mb(after.rss),
      heapUsedMb: mb(after.heapUsed),
      perSessionKb: r2((after.heapUsed - before.heapUsed) / 1024 / MEMORY_SESSIONS),
    };
  } finally {
    agent.destroy();
    await stopChild(server.child);
  }
}

// ------------------------------------------------------------------------------------------- main

async function section<T>(name: string, run: () => Promise<T>): Promise<T | { error: string }> {
  log(`\n== ${name}`);
  try {
    return await run();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log(`  ERROR: ${message}`);
    return { error: message };
  }
}

const failed = (x: object): x is { error: string } => "error" in x;
/** The value cell of a section that produced no figures. */
const notRun = (x: object): string => ("error" in x && String(x.error).startsWith("skipped") ? "skipped" : "error");

async function main(): Promise<void> {
  const startedAt = performance.now();
  const tmp = mkdtempSync(join(os.tmpdir(), "bankconnect-bench-"));
  const loadBefore = os.loadavg()[0];
  log(`BankConnect mock benchmark — node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? "?"}), ${os.platform()} ${os.release()}${QUICK ? " [--quick]" : ""}`);
  if (loadBefore > os.cpus().length * 0.5) {
    log(`  WARNING: load average ${loadBefore.toFixed(2)} on ${os.cpus().length} CPUs before starting: other work is running, figures will be noisy and low.`);
  }

  let buildResult: BuildResult | undefined;
  if (!SKIP_BUILD) {
    log("\n== build (npm run build: tsc -p tsconfig.build.json)");
    buildResult = build();
    log(`  ${buildResult.ok ? "ok" : "tsc reported errors (dist/ emitted anyway where possible)"} in ${r1(buildResult.ms / 1000)} s`);
    if (!buildResult.ok) log(buildResult.output.split("\n").slice(0, 10).map((l) => `  ${l}`).join("\n"));
  }
  log(`  mock command: ${mockCommand().label}`);

  const cold = await section(`cold start (launch -> first 200 of ${"GET /bank-connect/v1/banks/catalogue/"}), median of ${COLD_RUNS}, alternating`, () =>
    coldStart({ root: ROOT, tmp, runs: COLD_RUNS, auth: AUTH }),
  );
  if (!failed(cold)) {
    for (const w of cold.ways) {
      log(`  ${w.way}: mock ${w.mock.medianMs} ms (listening at ${w.mock.medianListeningMs} ms) vs bare ${w.bare.medianMs} ms (listening at ${w.bare.medianListeningMs} ms), ratio ${w.ratio}`);
      log(`    ${w.mock.command}: runs ${w.mock.runsMs.join(", ")}`);
      log(`    ${w.bare.command}: runs ${w.bare.runsMs.join(", ")}`);
    }
    if (cold.installedError) log(`  installed launch not measured: ${cold.installedError}`);
  }

  const skipped = { error: "skipped (--cold-start-only)" };
  const tp = COLD_ONLY ? skipped : await section(`throughput, ${CONNECTIONS} keep-alive connections, ${ROUNDS} alternating rounds of ${ROUND_MS / 1000} s`, () => throughput(tmp));
  const mem = COLD_ONLY ? skipped : await section(`memory, ${MEMORY_SESSIONS} sessions`, memory);
  if (!failed(mem)) log(`  RSS ${mem.baselineRssMb} MB idle -> ${mem.rssMb} MB with ${mem.sessions} sessions (heap ${mem.heapUsedMb} MB, ~${mem.perSessionKb} KB heap/session, gc ${mem.gcExposed ? "forced" : "NOT exposed"}); created in ${mem.createMs} ms${mem.serverCpuUsPerCreate !== null ? `, ${mem.serverCpuUsPerCreate} us server CPU each` : ""}`);

  const probeCmd = mockCommand(["--expose-gc", "--import", MEM_PROBE]);
  const withProbe = async <T>(run: (server: StartedServer) => Promise<T>, extra: string[] = []): Promise<T> => {
    const server = await startServer(probeCmd.command, [...probeCmd.args, ...extra], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    try {
      return await run(server);
    } finally {
      await stopChild(server.child);
    }
  };
  const many = COLD_ONLY ? skipped : await section(`memory, ${MANY_SESSIONS} sessions over 4 API keys`, () => withProbe((server) => manySessions(server, askMemory, MANY_SESSIONS, 4)));
  if (!failed(many)) log(`  RSS ${many.baselineRssMb} MB idle -> ${many.rssMb} MB with ${many.sessions} sessions (heap ${many.heapUsedMb} MB), ${many.failures} failed`);
  const soaked = COLD_ONLY ? skipped : await section(`soak: ${SOAK_SECONDS} s of create-upload-read-delete on 8 connections`, () => withProbe((server) => soak(server, askMemory, SOAK_SECONDS, 8)));
  if (!failed(soaked)) log(`  ${soaked.cycles} cycles, ${soaked.failures} failed; RSS per second ${soaked.rssMb.join(", ")} MB; growth last third vs second third ${r1(soaked.rssGrowth * 100)}% (heap ${r1(soaked.heapGrowth * 100)}%)`);
  const widest = COLD_ONLY ? skipped : await section(`widest accepted session range (${WIDEST.from}-${WIDEST.to}) and a refused one (1825-2024)`, () =>
    withProbe(
      (server) =>
        widestRange(server.port, WIDEST, async (key) => {
          const res = await request(server.port, "POST", "/__mock/clock/advance", { "x-api-key": key, "content-type": "application/json" }, JSON.stringify({ ms: 60_000 }));
          if (res.status !== 200) throw new Error(`clock advance: HTTP ${res.status} ${res.body.toString("utf8")}`);
        }),
      ["--clock", "manual"],
    ),
  );
  if (!failed(widest)) log(`  upload ${widest.uploadMs} ms, initiate ${widest.initiateMs} ms, insights ${widest.insightsMs} ms, subscribed_data ${widest.subscribedDataMs} ms; 1825-2024 answered ${widest.refusedStatus} in ${widest.refusedMs} ms`);
  log(`  slowest single request so far: ${r1(slowest.ms)} ms (${slowest.what})`);

  const data = COLD_ONLY ? skipped : await section("data: generate+derive 12 months, ~5,000 transactions", (): Promise<BenchDataResult> => benchData());
  if (!failed(data)) log(`  ${data.generateAndDeriveMs} ms median for ${data.transactions} transactions`);

  const hooks = COLD_ONLY ? skipped : await section(`webhooks: ${WEBHOOK_SESSIONS} sessions completing (in-process mock, real local receiver)`, async () => {
    const out = await runNode(["--import", "tsx", join(ROOT, "scripts/bench/webhooks.ts"), `--sessions=${WEBHOOK_SESSIONS}`, "--json"], 120_000);
    const line = out.trim().split("\n").pop() ?? "";
    return JSON.parse(line) as WebhookBenchResult;
  });
  if (!failed(hooks)) {
    log(`  ${hooks.received}/${hooks.expected} received, ${hooks.lost} lost, ${hooks.retries} retries${hooks.retryErrors.length ? ` (${hooks.retryErrors.join("; ")})` : ""}, ${hooks.invalid} invalid`);
    log(`  first completion event -> last receipt ${r1(hooks.elapsedMs)} ms = initiate/advance ${r1(hooks.processingPhaseMs)} ms + drain ${r1(hooks.drainAfterLastEventMs)} ms (setup uploads, untimed: ${r1(hooks.uploadPhaseMs)} ms)`);
  }

  const pdfUpload = COLD_ONLY ? skipped : await section("PDF upload: 20-page text statement vs %PDF- stub, sequential, fresh session each", (): Promise<PdfUploadResult> => benchPdfUpload(ROOT, mockCommand(), AUTH, API_KEY, QUICK ? 5 : 15));
  if (!failed(pdfUpload)) {
    log(`  ${pdfUpload.file}: median ${pdfUpload.pdfMedianMs} ms (runs ${pdfUpload.pdfRunsMs.join(", ")}); stub median ${pdfUpload.stubMedianMs} ms; first PDF upload (loads pdfjs) ${pdfUpload.firstPdfUploadMs} ms`);
  }
  const msw = COLD_ONLY ? skipped : await section("MSW handlers: browser bundle (esbuild, minified, gzip -9) and Chromium start-up, median of 3 page loads", () => benchMsw());
  if (!failed(msw)) log(`  worker.start() resolved after ${msw.startMs.join(", ")} ms; first answer after ${msw.firstAnswerMs.join(", ")} ms`);

  // ------------------------------------------------------------------------------------- table
  if (!failed(tp)) {
    row("throughput: mock upload_status", `${tp.mock.rps} req/s`);
    row("throughput: bare Express, same bytes", `${tp.bare.rps} req/s`);
    row("throughput ratio mock/bare", `${tp.ratio}`, ">= 0.8", check(tp.ratio >= 0.8));
    if (tp.cpuRatio !== null) {
      row("server CPU/request mock / bare", `${tp.mock.serverCpuUsPerRequest} / ${tp.bare.serverCpuUsPerRequest} us`);
      row("CPU-per-request ratio bare/mock", `${tp.cpuRatio}`);
    }
    row("latency mock p50 / p99", `${tp.mock.p50Ms} / ${tp.mock.p99Ms} ms`);
    row("latency bare p50 / p99", `${tp.bare.p50Ms} / ${tp.bare.p99Ms} ms`);
    row("load errors (mock + bare)", `${tp.mock.errors + tp.bare.errors}`, "0", check(tp.mock.errors + tp.bare.errors === 0));
  } else row("throughput", notRun(tp), ">= 0.8", "n/a");
  if (!failed(cold)) {
    for (const w of cold.ways) {
      row(`cold start, ${w.way}: mock / bare Express`, `${w.mock.medianMs} / ${w.bare.medianMs} ms`, w.way === "node" ? "mock <= 300 ms" : "", w.way === "node" ? check(w.mock.medianMs <= 300) : "info");
      row(`cold start ratio, ${w.way}`, `${w.ratio}`, "<= 1.6", check(w.ratio <= 1.6));
    }
    if (cold.installedError) row("cold start, installed (npx)", "not measured", "<= 1.6", "n/a");
  } else row("cold start", notRun(cold), "<= 1.6", "n/a");
  if (!failed(mem)) row(`memory: RSS, ${mem.sessions} sessions (HTTP)`, `${mem.rssMb} MB`, "< 300 MB", check(mem.rssMb < 300));
  else row("memory", notRun(mem), "< 300 MB", "n/a");
  if (!failed(many)) row(`memory: RSS after ${many.sessions} sessions (${many.tenants} API keys)`, `${many.rssMb} MB`, "< 300 MB", check(many.rssMb < 300 && many.failures === 0));
  else row("memory: 20,000 sessions", notRun(many), "< 300 MB", "n/a");
  if (!failed(soaked)) row(`soak: RSS growth over ${soaked.seconds} s create-upload-read-delete (${soaked.cycles} cycles)`, `${r1(soaked.rssGrowth * 100)}%`, "flat within 10%", check(Math.abs(soaked.rssGrowth) <= 0.1 && soaked.failures === 0));
  else row("soak", notRun(soaked), "flat within 10%", "n/a");
  if (!failed(widest)) {
    row("widest range (3 years): upload / insights", `${widest.uploadMs} / ${widest.insightsMs} ms`, "< 250 ms each", check(widest.uploadMs < 250 && widest.insightsMs < 250));
    row("range 1825-2024: refused", `${widest.refusedStatus} in ${widest.refusedMs} ms`, "400", check(widest.refusedStatus === 400));
  } else row("widest range", notRun(widest), "< 250 ms", "n/a");
  row("slowest single request across the bench", `${r1(slowest.ms)} ms (${slowest.what})`, "< 250 ms", check(slowest.ms < 250));
  if (!failed(data)) row(`data: generate+derive (${data.transactions} txns)`, `${data.generateAndDeriveMs} ms`, "< 50 ms", check(data.generateAndDeriveMs < 50));
  else row("data", notRun(data), "< 50 ms", "n/a");
  if (!failed(hooks)) {
    row(`webhooks: ${hooks.expected} deliveries, first event -> last receipt`, `${r1(hooks.elapsedMs)} ms`, "< 2000 ms", check(hooks.elapsedMs < 2000 && !hooks.timedOut));
    row("webhooks: setup uploads (statement generation, not timed)", `${r1(hooks.uploadPhaseMs)} ms`);
    row("webhooks: drain after last event", `${r1(hooks.drainAfterLastEventMs)} ms`);
    row("webhooks: lost", `${hooks.lost}`, "0", check(hooks.lost === 0));
  } else row("webhooks", notRun(hooks), "< 2000 ms, 0 lost", "n/a");
  if (!failed(pdfUpload)) {
    row(`PDF upload: ${pdfUpload.pages}-page text statement, median`, `${pdfUpload.pdfMedianMs} ms`, "< 100 ms", check(pdfUpload.pdfMedianMs < 100));
    row("PDF upload: same upload of a %PDF- stub, median", `${pdfUpload.stubMedianMs} ms`);
    row("PDF upload: first one (imports pdfjs)", `${pdfUpload.firstPdfUploadMs} ms`);
  } else row("PDF upload", notRun(pdfUpload), "< 100 ms", "n/a");
  if (!failed(msw)) {
    const kb = (n: number): string => `${r1(n / 1024)} KiB`;
    row("msw: handlers bundle gzip (msw excluded)", kb(msw.handlersGzipBytes));
    row("msw: handlers bundle gzip without data generator", kb(msw.withoutDataGzipBytes));
    row("msw: journey page gzip (msw included)", kb(msw.pageGzipBytes));
    row("msw: worker.start() -> first answered request", `${msw.medianFirstAnswerMs} ms`);
  } else row("msw", notRun(msw), "", "n/a");

  const widths = [0, 1, 2, 3].map((i) => Math.max(...[["metric", "value", "target", "pass/fail"][i], ...rows.map((r) => [r.metric, r.value, r.target, r.verdict][i])].map((s) => s.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  log("\n" + line(["metric", "value", "target", "pass/fail"]));
  log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) log(line([r.metric, r.value, r.target, r.verdict]));
  const fails = rows.filter((r) => r.verdict === "FAIL").length;
  log(`\n${fails === 0 ? "All targets met." : `${fails} target(s) missed.`} Total ${r1((performance.now() - startedAt) / 1000)} s.`);

  const report = {
    generated_at: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? null,
      total_memory_mb: Math.round(os.totalmem() / 1024 / 1024),
      load_average_before: r2(loadBefore),
      load_average_after: r2(os.loadavg()[0]),
    },
    total_s: r1((performance.now() - startedAt) / 1000),
    quick: QUICK,
    build: buildResult ? { ok: buildResult.ok, ms: r1(buildResult.ms) } : "skipped",
    throughput: tp,
    cold_start: cold,
    memory: mem,
    data,
    webhooks: hooks,
    pdf_upload: pdfUpload,
    msw,
    many_sessions: many,
    soak: soaked,
    widest_range: widest,
    slowest_request: { ms: r1(slowest.ms), what: slowest.what },
    table: rows,
  };
  const out = join(ROOT, "reports/bench.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  log(`Wrote ${out}`);
  rmSync(tmp, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error("benchmark crashed:", err);
    process.exit(0);
  },
);
