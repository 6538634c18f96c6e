/**
 * Cold start as a user meets it: from launching the server to the first 200 of an API route,
 * three ways, each beside a bare Express hello app launched the same way in the same run:
 *   - `node <file>`                         (the built CLI vs scripts/bench/bare-server.mjs)
 *   - `npm start`                           (this repository vs a package whose start script runs the bare app)
 *   - `npx <bin>` in a project that installed the packed tarball (bankconnect-mock vs a bare-express bin)
 * Launches alternate run by run, so load on the (shared) machine hits both sides alike.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median } from "./load.js";
import { request, startServer, type StartedServer } from "./proc.js";

export interface ColdStartSide {
  command: string;
  runsMs: number[];
  medianMs: number;
  /** Median launch → "listening" line, for the split between boot and first request. */
  medianListeningMs: number;
}

export interface ColdStartWay {
  way: "node" | "npm start" | "installed (npx)";
  mock: ColdStartSide;
  bare: ColdStartSide;
  ratio: number;
}

export interface ColdStartResult {
  runs: number;
  ways: ColdStartWay[];
  /** Why the installed launch could not be measured, when it could not. */
  installedError: string | null;
}

interface Launch {
  label: string;
  command: string;
  args: string[];
  cwd: string;
  path: string;
  headers: Record<string, string>;
}

const r1 = (n: number): number => Math.round(n * 10) / 10;

/** This process's environment without the variables `npm run bench` set (they name this repository). */
function launchEnv(): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_registry", "npm_config_userconfig"]);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.toLowerCase().startsWith("npm_") && !keep.has(k.toLowerCase())) continue;
    if (k === "PORT" || k === "HOST" || k === "INIT_CWD" || k === "NODE_OPTIONS" || k.startsWith("MOCK_")) continue;
    env[k] = v;
  }
  return { ...env, npm_config_update_notifier: "false" };
}

async function firstOk(port: number, path: string, headers: Record<string, string>, deadlineMs: number): Promise<void> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    try {
      const res = await request(port, "GET", path, headers);
      if (res.status === 200) return;
    } catch {
      // Not accepting yet: poll again at once.
    }
    if (performance.now() > deadline) throw new Error(`no 200 from ${path} within ${deadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function once(launch: Launch): Promise<{ total: number; listening: number }> {
  const server: StartedServer = await startServer(launch.command, launch.args, { cwd: launch.cwd, env: launchEnv(), detached: true }, 30_000);
  try {
    await firstOk(server.port, launch.path, launch.headers, 10_000);
    return { total: performance.now() - server.spawnedAt, listening: server.listeningAt - server.spawnedAt };
  } finally {
    await server.stop();
  }
}

/**
 * A project in `tmp` with the packed kit and a one-file bare Express package installed side by
 * side (dependencies from the npm cache), so `npx bankconnect-mock` and `npx bare-express-hello`
 * start the same way. Needs dist/ built.
 */
function prepareInstalled(root: string, tmp: string, expressVersion: string): string {
  const packed = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp, "--loglevel=error"], { cwd: root, env: launchEnv(), encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as Array<{ filename: string }>;
  const project = join(tmp, "installed");
  const bare = join(project, "bare-express");
  mkdirSync(bare, { recursive: true });
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "bench-consumer", private: true, type: "module" }));
  writeFileSync(
    join(bare, "package.json"),
    JSON.stringify({ name: "bare-express-hello", version: "1.0.0", type: "module", bin: { "bare-express-hello": "server.mjs" }, scripts: { start: "node server.mjs hello" }, dependencies: { express: `^${expressVersion}` } }),
  );
  writeFileSync(join(bare, "server.mjs"), `#!/usr/bin/env node\n${readFileSync(join(root, "scripts/bench/bare-server.mjs"), "utf8")}`, { mode: 0o755 });
  const installed = spawnSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", join(tmp, info?.filename ?? "missing.tgz"), "./bare-express"], {
    cwd: project,
    env: launchEnv(),
    encoding: "utf8",
  });
  if (installed.status !== 0) throw new Error(`npm install of the tarball failed: ${installed.stderr}`);
  return project;
}

