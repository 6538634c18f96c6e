/**
 * A small closed-loop HTTP/1.1 load generator on raw keep-alive sockets.
 *
 * Each connection sends one request, reads the whole response (Content-Length framed), records the
 * latency and sends the next: the offered load is whatever the server sustains. Raw sockets instead
 * of `node:http`'s client keep the generator's own cost low, so on a 2-core machine the number
 * measured is the server's, not the client's (the result reports the generator's CPU share so a
 * client-bound run is visible).
 */
import net from "node:net";

export interface LoadOptions {
  host?: string;
  port: number;
  path: string;
  headers?: Record<string, string>;
  /** Concurrent keep-alive connections, one request in flight on each. */
  connections: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  /** Non-200 answers and socket errors. */
  errors: number;
  elapsedMs: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** The slowest single request. */
  maxMs: number;
  /** Bytes of the last response body, to check both servers sent the same payload. */
  bodyBytes: number;
  /** Generator CPU time / wall time; near 1.0 means the client, not the server, was the limit. */
  generatorCpu: number;
}

const HEADER_END = Buffer.from("\r\n\r\n");

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const host = options.host ?? "127.0.0.1";
  const headerLines = Object.entries(options.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  const request = Buffer.from(`GET ${options.path} HTTP/1.1\r\nHost: ${host}:${options.port}\r\n${headerLines}Connection: keep-alive\r\n\r\n`, "latin1");

  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let errors = 0;
  let bodyBytes = 0;
  const record = (ms: number): void => {
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = ms;
  };

  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const deadline = started + options.durationMs;

  const connection = (): Promise<void> =>
    new Promise<void>((resolve) => {
      let socket: net.Socket;
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let done = false;

      const finish = (): void => {
        if (done) return;
        done = true;
        socket.destroy();
        resolve();
      };
      const send = (): void => {
        if (performance.now() >= deadline) return finish();
        sentAt = performance.now();
        socket.write(request);
      };
      const open = (): void => {
        pending = Buffer.alloc(0);
        socket = net.connect({ host, port: options.port, noDelay: true });
        socket.on("connect", send);
        socket.on("data", (chunk: Buffer) => {
          pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
          const headerEnd = pending.indexOf(HEADER_END);
          if (headerEnd < 0) return;
          const head = pending.toString("latin1", 0, headerEnd);
          const match = /\r\ncontent-length:\s*(\d+)/i.exec(head);
          if (!match) {
            // Only Content-Length framing is supported; anything else is a broken benchmark.
            errors += 1;
            return finish();
          }
          const length = Number(match[1]);
          const total = headerEnd + HEADER_END.length + length;
          if (pending.length < total) return;
          const now = performance.now();
          if (head.startsWith("HTTP/1.1 200")) {
            if (now <= deadline) record(now - sentAt);
            bodyBytes = length;
          } else {
            errors += 1;
          }
          pending = pending.subarray(total);
          send();
        });
        socket.on("error", () => {
          errors += 1;
        });
        socket.on("close", () => {
          if (done) return;
          if (performance.now() >= deadline) return finish();
          open();
        });
      };
      open();
    });

  await Promise.all(Array.from({ length: options.connections }, connection));
  const elapsedMs = Math.min(performance.now(), deadline) - started;
  const cpu = process.cpuUsage(cpuStart);
  const sorted = latencies.slice(0, count).sort();
  return {
    requests: count,
    errors,
    elapsedMs,
    rps: count / (elapsedMs / 1000),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: count > 0 ? sorted[count - 1] : Number.NaN,
    bodyBytes,
    generatorCpu: (cpu.user + cpu.system) / 1000 / (performance.now() - started),
  };
}
