/**
 * What an uploaded PDF's content decides, from the facts the PDF reader found (mock/pdf): the
 * documented upload failures, the bank, account number, period and page count the file states.
 * Pure and synchronous: the upload command gets the facts already read.
 */
import type { PdfFacts } from "../pdf/facts.js";
import type { ApiErrorCode } from "./failure.js";
import { isEncryptedPdf, isImageOnlyPdf } from "./file-inspect.js";

/** Statements longer than this fail extraction with STATEMENT_TOO_MANY_PAGES (the vendor documents no number). */
export const DEFAULT_PDF_PAGE_LIMIT = 50;

export interface PdfCheckInputs {
  /** What the reader found; undefined when no reader ran (the mock then behaves as without one). */
  facts: PdfFacts | undefined;
  bytes: Uint8Array;
  pdfPassword?: string;
  /** Catalogue identifiers: the upload's `bank_name`, a bank in the file name, the session's `bank_name`. */
  sentBank?: string;
  fileNameBank?: string;
  sessionBank?: string | null;
  /** Refuse PDFs no reader can open instead of treating them as synthetic stubs. */
  strict: boolean;
  pageLimit: number;
}

export interface PdfContent {
  /** The bank the statement is filed under. */
  bank: string;
  accountNumber?: string;
  period?: { from: string; to: string };
  pageCount: number;
  /** A failure the statement shows at extraction (accepted at upload). */
  extractionFailure?: { code: string; detail: string };
}

export type PdfVerdict =
  | { ok: false; code: ApiErrorCode; message: string }
  | { ok: true; kind: "synthetic" }
  | { ok: true; kind: "read"; content: PdfContent };

const refuse = (code: ApiErrorCode, message: string): PdfVerdict => ({ ok: false, code, message });

/** The checks in the order the vendor reports them: password, scan, format, bank. */
export function checkPdf(inputs: PdfCheckInputs): PdfVerdict {
  const { facts } = inputs;
  if (!facts || facts.kind === "unreadable") {
    if (facts && inputs.strict) {
      return refuse("INVALID_FILE_OBJECT", `File object is invalid: the file starts like a PDF but no PDF reader can open it (${facts.reason}); --strict-pdf is on`);
    }
    // A printf-made `%PDF-` stub: the byte-level checks the mock has always made, all else derived.
    if (isEncryptedPdf(inputs.bytes) && !inputs.pdfPassword) {
      return refuse("PASSWORD_INCORRECT", "The provided password is incorrect: this PDF is encrypted; send its password as pdf_password");
    }
    if (isImageOnlyPdf(inputs.bytes)) return refuse("PDF_IS_IMAGE", "Scanned images are not supported");
    return { ok: true, kind: "synthetic" };
  }
  if (facts.kind === "password-missing") {
    return refuse("PASSWORD_INCORRECT", "The provided password is incorrect: this PDF is encrypted; send its password as pdf_password");
  }
  if (facts.kind === "password-incorrect") {
    return refuse("PASSWORD_INCORRECT", "The provided password is incorrect: pdf_password does not open this PDF");
  }
  if (!facts.hasText) {
    return refuse("PDF_IS_IMAGE", `Scanned images are not supported: none of the ${facts.pageCount} page(s) has extractable text`);
  }
  const text = facts.text;
  if (!text.looksLikeStatement) {
    return refuse("STATEMENT_UNSUPPORTED_FORMAT", "The statement format is not supported: the PDF reads as no bank statement (no transaction table, and no account number with a statement period)");
  }
  if (text.bank?.kind === "unsupported") {
    return refuse("STATEMENT_UNSUPPORTED_FORMAT", `The statement format is not supported: it is a ${text.bank.name} statement, a bank the catalogue (GET /v1/banks/catalogue/) does not list`);
  }
  const detected = text.bank?.identifier;
  if (inputs.sentBank && detected && inputs.sentBank !== detected) {
    return refuse("BANK_NAME_MISMATCH", `The bank name in the statement doesn't match the selected bank: the statement is from ${detected} (${text.bank?.evidence}), bank_name says ${inputs.sentBank}`);
  }
  const bank = detected ?? inputs.sentBank ?? inputs.fileNameBank ?? inputs.sessionBank ?? undefined;
  if (!bank) {
    return refuse("BANK_NAME_UNDETECTED", "Bank name could not be identified: the statement names no bank (by name or IFSC) in its letterhead; send bank_name");
  }
  const content: PdfContent = {
    bank,
    pageCount: facts.pageCount,
    ...(text.accountNumber ? { accountNumber: text.accountNumber } : {}),
    ...(text.period ? { period: text.period } : {}),
  };
  if (facts.pageCount > inputs.pageLimit) {
    content.extractionFailure = { code: "STATEMENT_TOO_MANY_PAGES", detail: `${facts.pageCount} pages, the limit is ${inputs.pageLimit}` };
  }
  return { ok: true, kind: "read", content };
}
