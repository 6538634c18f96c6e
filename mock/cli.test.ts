import { spawn, type ChildProcess } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseCli } from "./cli.js";
import { REPO_ROOT } from "./spec/index.js";


/** The environment of a spawned CLI: this process's, without any of the CLI's own variables. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k === "HOST" || k === "PORT" || k.startsWith("MOCK_")) delete env[k];
  return env;
}

/** Spawns a child that `cleanup` kills (by its own handle) if the test ends with it still running. */
function run(cleanup: (fn: () => void) => void, command: string, args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
  cleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString("utf8")));
  child.stderr?.on("data", (c: Buffer) => (err += c.toString("utf8")));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("parseCli", () => {
  it("defaults to 127.0.0.1:4010 with the control API on and no overrides", () => {
    const parsed = parseCli([], {});
    expect(parsed).toMatchObject({ help: false, host: "127.0.0.1", port: 4010 });
    expect(parsed.server.control).toBe(true);
    expect(parsed.server.clock).toBeUndefined();
    expect(parsed.server.seed).toBeUndefined();
    expect(parsed.server.apiKey).toBeUndefined();
    expect(parsed.server.processingMs).toBeUndefined();
  });

  it("reads HOST, PORT and the MOCK_* variables", () => {
    const parsed = parseCli([], {
      HOST: "0.0.0.0",
      PORT: "8080",
      MOCK_SEED: "env-seed",
      MOCK_PROCESSING_MS: "250",
      MOCK_API_KEY: "env-key",
      MOCK_SERVER_HASH: "env-hash",
      MOCK_WEBHOOK_RETRY_BASE_MS: "40",
    });
    expect(parsed.host).toBe("0.0.0.0");
    expect(parsed.port).toBe(8080);
    expect(parsed.server).toMatchObject({ seed: "env-seed", processingMs: 250, apiKey: "env-key", serverHash: "env-hash", webhookRetryBaseMs: 40 });
  });

  it("lets flags win over environment variables", () => {
    const env = { HOST: "0.0.0.0", PORT: "8080", MOCK_SEED: "env-seed", MOCK_PROCESSING_MS: "250", MOCK_API_KEY: "env-key", MOCK_SERVER_HASH: "env-hash", MOCK_WEBHOOK_RETRY_BASE_MS: "40" };
    const parsed = parseCli(
      ["--host", "::1", "--port", "9000", "--seed", "flag-seed", "--processing-ms", "10", "--api-key", "flag-key", "--server-hash", "flag-hash", "--webhook-retry-base-ms", "5"],
      env,
    );
    expect(parsed.host).toBe("::1");
    expect(parsed.port).toBe(9000);
    expect(parsed.server).toMatchObject({ seed: "flag-seed", processingMs: 10, apiKey: "flag-key", serverHash: "flag-hash", webhookRetryBaseMs: 5 });
  });

  it("--strict-pdf and --pdf-page-limit (or MOCK_STRICT_PDF / MOCK_PDF_PAGE_LIMIT) reach the server options", () => {
    expect(parseCli([], {}).server).not.toHaveProperty("strictPdf");
    expect(parseCli(["--strict-pdf", "--pdf-page-limit", "10"], {}).server).toMatchObject({ strictPdf: true, pdfPageLimit: 10 });
    expect(parseCli([], { MOCK_STRICT_PDF: "1", MOCK_PDF_PAGE_LIMIT: "200" }).server).toMatchObject({ strictPdf: true, pdfPageLimit: 200 });
    expect(parseCli([], { MOCK_STRICT_PDF: "0" }).server).not.toHaveProperty("strictPdf");
    expect(() => parseCli(["--pdf-page-limit", "0"], {})).toThrow(/--pdf-page-limit must be an integer from 1/);
    expect(() => parseCli([], { MOCK_STRICT_PDF: "yes" })).toThrow(/MOCK_STRICT_PDF must be/);
  });

  it("--no-control turns the control API off", () => {
    expect(parseCli(["--no-control"], {}).server.control).toBe(false);
  });

  it("--clock manual --start-time gives a manual clock at that time", () => {
    const { server } = parseCli(["--clock", "manual", "--start-time", "2024-02-01T10:00:00Z"], {});
    const clock = server.clock;
    expect(clock).toBeDefined();
    try {
      expect(clock?.now()).toBe(Date.UTC(2024, 1, 1, 10));
      expect(clock?.now()).toBe(Date.UTC(2024, 1, 1, 10));
      clock?.advance(1000);
      expect(clock?.now()).toBe(Date.UTC(2024, 1, 1, 10, 0, 1));
    } finally {
      clock?.dispose();
    }
    expect(parseCli(["--clock", "system"], {}).server.clock).toBeUndefined();
  });

  it("reads faults and limits", () => {
    const { server } = parseCli(["--delay-ms", "20", "--failure-rate", "0.25", "--failure-status", "504", "--upload-limit", "2048", "--journal-size", "5"], {});
    expect(server.faults).toEqual({ delayMs: 20, failureRate: 0.25, failureStatus: 504 });
    expect(server).toMatchObject({ uploadLimitBytes: 2048, journalSize: 5 });
  });

  it.each([
    [["--port", "70000"], "--port"],
    [["--port", "http"], "--port"],
    [["--processing-ms", "soon"], "--processing-ms"],
    [["--processing-ms", "-1"], "--processing-ms"],
    [["--webhook-retry-base-ms", "0"], "--webhook-retry-base-ms"],
    [["--clock", "sundial"], "--clock"],
    [["--clock", "manual", "--start-time", "yesterday"], "--start-time"],
    [["--failure-status", "502"], "--failure-status"],
    [["--failure-rate", "2"], "--failure-rate"],
    [["--session-ttl-minutes", "1"], "--session-ttl-minutes"],
    [["--frobnicate"], "--frobnicate"],
  ])("rejects %j with a message naming %s", (argv, flag) => {
    expect(() => parseCli(argv, {})).toThrow(flag);
  });

  it.each([
    [{ PORT: "abc" }, "--port"],
    [{ MOCK_PROCESSING_MS: "1.5" }, "--processing-ms"],
    [{ MOCK_WEBHOOK_RETRY_BASE_MS: "x" }, "--webhook-retry-base-ms"],
  ])("rejects a bad environment value %j naming %s", (env, flag) => {
    expect(() => parseCli([], env)).toThrow(flag);
  });
});

