/**
 * Benchmark rows of issue 13 (hold under load and attack): RSS after 20,000 sessions, RSS over a 15 s
 * mixed create-upload-read-delete soak, the cost of the widest session range the mock accepts, and
 * the slowest single request seen anywhere in the benchmark (every request here goes through `timed`).
 */
import http from "node:http";
import { request, type SimpleResponse, type StartedServer } from "./proc.js";

export interface MemorySample {
  gc: boolean;
  rss: number;
  heapUsed: number;
}

export type AskMemory = (server: StartedServer) => Promise<MemorySample>;

/** The slowest request any part of the benchmark made, with what it was. */
export const slowest = { ms: 0, what: "" };

export function noteLatency(ms: number, what: string): void {
  if (ms > slowest.ms) {
    slowest.ms = ms;
    slowest.what = what;
  }
}

async function timed(port: number, method: string, path: string, headers: Record<string, string>, body: Buffer | string | undefined, agent: http.Agent | false, label: string): Promise<SimpleResponse> {
  const t0 = performance.now();
  const res = await request(port, method, path, headers, body, agent);
  noteLatency(performance.now() - t0, `${label} (${res.status})`);
  return res;
}

const mb = (n: number): number => Math.round((n / 1048576) * 10) / 10;

function form(sessionId: string, n: number): { body: Buffer; type: string } {
  const b = `----soak${n}`;
  const pdf = `%PDF-1.4\n% soak statement ${n}\n${"x".repeat(20_000)}\n%%EOF\n`;
  const body = Buffer.from(
    `--${b}\r\nContent-Disposition: form-data; name="session_id"\r\n\r\n${sessionId}\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="upload_type"\r\n\r\nPDF\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="bank_name"\r\n\r\nhdfc\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="s.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${b}--\r\n`,
    "latin1",
  );
  return { body, type: `multipart/form-data; boundary=${b}` };
}

async function createSession(port: number, key: string, agent: http.Agent, body: Record<string, unknown>, label = "create session"): Promise<SimpleResponse> {
  return timed(port, "POST", "/bank-connect/v1/session/", { "content-type": "application/json" }, JSON.stringify({ link_id: "bench", api_key: key, ...body }), agent, label);
}

export interface ManySessionsResult {
  sessions: number;
  tenants: number;
  baselineRssMb: number;
  rssMb: number;
  heapUsedMb: number;
  failures: number;
}

/** 20,000 sessions over HTTP, spread over tenants as parallel test runs would create them. */
export async function manySessions(server: StartedServer, askMemory: AskMemory, sessions = 20_000, tenants = 4): Promise<ManySessionsResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const before = await askMemory(server);
  let next = 0;
  let failures = 0;
  const worker = async (): Promise<void> => {
    while (next < sessions) {
      const i = next++;
      const res = await createSession(server.port, `bench-tenant-${i % tenants}`, agent, {}, "create session (20,000 sessions)");
      if (res.status !== 200) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const after = await askMemory(server);
  agent.destroy();
  return { sessions, tenants, baselineRssMb: mb(before.rss), rssMb: mb(after.rss), heapUsedMb: mb(after.heapUsed), failures };
}

export interface SoakResult {
  seconds: number;
  cycles: number;
  failures: number;
  /** RSS after a forced GC, one sample a second. */
  rssMb: number[];
  heapMb: number[];
  /** Mean RSS of the last third of the samples over the second third, minus one (the first third is warm-up). */
  rssGrowth: number;
  heapGrowth: number;
}

/** Create, upload, read and delete in a closed loop on several connections, sampling memory each second. */
export async function soak(server: StartedServer, askMemory: AskMemory, seconds = 15, connections = 8): Promise<SoakResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const deadline = performance.now() + seconds * 1000;
  let cycles = 0;
  let failures = 0;
  const rss: number[] = [];
  const heap: number[] = [];
  const port = server.port;
  const worker = async (w: number): Promise<void> => {
    const key = `soak-${w}`;
    const auth = { "x-api-key": key, "server-hash": "soak" };
    while (performance.now() < deadline) {
      const n = cycles++;
      const created = await createSession(port, key, agent, { from_date: "01/01/2024", to_date: "31/03/2024" }, "soak create");
      if (created.status !== 200) {
        failures += 1;
        continue;
      }
      const id = (JSON.parse(created.body.toString("utf8")) as { session_id: string }).session_id;
      const f = form(id, n);
      const steps: Array<[string, string, Record<string, string>, Buffer | undefined, string]> = [
        ["POST", "/bank-connect/v1/statement/upload_session/", { ...auth, "content-type": f.type }, f.body, "soak upload"],
        ["GET", `/bank-connect/v1/session_data/${id}/upload_status/`, auth, undefined, "soak upload_status"],
        ["POST", `/bank-connect/v1/session_data/${id}/initiate_processing/`, auth, undefined, "soak initiate"],
        ["GET", `/bank-connect/v1/session_data/${id}/get_pdfs/`, auth, undefined, "soak get_pdfs"],
        ["DELETE", `/bank-connect/v1/session_data/${id}/delete/`, auth, undefined, "soak delete"],
      ];
      for (const [method, path, headers, body, label] of steps) {
        const res = await timed(port, method, path, headers, body, agent, label);
        if (res.status >= 300) failures += 1;
      }
    }
  };
  const sampler = (async () => {
    while (performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      const m = await askMemory(server);
      rss.push(mb(m.rss));
      heap.push(mb(m.heapUsed));
    }
  })();
  await Promise.all([...Array.from({ length: connections }, (_, w) => worker(w)), sampler]);
  agent.destroy();
  const third = Math.max(1, Math.floor(rss.length / 3));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const growth = (xs: number[]) => Math.round((mean(xs.slice(-third)) / mean(xs.slice(third, 2 * third)) - 1) * 1000) / 1000;
  return { seconds, cycles, failures, rssMb: rss, heapMb: heap, rssGrowth: growth(rss), heapGrowth: growth(heap) };
}

