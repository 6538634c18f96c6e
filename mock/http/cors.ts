/**
 * CORS for every route the mock serves, so a web app on another origin (http://localhost:3000) can
 * call the API and the control API with fetch. A small module rather than the `cors` package: the
 * methods a preflight allows are the route's own, looked up in the specs, which `cors` cannot do.
 */
import type { OperationIndex } from "../../openapi/lib/operations.js";
import { header, pathOf, type PlainReply, type PlainRequest } from "./plain.js";

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

/** The methods an operation index has for a path below its prefix (OPTIONS is in no spec). */
export function specMethods(index: OperationIndex, path: string): string[] | null {
  const match = index.match("OPTIONS", path);
  return match.kind === "method-not-allowed" ? match.allowed : null;
}

const ALLOW_HEADERS_TEXT = CORS_ALLOW_HEADERS.join(", ");
const EXPOSE_HEADERS_TEXT = CORS_EXPOSE_HEADERS.join(", ");

/**
 * A preflight's answer: 204 with the route's methods (or 403 naming the flag for an origin the
 * policy refuses). A plain OPTIONS without preflight headers gets 204 with Allow.
 */
export function preflightReply(policy: CorsPolicy, req: PlainRequest, routeMethods: RouteMethods): PlainReply {
  const origin = header(req, "origin");
  const methods = [...(routeMethods(pathOf(req.url)) ?? FALLBACK_METHODS), "OPTIONS"];
  const headers: Record<string, string> = { allow: methods.join(", ") };
  addCorsHeaders(policy, req, headers);
  const requestedMethod = header(req, "access-control-request-method");
  const allowed = origin !== undefined && policy.allows(origin);
  if (origin !== undefined && requestedMethod !== undefined && !allowed) {
    const body = new TextEncoder().encode(
      JSON.stringify({
        error: {
          code: "ACCESS_DENIED",
          message: `CORS: origin ${origin} is not allowed. Start the mock with --cors-origin ${origin} (repeatable), or without --cors-origin to allow any origin.`,
        },
      }),
    );
    return { kind: "reply", status: 403, headers: { ...headers, "content-type": "application/json; charset=utf-8" }, body };
  }
  if (allowed && requestedMethod !== undefined) {
    headers["access-control-allow-methods"] = methods.join(", ");
    headers["access-control-allow-headers"] = allowHeaders(header(req, "access-control-request-headers"));
    headers["access-control-max-age"] = String(CORS_MAX_AGE_SECONDS);
    // Chromium's Private Network Access: a page served from a public address calling the local mock.
    if (header(req, "access-control-request-private-network") === "true") headers["access-control-allow-private-network"] = "true";
  }
  return { kind: "reply", status: 204, headers, body: new Uint8Array(0) };
}

/** The headers every actual answer carries (error envelopes included) for an allowed origin. */
export function addCorsHeaders(policy: CorsPolicy, req: PlainRequest, headers: Record<string, string>): void {
  // Answers differ by Origin, so shared caches must key on it.
  headers.vary = headers.vary ? `${headers.vary}, Origin` : "Origin";
  const origin = header(req, "origin");
  if (origin === undefined || !policy.allows(origin)) return;
  headers["access-control-allow-origin"] = origin;
  // No cookies are used, but clients that send credentials (axios withCredentials) must not fail.
  headers["access-control-allow-credentials"] = "true";
  headers["access-control-expose-headers"] = EXPOSE_HEADERS_TEXT;
}

/**
 * The known headers, plus whatever else the browser asks for: the mock ignores headers it does
 * not know, so refusing a tracing header (x-request-id) would only break a client for nothing.
 */
function allowHeaders(requested: string | undefined): string {
  if (typeof requested !== "string" || requested.trim() === "") return ALLOW_HEADERS_TEXT;
  const known = new Set<string>(CORS_ALLOW_HEADERS);
  const extra = requested
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter((h) => /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(h) && !known.has(h));
  return extra.length === 0 ? ALLOW_HEADERS_TEXT : `${ALLOW_HEADERS_TEXT}, ${[...new Set(extra)].join(", ")}`;
}
