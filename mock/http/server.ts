import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { createClock, type Clock } from "../core/clock.js";
import { createLifecycle, type Lifecycle } from "../domain/lifecycle.js";
import { loadScenarios, type Scenarios } from "../domain/scenarios.js";
import type { Session, StatementState } from "../domain/session.js";
import { completionPayload, enrichmentPayload, expiryPayload } from "../domain/views.js";
import { buildErrorCatalogue, getContract, type Contract, type OperationSpec } from "../spec/index.js";
import { createWebhookDispatcher, seededRandom, type WebhookDispatcher, type WebhookSend } from "../webhooks/index.js";
import { mediaType, readMultipart, readRaw } from "./body.js";
import { createControlRouter } from "./control.js";
import { exampleReply, failureReply, plainError, type HttpReply } from "./errors.js";
import { createHandlers, type HandlerContext } from "./handlers.js";
import { createJournal, type Journal } from "./journal.js";
import { validateBody } from "./request-validation.js";

export const API_PREFIX = "/bank-connect";
export const CONTROL_PREFIX = "/__mock";

export interface MockServerOptions {
  /** Seed for ids and data. Same seed + same requests = same bytes. Default "bankconnect". */
  seed?: string | number;
  /** Virtual ms from initiate_processing to completed. Default 3000. */
  processingMs?: number;
  /** TTL of sessions created without session_expiry, in minutes. Default 1440 (one day). */
  sessionTtlMinutes?: number;
  /** Time source. Default: wall-clock time that the control API can move forward. */
  clock?: Clock;
  /** When set, only this x-api-key (and api_key) is accepted. */
  apiKey?: string;
  /** When set, only this server-hash is accepted. */
  serverHash?: string;
  /** Serve the /__mock control API. Default true. */
  control?: boolean;
  /** Largest JSON body. Default 1 MiB. */
  jsonLimitBytes?: number;
  /** Largest upload. Default 10 MiB. */
  uploadLimitBytes?: number;
  /** Requests kept in the journal. Default 1000. */
  journalSize?: number;
  webhookRetryBaseMs?: number;
  webhookMaxAttempts?: number;
  webhookTimeoutMs?: number;
  /** Secret echoed as x-secret-key when update_webhook sends none. */
  webhookSecret?: string;
  /** Webhook transport, for tests that do not want real HTTP. */
  webhookSend?: WebhookSend;
  /** Faults for every request: a delay, and a share of requests answered with a 5XX. */
  faults?: { delayMs?: number; failureRate?: number; failureStatus?: number };
}

export interface ResolvedOptions {
  seed: string;
  processingMs: number;
  sessionTtlMinutes: number;
  control: boolean;
  jsonLimitBytes: number;
  uploadLimitBytes: number;
  journalSize: number;
  webhookRetryBaseMs: number;
  webhookMaxAttempts: number;
  webhookTimeoutMs: number;
  faults: { delayMs: number; failureRate: number; failureStatus: number };
}

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface MockServer {
  app: Express;
  clock: Clock;
  lifecycle: Lifecycle;
  webhooks: WebhookDispatcher;
  scenarios: Scenarios;
  contract: Contract;
  journal: Journal;
  options: ResolvedOptions;
  listen(port?: number, host?: string): Promise<Listening>;
  /** Stops timers and webhook deliveries; never waits on a receiver. */
  close(): Promise<void>;
}

const MAX_DELAY_MS = 60_000;

