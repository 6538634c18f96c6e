/**
 * Generates TypeScript types for every component schema of openapi/bankconnect.yaml into
 * openapi/generated/bankconnect.ts. `--check` fails when the committed file is stale.
 */
import { resolve } from "node:path";
import { compile, type JSONSchema } from "json-schema-to-typescript";
import type { OpenAPIV3_1 } from "openapi-types";
import { stripDrift } from "../openapi/lib/drift.js";
import { loadSpec, REPO_ROOT } from "../openapi/lib/load.js";
import { writeOrCheck } from "./generated-file.js";

const OUT = resolve(REPO_ROOT, "openapi/generated/bankconnect.ts");

function toDefinitions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toDefinitions);
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith("x-")) continue;
      out[k] = k === "$ref" && typeof v === "string" ? v.replace("#/components/schemas/", "#/definitions/") : toDefinitions(v);
    }
    return out;
  }
  return node;
}

export async function generateTypes(spec: OpenAPIV3_1.Document): Promise<string> {
  // The types describe the seed's form, the one the mock answers; vendor-only (`x-drift`) forms are
  // accepted by the spec and reported by the contract kit, but nothing in this repository builds them.
  const doc = stripDrift(spec);
  const schemas = doc.components?.schemas ?? {};
  const definitions: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    definitions[name] = { ...(toDefinitions(schema) as object), title: name };
  }
  const root = {
    title: "BankConnectSchemas",
    description: "Every component schema of the spec, reachable by name.",
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(Object.keys(schemas).map((name) => [name, { $ref: `#/definitions/${name}` }])),
    definitions,
  } as unknown as JSONSchema;
  return compile(root, "BankConnectSchemas", {
    bannerComment: "/* Generated from openapi/bankconnect.yaml by scripts/generate-types.ts. Do not edit: run `npm run generate`. */",
    additionalProperties: false,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    // maxItems would turn "at most five" into tuple unions nobody can assign to.
    maxItems: -1,
    style: { singleQuote: false, printWidth: 120 },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeOrCheck(OUT, await generateTypes(loadSpec()), "npm run generate");
}