export interface WidestRangeResult {
  maxRange: { from: string; to: string };
  uploadMs: number;
  initiateMs: number;
  insightsMs: number;
  subscribedDataMs: number;
  /** The range that once blocked the loop for 2 s: now refused at once. */
  refusedStatus: number;
  refusedMs: number;
}

/** The costliest single session the mock accepts, and the range it refuses. */
export async function widestRange(port: number, maxRange: { from: string; to: string }, advance: (key: string) => Promise<void>): Promise<WidestRangeResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const key = "bench-widest";
  const auth = { "x-api-key": key, "server-hash": "bench" };
  const t = async (method: string, path: string, headers: Record<string, string>, body: Buffer | string | undefined, label: string) => {
    const t0 = performance.now();
    const res = await timed(port, method, path, headers, body, agent, label);
    if (res.status >= 300) throw new Error(`${label}: HTTP ${res.status} ${res.body.toString("utf8").slice(0, 200)}`);
    return { res, ms: Math.round((performance.now() - t0) * 10) / 10 };
  };
  // Warm-up: one ordinary session through the same steps, so the figures below are the range's cost
  // and not the first-call cost (JIT, lazy catalogues) of a fresh process.
  const warm = await createSession(port, key, agent, { from_date: "01/01/2024", to_date: "30/06/2024" }, "create session (warm-up)");
  const warmId = (JSON.parse(warm.body.toString("utf8")) as { session_id: string }).session_id;
  const wf = form(warmId, -2);
  await t("POST", "/bank-connect/v1/statement/upload_session/", { ...auth, "content-type": wf.type }, wf.body, "upload (warm-up)");
  await t("POST", `/bank-connect/v1/session_data/${warmId}/initiate_processing/`, auth, undefined, "initiate (warm-up)");
  await advance(key);
  await t("GET", `/bank-connect/v1/session_data/${warmId}/insights/`, auth, undefined, "insights (warm-up)");
  await t("GET", `/bank-connect/v1/session_data/${warmId}/subscribed_data/`, auth, undefined, "subscribed_data (warm-up)");
  const created = await createSession(port, key, agent, { from_date: maxRange.from, to_date: maxRange.to }, "create session (widest range)");
  const id = (JSON.parse(created.body.toString("utf8")) as { session_id: string }).session_id;
  const f = form(id, -1);
  const upload = await t("POST", "/bank-connect/v1/statement/upload_session/", { ...auth, "content-type": f.type }, f.body, "upload (widest range)");
  const initiate = await t("POST", `/bank-connect/v1/session_data/${id}/initiate_processing/`, auth, undefined, "initiate (widest range)");
  await advance(key);
  const insights = await t("GET", `/bank-connect/v1/session_data/${id}/insights/`, auth, undefined, "insights (widest range)");
  const subscribed = await t("GET", `/bank-connect/v1/session_data/${id}/subscribed_data/`, auth, undefined, "subscribed_data (widest range)");
  const r0 = performance.now();
  const refused = await createSession(port, key, agent, { from_date: "01/01/1825", to_date: "31/12/2024" }, "create session (1825-2024, refused)");
  const refusedMs = Math.round((performance.now() - r0) * 10) / 10;
  agent.destroy();
  return { maxRange, uploadMs: upload.ms, initiateMs: initiate.ms, insightsMs: insights.ms, subscribedDataMs: subscribed.ms, refusedStatus: refused.status, refusedMs };
}