export function createMockServer(options: MockServerOptions = {}): MockServer {
  const resolved: ResolvedOptions = {
    seed: String(options.seed ?? "bankconnect"),
    processingMs: options.processingMs ?? 3000,
    sessionTtlMinutes: options.sessionTtlMinutes ?? 1440,
    control: options.control ?? true,
    jsonLimitBytes: options.jsonLimitBytes ?? 1024 * 1024,
    uploadLimitBytes: options.uploadLimitBytes ?? 10 * 1024 * 1024,
    journalSize: options.journalSize ?? 1000,
    webhookRetryBaseMs: options.webhookRetryBaseMs ?? 1000,
    webhookMaxAttempts: options.webhookMaxAttempts ?? 6,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 5000,
    faults: {
      delayMs: options.faults?.delayMs ?? 0,
      failureRate: options.faults?.failureRate ?? 0,
      failureStatus: options.faults?.failureStatus ?? 503,
    },
  };
  const contract = getContract();
  const clock = options.clock ?? createClock({ mode: "system" });
  const scenarios = loadScenarios();
  const catalogue = buildErrorCatalogue(contract.doc);
  const messages = {
    statement: new Map(catalogue.statement_level.map((e) => [e.code, e.message])),
    account: new Map(catalogue.account_level.map((e) => [e.code, e.message])),
  };

  const webhooks = createWebhookDispatcher({
    clock,
    validate(event, payload) {
      const schema = contract.operations.webhookSchemas.get(event);
      if (!schema) return { ok: false, errors: [`no schema for ${event}`] };
      const result = contract.schemas.validateSchema(schema, payload);
      return result.ok ? result : { ok: false, errors: result.errors.map((e) => `${e.path || "(payload)"} ${e.message}`) };
    },
    retryBaseMs: resolved.webhookRetryBaseMs,
    maxAttempts: resolved.webhookMaxAttempts,
    timeoutMs: resolved.webhookTimeoutMs,
    random: seededRandom(resolved.seed, "webhook-jitter"),
    ...(options.webhookSend ? { send: options.webhookSend } : {}),
  });

  const payloadFor = {
    SESSION_REQUIREMENT_COMPLETION_NOTIFICATION: (s: Session) => completionPayload(s),
    SESSION_EXPIRY_NOTIFICATION: (s: Session) => expiryPayload(s),
    ENRICHMENT_NOTIFICATION: (s: Session) => enrichmentPayload(s),
  };
  const lifecycle = createLifecycle({
    clock,
    seed: resolved.seed,
    processingMs: resolved.processingMs,
    defaultTtlMinutes: resolved.sessionTtlMinutes,
    scenarios,
    messages,
    onEvent(event, session) {
      webhooks.emit(session.tenant, { event, sessionId: session.id, payload: payloadFor[event](session) });
    },
  });

  // Signed, expiring links for get_pdfs; the file route resolves them without credentials.
  const linkTargets = new Map<string, { tenant: string; sessionId: string }>();
  const signature = (statementId: string, expires: number) =>
    createHmac("sha256", `${resolved.seed}/pdf-links`).update(`${statementId}:${expires}`).digest("hex").slice(0, 32);
  const signLink = (st: StatementState, expiresAt: number, origin: string): string => {
    const target = linkTargets.get(st.id);
    if (!target) return "";
    return `${origin}${CONTROL_PREFIX}/files/${st.id}?expires=${expiresAt}&signature=${signature(st.id, expiresAt)}`;
  };

  const handlers = createHandlers({
    lifecycle,
    clock,
    webhooks,
    ...(options.webhookSecret ? { defaultWebhookSecret: options.webhookSecret } : {}),
    signLink,
  });
  const journal = createJournal(resolved.journalSize);
  const faultRandom = seededRandom(resolved.seed, "faults");

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", "simple");

  // Journal: every request, with the operation and error code it ended with.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const atMs = clock.now();
    res.on("finish", () => {
      const key = req.headers["x-api-key"];
      const scenario = req.headers["x-mock-scenario"];
      journal.add({
        atMs,
        method: req.method,
        path: req.originalUrl.split("?")[0],
        operationId: (res.locals.operationId as string | undefined) ?? null,
        tenantKey: typeof key === "string" ? key : ((res.locals.tenant as string | undefined) ?? null),
        status: res.statusCode,
        durationMs: performance.now() - started,
        errorCode: (res.locals.errorCode as string | undefined) ?? null,
        scenario: typeof scenario === "string" ? scenario : null,
      });
    });
    next();
  });

  // The API is dispatched here, before Express's router walks the other routes: it is the hot path,
  // and the spec's operation index does the routing anyway.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const url = req.url;
    if (!url.startsWith(API_PREFIX) || (url.length > API_PREFIX.length && url[API_PREFIX.length] !== "/" && url[API_PREFIX.length] !== "?")) return next();
    const q = url.indexOf("?");
    const path = url.slice(API_PREFIX.length, q < 0 ? undefined : q) || "/";
    handleApi(req, res, path).catch(next);
  });

  app.get(`${CONTROL_PREFIX}/files/:statementId`, (req, res) => {
    const { statementId } = req.params;
    const expires = Number(req.query.expires);
    const target = linkTargets.get(statementId);
    if (!target || typeof req.query.signature !== "string" || req.query.signature !== signature(statementId, expires)) {
      return send(res, plainError(404, "NOT_FOUND", "No file at this link: check the pdf_url from get_pdfs."));
    }
    if (clock.now() > expires) return send(res, plainError(410, "LINK_EXPIRED", "This pdf_url has expired (links are valid for one hour): call get_pdfs again."));
    const found = lifecycle.getSession(target.tenant, target.sessionId);
    const st = found.ok ? found.value.statements.find((x) => x.id === statementId) : undefined;
    if (!st) return send(res, plainError(410, "SESSION_DELETED", "The session of this file has been deleted."));
    res.status(200).type(st.mimeType || "application/octet-stream").send(Buffer.from(st.bytes));
  });

  if (resolved.control) {
    app.use(CONTROL_PREFIX, createControlRouter({ lifecycle, clock, webhooks, journal, scenarios, contract, options: resolved, payloadFor }));
  }

  app.use((req, res) => {
    send(
      res,
      plainError(404, "NOT_FOUND", `No route ${req.method} ${req.path}. The API is served under ${API_PREFIX}/v1/ (see openapi/bankconnect.yaml) and the mock's control API under ${CONTROL_PREFIX}/.`),
    );
  });

  // Last resort: a bug must still answer the documented envelope, without a stack trace.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status = (err as { status?: number }).status;
    if (status === 400) return send(res, plainError(400, "INVALID_REQUEST", "The request is malformed."));
    console.error("[mock] unexpected error:", err);
    send(res, plainError(500, "INTERNAL_SERVER_ERROR", "An unexpected error occurred."));
  });

  async function handleApi(req: Request, res: Response, path: string): Promise<void> {
    const match = contract.operations.match(req.method, path);
    if (match.kind === "not-found") {
      return send(res, plainError(404, "NOT_FOUND", `No route ${req.method} ${API_PREFIX}${path}. Paths are documented in openapi/bankconnect.yaml, e.g. ${API_PREFIX}/v1/session/.`));
    }
    if (match.kind === "method-not-allowed") {
      req.resume();
      return send(res, plainError(405, "METHOD_NOT_ALLOWED", `Method ${req.method} not allowed. Allowed: ${match.allowed.join(", ")}.`, { allow: match.allowed.join(", ") }));
    }
    const { op, params } = match;
    res.locals.operationId = op.operationId;
    const uploadExtras = (sessionId?: string) => ({ session_id: sessionId ?? "" });

    // Faults first: they simulate the network and the server, before any logic.
    if (faultsWanted(req) && (await applyFaults(req, res, op)) === "handled") return;

    // Credentials from headers (all but create session, whose key is in the body).
    let tenant: string | undefined;
    if (op.securityHeaders.length > 0) {
      const denied = checkHeaders(req, op);
      if (denied) {
        req.resume();
        return send(res, failureReply(op, { code: "ACCESS_DENIED" }, uploadExtras()));
      }
      tenant = req.headers["x-api-key"] as string;
    }

    // The body, within limits and of the declared media type.
    let body: Record<string, unknown> = {};
    let files: HandlerContext["files"] = [];
    if (op.requestBody) {
      const type = mediaType(req);
      const accepted = Object.keys(op.requestBody.content);
      if (op.operationId === "uploadStatement" && type === "application/json") {
        req.resume();
        return send(res, failureReply(op, { code: "INVALID_FILE_OBJECT", message: "This field must be present as a form field. Send request with correct content type (multipart/form-data)." }, uploadExtras()));
      }
      if (!accepted.includes(type)) {
        req.resume();
        return send(res, failureReply(op, { code: "UNSUPPORTED_MEDIA_TYPE", message: `Unsupported media type \`${type || "(none)"}\`: send ${accepted.join(" or ")}.` }, uploadExtras()));
      }
      if (type === "multipart/form-data") {
        const form = await readMultipart(req, resolved.uploadLimitBytes);
        if (form.kind === "too-large") return send(res, failureReply(op, { code: "PAYLOAD_TOO_LARGE", message: `Request body exceeds the limit of ${resolved.uploadLimitBytes} bytes.` }));
        if (form.kind === "malformed") return send(res, failureReply(op, { code: "INVALID_FILE_OBJECT", message: `File object is invalid: the multipart body could not be read (${form.message}).` }, uploadExtras()));
        body = form.fields;
        files = form.files;
        // The spec's schema sees the file as a string; the bytes go to the domain separately.
        const file = files.find((f) => f.field === "file");
        if (file && body.file === undefined) body = { ...body, file: file.fileName || "upload" };
      } else {
        const limit = type === "application/x-www-form-urlencoded" ? resolved.uploadLimitBytes : resolved.jsonLimitBytes;
        const raw = await readRaw(req, limit);
        if (raw.kind === "too-large") return send(res, failureReply(op, { code: "PAYLOAD_TOO_LARGE", message: `Request body exceeds the limit of ${limit} bytes.` }));
        if (raw.kind === "aborted") return;
        if (type === "application/x-www-form-urlencoded") {
          body = Object.fromEntries(new URLSearchParams(raw.bytes.toString("utf8")));
        } else {
          try {
            body = JSON.parse(raw.bytes.toString("utf8")) as Record<string, unknown>;
          } catch (err) {
            return send(res, failureReply(op, { code: "INVALID_REQUEST", message: `Malformed JSON body: ${(err as Error).message}.` }));
          }
        }
      }
      const invalid = validateBody(contract, op, type, body);
      if (invalid) {
        if (op.operationId === "createSession" && !authorisedCreate(req, body)) return send(res, failureReply(op, { code: "ACCESS_DENIED" }));
        return send(res, failureReply(op, invalid, uploadExtras(typeof body.session_id === "string" ? body.session_id : undefined)));
      }
    }

    if (op.operationId === "createSession") {
      if (!authorisedCreate(req, body)) return send(res, failureReply(op, { code: "ACCESS_DENIED" }));
      tenant = (typeof body.api_key === "string" && body.api_key !== "" ? body.api_key : req.headers["x-api-key"]) as string;
    }
    res.locals.tenant = tenant;

    // x-mock-scenario: a domain scenario on create/upload, else a documented code of this operation.
    const scenarioHeader = typeof req.headers["x-mock-scenario"] === "string" ? req.headers["x-mock-scenario"].trim() : undefined;
    let domainScenario: string | undefined;
    if (scenarioHeader !== undefined) {
      const code = scenarioHeader.toUpperCase();
      const isDomain =
        (op.operationId === "createSession" && scenarios.session(scenarioHeader) !== undefined) ||
        (op.operationId === "uploadStatement" && scenarios.statement(scenarioHeader) !== undefined);
      if (isDomain) {
        domainScenario = scenarioHeader;
      } else if (op.responses.some((r) => r.codes.includes(code))) {
        const forced = exampleReply(op, code, uploadExtras(typeof body.session_id === "string" ? body.session_id : undefined));
        if (forced) return send(res, forced);
      } else {
        return send(res, unknownScenario(op, scenarioHeader));
      }
    }

    const handler = handlers[op.operationId];
    const ctx: HandlerContext = {
      tenant: tenant as string,
      params,
      query: Object.fromEntries(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === "string")),
      body,
      files,
      headers: req.headers,
      ...(domainScenario !== undefined ? { scenario: domainScenario } : {}),
      origin: `${req.protocol}://${req.headers.host ?? "127.0.0.1"}`,
    };
    const result = handler(ctx);
    if (!result.ok) {
      return send(res, failureReply(op, result.failure, uploadExtras(typeof body.session_id === "string" ? body.session_id : undefined)));
    }
    if (op.operationId === "uploadStatement" || op.operationId === "getPdfs") rememberLinks(tenant as string, params.session_id ?? (body.session_id as string));
    send(res, result.value);
  }

  function rememberLinks(tenant: string, sessionId: string): void {
    const found = lifecycle.getSession(tenant, sessionId);
    if (found.ok) for (const st of found.value.statements) linkTargets.set(st.id, { tenant, sessionId });
  }

  function unknownScenario(op: OperationSpec, name: string): HttpReply {
    const codes = op.responses.flatMap((r) => r.codes);
    const domain =
      op.operationId === "createSession"
        ? ` or a session scenario (${scenarios.catalogue.session.map((s) => s.name).join(", ")})`
        : op.operationId === "uploadStatement"
          ? ` or a statement scenario (${scenarios.catalogue.statement.map((s) => s.code).join(", ")})`
          : "";
    return plainError(400, "INVALID_REQUEST", `x-mock-scenario: unknown scenario ${JSON.stringify(name)} for ${op.operationId}. Use a code this operation documents (${codes.join(", ")})${domain}. GET ${CONTROL_PREFIX}/scenarios lists them.`);
  }

  function checkHeaders(req: Request, op: OperationSpec): boolean {
    const ok = op.securityHeaders.some((alt) =>
      alt.every((h) => {
        const v = req.headers[h];
        if (typeof v !== "string" || v.trim() === "") return false;
        if (h === "x-api-key" && options.apiKey !== undefined) return v === options.apiKey;
        if (h === "server-hash" && options.serverHash !== undefined) return v === options.serverHash;
        return true;
      }),
    );
    return !ok;
  }

  function authorisedCreate(req: Request, body: Record<string, unknown>): boolean {
    const key = typeof body.api_key === "string" && body.api_key !== "" ? body.api_key : req.headers["x-api-key"];
    if (typeof key !== "string" || key.trim() === "") return false;
    return options.apiKey === undefined || key === options.apiKey;
  }

  function faultsWanted(req: Request): boolean {
    return (
      resolved.faults.delayMs > 0 ||
      resolved.faults.failureRate > 0 ||
      req.headers["x-mock-delay-ms"] !== undefined ||
      req.headers["x-mock-fault"] !== undefined
    );
  }

  async function applyFaults(req: Request, res: Response, op: OperationSpec): Promise<"handled" | "none"> {
    const delayHeader = req.headers["x-mock-delay-ms"];
    let delay = resolved.faults.delayMs;
    if (typeof delayHeader === "string") {
      const n = Number(delayHeader);
      if (!Number.isInteger(n) || n < 0 || n > MAX_DELAY_MS) {
        req.resume();
        send(res, plainError(400, "INVALID_REQUEST", `x-mock-delay-ms must be an integer from 0 to ${MAX_DELAY_MS}; got ${JSON.stringify(delayHeader)}.`));
        return "handled";
      }
      delay = n;
    }
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const faultHeader = typeof req.headers["x-mock-fault"] === "string" ? req.headers["x-mock-fault"].trim().toLowerCase() : undefined;
    let fault = faultHeader;
    if (fault === undefined && resolved.faults.failureRate > 0 && faultRandom() < resolved.faults.failureRate) fault = String(resolved.faults.failureStatus);
    if (fault === undefined) return "none";
    req.resume();
    if (fault === "drop" || fault === "reset") {
      res.locals.errorCode = "FAULT_DROP";
      req.socket.destroy();
      return "handled";
    }
    const status = Number(fault);
    const code = status === 500 ? "INTERNAL_SERVER_ERROR" : status === 504 ? "GATEWAY_TIMEOUT" : status === 503 ? "SERVICE_UNAVAILABLE" : undefined;
    if (!code) {
      send(res, plainError(400, "INVALID_REQUEST", `x-mock-fault must be 500, 503, 504, drop or reset; got ${JSON.stringify(faultHeader)}.`));
      return "handled";
    }
    const forced = exampleReply(op, code) as HttpReply;
    send(res, { ...forced, status, headers: status === 503 ? { "retry-after": "1" } : {} });
    return "handled";
  }

  let servers: Server[] = [];

  return {
    app,
    clock,
    lifecycle,
    webhooks,
    scenarios,
    contract,
    journal,
    options: resolved,
    listen(port = 0, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        const server = app.listen(port, host);
        server.once("error", reject);
        server.once("listening", () => {
          servers.push(server);
          const address = server.address() as AddressInfo;
          const h = address.family === "IPv6" ? `[${address.address}]` : address.address;
          const url = `http://${h}:${address.port}`;
          resolve({
            url,
            port: address.port,
            close: () =>
              new Promise<void>((done) => {
                servers = servers.filter((s) => s !== server);
                server.close(() => done());
                server.closeAllConnections();
              }),
          });
        });
      });
    },
    async close() {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((done) => {
              server.close(() => done());
              server.closeAllConnections();
            }),
        ),
      );
      servers = [];
      clock.dispose();
      await webhooks.close();
    },
  };
}

const serialized = new WeakMap<object, Buffer>();

/**
 * Writes a reply; the error code goes to the journal. Bodies the domain reuses (a polled upload
 * status) are serialized once: the WeakMap entry lives exactly as long as the body object.
 */
export function send(res: Response, r: HttpReply): void {
  const body = r.body as { error?: { code?: string } } | null;
  const code = body?.error?.code;
  if (code) res.locals.errorCode = code;
  let bytes = body && typeof body === "object" ? serialized.get(body) : undefined;
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(r.body));
    if (body && typeof body === "object") serialized.set(body, bytes);
  }
  if (r.headers) for (const [k, v] of Object.entries(r.headers)) res.setHeader(k, v);
  res.statusCode = r.status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", bytes.length);
  res.end(bytes);
}
