import { mediaType } from "../plain.js";
import { failureReply } from "../errors.js";
import { validateBody } from "../request-validation.js";
import { authorisedByBody } from "./credentials.js";
import { sessionIdOf, type Step } from "./context.js";

/** The body against the operation's schema; the first issue becomes the vendor's code. */
export const validate: Step = (ctx, deps) => {
  const { op } = ctx;
  if (!op.requestBody) return "continue";
  const invalid = validateBody(deps.contract, op, mediaType(ctx.req), ctx.body);
  if (!invalid) return "continue";
  // Without valid credentials the vendor says ACCESS_DENIED before it looks at the fields.
  if (ctx.traits.credentialsInBody && !authorisedByBody(ctx.req, ctx.body, deps.options)) return failureReply(op, { code: "ACCESS_DENIED" });
  return failureReply(op, invalid, sessionIdOf(ctx));
};
