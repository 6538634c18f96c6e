/**
 * Which documented error codes the target actually produced during the run, and the request that
 * did: the answer to "has every failure a client must handle been seen at least once?".
 */
import type { ErrorCatalogue } from "../../openapi/lib/index.js";
import type { LogLine } from "../lib/recorder.js";

export interface CoverageExample {
  method: string;
  path: string;
  operationId: string;
  status: number | null;
  scenario: string | null;
  test: string;
}

export interface CoverageRow {
  level: "http" | "account" | "statement";
  code: string;
  /** "403", "5XX"; null for codes inside bodies. */
  status: string | null;
  operations: string[];
  produced: boolean;
  /** True when some request produced it without asking the mock for it. */
  natural: boolean;
  example: CoverageExample | null;
}

export interface ErrorCoverage {
  rows: CoverageRow[];
  totals: Record<CoverageRow["level"], { documented: number; produced: number }>;
}

function statusMatches(documented: string, actual: number | null): boolean {
  if (actual === null) return false;
  return documented.toUpperCase().endsWith("XX") ? String(actual)[0] === documented[0] : String(actual) === documented;
}

function example(line: LogLine): CoverageExample {
  return { method: line.method, path: line.path, operationId: line.operationId, status: line.status, scenario: line.scenario, test: line.test };
}

/**
 * The scenario that forced a hit: its own header, or, for codes inside bodies, a header sent earlier
 * in the same test (the upload that asked for the failure, read back later by a status call).
 */
function forcedBy(hit: LogLine, code: string, log: LogLine[]): string | null {
  if (hit.scenario !== null && hit.scenario.toUpperCase() === code) return hit.scenario;
  const earlier = log.find((l) => l.file === hit.file && l.test === hit.test && l.seq < hit.seq && l.scenario?.toUpperCase() === code);
  return earlier?.scenario ?? null;
}

/** Prefer a request that produced the code on its own over one that forced it. */
function pick(hits: LogLine[], code: string, log: LogLine[]): { example: CoverageExample | null; natural: boolean } {
  const natural = hits.find((l) => forcedBy(l, code, log) === null);
  if (natural) return { example: example(natural), natural: true };
  const first = hits[0];
  if (!first) return { example: null, natural: false };
  return { example: { ...example(first), scenario: forcedBy(first, code, log) }, natural: false };
}

export function buildErrorCoverage(catalogue: ErrorCatalogue, log: LogLine[]): ErrorCoverage {
  const http = log.filter((l) => l.kind === "http");
  const rows: CoverageRow[] = [];
  for (const entry of catalogue.http) {
    const hits = http.filter((l) => l.code === entry.code && entry.operations.includes(l.operationId) && statusMatches(entry.status, l.status));
    rows.push({ level: "http", code: entry.code, status: entry.status, operations: entry.operations, produced: hits.length > 0, ...pick(hits, entry.code, log) });
  }
  for (const level of ["account", "statement"] as const) {
    const entries = level === "account" ? catalogue.account_level : catalogue.statement_level;
    for (const entry of entries) {
      // A statement-level code shows either as an upload's rejection or inside a later status body.
      const hits = log.filter(
        (l) =>
          (l.bodyCodes ?? []).some((c) => c.level === level && c.code === entry.code) ||
          (level === "statement" && l.operationId === "uploadStatement" && l.code === entry.code),
      );
      rows.push({ level, code: entry.code, status: null, operations: [], produced: hits.length > 0, ...pick(hits, entry.code, log) });
    }
  }
  const totals = { http: { documented: 0, produced: 0 }, account: { documented: 0, produced: 0 }, statement: { documented: 0, produced: 0 } };
  for (const r of rows) {
    totals[r.level].documented += 1;
    if (r.produced) totals[r.level].produced += 1;
  }
  return { rows, totals };
}

const cell = (s: string): string => s.replace(/\|/g, "\\|");

export function renderErrorCoverage(coverage: ErrorCoverage): string {
  const { totals } = coverage;
  const lines = [
    "# Error-code coverage",
    "",
    "Every code the spec documents (fixtures/error-codes.json), whether this run's target produced it, and the first request that did.",
    "`natural` means a request produced it without `x-mock-scenario` naming it.",
    "",
    `- HTTP error codes: ${totals.http.produced}/${totals.http.documented}`,
    `- account-level codes: ${totals.account.produced}/${totals.account.documented}`,
    `- statement-level codes: ${totals.statement.produced}/${totals.statement.documented}`,
    "",
  ];
  for (const level of ["http", "account", "statement"] as const) {
    lines.push(`## ${level === "http" ? "HTTP error codes" : `${level[0].toUpperCase()}${level.slice(1)}-level codes`}`, "");
    lines.push(level === "http" ? "| code | status | produced | natural | request | scenario header | test |" : "| code | produced | natural | seen in | scenario header | test |");
    lines.push(level === "http" ? "|---|---|---|---|---|---|---|" : "|---|---|---|---|---|---|");
    for (const r of coverage.rows.filter((row) => row.level === level)) {
      const req = r.example ? `\`${r.example.method} ${cell(r.example.path)}\`${level === "http" ? "" : ` → ${r.example.status ?? "webhook"}`}` : "";
      const scenario = r.example?.scenario ? `\`${cell(r.example.scenario)}\`` : "";
      const test = r.example ? cell(r.example.test) : "";
      const produced = r.produced ? "yes" : "**no**";
      const natural = r.produced ? (r.natural ? "yes" : "forced") : "";
      lines.push(level === "http" ? `| ${r.code} | ${r.status} | ${produced} | ${natural} | ${req} | ${scenario} | ${test} |` : `| ${r.code} | ${produced} | ${natural} | ${req} | ${scenario} | ${test} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
