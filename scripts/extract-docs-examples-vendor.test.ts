/**
 * The vendor pages' JSON examples against the spec: every ```json block is in the vendor manifest;
 * each in-scope block, after its listed repairs (each proven necessary), is the committed file and
 * validates against the full spec; and the kit reads exactly the listed places as drift (vendor-only
 * forms), so a server answering like its own pages gets warnings, never failures. The seeds'
 * examples never read as drift.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { OpenAPIV3_1 } from "openapi-types";
import { createChecker } from "../openapi/lib/checker.js";
import type { ExchangeRequest } from "../openapi/lib/exchange.js";
import { getContract } from "../openapi/lib/index.js";
import { EXAMPLES_DIR, getPointer, readManifest, readSource, sectionOf, setPointer, sha256 } from "./extract-docs-examples.js";
import {
  normaliseVendor,
  readVendorBlocks,
  readVendorManifest,
  repairVendorText,
  VENDOR_EXAMPLE_DOCUMENTS,
  VENDOR_EXAMPLES_DIR,
  type VendorEntry,
  type VendorSchemaRef,
} from "./extract-docs-examples-vendor.js";

type Schema = OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject;

const contract = getContract();
const checker = createChecker();
const manifest = readVendorManifest();
const blocks = readVendorBlocks();
const inScope = manifest.examples.filter((e): e is VendorEntry & { file: string; schema: VendorSchemaRef } => e.file !== null && e.schema !== null);

function schemaFor(ref: VendorSchemaRef): Schema {
  if ("webhook" in ref) return contract.operations.webhookSchemas.get(ref.webhook) as Schema;
  if ("response" in ref) {
    const res = contract.doc.components?.responses?.[ref.response] as OpenAPIV3_1.ResponseObject;
    return res.content?.["application/json"]?.schema as Schema;
  }
  const op = contract.operations.byId(ref.operationId);
  if ("request" in ref) return op.requestBody?.content[ref.request] as Schema;
  return op.responses.find((r) => r.status === ref.status)?.schema as Schema;
}

const validate = (ref: VendorSchemaRef, value: unknown) => contract.schemas.validateSchema(schemaFor(ref), value);

/** Where the kit reads the value as drift, as a target's answer would be read. */
function driftPointers(ref: VendorSchemaRef, value: unknown): string[] {
  const json = { headers: {}, json: value, text: JSON.stringify(value) };
  if ("webhook" in ref) return checker.webhookDriftOf(json).map((d) => d.pointer);
  if ("request" in ref) return [];
  const [operationId, status] = "response" in ref ? ["getProgress", "401"] : [ref.operationId, ref.status];
  const op = checker.operation(operationId);
  const request: ExchangeRequest = { operationId, method: op.method.toUpperCase(), path: op.path, template: op.path, headers: {} };
  const response = { status: Number(status), contentType: "application/json", text: json.text, json: value };
  expect(checker.checkResponse(request, response), `${operationId} ${status}: violations`).toEqual([]);
  return checker.driftOf(request, response).map((d) => d.pointer);
}

const blockOf = (e: VendorEntry) => {
  const b = blocks.find((x) => x.document === e.document && x.index === e.block);
  if (!b) throw new Error(`${e.document} has no json block ${e.block}`);
  return b;
};
const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
const readVendorExample = (file: string): unknown => JSON.parse(readFileSync(resolve(VENDOR_EXAMPLES_DIR, file), "utf8"));

