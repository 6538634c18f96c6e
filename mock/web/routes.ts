/**
 * What the mock serves to a browser: the hosted journey page behind `redirect_url` and the
 * dashboard under /__mock/ui/. Pages are static files (plain HTML, vanilla ES modules, no CDN); the
 * page-only JSON routes are thin: they find the session's tenant from its id (the journey URL carries
 * only the id, as the vendor's does) and then use the same lifecycle and the same upload pipeline as
 * the API, so there is exactly one state machine.
 */
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import express, { Router, type Request, type Response } from "express";
import { BANKS } from "../data/index.js";
import type { Clock } from "../core/clock.js";
import type { Lifecycle } from "../domain/lifecycle.js";
import type { Scenarios } from "../domain/scenarios.js";
import type { Session } from "../domain/session.js";
import { uploadStatusView } from "../domain/views.js";
import { REPO_ROOT, type Contract } from "../spec/index.js";

export const JOURNEY_PATH = "/bank-connect/journey";
export const DASHBOARD_PATH = "/__mock/ui";

export interface WebDeps {
  lifecycle: Lifecycle;
  clock: Clock;
  scenarios: Scenarios;
  /** The BankConnect contract: the upload operation's documented codes feed the scenario picker. */
  contract: Contract;
  /** Serve the dashboard (it needs the control API). */
  dashboard: boolean;
  /** Serves a request as the API's uploadStatement (the request pipeline, every step of it). */
  serveUpload(req: Request, res: Response): Promise<void>;
}

const WEB_ROOT = resolve(REPO_ROOT, "mock/web");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};
/** Only these files are served: nothing else under mock/web (tests, TypeScript) leaks out. */
const ASSETS: Record<string, readonly string[]> = {
  journey: ["index.html", "journey.js", "journey.css", "events.js", "sample-pdf.js", "api.js"],
  dashboard: ["index.html", "dashboard.js", "dashboard.css", "render.js", "control.js"],
};
/** Everything the pages load comes from the mock itself; frames may embed the journey (the iframe workflow). */
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";

/** Whether a URL is one of the browser-facing routes: a cheap check, so API requests skip the router. */
export function isWebPath(url: string): boolean {
  return url.startsWith(JOURNEY_PATH) || url.startsWith(DASHBOARD_PATH);
}

/** Methods of the browser-facing routes, for CORS preflights. */
export function webRouteMethods(path: string): string[] | null {
  const p = path.replace(/\/+$/, "");
  if (p === `${JOURNEY_PATH}/api/upload` || p === `${JOURNEY_PATH}/api/scenario`) return ["POST"];
  if (p === JOURNEY_PATH || p.startsWith(`${JOURNEY_PATH}/`)) return ["GET"];
  if (p === DASHBOARD_PATH || p.startsWith(`${DASHBOARD_PATH}/`)) return ["GET"];
  return null;
}

