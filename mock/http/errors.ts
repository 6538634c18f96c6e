import type { ErrorCatalogue, OperationSpec } from "../../openapi/lib/index.js";
import type { Failure } from "../domain/failure.js";
import { traitsOf } from "./operation-traits.js";

export interface HttpReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * The one place that turns a domain failure into the vendor's envelope. The status is the one the
 * spec documents for this code on this operation, and the message defaults to the documented one;
 * a code the operation does not document is a mock bug, answered as a documented 5XX, never a crash.
 */
export function failureReply(op: OperationSpec, failure: Failure, extras: Record<string, string> = {}): HttpReply {
  const res = op.responses.find((r) => r.codes.includes(failure.code));
  // A capacity limit is the documented 503 (5XX) of every operation, with a hint when to retry.
  if (res && failure.code === "SERVICE_UNAVAILABLE") {
    return { status: 503, body: envelope(op, failure, failure.message ?? "Service unavailable", extras), headers: { "retry-after": "60" } };
  }
  if (!res || !/^\d{3}$/.test(res.status)) {
    return {
      status: 500,
      body: { error: { code: "INTERNAL_SERVER_ERROR", message: `The mock produced ${failure.code}, which ${op.operationId} does not document. Please report this.` } },
    };
  }
  const documented = (res.examples[failure.code] as { error?: { message?: string } } | undefined)?.error?.message;
  return { status: Number(res.status), body: envelope(op, failure, failure.message ?? documented ?? failure.code, extras) };
}

function envelope(op: OperationSpec, failure: Failure, message: string, extras: Record<string, string>): unknown {
  const error = { code: failure.code, message };
  return isUploadEnvelope(op) ? { session_id: extras.session_id ?? "", statement_id: failure.statementId ?? "", error } : { error };
}

/**
 * The same mapping for surfaces outside the API's operations (the control API): a code keeps the
 * status and message the API documents for it, so it means the same thing on both surfaces.
 */
export function documentedReply(catalogue: ErrorCatalogue, failure: Failure): HttpReply {
  const entry = catalogue.http.find((e) => e.code === failure.code && /^\d{3}$/.test(e.status));
  if (!entry) return plainError(500, "INTERNAL_SERVER_ERROR", `The mock produced ${failure.code}, which the spec does not document. Please report this.`);
  return plainError(Number(entry.status), failure.code, failure.message ?? entry.message);
}

/** The documented example of a code, for forced scenarios: exactly what the spec shows. */
export function exampleReply(op: OperationSpec, code: string, extras: Record<string, string> = {}): HttpReply | undefined {
  const res = op.responses.find((r) => r.codes.includes(code));
  if (!res) return undefined;
  const status = /^\d{3}$/.test(res.status) ? Number(res.status) : code === "GATEWAY_TIMEOUT" ? 504 : code === "INTERNAL_SERVER_ERROR" ? 500 : 503;
  const example = res.examples[code] as { error: { code: string; message: string } } | undefined;
  const message = example?.error.message ?? code;
  const error = { code, message };
  const body = isUploadEnvelope(op) ? { session_id: extras.session_id ?? "", statement_id: "", error } : { error };
  return { status, body };
}

function isUploadEnvelope(op: OperationSpec): boolean {
  return traitsOf(op.operationId).uploadEnvelope === true;
}

/** Errors outside any operation: unknown routes, wrong methods, the mock's own headers. */
export function plainError(status: number, code: string, message: string, headers?: Record<string, string>): HttpReply {
  return { status, body: { error: { code, message } }, ...(headers ? { headers } : {}) };
}