describe("the vendor manifest accounts for every JSON block of the vendor pages", () => {
  it("uses vendored copies whose sha256 the manifest records", () => {
    for (const d of VENDOR_EXAMPLE_DOCUMENTS) expect(sha256(readSource(d.file)), d.file).toBe(manifest.documents[d.id]?.sha256);
  });

  it("has one entry per block, in document order, with section, label and line", () => {
    expect(manifest.examples.map((e) => `${e.document}#${e.block}`)).toEqual(blocks.map((b) => `${b.document}#${b.index}`));
    for (const e of manifest.examples) {
      const b = blockOf(e);
      expect({ section: e.section, label: e.label, line: e.line }, `${e.document}#${e.block}`).toEqual({ section: sectionOf(b), label: b.label, line: b.line });
    }
    for (const d of VENDOR_EXAMPLE_DOCUMENTS) expect(manifest.documents[d.id]?.jsonBlocks).toBe(blocks.filter((b) => b.document === d.id).length);
  });

  it("gives every out-of-scope block a reason, and only the entity API's blocks are out of scope", () => {
    const out = manifest.examples.filter((e) => e.file === null);
    for (const e of out) {
      expect(e.outOfScope?.length ?? 0).toBeGreaterThan(40);
      expect(e.schema).toBeNull();
      expect(blockOf(e).endpoint?.path ?? "", `${e.document}#${e.block}`).toMatch(/\/v1\/entity\//);
    }
  });

  it("lists exactly the files in the directory", () => {
    const listed = new Set(inScope.flatMap((e) => [e.file, ...(e.raw ? [e.raw] : [])]));
    const present = readdirSync(VENDOR_EXAMPLES_DIR).filter((f) => f !== "manifest.json");
    expect(present.filter((f) => !listed.has(f))).toEqual([]);
    expect([...listed].filter((f) => !present.includes(f))).toEqual([]);
  });
});

describe("vendor examples validate against the spec", () => {
  it.each(inScope.map((e) => [e.file, e] as const))("%s: is the block with its repairs and validates", (_file, e) => {
    const b = blockOf(e);
    expect(readVendorExample(e.file)).toEqual(normaliseVendor(b.raw, e.deviations));
    expect(validate(e.schema, readVendorExample(e.file))).toEqual({ ok: true });
    if (e.raw) expect(readFileSync(resolve(VENDOR_EXAMPLES_DIR, e.raw), "utf8")).toBe(b.raw);
    expect(e.raw !== null).toBe(e.deviations.length > 0);
  });

  it.each(inScope.map((e) => [e.file, e] as const))("%s: the kit reads exactly the listed drift", (_file, e) => {
    expect(driftPointers(e.schema, readVendorExample(e.file)).sort()).toEqual([...e.drift].sort());
  });

  it("the vendor's insights example (predictors, limits, EOD, top-transaction dates) is accepted as drift, not rejected", () => {
    const insights = inScope.find((e) => e.file === "getInsights.200.vendor-fetch-data.json");
    expect(insights?.drift.length).toBeGreaterThan(40);
  });
});

describe("each repair of a vendor page is needed", () => {
  for (const e of inScope) {
    for (const d of e.deviations) {
      const name = `${e.file}: ${d.kind}${"typo" in d ? ` (${d.typo})` : ""}${"path" in d ? ` at ${d.path}` : ""}`;
      if (d.kind === "placeholder-enum") {
        it(`${name}: the raw value fails, each alternative validates`, () => {
          const file = readVendorExample(e.file);
          expect(getPointer(JSON.parse(repairVendorText(blockOf(e).raw, e.deviations)), d.path)).toEqual(d.raw);
          expect(validate(e.schema, setPointer(file, d.path, d.raw)).ok).toBe(false);
          expect(d.alternatives).toEqual(String(d.raw).split("/"));
          for (const alt of d.alternatives) {
            const ref: VendorSchemaRef = d.path === "/event_name" ? { webhook: String(alt) } : e.schema;
            expect(validate(ref, setPointer(file, d.path, alt)), `${d.path} = ${String(alt)}`).toEqual({ ok: true });
          }
        });
      } else {
        it(`${name}: without it the block does not parse`, () => {
          const raw = blockOf(e).raw;
          expect(parses(raw)).toBe(false);
          expect(parses(repairVendorText(raw, e.deviations))).toBe(true);
          let without: string | undefined;
          try {
            without = repairVendorText(raw, e.deviations, d);
          } catch {
            without = undefined; // a later repair's snippet only exists once this one is applied
          }
          if (without !== undefined) expect(parses(without)).toBe(false);
          expect(d.why.length).toBeGreaterThan(20);
        });
      }
    }
  }
});

describe("the seeds' examples are the contract", () => {
  it("no seed example reads as drift", () => {
    const seeds = readManifest();
    for (const e of seeds.examples) {
      const s = e.schema;
      if ("request" in s || "component" in s) continue;
      const value = JSON.parse(readFileSync(resolve(EXAMPLES_DIR, e.file), "utf8")) as unknown;
      expect(driftPointers(s as VendorSchemaRef, value), e.file).toEqual([]);
    }
  });
});
