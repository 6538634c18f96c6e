import { Router, type NextFunction, type Request, type Response } from "express";
import { MAX_VIRTUAL_TIME, type Clock } from "../core/clock.js";
import type { TenantClocks } from "../core/tenant-clocks.js";
import { applyTenant, checkTenant, exportTenant, type StateDeps } from "../state/persistence.js";
import { mediaType, readRaw } from "./body.js";
import type { ControlAction, Lifecycle } from "../domain/lifecycle.js";
import type { Scenarios } from "../domain/scenarios.js";
import type { Session } from "../domain/session.js";
import { uploadStatusView } from "../domain/views.js";
import { buildErrorCatalogue, type Contract } from "../spec/index.js";
import { isWebhookEventName, WEBHOOK_EVENTS, type WebhookDispatcher, type WebhookEventName } from "../webhooks/index.js";
import { documentedReply, plainError, type HttpReply } from "./errors.js";
import type { Journal } from "./journal.js";
import type { ResolvedOptions } from "./options.js";
import { preview } from "./request-validation.js";

export interface ControlDeps {
  lifecycle: Lifecycle;
  /** Every tenant's clock, and the base clock they run from. */
  clocks: TenantClocks;
  /** For state export and import. */
  state: StateDeps;
  webhooks: WebhookDispatcher;
  journal: Journal;
  scenarios: Scenarios;
  contract: Contract;
  options: ResolvedOptions;
  payloadFor: Record<WebhookEventName, (s: Session) => object>;
}

const VERSION = "0.1.0";

/**
 * The mock's own API under /__mock (described in openapi/mock-control.yaml). Tenant-scoped routes use
 * the same x-api-key as the BankConnect calls, so one test run never sees another's sessions.
 */
