/**
 * CORS for every route the mock serves, so a web app on another origin (http://localhost:3000) can
 * call the API and the control API with fetch. A small module rather than the `cors` package: the
 * methods a preflight allows are the route's own, looked up in the specs, which `cors` cannot do.
 */
import type { NextFunction, Request, Response } from "express";
import { CONTROL_SPEC_PATH, getContract, type Contract } from "../spec/index.js";
import { API_PREFIX, CONTROL_PREFIX } from "./options.js";

export interface CorsOptions {
  /** Origins allowed to read responses (`http://localhost:3000`). Absent or empty: any origin. */
  origins?: readonly string[];
}

/** `true`/absent: any origin; `false`: no CORS headers at all; `{origins}`: only those. */
export type CorsSetting = boolean | CorsOptions;

export interface CorsPolicy {
  /** null: any origin (the request's own origin is echoed). */
  origins: ReadonlySet<string> | null;
  allows(origin: string): boolean;
}

/** Every request header a BankConnect or control call may carry, mock extensions included. */
export const CORS_ALLOW_HEADERS = [
  "content-type",
  "x-api-key",
  "server-hash",
  "x-mock-scenario",
  "x-mock-delay-ms",
  "x-mock-fault",
  "x-mock-control-token",
] as const;

/** Response headers a client reads beyond the CORS-safelisted ones. */
export const CORS_EXPOSE_HEADERS = ["retry-after", "allow", "x-webhook-delivery-id", "content-disposition", "content-length"] as const;

/** Preflights are cached by the browser this long (Chromium caps at 7200). */
export const CORS_MAX_AGE_SECONDS = 600;

/** When a route is unknown, the preflight still passes so the actual request gets the mock's helpful 404. */
const FALLBACK_METHODS = ["GET", "POST", "DELETE"];

/** Normalizes an origin as browsers send it: scheme://host[:port], lower case, no path or slash. */
export function normalizeOrigin(text: string): string | null {
  if (text === "*") return "*";
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function corsPolicy(setting: CorsSetting | undefined): CorsPolicy | null {
  if (setting === false) return null;
  const listed = setting === true || setting === undefined ? [] : (setting.origins ?? []);
  const normalized = listed.map((o) => {
    const n = normalizeOrigin(o);
    if (!n) throw new Error(`cors origin ${JSON.stringify(o)} is not an origin: use scheme://host[:port], e.g. http://localhost:3000, or *`);
    return n;
  });
  if (normalized.length === 0 || normalized.includes("*")) return { origins: null, allows: () => true };
  const set = new Set(normalized);
  return { origins: set, allows: (origin) => set.has(origin.toLowerCase()) };
}

/** The methods a path answers (upper case, without OPTIONS); null when no route matches. */
export type RouteMethods = (path: string) => string[] | null;

/**
 * Route methods from the specs: the API's from openapi/bankconnect.yaml, the control API's from
 * openapi/mock-control.yaml (loaded on the first control preflight only), so they never drift from
 * the routes. `first` answers for routes outside both specs (the browser pages).
 */
export function specRouteMethods(api: Contract, first: RouteMethods): RouteMethods {
  const under = (path: string, prefix: string) => (path === prefix || path.startsWith(`${prefix}/`) ? path.slice(prefix.length) || "/" : undefined);
  return (path) => {
    const own = first(path);
    if (own) return own;
    const apiRest = under(path, API_PREFIX);
    const controlRest = apiRest === undefined ? under(path, CONTROL_PREFIX) : undefined;
    const index = apiRest !== undefined ? api.operations : controlRest !== undefined ? getContract(CONTROL_SPEC_PATH).operations : undefined;
    const rest = apiRest ?? controlRest;
    if (!index || rest === undefined) return null;
    const match = index.match("OPTIONS", rest);
    return match.kind === "method-not-allowed" ? match.allowed : null;
  };
}

const ALLOW_HEADERS_TEXT = CORS_ALLOW_HEADERS.join(", ");
const EXPOSE_HEADERS_TEXT = CORS_EXPOSE_HEADERS.join(", ");

/**
 * The CORS step: adds the headers to every response (error envelopes included, since they are set
 * before any handler runs) and answers preflight OPTIONS with 204 itself, so no route needs to
 * know about OPTIONS.
 */
export function corsStep(policy: CorsPolicy, routeMethods: RouteMethods) {
  return function cors(req: Request, res: Response, next: NextFunction): void {
    const origin = req.headers.origin;
    // Answers differ by Origin, so shared caches must key on it.
    res.setHeader("vary", "Origin");
    const allowed = typeof origin === "string" && policy.allows(origin);
    if (allowed) {
      res.setHeader("access-control-allow-origin", origin);
      // No cookies are used, but clients that send credentials (axios withCredentials) must not fail.
      res.setHeader("access-control-allow-credentials", "true");
      res.setHeader("access-control-expose-headers", EXPOSE_HEADERS_TEXT);
    }
    if (req.method !== "OPTIONS") return next();

    const q = req.url.indexOf("?");
    const path = q < 0 ? req.url : req.url.slice(0, q);
    const methods = [...(routeMethods(path) ?? FALLBACK_METHODS), "OPTIONS"];
    res.setHeader("allow", methods.join(", "));
    const requestedMethod = req.headers["access-control-request-method"];
    if (typeof origin === "string" && typeof requestedMethod === "string" && !allowed) {
      const body = Buffer.from(
        JSON.stringify({
          error: {
            code: "ACCESS_DENIED",
            message: `CORS: origin ${origin} is not allowed. Start the mock with --cors-origin ${origin} (repeatable), or without --cors-origin to allow any origin.`,
          },
        }),
      );
      res.statusCode = 403;
      res.setHeader("content-type", "application/json; charset=utf-8");
      res.setHeader("content-length", body.length);
      res.end(body);
      return;
    }
    if (allowed && typeof requestedMethod === "string") {
      res.setHeader("access-control-allow-methods", methods.join(", "));
      res.setHeader("access-control-allow-headers", allowHeaders(req.headers["access-control-request-headers"]));
      res.setHeader("access-control-max-age", String(CORS_MAX_AGE_SECONDS));
      // Chromium's Private Network Access: a page served from a public address calling the local mock.
      if (req.headers["access-control-request-private-network"] === "true") res.setHeader("access-control-allow-private-network", "true");
    }
    req.resume();
    res.statusCode = 204;
    res.end();
  };
}

/**
 * The known headers, plus whatever else the browser asks for: the mock ignores headers it does
 * not know, so refusing a tracing header (x-request-id) would only break a client for nothing.
 */
function allowHeaders(requested: string | string[] | undefined): string {
  if (typeof requested !== "string" || requested.trim() === "") return ALLOW_HEADERS_TEXT;
  const known = new Set<string>(CORS_ALLOW_HEADERS);
  const extra = requested
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(h) && !known.has(h));
  return extra.length === 0 ? ALLOW_HEADERS_TEXT : `${ALLOW_HEADERS_TEXT}, ${[...new Set(extra)].join(", ")}`;
}
