import { randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { createClock, type Clock } from "../core/clock.js";
import { createTenantClocks, type TenantClocks } from "../core/tenant-clocks.js";
import { applyTenant, checkStateFile, renderStateFile, type StateDeps } from "../state/persistence.js";
import { createStateSaver, type StateSaver } from "../state/saver.js";
import { seededRandom } from "../core/random.js";
import { createLifecycle, type Lifecycle } from "../domain/lifecycle.js";
import { createPdfUploads } from "../domain/pdf-upload.js";
import { readPdf } from "../pdf/read.js";
import { loadScenarios, type Scenarios } from "../domain/scenarios.js";
import type { Session } from "../domain/session.js";
import { completionPayload, enrichmentPayload, expiryPayload } from "../domain/views.js";
import { buildErrorCatalogue, getContract, type Contract } from "../spec/index.js";
import { createWebhookDispatcher, type WebhookDispatcher } from "../webhooks/index.js";
import { createControlRouter } from "./control.js";
import { plainError } from "./errors.js";
import { createFileLinks, type FileLinks } from "./file-links.js";
import { createHandlers } from "./handlers.js";
import { createJournal, type Journal } from "./journal.js";
import { API_PREFIX, CONTROL_PREFIX, resolveOptions, type MockServerOptions, type ResolvedOptions } from "./options.js";
import { serveApi, type PipelineDeps } from "./pipeline/index.js";
import { send } from "./send.js";

export { API_PREFIX, CONTROL_PREFIX, type MockServerOptions, type ResolvedOptions } from "./options.js";
export { send } from "./send.js";

export interface Listening {
  url: string;
  port: number;
  /** The Node server, with its timeouts and connection cap set. */
  server: Server;
  close(): Promise<void>;
}

/** A `--state-file` that cannot be loaded: the message says why; the file is untouched. */
export class StateFileError extends Error {}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;
export const isLoopback = (host: string): boolean => LOOPBACK.test(host.replace(/^\[|\]$/g, ""));

export interface MockServer {
  app: Express;
  /** The base clock: moving it moves every tenant (`clocks` holds each tenant's own). */
  clock: Clock;
  clocks: TenantClocks;
  /** Set with `stateFile`: the debounced, atomic writer of the state file. */
  saver: StateSaver | null;
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

/**
 * Wires the mock: the domain (lifecycle, webhooks) on one clock, the API served by the request
 * pipeline (pipeline/index.ts), the control API, file links, the journal and the listeners.
 */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  const resolved = resolveOptions(options);
  const contract = getContract();
  const clock = options.clock ?? createClock({ mode: "system" });
  const clocks = createTenantClocks(clock);
  // A key that holds nothing reads the base time (where a new tenant's clock starts) and gets no
  // clock of its own, so a flood of unknown or refused keys allocates nothing.
  const clockFor = (tenant: string): Clock => clocks.peek(tenant) ?? (lifecycle.knowsTenant(tenant) ? clocks.forTenant(tenant) : clock);
  const scenarios = loadScenarios();
  const catalogue = buildErrorCatalogue(contract.doc);
  const messages = {
    statement: new Map(catalogue.statement_level.map((e) => [e.code, e.message])),
    account: new Map(catalogue.account_level.map((e) => [e.code, e.message])),
  };

  const webhooks = createWebhookDispatcher({
    clock,
    clockFor,
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
    pdf: { strict: resolved.strictPdf, pageLimit: resolved.pdfPageLimit },
    clockFor,
    maxRangeDays: resolved.maxRangeDays,
    retentionMinutes: resolved.retentionMinutes,
    limits: { maxTenants: resolved.maxTenants, maxSessionsPerTenant: resolved.maxSessionsPerTenant, maxStoredBytes: resolved.maxStoredBytes },
    onForget(session, reason) {
      // A deleted session's links keep answering 410 until it is forgotten; its payloads go now.
      if (reason === "forgotten") fileLinks?.forget(session.tenant, session.id);
      webhooks.forgetSession(session.tenant, session.id);
    },
  });
  const upload = createPdfUploads({ upload: lifecycle.upload, readPdf });

  // Made once the link secret is known (a state file may hold it); sessions forgotten before then had no links.
  let fileLinks: FileLinks | undefined;
  const stateDeps: StateDeps = { seed: resolved.seed, lifecycle, webhooks, clocks, scenarios };
  let linkSecret = options.linkSecret ?? randomBytes(32).toString("hex");
  if (resolved.stateFile !== null && existsSync(resolved.stateFile)) {
    const checked = checkStateFile(stateDeps, readFileSync(resolved.stateFile, "utf8"), resolved.stateFile);
    if (!checked.ok) {
      clocks.dispose();
      clock.dispose();
      void webhooks.close();
      throw new StateFileError(checked.message);
    }
    // A manual base clock resumes where it was; a system one is wall time, tenants keep their offsets.
    clock.set(checked.value.file.base_now_ms);
    linkSecret = checked.value.file.link_secret;
    for (const t of checked.value.tenants) applyTenant(stateDeps, t.key, t.checked, t.offset);
  }
  fileLinks = createFileLinks({ secret: linkSecret, clockFor, lifecycle });
  const saver = resolved.stateFile !== null ? createStateSaver({ path: resolved.stateFile, render: () => renderStateFile(stateDeps, linkSecret) }) : null;
  if (saver) webhooks.onSettled(() => saver.changed());
  const handlers = createHandlers({
    lifecycle,
    upload,
    clockFor,
    webhooks,
    ...(options.webhookSecret ? { defaultWebhookSecret: options.webhookSecret } : {}),
    signLink: fileLinks.sign,
  });
  const journal = createJournal(resolved.journalSize);
  const pipeline: PipelineDeps = { contract, scenarios, options, resolved, handlers, fileLinks, faultRandom: seededRandom(resolved.seed, "faults") };

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", "simple");

  // Journal: every request, with the operation and error code it ended with.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const headerKey = req.headers["x-api-key"];
    const atMs = ((typeof headerKey === "string" ? clocks.peek(headerKey) : undefined) ?? clock).now();
    res.on("finish", () => {
      if (saver && req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS") saver.changed();
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
    serveApi(req, res, path, pipeline).catch(next);
  });

  app.get(`${CONTROL_PREFIX}/files/:statementId`, (req, res) => {
    const file = fileLinks.resolve(req.params.statementId, Number(req.query.expires), req.query.signature);
    if ("status" in file) return send(res, file);
    // Whatever type the uploader claimed (text/html included), a statement is served as a PDF
    // download the browser must not sniff into something it would render.
    res.status(200);
    res.setHeader("content-type", "application/pdf");
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("content-disposition", `attachment; filename="${req.params.statementId}.pdf"`);
    res.end(Buffer.from(file.bytes));
  });

  if (resolved.control) {
    if (resolved.controlToken !== null) app.use(CONTROL_PREFIX, requireControlToken(resolved.controlToken));
    app.use(CONTROL_PREFIX, createControlRouter({ lifecycle, clocks, state: stateDeps, webhooks, journal, scenarios, contract, options: resolved, payloadFor }));
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

  let servers: Server[] = [];
  const closeServer = (server: Server): Promise<void> =>
    new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });

  return {
    app,
    clock,
    clocks,
    saver,
    lifecycle,
    webhooks,
    scenarios,
    contract,
    journal,
    options: resolved,
    listen(port = 0, host = "127.0.0.1") {
      if (resolved.control && resolved.controlToken === null && !isLoopback(host)) {
        return Promise.reject(
          new Error(
            `Refusing to listen on ${host}: off loopback the control API (/__mock) could reset tenants and move their clocks for anyone who can reach the port. Set --control-token (or MOCK_CONTROL_TOKEN), or turn the control API off with --no-control.`,
          ),
        );
      }
      return new Promise((resolve, reject) => {
        // Slow clients cannot hold sockets: headers and whole requests have deadlines, idle
        // keep-alive sockets close, and the number of open connections is capped.
        const requestTimeout = resolved.requestTimeoutMs;
        const server = createServer(
          {
            requestTimeout,
            headersTimeout: Math.min(resolved.headersTimeoutMs, requestTimeout),
            keepAliveTimeout: resolved.keepAliveTimeoutMs,
            connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(requestTimeout / 2))),
          },
          app,
        );
        server.keepAliveTimeout = resolved.keepAliveTimeoutMs;
        server.maxConnections = resolved.maxConnections;
        server.listen(port, host);
        server.once("error", reject);
        server.once("listening", () => {
          servers.push(server);
          const address = server.address() as AddressInfo;
          const h = address.family === "IPv6" ? `[${address.address}]` : address.address;
          resolve({
            url: `http://${h}:${address.port}`,
            port: address.port,
            server,
            close: () => {
              servers = servers.filter((s) => s !== server);
              return closeServer(server);
            },
          });
        });
      });
    },
    async close() {
      await Promise.all(servers.map(closeServer));
      servers = [];
      // The last state is written before timers stop: shutdown must not lose what the debounce held back.
      if (saver) {
        await saver.flush();
        saver.stop();
      }
      clocks.dispose();
      clock.dispose();
      await webhooks.close();
    },
  };
}

/** `/__mock` behind a token: `x-mock-control-token` (the dashboard's header) or `Authorization: Bearer`. */
function requireControlToken(token: string) {
  const expected = Buffer.from(token);
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers["x-mock-control-token"];
    const auth = req.headers.authorization;
    const given = typeof header === "string" ? header : typeof auth === "string" && auth.startsWith("Bearer ") ? auth.slice(7) : undefined;
    if (given !== undefined && given.length === token.length && timingSafeEqual(Buffer.from(given), expected)) return next();
    req.resume();
    send(res, plainError(401, "CONTROL_TOKEN_REQUIRED", "This mock's control API needs its control token: send x-mock-control-token (or Authorization: Bearer) with the value of --control-token / MOCK_CONTROL_TOKEN."));
  };
}
