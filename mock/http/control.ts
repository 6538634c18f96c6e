import { utf8Text } from "../core/bytes.js";
import { MAX_VIRTUAL_TIME, type Clock } from "../core/clock.js";
import type { TenantClocks } from "../core/tenant-clocks.js";
import type { ControlAction, Lifecycle } from "../domain/lifecycle.js";
import type { Scenarios } from "../domain/scenarios.js";
import type { Session } from "../domain/session.js";
import { uploadStatusView } from "../domain/views.js";
import { buildErrorCatalogue } from "../../openapi/lib/error-catalogue.js";
import type { Contract } from "../../openapi/lib/contract.js";
import type { WebhookDispatcher } from "../webhooks/dispatcher.js";
import { isWebhookEventName, WEBHOOK_EVENTS, type WebhookEventName } from "../webhooks/events.js";
import type { EmitResult } from "../webhooks/types.js";
import { documentedReply, failureReply, plainError, type HttpReply } from "./errors.js";
import type { Handler } from "./handlers.js";
import type { Journal } from "./journal.js";
import type { ResolvedOptions } from "./options.js";
import { header, mediaType, queryOf, type PlainRequest } from "./plain.js";
import { preview } from "./request-validation.js";
import { applyTenant, checkTenant, exportTenant, type StateDeps } from "../state/persistence.js";

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
  emitWebhook(session: Session, event: WebhookEventName): EmitResult;
  /** The API's handlers: the dashboard shows what the session's read operations answer now. */
  handlers: Record<string, Handler>;
}

/** The session's read operations, in the order a client meets them. */
export const READ_OPERATIONS = ["getUploadStatus", "getSessionUploadStatus", "getProgress", "getSessionStatus", "getInsights", "getSubscribedData", "getPdfs"] as const;

const VERSION = "0.1.0";
/** Ten years: far enough for any TTL or retry, small enough that every date stays printable. */
export const MAX_ADVANCE_MS = 10 * 366 * 86_400_000;
const BODY_LIMIT = 64 * 1024;
const TRANSITIONS = ["expire", "complete_upload", "finish_processing", "fail_account", "set_scenario"];

type Json = Record<string, unknown>;
/** A control action: tenant-scoped ones get the tenant the x-api-key names. */
type Action = (call: { tenant: string | undefined; params: Record<string, string>; query: Record<string, string>; body: Json; origin?: string }) => HttpReply;

const ok = (body: unknown, status = 200): HttpReply => ({ status, body });
const bad = (message: string): HttpReply => plainError(400, "INVALID_REQUEST", message);
const noTenant = (): HttpReply => plainError(403, "ACCESS_DENIED", "Authentication credentials were not provided: control routes act on the tenant named by x-api-key.");

/**
 * The mock's own API under /__mock (described in openapi/mock-control.yaml), as data and functions:
 * the HTTP route table below, and `call` for in-process callers (the MSW handle), run the same
 * actions. Tenant-scoped routes use the same x-api-key as the BankConnect calls.
 */
