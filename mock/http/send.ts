import type { Response } from "express";
import type { HttpReply } from "./errors.js";

const serialized = new WeakMap<object, Buffer>();

/**
 * Writes a reply; the error code goes to the journal. Bodies the domain reuses (a polled upload
 * status) are serialized once: the WeakMap entry lives exactly as long as the body object.
 */
export function send(res: Response, r: HttpReply): void {
  const body = r.body as { error?: { code?: string } } | null;
  const code = body?.error?.code;
  if (code) res.locals.errorCode = code;
  let bytes = body && typeof body === "object" ? serialized.get(body) : undefined;
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(r.body));
    if (body && typeof body === "object") serialized.set(body, bytes);
  }
  if (r.headers) for (const [k, v] of Object.entries(r.headers)) res.setHeader(k, v);
  res.statusCode = r.status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", bytes.length);
  res.end(bytes);
}
