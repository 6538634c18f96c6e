import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetPath, PACKAGE_ROOT } from "../../openapi/lib/assets.js";
import { createClock } from "../core/clock.js";
import { createMockServer, type MockServer } from "../http/server.js";
import { ControlError, resolveControlTarget } from "./control-client.js";
import { runDeliveries } from "./deliveries-command.js";
import { UsageError } from "./options.js";
import { readCatalogue, renderScenarios, runScenarios } from "./scenarios-command.js";
import { runTrigger, triggerRequest } from "./trigger-command.js";

/** The environment of a spawned CLI: this process's, without any of the CLI's own variables. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k === "HOST" || k === "PORT" || k.startsWith("MOCK_") || k.startsWith("BANKCONNECT_")) delete env[k];
  return env;
}

/** Spawns the CLI from its sources; `cleanup` kills it (by its own handle) if the test ends with it still running. */
function cli(cleanup: (fn: () => void) => void, args: string[]): { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, ["--import", "tsx", "mock/cli/main.ts", ...args], { cwd: PACKAGE_ROOT, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
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

describe("the bankconnect-mock process", () => {
  it("--help lists every server option and the sub-commands, and starts nothing", async ({ expect, onTestFinished }) => {
    const p = cli(onTestFinished, ["--help"]);
    const { code } = await p.exited;
    expect(code).toBe(0);
    const out = p.stdout();
    expect(out).toContain("Usage: bankconnect-mock");
    for (const flag of ["--port", "--host", "--seed", "--no-control", "--clock", "--start-time", "--webhook-secret", "--failure-rate"]) expect(out).toContain(flag);
    // commander wraps help text at the terminal width, so a line break may sit inside "env NAME".
    for (const env of ["PORT", "MOCK_SEED", "MOCK_CLOCK"]) expect(out).toMatch(new RegExp(`env\\s+${env}\\)`));
    for (const sub of ["scenarios", "trigger", "deliveries"]) expect(out).toMatch(new RegExp(`^\\s+${sub}\\b`, "m"));
    expect(out).not.toContain("listening");
  });

  it("--version prints the package's version", async ({ expect, onTestFinished }) => {
    const p = cli(onTestFinished, ["--version"]);
    expect((await p.exited).code).toBe(0);
    const { version } = JSON.parse(readFileSync(assetPath("package.json"), "utf8")) as { version: string };
    expect(p.stdout().trim()).toBe(version);
  });

  it("a bad value exits 2 with a message naming the flag, before listening", async ({ expect, onTestFinished }) => {
    const p = cli(onTestFinished, ["--port", "http"]);
    expect((await p.exited).code).toBe(2);
    expect(p.stderr()).toContain("--port must be an integer");
    expect(p.stdout()).not.toContain("listening");
  });

  it("an unknown trigger exits 2 listing the valid events and transitions", async ({ expect, onTestFinished }) => {
    const p = cli(onTestFinished, ["trigger", "explode", "--session", "s1", "--api-key", "k"]);
    expect((await p.exited).code).toBe(2);
    expect(p.stderr()).toContain("finish_processing");
    expect(p.stderr()).toContain("ENRICHMENT_NOTIFICATION");
  });

  it("a state file that cannot be loaded exits 2 with its reason and is left untouched", async ({ expect, onTestFinished }) => {
    const dir = mkdtempSync(join(tmpdir(), "mock-state-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "state.json");
    writeFileSync(path, "{ not json");
    const p = cli(onTestFinished, ["--port", "0", "--state-file", path]);
    const { code } = await p.exited;
    expect(code).toBe(2);
    expect(p.stderr()).toMatch(/cannot load the state file/);
    expect(p.stdout()).not.toMatch(/listening on/);
    expect(readFileSync(path, "utf8")).toBe("{ not json");
  });

  it("the banner says whether /__mock needs a control token", async ({ expect, onTestFinished }) => {
    const p = cli(onTestFinished, ["--port", "0", "--control-token", "s3cret"]);
    await waitFor(() => /control token:/.test(p.stdout()), 30_000, "the banner");
    expect(p.stdout()).toMatch(/control token: required on \/__mock/);
    const url = /^BankConnect mock listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(p.stdout())?.[1];
    expect((await fetch(`${url}/__mock/`)).status).toBe(401);
    expect((await fetch(`${url}/__mock/`, { headers: { "x-mock-control-token": "s3cret" } })).status).toBe(200);
    p.child.kill("SIGTERM");
    await p.exited;
  });

  it("serves on --port 0, prints the URL first, answers, and exits promptly on SIGTERM", async ({ expect, onTestFinished }) => {
    const p = cli(onTestFinished, ["--port", "0", "--seed", "cli-seed"]);
    await waitFor(() => /scenarios:/.test(p.stdout()) || p.child.exitCode !== null, 15_000, "the banner");
    const banner = p.stdout();
    const url = /^BankConnect mock listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(banner)?.[1];
    expect(url, banner + p.stderr()).toBeDefined();
    expect(banner).toContain(`${url}/bank-connect`);
    expect(banner).toMatch(/seed:\s+cli-seed\b/);

    const info = await fetch(`${url}/__mock/`);
    expect(info.status).toBe(200);
    // The seed is not shown (it once also signed file links); the banner printed it to the operator.
    const identity = (await info.json()) as Record<string, unknown>;
    expect(identity).toMatchObject({ name: "bankconnect-mock", processing_ms: 3000 });
    expect(identity).not.toHaveProperty("seed");

    const started = Date.now();
    p.child.kill("SIGTERM");
    const { code, signal } = await p.exited;
    expect(Date.now() - started).toBeLessThan(2000);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    await expect(fetch(`${url}/__mock/`)).rejects.toThrow();
  });
});

describe("bankconnect-mock scenarios", () => {
  it("lists every catalogue entry with a recipe that names it", () => {
    const catalogue = readCatalogue();
    const text = renderScenarios(catalogue);
    for (const s of catalogue.session) expect(text).toContain(`-H 'x-mock-scenario: ${s.name}' -d`);
    for (const s of catalogue.statement) expect(text).toContain(`-H 'x-mock-scenario: ${s.code}' -F session_id=$SID`);
    for (const j of catalogue.journeys) expect(text).toContain(`  ${j.name}  (${j.seed})`);
    for (const t of ["expire", "complete_upload", "finish_processing", "fail_account", "set_scenario"]) expect(text).toContain(`trigger ${t} --session $SID`);
  });

  it("--json prints the shipped catalogue as data", () => {
    const lines: string[] = [];
    runScenarios({ json: true }, (l) => lines.push(l));
    const printed = JSON.parse(lines.join("\n")) as Record<string, unknown>;
    const catalogue = JSON.parse(readFileSync(assetPath("fixtures/scenarios/catalogue.json"), "utf8")) as Record<string, unknown>;
    expect(printed).toEqual({ session: catalogue.session, statement: catalogue.statement, journeys: catalogue.journeys });
  });
});

describe("trigger and deliveries against a running mock", () => {
  const KEY = "cli-tenant";
  let mock: MockServer;
  let url: string;
  const sent: string[] = [];

  beforeAll(async () => {
    mock = createMockServer({
      seed: "cli-sub",
      clock: createClock({ mode: "manual" }),
      webhookSend: async (request) => {
        sent.push(request.body);
        return { status_code: 200 };
      },
    });
    url = (await mock.listen(0)).url;
  });
  afterAll(() => mock.close());

  async function createSession(): Promise<string> {
    const res = await fetch(`${url}/bank-connect/v1/session/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ link_id: "cli", api_key: KEY, from_date: "01/01/2024", to_date: "31/03/2024" }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { session_id: string }).session_id;
  }

  async function subscribe(): Promise<void> {
    const res = await fetch(`${url}/bank-connect/v1/session_data/update_webhook/`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": KEY, "server-hash": "h" },
      body: JSON.stringify({ webhook_url: "http://127.0.0.1:9/hooks", webhook_mode: 1 }),
    });
    expect(res.status).toBe(200);
  }

  it("trigger expire moves the session to EXPIRED and says so", async () => {
    const sid = await createSession();
    const out: string[] = [];
    await runTrigger("expire", { session: sid, url, apiKey: KEY }, {}, (l) => out.push(l));
    expect(out[0]).toContain(`expire on session ${sid}: phase EXPIRED`);
    const detail = (await (await fetch(`${url}/__mock/sessions/${sid}`, { headers: { "x-api-key": KEY } })).json()) as { phase: string };
    expect(detail.phase).toBe("EXPIRED");
  });

  it("trigger <EVENT> sends a spec-valid webhook, and deliveries lists it as delivered", async () => {
    await subscribe();
    const sid = await createSession();
    const out: string[] = [];
    await runTrigger("session_requirement_completion_notification", { session: sid, url, apiKey: KEY }, {}, (l) => out.push(l));
    expect(out[0]).toContain("SESSION_REQUIREMENT_COMPLETION_NOTIFICATION for session");
    expect(out[0]).toContain("valid against the spec");
    expect(out[1]).toContain("→ http://127.0.0.1:9/hooks");
    await mock.webhooks.idle();
    expect(sent.some((b) => b.includes(sid))).toBe(true);

    const lines: string[] = [];
    await runDeliveries({ session: sid, url, apiKey: KEY }, {}, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`delivered\\s+SESSION_REQUIREMENT_COMPLETION_NOTIFICATION  session ${sid} .*\\[attempt 1: 200 in \\d+ ms\\]`));
  });

  it("deliveries --follow prints a delivery made after it started, once, and stops when aborted", async () => {
    await subscribe();
    const sid = await createSession();
    const lines: string[] = [];
    const stop = new AbortController();
    const following = runDeliveries({ session: sid, url, apiKey: KEY, follow: true, interval: "20", json: true }, {}, (l) => lines.push(l), stop.signal);
    await runTrigger("SESSION_EXPIRY_NOTIFICATION", { session: sid, url, apiKey: KEY }, {}, () => {});
    await mock.webhooks.idle();
    await waitFor(() => lines.some((l) => l.includes('"status":"delivered"')), 5000, "the delivered line");
    // A few more polls must not print the same, unchanged delivery again.
    const polled = lines.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(lines.length).toBe(polled);
    stop.abort();
    await following;
    const delivered = lines.map((l) => JSON.parse(l) as { event_name: string; status: string }).filter((d) => d.status === "delivered");
    expect(delivered.map((d) => d.event_name)).toEqual(["SESSION_EXPIRY_NOTIFICATION"]);
  });

  it("a control API error comes back as one sentence with the envelope's code", async () => {
    await expect(runTrigger("finish_processing", { session: "no-such-session", url, apiKey: KEY }, {}, () => {})).rejects.toThrow(/→ 404 .+/);
  });

  it("no mock at the URL is a ControlError saying how to start one", async () => {
    const closed = createMockServer();
    const listening = await closed.listen(0);
    await listening.close();
    await closed.close();
    const failure = runTrigger("expire", { session: "s", url: listening.url, apiKey: KEY }, {}, () => {});
    await expect(failure).rejects.toBeInstanceOf(ControlError);
    await expect(failure).rejects.toThrow("start one with `bankconnect-mock`");
  });
});

describe("trigger and control options: what is checked before any request", () => {
  it.each([
    ["fail_account", { session: "s" }, "--error-code"],
    ["set_scenario", { session: "s" }, "--scenario"],
    ["expire", {}, "--session"],
    ["melt", { session: "s" }, "unknown event or transition"],
  ])("%s with %j names %s", (name, values, text) => {
    expect(() => triggerRequest(name, values)).toThrow(UsageError);
    expect(() => triggerRequest(name, values)).toThrow(text);
  });

  it("accepts dashed transitions and any-case events, and sends the extra fields", () => {
    expect(triggerRequest("fail-account", { session: "s 1", errorCode: "BALANCE_MISMATCH" })).toEqual({
      kind: "transition",
      path: "/sessions/s%201/transition",
      body: { action: "fail_account", error_code: "BALANCE_MISMATCH" },
    });
    expect(triggerRequest("enrichment_notification", { session: "s" })).toMatchObject({ kind: "event", path: "/sessions/s/webhooks/ENRICHMENT_NOTIFICATION" });
  });

  it("the tenant comes from --api-key, then BANKCONNECT_API_KEY, then MOCK_API_KEY; none is a usage error", () => {
    expect(resolveControlTarget({ apiKey: "flag" }, { BANKCONNECT_API_KEY: "env" }).apiKey).toBe("flag");
    expect(resolveControlTarget({}, { BANKCONNECT_API_KEY: "env", MOCK_API_KEY: "pinned" }).apiKey).toBe("env");
    expect(resolveControlTarget({}, { MOCK_API_KEY: "pinned" }).apiKey).toBe("pinned");
    expect(() => resolveControlTarget({}, {})).toThrow("--api-key");
    expect(resolveControlTarget({ url: "http://127.0.0.1:4999/bank-connect", apiKey: "k" }, {}).origin).toBe("http://127.0.0.1:4999");
    expect(() => resolveControlTarget({ url: "ftp://x", apiKey: "k" }, {})).toThrow("--url must be http(s)");
  });
});
