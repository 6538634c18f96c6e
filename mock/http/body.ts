import type { IncomingMessage } from "node:http";
import type { ReadBody } from "./plain.js";

/** Bodies past this are not even drained: the connection is cut. */
const HARD_CAP = 64 * 1024 * 1024;

export type RawBody = ReadBody;

/**
 * Reads a body up to `limit` bytes. Past the limit it keeps draining (so the client can read the 413
 * instead of a reset) without buffering, up to a hard cap.
 */
export function readRaw(req: IncomingMessage, limit: number): Promise<RawBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > HARD_CAP) {
        req.destroy();
        return;
      }
      if (size > limit) {
        over = true;
        chunks.length = 0;
      } else if (!over) {
        chunks.push(chunk);
      }
    });
    req.on("end", () => resolve(over ? { kind: "too-large" } : { kind: "ok", bytes: Buffer.concat(chunks) }));
    req.on("error", () => resolve({ kind: "aborted" }));
    req.on("close", () => resolve(over ? { kind: "too-large" } : { kind: "aborted" }));
  });
}
