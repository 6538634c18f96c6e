/**
 * BankConnect as MSW 2.x request handlers: the same core as the Express mock (spec routing,
 * validation, envelopes, scenarios, x-mock-* headers, seeded data, webhooks, the /__mock control
 * API), for vitest/jsdom with `setupServer` and for the browser with `setupWorker`. Nothing here
 * or below imports a Node built-in; `npm test` bundles this entry for the browser to prove it.
 */
import { http, HttpResponse, type HttpHandler } from "msw";
import { createClock, type Clock } from "../core/clock.js";
import { loadScenarios } from "../domain/scenarios.js";
import type { ControlAction } from "../domain/lifecycle.js";
import type { ReadPdf } from "../domain/pdf-upload.js";
import type { SessionDetail, SessionSummary } from "../http/control.js";
import { API_PREFIX, CONTROL_PREFIX, createMockCore, type MockCore, type MockCoreOptions, type WebhookEvent } from "../http/core.js";
import type { HttpReply } from "../http/errors.js";
import { bytesBody, type PlainRequest } from "../http/plain.js";
import { bundledContract } from "../../openapi/lib/bundled.js";
import { fetchSend } from "../webhooks/fetch-sender.js";
import type { DeliveryRecord } from "../webhooks/types.js";

export type { WebhookEvent } from "../http/core.js";
export type { SessionDetail, SessionSummary } from "../http/control.js";
export type { DeliveryRecord } from "../webhooks/types.js";

export interface BankConnectHandlersOptions extends Omit<MockCoreOptions, "clock"> {
  /**
   * Where the API is mounted: `*` (default) answers `/bank-connect/…` and `/__mock/…` on any origin;
   * `https://apis.bankconnect.finbox.in` or `/api` restricts the handlers to that origin or path.
   */
  baseUrl?: string;
  /**
   * `system` (default): processing and expiry happen in real time, and the clock can still be moved
   * forward. `manual`: time moves only through `mock.advanceClock` or the control API. Or a Clock.
   */
  clock?: "system" | "manual" | Clock;
  /** Start of a manual clock (ISO time or epoch ms). Default 2024-04-16T07:47:42Z. */
  startTime?: string | number;
  /**
   * Reads uploaded PDFs (the server uses mock/pdf/read.ts, pdfjs under Node). Without one, a `%PDF-`
   * upload is judged by its bytes alone and becomes a synthetic statement, as on the server when no
   * reader can open a file; pass the Node reader in vitest to get the server's answers for real PDFs.
   */
  readPdf?: ReadPdf;
}

/** What a transition request takes: the control API's body (`{ action: "expire" }`, …). */
export type TransitionRequest = ControlAction;

