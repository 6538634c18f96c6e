/**
 * Re-extracts the examples of the seed documents: every ```json block (and every markdown table, for
 * the error-code cross-check) with the heading, label and endpoint it sits under.
 *
 * fixtures/docs-examples/manifest.json accounts for each block: the file it became, the schema it
 * belongs to and every deviation (curly quotes, a missing comma, placeholders) between the text as
 * written and the normalised JSON. This module also applies those deviations, so the committed files
 * can be rebuilt and checked:
 *
 *   tsx scripts/extract-docs-examples.ts             list the blocks of the seeds
 *   tsx scripts/extract-docs-examples.ts --check     fail when a block, raw file or normalised file
 *                                                    differs from what the seeds and manifest give
 *   tsx scripts/extract-docs-examples.ts --write     (re)write the *.raw.txt and *.json files
 *   ... --from <dir>                                 read the seeds from <dir> (e.g. the originals,
 *                                                    /work/shared/docs) instead of the vendored copies
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { REPO_ROOT } from "../openapi/lib/load.js";

export const EXAMPLES_DIR = resolve(REPO_ROOT, "fixtures/docs-examples");
/** Byte-identical copies of the documents, so tests do not depend on a path outside the repository. */
export const SOURCES_DIR = resolve(EXAMPLES_DIR, "sources");
export const MANIFEST_PATH = resolve(EXAMPLES_DIR, "manifest.json");

/** The two seed documents (the contract), by the id the spec and the fixtures cite them with. */
export const SEED_DOCUMENTS = [
  { id: "seed-000", file: "seeds/000_06d9a8771b87fc41.md" },
  { id: "seed-002", file: "seeds/002_71961b352c91c2d2.md" },
] as const;

/** The vendor pages whose error tables are cross-checked against the catalogue. */
export const VENDOR_DOCUMENTS = [
  { id: "vendor:submit-data", file: "vendor/submit-data.md" },
  { id: "vendor:submit-data-backend", file: "vendor/submit-data-backend.md" },
  { id: "vendor:upload-status", file: "vendor/upload-status.md" },
  { id: "vendor:get-data", file: "vendor/get-data.md" },
] as const;

export type SeedId = (typeof SEED_DOCUMENTS)[number]["id"];

/** Where something sits in a document. */
export interface DocContext {
  document: string;
  /** 1-based line number. */
  line: number;
  h2: string | null;
  h3: string | null;
  /** The most recent `::: tip Endpoint` line before this point: `{method, path}` with `/v1` prefixed. */
  endpoint: { method: string; path: string } | null;
  /** Non-empty prose lines since the previous heading (labels, paragraphs), in order. */
  prose: string[];
}

export interface JsonBlock extends DocContext {
  /** 0-based position among the document's ```json blocks. */
  index: number;
  /** The nearest bold label before the block, e.g. `Request:` or `Error Response:`. */
  label: string | null;
  /** The text between the fences exactly as written: every line followed by `\n`. */
  raw: string;
}

export interface MarkdownTable extends DocContext {
  /** 0-based position among the document's tables. */
  index: number;
  header: string[];
  /** Cells trimmed, markdown backslash escapes (`\"`) resolved. */
  rows: string[][];
}

