/**
 * Writes fixtures/error-codes.json from the spec; `--check` fails when the committed catalogue is stale.
 */
import { resolve } from "node:path";
import { buildErrorCatalogue } from "../mock/spec/error-catalogue.js";
import { loadSpec, REPO_ROOT } from "../mock/spec/load.js";
import { writeOrCheck } from "./generated-file.js";

const OUT = resolve(REPO_ROOT, "fixtures/error-codes.json");

if (import.meta.url === `file://${process.argv[1]}`) {
  writeOrCheck(OUT, `${JSON.stringify(buildErrorCatalogue(loadSpec()), null, 2)}\n`, "npm run generate");
}
