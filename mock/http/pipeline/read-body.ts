import { mediaType, readBody as readRequestBody } from "../body.js";
import { failureReply } from "../errors.js";
import { sessionIdOf, type Step } from "./context.js";

/** The body, within limits and of a media type the operation declares, parsed into fields and files. */
export const readBody: Step = async (ctx, deps) => {
  const { req, res, op } = ctx;
  if (!op.requestBody) return "continue";
  const type = mediaType(req);
  const accepted = Object.keys(op.requestBody.content);
  if (ctx.traits.formOnly && type === "application/json") {
    return failureReply(op, { code: "INVALID_FILE_OBJECT", message: "This field must be present as a form field. Send request with correct content type (multipart/form-data)." }, sessionIdOf(ctx));
  }
  if (!accepted.includes(type)) {
    return failureReply(op, { code: "UNSUPPORTED_MEDIA_TYPE", message: `Unsupported media type \`${type || "(none)"}\`: send ${accepted.join(" or ")}.` }, sessionIdOf(ctx));
  }
  ctx.bodyStarted = true;
  const read = await readRequestBody(req, type, { json: deps.resolved.jsonLimitBytes, upload: deps.resolved.uploadLimitBytes });
  if (read.kind === "aborted") return "done";
  if (read.kind === "too-large") {
    // The rest of the body is never read: the connection closes once the 413 is out.
    res.setHeader("connection", "close");
    const which = type === "application/json" ? "--json-limit" : "--upload-limit, all parts together";
    return failureReply(op, { code: "PAYLOAD_TOO_LARGE", message: `Request body exceeds the limit of ${read.limit} bytes (${which}).` });
  }
  if (read.kind === "malformed") {
    if (type === "multipart/form-data") return failureReply(op, { code: "INVALID_FILE_OBJECT", message: `File object is invalid: the multipart body could not be read (${read.message}).` }, sessionIdOf(ctx));
    return failureReply(op, { code: "INVALID_REQUEST", message: read.message });
  }
  ctx.body = read.fields;
  ctx.files = read.files;
  // The spec's schema sees the file as a string; the bytes go to the domain separately.
  const file = read.files.find((f) => f.field === "file");
  if (type === "multipart/form-data" && file && ctx.body.file === undefined) ctx.body = { ...ctx.body, file: file.fileName || "upload" };
  return "continue";
};
