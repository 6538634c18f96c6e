/** Pre-flight: each way a run cannot judge is one sentence naming the setting, found within the budget. */
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readTargetEnv } from "./env.js";
import { checkStatementFiles, preflight, PREFLIGHT_BUDGET_MS } from "./preflight.js";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function server(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  closers.push(() => new Promise((r) => { s.closeAllConnections(); s.close(() => r()); }));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const env = (extra: Record<string, string>) => readTargetEnv({ BANKCONNECT_API_KEY: "k", BANKCONNECT_SERVER_HASH: "h", ...extra });

describe("pre-flight", () => {
  it("an unreachable target: one sentence naming BANKCONNECT_BASE_URL, well within the budget", async () => {
    const origin = await server(() => undefined);
    await closers.pop()?.(); // the port is now closed
    const started = Date.now();
    const r = await preflight({ env: env({ BANKCONNECT_BASE_URL: `${origin}/bank-connect` }) });
    expect(r.ok).toBe(false);
    expect(r.problem).toMatch(/^Cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): check BANKCONNECT_BASE_URL/);
    expect(Date.now() - started).toBeLessThan(PREFLIGHT_BUDGET_MS);
  });

  it("a target that never answers is given up within the budget", async () => {
    const origin = await server(() => undefined); // accepts, never responds
    const started = Date.now();
    const r = await preflight({ env: env({ BANKCONNECT_BASE_URL: `${origin}/bank-connect` }), budgetMs: 600 });
    expect(r.problem).toMatch(/no answer within/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("HTML or 404 for the API paths: the base URL must end in /bank-connect", async () => {
    const html = await server((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>hello</html>"));
    expect((await preflight({ env: env({ BANKCONNECT_BASE_URL: html }) })).problem).toMatch(/answers HTML \(200\): BANKCONNECT_BASE_URL must be the API base ending in \/bank-connect/);
    const notFound = await server((_req, res) => res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"NOT_FOUND","message":"x"}}'));
    expect((await preflight({ env: env({ BANKCONNECT_BASE_URL: notFound }) })).problem).toMatch(/answers 404: BANKCONNECT_BASE_URL/);
  });

  it("credentials refused: names BANKCONNECT_API_KEY and BANKCONNECT_SERVER_HASH", async () => {
    const origin = await server((req, res) =>
      req.url?.startsWith("/__mock") ? res.writeHead(404).end() : res.writeHead(403, { "content-type": "application/json" }).end('{"error":{"code":"ACCESS_DENIED","message":"Authentication credentials were not provided."}}'),
    );
    const r = await preflight({ env: env({ BANKCONNECT_BASE_URL: `${origin}/bank-connect` }) });
    expect(r.problem).toMatch(/refused the credentials \(403 .*ACCESS_DENIED.*\): check BANKCONNECT_API_KEY and BANKCONNECT_SERVER_HASH/);
  });

  it("a real server without credentials: asks for them before anything is sent to the API", async () => {
    const seen: string[] = [];
    const origin = await server((req, res) => {
      seen.push(req.url ?? "");
      res.writeHead(404).end();
    });
    const r = await preflight({ env: readTargetEnv({ BANKCONNECT_BASE_URL: `${origin}/bank-connect` }) });
    expect(r.problem).toMatch(/set BANKCONNECT_API_KEY and BANKCONNECT_SERVER_HASH/);
    expect(seen).toEqual(["/__mock/"]);
  });

  it("a healthy real server passes and says what a full run needs", async () => {
    const origin = await server((req, res) =>
      req.url?.startsWith("/__mock") ? res.writeHead(404).end() : res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ count: 2000, banks: Array.from({ length: 2000 }, (_, i) => ({ name: `bank-${i}` })) })),
    );
    const r = await preflight({ env: env({ BANKCONNECT_BASE_URL: `${origin}/bank-connect` }) });
    expect(r.ok).toBe(true);
    expect(r.notes.join("\n")).toMatch(/a full run on a real server needs about \d+ sessions/);
    expect(r.notes.join("\n")).toMatch(/no BANKCONNECT_STATEMENT_FILES/);
  });

  it("a malformed setting is named before any request", async () => {
    const r = await preflight({ env: readTargetEnv({}), fetch: () => Promise.reject(new Error("no request expected")) as never });
    expect(r).toMatchObject({ ok: true, isMock: true }); // no target: the in-process mock
    expect(() => readTargetEnv({ BANKCONNECT_MAX_SESSIONS: "many" })).toThrow(/BANKCONNECT_MAX_SESSIONS must be a non-negative integer/);
    expect(() => readTargetEnv({ BANKCONNECT_FROM_DATE: "2024-01-01" })).toThrow(/BANKCONNECT_FROM_DATE must be DD\/MM\/YYYY/);
  });
});

describe("statement files are checked before any session is made", () => {
  const dir = mkdtempSync(join(tmpdir(), "ct-files-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("distinct PDFs pass; one file is not enough for multibanking", () => {
    expect(checkStatementFiles([file("a.pdf", "%PDF-1.4 a"), file("b.pdf", "%PDF-1.4 b")])).toEqual({ notes: ["statement files: 2 distinct PDF(s)"] });
    expect(checkStatementFiles([file("c.pdf", "%PDF-1.4 c")]).notes.join(" ")).toMatch(/multibanking needs statements of two banks/);
  });

  it("the same bytes twice, a missing file, an empty file or a non-PDF is refused with the file's name", () => {
    expect(checkStatementFiles([file("d.pdf", "%PDF-1.4 same"), file("e.pdf", "%PDF-1.4 same")]).problem).toMatch(/d\.pdf and .*e\.pdf, which have the same bytes/);
    expect(checkStatementFiles([join(dir, "missing.pdf")]).problem).toMatch(/missing\.pdf, which cannot be read/);
    expect(checkStatementFiles([file("f.pdf", "")]).problem).toMatch(/f\.pdf, which is empty/);
    expect(checkStatementFiles([file("g.pdf", "hello")]).problem).toMatch(/g\.pdf, which is not a PDF/);
  });
});