export function createControlRouter(deps: ControlDeps): Router {
  const { lifecycle, clocks, webhooks, journal, scenarios, contract } = deps;
  const router = Router();
  const catalogue = buildErrorCatalogue(contract.doc);
  /** A tenant's time without allocating a clock for keys that hold nothing. */
  const timeOf = (tenant: string | undefined): Clock => (tenant !== undefined ? clocks.peek(tenant) : undefined) ?? clocks.base;
  router.use((req, res, next) => {
    readJsonBody(req, res, req.path === "/state" ? deps.options.stateImportLimitBytes : CONTROL_BODY_LIMIT).then((ok) => (ok ? next() : undefined), next);
  });

  const send = (res: Response, r: HttpReply) => {
    if (r.headers) for (const [k, v] of Object.entries(r.headers)) res.setHeader(k, v);
    res.status(r.status).json(r.body);
  };
  const bad = (res: Response, message: string) => send(res, plainError(400, "INVALID_REQUEST", message));
  const tenantOf = (req: Request, res: Response): string | undefined => {
    const key = req.headers["x-api-key"];
    if (typeof key === "string" && key.trim() !== "") return key;
    send(res, plainError(403, "ACCESS_DENIED", "Authentication credentials were not provided: control routes act on the tenant named by x-api-key."));
    return undefined;
  };
  const sessionOr404 = (req: Request, res: Response): Session | undefined => {
    const tenant = tenantOf(req, res);
    if (!tenant) return undefined;
    const found = lifecycle.getSession(tenant, String(req.params.id));
    if (found.ok) return found.value;
    send(res, documentedReply(catalogue, found.failure));
    return undefined;
  };

  const summary = (s: Session) => ({
    session_id: s.id,
    link_id: s.linkId,
    phase: lifecycle.phaseAt(s, timeOf(s.tenant).now()),
    upload_status: uploadStatusView(s, timeOf(s.tenant).now()).upload_status,
    scenario: s.scenario.name,
    created_at: new Date(s.createdAt).toISOString(),
    expires_at: new Date(s.expiresAt).toISOString(),
    date_range: s.range,
    account_count: s.accounts.length,
    statement_count: s.statements.length,
  });
  const detail = (s: Session) => ({
    ...summary(s),
    processing: s.processing
      ? {
          initiated_at: new Date(s.processing.initiatedAt).toISOString(),
          completes_at: new Date(s.processing.completesAt).toISOString(),
          finished: s.result !== null,
        }
      : null,
    forced_account_failure: s.forcedAccountFailure,
    accounts: s.accounts.map((a) => ({ account_id: a.id, bank: a.bank, account_number: a.account.account_number, statements: a.statementIds, covers_range: lifecycle.accountCovers(s, a) })),
    statements: s.statements.map((st) => ({
      statement_id: st.id,
      account_id: st.accountId,
      bank: st.bank,
      file_name: st.fileName,
      period: st.period,
      failure: st.failure,
      transactions: st.data?.transactions.length ?? 0,
    })),
    outcomes: s.result?.outcomes ?? null,
    transitions: s.transitions,
  });

  router.get("/", (_req, res) => {
    send(res, {
      status: 200,
      body: {
        name: "bankconnect-mock",
        version: VERSION,
        now: new Date(timeOf(keyOf(_req)).now()).toISOString(),
        processing_ms: deps.options.processingMs,
        session_ttl_minutes: deps.options.sessionTtlMinutes,
        api_base: "/bank-connect",
        capabilities: ["scenarios", "clock", "sessions", "journal", "webhooks", "faults"],
        spec: "openapi/bankconnect.yaml",
        control_spec: "openapi/mock-control.yaml",
      },
    });
  });

  router.get("/scenarios", (_req, res) => {
    const request: Record<string, string[]> = {};
    for (const op of contract.operations.operations) request[op.operationId] = [...new Set(op.responses.flatMap((r) => r.codes))];
    send(res, {
      status: 200,
      body: { session: scenarios.catalogue.session, statement: scenarios.catalogue.statement, journeys: scenarios.catalogue.journeys, request, faults: ["x-mock-delay-ms: N", "x-mock-fault: 500|503|504|drop"] },
    });
  });

  const timeBody = (c: Clock) => ({ status: 200, body: { now: new Date(c.now()).toISOString(), epoch_ms: c.now() } });
  router.get("/clock", (req, res) => send(res, timeBody(timeOf(keyOf(req)))));

  /** Moves one clock as the body asks, within bounds; a task that fails never surfaces here (the clock reports it). */
  const advance = (req: Request, res: Response, clock: Clock, which: string): void => {
    const ms = advanceBy(clock.now(), req.body as Record<string, unknown>);
    if (typeof ms === "string") return bad(res, ms);
    try {
      clock.advance(ms);
    } catch (err) {
      return bad(res, `${which}: ${(err as Error).message}`);
    }
    send(res, timeBody(clock));
  };

  router.post("/clock/advance", (req, res) => {
    const key = keyOf(req);
    if (key === undefined) {
      return send(res, plainError(403, "ACCESS_DENIED", "x-api-key is required: each API key has its own clock and this moves only that key's time. POST /__mock/clock/advance-all moves every tenant's."));
    }
    const refused = lifecycle.admitTenant(key);
    if (refused) return send(res, plainError(503, "SERVICE_UNAVAILABLE", refused));
    advance(req, res, clocks.forTenant(key), "clock of this API key");
  });

  router.post("/clock/advance-all", (req, res) => advance(req, res, clocks.base, "base clock (every tenant)"));

  router.get("/state", (req, res) => {
    const tenant = tenantOf(req, res);
    if (tenant) send(res, { status: 200, body: exportTenant(deps.state, tenant) });
  });

  router.post("/state", (req, res) => {
    const tenant = tenantOf(req, res);
    if (!tenant) return;
    const checked = checkTenant(deps.state, req.body, tenant, "The imported state");
    if (!checked.ok) return bad(res, checked.message);
    const refused = lifecycle.admitTenant(tenant);
    if (refused) return send(res, plainError(503, "SERVICE_UNAVAILABLE", refused));
    const applied = applyTenant(deps.state, tenant, checked.value);
    send(res, { status: 200, body: { sessions_imported: applied.sessions, deliveries_imported: applied.deliveries, now: new Date(clocks.forTenant(tenant).now()).toISOString() } });
  });

  router.get("/sessions", (req, res) => {
    const tenant = tenantOf(req, res);
    if (!tenant) return;
    send(res, { status: 200, body: { sessions: lifecycle.listSessions(tenant).filter((s) => s.deletedAt === null).map(summary) } });
  });

  router.get("/sessions/:id", (req, res) => {
    const s = sessionOr404(req, res);
    if (s) send(res, { status: 200, body: detail(s) });
  });

  router.post("/sessions/:id/transition", (req, res) => {
    const s = sessionOr404(req, res);
    if (!s) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const actions = ["expire", "complete_upload", "finish_processing", "fail_account", "set_scenario"];
    if (typeof body.action !== "string" || !actions.includes(body.action)) {
      return bad(res, `action must be one of ${actions.join(", ")}; got ${JSON.stringify(body.action)}`);
    }
    if (body.action === "fail_account" && typeof body.error_code !== "string") return bad(res, "fail_account needs error_code (an account-level code)");
    if (body.action === "set_scenario" && typeof body.scenario !== "string") return bad(res, "set_scenario needs scenario (a session scenario name)");
    const result = lifecycle.control(s.tenant, s.id, body as unknown as ControlAction);
    if (!result.ok) return send(res, documentedReply(catalogue, result.failure));
    send(res, { status: 200, body: detail(result.value) });
  });

  router.post("/reset", (req, res) => {
    const tenant = tenantOf(req, res);
    if (!tenant) return;
    const removed = lifecycle.resetTenant(tenant);
    clocks.forget(tenant);
    webhooks.resetTenant(tenant);
    journal.clear(tenant);
    send(res, { status: 200, body: { sessions_removed: removed } });
  });

  router.get("/journal", (req, res) => {
    const tenant = tenantOf(req, res);
    if (!tenant) return;
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit ?? 100) || 100));
    send(res, { status: 200, body: { entries: journal.list(tenant, limit) } });
  });

  router.get("/webhooks/config", (req, res) => {
    const tenant = tenantOf(req, res);
    if (!tenant) return;
    const config = webhooks.getConfig(tenant);
    send(res, { status: 200, body: { config: config ? { ...config, secret: config.secret ? "(set)" : null } : null } });
  });

  router.get("/webhooks/deliveries", (req, res) => {
    const tenant = tenantOf(req, res);
    if (!tenant) return;
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit ?? 100) || 100));
    const sessionId = typeof req.query.session_id === "string" ? req.query.session_id : undefined;
    send(res, { status: 200, body: { deliveries: webhooks.listDeliveries(tenant, { limit, ...(sessionId ? { sessionId } : {}) }) } });
  });

  router.get("/webhooks/deliveries/:deliveryId", (req, res) => {
    const tenant = tenantOf(req, res);
    if (!tenant) return;
    const d = webhooks.getDelivery(tenant, String(req.params.deliveryId));
    if (!d) return send(res, plainError(404, "NOT_FOUND", "No delivery with this id for this API key."));
    send(res, { status: 200, body: d });
  });

  router.post("/webhooks/deliveries/:deliveryId/replay", (req, res) => {
    const tenant = tenantOf(req, res);
    if (!tenant) return;
    const d = webhooks.replay(tenant, String(req.params.deliveryId));
    if (!d) return send(res, plainError(404, "NOT_FOUND", "No delivery with this id for this API key (or no webhook URL is configured)."));
    send(res, { status: 202, body: d });
  });

  router.post("/sessions/:id/webhooks/:event", (req, res) => {
    const s = sessionOr404(req, res);
    if (!s) return;
    const event = String(req.params.event);
    if (!isWebhookEventName(event)) return bad(res, `unknown event ${JSON.stringify(event)}; valid: ${WEBHOOK_EVENTS.join(", ")}`);
    if (event === "ENRICHMENT_NOTIFICATION" && !s.result) return bad(res, "ENRICHMENT_NOTIFICATION needs a session whose processing has finished");
    const result = webhooks.emit(s.tenant, { event, sessionId: s.id, payload: deps.payloadFor[event](s) });
    send(res, { status: 202, body: { validation: result.validation, delivery: result.delivery } });
  });

  router.get("/sessions/:id/webhook_payloads", (req, res) => {
    const s = sessionOr404(req, res);
    if (s) send(res, { status: 200, body: { payloads: webhooks.payloadsForSession(s.tenant, s.id) } });
  });

  router.get("/stats", (_req, res) => {
    send(res, { status: 200, body: { sessions: lifecycle.sessionCount(), journal_entries: journal.size(), webhooks: webhooks.stats(), clock_pending: clocks.base.pending(), tenants: lifecycle.tenants().length, tenant_clocks: clocks.count(), stored_bytes: lifecycle.storedBytes() } });
  });

  router.use((req, res) => send(res, plainError(404, "NOT_FOUND", `No control route ${req.method} /__mock${req.path}. GET /__mock/ lists the capabilities; openapi/mock-control.yaml documents every route.`)));
  // Bodies are read above with their own messages, so what reaches here is a mock bug: say so.
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number }).status;
    if (status === 400) return send(res, plainError(400, "INVALID_REQUEST", `The path ${req.path} has a malformed %-escape (${(err as Error).message}).`));
    console.error(`[mock] control route ${req.method} ${req.path} failed:`, err);
    if (res.headersSent) return void res.destroy();
    send(res, plainError(500, "INTERNAL_SERVER_ERROR", `The control route ${req.method} /__mock${req.path} failed unexpectedly (${(err as Error).message ?? err}). Please report this.`));
  });
  return router;
}

