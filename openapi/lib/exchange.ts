/** The record of one request/response pair, as the checker and the reports see it. */

export interface ExchangeRequest {
  operationId: string;
  method: string;
  /** Relative to the base URL, with the query string, as sent. */
  path: string;
  /** The spec's path template, so reports group by operation rather than by session id. */
  template: string;
  /** The `x-mock-scenario` header, when the request asked the mock for one. */
  scenario?: string;
  /** Sent headers with credentials masked. */
  headers: Record<string, string>;
  /** A short description of the body (JSON text or multipart field list), for messages. */
  body?: string;
}

export interface ExchangeResponse {
  status: number;
  contentType: string | undefined;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  json: unknown;
}

export type ViolationRule = "status" | "content-type" | "json" | "schema" | "envelope" | "error-code" | "webhook" | "behaviour" | "drift";

export interface Violation {
  rule: ViolationRule;
  operationId: string;
  /** `METHOD path` as sent. */
  request: string;
  status: number | null;
  /** JSON pointer into the body ("" for the body itself). */
  pointer: string;
  expected: string;
  actual: string;
}

export interface Exchange {
  request: ExchangeRequest;
  response: ExchangeResponse;
  violations: Violation[];
  /** Forms only the vendor's pages document (rule `drift`): warnings unless the run is strict. */
  drift: Violation[];
  /** The error code in the body, when the body is an error envelope. */
  code: string | undefined;
  durationMs: number;
}

export function formatViolation(v: Violation): string {
  const where = v.pointer === "" ? "body" : v.pointer;
  const status = v.status === null ? "" : ` → ${v.status}`;
  return `[${v.rule}] ${v.operationId} ${v.request}${status} at ${where}: expected ${v.expected}, actual ${v.actual}`;
}

const MAX_SHOWN = 160;

/** A value as it appears in a message: JSON, cut short so one bad field cannot flood a report. */
export function show(value: unknown): string {
  if (value === undefined) return "(missing)";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** The error code of an envelope body, if it has one. */
export function errorCodeOf(json: unknown): string | undefined {
  if (json && typeof json === "object" && !Array.isArray(json)) {
    const error = (json as Record<string, unknown>).error;
    if (error && typeof error === "object" && !Array.isArray(error)) {
      const code = (error as Record<string, unknown>).code;
      if (typeof code === "string") return code;
    }
  }
  return undefined;
}