export async function coldStart(options: { root: string; tmp: string; runs: number; auth: Record<string, string> }): Promise<ColdStartResult> {
  const { root, tmp, runs, auth } = options;
  const api = "/bank-connect/v1/banks/catalogue/";
  const expressVersion = (JSON.parse(readFileSync(join(root, "node_modules/express/package.json"), "utf8")) as { version: string }).version;
  const node = process.execPath;
  const pairs: Array<{ way: ColdStartWay["way"]; mock: Launch; bare: Launch }> = [
    {
      way: "node",
      mock: { label: "node dist/mock/cli/main.js --port 0", command: node, args: [join(root, "dist/mock/cli/main.js"), "--port", "0"], cwd: root, path: api, headers: auth },
      bare: { label: "node scripts/bench/bare-server.mjs hello", command: node, args: [join(root, "scripts/bench/bare-server.mjs"), "hello"], cwd: root, path: "/", headers: {} },
    },
  ];
  let installedError: string | null = null;
  let project: string | undefined;
  try {
    project = prepareInstalled(root, tmp, expressVersion);
  } catch (err) {
    installedError = (err as Error).message;
  }
  pairs.push({
    way: "npm start",
    mock: { label: "npm start -- --port 0 (this repository)", command: "npm", args: ["start", "--", "--port", "0"], cwd: root, path: api, headers: auth },
    // The bare package needs express installed beside it, which only the installed project has.
    bare: project
      ? { label: "npm start (a package whose start is node server.mjs hello)", command: "npm", args: ["start"], cwd: join(project, "bare-express"), path: "/", headers: {} }
      : { label: "npm exec -- node scripts/bench/bare-server.mjs hello", command: "npm", args: ["exec", "--", "node", join(root, "scripts/bench/bare-server.mjs"), "hello"], cwd: root, path: "/", headers: {} },
  });
  if (project) {
    pairs.push({
      way: "installed (npx)",
      mock: { label: "npx bankconnect-mock --port 0 (tarball installed in a temp project)", command: "npx", args: ["bankconnect-mock", "--port", "0"], cwd: project, path: api, headers: auth },
      bare: { label: "npx bare-express-hello (installed the same way)", command: "npx", args: ["bare-express-hello", "hello"], cwd: project, path: "/", headers: {} },
    });
  }

  const samples = pairs.map(() => ({ mock: { total: [] as number[], listening: [] as number[] }, bare: { total: [] as number[], listening: [] as number[] } }));
  // One unmeasured launch each warms the OS file cache, as any second start would find it.
  for (const p of pairs) {
    await once(p.mock);
    await once(p.bare);
  }
  for (let i = 0; i < runs; i++) {
    for (const [k, p] of pairs.entries()) {
      const order: Array<"mock" | "bare"> = i % 2 === 0 ? ["mock", "bare"] : ["bare", "mock"];
      for (const side of order) {
        const s = await once(p[side]);
        samples[k]?.[side].total.push(s.total);
        samples[k]?.[side].listening.push(s.listening);
      }
    }
  }
  const ways = pairs.map((p, k): ColdStartWay => {
    const side = (which: "mock" | "bare"): ColdStartSide => {
      const s = samples[k]?.[which] ?? { total: [], listening: [] };
      return { command: p[which].label, runsMs: s.total.map(r1), medianMs: r1(median(s.total)), medianListeningMs: r1(median(s.listening)) };
    };
    const mock = side("mock");
    const bare = side("bare");
    return { way: p.way, mock, bare, ratio: Math.round((mock.medianMs / bare.medianMs) * 100) / 100 };
  });
  return { runs, ways, installedError };
}
