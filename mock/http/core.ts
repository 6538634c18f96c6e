import { createClock, type Clock } from "../core/clock.js";
import { hexOf } from "../core/bytes.js";
import { createTenantClocks, type TenantClocks } from "../core/tenant-clocks.js";
import { seededRandom } from "../core/random.js";
import { createLifecycle, type Lifecycle } from "../domain/lifecycle.js";
import { createPdfUploads, type ReadPdf } from "../domain/pdf-upload.js";
import type { Scenarios } from "../domain/scenarios.js";
import type { Session } from "../domain/session.js";
import { completionPayload, enrichmentPayload, expiryPayload } from "../domain/views.js";
import type { Contract } from "../../openapi/lib/contract.js";
import { buildErrorCatalogue } from "../../openapi/lib/error-catalogue.js";
import { createWebhookDispatcher, type WebhookDispatcher } from "../webhooks/dispatcher.js";
import type { WebhookEventName } from "../webhooks/events.js";
import type { WebhookSend } from "../webhooks/sender.js";
import type { EmitResult } from "../webhooks/types.js";
import { createControlRoutes, type ControlRoutes } from "./control.js";
import { addCorsHeaders, corsPolicy, preflightReply, specMethods } from "./cors.js";
import { plainError } from "./errors.js";
import { applyTenant, checkStateFile, renderStateFile, type StateDeps } from "../state/persistence.js";
import { createFileLinks, type FileLinks } from "./file-links.js";
import { createHandlers } from "./handlers.js";
import { createJournal, isJournaled, type Journal } from "./journal.js";
import { API_PREFIX, CONTROL_PREFIX, resolveOptions, type MockServerOptions, type ResolvedOptions } from "./options.js";
import { serveApi, type PipelineDeps } from "./pipeline/index.js";
import { header, pathOf, queryOf, type PlainReply, type PlainRequest } from "./plain.js";
import { toPlain, type JournalNote } from "./reply.js";

export type { MockServerOptions as MockCoreOptions, ResolvedOptions } from "./options.js";
export { API_PREFIX, CONTROL_PREFIX } from "./options.js";

/** What the host supplies: the parsed spec, the scenario catalogue and a webhook transport. */
export interface MockCoreEnvironment {
  contract: Contract;
  scenarios: Scenarios;
  /** Used when the options name no transport. */
  webhookSend: WebhookSend;
  /**
   * Reads an uploaded PDF's content (mock/pdf/read.ts under Node). Without one, every `%PDF-` file
   * is judged as a PDF no reader could open: by its bytes alone, a synthetic statement unless
   * `strictPdf` is set.
   */
  readPdf?: ReadPdf;
  /**
   * The text of a `--state-file` to start from (the Node host reads the file; the core stays free of
   * node:fs). `source` names it in error messages. A document that cannot be loaded throws a
   * StateFileError and changes nothing.
   */
  initialState?: { text: string; source: string };
  /** Routes for a browser (the hosted journey page, the dashboard): the Node host serves files. */
  pages?: (ctx: PageContext) => PageRoutes;
}

/** A state file that cannot be loaded: the message says why; the file is untouched. */
export class StateFileError extends Error {}

/** A random secret for signing file links (Web Crypto: in Node 20+ and every browser). */
function randomSecret(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return hexOf(bytes);
}

/** What page routes get from the core: the same domain, and the API's own upload operation. */
export interface PageContext {
  lifecycle: Lifecycle;
  /** The clock of a tenant's sessions (each API key has its own). */
  clockFor(tenant: string): Clock;
  scenarios: Scenarios;
  contract: Contract;
  /** Serve the dashboard (it needs the control API). */
  dashboard: boolean;
  /** Answers a request as the API's uploadStatement, every step of the request pipeline. */
  serveUpload(req: PlainRequest, note: JournalNote): Promise<PlainReply>;
}

export interface PageRoutes {
  /** The reply, or null when the request is not for a page. */
  handle(req: PlainRequest, note: JournalNote): Promise<PlainReply | null>;
  /** The methods a page path has, for CORS preflights; null when none. */
  methodsFor(path: string): string[] | null;
}

const NO_PDF_READER: ReadPdf = async () => ({ kind: "unreadable", reason: "no PDF reader in this environment" });

/** A webhook event as the domain emitted it, for in-process subscribers. */
export interface WebhookEvent {
  event: WebhookEventName;
  tenant: string;
  sessionId: string;
  payload: object;
  /** The payload checked against the spec's webhook schema (an invalid one is never delivered). */
  validation: EmitResult["validation"];
  /** The delivery to the tenant's webhook_url, or null when none is configured or the mode skips it. */
  deliveryId: string | null;
}

