/**
 * The Express mock and the MSW handlers, given the same seed, the same manual clock start and the same
 * requests, answer the same statuses, headers that matter and bytes: every seed journey, every
 * documented code forced on every operation, the session and statement scenarios, the faults, bad
 * input, and the control API. The MSW side runs through MSW's own handler matching (getResponse);
 * the Express side through a real socket.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getResponse } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClock } from "../core/clock.js";
import { createMockServer, type Listening, type MockServer } from "../http/server.js";
import { readPdf } from "../pdf/read.js";
import { REPO_ROOT } from "../../openapi/lib/index.js";
import { contractProblems } from "../testing/spec-client.js";
import { bankConnectHandlers, type BankConnectHandlers } from "./index.js";

const SEED = "parity";
const LINK_SECRET = "parity-link-secret";
const START = Date.UTC(2024, 5, 1, 9, 0, 0);
const KEY = "parity-key";
const AUTH = { "x-api-key": KEY, "server-hash": "parity-hash" };

interface Call {
  method: string;
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  raw?: { contentType: string; body: string };
  form?: Array<[string, string] | [string, Uint8Array, string]>;
}

interface Seen {
  call: string;
  status: number | "network-error";
  headers: Record<string, string>;
  body: string;
}

type Transport = (url: string, init: RequestInit) => Promise<Response | "network-error">;

/** Builds a fresh init per call: a body stream can be sent once. */
function initOf(c: Call): RequestInit {
  const headers: Record<string, string> = { ...c.headers };
  let body: RequestInit["body"];
  if (c.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(c.json);
  } else if (c.raw) {
    headers["content-type"] = c.raw.contentType;
    body = c.raw.body;
  } else if (c.form) {
    const form = new FormData();
    for (const part of c.form) {
      if (part.length === 2) form.append(part[0], part[1]);
      else form.append(part[0], new Blob([part[1]], { type: "application/pdf" }), part[2]);
    }
    body = form;
  }
  return { method: c.method, headers, ...(body !== undefined ? { body } : {}) };
}

