import type { OpenAPIV3_1 } from "openapi-types";
import { buildOperationIndex } from "./operations.js";

/**
 * The error catalogue: every error code of the spec with its HTTP status, documented message and
 * operations, plus the account- and statement-level failure codes. Built from the spec, so a code
 * lives in one place; fixtures/error-codes.json is this, committed.
 */
export interface HttpErrorEntry {
  code: string;
  status: string;
  message: string;
  operations: string[];
}

export interface FailureEntry {
  code: string;
  message: string;
}

export interface ErrorCatalogue {
  generated_from: string;
  http: HttpErrorEntry[];
  account_level: FailureEntry[];
  statement_level: FailureEntry[];
}

/** Reads "- CODE: message" lines from a schema description. */
function failureCodes(doc: OpenAPIV3_1.Document, schemaName: string): FailureEntry[] {
  const schema = doc.components?.schemas?.[schemaName] as OpenAPIV3_1.SchemaObject | undefined;
  const out: FailureEntry[] = [];
  for (const line of (schema?.description ?? "").split("\n")) {
    const m = /^- ([A-Z][A-Z0-9_]+): (.+)$/.exec(line.trim());
    if (m) out.push({ code: m[1], message: m[2] });
  }
  return out;
}

export function buildErrorCatalogue(doc: OpenAPIV3_1.Document): ErrorCatalogue {
  const index = buildOperationIndex(doc);
  const entries = new Map<string, HttpErrorEntry>();
  for (const op of index.operations) {
    for (const res of op.responses) {
      for (const code of res.codes) {
        const key = `${code} ${res.status}`;
        const example = res.examples[code] as { error?: { message?: string } } | undefined;
        const message = example?.error?.message;
        if (!message) throw new Error(`${op.operationId} ${res.status} lists ${code} without a named example`);
        const entry = entries.get(key) ?? { code, status: res.status, message, operations: [] };
        entry.operations.push(op.operationId);
        entries.set(key, entry);
      }
    }
  }
  const http = [...entries.values()].sort((a, b) => a.code.localeCompare(b.code) || a.status.localeCompare(b.status));
  return {
    generated_from: "openapi/bankconnect.yaml",
    http,
    account_level: failureCodes(doc, "AccountErrorCode"),
    statement_level: failureCodes(doc, "StatementErrorCode"),
  };
}
