/**
 * Writes openapi/generated/<spec>.json, the pre-parsed copies the mock loads at start-up instead of
 * parsing YAML. `--check` fails when a copy is stale (the loader would ignore it and start slower).
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { CONTROL_SPEC_PATH, parsedCopyPath, sha256OfText, SPEC_PATH, type ParsedCopy } from "../openapi/lib/load.js";
import { writeOrCheck } from "./generated-file.js";

for (const path of [SPEC_PATH, CONTROL_SPEC_PATH]) {
  const text = readFileSync(path, "utf8");
  const copy: ParsedCopy = { source_sha256: sha256OfText(text), document: parse(text) as ParsedCopy["document"] };
  writeOrCheck(parsedCopyPath(path), `${JSON.stringify(copy)}\n`, "npm run generate");
}