export function createWebRouter(deps: WebDeps): Router {
  const { lifecycle, clock, scenarios } = deps;
  const router = Router();
  const cache = new Map<string, Buffer>();
  const file = (dir: string, name: string): Buffer => {
    const key = `${dir}/${name}`;
    let bytes = cache.get(key);
    if (!bytes) {
      bytes = readFileSync(resolve(WEB_ROOT, dir, name));
      cache.set(key, bytes);
    }
    return bytes;
  };
  const sendFile = (res: Response, dir: string, name: string, status = 200) => {
    res.status(status);
    res.setHeader("content-type", TYPES[extname(name)] ?? "application/octet-stream");
    res.setHeader("cache-control", "no-cache");
    res.setHeader("content-security-policy", dir === "journey" ? CSP : `${CSP}; frame-ancestors 'self'`);
    res.setHeader("x-content-type-options", "nosniff");
    res.end(file(dir, name));
  };
  const envelope = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });

  /** The session behind a journey URL, or why there is none (the documented codes and messages). */
  type Lookup = { ok: true; tenant: string; session: Session } | { ok: false; status: number; code: string; message: string };
  const lookup = (req: Request): Lookup => {
    const id = typeof req.query.session_id === "string" ? req.query.session_id.trim() : "";
    if (id === "") return { ok: false, status: 400, code: "INVALID_REQUEST", message: "This page needs ?session_id=… : open the redirect_url that POST /v1/session/ answered." };
    const tenant = lifecycle.ownerOf(id);
    const found = tenant === undefined ? undefined : lifecycle.getSession(tenant, id);
    if (tenant === undefined || !found) return { ok: false, status: 404, code: "SESSION_NOT_FOUND", message: "The provided session ID is invalid" };
    if (!found.ok) return { ok: false, status: 410, code: found.failure.code, message: "The provided session ID has been deleted" };
    return { ok: true, tenant, session: found.value };
  };
  /** A session the user can no longer upload to: what an upload would answer. */
  const closed = (s: Session): { code: string; message: string } | null => {
    const phase = lifecycle.phaseAt(s, clock.now());
    if (phase === "EXPIRED") return { code: "SESSION_EXPIRED", message: "This session has expired" };
    if (phase === "PROCESSING" || phase === "PROCESSED") return { code: "SESSION_EXPIRED", message: "This session has expired: processing was initiated, so it takes no more uploads" };
    return null;
  };

  const uploadOp = deps.contract.operations.byId("uploadStatement");
  const requestCodes = [...new Set(uploadOp.responses.flatMap((r) => r.codes))].filter((c) => !scenarios.statement(c));
  const banks = BANKS.filter((b) => b.manual_upload_available).map((b) => ({ identifier: b.identifier, name: b.name }));

  const state = (s: Session) => {
    const bank = s.bankName ? BANKS.find((b) => b.identifier === s.bankName) : undefined;
    return {
      session_id: s.id,
      link_id: s.linkId,
      bank_name: s.bankName,
      bank_full_name: bank?.name ?? null,
      date_range: s.range,
      redirect_url: s.redirectUrl,
      phase: lifecycle.phaseAt(s, clock.now()),
      closed: closed(s),
      scenario: s.scenario.name,
      upload_status: uploadStatusView(s, clock.now()),
      statements: s.statements.map((st) => ({ statement_id: st.id, file_name: st.fileName, bank: st.bank, failure: st.failure })),
    };
  };

  // ------------------------------------------------------------------ the hosted journey
  router.get([JOURNEY_PATH, `${JOURNEY_PATH}/`], (req, res) => {
    const found = lookup(req);
    // The same page in every case; the status tells curl and crawlers what the page will show.
    const status = !found.ok ? found.status : closed(found.session) ? 410 : 200;
    sendFile(res, "journey", "index.html", status);
  });

  router.get(`${JOURNEY_PATH}/assets/:name`, (req, res, next) => {
    if (!ASSETS.journey.includes(req.params.name) || req.params.name === "index.html") return next();
    sendFile(res, "journey", req.params.name);
  });

  router.get(`${JOURNEY_PATH}/api/session`, (req, res) => {
    const found = lookup(req);
    if (!found.ok) return envelope(res, found.status, found.code, found.message);
    res.setHeader("cache-control", "no-store");
    res.json(state(found.session));
  });

  router.get(`${JOURNEY_PATH}/api/options`, (_req, res) => {
    res.json({
      banks,
      session_scenarios: scenarios.catalogue.session.map((s) => ({ name: s.name, kind: s.kind, description: s.description })),
      upload_outcomes: [
        ...scenarios.catalogue.statement.map((s) => ({ code: s.code, phase: s.phase })),
        ...requestCodes.map((code) => ({ code, phase: "request" as const })),
      ],
    });
  });

  router.post(`${JOURNEY_PATH}/api/scenario`, express.json({ limit: "4kb" }), (req, res) => {
    const found = lookup(req);
    if (!found.ok) return envelope(res, found.status, found.code, found.message);
    const scenario = (req.body as { scenario?: unknown } | undefined)?.scenario;
    if (typeof scenario !== "string") return envelope(res, 400, "INVALID_REQUEST", "Send {\"scenario\": NAME} with a session scenario name.");
    const result = lifecycle.control(found.tenant, found.session.id, { action: "set_scenario", scenario });
    if (!result.ok) return envelope(res, 400, "INVALID_REQUEST", result.failure.message ?? result.failure.code);
    res.json(state(result.value));
  });

  // The page's uploads run the API's own upload operation (validation, scenarios, faults, journal,
  // get_pdfs links) as the session's tenant: the session id is the page's credential, as at the vendor.
  router.post(`${JOURNEY_PATH}/api/upload`, (req, res, next) => {
    const found = lookup(req);
    if (!found.ok) {
      req.resume();
      return res.status(found.status).json({ session_id: "", statement_id: "", error: { code: found.code, message: found.message } });
    }
    req.headers["x-api-key"] = found.tenant;
    deps.serveUpload(req, res).catch(next);
  });

  // ------------------------------------------------------------------ the dashboard
  if (deps.dashboard) {
    // Express matches both spellings here; the page's relative links need the trailing slash.
    router.get(DASHBOARD_PATH, (req, res) => {
      if (!req.originalUrl.split("?")[0].endsWith("/")) return res.redirect(301, `${DASHBOARD_PATH}/`);
      sendFile(res, "dashboard", "index.html");
    });
    router.get(`${DASHBOARD_PATH}/:name`, (req, res, next) => {
      if (!ASSETS.dashboard.includes(req.params.name)) return next();
      sendFile(res, "dashboard", req.params.name);
    });
  }
  return router;
}
