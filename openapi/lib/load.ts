import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { createRequire } from "node:module";
import type { OpenAPIV3_1 } from "openapi-types";
import { assetPath, PACKAGE_ROOT } from "./assets.js";

/** The root of this repository or of the installed package: where openapi/ and fixtures/ are. */
export const REPO_ROOT = PACKAGE_ROOT;
export const SPEC_PATH = assetPath("openapi", "bankconnect.yaml");
export const CONTROL_SPEC_PATH = assetPath("openapi", "mock-control.yaml");

const cache = new Map<string, OpenAPIV3_1.Document>();

/** Where the pre-parsed copy of a spec lives: openapi/generated/<name>.json. */
export function parsedCopyPath(specPath: string): string {
  return resolve(dirname(specPath), "generated", `${basename(specPath).replace(/\.ya?ml$/, "")}.json`);
}

export function sha256OfText(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The pre-parsed copy: the YAML's hash beside the document, so a stale copy is never used. */
export interface ParsedCopy {
  source_sha256: string;
  document: OpenAPIV3_1.Document;
}

/**
 * Parses an OpenAPI document once per process; callers must treat the result as read-only.
 * Parsing YAML dominates start-up, so a JSON copy made by `npm run generate` is used when its
 * recorded hash matches the YAML's bytes, and the YAML is parsed otherwise.
 */
export function loadSpec(path: string = SPEC_PATH): OpenAPIV3_1.Document {
  let doc = cache.get(path);
  if (!doc) {
    const text = readFileSync(path, "utf8");
    doc = readParsedCopy(path, sha256OfText(text)) ?? parseYaml(text);
    cache.set(path, doc);
  }
  return doc;
}

/** The YAML parser is only needed when the parsed copy is stale, so it is loaded only then. */
function parseYaml(text: string): OpenAPIV3_1.Document {
  const { parse } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return parse(text) as OpenAPIV3_1.Document;
}

function readParsedCopy(path: string, sha: string): OpenAPIV3_1.Document | undefined {
  try {
    const copy = JSON.parse(readFileSync(parsedCopyPath(path), "utf8")) as ParsedCopy;
    return copy.source_sha256 === sha ? copy.document : undefined;
  } catch {
    return undefined;
  }
}
