import type { ApiErrorCode, Failure } from "../domain/failure.js";
import type { Contract, OperationSpec, ValidationIssue } from "../../openapi/lib/index.js";

/**
 * Validates a request body against the operation's schema in the spec and turns the first issue into
 * the vendor's code: the `x-error-code` the spec gives the failing field (INVALID_DATE_FORMAT,
 * INVALID_SESSION_EXPIRY, …) or INVALID_REQUEST, with a message in the vendor's
 * "field, what to fix." style that names the field.
 */
export function validateBody(contract: Contract, op: OperationSpec, mediaType: string, body: unknown): Failure | null {
  const schema = op.requestBody?.content[mediaType];
  if (!schema) return null;
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return { code: "INVALID_REQUEST", message: "The request body must be a JSON object." };
  }
  const result = contract.schemas.validateSchema(schema, body);
  if (result.ok) return null;
  const issues = result.errors.filter((i) => i.keyword !== "if" && i.keyword !== "oneOf" && i.keyword !== "anyOf");
  const chosen = issues.find((i) => i.errorCode) ?? issues[0] ?? result.errors[0];
  // x-error-code names a code the operation documents; one it did not would answer 500 in failureReply.
  return { code: (chosen.errorCode as ApiErrorCode | undefined) ?? "INVALID_REQUEST", message: describe(chosen, body as Record<string, unknown>) };
}

function fieldOf(issue: ValidationIssue): string {
  const parts = issue.path.split("/").filter(Boolean);
  return parts.length > 0 ? parts.join(".") : "(body)";
}

function valueAt(body: Record<string, unknown>, path: string): unknown {
  return path
    .split("/")
    .filter(Boolean)
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), body);
}

function describe(issue: ValidationIssue, body: Record<string, unknown>): string {
  const field = fieldOf(issue);
  const value = valueAt(body, issue.path);
  const shown = preview(value);
  const p = issue.params;
  switch (issue.errorCode) {
    case "INVALID_DATE_FORMAT":
      return `Invalid format for ${field}: ${shown}, 'Supported format: DD/MM/YYYY'`;
    case "INVALID_SESSION_EXPIRY":
      return `Session expiry should be int, Min value is 5 and Max is 43200 in minutes; got ${shown}`;
    case "INVALID_MOBILE_NUMBER":
      return `Invalid mobile number: ${shown}; expected 10 digits starting with 6-9, optionally prefixed by +91`;
    case "INVALID_URL":
      return `${field}, Enter a valid URL (http or https); got ${shown}.`;
    case "INVALID_AA_PARAMETER":
      return `${field}, ${issue.message}; got ${shown}.`;
  }
  switch (issue.keyword) {
    case "required":
      return `${field}, This field is required.`;
    case "maxLength":
      return `${field}, Ensure this field has no more than ${String(p.limit)} characters.`;
    case "minLength":
      return `${field}, This field may not be blank.`;
    case "enum":
      return `${field}, ${shown} is not a valid choice. Valid choices: ${(p.allowedValues as unknown[]).map(String).join(", ")}.`;
    case "type":
      return `${field}, ${typeMessage(String(p.type))} Got ${shown}.`;
    default:
      return `${field}, ${issue.message}.`;
  }
}

function typeMessage(type: string): string {
  if (type === "integer") return "A valid integer is required.";
  if (type === "boolean") return "Must be a valid boolean.";
  if (type === "string") return "Not a valid string.";
  if (type === "array") return "Expected a list of items.";
  if (type === "object") return "Expected an object.";
  return `Must be of type ${type}.`;
}

/**
 * A value as a message shows it: JSON, cut at a few levels and characters. A hostile body can nest
 * thousands of levels deep, and JSON.stringify of that overflows the stack.
 */
export function preview(value: unknown, maxChars = 80): string {
  const text = shallow(value, 3);
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

function shallow(value: unknown, depth: number): string {
  if (value === undefined) return "undefined";
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? String(value);
  if (depth === 0) return Array.isArray(value) ? "[…]" : "{…}";
  if (Array.isArray(value)) return `[${value.slice(0, 5).map((v) => shallow(v, depth - 1)).join(",")}${value.length > 5 ? ",…" : ""}]`;
  const entries = Object.entries(value);
  return `{${entries.slice(0, 5).map(([k, v]) => `${JSON.stringify(k)}:${shallow(v, depth - 1)}`).join(",")}${entries.length > 5 ? ",…" : ""}}`;
}
