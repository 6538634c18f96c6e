import { mediaType, readMultipart, readRaw } from "../body.js";
import { failureReply } from "../errors.js";
import { sessionIdOf, type Step } from "./context.js";

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
  ctx.bodyStarted = true;
  if (type === "multipart/form-data") {
    const form = await readMultipart(req, uploadLimitBytes);
    if (form.kind === "too-large") return failureReply(op, { code: "PAYLOAD_TOO_LARGE", message: `Request body exceeds the limit of ${uploadLimitBytes} bytes.` });
    if (form.kind === "malformed") return failureReply(op, { code: "INVALID_FILE_OBJECT", message: `File object is invalid: the multipart body could not be read (${form.message}).` }, sessionIdOf(ctx));
    ctx.body = form.fields;
    ctx.files = form.files;
    // The spec's schema sees the file as a string; the bytes go to the domain separately.
    const file = form.files.find((f) => f.field === "file");
    if (file && ctx.body.file === undefined) ctx.body = { ...ctx.body, file: file.fileName || "upload" };
    return "continue";
  }
  const limit = type === "application/x-www-form-urlencoded" ? uploadLimitBytes : jsonLimitBytes;
  const raw = await readRaw(req, limit);
  if (raw.kind === "too-large") return failureReply(op, { code: "PAYLOAD_TOO_LARGE", message: `Request body exceeds the limit of ${limit} bytes.` });
  if (raw.kind === "aborted") return "done";
  if (type === "application/x-www-form-urlencoded") {
    ctx.body = Object.fromEntries(new URLSearchParams(raw.bytes.toString("utf8")));
    return "continue";
  }
  try {
    ctx.body = JSON.parse(raw.bytes.toString("utf8")) as Record<string, unknown>;
  } catch (err) {
    return failureReply(op, { code: "INVALID_REQUEST", message: `Malformed JSON body: ${(err as Error).message}.` });
  }
  return "continue";
};
