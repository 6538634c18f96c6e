/**
 * The package as a user meets it: `npm pack` (which builds through `prepare`), install the tarball
 * into a fresh project in the temp directory (dependencies from the npm cache or registry, nothing
 * copied from this repository), then use both executables and the typed imports from there.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../openapi/lib/assets.js";

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of every consumer command: no npm lifecycle variables of the `npm test` running
 * this (they point at this repository), no vitest worker variables, none of the kit's own settings.
 * Registry and cache settings stay, so CI mirrors keep working.
 */
function consumerEnv(): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_registry", "npm_config_userconfig"]);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    const lower = k.toLowerCase();
    if (lower.startsWith("npm_") && !keep.has(lower)) continue;
    if (k.startsWith("VITEST") || k.startsWith("BANKCONNECT_") || k.startsWith("CONTRACT_") || k.startsWith("MOCK_")) continue;
    if (["HOST", "PORT", "NODE_OPTIONS", "INIT_CWD", "TSX_TSCONFIG_PATH"].includes(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: "1", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}

function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<Done> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: consumerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} took over ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

describe("the packed package, installed into a fresh project", () => {
  let work: string;
  let project: string;
  let tarball: string;
  let packedFiles: string[];
  let server: { pid: number; url: string; output: () => string } | undefined;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "bcmk-installed-"));
    project = join(work, "consumer");
    const packed = await run("npm", ["pack", "--json", "--pack-destination", work, ...NPM_FLAGS], PACKAGE_ROOT, 180_000);
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = join(work, info?.filename ?? "missing.tgz");
    packedFiles = (info?.files ?? []).map((f) => f.path);

    mkdirSync(project);
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2)}\n`);
    // TypeScript and Node's types at this repository's versions, so the npm cache already holds them.
    const installed = await run(
      "npm",
      ["install", ...NPM_FLAGS, "--save-dev", tarball, `typescript@${installedVersion("typescript")}`, `@types/node@${installedVersion("@types/node")}`],
      project,
      240_000,
    );
    expect(installed.code, `${installed.stdout}\n${installed.stderr}`).toBe(0);
  }, 420_000);

  afterAll(() => {
    if (server) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it("the tarball holds the build, the specs and the runtime fixtures, and no sources or tests", () => {
    for (const f of ["dist/mock/cli/main.js", "dist/contract-tests/run.js", "dist/mock/index.d.ts", "openapi/bankconnect.yaml", "openapi/generated/bankconnect.json", "fixtures/error-codes.json", "fixtures/scenarios/catalogue.json", "package.json"]) {
      expect(packedFiles).toContain(f);
    }
    const unexpected = packedFiles.filter(
      (f) =>
        (f.endsWith(".ts") && !f.endsWith(".d.ts")) ||
        /(^|\/)(selfcheck|testing)\//.test(f) ||
        /^dist\/mock\/.*\.test\.js$/.test(f) ||
        f.startsWith("fixtures/docs-examples") ||
        (f.startsWith("scripts/") && f !== "scripts/build.mjs"),
    );
    expect(unexpected).toEqual([]);
  });

  it("npx bankconnect-mock --port 0 prints its URL and serves the API", async () => {
    const child = spawn("npx", ["bankconnect-mock", "--port", "0", "--seed", "installed"], { cwd: project, env: consumerEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 60 s:\n${output}`)), 60_000);
      child.stdout.on("data", () => {
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.on("exit", (code) => reject(new Error(`bankconnect-mock exited ${code}:\n${output}`)));
    });
    server = { pid: child.pid as number, url, output: () => output };

    const newSession = async (): Promise<string> => {
      const created = await fetch(`${url}/bank-connect/v1/session/`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ link_id: "installed", api_key: "installed-key", from_date: "01/01/2024", to_date: "31/03/2024" }),
      });
      expect(created.status).toBe(200);
      const { session_id } = (await created.json()) as { session_id: string };
      expect(session_id).toMatch(/\S/);
      return session_id;
    };

    // A sample statement shipped in the package, read by the installed PDF reader.
    const pdfSession = await newSession();
    const form = new FormData();
    form.set("session_id", pdfSession);
    form.set("upload_type", "PDF");
    const pdf = readFileSync(join(project, "node_modules/bankconnect-mock-kit/fixtures/statements/axis-compressed-objects-jan-mar-2024.pdf"));
    form.set("file", new Blob([pdf], { type: "application/pdf" }), "statement.pdf");
    const uploaded = await fetch(`${url}/bank-connect/v1/statement/upload_session/`, { method: "POST", headers: { "x-api-key": "installed-key" }, body: form });
    const uploadBody = (await uploaded.json()) as Record<string, unknown>;
    expect(uploaded.status, JSON.stringify(uploadBody)).toBe(200);
    expect(uploadBody).toMatchObject({ bank_name: "axis", page_count: 2 });

    const session_id = await newSession();
    // The sub-commands of the installed executable reach the same server.
    const triggered = await run("npx", ["bankconnect-mock", "trigger", "expire", "--session", session_id, "--url", url, "--api-key", "installed-key"], project, 60_000);
    expect(triggered.code, triggered.stderr).toBe(0);
    expect(triggered.stdout).toContain(`expire on session ${session_id}: phase EXPIRED`);
  }, 120_000);

  it("npx bankconnect-contract --base-url … passes against it and writes the reports", async () => {
    expect(server, "the mock of the previous test").toBeDefined();
    const baseUrl = `${server?.url}/bank-connect`;
    const contract = await run("npx", ["bankconnect-contract", "--base-url", baseUrl, "--quiet", "--report-dir", "contract-reports"], project, 240_000);
    const summaryPath = join(project, "contract-reports", "summary.md");
    const summary = existsSync(summaryPath) ? readFileSync(summaryPath, "utf8") : "(no summary.md)";
    expect(contract.code, `${contract.stdout}\n${contract.stderr}\n${summary}`).toBe(0);
    expect(summary).toContain("PASSED: the target kept the contract");
    expect(summary).toContain(`target: ${baseUrl}`);
    const junit = readFileSync(join(project, "contract-reports", "junit.xml"), "utf8");
    expect(junit).toMatch(/<testsuites [^>]*failures="0"/);
    expect(junit).toMatch(/<testsuites [^>]*tests="[1-9]\d*"/);
    // Nothing was written into the installed package (vitest caches, config bundles).
    const inside = readdirSync(join(project, "node_modules/bankconnect-mock-kit"), { recursive: true }).map(String);
    expect(inside.filter((f) => f.includes("node_modules") || f.includes(".timestamp-"))).toEqual([]);
  }, 300_000);

  it("npx bankconnect-contract with no URL runs against a mock it starts in-process", async () => {
    // One file of the suite that runs the core lifecycle (a verdict needs it): the mode, not the whole suite again, is what this proves.
    const contract = await run("npx", ["bankconnect-contract", "seed-scenarios", "--quiet", "--report-dir", "in-process-reports"], project, 180_000);
    const summaryPath = join(project, "in-process-reports", "summary.md");
    const summary = existsSync(summaryPath) ? readFileSync(summaryPath, "utf8") : "(no summary.md)";
    expect(contract.code, `${contract.stdout}\n${contract.stderr}\n${summary}`).toBe(0);
    expect(summary).toContain("PASSED");
    expect(summary).toContain("(mock started in-process on port 0)");
  }, 200_000);

  it("imports type-check from a TypeScript project, and run: createMockServer, runContract, the spec and its types", async () => {
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: ["node"] }, include: ["check.ts"] }),
    );
    writeFileSync(
      join(project, "check.ts"),
      [
        'import { createClock, createMockServer, type MockServer, type MockServerOptions } from "bankconnect-mock-kit";',
        'import { runContract, type ContractRun, type RunContractOptions } from "bankconnect-mock-kit/contract";',
        'import type { CreateSessionRequest, CreateSessionResponse } from "bankconnect-mock-kit/types";',
        "",
        'const options: MockServerOptions = { seed: "typed", clock: createClock({ mode: "manual" }) };',
        "const mock: MockServer = createMockServer(options);",
        "const listening = await mock.listen(0);",
        "const url: string = listening.url;",
        'const body: CreateSessionRequest = { link_id: "t", api_key: "k", from_date: "01/01/2024", to_date: "31/03/2024" };',
        "const res = await fetch(`${url}/bank-connect/v1/session/`, { method: \"POST\", headers: { \"content-type\": \"application/json\" }, body: JSON.stringify(body) });",
        "const created = (await res.json()) as CreateSessionResponse;",
        "mock.clock.advance(1000);",
        "await listening.close();",
        "await mock.close();",
        'const contractOptions: RunContractOptions = { env: { BANKCONNECT_BASE_URL: url }, progress: "none" };',
        "const run: (o: RunContractOptions) => Promise<ContractRun> = runContract;",
        "// The types are real, not any: a wrong option is an error.",
        "// @ts-expect-error seed must be a string or a number",
        "createMockServer({ seed: { not: \"a seed\" } });",
        "export { created, contractOptions, run };",
        "",
      ].join("\n"),
    );
    const tsc = await run(process.execPath, [join(project, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], project, 120_000);
    expect(tsc.code, `${tsc.stdout}\n${tsc.stderr}`).toBe(0);

    writeFileSync(
      join(project, "runtime.mjs"),
      [
        'import { createMockServer } from "bankconnect-mock-kit";',
        'import { runContract } from "bankconnect-mock-kit/contract";',
        'import spec from "bankconnect-mock-kit/openapi.json" with { type: "json" };',
        'import { readFileSync } from "node:fs";',
        'import { fileURLToPath } from "node:url";',
        'const yaml = readFileSync(fileURLToPath(import.meta.resolve("bankconnect-mock-kit/openapi.yaml")), "utf8");',
        'const mock = createMockServer({ seed: "runtime" });',
        "const { url, close } = await mock.listen(0);",
        "const info = await (await fetch(`${url}/__mock/`)).json();",
        "await close();",
        "await mock.close();",
        "console.log(JSON.stringify({ name: info.name, openapi: spec.openapi, yaml: yaml.startsWith(\"openapi: 3.1\"), runContract: typeof runContract }));",
        "",
      ].join("\n"),
    );
    const ran = await run(process.execPath, ["runtime.mjs"], project, 60_000);
    expect(ran.code, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout.trim())).toEqual({ name: "bankconnect-mock", openapi: "3.1.0", yaml: true, runContract: "function" });
  }, 180_000);
});
