import { failureReply } from "../errors.js";
import type { HandlerContext } from "../handlers.js";
import { queryOf } from "../plain.js";
import { sessionIdOf, type Step } from "./context.js";

/** The operation's handler: the domain call and the view, then the files its links may point at. */
export const handle: Step = async (ctx, deps) => {
  const { req, op, params } = ctx;
  const tenant = ctx.tenant as string;
  const handlerCtx: HandlerContext = {
    tenant,
    params,
    query: queryOf(req.url),
    body: ctx.body,
    files: ctx.files,
    headers: req.headers,
    ...(ctx.scenario !== undefined ? { scenario: ctx.scenario } : {}),
    // --public-url when set: links built from a Host header can point anywhere the client likes.
    origin: deps.resolved.publicUrl ?? req.origin,
  };
  // get_pdfs signs links to files stored before this process started (a loaded state): make them resolvable first.
  if (ctx.traits.storesFiles && params.session_id !== undefined) deps.fileLinks.remember(tenant, params.session_id);
  const result = await deps.handlers[op.operationId](handlerCtx);
  if (!result.ok) return failureReply(op, result.failure, sessionIdOf(ctx));
  if (ctx.traits.storesFiles) deps.fileLinks.remember(tenant, params.session_id ?? (ctx.body.session_id as string));
  return result.value;
};
