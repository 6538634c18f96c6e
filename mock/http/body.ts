import type { IncomingMessage } from "node:http";
import getRawBody from "raw-body";
import type { ReadBody } from "./plain.js";

export type RawBody = ReadBody;

/**
 * Reads a body up to `limit` bytes. raw-body refuses up front when Content-Length already says the
 * body is too large and stops (pauses the request) the moment the limit is crossed, so an oversized
 * body costs at most `limit` bytes of memory and never its full transfer: the reply to it carries
 * `connection: close` and the rest is never read.
 */
export async function readRaw(req: IncomingMessage, limit: number): Promise<RawBody> {
  try {
    const length = req.headers["content-length"];
    return { kind: "ok", bytes: await getRawBody(req, { limit, ...(length !== undefined ? { length } : {}) }) };
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === "entity.too.large") return { kind: "too-large" };
    // A body shorter than its Content-Length, or a client that went away: nothing sensible to answer.
    return { kind: "aborted" };
  }
}
