import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsPlugin from "ajv-formats";
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

// ajv-formats is CommonJS; its default import is the plugin under NodeNext interop.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => Ajv2020;

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
  // Checking the schemas against the 2020-12 meta-schema costs more than the rest of start-up, and
  // says nothing about requests: it runs on demand (metaSchemaErrors, called by the spec tests).
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true, validateFormats: true, verbose: true, validateSchema: false });
  addFormats(ajv);
  ajv.addVocabulary(OAS_ANNOTATIONS);
  const components = doc.components?.schemas ?? {};
  const registryDoc = { $id: DOC_ID, $defs: rewriteRefs(components) as Record<string, object> };
  ajv.addSchema(registryDoc);

  const byName = new Map<string, ValidateFunction>();
  const byObject = new WeakMap<object, ValidateFunction>();

  function component(name: string): ValidateFunction {
    let fn = byName.get(name);
    if (!fn) {
      if (!(name in components)) throw new Error(`No component schema named ${name} in the spec`);
      fn = ajv.getSchema(`${DOC_ID}#/$defs/${name}`);
      if (!fn) throw new Error(`Component schema ${name} did not compile`);
      byName.set(name, fn);
    }
    return fn;
  }

  function inline(schema: object): ValidateFunction {
    let fn = byObject.get(schema);
    if (!fn) {
      fn = ajv.compile(rewriteRefs(schema) as object);
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
