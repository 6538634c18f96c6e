import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { createClock, type Clock } from "../core/clock.js";
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
import { createFileLinks } from "./file-links.js";
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

/**
 * Wires the mock: the domain (lifecycle, webhooks) on one clock, the API served by the request
 * pipeline (pipeline/index.ts), the control API, file links, the journal and the listeners.
 */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  const resolved = resolveOptions(options);
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
    pdf: { strict: resolved.strictPdf, pageLimit: resolved.pdfPageLimit },
  });
  const upload = createPdfUploads({ upload: lifecycle.upload, readPdf });

  const fileLinks = createFileLinks({ seed: resolved.seed, clock, lifecycle });
  const handlers = createHandlers({
    lifecycle,
    upload,
    clock,
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
    serveApi(req, res, path, pipeline).catch(next);
  });

  app.get(`${CONTROL_PREFIX}/files/:statementId`, (req, res) => {
    const file = fileLinks.resolve(req.params.statementId, Number(req.query.expires), req.query.signature);
    if ("status" in file) return send(res, file);
    res.status(200).type(file.mimeType || "application/octet-stream").send(Buffer.from(file.bytes));
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

  let servers: Server[] = [];
  const closeServer = (server: Server): Promise<void> =>
    new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });

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
          resolve({
            url: `http://${h}:${address.port}`,
            port: address.port,
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
      clock.dispose();
      await webhooks.close();
    },
  };
}
