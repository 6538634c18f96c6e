import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { OpenAPIV3_1 } from "openapi-types";

const here = dirname(fileURLToPath(import.meta.url));

/** The repository root, found from this file whether it runs from source or from dist/. */
export const REPO_ROOT = resolve(here, here.includes(`${"/dist/"}`) ? "../../.." : "../..");
export const SPEC_PATH = resolve(REPO_ROOT, "openapi/bankconnect.yaml");
export const CONTROL_SPEC_PATH = resolve(REPO_ROOT, "openapi/mock-control.yaml");

const cache = new Map<string, OpenAPIV3_1.Document>();

/** Parses an OpenAPI document once per process; callers must treat the result as read-only. */
export function loadSpec(path: string = SPEC_PATH): OpenAPIV3_1.Document {
  let doc = cache.get(path);
  if (!doc) {
    doc = parse(readFileSync(path, "utf8")) as OpenAPIV3_1.Document;
    cache.set(path, doc);
  }
  return doc;
}
