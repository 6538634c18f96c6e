import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../openapi/lib/index.js";

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, "SIGKILL");
});

describe("npm start leaves no orphan", () => {
  it("the server shuts down when the process that started it under npm is killed with SIGKILL", async () => {
    // A stand-in for npm: starts the CLI as npm would (npm_lifecycle_event set), prints its pid, then idles.
    const launcher = `
      const { spawn } = require("node:child_process");
      const child = spawn(process.execPath, ["--import", "tsx", "mock/cli/main.ts", "--port", "0"], { stdio: "inherit", env: { ...process.env, npm_lifecycle_event: "start" } });
      console.log("CHILD " + child.pid);
      setInterval(() => {}, 1000);
    `;
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (k === "HOST" || k === "PORT" || k.startsWith("MOCK_")) delete env[k];
    const npm = spawn(process.execPath, ["-e", launcher], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    started.push(npm.pid as number);
    let out = "";
    npm.stdout.on("data", (c: Buffer) => (out += c.toString()));
    const deadline = Date.now() + 30_000;
    while (!/listening on http/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(out).toMatch(/listening on http/);
    const serverPid = Number(/CHILD (\d+)/.exec(out)?.[1]);
    started.push(serverPid);
    expect(alive(serverPid)).toBe(true);

    npm.kill("SIGKILL");
    const gone = Date.now() + 10_000;
    while (alive(serverPid) && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
    expect(alive(serverPid), "the server outlived the process that started it").toBe(false);
  }, 60_000);
});
