/**
 * Property-based fuzzing of the running mock: every operation of the spec and the control API,
 * reached with hostile bodies, headers, paths and multipart forms. Shared by the `npm test` run
 * (mock/http/fuzz.test.ts) and the longer `npm run fuzz` (scripts/fuzz.ts), so both judge the same
 * way: no 5xx, a JSON body, and every error in the documented envelope with a documented code.
 */
import http from "node:http";
import fc from "fast-check";
import { CONTROL_SPEC_PATH, getContract, type OperationSpec } from "../../openapi/lib/index.js";
import { contractProblems } from "./spec-client.js";

export interface FuzzRequest {
  /** What the generator meant to exercise, for the failure message. */
  label: string;
  method: string;
  /** Raw request target, sent byte for byte (no normalisation). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface FuzzResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface FuzzWorld {
  /** Session ids that exist, per tenant key. */
  sessions: string[];
  tenants: string[];
  serverHash: string;
}

const contract = getContract();
const controlContract = getContract(CONTROL_SPEC_PATH);
const API = "/bank-connect";

// ------------------------------------------------------------------ hostile values

const deepArray = (depth: number): string => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number): string => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** JSON texts that are values but not objects, or not JSON at all. */
const hostileJsonText = fc.constantFrom(
  "null",
  "[]",
  "[1,2]",
  '"text"',
  "123",
  "true",
  "",
  "{",
  '{"a":',
  "{'single':'quotes'}",
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  "\u0000\u0001",
  "\uFEFF{}",
  deepArray(10_000),
  `{"link_id":${deepObject(10_000)}}`,
  `{"webhook_url":${deepArray(10_000)}}`,
);

const hostileScalar = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1e308,
    -0,
    "",
    " ",
    "%FF",
    "%00",
    "\u0000",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "\u202E\uFFFF\uD800",
    "01/01/1825",
    "31/12/9999",
    "29/02/2023",
    "00/00/0000",
    "+275760-09-13T00:00:00Z",
    "x".repeat(5000),
    [],
    {},
    { nested: { deeper: [1, { a: null }] } },
  ),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
);

// ------------------------------------------------------------------ headers

const headerValue = fc.oneof(
  fc.constantFrom("", " ", "  spaced  ", "x".repeat(2000), "null", "undefined", "%FF", "\t"),
  fc.string({ maxLength: 20, unit: "grapheme-ascii" }).map((s) => s.replace(/[\r\n]/g, "")),
);

function credentialHeaders(world: FuzzWorld): fc.Arbitrary<Record<string, string>> {
  const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...world.tenants) }, { weight: 1, arbitrary: headerValue });
  return fc.record(
    { "x-api-key": key, "server-hash": fc.oneof({ weight: 6, arbitrary: fc.constant(world.serverHash) }, { weight: 1, arbitrary: headerValue }) },
    { requiredKeys: [] },
  );
}

/** x-mock-* headers that never legitimately ask for a 5XX or a long wait. */
function mockHeaders(op: OperationSpec | undefined): fc.Arbitrary<Record<string, string>> {
  const codes4xx = op ? op.responses.filter((r) => /^4\d\d$/.test(r.status)).flatMap((r) => r.codes) : [];
  const scenario = fc.oneof(
    fc.constantFrom("single_account", "multibanking", "partial_upload", "FRAUD", "PDF_IS_IMAGE", "EXTRACTION_FAILED", "BALANCE_MISMATCH", "no-such-scenario", ""),
    ...(codes4xx.length > 0 ? [fc.constantFrom(...codes4xx)] : []),
    headerValue,
  );
  return fc.record(
    {
      "x-mock-scenario": scenario,
      "x-mock-delay-ms": fc.constantFrom("0", "1", "-5", "1.5", "abc", "99999999", "", "0x10"),
      "x-mock-fault": fc.constantFrom("", "418", "999", "kaboom", "5000"),
    },
    { requiredKeys: [] },
  );
}

