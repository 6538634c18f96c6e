/** The committed error catalogue (fixtures/error-codes.json): every documented code, by level. */
import { readFileSync } from "node:fs";
import { assetPath } from "../../openapi/lib/assets.js";
import type { ErrorCatalogue } from "../../openapi/lib/index.js";

export const ERROR_CATALOGUE_PATH = assetPath("fixtures", "error-codes.json");

let cached: ErrorCatalogue | undefined;

export function getErrorCatalogue(): ErrorCatalogue {
  cached ??= JSON.parse(readFileSync(ERROR_CATALOGUE_PATH, "utf8")) as ErrorCatalogue;
  return cached;
}
