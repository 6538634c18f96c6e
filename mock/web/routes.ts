/**
 * What the mock serves to a browser: the hosted journey page behind `redirect_url` and the
 * dashboard under /__mock/ui/. Pages are static files (plain HTML, vanilla ES modules, no CDN); the
 * page-only JSON routes are thin: they find the session's tenant from its id (the journey URL carries
 * only the id, as the vendor's does) and then use the same lifecycle and the same upload pipeline as
 * the API, so there is exactly one state machine. Node-only (it reads the files): the Express host
 * hands it to the core as its page routes; the MSW host has none.
 */
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { utf8Bytes, utf8Text } from "../core/bytes.js";
import { BANKS } from "../data/index.js";
import type { Session } from "../domain/session.js";
import { uploadStatusView } from "../domain/views.js";
import type { PageContext, PageRoutes } from "../http/core.js";
import type { JournalNote } from "../http/reply.js";
import { pathOf, queryOf, type PlainReply, type PlainRequest } from "../http/plain.js";
import { REPO_ROOT } from "../../openapi/lib/index.js";

export const JOURNEY_PATH = "/bank-connect/journey";
export const DASHBOARD_PATH = "/__mock/ui";

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

export function createWebRoutes(deps: PageContext): PageRoutes {
  const { lifecycle, clockFor, scenarios } = deps;
  const cache = new Map<string, Uint8Array>();
  const file = (dir: string, name: string): Uint8Array => {
    const key = `${dir}/${name}`;
    let bytes = cache.get(key);
    if (!bytes) {
      bytes = new Uint8Array(readFileSync(resolve(WEB_ROOT, dir, name)));
      cache.set(key, bytes);
    }
    return bytes;
  };
  const sendFile = (dir: string, name: string, status = 200): PlainReply => ({
    kind: "reply",
    status,
    headers: {
      "content-type": TYPES[extname(name)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      "content-security-policy": dir === "journey" ? CSP : `${CSP}; frame-ancestors 'self'`,
      "x-content-type-options": "nosniff",
    },
    body: file(dir, name),
  });
  const json = (status: number, body: unknown): PlainReply => ({
    kind: "reply",
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
    body: utf8Bytes(JSON.stringify(body)),
  });
  const envelope = (status: number, code: string, message: string) => json(status, { error: { code, message } });

  /** The session behind a journey URL, or why there is none (the documented codes and messages). */
  type Lookup = { ok: true; tenant: string; session: Session } | { ok: false; status: number; code: string; message: string };
  const lookup = (req: PlainRequest): Lookup => {
    const id = (queryOf(req.url).session_id ?? "").trim();
    if (id === "") return { ok: false, status: 400, code: "INVALID_REQUEST", message: "This page needs ?session_id=… : open the redirect_url that POST /v1/session/ answered." };
    const tenant = lifecycle.ownerOf(id);
    const found = tenant === undefined ? undefined : lifecycle.getSession(tenant, id);
    if (tenant === undefined || !found) return { ok: false, status: 404, code: "SESSION_NOT_FOUND", message: "The provided session ID is invalid" };
    if (!found.ok) return { ok: false, status: 410, code: found.failure.code, message: "The provided session ID has been deleted" };
    return { ok: true, tenant, session: found.value };
  };
  /** A session the user can no longer upload to: what an upload would answer. */
  const closed = (s: Session): { code: string; message: string } | null => {
    const phase = lifecycle.phaseAt(s, clockFor(s.tenant).now());
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
      phase: lifecycle.phaseAt(s, clockFor(s.tenant).now()),
      closed: closed(s),
      scenario: s.scenario.name,
      upload_status: uploadStatusView(s, clockFor(s.tenant).now()),
      statements: s.statements.map((st) => ({ statement_id: st.id, file_name: st.fileName, bank: st.bank, failure: st.failure })),
    };
  };

  async function readJson(req: PlainRequest): Promise<Record<string, unknown>> {
    const raw = await req.body.read(4096);
    if (raw.kind !== "ok") return {};
    try {
      const parsed = JSON.parse(utf8Text(raw.bytes)) as unknown;
      return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  async function journey(req: PlainRequest, path: string, note: JournalNote): Promise<PlainReply | null> {
    const rest = path.slice(JOURNEY_PATH.length).replace(/\/+$/, "");
    if (req.method === "GET" && rest === "") {
      req.body.skip();
      const found = lookup(req);
      // The same page in every case; the status tells curl and crawlers what the page will show.
      return sendFile("journey", "index.html", !found.ok ? found.status : closed(found.session) ? 410 : 200);
    }
    const asset = /^\/assets\/([a-z0-9-]+\.(?:js|css))$/.exec(rest);
    if (req.method === "GET" && asset) {
      req.body.skip();
      return ASSETS.journey.includes(asset[1]) ? sendFile("journey", asset[1]) : null;
    }
    if (req.method === "GET" && rest === "/api/session") {
      req.body.skip();
      const found = lookup(req);
      return found.ok ? json(200, state(found.session)) : envelope(found.status, found.code, found.message);
    }
    if (req.method === "GET" && rest === "/api/options") {
      req.body.skip();
      return json(200, {
        banks,
        session_scenarios: scenarios.catalogue.session.map((x) => ({ name: x.name, kind: x.kind, description: x.description })),
        upload_outcomes: [...scenarios.catalogue.statement.map((x) => ({ code: x.code, phase: x.phase })), ...requestCodes.map((code) => ({ code, phase: "request" as const }))],
      });
    }
    if (req.method === "POST" && rest === "/api/scenario") {
      const found = lookup(req);
      if (!found.ok) {
        req.body.skip();
        return envelope(found.status, found.code, found.message);
      }
      const scenario = (await readJson(req)).scenario;
      if (typeof scenario !== "string") return envelope(400, "INVALID_REQUEST", 'Send {"scenario": NAME} with a session scenario name.');
      const result = lifecycle.control(found.tenant, found.session.id, { action: "set_scenario", scenario });
      if (!result.ok) return envelope(400, "INVALID_REQUEST", result.failure.message ?? result.failure.code);
      return json(200, state(result.value));
    }
    // The page's uploads run the API's own upload operation (validation, scenarios, faults, journal,
    // get_pdfs links) as the session's tenant: the session id is the page's credential, as at the vendor.
    if (req.method === "POST" && rest === "/api/upload") {
      const found = lookup(req);
      if (!found.ok) {
        req.body.skip();
        return json(found.status, { session_id: "", statement_id: "", error: { code: found.code, message: found.message } });
      }
      return deps.serveUpload({ ...req, headers: { ...req.headers, "x-api-key": found.tenant } }, note);
    }
    return null;
  }

  function dashboard(req: PlainRequest, path: string): PlainReply | null {
    if (!deps.dashboard || req.method !== "GET") return null;
    req.body.skip();
    // The page's relative links need the trailing slash.
    if (path === DASHBOARD_PATH) return { kind: "reply", status: 301, headers: { location: `${DASHBOARD_PATH}/` }, body: new Uint8Array(0) };
    const name = path.slice(DASHBOARD_PATH.length + 1) || "index.html";
    return ASSETS.dashboard.includes(name) ? sendFile("dashboard", name) : null;
  }

  return {
    methodsFor: webRouteMethods,
    async handle(req, note) {
      const path = pathOf(req.url);
      if (path === JOURNEY_PATH || path.startsWith(`${JOURNEY_PATH}/`)) return journey(req, path, note);
      if (path === DASHBOARD_PATH || path.startsWith(`${DASHBOARD_PATH}/`)) return dashboard(req, path);
      return null;
    },
  };
}
