/**
 * Test support: a supertest client for the mock whose every response is checked against the spec
 * (status documented for the operation, JSON body valid against that status's schema, error code
 * one the operation documents at that status). Mock-only answers to `x-mock-*` headers are checked
 * against openapi/mock-control.yaml instead. A test that uses this client cannot receive an
 * off-contract response without failing.
 */
import request from "supertest";
import type { Express } from "express";
import { createClock, type Clock } from "../core/clock.js";
import { createMockServer, type MockServer, type MockServerOptions } from "../http/server.js";
import { sharedChecker } from "../../openapi/lib/checker.js";
import { errorCodeOf, formatViolation } from "../../openapi/lib/exchange.js";
import { CONTROL_SPEC_PATH, formatIssues, getContract, type Contract, type OperationSpec } from "../../openapi/lib/index.js";

export interface Exchange {
  operationId: string;
  method: string;
  path: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  requestHeaders: Record<string, string>;
}

/** Every (operation, status, code) this process has seen, for coverage assertions. */
export const seen: Exchange[] = [];

/**
 * Problems with one exchange, as data: empty when it honours the contract. The rules are the contract
 * kit's checker, so the mock's own tests and the suite that judges other servers can never disagree;
 * the only addition is the mock's answer to its own `x-mock-*` headers, which openapi/mock-control.yaml
 * describes rather than the BankConnect spec.
 */
export function contractProblems(op: OperationSpec, ex: Omit<Exchange, "operationId">): string[] {
  const code = errorCodeOf(ex.body);
  const usedMockHeader = Object.keys(ex.requestHeaders).some((h) => h.toLowerCase().startsWith("x-mock-"));
  const documented = op.responses.some((r) => r.status === String(ex.status) && code !== undefined && r.codes.includes(code));
  if (usedMockHeader && ex.status === 400 && code === "INVALID_REQUEST" && !documented) {
    const control = getContract(CONTROL_SPEC_PATH).schemas.validateComponent("MockError", ex.body);
    return control.ok ? [] : formatIssues(control.errors).map((m) => `${ex.method} ${ex.path} → ${ex.status}: mock error envelope: ${m}`);
  }
  const violations = sharedChecker().checkResponse(
    { operationId: op.operationId, method: ex.method, path: ex.path, template: op.path, headers: ex.requestHeaders },
    { status: ex.status, contentType: ex.headers["content-type"], text: JSON.stringify(ex.body), json: ex.body },
  );
  return violations.map(formatViolation);
}

export interface TestMock {
  mock: MockServer;
  app: Express;
  clock: Clock;
  /** A client for one tenant (API key). */
  client(apiKey?: string, serverHash?: string): SpecClient;
  close(): Promise<void>;
}

/** A mock on a manual clock, for tests: time moves only when the test says so. */
export function createTestMock(options: MockServerOptions = {}): TestMock {
  const clock = options.clock ?? createClock({ mode: "manual" });
  const mock = createMockServer({ processingMs: 3000, ...options, clock });
  return {
    mock,
    app: mock.app,
    clock,
    client: (apiKey = "test-key", serverHash = "test-hash") => new SpecClient(mock.app, mock.contract, apiKey, serverHash),
    close: () => mock.close(),
  };
}

export interface UploadOptions {
  file?: Buffer | string;
  fileName?: string;
  bankName?: string;
  uploadType?: "PDF" | "BASE64";
  password?: string;
  fileUrl?: string;
  headers?: Record<string, string>;
  query?: string;
  /** Leave out the file part entirely. */
  noFile?: boolean;
}

let pdfCounter = 0;