export function createControlRoutes(deps: ControlDeps) {
  const { lifecycle, clocks, webhooks, journal, scenarios, contract } = deps;
  const catalogue = buildErrorCatalogue(contract.doc);
  /** A tenant's time without allocating a clock for keys that hold nothing. */
  const timeOf = (tenant: string | undefined): Clock => (tenant !== undefined ? clocks.peek(tenant) : undefined) ?? clocks.base;

  const summary = (s: Session) => sessionSummary(lifecycle, timeOf(s.tenant).now(), s);
  const detail = (s: Session) => sessionDetail(lifecycle, timeOf(s.tenant).now(), s);
  const clockBody = (c: Clock) => ({ now: new Date(c.now()).toISOString(), epoch_ms: c.now() });
  const unavailable = (message: string): HttpReply => plainError(503, "SERVICE_UNAVAILABLE", message);
  /** Moves one clock as the body asks, within bounds; a task that fails never surfaces here (the clock reports it). */
  const advance = (c: Clock, body: Json, which: string): HttpReply => {
    const ms = advanceBy(c.now(), body);
    if (typeof ms === "string") return bad(ms);
    try {
      c.advance(ms);
    } catch (err) {
      return bad(`${which}: ${(err as Error).message}`);
    }
    return ok(clockBody(c));
  };
  const limitOf = (q: Record<string, string>) => Math.min(1000, Math.max(1, Number(q.limit ?? 100) || 100));

  /** The session, or the reply that says why there is none. */
  function sessionOf(tenant: string | undefined, id: string): Session | HttpReply {
    if (tenant === undefined) return noTenant();
    const found = lifecycle.getSession(tenant, id);
    if (found.ok) return found.value;
    return documentedReply(catalogue, found.failure);
  }
  const isReply = (x: Session | HttpReply): x is HttpReply => "status" in x && "body" in x;
  const tenantScoped =
    (run: (tenant: string, call: Parameters<Action>[0]) => HttpReply): Action =>
    (call) =>
      call.tenant === undefined ? noTenant() : run(call.tenant, call);
  const sessionScoped =
    (run: (s: Session, call: Parameters<Action>[0]) => HttpReply): Action =>
    (call) => {
      const s = sessionOf(call.tenant, call.params.id);
      return isReply(s) ? s : run(s, call);
    };

  const actions = {
    identity: (({ tenant }) =>
      ok({
        name: "bankconnect-mock",
        version: VERSION,
        now: new Date(timeOf(tenant).now()).toISOString(),
        processing_ms: deps.options.processingMs,
        session_ttl_minutes: deps.options.sessionTtlMinutes,
        api_base: "/bank-connect",
        capabilities: ["scenarios", "clock", "sessions", "journal", "webhooks", "faults"],
        spec: "openapi/bankconnect.yaml",
        control_spec: "openapi/mock-control.yaml",
      })) as Action,
    scenarios: (() => {
      const request: Record<string, string[]> = {};
      for (const op of contract.operations.operations) request[op.operationId] = [...new Set(op.responses.flatMap((r) => r.codes))];
      return ok({ session: scenarios.catalogue.session, statement: scenarios.catalogue.statement, journeys: scenarios.catalogue.journeys, request, faults: ["x-mock-delay-ms: N", "x-mock-fault: 500|503|504|drop"] });
    }) as Action,
    clock: (({ tenant }) => ok(clockBody(timeOf(tenant)))) as Action,
    /** Moves only the clock of the tenant x-api-key names; `advanceAll` is the explicit global move. */
    advanceClock: (({ tenant, body }) => {
      if (tenant === undefined) {
        return plainError(403, "ACCESS_DENIED", "x-api-key is required: each API key has its own clock and this moves only that key's time. POST /__mock/clock/advance-all moves every tenant's.");
      }
      const refused = lifecycle.admitTenant(tenant);
      if (refused) return unavailable(refused);
      return advance(clocks.forTenant(tenant), body, "clock of this API key");
    }) as Action,
    advanceAll: (({ body }) => advance(clocks.base, body, "base clock (every tenant)")) as Action,
    exportState: tenantScoped((tenant) => ok(exportTenant(deps.state, tenant))),
    importState: tenantScoped((tenant, { body }) => {
      const checked = checkTenant(deps.state, body, tenant, "The imported state");
      if (!checked.ok) return bad(checked.message);
      const refused = lifecycle.admitTenant(tenant);
      if (refused) return unavailable(refused);
      const applied = applyTenant(deps.state, tenant, checked.value);
      return ok({ sessions_imported: applied.sessions, deliveries_imported: applied.deliveries, now: new Date(clocks.forTenant(tenant).now()).toISOString() });
    }),
    listSessions: tenantScoped((tenant) => ok({ sessions: lifecycle.listSessions(tenant).filter((s) => s.deletedAt === null).map(summary) })),
    getSession: sessionScoped((s) => ok(detail(s))),
    deleteSession: sessionScoped((s) => {
      // The API's own delete command, without the server-hash the dashboard does not know.
      const deleted = lifecycle.deleteSession(s.tenant, s.id);
      return deleted.ok ? ok(detail(deleted.value)) : documentedReply(catalogue, deleted.failure);
    }),
    responses: sessionScoped((s, { query, origin }) => {
      const wanted = query.operations ? query.operations.split(",").map((o) => o.trim()).filter(Boolean) : [...READ_OPERATIONS];
      const unknown = wanted.filter((o) => !(READ_OPERATIONS as readonly string[]).includes(o));
      if (unknown.length > 0) return bad(`operations: unknown ${unknown.join(", ")}; valid: ${READ_OPERATIONS.join(", ")}`);
      const responses = wanted.map((operationId) => {
        const op = contract.operations.byId(operationId);
        // Exactly what the API would answer: the same handler, the same failure-to-envelope mapping.
        const result = deps.handlers[operationId]({ tenant: s.tenant, params: { session_id: s.id }, query: {}, body: {}, files: [], headers: {}, origin: deps.options.publicUrl ?? origin ?? "http://127.0.0.1" });
        // Read handlers answer synchronously; only uploads read files asynchronously.
        const reply = result instanceof Promise ? plainError(500, "INTERNAL_SERVER_ERROR", `${operationId} answered asynchronously`) : result.ok ? result.value : failureReply(op, result.failure);
        return { operation_id: operationId, method: op.method.toUpperCase(), path: `/bank-connect${op.path.replace("{session_id}", s.id)}`, status: reply.status, body: reply.body };
      });
      return ok({ session_id: s.id, at: new Date(timeOf(s.tenant).now()).toISOString(), responses });
    }),
    transition: sessionScoped((s, { body }) => {
      if (typeof body.action !== "string" || !TRANSITIONS.includes(body.action)) return bad(`action must be one of ${TRANSITIONS.join(", ")}; got ${JSON.stringify(body.action)}`);
      if (body.action === "fail_account" && typeof body.error_code !== "string") return bad("fail_account needs error_code (an account-level code)");
      if (body.action === "set_scenario" && typeof body.scenario !== "string") return bad("set_scenario needs scenario (a session scenario name)");
      const result = lifecycle.control(s.tenant, s.id, body as unknown as ControlAction);
      if (!result.ok) return documentedReply(catalogue, result.failure);
      return ok(detail(result.value));
    }),
    reset: tenantScoped((tenant) => {
      const removed = lifecycle.resetTenant(tenant);
      clocks.forget(tenant);
      webhooks.resetTenant(tenant);
      journal.clear(tenant);
      return ok({ sessions_removed: removed });
    }),
    journal: tenantScoped((tenant, { query }) => ok({ entries: journal.list(tenant, limitOf(query)) })),
    webhookConfig: tenantScoped((tenant) => {
      const config = webhooks.getConfig(tenant);
      return ok({ config: config ? { ...config, secret: config.secret ? "(set)" : null } : null });
    }),
    deliveries: tenantScoped((tenant, { query }) => {
      const sessionId = query.session_id;
      return ok({ deliveries: webhooks.listDeliveries(tenant, { limit: limitOf(query), ...(sessionId ? { sessionId } : {}) }) });
    }),
    delivery: tenantScoped((tenant, { params }) => {
      const d = webhooks.getDelivery(tenant, params.deliveryId);
      return d ? ok(d) : plainError(404, "NOT_FOUND", "No delivery with this id for this API key.");
    }),
    replay: tenantScoped((tenant, { params }) => {
      const d = webhooks.replay(tenant, params.deliveryId);
      return d ? ok(d, 202) : plainError(404, "NOT_FOUND", "No delivery with this id for this API key (or no webhook URL is configured).");
    }),
    fireWebhook: sessionScoped((s, { params }) => {
      const event = params.event;
      if (!isWebhookEventName(event)) return bad(`unknown event ${JSON.stringify(event)}; valid: ${WEBHOOK_EVENTS.join(", ")}`);
      if (event === "ENRICHMENT_NOTIFICATION" && !s.result) return bad("ENRICHMENT_NOTIFICATION needs a session whose processing has finished");
      const result = deps.emitWebhook(s, event);
      return ok({ validation: result.validation, delivery: result.delivery }, 202);
    }),
    webhookPayloads: sessionScoped((s) => ok({ payloads: webhooks.payloadsForSession(s.tenant, s.id) })),
    stats: (() =>
      ok({
        sessions: lifecycle.sessionCount(), journal_entries: journal.size(), webhooks: webhooks.stats(), clock_pending: clocks.base.pending(),
        tenants: lifecycle.tenants().length,
        tenant_clocks: clocks.count(),
        stored_bytes: lifecycle.storedBytes(),
      })) as Action,
  } satisfies Record<string, Action>;

  /** Method, path pattern (`:name` segments) and action; matched case-insensitively, trailing slash optional. */
  const table: Array<[string, string, Action]> = [
    ["GET", "/", actions.identity],
    ["GET", "/scenarios", actions.scenarios],
    ["GET", "/clock", actions.clock],
    ["POST", "/clock/advance", actions.advanceClock],
    ["POST", "/clock/advance-all", actions.advanceAll],
    ["GET", "/state", actions.exportState],
    ["POST", "/state", actions.importState],
    ["GET", "/sessions", actions.listSessions],
    ["GET", "/sessions/:id", actions.getSession],
    ["DELETE", "/sessions/:id", actions.deleteSession],
    ["GET", "/sessions/:id/responses", actions.responses],
    ["POST", "/sessions/:id/transition", actions.transition],
    ["POST", "/reset", actions.reset],
    ["GET", "/journal", actions.journal],
    ["GET", "/webhooks/config", actions.webhookConfig],
    ["GET", "/webhooks/deliveries", actions.deliveries],
    ["GET", "/webhooks/deliveries/:deliveryId", actions.delivery],
    ["POST", "/webhooks/deliveries/:deliveryId/replay", actions.replay],
    ["POST", "/sessions/:id/webhooks/:event", actions.fireWebhook],
    ["GET", "/sessions/:id/webhook_payloads", actions.webhookPayloads],
    ["GET", "/stats", actions.stats],
  ];
  const compiled = table.map(([method, pattern, action]) => ({ method, segments: pattern.split("/").filter(Boolean), action }));

  function find(method: string, path: string): { action: Action; params: Record<string, string> } | "bad-path" | undefined {
    const parts = path.split("/").filter(Boolean);
    const wanted = method === "HEAD" ? "GET" : method;
    for (const route of compiled) {
      if (route.method !== wanted || route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < parts.length && matched; i++) {
        const seg = route.segments[i];
        if (seg.startsWith(":")) {
          try {
            params[seg.slice(1)] = decodeURIComponent(parts[i]);
          } catch {
            return "bad-path";
          }
        } else {
          matched = seg.toLowerCase() === parts[i].toLowerCase();
        }
      }
      if (matched) return { action: route.action, params };
    }
    return undefined;
  }

  /**
   * Control bodies: JSON objects only, within `limit`, each failure with its own message (never the
   * "malformed JSON" of another cause). No content-type and no body is an empty object.
   */
  async function readJson(req: PlainRequest, limit: number): Promise<{ ok: true; body: Json } | { ok: false; reply: HttpReply }> {
    const type = mediaType(req);
    if (req.method === "GET" || req.method === "HEAD" || (type === "" && !declaresBody(req))) {
      req.body.skip();
      return { ok: true, body: {} };
    }
    if (type !== "application/json" && !type.endsWith("+json")) {
      req.body.skip();
      if (!declaresBody(req)) return { ok: true, body: {} };
      return { ok: false, reply: plainError(415, "UNSUPPORTED_MEDIA_TYPE", `Control requests take application/json bodies; got ${type === "" ? "no content-type" : JSON.stringify(type)}.`) };
    }
    const raw = await req.body.read(limit);
    if (raw.kind === "too-large") {
      const message = limit === BODY_LIMIT ? "Control request bodies are limited to 64 KiB." : `State imports are limited to ${limit} bytes (--state-import-limit).`;
      // The rest is never read: the transport closes the connection once this is out.
      return { ok: false, reply: { ...plainError(413, "PAYLOAD_TOO_LARGE", message), headers: { connection: "close" } } };
    }
    if (raw.kind === "aborted") return { ok: false, reply: bad("The request body was not received completely.") };
    const text = utf8Text(raw.bytes);
    if (text.trim() === "") return { ok: true, body: {} };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      return { ok: false, reply: bad(`Malformed JSON body: ${(err as Error).message}.`) };
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, reply: bad(`The body must be a JSON object; got ${preview(parsed)}.`) };
    return { ok: true, body: parsed as Json };
  }

  return {
    actions,
    /** Answers a request whose path is below /__mock (`path` without that prefix). */
    async handle(req: PlainRequest, path: string): Promise<HttpReply> {
      const found = find(req.method, path);
      if (found === "bad-path") {
        req.body.skip();
        return bad(`The path ${path} is not valid percent-encoding.`);
      }
      if (!found) {
        req.body.skip();
        return plainError(404, "NOT_FOUND", `No control route ${req.method} /__mock${path}. GET /__mock/ lists the capabilities; openapi/mock-control.yaml documents every route.`);
      }
      const body = await readJson(req, found.action === actions.importState ? deps.options.stateImportLimitBytes : BODY_LIMIT);
      if (!body.ok) return body.reply;
      const key = header(req, "x-api-key");
      const tenant = key !== undefined && key.trim() !== "" ? key : undefined;
      try {
        return found.action({ tenant, params: found.params, query: queryOf(req.url), body: body.body, origin: req.origin });
      } catch (err) {
        // Bodies are checked above with their own messages, so what reaches here is a mock bug: say so.
        console.error(`[mock] control route ${req.method} /__mock${path} failed:`, err);
        return plainError(500, "INTERNAL_SERVER_ERROR", `The control route ${req.method} /__mock${path} failed unexpectedly (${(err as Error).message ?? String(err)}). Please report this.`);
      }
    },
    /** The methods a control path has (`path` below /__mock), for CORS preflights; null when none. */
    methodsFor(path: string): string[] | null {
      const methods = new Set<string>();
      for (const m of ["GET", "POST", "DELETE"]) {
        const hit = find(m, path);
        if (hit !== undefined && hit !== "bad-path") methods.add(m);
      }
      return methods.size > 0 ? [...methods] : null;
    },
  };
}

