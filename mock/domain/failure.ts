import type { ApiErrorCode } from "../../openapi/generated/error-codes.js";

export type { ApiErrorCode };

/**
 * Domain commands return failures as data. A failure names a documented error code; the HTTP edge
 * looks up the status the spec gives that code for the operation and the documented message, so a
 * code lives in exactly one place (the spec) and the domain never knows about HTTP.
 */
export interface Failure {
  /** A code the spec documents (generated from openapi/bankconnect.yaml). */
  code: ApiErrorCode;
  /** Overrides the documented message when the domain can say precisely what to fix. */
  message?: string;
  /** Upload failures name the statement they created, as the vendor's upload envelope does. */
  statementId?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function fail(code: ApiErrorCode, message?: string, statementId?: string): { ok: false; failure: Failure } {
  return {
    ok: false,
    failure: { code, ...(message !== undefined ? { message } : {}), ...(statementId !== undefined ? { statementId } : {}) },
  };
}
