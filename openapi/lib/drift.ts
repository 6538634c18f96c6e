/**
 * Drift: a response form that only the vendor's newer pages document, where the seeds (the contract)
 * document another. The spec accepts both and marks the vendor's alternative with `x-drift`
 * (an `anyOf`/`oneOf` branch, a property, or a schema reached through `$ref`). Stripping every marked
 * alternative gives the seed-only spec; a body that the full spec accepts and the seed-only spec
 * rejects uses the vendor's form: the kit reports it as drift, not as a broken contract.
 */
import type { OpenAPIV3_1 } from "openapi-types";

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => !!v && typeof v === "object" && !Array.isArray(v);

function resolveLocal(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (isNode(node) ? node[key] : undefined), doc);
}

/** True when the schema (or the schema its `$ref` names) is marked as a vendor-pages-only form. */
export function isDrift(doc: unknown, schema: unknown): boolean {
  if (!isNode(schema)) return false;
  if (schema["x-drift"] !== undefined) return true;
  return typeof schema.$ref === "string" && isNode(resolveLocal(doc, schema.$ref)) && (resolveLocal(doc, schema.$ref) as Node)["x-drift"] !== undefined;
}

/** The spec as the seeds alone document it: every `x-drift` alternative and property removed. */
export function stripDrift<T extends OpenAPIV3_1.Document>(doc: T): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isNode(node)) return node;
    const out: Node = {};
    for (const [key, value] of Object.entries(node)) {
      if ((key === "anyOf" || key === "oneOf") && Array.isArray(value)) {
        const kept = value.filter((branch) => !isDrift(doc, branch)).map(walk);
        // One alternative left is a plain constraint; as `allOf` its errors point at the field, not at "anyOf".
        if (kept.length === 1) out.allOf = [...((out.allOf as unknown[] | undefined) ?? []), ...kept];
        else out[key] = kept;
      } else if (key === "allOf" && Array.isArray(value)) {
        out.allOf = [...((out.allOf as unknown[] | undefined) ?? []), ...value.map(walk)];
      } else if (key === "properties" && isNode(value)) {
        out[key] = Object.fromEntries(Object.entries(value).filter(([, p]) => !isDrift(doc, p)).map(([k, p]) => [k, walk(p)]));
      } else {
        out[key] = walk(value);
      }
    }
    return out;
  };
  return walk(doc) as T;
}

/** Does the document mark anything as drift at all (a spec without drift needs no second pass). */
export function hasDrift(doc: unknown): boolean {
  return JSON.stringify(doc).includes('"x-drift"');
}

/** Error codes that only a drift alternative of this response schema allows. */
export function driftCodesOf(doc: unknown, schema: unknown, inDrift = false): string[] {
  if (!isNode(schema)) return [];
  const target = typeof schema.$ref === "string" ? resolveLocal(doc, schema.$ref) : schema;
  if (!isNode(target)) return [];
  const drift = inDrift || isDrift(doc, schema) || target["x-drift"] !== undefined;
  const codes: string[] = [];
  const error = isNode(target.properties) ? target.properties.error : undefined;
  const code = isNode(error) && isNode(error.properties) ? error.properties.code : undefined;
  if (drift && isNode(code) && Array.isArray(code.enum)) codes.push(...code.enum.filter((c): c is string => typeof c === "string"));
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    const parts = target[key];
    if (Array.isArray(parts)) for (const part of parts) codes.push(...driftCodesOf(doc, part, drift));
  }
  return [...new Set(codes)];
}