export interface MockCore {
  /** The base clock: moving it moves every tenant (`clocks` holds each tenant's own). */
  clock: Clock;
  clocks: TenantClocks;
  lifecycle: Lifecycle;
  webhooks: WebhookDispatcher;
  scenarios: Scenarios;
  contract: Contract;
  journal: Journal;
  options: ResolvedOptions;
  control: ControlRoutes;
  /** Answers one request: the API, the file links, the control API, or a 404 envelope. */
  serve(req: PlainRequest): Promise<PlainReply>;
  /** Emits a webhook event for a session: delivery (when configured) and in-process subscribers. */
  emitWebhook(session: Session, event: WebhookEventName): EmitResult;
  onWebhook(listener: (event: WebhookEvent) => void): () => void;
  /** The whole state as a state-file document (the Node host writes it atomically). */
  renderState(): string;
  /** Stops timers and webhook deliveries; never waits on a receiver. */
  close(): Promise<void>;
}

/**
 * The whole mock without a transport: domain, webhooks, journal and the request path. The Express
 * server and the MSW handlers are adapters around one of these; nothing here imports either.
 */
export function createMockCore(options: MockServerOptions, env: MockCoreEnvironment): MockCore {
  const resolved = resolveOptions(options);
  const { contract, scenarios } = env;
  const clock = options.clock ?? createClock({ mode: "system" });
  const clocks = createTenantClocks(clock);
  // A key that holds nothing reads the base time (where a new tenant's clock starts) and gets no
  // clock of its own, so a flood of unknown or refused keys allocates nothing.
  const clockFor = (tenant: string): Clock => clocks.peek(tenant) ?? (lifecycle.knowsTenant(tenant) ? clocks.forTenant(tenant) : clock);
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
    send: options.webhookSend ?? env.webhookSend,
  });

  const listeners = new Set<(event: WebhookEvent) => void>();
  const payloadFor: Record<WebhookEventName, (s: Session) => object> = {
    SESSION_REQUIREMENT_COMPLETION_NOTIFICATION: (s) => completionPayload(s),
    SESSION_EXPIRY_NOTIFICATION: (s) => expiryPayload(s),
    ENRICHMENT_NOTIFICATION: (s) => enrichmentPayload(s),
  };
  function emitWebhook(session: Session, event: WebhookEventName): EmitResult {
    const payload = payloadFor[event](session);
    const result = webhooks.emit(session.tenant, { event, sessionId: session.id, payload });
    const seen: WebhookEvent = { event, tenant: session.tenant, sessionId: session.id, payload, validation: result.validation, deliveryId: result.delivery?.delivery_id ?? null };
    for (const listener of listeners) {
      try {
        listener(seen);
      } catch (err) {
        // A subscriber's bug must not undo a transition the domain already made.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
    return result;
  }
  const lifecycle = createLifecycle({
    clock,
    seed: resolved.seed,
    processingMs: resolved.processingMs,
    defaultTtlMinutes: resolved.sessionTtlMinutes,
    scenarios,
    messages,
    onEvent: (event, session) => void emitWebhook(session, event),
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
  const upload = createPdfUploads({ upload: lifecycle.upload, readPdf: env.readPdf ?? NO_PDF_READER });

  // Made once the link secret is known (a state file may hold it); sessions forgotten before then had no links.
  let fileLinks: FileLinks | undefined;
  const stateDeps: StateDeps = { seed: resolved.seed, lifecycle, webhooks, clocks, scenarios };
  let linkSecret = options.linkSecret ?? randomSecret();
  if (env.initialState) {
    const checked = checkStateFile(stateDeps, env.initialState.text, env.initialState.source);
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
  const links = createFileLinks({ secret: linkSecret, clockFor, lifecycle });
  fileLinks = links;
  const handlers = createHandlers({
    lifecycle,
    upload,
    clockFor,
    webhooks,
    ...(options.webhookSecret ? { defaultWebhookSecret: options.webhookSecret } : {}),
    signLink: links.sign,
  });
  const journal = createJournal(resolved.journalSize);
  const pipeline: PipelineDeps = { contract, scenarios, options, resolved, handlers, fileLinks: links, faultRandom: seededRandom(resolved.seed, "faults") };
  const control = createControlRoutes({ lifecycle, clocks, state: stateDeps, webhooks, journal, scenarios, contract, options: resolved, emitWebhook, handlers });
  const pages = env.pages?.({
    lifecycle,
    clockFor,
    scenarios,
    contract,
    dashboard: resolved.control,
    // Uploads from the journey page are served, and journaled, as the API operation they are.
    serveUpload: (req, note) => serveApi(req, "/v1/statement/upload_session/", pipeline, note),
  });
  const cors = corsPolicy(options.cors);
  /** The methods a path has, for preflights: from the spec, the control route table and the pages. */
  const routeMethods = (path: string): string[] | null => {
    const page = pages?.methodsFor(path);
    if (page) return page;
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) return specMethods(contract.operations, path.slice(API_PREFIX.length) || "/");
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) return control.methodsFor(path.slice(CONTROL_PREFIX.length) || "/");
    return null;
  };

  async function route(req: PlainRequest, note: JournalNote): Promise<PlainReply> {
    const path = pathOf(req.url);
    if (pages) {
      const page = await pages.handle(req, note);
      if (page) return page;
    }
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) {
      return serveApi(req, path.slice(API_PREFIX.length) || "/", pipeline, note);
    }
    const file = /^\/__mock\/files\/([^/]+)\/?$/i.exec(path);
    if (file && (req.method === "GET" || req.method === "HEAD")) {
      req.body.skip();
      let id: string;
      try {
        id = decodeURIComponent(file[1]);
      } catch {
        id = "";
      }
      const query = queryOf(req.url);
      const found = links.resolve(id, Number(query.expires), query.signature);
      if ("status" in found) return toPlain(found, note);
      // Whatever type the uploader claimed (text/html included), a statement is served as a PDF
      // download the browser must not sniff into something it would render.
      const headers = {
        "content-type": "application/pdf",
        "x-content-type-options": "nosniff",
        "content-disposition": `attachment; filename="${id.replace(/[^A-Za-z0-9._-]/g, "_")}.pdf"`,
      };
      return { kind: "reply", status: 200, headers, body: found.bytes };
    }
    if (resolved.control && (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`))) {
      if (resolved.controlToken !== null && !hasControlToken(req, resolved.controlToken)) {
        req.body.skip();
        return toPlain(
          plainError(401, "CONTROL_TOKEN_REQUIRED", "This mock's control API needs its control token: send x-mock-control-token (or Authorization: Bearer) with the value of --control-token / MOCK_CONTROL_TOKEN."),
          note,
        );
      }
      return toPlain(await control.handle(req, path.slice(CONTROL_PREFIX.length) || "/"), note);
    }
    req.body.skip();
    return toPlain(
      plainError(404, "NOT_FOUND", `No route ${req.method} ${path}. The API is served under ${API_PREFIX}/v1/ (see openapi/bankconnect.yaml) and the mock's control API under ${CONTROL_PREFIX}/.`),
      note,
    );
  }

  return {
    clock,
    clocks,
    lifecycle,
    webhooks,
    scenarios,
    contract,
    journal,
    options: resolved,
    control,
    async serve(req) {
      // CORS preflights are answered here, for every route, and never journaled.
      if (cors && req.method === "OPTIONS") {
        req.body.skip();
        return preflightReply(cors, req, routeMethods);
      }
      const started = performance.now();
      const headerKey = header(req, "x-api-key");
      const atMs = ((headerKey !== undefined ? clocks.peek(headerKey) : undefined) ?? clock).now();
      const note: JournalNote = { operationId: null, tenant: null, errorCode: null };
      let reply: PlainReply;
      try {
        reply = await route(req, note);
      } catch (err) {
        // Last resort: a bug must still answer the documented envelope, without a stack trace.
        console.error("[mock] unexpected error:", err);
        reply = toPlain(plainError(500, "INTERNAL_SERVER_ERROR", "An unexpected error occurred."), note);
      }
      if (reply.kind === "reply" && cors) addCorsHeaders(cors, req, reply.headers);
      if (reply.kind === "reply" && isJournaled(req.method, req.url)) {
        const key = header(req, "x-api-key");
        const scenario = header(req, "x-mock-scenario");
        journal.add({
          atMs,
          method: req.method,
          path: pathOf(req.url),
          operationId: note.operationId,
          tenantKey: key ?? note.tenant,
          status: reply.status,
          durationMs: performance.now() - started,
          errorCode: note.errorCode,
          scenario: scenario ?? null,
        });
      }
      return reply;
    },
    emitWebhook,
    onWebhook(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    renderState: () => renderStateFile(stateDeps, linkSecret),
    async close() {
      clocks.dispose();
      clock.dispose();
      listeners.clear();
      await webhooks.close();
    },
  };
}

/** `/__mock` behind a token: `x-mock-control-token` (the dashboard's header) or `Authorization: Bearer`. */
function hasControlToken(req: PlainRequest, token: string): boolean {
  const direct = header(req, "x-mock-control-token");
  const auth = header(req, "authorization");
  const given = direct ?? (auth?.startsWith("Bearer ") ? auth.slice(7) : undefined);
  if (given === undefined || given.length !== token.length) return false;
  // Constant time over the token's length (node:crypto's timingSafeEqual is not in the browser).
  let diff = 0;
  for (let i = 0; i < token.length; i++) diff |= given.charCodeAt(i) ^ token.charCodeAt(i);
  return diff === 0;
}
