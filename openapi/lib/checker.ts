/**
 * The one place that decides whether a response keeps the contract. Every exchange the suite makes
 * goes through `checkResponse`, and every webhook delivery through `checkWebhook`, so a rule added
 * here applies to all tests at once.
 */
import { buildOperationIndex, createSchemaRegistry, getContract, type Contract, type OperationSpec, type SchemaRegistry, type OperationIndex, type ValidationIssue } from "./index.js";
import { driftCodesOf, stripDrift } from "./drift.js";
import { errorCodeOf, show, type ExchangeRequest, type ExchangeResponse, type Violation } from "./exchange.js";
import { valueAt } from "./json-pointer.js";

export interface CheckerOptions {
  contract?: Contract;
}

export interface ResponseChecker {
  contract: Contract;
  operation(operationId: string): OperationSpec;
  /** Contract violations of one response (drift is not among them: see `driftOf`). */
  checkResponse(request: ExchangeRequest, response: ExchangeResponse): Violation[];
  checkWebhook(delivery: WebhookDelivery, expect: WebhookExpectations): Violation[];
  /**
   * Where a response the full spec accepts uses a form only the vendor's pages document (the
   * seed-only spec rejects it): one `drift` entry per place. Empty for a response with violations.
   */
  driftOf(request: ExchangeRequest, response: ExchangeResponse): Violation[];
  webhookDriftOf(delivery: WebhookDelivery): Violation[];
}

export interface WebhookDelivery {
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
  text: string;
}

export interface WebhookExpectations {
  /** The event the suite expects at this position; undefined accepts any documented event. */
  event?: string;
  /** The `x-secret-key` value the receiver must see; undefined when no secret was registered. */
  secret?: string;
  sessionId?: string;
}

function mediaType(header: string | undefined): string | undefined {
  return header?.split(";")[0]?.trim().toLowerCase();
}

function documentedStatuses(op: OperationSpec): string {
  return op.responses.map((r) => r.status).join(", ");
}