// ------------------------------------------------------------------ bodies

function createSessionBody(world: FuzzWorld): fc.Arbitrary<Record<string, unknown>> {
  const date = fc.oneof(
    fc.constantFrom("01/01/2024", "31/03/2024", "30/06/2024", "01/01/1825", "31/12/2024", "31/12/9999", "32/01/2024", "2024-01-01"),
    hostileScalar,
  );
  const base = fc.record(
    {
      link_id: fc.oneof({ weight: 5, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) }, { weight: 1, arbitrary: hostileScalar }),
      api_key: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...world.tenants, ...world.tenants.map((t) => ` ${t} `)) }, { weight: 1, arbitrary: hostileScalar }),
      from_date: date,
      to_date: date,
      bank_name: fc.oneof(fc.constantFrom("hdfc", "sbi", "nope"), hostileScalar),
      mode: fc.oneof(fc.constantFrom("pdf", "aa", "online"), hostileScalar),
      session_expiry: fc.oneof(fc.integer({ min: -10, max: 50_000 }), hostileScalar),
      redirect_url: fc.oneof(fc.constantFrom("https://example.com/back", "javascript:alert(1)"), hostileScalar),
      journey_mode: fc.oneof(fc.constantFrom("multi_pdf", "multi_banking"), hostileScalar),
      mobile_number: fc.oneof(fc.constantFrom("9876543210", "+919876543210"), hostileScalar),
    },
    { requiredKeys: [] },
  );
  return fc.oneof({ weight: 1, arbitrary: base }, { weight: 2, arbitrary: base.map((b) => ({ link_id: "fuzz", api_key: world.tenants[0], from_date: "01/01/2024", to_date: "31/03/2024", ...b })) });
}

const webhookBody = fc.record(
  {
    webhook_url: fc.oneof(fc.constantFrom("http://127.0.0.1:9/hook", "https://example.invalid/hook", "ftp://x", "http://%FF"), hostileScalar),
    webhook_mode: fc.oneof(fc.constantFrom<unknown>(0, 1, ["ENRICHMENT_NOTIFICATION"], ["NOPE"], []), hostileScalar),
    webhook_secret: hostileScalar,
  },
  { requiredKeys: [] },
);

function jsonBody(value: fc.Arbitrary<unknown>): fc.Arbitrary<{ contentType: string; body: Buffer }> {
  return fc.oneof(
    { weight: 4, arbitrary: value.map((v) => ({ contentType: "application/json", body: Buffer.from(safeStringify(v)) })) },
    { weight: 2, arbitrary: hostileJsonText.map((t) => ({ contentType: "application/json", body: Buffer.from(t) })) },
    { weight: 1, arbitrary: value.map((v) => ({ contentType: "application/x-www-form-urlencoded", body: Buffer.from(new URLSearchParams(flat(v)).toString()) })) },
    { weight: 1, arbitrary: fc.constantFrom("text/plain", "application/xml", "", "application/json; charset=latin-99", "multipart/form-data").map((ct) => ({ contentType: ct, body: Buffer.from('{"link_id":"x"}') })) },
  );
}

function safeStringify(v: unknown): string {
  return JSON.stringify(v) ?? "null";
}

function flat(v: unknown): Record<string, string> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return { value: String(v) };
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === "string" ? x : safeStringify(x)]));
}