const CONTROL_BODY_LIMIT = 64 * 1024;
/** Ten years: far enough for any TTL or retry, small enough that every date stays printable. */
export const MAX_ADVANCE_MS = 10 * 366 * 86_400_000;

const keyOf = (req: Request): string | undefined => {
  const key = req.headers["x-api-key"];
  return typeof key === "string" && key.trim() !== "" ? key : undefined;
};

/** The move a clock-advance body asks for, in ms, or what is wrong with it. */
export function advanceBy(now: number, body: Record<string, unknown>): number | string {
  if (body.to !== undefined) {
    const target = typeof body.to === "string" ? Date.parse(body.to) : Number.NaN;
    if (Number.isNaN(target)) return `to must be an ISO 8601 time such as 2024-04-17T00:00:00Z; got ${preview(body.to)}`;
    if (target < now) return `to is in the past (now is ${new Date(now).toISOString()}); the clock only moves forward`;
    const latest = Math.min(now + MAX_ADVANCE_MS, MAX_VIRTUAL_TIME);
    if (target > latest) return `to must be at most ten years ahead (now is ${new Date(now).toISOString()}, so no later than ${new Date(latest).toISOString()}); got ${preview(body.to)}`;
    return target - now;
  }
  const ms = Number(body.ms);
  if (body.ms === undefined || typeof body.ms !== "number" || !Number.isInteger(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
    return `ms must be a whole number of milliseconds from 0 to ${MAX_ADVANCE_MS} (ten years), or send to (an ISO time); got ${preview(body.ms)}`;
  }
  if (now + ms > MAX_VIRTUAL_TIME) return `ms would move the clock past ${new Date(MAX_VIRTUAL_TIME).toISOString()}, the latest time the mock keeps`;
  return ms;
}

/**
 * Control bodies: JSON objects only, within `limit`, each failure with its own message. Returns
 * false once it has answered.
 */
async function readJsonBody(req: Request, res: Response, limit: number): Promise<boolean> {
  req.body = {};
  const length = req.headers["content-length"];
  const hasBody = (length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined;
  if (!hasBody || req.method === "GET" || req.method === "HEAD") {
    if (hasBody) req.resume();
    return true;
  }
  const reply = (r: HttpReply): false => {
    res.status(r.status).json(r.body);
    return false;
  };
  const type = mediaType(req);
  if (type !== "application/json") {
    req.resume();
    return reply(plainError(415, "UNSUPPORTED_MEDIA_TYPE", `Control requests take application/json bodies; got ${type === "" ? "no content-type" : JSON.stringify(type)}.`));
  }
  const raw = await readRaw(req, limit);
  if (raw.kind === "aborted") return false;
  if (raw.kind === "too-large") {
    res.setHeader("connection", "close");
    return reply(plainError(413, "PAYLOAD_TOO_LARGE", limit === CONTROL_BODY_LIMIT ? "Control request bodies are limited to 64 KiB." : `State imports are limited to ${limit} bytes (--state-import-limit).`));
  }
  if (raw.kind === "malformed") return reply(plainError(400, "INVALID_REQUEST", raw.message));
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.bytes.toString("utf8"));
  } catch (err) {
    return reply(plainError(400, "INVALID_REQUEST", `Malformed JSON body: ${(err as Error).message}.`));
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return reply(plainError(400, "INVALID_REQUEST", `The body must be a JSON object; got ${preview(parsed)}.`));
  }
  req.body = parsed;
  return true;
}
