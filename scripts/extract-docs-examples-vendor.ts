/**
 * The vendor pages' JSON examples, extracted the way the seed examples are
 * (scripts/extract-docs-examples.ts): every ```json block of every vendor page under
 * fixtures/docs-examples/sources/vendor/, one normalised file per block in
 * fixtures/docs-examples/vendor/, and fixtures/docs-examples/vendor/manifest.json naming the schema,
 * every repair of the page's typos and every place the example uses a vendor-only (drift) form.
 *
 * Repairs apply in this order to the block as written: `elision` removes the `....` lines that stand
 * for "more of the same"; `text` repairs replace a snippet that occurs exactly once (a missing brace,
 * bracket or comma); `trailing-commas` removes every comma before a closing bracket (the count must
 * match); then `placeholder-enum` replaces a value at a JSON pointer.
 *
 *   tsx scripts/extract-docs-examples-vendor.ts            list the vendor pages' blocks
 *   tsx scripts/extract-docs-examples-vendor.ts --check    fail when a file differs from page + manifest
 *   tsx scripts/extract-docs-examples-vendor.ts --write    (re)write the files
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { EXAMPLES_DIR, extractJsonBlocks, readSource, sectionOf, setPointer, sha256, type JsonBlock } from "./extract-docs-examples.js";

export const VENDOR_EXAMPLES_DIR = resolve(EXAMPLES_DIR, "vendor");
export const VENDOR_MANIFEST_PATH = resolve(VENDOR_EXAMPLES_DIR, "manifest.json");

/** Every vendor page with at least one ```json block (appendix, fraud and integration-steps have none). */
export const VENDOR_EXAMPLE_DOCUMENTS = [
  "fetch-data",
  "get-data",
  "javascript",
  "management",
  "processing-status",
  "submit-data-backend",
  "submit-data",
  "upload-status",
  "webhook",
].map((name) => ({ id: `vendor:${name}`, file: `vendor/${name}.md` }));

export const ELISION_LINE = /^\s*\.{3,}\s*$/;

export type VendorDeviation =
  | { kind: "elision"; lines: number[]; why: string }
  | { kind: "text"; typo: "missing-brace" | "missing-bracket" | "missing-comma"; raw: string; normalised: string; why: string }
  | { kind: "trailing-commas"; count: number; why: string }
  | { kind: "placeholder-enum"; path: string; raw: unknown; normalised: unknown; alternatives: unknown[]; why: string };

export type VendorSchemaRef =
  | { operationId: string; status: string }
  | { operationId: string; request: string }
  | { webhook: string }
  | { response: string };

export interface VendorEntry {
  /** Null for a block outside the spec's scope (`outOfScope` says why). */
  file: string | null;
  raw: string | null;
  document: string;
  section: string;
  label: string | null;
  block: number;
  line: number;
  schema: VendorSchemaRef | null;
  outOfScope?: string;
  deviations: VendorDeviation[];
  /** JSON pointers where the example uses a form only the vendor pages document (`x-drift` in the spec). */
  drift: string[];
}

export interface VendorManifest {
  description: string;
  documents: Record<string, { copy: string; sha256: string; jsonBlocks: number }>;
  examples: VendorEntry[];
}

export function readVendorManifest(path: string = VENDOR_MANIFEST_PATH): VendorManifest {
  return JSON.parse(readFileSync(path, "utf8")) as VendorManifest;
}

export function readVendorBlocks(): JsonBlock[] {
  return VENDOR_EXAMPLE_DOCUMENTS.flatMap((d) => extractJsonBlocks(readSource(d.file), d.id));
}

const TRAILING_COMMA = /,(\s*[\]}])/g;

/** The block's text with the syntax repairs applied (all of them, or all but `skip`). */
export function repairVendorText(raw: string, deviations: readonly VendorDeviation[], skip?: VendorDeviation): string {
  let text = raw;
  const active = deviations.filter((d) => d !== skip);
  for (const d of active) {
    if (d.kind !== "elision") continue;
    const lines = text.split("\n");
    for (const n of d.lines) if (!ELISION_LINE.test(lines[n - 1] ?? "")) throw new Error(`elision: line ${n} of the block is not a "...." line`);
    text = lines.filter((_, i) => !d.lines.includes(i + 1)).join("\n");
  }
  for (const d of active) {
    if (d.kind !== "text") continue;
    const at = text.indexOf(d.raw);
    if (at < 0 || text.indexOf(d.raw, at + 1) >= 0) throw new Error(`${d.typo}: ${JSON.stringify(d.raw.slice(0, 80))} must occur exactly once`);
    text = text.slice(0, at) + d.normalised + text.slice(at + d.raw.length);
  }
  for (const d of active) {
    if (d.kind !== "trailing-commas") continue;
    const found = [...text.matchAll(TRAILING_COMMA)].length;
    if (found !== d.count) throw new Error(`trailing-commas: ${found} found, the manifest says ${d.count}`);
    text = text.replace(TRAILING_COMMA, "$1");
  }
  return text;
}

export function normaliseVendor(raw: string, deviations: readonly VendorDeviation[]): unknown {
  let value: unknown = JSON.parse(repairVendorText(raw, deviations));
  for (const d of deviations) if (d.kind === "placeholder-enum") value = setPointer(value, d.path, d.normalised);
  return value;
}

function main(argv: string[]): void {
  const blocks = readVendorBlocks();
  if (!argv.includes("--check") && !argv.includes("--write")) {
    for (const b of blocks) console.log(`${b.document} #${b.index} line ${b.line} | ${sectionOf(b)} | ${b.label ?? "-"} | ${b.raw.split("\n").length - 1} lines`);
    console.log(`${blocks.length} json blocks`);
    return;
  }
  const manifest = readVendorManifest();
  const problems: string[] = [];
  for (const d of VENDOR_EXAMPLE_DOCUMENTS) {
    if (sha256(readSource(d.file)) !== manifest.documents[d.id]?.sha256) problems.push(`${d.file}: sha256 differs from the manifest`);
  }
  if (blocks.length !== manifest.examples.length) problems.push(`${blocks.length} blocks on the vendor pages, ${manifest.examples.length} in the manifest`);
  for (const b of blocks) {
    const entry = manifest.examples.find((e) => e.document === b.document && e.block === b.index);
    if (!entry) {
      problems.push(`${b.document} block ${b.index} (line ${b.line}) is not in the manifest`);
      continue;
    }
    if (entry.file === null) continue;
    const outputs: Array<[string, string]> = [[entry.file, `${JSON.stringify(normaliseVendor(b.raw, entry.deviations), null, 2)}\n`]];
    if (entry.raw) outputs.push([entry.raw, b.raw]);
    for (const [file, content] of outputs) {
      const path = resolve(VENDOR_EXAMPLES_DIR, file);
      if (argv.includes("--write")) writeFileSync(path, content);
      else {
        let current = "";
        try {
          current = readFileSync(path, "utf8");
        } catch {
          // reported below
        }
        if (current !== content) problems.push(`${file} differs from ${b.document} block ${b.index} with the manifest's repairs`);
      }
    }
  }
  for (const p of problems) console.error(p);
  if (problems.length > 0) process.exitCode = 1;
  else console.log(`${blocks.length} vendor json blocks accounted for${argv.includes("--write") ? "; files written" : ""}.`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