export function createChecker(options: CheckerOptions = {}): ResponseChecker {
  const contract = options.contract ?? getContract();
  const { operations, schemas } = contract;
  // The seed-only spec, built on first need: most runs on the mock never see a drift form.
  let seedOnly: { schemas: SchemaRegistry; operations: OperationIndex } | undefined;
  const seed = () => {
    if (!seedOnly) {
      const doc = stripDrift(contract.doc);
      seedOnly = { schemas: createSchemaRegistry(doc), operations: buildOperationIndex(doc) };
    }
    return seedOnly;
  };
  const driftCodes = new Map<string, string[]>();
  const driftCodesFor = (op: OperationSpec, status: string, schema: unknown): string[] => {
    const key = `${op.operationId} ${status}`;
    let codes = driftCodes.get(key);
    if (!codes) {
      codes = driftCodesOf(contract.doc, schema);
      driftCodes.set(key, codes);
    }
    return codes;
  };

  function schemaViolations(
    issues: ValidationIssue[],
    body: unknown,
    base: Omit<Violation, "rule" | "pointer" | "expected" | "actual">,
    skip: (issue: ValidationIssue) => boolean,
  ): Violation[] {
    const seen = new Set<string>();
    const out: Violation[] = [];
    for (const issue of issues) {
      if (skip(issue)) continue;
      // allOf/anyOf branches repeat the same complaint; one line per pointer and message is enough.
      const key = `${issue.path}\u0000${issue.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...base, rule: "schema", pointer: issue.path, expected: issue.message, actual: show(valueAt(body, issue.path)) });
    }
    return out;
  }

  function checkResponse(request: ExchangeRequest, response: ExchangeResponse): Violation[] {
    const op = operations.byId(request.operationId);
    const base = { operationId: op.operationId, request: `${request.method} ${request.path}`, status: response.status };
    const violations: Violation[] = [];
    const spec = operations.responseFor(op, response.status);
    if (!spec) {
      violations.push({
        ...base,
        rule: "status",
        pointer: "",
        expected: `a status documented for ${op.operationId} (${documentedStatuses(op)})`,
        actual: String(response.status),
      });
    }

    const isError = response.status >= 400;
    const expectedType = spec?.contentType ?? (isError ? "application/json" : undefined);
    if (expectedType !== undefined) {
      const actualType = mediaType(response.contentType);
      if (actualType !== expectedType) {
        violations.push({ ...base, rule: "content-type", pointer: "", expected: expectedType, actual: show(response.contentType) });
      }
      if (expectedType === "application/json" && response.json === undefined) {
        violations.push({ ...base, rule: "json", pointer: "", expected: "a JSON body", actual: show(response.text) });
        return violations;
      }
    }

    let codeReported = false;
    let envelopeBroken = false;
    // A body the response's schema accepts without the envelope is a documented drift form
    // (vendor:webhook's bare `{"detail"}` 401); the drift pass reports it.
    const acceptedWithoutEnvelope = isError && spec?.schema !== undefined && schemas.validateSchema(spec.schema, response.json).ok && valueAt(response.json, "/error") === undefined;
    if (isError && !acceptedWithoutEnvelope) {
      const error = valueAt(response.json, "/error");
      const code = errorCodeOf(response.json);
      if (!error || typeof error !== "object" || Array.isArray(error)) {
        envelopeBroken = true;
        violations.push({ ...base, rule: "envelope", pointer: "/error", expected: 'the error envelope {"error": {"code", "message"}}', actual: show(response.json) });
      } else if (code === undefined) {
        envelopeBroken = true;
        violations.push({ ...base, rule: "envelope", pointer: "/error/code", expected: "a string error code", actual: show(valueAt(response.json, "/error/code")) });
      } else if (spec && spec.codes.length > 0 && !spec.codes.includes(code) && !driftCodesFor(op, spec.status, spec.schema).includes(code)) {
        codeReported = true;
        violations.push({
          ...base,
          rule: "error-code",
          pointer: "/error/code",
          expected: `a code documented for ${op.operationId} ${spec.status} (${spec.codes.join(", ")})`,
          actual: show(code),
        });
      }
    }

    if (spec?.schema) {
      const result = schemas.validateSchema(spec.schema, response.json);
      if (!result.ok) {
        violations.push(
          ...schemaViolations(result.errors, response.json, base, (issue) => {
            if (codeReported && issue.path === "/error/code") return true;
            return envelopeBroken && (issue.path === "/error" || issue.path.startsWith("/error/"));
          }),
        );
      }
    } else if (!spec && isError && !envelopeBroken) {
      // An undocumented status still owes the envelope; report its shape so the fix is obvious.
      const result = schemas.validateComponent("ErrorEnvelope", response.json);
      if (!result.ok) violations.push(...schemaViolations(result.errors, response.json, base, () => false));
    }
    return violations;
  }

  function checkWebhook(delivery: WebhookDelivery, expect: WebhookExpectations): Violation[] {
    const eventName = valueAt(delivery.json, "/event_name");
    const event = typeof eventName === "string" ? eventName : undefined;
    const base = { operationId: `webhook ${event ?? "(unknown event)"}`, request: "POST (webhook delivery)", status: null };
    const violations: Violation[] = [];
    if (delivery.json === undefined) {
      return [{ ...base, rule: "json", pointer: "", expected: "a JSON payload", actual: show(delivery.text) }];
    }
    if (expect.event !== undefined && event !== expect.event) {
      violations.push({ ...base, rule: "webhook", pointer: "/event_name", expected: show(expect.event), actual: show(eventName) });
    }
    const schema = event === undefined ? undefined : operations.webhookSchemas.get(event);
    if (!schema) {
      violations.push({
        ...base,
        rule: "webhook",
        pointer: "/event_name",
        expected: `one of the spec's webhooks (${[...operations.webhookSchemas.keys()].join(", ")})`,
        actual: show(eventName),
      });
    } else {
      const result = schemas.validateSchema(schema, delivery.json);
      if (!result.ok) violations.push(...schemaViolations(result.errors, delivery.json, base, () => false));
    }
    if (expect.sessionId !== undefined) {
      const sessionId = valueAt(delivery.json, "/session_id");
      if (sessionId !== expect.sessionId) {
        violations.push({ ...base, rule: "webhook", pointer: "/session_id", expected: show(expect.sessionId), actual: show(sessionId) });
      }
    }
    if (expect.secret !== undefined) {
      const header = delivery.headers["x-secret-key"];
      if (header !== expect.secret) {
        violations.push({ ...base, rule: "webhook", pointer: "header x-secret-key", expected: show(expect.secret), actual: show(header) });
      }
    }
    return violations;
  }

  function driftOf(request: ExchangeRequest, response: ExchangeResponse): Violation[] {
    const op = operations.byId(request.operationId);
    const spec = operations.responseFor(op, response.status);
    if (!spec?.schema || response.json === undefined) return [];
    if (!schemas.validateSchema(spec.schema, response.json).ok) return [];
    const seedSpec = seed().operations.responseFor(seed().operations.byId(op.operationId), response.status);
    const base = { operationId: op.operationId, request: `${request.method} ${request.path}`, status: response.status };
    if (!seedSpec?.schema) {
      return [{ ...base, rule: "drift", pointer: "", expected: `the seeds' statuses for ${op.operationId}`, actual: String(response.status) }];
    }
    const result = seed().schemas.validateSchema(seedSpec.schema, response.json);
    return result.ok ? [] : schemaViolations(result.errors, response.json, base, () => false).map((v) => ({ ...v, rule: "drift" as const, expected: `the seeds' form (${v.expected})` }));
  }

  function webhookDriftOf(delivery: WebhookDelivery): Violation[] {
    const eventName = valueAt(delivery.json, "/event_name");
    if (typeof eventName !== "string") return [];
    const schema = operations.webhookSchemas.get(eventName);
    const seedSchema = seed().operations.webhookSchemas.get(eventName);
    if (!schema || !seedSchema || !schemas.validateSchema(schema, delivery.json).ok) return [];
    const result = seed().schemas.validateSchema(seedSchema, delivery.json);
    const base = { operationId: `webhook ${eventName}`, request: "POST (webhook delivery)", status: null };
    return result.ok ? [] : schemaViolations(result.errors, delivery.json, base, () => false).map((v) => ({ ...v, rule: "drift" as const, expected: `the seeds' form (${v.expected})` }));
  }

  return { contract, operation: (id) => operations.byId(id), checkResponse, checkWebhook, driftOf, webhookDriftOf };
}

let shared: ResponseChecker | undefined;

/** The process-wide checker: Ajv compiles each schema once however many tests use it. */
export function sharedChecker(): ResponseChecker {
  shared ??= createChecker();
  return shared;
}
