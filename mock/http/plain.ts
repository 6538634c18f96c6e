/**
 * A request and a reply as the mock sees them, with nothing of the framework that carried them:
 * the Express adapter and the MSW adapter both translate into these and call the same `serve`.
 */

export type ReadBody = { kind: "ok"; bytes: Uint8Array } | { kind: "too-large" } | { kind: "aborted" };

export interface BodySource {
  /** The whole body, or too-large once it passes `limit` bytes (never buffered past the limit). */
  read(limit: number): Promise<ReadBody>;
  /** The body will not be read: the transport may drain or drop it. */
  skip(): void;
}

export interface PlainRequest {
  /** Upper-case. */
  method: string;
  /** Path and query string as requested, from the root (`/bank-connect/v1/session/?x=1`). */
  url: string;
  /** `http://host:port` the request came to: links handed out point back here. */
  origin: string;
  /** Lower-case names; a repeated header as one comma-joined value. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: BodySource;
}

export type PlainReply =
  | { kind: "reply"; status: number; headers: Record<string, string>; body: Uint8Array }
  /** Cut the connection without an answer (`x-mock-fault: drop`). */
  | { kind: "drop" };

/** A body already in memory (MSW hands over a whole Request). */
export function bytesBody(bytes: Uint8Array | null): BodySource {
  return {
    read: async (limit) => (bytes === null ? { kind: "ok", bytes: new Uint8Array(0) } : bytes.length > limit ? { kind: "too-large" } : { kind: "ok", bytes }),
    skip() {},
  };
}

export function header(req: PlainRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

/** The path without the query string. */
export function pathOf(url: string): string {
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}

/**
 * Query parameters given once; a parameter repeated is left out (as the Express mock's "simple"
 * parser left it out: it became an array, which no operation accepts).
 */
export function queryOf(url: string): Record<string, string> {
  const q = url.indexOf("?");
  if (q < 0) return {};
  const params = new URLSearchParams(url.slice(q + 1));
  const once = new Map<string, string>();
  const repeated = new Set<string>();
  for (const [k, v] of params) {
    if (once.has(k)) repeated.add(k);
    once.set(k, v);
  }
  for (const k of repeated) once.delete(k);
  return Object.fromEntries(once);
}

/** The media type of a request without parameters, lower-cased; "" when absent. */
export function mediaType(req: PlainRequest): string {
  return (header(req, "content-type") ?? "").split(";")[0].trim().toLowerCase();
}
