import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import getRawBody from "raw-body";

export interface UploadedFile {
  field: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export interface BodyLimits {
  /** Largest JSON body, in bytes. */
  json: number;
  /** Largest upload request (multipart or url-encoded form), in bytes, all parts together. */
  upload: number;
}

/** Form parts a statement upload can need (six fields and one file), with room to spare. */
export const FORM_LIMITS = { files: 5, fields: 50, parts: 60 } as const;

export type RequestBody =
  | { kind: "ok"; fields: Record<string, unknown>; files: UploadedFile[] }
  /** Stopped reading at `limit`: answer 413 and close the connection, the rest is never read. */
  | { kind: "too-large"; limit: number }
  | { kind: "malformed"; message: string }
  /** The client went away; nothing to answer. */
  | { kind: "aborted" };

/**
 * Reads and parses a request body of a supported media type within its limit. Reading stops the
 * moment the limit is crossed (or before reading anything when Content-Length already says so), so
 * an oversized body costs at most `limit` bytes of memory and never its full transfer.
 */
export async function readBody(req: IncomingMessage, type: string, limits: BodyLimits): Promise<RequestBody> {
  if (type === "multipart/form-data") return readMultipart(req, limits.upload);
  const limit = type === "application/x-www-form-urlencoded" ? limits.upload : limits.json;
  const raw = await readRaw(req, limit);
  if (raw.kind !== "ok") return raw;
  const text = raw.bytes.toString("utf8");
  if (type === "application/x-www-form-urlencoded") return { kind: "ok", fields: Object.fromEntries(new URLSearchParams(text)), files: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { kind: "malformed", message: `Malformed JSON body: ${(err as Error).message}. Send a JSON object.` };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { kind: "malformed", message: `The request body must be a JSON object; got ${parsed === null ? "null" : Array.isArray(parsed) ? "an array" : `a ${typeof parsed}`}.` };
  }
  return { kind: "ok", fields: parsed as Record<string, unknown>, files: [] };
}

type Raw = { kind: "ok"; bytes: Buffer } | Exclude<RequestBody, { kind: "ok" }>;

/** raw-body enforces the limit (also against Content-Length up front) and pauses the request when it is crossed. */
export async function readRaw(req: IncomingMessage, limit: number): Promise<Raw> {
  try {
    const length = req.headers["content-length"];
    return { kind: "ok", bytes: await getRawBody(req, { limit, ...(length !== undefined ? { length } : {}) }) };
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === "entity.too.large") return { kind: "too-large", limit };
    if (type === "request.size.invalid") return { kind: "malformed", message: "The body is shorter or longer than its Content-Length." };
    return { kind: "aborted" };
  }
}

/**
 * multipart/form-data through busboy. busboy's own limits bound single parts and their number; the
 * total is counted here on the raw stream because busboy keeps reading (and discarding) past them.
 */
export function readMultipart(req: IncomingMessage, limit: number): Promise<RequestBody> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (value: RequestBody): void => {
      if (settled) return;
      settled = true;
      if (value.kind !== "ok") {
        req.off("data", count);
        req.unpipe();
        req.pause();
        bb?.removeAllListeners();
        bb?.on("error", () => {});
        bb?.destroy();
      }
      resolve(value);
    };
    let received = 0;
    const count = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) done({ kind: "too-large", limit });
    };
    let bb: busboy.Busboy | undefined;
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      done({ kind: "too-large", limit });
      return;
    }
    try {
      bb = busboy({ headers: req.headers, limits: { fileSize: limit, fieldSize: limit, ...FORM_LIMITS } });
    } catch (err) {
      done({ kind: "malformed", message: (err as Error).message });
      return;
    }
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    const tooMany = (what: string, n: number) => () => done({ kind: "malformed", message: `more than ${n} ${what} in one form` });
    bb.on("partsLimit", tooMany("parts", FORM_LIMITS.parts));
    bb.on("filesLimit", tooMany("files", FORM_LIMITS.files));
    bb.on("fieldsLimit", tooMany("fields", FORM_LIMITS.fields));
    bb.on("field", (name, value, info) => {
      if (info.valueTruncated) done({ kind: "too-large", limit });
      else fields[name] = value;
    });
    bb.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => done({ kind: "too-large", limit }));
      stream.on("end", () => {
        if (!settled) files.push({ field: name, fileName: info.filename ?? "", mimeType: info.mimeType, bytes: Buffer.concat(chunks) });
      });
    });
    bb.on("error", (err: Error) => done({ kind: "malformed", message: err.message }));
    bb.on("close", () => done({ kind: "ok", fields, files }));
    req.on("aborted", () => done({ kind: "aborted" }));
    req.on("data", count);
    req.pipe(bb);
  });
}

/** The media type of a request without parameters, lower-cased; "" when absent. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}
