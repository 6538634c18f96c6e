import { resolveScenario } from "../../domain/scenario-choice.js";
import { exampleReply, plainError } from "../errors.js";
import { header } from "../plain.js";
import { sessionIdOf, type Step } from "./context.js";

/**
 * `x-mock-scenario`, interpreted once: a session or statement scenario where the operation takes
 * one (handed to the domain as a typed choice), else a code the operation documents (answered with
 * its documented example), else 400 listing what the name could have been.
 */
export const mockScenario: Step = (ctx, deps) => {
  const named = header(ctx.req, "x-mock-scenario");
  if (named === undefined) return "continue";
  const { op } = ctx;
  const found = resolveScenario(deps.scenarios, named, {
    operationId: op.operationId,
    ...ctx.traits.scenarios,
    codes: [...new Set(op.responses.flatMap((r) => r.codes))],
  });
  if (!found.ok) return plainError(400, "INVALID_REQUEST", found.message);
  if (found.choice.kind === "response") return exampleReply(op, found.choice.code, sessionIdOf(ctx)) ?? "continue";
  ctx.scenario = found.choice;
  return "continue";
};
