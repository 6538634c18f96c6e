/** Child-process and plain-HTTP helpers for the benchmark. */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";

export interface StartedServer {
  child: ChildProcess;
  port: number;
  /** performance.now() just before spawn, and when the "listening" line arrived. */
  spawnedAt: number;
  listeningAt: number;
  stop(): Promise<void>;
}

const LISTENING = /listening on http:\/\/127\.0\.0\.1:(\d+)/;

/** Spawns a server that prints "... listening on http://127.0.0.1:PORT" and resolves once it has. */
export function startServer(command: string, args: string[], options: SpawnOptions = {}, timeoutMs = 20_000): Promise<StartedServer> {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
    let out = "";
    let err = "";
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`${command} ${args.join(" ")}: no "listening" line after ${timeoutMs} ms\n${out}${err}`)), timeoutMs);
    const fail = (e: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (options.detached && child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // the group is gone
        }
      } else child.kill("SIGKILL");
      reject(e);
    };
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      if (settled) return;
      out += chunk.toString("utf8");
      const match = LISTENING.exec(out);
      if (!match) return;
      settled = true;
      clearTimeout(timer);
      const listeningAt = performance.now();
      // Keep draining so a chatty child never blocks on a full pipe.
      child.stdout?.resume();
      resolve({ child, port: Number(match[1]), spawnedAt, listeningAt, stop: () => (options.detached ? stopGroup(child) : stopChild(child)) });
    });
    child.once("error", fail);
    child.once("exit", (code, signal) => fail(new Error(`${command} ${args.join(" ")} exited (${code ?? signal}) before listening\n${out}${err}`)));
  });
}

/** SIGTERM, then SIGKILL after a second; resolves once the child has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 1000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Like stopChild for a child spawned `detached` (its own process group): launchers such as npm and
 * npx run the server as a grandchild, so the signal goes to the whole group.
 */
export function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pid, name);
    } catch {
      // the group is gone
    }
  };
  return new Promise((resolve) => {
    const force = setTimeout(() => signal("SIGKILL"), 1000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    signal("SIGTERM");
  });
}

export interface SimpleResponse {
  status: number;
  body: Buffer;
}

/** One request on a fresh connection (or the given agent); rejects on a network error. */
export function request(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
  agent: http.Agent | false = false,
): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8");
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        headers: payload ? { ...headers, "content-length": String(payload.length) } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Runs a Node script to completion and returns its stdout; rejects on a non-zero exit or timeout. */
export function runNode(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString("utf8");
    });
    child.stderr?.on("data", (c: Buffer) => {
      err += c.toString("utf8");
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${args.join(" ")}: timed out after ${timeoutMs} ms\n${err}`));
    }, timeoutMs);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`node ${args.join(" ")} exited with ${code}\n${err.slice(-2000)}`));
    });
  });
}

let ticksPerSecond: number | undefined;

/** CPU time (user + system) a process has used so far, from /proc; null where /proc is unavailable. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may contain spaces) start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (ticksPerSecond === undefined) {
      const out = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
      ticksPerSecond = Number(out.stdout?.trim()) || 100;
    }
    return ((utime + stime) / ticksPerSecond) * 1000;
  } catch {
    return null;
  }
}