/** A control action the mock refused, with the envelope's code and the status the API would answer. */
export class BankConnectMockError extends Error {
  override name = "BankConnectMockError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Drives the mock from a test without HTTP. Tenants are API keys, as on the wire. */
export interface BankConnectMock {
  /** Virtual now, ms since the epoch: the API key's own clock, or the base clock every tenant starts from. */
  now(apiKey?: string): number;
  /**
   * Moves time forward and runs what became due: processing ends, expiries, webhook retries. With an
   * API key only that tenant's clock moves (as `POST /__mock/clock/advance` with x-api-key); without
   * one every tenant's time moves (as `POST /__mock/clock/advance-all`).
   */
  advanceClock(ms: number, apiKey?: string): void;
  sessions(apiKey: string): SessionSummary[];
  session(apiKey: string, sessionId: string): SessionDetail;
  /** Forces a transition (`expire`, `complete_upload`, `finish_processing`, `fail_account`, `set_scenario`). */
  transition(apiKey: string, sessionId: string, request: TransitionRequest): SessionDetail;
  /**
   * Forgets one tenant's sessions, webhook settings, deliveries and journal; without a key, starts
   * the whole mock afresh: ids and data as on first use, and a manual or system clock created anew
   * (a Clock object you passed in is kept as it is, with its pending tasks dropped).
   */
  reset(apiKey?: string): Promise<void>;
  /** Every webhook event the domain emits, in-process, whether or not a webhook_url is set. */
  onWebhook(listener: (event: WebhookEvent) => void): () => void;
  deliveries(apiKey: string, sessionId?: string): DeliveryRecord[];
  /** The transport-free mock behind the handlers, for what the handle does not cover. */
  readonly core: MockCore;
  /** Stops timers and webhook deliveries. */
  close(): Promise<void>;
}

export type BankConnectHandlers = HttpHandler[] & { mock: BankConnectMock };

/**
 * ```ts
 * const handlers = bankConnectHandlers({ clock: "manual" });
 * const server = setupServer(...handlers);          // or setupWorker(...handlers) in the browser
 * handlers.mock.advanceClock(3_000);                  // processing completes
 * ```
 */
export function bankConnectHandlers(options: BankConnectHandlersOptions = {}): BankConnectHandlers {
  const base = (options.baseUrl ?? "*").replace(/\/+$/, "");
  const basePath = base === "*" ? "" : new URL(base, "http://base.invalid").pathname.replace(/\/+$/, "");
  const listeners = new Set<(event: WebhookEvent) => void>();
  let core = makeCore(options, listeners);

  const resolver = async ({ request }: { request: Request }): Promise<Response | undefined> => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(basePath)) return undefined;
    const path = url.pathname.slice(basePath.length);
    const ours = [API_PREFIX, CONTROL_PREFIX].some((p) => path === p || path.startsWith(`${p}/`));
    // Only our prefixes: anything else that matched the wildcard belongs to other handlers.
    if (!ours) return undefined;
    const reply = await core.serve(await toPlainRequest(request, url, path, basePath));
    if (reply.kind === "drop") return HttpResponse.error();
    return new HttpResponse(reply.body, { status: reply.status, headers: reply.headers });
  };

  const handlers: HttpHandler[] = [];
  // One handler per operation of the spec: what MSW lists and logs. Routing itself is the core's.
  for (const op of core.contract.operations.operations) {
    const path = `${base}${API_PREFIX}${op.path.replace(/\{([^}]+)\}/g, ":$1")}`;
    handlers.push(http[op.method as "get" | "post" | "delete"](path, resolver));
  }
  // Everything else under the prefixes: trailing-slash variants, 404/405 envelopes, the control API, file links.
  for (const prefix of [API_PREFIX, CONTROL_PREFIX]) {
    handlers.push(http.all(`${base}${prefix}`, resolver), http.all(`${base}${prefix}/*`, resolver));
  }

  const unwrap = <T>(reply: HttpReply): T => {
    if (reply.status >= 400) {
      const error = (reply.body as { error: { code: string; message: string } }).error;
      throw new BankConnectMockError(reply.status, error.code, error.message);
    }
    return reply.body as T;
  };
  const call = (action: keyof MockCore["control"]["actions"], tenant: string | undefined, params: Record<string, string> = {}, body: Record<string, unknown> = {}, query: Record<string, string> = {}) =>
    core.control.actions[action]({ tenant, params, query, body });

  const mock: BankConnectMock = {
    now: (apiKey) => unwrap<{ epoch_ms: number }>(call("clock", apiKey)).epoch_ms,
    advanceClock(ms, apiKey) {
      unwrap(apiKey === undefined ? call("advanceAll", undefined, {}, { ms }) : call("advanceClock", apiKey, {}, { ms }));
    },
    sessions: (apiKey) => unwrap<{ sessions: SessionSummary[] }>(call("listSessions", apiKey)).sessions,
    session: (apiKey, id) => unwrap<SessionDetail>(call("getSession", apiKey, { id })),
    transition: (apiKey, id, request) => unwrap<SessionDetail>(call("transition", apiKey, { id }, { ...request })),
    async reset(apiKey) {
      if (apiKey !== undefined) {
        unwrap(call("reset", apiKey));
        return;
      }
      const old = core;
      core = makeCore(options, listeners);
      await old.close();
    },
    onWebhook(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    deliveries: (apiKey, sessionId) => unwrap<{ deliveries: DeliveryRecord[] }>(call("deliveries", apiKey, {}, {}, { limit: "1000", ...(sessionId ? { session_id: sessionId } : {}) })).deliveries,
    get core() {
      return core;
    },
    close: () => core.close(),
  };
  return Object.assign(handlers, { mock });
}

function makeCore(options: BankConnectHandlersOptions, listeners: Set<(event: WebhookEvent) => void>): MockCore {
  const { clock: clockOption, startTime, baseUrl: _baseUrl, readPdf, ...rest } = options;
  const start = startTime === undefined ? undefined : new Date(startTime).getTime();
  if (start !== undefined && Number.isNaN(start)) throw new RangeError(`startTime must be an ISO 8601 time or epoch ms; got ${JSON.stringify(startTime)}`);
  const clock =
    typeof clockOption === "object" ? clockOption : createClock(clockOption === "manual" ? { mode: "manual", ...(start !== undefined ? { start } : {}) } : { mode: "system" });
  const core = createMockCore({ ...rest, clock }, { contract: bundledContract(), scenarios: loadScenarios(), webhookSend: fetchSend, ...(readPdf ? { readPdf } : {}) });
  core.onWebhook((event) => {
    for (const listener of listeners) listener(event);
  });
  return core;
}

async function toPlainRequest(request: Request, url: URL, path: string, basePath: string): Promise<PlainRequest> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const bytes = request.body === null ? null : new Uint8Array(await request.arrayBuffer());
  return {
    method: request.method.toUpperCase(),
    url: `${path}${url.search}`,
    // Links the mock hands out (redirect_url, pdf_url) come back through these handlers.
    origin: `${url.origin}${basePath}`,
    headers,
    body: bytesBody(bytes),
  };
}