/** Distinct PDF-looking bytes: the same bytes twice in a session are a duplicate statement. */
export function pdfBytes(label = `statement-${++pdfCounter}`): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${label}\n/Font /F1\n%%EOF\n`);
}

export class SpecClient {
  constructor(
    readonly app: Express,
    readonly contract: Contract,
    readonly apiKey: string,
    readonly serverHash: string,
  ) {}

  get auth(): Record<string, string> {
    return { "x-api-key": this.apiKey, "server-hash": this.serverHash };
  }

  /** Sends through supertest, then checks the exchange against the spec; throws on any problem. */
  async call(operationId: string, method: string, path: string, build: (r: request.Test) => request.Test, requestHeaders: Record<string, string>): Promise<Exchange> {
    const op = this.contract.operations.byId(operationId);
    const agent = request(this.app);
    const base = (agent[method.toLowerCase() as "get" | "post" | "delete"] as (url: string) => request.Test).call(agent, path);
    let req = base;
    for (const [k, v] of Object.entries(requestHeaders)) req = req.set(k, v);
    const res = await build(req);
    const ex: Exchange = {
      operationId,
      method,
      path,
      status: res.status,
      body: res.body as unknown,
      headers: res.headers as Record<string, string>,
      requestHeaders,
    };
    const problems = contractProblems(op, ex);
    if (problems.length > 0) throw new Error(`Response breaks the contract:\n  ${problems.join("\n  ")}\nbody: ${JSON.stringify(res.body).slice(0, 800)}`);
    seen.push(ex);
    return ex;
  }

  createSession(body: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Exchange> {
    const payload = { link_id: "customer-1", api_key: this.apiKey, from_date: "01/01/2024", to_date: "31/03/2024", ...body };
    return this.call("createSession", "POST", "/bank-connect/v1/session/", (r) => r.send(payload), headers);
  }

  /** Creates a session and returns its id (asserting 200). */
  async newSession(body: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<string> {
    const ex = await this.createSession(body, headers);
    if (ex.status !== 200) throw new Error(`createSession answered ${ex.status}: ${JSON.stringify(ex.body)}`);
    return (ex.body as { session_id: string }).session_id;
  }

  upload(sessionId: string, o: UploadOptions = {}): Promise<Exchange> {
    const headers = { "x-api-key": this.apiKey, ...(o.headers ?? {}) };
    return this.call(
      "uploadStatement",
      "POST",
      `/bank-connect/v1/statement/upload_session/${o.query ?? ""}`,
      (r) => {
        let t = r.field("session_id", sessionId).field("upload_type", o.uploadType ?? "PDF");
        if (o.bankName !== undefined) t = t.field("bank_name", o.bankName);
        if (o.password !== undefined) t = t.field("pdf_password", o.password);
        if (o.fileUrl !== undefined) t = t.field("file_url", o.fileUrl);
        if (!o.noFile && o.fileUrl === undefined) {
          const file = o.file ?? pdfBytes();
          if (typeof file === "string" && o.uploadType === "BASE64") t = t.field("file", file);
          else t = t.attach("file", Buffer.isBuffer(file) ? file : Buffer.from(file), o.fileName ?? "statement.pdf");
        }
        return t;
      },
      headers,
    );
  }

  updateWebhook(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Exchange> {
    return this.call("updateWebhook", "POST", "/bank-connect/v1/session_data/update_webhook/", (r) => r.send(body), { ...this.auth, ...headers });
  }

  /** GETs one of the session_data reads by operationId. */
  read(
    operationId: "getUploadStatus" | "getSessionUploadStatus" | "getProgress" | "getSessionStatus" | "getInsights" | "getSubscribedData" | "getPdfs",
    sessionId: string,
    headers: Record<string, string> = {},
  ): Promise<Exchange> {
    const path = this.contract.operations.byId(operationId).path.replace("{session_id}", encodeURIComponent(sessionId));
    return this.call(operationId, "GET", `/bank-connect${path}`, (r) => r, { ...this.auth, ...headers });
  }

  initiate(sessionId: string, headers: Record<string, string> = {}): Promise<Exchange> {
    return this.call("initiateProcessing", "POST", `/bank-connect/v1/session_data/${encodeURIComponent(sessionId)}/initiate_processing/`, (r) => r, { ...this.auth, ...headers });
  }

  deleteSession(sessionId: string, headers: Record<string, string> = {}): Promise<Exchange> {
    return this.call("deleteSession", "DELETE", `/bank-connect/v1/session_data/${encodeURIComponent(sessionId)}/delete/`, (r) => r, { ...this.auth, ...headers });
  }

  banks(headers: Record<string, string> = {}): Promise<Exchange> {
    return this.call("getBanksCatalogue", "GET", "/bank-connect/v1/banks/catalogue/", (r) => r, { ...this.auth, ...headers });
  }

  /** The control API (not the BankConnect contract): plain supertest. */
  control(method: "get" | "post" | "delete", path: string, body?: unknown): request.Test {
    const r = request(this.app)[method](`/__mock${path}`).set("x-api-key", this.apiKey);
    return body === undefined ? r : r.send(body as object);
  }
}