interface Part {
  name: string;
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

export function multipart(parts: Part[], boundary = "fuzzBoundary7MA4YWxk"): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.fileName !== undefined) head += `; filename="${p.fileName}"`;
    head += "\r\n";
    if (p.contentType !== undefined) head += `Content-Type: ${p.contentType}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), p.data, Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const fileBytes = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000_000 }).map((n) => Buffer.from(`%PDF-1.4\n% fuzz ${n}\n/Font /F1\n%%EOF\n`)),
  fc.constantFrom(
    Buffer.alloc(0),
    Buffer.from("<html><script>alert(1)</script></html>"),
    Buffer.from("%PDF-1.4\n/Encrypt 1 0 R\n"),
    Buffer.from("%PDF-1.4\n/Image /XObject\n"),
    Buffer.from('{"bankconnect_mock_statement":1,"bank_name":"hdfc","transactions":[]}'),
    Buffer.from('{"bankconnect_mock_statement":1,"bank_name":"hdfc","opening_balance":1,"transactions":[{"date":"2024-01-03","transaction_type":"credit","amount":5,"transaction_note":"x"}]}'),
    Buffer.from("JVBERi0xLjQKJSBiYXNlNjQ="),
    Buffer.from("%%%not base64%%%"),
  ),
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
);

function uploadForm(world: FuzzWorld): fc.Arbitrary<{ contentType: string; body: Buffer }> {
  const field = (name: string, values: fc.Arbitrary<string>) => values.map((v): Part => ({ name, data: Buffer.from(v) }));
  const text = (a: fc.Arbitrary<unknown>) => a.map((v) => (typeof v === "string" ? v : safeStringify(v)));
  const parts = fc.tuple(
    fc.option(field("session_id", fc.oneof(fc.constantFrom(...world.sessions), text(hostileScalar))), { nil: undefined }),
    fc.option(field("upload_type", fc.constantFrom("PDF", "BASE64", "pdf", "", "DOCX")), { nil: undefined }),
    fc.option(field("bank_name", fc.oneof(fc.constantFrom("hdfc", "sbi", "icici"), text(hostileScalar))), { nil: undefined }),
    fc.option(field("pdf_password", text(hostileScalar)), { nil: undefined }),
    fc.option(field("file_url", fc.constantFrom("http://example.com/%FF.pdf", "http://example.com/a%E0%A4%A.pdf", "https://bank.example/statement.pdf", "file:///etc/passwd", "not a url")), { nil: undefined }),
    fc.option(
      fc.record({
        name: fc.constantFrom("file", "file", "other"),
        fileName: fc.constantFrom("statement.pdf", "hdfc-march.pdf", "x-PDF_IS_IMAGE.pdf", "", "../../evil.html", "%FF.pdf", "a\u202Eb.pdf"),
        contentType: fc.constantFrom("application/pdf", "text/html", "application/octet-stream", "image/svg+xml"),
        data: fileBytes,
      }),
      { nil: undefined },
    ),
    fc.option(field("file", text(hostileScalar)), { nil: undefined }),
  );
  const form = parts.map((ps) => ps.filter((p): p is Part => p !== undefined));
  return fc.oneof(
    { weight: 6, arbitrary: form.map((ps) => ({ contentType: "multipart/form-data; boundary=fuzzBoundary7MA4YWxk", body: multipart(ps) })) },
    {
      weight: 1,
      arbitrary: form.map((ps) => {
        const whole = multipart(ps);
        return { contentType: "multipart/form-data; boundary=fuzzBoundary7MA4YWxk", body: whole.subarray(0, Math.floor(whole.length / 2)) };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { contentType: "multipart/form-data", body: Buffer.from("--x\r\n\r\n") },
        { contentType: "multipart/form-data; boundary=", body: Buffer.from("----\r\n") },
        { contentType: "multipart/form-data; boundary=other", body: multipart([{ name: "session_id", data: Buffer.from("x") }]) },
        { contentType: "multipart/form-data; boundary=b", body: Buffer.from("--b\r\nContent-Disposition: form-data\r\n\r\nnoname\r\n--b--\r\n") },
        // More parts than any form needs, and a field far over the upload limit.
        { contentType: "multipart/form-data; boundary=fuzzBoundary7MA4YWxk", body: multipart(Array.from({ length: 80 }, (_, i) => ({ name: `f${i}`, data: Buffer.from("v") }))) },
        { contentType: "multipart/form-data; boundary=fuzzBoundary7MA4YWxk", body: multipart([{ name: "session_id", data: Buffer.alloc(200_000, 97) }]) },
        {
          contentType: "multipart/form-data; boundary=fuzzBoundary7MA4YWxk",
          body: multipart(Array.from({ length: 6 }, (_, i) => ({ name: "file", fileName: `s${i}.pdf`, contentType: "application/pdf", data: Buffer.alloc(30_000, 37) }))),
        },
      ),
    },
    { weight: 1, arbitrary: jsonBody(fc.constant({ session_id: world.sessions[0], upload_type: "PDF" })) },
  );
}

// ------------------------------------------------------------------ paths

const hostileSegment = fc.oneof(
  fc.constantFrom("%FF", "%00", "%2F..%2F", "..%2f..%2f", "%E0%A4%A", "x".repeat(3000), "%20", "a%20b", "null", "undefined", "__proto__", "constructor"),
  fc.string({ minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)),
  fc.uuid(),
);

function pathFor(op: OperationSpec, world: FuzzWorld): fc.Arbitrary<string> {
  const id = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...world.sessions) }, { weight: 2, arbitrary: hostileSegment });
  const query = fc.constantFrom("", "", "?identity=false", "?identity=%FF", "?a=1&a=2", "?__proto__[x]=1", "?" + "q=1&".repeat(200));
  return fc.tuple(id, fc.boolean(), query).map(([sid, slash, q]) => {
    let p = `${API}${op.path.replace("{session_id}", sid)}`;
    if (!slash && p.endsWith("/")) p = p.slice(0, -1);
    return p + q;
  });
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function apiRequest(op: OperationSpec, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const method = fc.oneof({ weight: 8, arbitrary: fc.constant(op.method.toUpperCase()) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) });
  const body =
    op.operationId === "createSession"
      ? jsonBody(createSessionBody(world))
      : op.operationId === "updateWebhook"
        ? jsonBody(webhookBody)
        : op.operationId === "uploadStatement"
          ? uploadForm(world)
          : fc.option(jsonBody(fc.dictionary(fc.string({ maxLength: 5 }), hostileScalar, { maxKeys: 3 })), { nil: undefined, freq: 4 });
  return fc.tuple(method, pathFor(op, world), credentialHeaders(world), fc.option(mockHeaders(op), { nil: {}, freq: 3 }), body).map(([m, path, creds, mockH, b]) => ({
    label: op.operationId,
    method: m,
    path,
    headers: { ...creds, ...mockH, ...(b ? { "content-type": b.contentType } : {}) },
    ...(b ? { body: b.body } : {}),
  }));
}

/** The control API: every route, hostile ids and bodies, including the clock moves that once crashed it. */
function controlRequest(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const sid = fc.oneof(fc.constantFrom(...world.sessions), hostileSegment);
  const route = fc.oneof(
    fc.constant({ method: "GET", path: "/" }),
    fc.constant({ method: "GET", path: "/scenarios" }),
    fc.constant({ method: "GET", path: "/clock" }),
    fc.constant({ method: "POST", path: "/clock/advance" }),
    fc.constant({ method: "POST", path: "/clock/advance-all" }),
    fc.constant({ method: "GET", path: "/sessions" }),
    sid.map((s) => ({ method: "GET", path: `/sessions/${s}` })),
    sid.map((s) => ({ method: "POST", path: `/sessions/${s}/transition` })),
    fc.tuple(sid, fc.constantFrom("SESSION_EXPIRY_NOTIFICATION", "ENRICHMENT_NOTIFICATION", "NOPE", "%FF")).map(([s, e]) => ({ method: "POST", path: `/sessions/${s}/webhooks/${e}` })),
    sid.map((s) => ({ method: "GET", path: `/sessions/${s}/webhook_payloads` })),
    fc.constant({ method: "GET", path: "/journal?limit=%FF" }),
    fc.constant({ method: "GET", path: "/webhooks/config" }),
    fc.constant({ method: "GET", path: "/webhooks/deliveries?limit=-1&session_id=%FF" }),
    hostileSegment.map((d) => ({ method: "GET", path: `/webhooks/deliveries/${d}` })),
    hostileSegment.map((d) => ({ method: "POST", path: `/webhooks/deliveries/${d}/replay` })),
    fc.constant({ method: "GET", path: "/stats" }),
    fc.constant({ method: "GET", path: "/state" }),
    fc.constant({ method: "POST", path: "/state" }),
    fc.tuple(hostileSegment, fc.constantFrom("", "?expires=1&signature=x", "?expires=%FF&signature=%FF", "?expires=99999999999999999999")).map(([f, q]) => ({ method: "GET", path: `/files/${f}${q}` })),
    hostileSegment.map((x) => ({ method: "GET", path: `/${x}` })),
  );
  const clockBody = fc.record(
    {
      ms: fc.oneof(fc.integer({ min: 0, max: 3 * 86_400_000 }), hostileScalar, fc.constantFrom<unknown>(1e300, -1, 2 ** 53, 9.5)),
      to: fc.oneof(fc.constantFrom<unknown>("+275760-09-13T00:00:00Z", "-271821-04-20T00:00:00Z", "2024-04-17T00:00:00Z", "2999-01-01T00:00:00Z", "not a date"), hostileScalar),
    },
    { requiredKeys: [] },
  );
  const transitionBody = fc.record(
    {
      action: fc.oneof(fc.constantFrom("expire", "complete_upload", "finish_processing", "fail_account", "set_scenario"), hostileScalar),
      error_code: fc.oneof(fc.constantFrom("BALANCE_MISMATCH", "NOPE"), hostileScalar),
      scenario: fc.oneof(fc.constantFrom("multibanking", "nope"), hostileScalar),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    jsonBody(clockBody),
    jsonBody(transitionBody),
    jsonBody(fc.record({ version: hostileScalar, tenant: hostileScalar, sessions: hostileScalar }, { requiredKeys: [] })),
    fc.constant(undefined),
  );
  const method = fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) });
  return fc.tuple(route, method, body, credentialHeaders(world)).map(([r, m, b, creds]) => ({
    label: `control ${r.method} ${r.path.split("?")[0].slice(0, 40)}`,
    method: m ?? r.method,
    path: `/__mock${r.path}`,
    headers: { ...creds, ...(b ? { "content-type": b.contentType } : {}) },
    ...(b ? { body: b.body } : {}),
  }));
}

const rawPath = fc
  .oneof(
    fc.constantFrom("/", "//", "/bank-connect", "/bank-connect/", "/bank-connect/v1", "/bank-connect/%FF", "/bank-connect/v1/session/%2e%2e/", "/bank-connect?x", "/bank-connect.json", "/__mock", "/%FF%FE", "/" + "a/".repeat(500)),
    hostileSegment.map((s) => `/bank-connect/v1/${s}/`),
  )
  .chain((path) => fc.constantFrom(...METHODS).map((method): FuzzRequest => ({ label: "raw path", method, path, headers: {} })));

export function fuzzRequest(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const ops = contract.operations.operations;
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...ops).chain((op) => apiRequest(op, world)) },
    { weight: 4, arbitrary: controlRequest(world) },
    { weight: 1, arbitrary: rawPath },
  );
}

// ------------------------------------------------------------------ sending and judging

export function send(agent: http.Agent, base: URL, r: FuzzRequest, timeoutMs = 15_000): Promise<FuzzResponse> {
  // A pooled keep-alive socket the server closed just as it was reused fails before the server saw
  // the request; Node's docs advise sending again on a new socket.
  return sendOnce(agent, base, r, timeoutMs).catch((err: unknown) => {
    if ((err as { reusedSocket?: boolean }).reusedSocket && (err as NodeJS.ErrnoException).code === "ECONNRESET") return sendOnce(agent, base, r, timeoutMs);
    throw err;
  });
}

function sendOnce(agent: http.Agent, base: URL, r: FuzzRequest, timeoutMs: number): Promise<FuzzResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...r.headers };
    if (r.body) headers["content-length"] = r.body.length;
    const req = http.request({ host: base.hostname, port: base.port, method: r.method, path: r.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
    req.end(r.body);
  });
}

/** The API path without prefix and query, exactly as the mock's router sees it. */
function apiPath(path: string): string | undefined {
  if (!path.startsWith(API)) return undefined;
  const rest = path.slice(API.length);
  if (rest !== "" && rest[0] !== "/" && rest[0] !== "?") return undefined;
  const q = rest.indexOf("?");
  return (q < 0 ? rest : rest.slice(0, q)) || "/";
}

/** Problems with one exchange; empty when the mock answered as documented. */
export function judge(r: FuzzRequest, res: FuzzResponse): string[] {
  const where = `${r.method} ${r.path.slice(0, 120)} (${r.label})`;
  if (res.status >= 500) return [`${where} → ${res.status}: ${res.text.slice(0, 300)}`];
  if (r.method === "HEAD") return res.text === "" ? [] : [`${where} → HEAD answered with a body`];
  if (r.method === "OPTIONS" && res.status === 204) return [];
  const type = String(res.headers["content-type"] ?? "");
  if (res.status === 200 && r.path.startsWith("/__mock/files/")) return type.startsWith("application/pdf") ? [] : [`${where} → a stored file served as ${type}`];
  if (r.path.startsWith("/__mock/ui")) return [];
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return [`${where} → ${res.status} with a body that is not JSON: ${res.text.slice(0, 200)}`];
  }
  const path = apiPath(r.path);
  const match = path !== undefined ? contract.operations.match(r.method === "HEAD" ? "GET" : r.method, path) : undefined;
  if (match?.kind === "found") {
    const problems = contractProblems(match.op, {
      method: r.method,
      path: r.path,
      status: res.status,
      body,
      headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
      requestHeaders: r.headers,
    });
    return problems.map((p) => `${where}: ${p}`);
  }
  if (res.status < 400) return [];
  const envelope = controlContract.schemas.validateComponent("MockError", body);
  return envelope.ok ? [] : [`${where} → ${res.status}: not the error envelope: ${res.text.slice(0, 200)}`];
}

/** Known-good requests that put sessions of several tenants into every phase before fuzzing. */
export async function seedWorld(agent: http.Agent, base: URL, tenants: string[], serverHash: string): Promise<FuzzWorld> {
  const sessions: string[] = [];
  let n = 0;
  for (const tenant of tenants) {
    for (let i = 0; i < 4; i++) {
      const created = await send(agent, base, {
        label: "seed",
        method: "POST",
        path: `${API}/v1/session/`,
        headers: { "content-type": "application/json" },
        body: Buffer.from(JSON.stringify({ link_id: `fuzz-${i}`, api_key: tenant, from_date: "01/01/2024", to_date: "31/03/2024" })),
      });
      const id = (JSON.parse(created.text) as { session_id: string }).session_id;
      sessions.push(id);
      const auth = { "x-api-key": tenant, "server-hash": serverHash };
      if (i >= 1) {
        const body = multipart([
          { name: "session_id", data: Buffer.from(id) },
          { name: "upload_type", data: Buffer.from("PDF") },
          { name: "file", fileName: "hdfc.pdf", contentType: "application/pdf", data: Buffer.from(`%PDF-1.4\n% seed ${n++}\n/Font /F1\n`) },
        ]);
        await send(agent, base, { label: "seed", method: "POST", path: `${API}/v1/statement/upload_session/`, headers: { ...auth, "content-type": "multipart/form-data; boundary=fuzzBoundary7MA4YWxk" }, body });
      }
      if (i >= 2) await send(agent, base, { label: "seed", method: "POST", path: `${API}/v1/session_data/${id}/initiate_processing/`, headers: auth });
      if (i === 3) await send(agent, base, { label: "seed", method: "DELETE", path: `${API}/v1/session_data/${id}/delete/`, headers: auth });
    }
  }
  return { sessions, tenants, serverHash };
}
