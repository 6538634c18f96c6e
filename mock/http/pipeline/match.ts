import type { Contract, OperationSpec } from "../../../openapi/lib/index.js";
import { plainError, type HttpReply } from "../errors.js";
import { API_PREFIX } from "../options.js";

export type Matched = { op: OperationSpec; params: Record<string, string> };

/** The operation a method and path (below the API prefix) name, or the 404/405 to answer. */
export function matchOperation(contract: Contract, method: string, path: string): Matched | HttpReply {
  const match = contract.operations.match(method, path);
  if (match.kind === "not-found") {
    return plainError(404, "NOT_FOUND", `No route ${method} ${API_PREFIX}${path}. Paths are documented in openapi/bankconnect.yaml, e.g. ${API_PREFIX}/v1/session/.`);
  }
  if (match.kind === "method-not-allowed") {
    return plainError(405, "METHOD_NOT_ALLOWED", `Method ${method} not allowed. Allowed: ${match.allowed.join(", ")}.`, { allow: match.allowed.join(", ") });
  }
  return { op: match.op, params: match.params };
}