export type ControlRoutes = ReturnType<typeof createControlRoutes>;

/** Whether the request says it carries a body (MSW's requests may carry one without Content-Length). */
function declaresBody(req: PlainRequest): boolean {
  const length = header(req, "content-length");
  return (length !== undefined && length.trim() !== "0") || header(req, "transfer-encoding") !== undefined;
}

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

/** A session as GET /__mock/sessions lists it. */
export function sessionSummary(lifecycle: Lifecycle, now: number, s: Session) {
  return {
    session_id: s.id,
    link_id: s.linkId,
    phase: lifecycle.phaseAt(s, now),
    upload_status: uploadStatusView(s, now).upload_status,
    scenario: s.scenario.name,
    created_at: new Date(s.createdAt).toISOString(),
    expires_at: new Date(s.expiresAt).toISOString(),
    date_range: s.range,
    account_count: s.accounts.length,
    statement_count: s.statements.length,
  };
}

/** A session as GET /__mock/sessions/{id} shows it: phase, accounts, statements, outcomes, transitions. */
export function sessionDetail(lifecycle: Lifecycle, now: number, s: Session) {
  return {
    ...sessionSummary(lifecycle, now, s),
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
  };
}

export type SessionSummary = ReturnType<typeof sessionSummary>;
export type SessionDetail = ReturnType<typeof sessionDetail>;
