import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { readPdf } from "../pdf/read.js";
import { checkPdf, DEFAULT_PDF_PAGE_LIMIT, type PdfCheckInputs } from "./pdf-checks.js";

const dir = resolve(import.meta.dirname, "../../fixtures/statements");
const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(resolve(dir, file)));

async function verdict(file: string | Uint8Array, extra: Partial<PdfCheckInputs> = {}) {
  const bytes = typeof file === "string" ? bytesOf(file) : file;
  const facts = await readPdf(bytes, extra.pdfPassword !== undefined ? { password: extra.pdfPassword } : {});
  return checkPdf({ facts, bytes, strict: false, pageLimit: DEFAULT_PDF_PAGE_LIMIT, ...extra });
}

describe("checkPdf on real PDFs", () => {
  it("files a readable statement under the bank, account, period and page count its text states", async () => {
    expect(await verdict("hdfc-savings-apr-jun-2024.pdf")).toEqual({
      ok: true,
      kind: "read",
      content: { bank: "hdfc", accountNumber: "50100199733559", period: { from: "2024-04-01", to: "2024-06-30" }, pageCount: 2 },
    });
  });

  it("reads the statement whose fonts are in object streams instead of calling it a scan", async () => {
    expect(await verdict("axis-compressed-objects-jan-mar-2024.pdf")).toMatchObject({ ok: true, kind: "read", content: { bank: "axis" } });
  });

  it("PASSWORD_INCORRECT without, and with a wrong, pdf_password; the right one reads the document", async () => {
    const file = "kotak-password-protected-jan-mar-2024.pdf";
    expect(await verdict(file)).toMatchObject({ ok: false, code: "PASSWORD_INCORRECT" });
    expect(await verdict(file, { pdfPassword: "wrong" })).toMatchObject({ ok: false, code: "PASSWORD_INCORRECT", message: expect.stringContaining("does not open") });
    expect(await verdict(file, { pdfPassword: "RAVI0507" })).toMatchObject({ ok: true, content: { bank: "kotak", accountNumber: "1234567890" } });
  });

  it("PDF_IS_IMAGE for a document with no text", async () => {
    expect(await verdict("scanned-image-only.pdf")).toMatchObject({ ok: false, code: "PDF_IS_IMAGE" });
  });

  it("STATEMENT_UNSUPPORTED_FORMAT for a readable non-statement and for a bank outside the catalogue", async () => {
    expect(await verdict("rent-receipt-not-a-statement.pdf", { sentBank: "hdfc" })).toMatchObject({ ok: false, code: "STATEMENT_UNSUPPORTED_FORMAT", message: expect.stringContaining("no bank statement") });
    expect(await verdict("barclays-unsupported-bank-jan-mar-2024.pdf")).toMatchObject({ ok: false, code: "STATEMENT_UNSUPPORTED_FORMAT", message: expect.stringContaining("Barclays") });
  });

  it("BANK_NAME_MISMATCH when bank_name contradicts the text; the text wins over a file-name bank", async () => {
    expect(await verdict("hdfc-savings-apr-jun-2024.pdf", { sentBank: "sbi" })).toMatchObject({ ok: false, code: "BANK_NAME_MISMATCH" });
    expect(await verdict("hdfc-savings-apr-jun-2024.pdf", { fileNameBank: "sbi" })).toMatchObject({ ok: true, content: { bank: "hdfc" } });
  });

  it("BANK_NAME_UNDETECTED when neither the text nor the request names a bank; a given bank_name is used", async () => {
    expect(await verdict("bank-only-in-logo-jan-jun-2024.pdf")).toMatchObject({ ok: false, code: "BANK_NAME_UNDETECTED" });
    expect(await verdict("bank-only-in-logo-jan-jun-2024.pdf", { sentBank: "uco" })).toMatchObject({ ok: true, content: { bank: "uco", accountNumber: "3344556677" } });
    expect(await verdict("bank-only-in-logo-jan-jun-2024.pdf", { sessionBank: "canara" })).toMatchObject({ ok: true, content: { bank: "canara" } });
  });

  it("STATEMENT_TOO_MANY_PAGES at extraction above the page limit", async () => {
    expect(await verdict("icici-savings-20-pages-fy2023-24.pdf", { pageLimit: 19 })).toMatchObject({
      ok: true,
      content: { pageCount: 20, extractionFailure: { code: "STATEMENT_TOO_MANY_PAGES" } },
    });
    expect(await verdict("icici-savings-20-pages-fy2023-24.pdf", { pageLimit: 20 })).not.toHaveProperty("content.extractionFailure");
  });
});

describe("checkPdf on bytes no reader opens", () => {
  const stub = new Uint8Array(Buffer.from("%PDF-1.4\n% statement stub\n"));

  it("keeps the synthetic behaviour by default, with the byte-level password and scan checks", async () => {
    expect(await verdict(stub)).toEqual({ ok: true, kind: "synthetic" });
    expect(await verdict(new Uint8Array(Buffer.from("%PDF-1.4\n<< /Encrypt 5 0 R >>\n")))).toMatchObject({ ok: false, code: "PASSWORD_INCORRECT" });
    expect(await verdict(new Uint8Array(Buffer.from("%PDF-1.4\n<< /Subtype /Image >>\n")))).toMatchObject({ ok: false, code: "PDF_IS_IMAGE" });
  });

  it("answers INVALID_FILE_OBJECT under --strict-pdf", async () => {
    expect(await verdict(stub, { strict: true })).toMatchObject({ ok: false, code: "INVALID_FILE_OBJECT", message: expect.stringContaining("no PDF reader can open it") });
  });
});
