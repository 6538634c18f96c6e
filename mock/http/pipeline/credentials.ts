import type { MockServerOptions } from "../options.js";
import { header, type PlainRequest } from "../plain.js";
import { failureReply } from "../errors.js";
import { sessionIdOf, type Step } from "./context.js";

/** Credentials from headers, for every operation whose key is not in the body. */
export const headerCredentials: Step = (ctx, deps) => {
  const { req, op } = ctx;
  if (op.securityHeaders.length === 0) return "continue";
  const accepted = op.securityHeaders.some((alt) =>
    alt.every((h) => {
      const v = header(req, h);
      if (v === undefined || v.trim() === "") return false;
      if (h === "x-api-key" && deps.options.apiKey !== undefined) return v === deps.options.apiKey;
      if (h === "server-hash" && deps.options.serverHash !== undefined) return v === deps.options.serverHash;
      return true;
    }),
  );
  if (!accepted) return failureReply(op, { code: "ACCESS_DENIED" }, sessionIdOf(ctx));
  ctx.tenant = header(req, "x-api-key");
  return "continue";
};

/** The key of an operation that takes it in the body (`api_key`), else from `x-api-key`. */
export function bodyKey(req: PlainRequest, body: Record<string, unknown>): string | undefined {
  // Trimmed as Node trims header values, so a key sent with spaces is the tenant its header reaches.
  const key = typeof body.api_key === "string" && body.api_key.trim() !== "" ? body.api_key : header(req, "x-api-key");
  return key?.trim();
}

export function authorisedByBody(req: PlainRequest, body: Record<string, unknown>, options: MockServerOptions): boolean {
  const key = bodyKey(req, body);
  if (key === undefined || key.trim() === "") return false;
  return options.apiKey === undefined || key === options.apiKey;
}

/** Credentials from the body, once it is read and valid (create session). */
export const bodyCredentials: Step = (ctx, deps) => {
  if (ctx.traits.credentialsInBody) {
    if (!authorisedByBody(ctx.req, ctx.body, deps.options)) return failureReply(ctx.op, { code: "ACCESS_DENIED" });
    ctx.tenant = bodyKey(ctx.req, ctx.body) as string;
  }
  // The journal names the tenant even when the key came in the body.
  ctx.note.tenant = ctx.tenant ?? null;
  return "continue";
};
