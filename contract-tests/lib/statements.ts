/**
 * Statement files for journeys. Mock targets take synthetic PDFs (distinct bytes each, since the
 * same bytes twice in one session is STATEMENT_DUPLICATE); real servers need real statements, which
 * the user supplies through BANKCONNECT_STATEMENT_FILES.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

export interface StatementFile {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

/** A minimal text PDF: a font resource, so it is not read as a scan, and a unique marker. */
export function syntheticPdf(label: string): StatementFile {
  const marker = `${label}-${randomUUID()}`;
  const text = [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >> endobj",
    "4 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj",
    `5 0 obj << /Length ${marker.length + 20} >> stream`,
    `BT /F1 12 Tf (${marker}) Tj ET`,
    "endstream endobj",
    "trailer << /Root 1 0 R >>",
    "%%EOF",
  ].join("\n");
  return { bytes: Buffer.from(text, "latin1"), filename: `${label}.pdf`, contentType: "application/pdf" };
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