describe("the CLI process", () => {
  it("npx tsx mock/cli.ts --help prints the usage and exits 0", async ({ expect, onTestFinished }) => {
    const p = run(onTestFinished, "npx", ["tsx", "mock/cli.ts", "--help"]);
    const { code } = await p.exited;
    expect(code).toBe(0);
    const out = p.stdout();
    expect(out).toContain("Usage:");
    for (const flag of ["--port", "--host", "--seed", "--no-control", "--clock", "--start-time"]) expect(out).toContain(flag);
    expect(out).not.toContain("listening");
  });

  it("serves on --port 0, prints the banner, answers, and exits promptly on SIGTERM", async ({ expect, onTestFinished }) => {
    const p = run(onTestFinished, process.execPath, ["--import", "tsx", "mock/cli.ts", "--port", "0", "--seed", "cli-seed"]);
    await waitFor(() => /scenarios:/.test(p.stdout()) || p.child.exitCode !== null, 10_000, "the banner");
    const banner = p.stdout();
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(url, banner + p.stderr()).toBeDefined();
    expect(banner).toContain(`${url}/bank-connect`);
    expect(banner).toMatch(/seed:\s+cli-seed\b/);
    expect(banner).toContain(`${url}/__mock/scenarios`);

    const info = await fetch(`${url}/__mock/`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ name: "bankconnect-mock", processing_ms: 3000 });

    const started = Date.now();
    p.child.kill("SIGTERM");
    const { code, signal } = await p.exited;
    expect(Date.now() - started).toBeLessThan(2000);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    await expect(fetch(`${url}/__mock/`)).rejects.toThrow();
  });
});
