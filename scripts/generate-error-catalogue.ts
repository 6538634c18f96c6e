/**
 * Writes fixtures/error-codes.json and openapi/generated/error-codes.ts (the code unions and the
 * documented messages) from the spec; `--check` fails when either committed file is stale.
 */
import { resolve } from "node:path";
import { buildErrorCatalogue, type ErrorCatalogue, type FailureEntry } from "../openapi/lib/error-catalogue.js";
import { loadSpec, REPO_ROOT } from "../openapi/lib/load.js";
import { writeOrCheck } from "./generated-file.js";

const OUT = resolve(REPO_ROOT, "fixtures/error-codes.json");
const OUT_TS = resolve(REPO_ROOT, "openapi/generated/error-codes.ts");

const union = (codes: readonly string[]): string => [...new Set(codes)].sort().map((c) => `\n  | ${JSON.stringify(c)}`).join("");

const messages = (name: string, type: string, entries: readonly FailureEntry[]): string =>
  `export const ${name}: Readonly<Record<${type}, string>> = {\n${entries.map((e) => `  ${e.code}: ${JSON.stringify(e.message)},`).join("\n")}\n};\n`;

export function errorCodesModule(catalogue: ErrorCatalogue): string {
  return [
    "/* Generated from openapi/bankconnect.yaml by scripts/generate-error-catalogue.ts. Do not edit: run `npm run generate`. */",
    "",
    "/** Every error code an operation of the API documents (the `error.code` of an error response). */",
    `export type ApiErrorCode =${union(catalogue.http.map((e) => e.code))};`,
    "",
    "/** Account-level failure codes (AccountErrorCode without its empty values). */",
    `export type AccountFailureCode =${union(catalogue.account_level.map((e) => e.code))};`,
    "",
    "/** Statement-level failure codes (StatementErrorCode without its empty values). */",
    `export type StatementFailureCode =${union(catalogue.statement_level.map((e) => e.code))};`,
    "",
    "/** The spec's message of each account-level code, as its AccountErrorCode description lists it. */",
    messages("ACCOUNT_FAILURE_MESSAGES", "AccountFailureCode", catalogue.account_level),
    "/** The spec's message of each statement-level code, as its StatementErrorCode description lists it. */",
    messages("STATEMENT_FAILURE_MESSAGES", "StatementFailureCode", catalogue.statement_level),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const catalogue = buildErrorCatalogue(loadSpec());
  writeOrCheck(OUT, `${JSON.stringify(catalogue, null, 2)}\n`, "npm run generate");
  writeOrCheck(OUT_TS, errorCodesModule(catalogue), "npm run generate");
}
