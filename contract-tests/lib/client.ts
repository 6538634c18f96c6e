/**
 * A BankConnect client on supertest that sends every response through the shared checker and the
 * recorder. Tests never call the target any other way, so nothing they receive escapes the check.
 */
import request from "supertest";
import type { ResponseChecker } from "../../openapi/lib/checker.js";
import { errorCodeOf, formatViolation, type Exchange, type ExchangeRequest } from "../../openapi/lib/exchange.js";
import type { Recorder } from "./recorder.js";
import type {
  BanksCatalogueResponse,
  CreateSessionResponse,
  DeleteSessionResponse,
  GetPdfsResponse,
  InitiateProcessingResponse,
  InsightsResponse,
  MessageResponse,
  ProgressResponse,
  SessionStatusResponse,
  SubscribedDataResponse,
  UploadResponse,
  UploadStatusResponse,
} from "../../openapi/generated/bankconnect.js";

export interface Credentials {
  apiKey: string;
  serverHash: string;
}

export interface CallOptions {
  /** Sent as `x-mock-scenario`. */
  scenario?: string;
  /** Overrides of the default headers; `null` removes one (missing-credential tests). */
  headers?: Record<string, string | null>;
  query?: Record<string, string>;
}

export interface Upload {
  sessionId?: string;
  file?: { bytes: Buffer; filename: string; contentType?: string };
  uploadType?: string;
  bankName?: string;
  /** Extra or replacement form fields, sent as given (negative tests). */
  fields?: Record<string, string>;
}

export interface ApiResponse<T> {
  status: number;
  json: unknown;
  text: string;
  code: string | undefined;
  exchange: Exchange;
  /** The body as the success type; throws when the status or the body broke the contract. */
  data(): T;
}

const MASKED = new Set(["x-api-key", "server-hash", "x-secret-key"]);
const BODY_SUMMARY_MAX = 300;

function mask(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, MASKED.has(k) ? (v === "" ? "(empty)" : "***") : v]));
}

type RawParser = (res: NodeJS.ReadableStream, callback: (err: Error | null, body: unknown) => void) => void;

const rawText: RawParser = (res, callback) => {
  // Keep the bytes as text: the checker, not superagent, decides whether a body is valid JSON.
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on("end", () => callback(null, Buffer.concat(chunks).toString("utf8")));
  res.on("error", (err: Error) => callback(err, undefined));
};

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface ClientOptions {
  baseUrl: string;
  credentials: Credentials;
  checker: ResponseChecker;
  recorder: Recorder;
}

export type CallSpec = Omit<SendSpec, "operationId">;

export interface SendSpec {
  operationId: string;
  pathParams?: Record<string, string>;
  query?: Record<string, string>;
  json?: unknown;
  multipart?: Upload;
  /** A body sent verbatim with its own content type (media-type and malformed-body checks). */
  raw?: { contentType: string; body: string };
  /** Send the path without its trailing slash (the documents' paths end in one; servers must not insist). */
  dropTrailingSlash?: boolean;
  /** Send with another method than the operation's (405 checks); the response is checked as the operation's. */
  method?: string;
  options?: CallOptions;
}

export interface BankConnectClient {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  createSession(body: Record<string, unknown>, options?: CallOptions & { withApiKey?: boolean }): Promise<ApiResponse<CreateSessionResponse>>;
  upload(upload: Upload, options?: CallOptions): Promise<ApiResponse<UploadResponse>>;
  updateWebhook(body: unknown, options?: CallOptions): Promise<ApiResponse<MessageResponse>>;
  uploadStatus(sessionId: string, options?: CallOptions): Promise<ApiResponse<UploadStatusResponse>>;
  sessionUploadStatus(sessionId: string, options?: CallOptions): Promise<ApiResponse<UploadStatusResponse>>;
  initiateProcessing(sessionId: string, options?: CallOptions): Promise<ApiResponse<InitiateProcessingResponse>>;
  progress(sessionId: string, options?: CallOptions): Promise<ApiResponse<ProgressResponse>>;
  sessionStatus(sessionId: string, options?: CallOptions): Promise<ApiResponse<SessionStatusResponse>>;
  insights(sessionId: string, options?: CallOptions): Promise<ApiResponse<InsightsResponse>>;
  subscribedData(sessionId: string, options?: CallOptions): Promise<ApiResponse<SubscribedDataResponse>>;
  getPdfs(sessionId: string, options?: CallOptions): Promise<ApiResponse<GetPdfsResponse>>;
  deleteSession(sessionId: string, options?: CallOptions): Promise<ApiResponse<DeleteSessionResponse>>;
  banksCatalogue(options?: CallOptions): Promise<ApiResponse<BanksCatalogueResponse>>;
  /** Any operation by id, for table-driven tests. */
  call(operationId: string, spec?: CallSpec): Promise<ApiResponse<unknown>>;
}

