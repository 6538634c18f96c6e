import type { IncomingMessage } from "node:http";
import busboy from "busboy";

/** Bodies past this are not even drained: the connection is cut. */
const HARD_CAP = 64 * 1024 * 1024;

export type RawBody = { kind: "ok"; bytes: Buffer } | { kind: "too-large" } | { kind: "aborted" };

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

export interface UploadedFile {
  field: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export type FormBody =
  | { kind: "ok"; fields: Record<string, string>; files: UploadedFile[] }
  | { kind: "too-large" }
  | { kind: "malformed"; message: string };

/** Parses multipart/form-data with busboy, enforcing a per-file and a total size limit. */
export function readMultipart(req: IncomingMessage, limit: number): Promise<FormBody> {
  return new Promise((resolve) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: limit, fieldSize: limit, files: 5, fields: 50, parts: 60 } });
    } catch (err) {
      resolve({ kind: "malformed", message: (err as Error).message });
      return;
    }
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    let tooLarge = false;
    let settled = false;
    const done = (value: FormBody) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    bb.on("field", (name, value, info) => {
      if (info.valueTruncated) tooLarge = true;
      fields[name] = value;
    });
    bb.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => {
        tooLarge = true;
      });
      stream.on("end", () => {
        if (!tooLarge) files.push({ field: name, fileName: info.filename ?? "", mimeType: info.mimeType, bytes: Buffer.concat(chunks) });
      });
    });
    bb.on("error", (err: Error) => {
      req.unpipe(bb);
      req.resume();
      done({ kind: "malformed", message: err.message });
    });
    bb.on("close", () => done(tooLarge ? { kind: "too-large" } : { kind: "ok", fields, files }));
    req.pipe(bb);
  });
}

/** The media type of a request without parameters, lower-cased; "" when absent. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}
