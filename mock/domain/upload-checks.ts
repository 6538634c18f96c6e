/**
 * The upload's file checks, as two steps the upload command runs in order:
 * 1. `receiveFile`: the file the request carries (multipart bytes, Base64 text, or a URL);
 * 2. `inspectUpload`: what the bytes say about the file (kind, duplicate, bank_name, fixture).
 * What a PDF's content says (password, text, bank, account, period, pages) is decided next, by
 * `checkPdf` (pdf-checks.ts) from the facts the PDF reader found (mock/pdf, read before the command).
 */
import { latin1Text, utf8Bytes, utf8Text } from "../core/bytes.js";
import { sha256Hex } from "../core/ids.js";
import { BANKS, findBank, parseStatementFixture, type StatementFixture } from "../data/index.js";
import { fail, ok, type ApiErrorCode, type Result } from "./failure.js";
import { decodeBase64, fileKind, fileNameTokens } from "./file-inspect.js";

export interface UploadFile {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

export interface FileSource {
  uploadType: "PDF" | "BASE64";
  file?: UploadFile;
  fileUrl?: string;
}

/** Step 1: the statement's bytes, name and type, whichever way the request sent them. */
export function receiveFile(input: FileSource): Result<UploadFile> {
  if (input.file) {
    if (input.uploadType !== "BASE64") return ok(input.file);
    const decoded = decodeBase64(latin1Text(input.file.bytes));
    if (input.file.bytes.length === 0) return fail("EMPTY_FILE");
    if (!decoded) return fail("INVALID_BASE_64", "Invalid Base 64 string: `file` must hold the statement encoded as standard or URL-safe Base64");
    return ok({ ...input.file, bytes: decoded });
  }
  if (input.fileUrl !== undefined) {
    const url = safeUrl(input.fileUrl);
    if (!url) return fail("INVALID_FILE_URL", `This file url is invalid: ${JSON.stringify(input.fileUrl)} is not an http(s) URL`);
    // The mock never downloads: a URL stands for the file it names, deterministically.
    return ok({
      fileName: decodedOrRaw(url.pathname.split("/").pop() || "statement.pdf"),
      mimeType: "application/pdf",
      bytes: utf8Bytes(`%PDF-1.4\n% mock download of ${url.href}\n`),
    });
  }
  return fail("MISSING_FILE_OBJECT", "This file object is required: send the statement as the multipart field `file`, or its address as `file_url`");
}

export interface InspectInputs {
  fileName: string;
  /** `bank_name` of the upload request. */
  bankName?: string;
  pdfPassword?: string;
  /** Whether the session already holds a statement with these bytes. */
  isDuplicate(contentHash: string): boolean;
  /** A PDF reader opened the file: its text names the bank, so the file name's is not held against bank_name. */
  pdfRead?: boolean;
}

/** What the checks learnt about an acceptable file. */
export interface FileFacts {
  kind: "pdf" | "json-fixture";
  contentHash: string;
  /** The parsed mock statement fixture, when the file is one. */
  fixture?: StatementFixture;
  /** The catalogue bank `bank_name` named. */
  sentBank?: string;
  /** The bank the file names (fixture field or file-name token). */
  namedBank?: string;
}

export type Inspection = { ok: true; facts: FileFacts } | { ok: false; code: ApiErrorCode; message?: string };

const reject = (code: ApiErrorCode, message?: string): Inspection => ({ ok: false, code, ...(message !== undefined ? { message } : {}) });

/** Step 2: the documented upload failures the bytes show, in the order the vendor reports them. */
export function inspectUpload(bytes: Uint8Array, inputs: InspectInputs): Inspection {
  if (bytes.length === 0) return reject("EMPTY_FILE", "File object is empty");
  const kind = fileKind(bytes);
  if (kind === "unknown") {
    return reject("INVALID_FILE_OBJECT", "File object is invalid: expected a PDF (bytes starting with %PDF-) or a mock JSON statement fixture (see fixtures/statements/README.md)");
  }
  const contentHash = sha256Hex(bytes);
  if (inputs.isDuplicate(contentHash)) return reject("STATEMENT_DUPLICATE");

  let sentBank: string | undefined;
  if (inputs.bankName !== undefined) {
    const bank = findBank(inputs.bankName);
    if (!bank) {
      return reject("INVALID_BANK_NAME", `Please use following bank strings: ${BANKS.slice(0, 12).map((b) => b.identifier).join(", ")}, … (GET /v1/banks/catalogue/ lists all); got ${JSON.stringify(inputs.bankName)}`);
    }
    sentBank = bank.identifier;
  }
  let fixture: StatementFixture | undefined;
  let namedBank: string | undefined;
  if (kind === "json-fixture") {
    const parsed = parseStatementFixture(safeJson(bytes));
    if (!parsed.ok) {
      const detail = parsed.errors.slice(0, 5).map((e) => `${e.path || "(root)"}: ${e.message}`).join("; ");
      return reject("INVALID_FILE_OBJECT", `File object is invalid: the JSON statement fixture has errors: ${detail}`);
    }
    fixture = parsed.value;
    namedBank = findBank(fixture.bank_name)?.identifier;
  } else {
    namedBank = bankInFileName(inputs.fileName);
  }
  if (!(kind === "pdf" && inputs.pdfRead) && sentBank && namedBank && sentBank !== namedBank) {
    return reject("BANK_NAME_MISMATCH", `The bank name in the statement doesn't match the selected bank: the statement is from ${namedBank}, bank_name says ${sentBank}`);
  }
  // What a PDF's content says (password, scan, statement or not, bank, period) is checkPdf's (pdf-checks.ts).
  return {
    ok: true,
    facts: { kind, contentHash, ...(fixture ? { fixture } : {}), ...(sentBank ? { sentBank } : {}), ...(namedBank ? { namedBank } : {}) },
  };
}

function bankInFileName(fileName: string): string | undefined {
  for (const token of fileNameTokens(fileName)) {
    const bank = findBank(token);
    if (bank) return bank.identifier;
  }
  return undefined;
}

function safeUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

function safeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8Text(bytes));
  } catch {
    return undefined;
  }
}

/** A URL path segment decoded, or as written when its escapes are malformed (`%FF` is not UTF-8). */
function decodedOrRaw(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
