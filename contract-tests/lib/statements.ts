/**
 * Statement files for journeys. Mock targets take synthetic PDFs (distinct bytes each, since the
 * same bytes twice in one session is STATEMENT_DUPLICATE); real servers need real statements, which
 * the user supplies through BANKCONNECT_STATEMENT_FILES.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { REPO_ROOT } from "../../openapi/lib/index.js";

export interface StatementFile {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

/**
 * A synthetic statement for mock targets: `%PDF-` bytes that no PDF reader can open, which the mock
 * accepts as a statement whose bank, account, period and data derive from the bytes (a readable PDF
 * would be read, and a PDF naming no bank, account or period is no statement). A unique marker
 * keeps every file distinct.
 */
export function syntheticPdf(label: string): StatementFile {
  const text = `%PDF-1.4\n% bankconnect contract kit: synthetic statement ${label}-${randomUUID()}\n%%EOF\n`;
  return { bytes: Buffer.from(text, "latin1"), filename: `${label}.pdf`, contentType: "application/pdf" };
}

/** A real sample statement shipped in fixtures/statements/ (made by scripts/make-statement-pdfs.ts). */
export function samplePdf(name: string): StatementFile {
  return { bytes: readFileSync(resolve(REPO_ROOT, "fixtures/statements", name)), filename: name, contentType: "application/pdf" };
}

export interface StatementSource {
  /** Why journeys cannot run, when they cannot. */
  unavailable: string | undefined;
  /** Synthetic files name no bank of their own, so journeys choose one through `bank_name`. */
  synthetic: boolean;
  next(label: string): StatementFile;
}

export function statementSource(kind: "synthetic" | "files", files: string[]): StatementSource {
  if (kind === "synthetic") return { unavailable: undefined, synthetic: true, next: syntheticPdf };
  let i = 0;
  return {
    unavailable: files.length === 0 ? "this target is not a mock, so journeys need real statement PDFs: set BANKCONNECT_STATEMENT_FILES" : undefined,
    synthetic: false,
    next() {
      const path = files[i % files.length];
      i += 1;
      return { bytes: readFileSync(path), filename: basename(path), contentType: "application/pdf" };
    },
  };
}
