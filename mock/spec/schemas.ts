import { createRequire } from "node:module";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { OpenAPIV3_1 } from "openapi-types";

/** A validation outcome as data: callers decide what an error means for them. */
export type ValidationResult = { ok: true } | { ok: false; errors: ValidationIssue[] };

export interface ValidationIssue {
  /** JSON pointer into the validated value ("" for the root). */
  path: string;
  message: string;
  keyword: string;
  /** The `x-error-code` of the schema that failed, when the spec names one. */
  errorCode?: string;
  params: Record<string, unknown>;
}

const DOC_ID = "bankconnect.json";
const COMPONENT_PREFIX = "#/components/schemas/";

/** OpenAPI keywords that are annotations, not JSON Schema vocabulary; strict Ajv must know them. */
const OAS_ANNOTATIONS = ["example", "discriminator", "xml", "externalDocs", "x-error-code", "x-drift"];

/**
 * Ajv and its formats are loaded on the first validation, not at import: loading them is a large
 * share of the server's start-up, and many first requests (any GET) validate nothing. Both are
 * CommonJS, so a synchronous require keeps the registry's API synchronous.
 */
function loadAjv(): { Ajv: typeof Ajv2020; addFormats: (ajv: Ajv2020) => Ajv2020 } {
  const require = createRequire(import.meta.url);
  const { Ajv2020: Ajv } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  // ajv-formats' module.exports is the plugin itself.
  const addFormats = require("ajv-formats") as (ajv: Ajv2020) => Ajv2020;
  return { Ajv, addFormats };
}

/** Rewrites `#/components/schemas/X` refs to the registry document so component schemas resolve. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string" && v.startsWith(COMPONENT_PREFIX)) {
        out[k] = `${DOC_ID}#/$defs/${v.slice(COMPONENT_PREFIX.length)}`;
      } else {
        out[k] = rewriteRefs(v);
      }
    }
    return out;
  }
  return node;
}

export interface SchemaRegistry {
  /** Validates against `#/components/schemas/<name>`. */
  validateComponent(name: string, value: unknown): ValidationResult;
  /** Validates against any schema object taken from the spec (inline response or body schemas). */
  validateSchema(schema: OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject, value: unknown): ValidationResult;
  /** Compiles every component schema: proof that the spec is strict-clean. */
  compileAll(): string[];
  /** Problems of the component schemas against the JSON Schema 2020-12 meta-schema. */
  metaSchemaErrors(): string[];
  componentNames(): string[];
}

/** One Ajv 2020 instance in strict mode per spec document; validators compile once and are cached. */
export function createSchemaRegistry(doc: OpenAPIV3_1.Document): SchemaRegistry {
  const components = doc.components?.schemas ?? {};
  const registryDoc = { $id: DOC_ID, $defs: rewriteRefs(components) as Record<string, object> };
  let instance: Ajv2020 | undefined;
  function ajvInstance(): Ajv2020 {
    if (!instance) {
      const { Ajv, addFormats } = loadAjv();
      // Checking the schemas against the 2020-12 meta-schema costs more than the rest of start-up, and
      // says nothing about requests: it runs on demand (metaSchemaErrors, called by the spec tests).
      instance = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true, validateFormats: true, verbose: true, validateSchema: false });
      addFormats(instance);
      instance.addVocabulary(OAS_ANNOTATIONS);
      instance.addSchema(registryDoc);
    }
    return instance;
  }

  const byName = new Map<string, ValidateFunction>();
  const byObject = new WeakMap<object, ValidateFunction>();

  function component(name: string): ValidateFunction {
    let fn = byName.get(name);
    if (!fn) {
      if (!(name in components)) throw new Error(`No component schema named ${name} in the spec`);
      fn = ajvInstance().getSchema(`${DOC_ID}#/$defs/${name}`);
      if (!fn) throw new Error(`Component schema ${name} did not compile`);
      byName.set(name, fn);
    }
    return fn;
  }

  function inline(schema: object): ValidateFunction {
    let fn = byObject.get(schema);
    if (!fn) {
      fn = ajvInstance().compile(rewriteRefs(schema) as object);
      byObject.set(schema, fn);
    }
    return fn;
  }

  function run(fn: ValidateFunction, value: unknown): ValidationResult {
    if (fn(value)) return { ok: true };
    return { ok: false, errors: (fn.errors ?? []).map(toIssue) };
  }

  return {
    validateComponent: (name, value) => run(component(name), value),
    validateSchema: (schema, value) => run(inline(schema), value),
    compileAll: () => Object.keys(components).map((name) => (component(name), name)),
    metaSchemaErrors() {
      const ajv = ajvInstance();
      const valid = ajv.validateSchema(registryDoc);
      return valid ? [] : (ajv.errors ?? []).map((e) => `${e.instancePath || "(schemas)"} ${e.message ?? "is invalid"}`);
    },
    componentNames: () => Object.keys(components),
  };
}

function toIssue(e: ErrorObject): ValidationIssue {
  const schema = e.parentSchema as Record<string, unknown> | undefined;
  const code = schema?.["x-error-code"];
  let message = e.message ?? "is invalid";
  if (e.keyword === "additionalProperties") message = `must not have the property '${String(e.params.additionalProperty)}'`;
  if (e.keyword === "required") message = "is required";
  if (e.keyword === "enum") message = `must be one of ${JSON.stringify(e.params.allowedValues)}`;
  const path = e.keyword === "required" ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath;
  return {
    path,
    message,
    keyword: e.keyword,
    ...(typeof code === "string" ? { errorCode: code } : {}),
    params: e.params as Record<string, unknown>,
  };
}

/** "error/code must be one of [...]" style lines for reports. */
export function formatIssues(issues: ValidationIssue[]): string[] {
  return issues.map((i) => `${i.path || "(body)"} ${i.message}`);
}