export function createClient(opts: ClientOptions): BankConnectClient {
  const { baseUrl, credentials, checker, recorder } = opts;

  async function send<T>(spec: SendSpec): Promise<ApiResponse<T>> {
    const op = checker.operation(spec.operationId);
    const method = (spec.method ?? op.method).toLowerCase();
    let path = op.path;
    for (const name of op.pathParams) {
      const value = spec.pathParams?.[name];
      if (value === undefined) throw new Error(`${op.operationId} needs the path parameter ${name}`);
      path = path.replace(`{${name}}`, encodeURIComponent(value));
    }
    if (spec.dropTrailingSlash) path = path.replace(/\/$/, "");
    const query = { ...spec.query, ...spec.options?.query };
    const qs = new URLSearchParams(query).toString();
    if (qs !== "") path += `?${qs}`;

    const headers: Record<string, string> = {};
    for (const header of op.securityHeaders[0] ?? []) {
      headers[header] = header === "server-hash" ? credentials.serverHash : credentials.apiKey;
    }
    if (spec.options?.scenario !== undefined) headers["x-mock-scenario"] = spec.options.scenario;
    for (const [k, v] of Object.entries(spec.options?.headers ?? {})) {
      if (v === null) delete headers[k.toLowerCase()];
      else headers[k.toLowerCase()] = v;
    }

    const agent = request(baseUrl);
    const factory = agent[method as "get" | "post" | "put" | "patch" | "delete"];
    if (typeof factory !== "function") throw new Error(`Unsupported method ${method}`);
    let req = factory.call(agent, path).buffer(true).parse(rawText as never).set(headers);
    let bodySummary: string | undefined;
    if (spec.multipart) {
      const m = spec.multipart;
      const fields: Record<string, string> = {
        ...(m.sessionId !== undefined ? { session_id: m.sessionId } : {}),
        ...(m.uploadType !== undefined ? { upload_type: m.uploadType } : {}),
        ...(m.bankName !== undefined ? { bank_name: m.bankName } : {}),
        ...m.fields,
      };
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      if (m.file) req = req.attach("file", m.file.bytes, { filename: m.file.filename, contentType: m.file.contentType ?? "application/pdf" });
      const parts = Object.entries(fields).map(([k, v]) => `${k}=${v}`);
      if (m.file) parts.push(`file=${m.file.filename} (${m.file.bytes.length} B)`);
      bodySummary = `multipart{${parts.join(", ")}}`;
    } else if (spec.raw !== undefined) {
      req = req.set("content-type", spec.raw.contentType).send(spec.raw.body);
      bodySummary = `${spec.raw.contentType}: ${spec.raw.body}`;
    } else if (spec.json !== undefined) {
      req = req.set("content-type", "application/json").send(JSON.stringify(spec.json));
      bodySummary = JSON.stringify(spec.json);
    }
    if (bodySummary !== undefined && bodySummary.length > BODY_SUMMARY_MAX) bodySummary = `${bodySummary.slice(0, BODY_SUMMARY_MAX)}…`;

    const started = performance.now();
    const res = await req;
    const durationMs = performance.now() - started;
    const text = typeof res.body === "string" ? res.body : res.text ?? "";
    const json = parseJson(text);
    const exchangeRequest: ExchangeRequest = {
      operationId: op.operationId,
      method: method.toUpperCase(),
      path,
      template: op.path,
      ...(spec.options?.scenario !== undefined ? { scenario: spec.options.scenario } : {}),
      headers: mask(headers),
      ...(bodySummary !== undefined ? { body: bodySummary } : {}),
    };
    const response = { status: res.status, contentType: res.headers["content-type"] as string | undefined, text, json };
    const violations = checker.checkResponse(exchangeRequest, response);
    const drift = violations.length === 0 ? checker.driftOf(exchangeRequest, response) : [];
    const exchange: Exchange = { request: exchangeRequest, response, violations, drift, code: errorCodeOf(json), durationMs };
    recorder.record(exchange);

    return {
      status: res.status,
      json,
      text,
      code: exchange.code,
      exchange,
      data(): T {
        if (res.status < 200 || res.status >= 300) {
          throw new Error(`${op.operationId} ${method.toUpperCase()} ${path} answered ${res.status}${exchange.code ? ` ${exchange.code}` : ""}, not a success: ${text.slice(0, 200)}`);
        }
        if (violations.length > 0) {
          throw new Error(`${op.operationId} body breaks the contract:\n${violations.map(formatViolation).join("\n")}`);
        }
        return json as T;
      },
    };
  }

  const session =
    <T>(operationId: string) =>
    (sessionId: string, options?: CallOptions): Promise<ApiResponse<T>> =>
      send<T>({ operationId, pathParams: { session_id: sessionId }, ...(options ? { options } : {}) });

  const client: BankConnectClient = {
    baseUrl,
    credentials,
    createSession: (body, options) => {
      const withKey = options?.withApiKey ?? true;
      const json = withKey && !("api_key" in body) ? { ...body, api_key: credentials.apiKey } : body;
      return send<CreateSessionResponse>({ operationId: "createSession", json, ...(options ? { options } : {}) });
    },
    upload: (multipart, options) => send<UploadResponse>({ operationId: "uploadStatement", multipart, ...(options ? { options } : {}) }),
    updateWebhook: (json, options) => send<MessageResponse>({ operationId: "updateWebhook", json, ...(options ? { options } : {}) }),
    uploadStatus: session<UploadStatusResponse>("getUploadStatus"),
    sessionUploadStatus: session<UploadStatusResponse>("getSessionUploadStatus"),
    initiateProcessing: session<InitiateProcessingResponse>("initiateProcessing"),
    progress: session<ProgressResponse>("getProgress"),
    sessionStatus: session<SessionStatusResponse>("getSessionStatus"),
    insights: session<InsightsResponse>("getInsights"),
    subscribedData: session<SubscribedDataResponse>("getSubscribedData"),
    getPdfs: session<GetPdfsResponse>("getPdfs"),
    deleteSession: session<DeleteSessionResponse>("deleteSession"),
    banksCatalogue: (options) => send<BanksCatalogueResponse>({ operationId: "getBanksCatalogue", ...(options ? { options } : {}) }),
    call: (operationId, spec) => send<unknown>({ operationId, ...spec }),
  };
  return client;
}