const FENCE = /^\s*```\s*([A-Za-z0-9_-]*)\s*$/;
const HEADING = /^(#{1,6})\s+(.*?)\s*$/;
const ENDPOINT = /^(GET|POST|PUT|PATCH|DELETE)\s+\*\*\{\{\$page\.frontmatter\.base_url\}\}\/\{\{\$page\.frontmatter\.version\}\}(\/\S*?)\*\*\s*$/;
const LABEL = /^\*\*(.+?)\*\*\s*$/;

/** `/session_data/\`<session_id>\`/progress/` and `/{{session_id}}/` become a concrete path under `/v1`. */
function endpointPath(documented: string): string {
  return `/v1${documented.replace(/`<session_id>`|\{\{session_id\}\}|<session_id>/g, "SESSION_ID")}`;
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  // A `|` escaped as `\|` stays inside its cell.
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\([\\`*_{}[\]()#+\-.!"'|])/g, "$1"));
}

const isTableLine = (line: string) => line.trim().startsWith("|");
const isSeparator = (line: string) => /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);

/** Walks a markdown document once, collecting its ```json blocks and its tables with their context. */
export function scanMarkdown(markdown: string, document: string): { blocks: JsonBlock[]; tables: MarkdownTable[] } {
  const lines = markdown.split("\n");
  const blocks: JsonBlock[] = [];
  const tables: MarkdownTable[] = [];
  let h2: string | null = null;
  let h3: string | null = null;
  let endpoint: DocContext["endpoint"] = null;
  let prose: string[] = [];
  let frontMatter = lines[0]?.trim() === "---";

  for (let i = frontMatter ? 1 : 0; i < lines.length; i++) {
    const line = lines[i];
    if (frontMatter) {
      if (line.trim() === "---") frontMatter = false;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const start = i;
      let end = i + 1;
      while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
      if (end >= lines.length) throw new Error(`${document}:${start + 1}: unterminated code fence`);
      if (fence[1].toLowerCase() === "json") {
        const labels = prose.filter((p) => LABEL.test(p));
        blocks.push({
          document,
          index: blocks.length,
          line: start + 1,
          h2,
          h3,
          endpoint,
          prose: [...prose],
          label: labels.length > 0 ? LABEL.exec(labels[labels.length - 1])![1] : null,
          raw: lines.slice(start + 1, end).map((l) => `${l}\n`).join(""),
        });
      }
      i = end;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      if (heading[1].length <= 2) {
        h2 = heading[2];
        h3 = null;
      } else if (heading[1].length === 3) {
        h3 = heading[2];
      }
      prose = [];
      continue;
    }
    if (isTableLine(line) && i + 1 < lines.length && isSeparator(lines[i + 1])) {
      const header = splitRow(line);
      const rows: string[][] = [];
      let j = i + 2;
      for (; j < lines.length && isTableLine(lines[j]); j++) rows.push(splitRow(lines[j]));
      tables.push({ document, index: tables.length, line: i + 1, h2, h3, endpoint, prose: [...prose], header, rows });
      i = j - 1;
      continue;
    }
    const ep = ENDPOINT.exec(line.trim());
    if (ep) {
      endpoint = { method: ep[1], path: endpointPath(ep[2]) };
      continue;
    }
    if (line.trim() !== "" && !line.trim().startsWith(":::")) prose.push(line.trim());
  }
  return { blocks, tables };
}

export function extractJsonBlocks(markdown: string, document: string): JsonBlock[] {
  return scanMarkdown(markdown, document).blocks;
}

export function extractTables(markdown: string, document: string): MarkdownTable[] {
  return scanMarkdown(markdown, document).tables;
}

export function readSource(file: string, dir: string = SOURCES_DIR): string {
  return readFileSync(resolve(dir, file), "utf8");
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Every ```json block of both seeds, in document order. */
export function readSeedBlocks(dir: string = SOURCES_DIR): JsonBlock[] {
  return SEED_DOCUMENTS.flatMap((d) => extractJsonBlocks(readSource(d.file, dir), d.id));
}

// ---------- the manifest and its deviations ----------

/** Deviations that make the text parse; applied to the raw text, in manifest order. */
export const SYNTAX_KINDS = ["curly-quotes", "missing-comma"] as const;
/** Deviations that make the parsed value validate; applied at a JSON pointer. */
export const VALUE_KINDS = ["placeholder-enum", "placeholder-empty"] as const;

export interface SyntaxDeviation {
  kind: (typeof SYNTAX_KINDS)[number];
  /** JSON pointer of the member the repair is in (in the normalised document). */
  path: string;
  /** The text as written; occurs exactly once in the block. */
  raw: string;
  /** The replacement text. */
  normalised: string;
  why: string;
}

export interface ValueDeviation {
  kind: (typeof VALUE_KINDS)[number];
  /** JSON pointer of the value. */
  path: string;
  /** The value as written (after the syntax repairs). */
  raw: unknown;
  /** The value in the normalised file. */
  normalised: unknown;
  /** For `placeholder-enum`: every value the placeholder stands for (each must validate). */
  alternatives?: unknown[];
  why: string;
}

export type Deviation = SyntaxDeviation | ValueDeviation;

export type SchemaRef =
  | { operationId: string; status: string }
  | { operationId: string; request: string }
  | { webhook: string }
  | { component: string };

export interface ManifestEntry {
  file: string;
  /** The raw text file beside a normalised one; `null` when the block parses and validates as written. */
  raw: string | null;
  document: SeedId;
  section: string;
  label: string | null;
  /** 0-based index of the ```json block in its document. */
  block: number;
  /** 1-based line of the opening fence. */
  line: number;
  schema: SchemaRef;
  deviations: Deviation[];
  /** Placeholders kept as written because the schema accepts them (not deviations). */
  notes?: string[];
  /** Another entry whose raw text is identical (every occurrence is kept). */
  sameTextAs?: string;
}

export interface Manifest {
  description: string;
  documents: Record<SeedId, { title: string; original: string; copy: string; sha256: string; jsonBlocks: number }>;
  examples: ManifestEntry[];
}

export function isSyntaxDeviation(d: Deviation): d is SyntaxDeviation {
  return (SYNTAX_KINDS as readonly string[]).includes(d.kind);
}

export function readManifest(path: string = MANIFEST_PATH): Manifest {
  return JSON.parse(readFileSync(path, "utf8")) as Manifest;
}

export function sectionOf(block: Pick<JsonBlock, "h2" | "h3">): string {
  return [block.h2, block.h3].filter((s): s is string => s !== null).join(" › ");
}

/** Applies the syntax repairs to the raw text; each `raw` snippet must occur exactly once. */
export function repairText(raw: string, deviations: readonly Deviation[]): string {
  let text = raw;
  for (const d of deviations.filter(isSyntaxDeviation)) {
    const at = text.indexOf(d.raw);
    if (at < 0 || text.indexOf(d.raw, at + 1) >= 0) throw new Error(`${d.kind} at ${d.path}: ${JSON.stringify(d.raw)} must occur exactly once`);
    text = text.slice(0, at) + d.normalised + text.slice(at + d.raw.length);
  }
  return text;
}

function pointerTokens(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`Not a JSON pointer: ${pointer}`);
  return pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function getPointer(value: unknown, pointer: string): unknown {
  let node = value;
  for (const token of pointerTokens(pointer)) {
    if (node === null || typeof node !== "object" || !(token in node)) throw new Error(`No value at ${pointer}`);
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** A copy of `value` with the value at `pointer` replaced (the pointer must exist). */
export function setPointer<T>(value: T, pointer: string, replacement: unknown): T {
  const copy = structuredClone(value);
  const tokens = pointerTokens(pointer);
  if (tokens.length === 0) return replacement as T;
  const parent = getPointer(copy, `/${tokens.slice(0, -1).map((t) => t.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`.replace(/^\/$/, ""));
  const last = tokens[tokens.length - 1];
  if (parent === null || typeof parent !== "object" || !(last in parent)) throw new Error(`No value at ${pointer}`);
  (parent as Record<string, unknown>)[last] = replacement;
  return copy;
}

/** Applies the value deviations (placeholders → typed values) to a parsed example. */
export function applyValueDeviations(value: unknown, deviations: readonly Deviation[]): unknown {
  let out = value;
  for (const d of deviations) {
    if (isSyntaxDeviation(d)) continue;
    out = setPointer(out, d.path, d.normalised);
  }
  return out;
}

/** raw text → normalised value, the way the committed `*.json` files were made. */
export function normalise(raw: string, deviations: readonly Deviation[]): unknown {
  return applyValueDeviations(JSON.parse(repairText(raw, deviations)), deviations);
}

// ---------- CLI ----------

function main(argv: string[]): void {
  const fromIndex = argv.indexOf("--from");
  const from = fromIndex >= 0 ? argv[fromIndex + 1] : undefined;
  const readDoc = (file: string) =>
    from ? readFileSync(resolve(from, file), "utf8") : readSource(file);
  const blocks = SEED_DOCUMENTS.flatMap((d) => extractJsonBlocks(readDoc(d.file), d.id));

  if (!argv.includes("--check") && !argv.includes("--write")) {
    for (const b of blocks) console.log(`${b.document} #${b.index} line ${b.line} | ${sectionOf(b)} | ${b.label ?? "-"} | ${b.raw.split("\n").length - 1} lines`);
    console.log(`${blocks.length} json blocks`);
    return;
  }

  const manifest = readManifest();
  const problems: string[] = [];
  for (const d of SEED_DOCUMENTS) {
    const text = readDoc(d.file);
    if (sha256(text) !== manifest.documents[d.id].sha256) problems.push(`${d.file}: sha256 differs from the manifest`);
  }
  if (blocks.length !== manifest.examples.length) problems.push(`${blocks.length} blocks in the seeds, ${manifest.examples.length} in the manifest`);
  for (const b of blocks) {
    const entry = manifest.examples.find((e) => e.document === b.document && e.block === b.index);
    if (!entry) {
      problems.push(`${b.document} block ${b.index} (line ${b.line}) is not in the manifest`);
      continue;
    }
    const normalised = `${JSON.stringify(normalise(b.raw, entry.deviations), null, 2)}\n`;
    const outputs: Array<[string, string]> = [[entry.file, normalised]];
    if (entry.raw) outputs.push([entry.raw, b.raw]);
    for (const [file, content] of outputs) {
      const path = resolve(EXAMPLES_DIR, file);
      if (argv.includes("--write")) {
        writeFileSync(path, content);
        continue;
      }
      let current = "";
      try {
        current = readFileSync(path, "utf8");
      } catch {
        // missing: reported below
      }
      const same = file.endsWith(".json") ? current !== "" && JSON.stringify(JSON.parse(current)) === JSON.stringify(JSON.parse(content)) : current === content;
      if (!same) problems.push(`${file} differs from ${b.document} block ${b.index} with the manifest's deviations`);
    }
  }
  for (const p of problems) console.error(p);
  if (problems.length > 0) process.exitCode = 1;
  else console.log(`${blocks.length} json blocks accounted for${argv.includes("--write") ? "; files written" : ""}.`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
