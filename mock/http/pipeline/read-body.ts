import { utf8Text } from "../../core/bytes.js";
import { failureReply } from "../errors.js";
import { parseMultipart } from "../multipart.js";
import { header, mediaType } from "../plain.js";
import { sessionIdOf, type Step } from "./context.js";

/**
 * A multipart body is larger than its files by part headers and boundaries; the per-file and
 * per-field check of the parser is the one that answers PAYLOAD_TOO_LARGE, so the read allows this.
 */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The body, within limits and of a media type the operation declares, parsed into fields and files. */
export const readBody: Step = async (ctx, deps) => {
  const { req, op } = ctx;
  if (!op.requestBody) return "continue";
  const type = mediaType(req);
  const accepted = Object.keys(op.requestBody.content);
  if (ctx.traits.formOnly && type === "application/json") {
    return failureReply(op, { code: "INVALID_FILE_OBJECT", message: "This field must be present as a form field. Send request with correct content type (multipart/form-data)." }, sessionIdOf(ctx));
  }
  if (!accepted.includes(type)) {
    return failureReply(op, { code: "UNSUPPORTED_MEDIA_TYPE", message: `Unsupported media type \`${type || "(none)"}\`: send ${accepted.join(" or ")}.` }, sessionIdOf(ctx));
  }
  const { uploadLimitBytes, jsonLimitBytes } = deps.resolved;
  const json = type === "application/json";
  const limit = json ? jsonLimitBytes : uploadLimitBytes;
  const which = json ? "--json-limit" : "--upload-limit, all parts together";
  // The rest of an oversized body is never read: the transport closes the connection once the 413 is out.
  const tooLarge = () => {
    const reply = failureReply(op, { code: "PAYLOAD_TOO_LARGE", message: `Request body exceeds the limit of ${limit} bytes (${which}).` });
    return { ...reply, headers: { ...reply.headers, connection: "close" } };
  };
  ctx.bodyStarted = true;
  const multipart = type === "multipart/form-data";
  const raw = await req.body.read(multipart ? limit + MULTIPART_OVERHEAD : limit);
  if (raw.kind === "too-large") return tooLarge();
  if (raw.kind === "aborted") return "drop";
  if (multipart) {
    const form = parseMultipart(header(req, "content-type") ?? "", raw.bytes, { size: limit });
    if (form.kind === "too-large") return tooLarge();
    // The limit bounds all parts together, not each one: five files just under it are one request over it.
    if (form.kind === "ok" && partsSize(form.fields, form.files) > limit) return tooLarge();
    if (form.kind === "malformed") return failureReply(op, { code: "INVALID_FILE_OBJECT", message: `File object is invalid: the multipart body could not be read (${form.message}).` }, sessionIdOf(ctx));
    ctx.body = form.fields;
    ctx.files = form.files;
    // The spec's schema sees the file as a string; the bytes go to the domain separately.
    const file = form.files.find((f) => f.field === "file");
    if (file && ctx.body.file === undefined) ctx.body = { ...ctx.body, file: file.fileName || "upload" };
    return "continue";
  }
  if (type === "application/x-www-form-urlencoded") {
    ctx.body = Object.fromEntries(new URLSearchParams(utf8Text(raw.bytes)));
    return "continue";
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Text(raw.bytes));
  } catch (err) {
    return failureReply(op, { code: "INVALID_REQUEST", message: `Malformed JSON body: ${(err as Error).message}. Send a JSON object.` });
  }
  // `null`, arrays and scalars parse but are no request body: answered here, not by a handler reading fields of null.
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    const got = parsed === null ? "null" : Array.isArray(parsed) ? "an array" : `a ${typeof parsed}`;
    return failureReply(op, { code: "INVALID_REQUEST", message: `The request body must be a JSON object; got ${got}.` });
  }
  ctx.body = parsed as Record<string, unknown>;
  return "continue";
};

/** Bytes of content in a parsed form: every file and every field value. */
function partsSize(fields: Record<string, string>, files: ReadonlyArray<{ bytes: Uint8Array }>): number {
  let n = 0;
  for (const f of files) n += f.bytes.length;
  for (const v of Object.values(fields)) n += v.length;
  return n;
}