const pdf = (label: string) => new TextEncoder().encode(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${label}\n/Font /F1\n%%EOF\n`);

/** The request script: journeys, scenarios, forced codes. Later calls use ids earlier answers gave. */
async function script(send: (c: Call) => Promise<{ status: number | "network-error"; json: any }>, forcedCodes: Array<{ operationId: string; method: string; path: string; code: string }>): Promise<void> {
  const api = (p: string) => `/bank-connect/v1${p}`;
  const create = async (link: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    (await send({ method: "POST", path: api("/session/"), headers, json: { link_id: link, api_key: KEY, from_date: "01/01/2024", to_date: "31/03/2024", ...extra } })).json?.session_id as string;
  const upload = (sid: string, label: string, fields: Array<[string, string]> = [], headers: Record<string, string> = {}, fileName = "statement.pdf") =>
    send({ method: "POST", path: api("/statement/upload_session/"), headers: { ...AUTH, ...headers }, form: [["session_id", sid], ["upload_type", "PDF"], ...fields, ["file", pdf(label), fileName]] });
  const get = (p: string, headers: Record<string, string> = {}) => send({ method: "GET", path: api(p), headers: { ...AUTH, ...headers } });
  const post = (p: string, headers: Record<string, string> = {}) => send({ method: "POST", path: api(p), headers: { ...AUTH, ...headers } });
  const advance = (ms: number) => send({ method: "POST", path: "/__mock/clock/advance", json: { ms } });
  const reads = async (sid: string) => {
    for (const r of ["upload_status/", "progress/", "session_status/", "insights/", "subscribed_data/", "get_pdfs/"]) await get(`/session_data/${sid}/${r}`);
    await get(`/session_data/session_upload_status/${sid}/`);
    await send({ method: "GET", path: `/__mock/sessions/${sid}`, headers: AUTH });
    await send({ method: "GET", path: `/__mock/sessions/${sid}/webhook_payloads`, headers: AUTH });
  };

  // The control API's own reads.
  for (const p of ["/__mock/", "/__mock/scenarios", "/__mock/clock", "/__mock/stats", "/__mock/webhooks/config", "/__mock/nope"]) await send({ method: "GET", path: p, headers: AUTH });
  await send({ method: "POST", path: api("/session_data/update_webhook/"), headers: AUTH, json: { webhook_url: "https://example.com/hook", webhook_mode: [] } });

  // Seed journey 1: single account, end to end, then the PDF link and delete.
  const single = await create("parity-single");
  await reads(single);
  await upload(single, "single", [["bank_name", "hdfc"]]);
  await reads(single);
  await post(`/session_data/${single}/initiate_processing/`);
  await post(`/session_data/${single}/initiate_processing/`);
  await reads(single);
  await advance(3000);
  await reads(single);
  const pdfs = await get(`/session_data/${single}/get_pdfs/`);
  const link = new URL(pdfs.json.statements[0].pdf_url as string);
  await send({ method: "GET", path: `${link.pathname}${link.search}` });
  await send({ method: "GET", path: `${link.pathname}?expires=1&signature=forged` });
  await send({ method: "DELETE", path: api(`/session_data/${single}/delete/`), headers: AUTH });
  await reads(single);

  // Seed journey 2: multibanking.
  const multi = await create("parity-multi", { journey_mode: "multi_banking" }, { "x-mock-scenario": "multibanking" });
  await upload(multi, "multi-a", [["bank_name", "hdfc"]]);
  await get(`/session_data/${multi}/upload_status/`);
  await upload(multi, "multi-b", [["bank_name", "sbi"]]);
  await post(`/session_data/${multi}/initiate_processing/`);
  await advance(3000);
  await reads(multi);

  // Seed journey 3: the user revisits three months later.
  const first = await create("parity-revisit");
  await upload(first, "revisit");
  await post(`/session_data/${first}/initiate_processing/`);
  await advance(3000);
  await advance(92 * 86_400_000);
  const second = await create("parity-revisit");
  await reads(first);
  await reads(second);
  await upload(first, "revisit-late");

  // Seed journey 4: drop-off, completed within the TTL in one session and expired in another.
  const kept = await create("parity-drop-kept", { session_expiry: 30 }, { "x-mock-scenario": "drop_off" });
  await upload(kept, "drop-1", [["bank_name", "icici"]]);
  await get(`/session_data/${kept}/upload_status/`);
  await upload(kept, "drop-2", [["bank_name", "icici"]]);
  await get(`/session_data/${kept}/upload_status/`);
  const lost = await create("parity-drop-lost", { session_expiry: 30 }, { "x-mock-scenario": "drop_off" });
  await upload(lost, "drop-3");
  await advance(31 * 60_000);
  await reads(lost);
  await upload(lost, "drop-4");
  await post(`/session_data/${lost}/initiate_processing/`);

  // Every session scenario, processed to its outcome; every statement scenario on upload.
  const catalogue = JSON.parse(readFileSync(join(REPO_ROOT, "fixtures/scenarios/catalogue.json"), "utf8")) as { session: Array<{ name: string }>; statement: Array<{ code: string }> };
  for (const { name } of catalogue.session) {
    const sid = await create(`parity-${name}`, {}, { "x-mock-scenario": name });
    await upload(sid, `scenario-${name}`);
    await post(`/session_data/${sid}/initiate_processing/`);
    await advance(3000);
    await reads(sid);
  }
  const host = await create("parity-statements");
  for (const { code } of catalogue.statement) await upload(host, `statement-${code}`, [], { "x-mock-scenario": code });
  await upload(host, "by-name", [], {}, "statement-PDF_IS_IMAGE.pdf");
  await get(`/session_data/${host}/upload_status/`);

  // Forced transitions through the control API.
  const forced = await create("parity-forced");
  await upload(forced, "forced");
  for (const body of [{ action: "finish_processing" }, { action: "fail_account", error_code: "BALANCE_MISMATCH" }, { action: "expire" }, { action: "bogus" }]) {
    await send({ method: "POST", path: `/__mock/sessions/${forced}/transition`, headers: AUTH, json: body });
  }
  await send({ method: "POST", path: `/__mock/sessions/${forced}/webhooks/SESSION_EXPIRY_NOTIFICATION`, headers: AUTH });

  // Every documented code of every operation, forced with x-mock-scenario; then the faults.
  const target = await create("parity-codes");
  for (const f of forcedCodes) {
    const path = f.path.replace("{session_id}", target);
    const headers = { ...AUTH, "x-mock-scenario": f.code };
    if (f.operationId === "createSession") await send({ method: "POST", path: `/bank-connect${path}`, headers, json: { link_id: "parity-forced-code", api_key: KEY } });
    else if (f.operationId === "uploadStatement") await upload(target, `forced-${f.code}`, [], { "x-mock-scenario": f.code });
    else if (f.operationId === "updateWebhook") await send({ method: "POST", path: `/bank-connect${path}`, headers, json: { webhook_url: "https://example.com/hook" } });
    else await send({ method: f.method.toUpperCase(), path: `/bank-connect${path}`, headers });
  }
  for (const fault of ["500", "503", "504", "drop", "418"]) await get(`/session_data/${target}/progress/`, { "x-mock-fault": fault });
  await get(`/session_data/${target}/progress/`, { "x-mock-delay-ms": "1" });
  await get(`/session_data/${target}/progress/`, { "x-mock-delay-ms": "nope" });

  // Bad input: credentials, bodies, media types, routes, methods.
  await get(`/session_data/${target}/progress/`, { "x-api-key": "" });
  await send({ method: "POST", path: api("/session/"), json: { link_id: "no-key" } });
  await send({ method: "POST", path: api("/session/"), headers: AUTH, raw: { contentType: "application/json", body: "{bad" } });
  await send({ method: "POST", path: api("/session/"), headers: AUTH, raw: { contentType: "text/plain", body: "x" } });
  await send({ method: "POST", path: api("/session/"), headers: AUTH, json: { link_id: "x", api_key: KEY, from_date: "2024-01-01" } });
  await send({ method: "POST", path: api("/statement/upload_session/"), headers: AUTH, raw: { contentType: "multipart/form-data; boundary=zz", body: "--zz\r\nbroken" } });
  await send({ method: "POST", path: api("/statement/upload_session/"), headers: AUTH, json: { session_id: target } });
  await send({ method: "POST", path: api("/statement/upload_session/"), headers: AUTH, form: [["session_id", target], ["upload_type", "BASE64"], ["file", btoa("%PDF-1.4 base64 statement\n/Font")]] });
  await send({ method: "POST", path: api("/statement/upload_session/"), headers: AUTH, form: [["session_id", target], ["upload_type", "BASE64"], ["file", "!!not base64!!"]] });
  // Real statement PDFs, read by the PDF reader: a text statement and a password-protected one.
  const realSession = await create("parity-real-pdf", { from_date: "01/04/2024", to_date: "30/06/2024" });
  for (const name of ["hdfc-savings-apr-jun-2024.pdf", "kotak-password-protected-jan-mar-2024.pdf"]) {
    const bytes = new Uint8Array(readFileSync(join(REPO_ROOT, "fixtures/statements", name)));
    await send({ method: "POST", path: api("/statement/upload_session/"), headers: AUTH, form: [["session_id", realSession], ["upload_type", "PDF"], ["file", bytes, name]] });
  }
  await get(`/session_data/${realSession}/upload_status/`);
  const fixture = readFileSync(join(REPO_ROOT, "fixtures/statements/hdfc-salaried-3-months.json"));
  await send({ method: "POST", path: api("/statement/upload_session/"), headers: AUTH, form: [["session_id", target], ["upload_type", "PDF"], ["file", new Uint8Array(fixture), "hdfc.json"]] });
  await send({ method: "PUT", path: api("/session/"), headers: AUTH });
  await send({ method: "GET", path: api("/nowhere/"), headers: AUTH });
  await get("/banks/catalogue/");
  await get(`/session_data/${target}/upload_status`);

  // What the mock remembers, read back through the control API.
  await send({ method: "GET", path: "/__mock/sessions", headers: AUTH });
  await send({ method: "GET", path: "/__mock/journal?limit=1000", headers: AUTH });
  await send({ method: "GET", path: "/__mock/stats", headers: AUTH });
  await send({ method: "POST", path: "/__mock/reset", headers: AUTH });
  await send({ method: "GET", path: "/__mock/sessions", headers: AUTH });
}

/** The journal's timings are wall-clock measurements of each server; everything else must match. */
function comparable(path: string, text: string): string {
  if (!path.startsWith("/__mock/journal")) return text;
  const body = JSON.parse(text) as { entries: Array<Record<string, unknown>> };
  return JSON.stringify({ entries: body.entries.map(({ duration_ms: _d, ...rest }) => rest) });
}

async function run(origin: string, transport: Transport, forcedCodes: Parameters<typeof script>[1]): Promise<Seen[]> {
  const seen: Seen[] = [];
  await script(async (c) => {
    const res = await transport(`${origin}${c.path}`, initOf(c));
    if (res === "network-error") {
      seen.push({ call: `${c.method} ${c.path}`, status: "network-error", headers: {}, body: "" });
      return { status: "network-error", json: undefined };
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    const headers: Record<string, string> = {};
    for (const h of ["content-type", "allow", "retry-after"]) {
      const v = res.headers.get(h);
      if (v !== null) headers[h] = v;
    }
    seen.push({ call: `${c.method} ${c.path}`, status: res.status, headers, body: comparable(c.path, text) });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  }, forcedCodes);
  return seen;
}

let express: MockServer;
let listening: Listening;
let handlers: BankConnectHandlers;

beforeAll(async () => {
  // One link secret for both (each draws a random one otherwise): pdf_url links are compared byte for byte.
  express = createMockServer({ seed: SEED, linkSecret: LINK_SECRET, clock: createClock({ mode: "manual", start: START }) });
  listening = await express.listen(0, "127.0.0.1");
  // The server reads PDFs with pdfjs; the handlers get the same reader here (in a browser they have none).
  handlers = bankConnectHandlers({ seed: SEED, linkSecret: LINK_SECRET, clock: "manual", startTime: START, readPdf });
});

afterAll(async () => {
  await listening?.close();
  await express?.close();
  await handlers?.mock.close();
});

describe("MSW handlers and Express mock", () => {
  it("answer every seed journey, scenario, forced code, fault, bad input and control call with identical statuses and bytes", async () => {
    const forcedCodes = express.contract.operations.operations.flatMap((op) =>
      [...new Set(op.responses.flatMap((r) => r.codes))].map((code) => ({ operationId: op.operationId, method: op.method, path: op.path, code })),
    );
    expect(forcedCodes.length).toBeGreaterThan(40);

    const viaExpress = await run(listening.url, async (url, init) => fetch(url, init).catch(() => "network-error" as const), forcedCodes);
    // The same origin string: links in bodies (redirect_url, pdf_url) must come out byte-equal too.
    const viaMsw = await run(
      listening.url,
      async (url, init) => {
        const res = await getResponse(handlers, new Request(url, init));
        if (!res) throw new Error(`no MSW handler answered ${init.method} ${url}`);
        return res.type === "error" ? "network-error" : res;
      },
      forcedCodes,
    );

    expect(viaExpress.length).toBeGreaterThan(300);
    expect(viaMsw.length).toBe(viaExpress.length);
    for (let i = 0; i < viaExpress.length; i++) expect(viaMsw[i], `exchange ${i}: ${viaExpress[i].call}`).toEqual(viaExpress[i]);
    // The comparison is not vacuous: successes, documented errors, a dropped connection and file bytes are all in it.
    const statuses = new Set(viaMsw.map((s) => s.status));
    for (const s of [200, 202, 400, 401, 403, 404, 405, 409, 410, 500, 503, 504, "network-error"] as const) expect(statuses, `status ${s} exercised`).toContain(s);
  }, 180_000);

  it("answer only with what the spec documents (every MSW exchange of the API checked)", async () => {
    const fresh = bankConnectHandlers({ seed: SEED, clock: "manual", startTime: START });
    const problems: string[] = [];
    const origin = "http://bankconnect.test";
    await script(async (c) => {
      const init = initOf(c);
      const res = await getResponse(fresh, new Request(`${origin}${c.path}`, init));
      if (!res) throw new Error(`no handler for ${c.method} ${c.path}`);
      if (res.type === "error") return { status: "network-error", json: undefined };
      const text = await res.text();
      const json = res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined;
      const path = c.path.split("?")[0];
      if (path.startsWith("/bank-connect")) {
        const match = fresh.mock.core.contract.operations.match(c.method, path.slice("/bank-connect".length));
        if (match.kind === "found") {
          const headers = Object.fromEntries(Object.entries((init.headers as Record<string, string>) ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
          problems.push(
            ...contractProblems(match.op, { method: c.method, path, status: res.status, body: json, headers: { "content-type": res.headers.get("content-type") ?? "" }, requestHeaders: headers }),
          );
        }
      }
      return { status: res.status, json };
    }, []);
    await fresh.mock.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
