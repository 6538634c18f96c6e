import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PDF_SPECS, PROTECTED_PASSWORD } from "../../scripts/statement-pdfs/specs.js";
import { readPdf } from "./read.js";

const dir = resolve(import.meta.dirname, "../../fixtures/statements");
const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(resolve(dir, file)));

describe("readPdf on the shipped sample statements", () => {
  it.each(PDF_SPECS.map((s) => [s.file, s] as const))("%s has the properties its spec claims", async (file, spec) => {
    const facts = await readPdf(bytesOf(file), spec.kind === "statement" && spec.password ? { password: spec.password } : {});
    if (facts.kind !== "read") throw new Error(`${file} did not open: ${JSON.stringify(facts)}`);
    const { claims } = spec;
    expect(facts.pageCount).toBe(claims.pageCount);
    expect(facts.encrypted).toBe(claims.encrypted);
    expect(facts.hasText).toBe(claims.hasText);
    expect(facts.text.accountNumber).toBe(claims.accountNumber);
    expect(facts.text.period).toEqual(claims.period);
    expect(facts.text.looksLikeStatement).toBe(claims.looksLikeStatement);
    if (claims.unsupportedBank) expect(facts.text.bank).toMatchObject({ kind: "unsupported", name: claims.unsupportedBank });
    else if (claims.bank) expect(facts.text.bank).toMatchObject({ kind: "catalogue", identifier: claims.bank });
    else expect(facts.text.bank).toBeNull();
  });

  it("reads the text of a statement whose fonts sit in compressed object streams (no /Font in the plain bytes)", async () => {
    const bytes = bytesOf("axis-compressed-objects-jan-mar-2024.pdf");
    expect(Buffer.from(bytes).includes("/Font")).toBe(false);
    expect(Buffer.from(bytes).includes("/Subtype /Image")).toBe(true);
    const facts = await readPdf(bytes);
    expect(facts.kind === "read" && facts.pages[0].text).toContain("AXIS BANK");
  });

  it("reports a scan's pages as having no text", async () => {
    const facts = await readPdf(bytesOf("scanned-image-only.pdf"));
    expect(facts).toMatchObject({ kind: "read", hasText: false, pages: [{ text: "", hasText: false }] });
  });
});

describe("readPdf and passwords", () => {
  const file = "kotak-password-protected-jan-mar-2024.pdf";

  it("says a password is missing when none (or an empty one) is given", async () => {
    expect(await readPdf(bytesOf(file))).toEqual({ kind: "password-missing" });
    expect(await readPdf(bytesOf(file), { password: "" })).toEqual({ kind: "password-missing" });
  });

  it("says a wrong password is incorrect", async () => {
    expect(await readPdf(bytesOf(file), { password: "RAVI0508" })).toEqual({ kind: "password-incorrect" });
  });

  it("reads the decrypted document with the right password", async () => {
    const facts = await readPdf(bytesOf(file), { password: PROTECTED_PASSWORD });
    expect(facts).toMatchObject({ kind: "read", encrypted: true, text: { accountNumber: "1234567890" } });
  });

  it("ignores a password sent with a document that needs none", async () => {
    expect(await readPdf(bytesOf("hdfc-savings-apr-jun-2024.pdf"), { password: "anything" })).toMatchObject({ kind: "read", pageCount: 2, encrypted: false });
  });
});

describe("readPdf on what no reader can open", () => {
  it.each([
    ["a printf-made stub", "%PDF-1.4\n% statement stub\n"],
    ["a PDF header over text", "%PDF-1.7\nnot really a pdf at all"],
  ])("%s is unreadable, with the reader's reason", async (_name, text) => {
    const facts = await readPdf(new Uint8Array(Buffer.from(text)));
    expect(facts.kind).toBe("unreadable");
    expect(facts.kind === "unreadable" && facts.reason.length).toBeGreaterThan(0);
  });

  it("does not detach the caller's buffer (pdfjs takes ownership of what it is given)", async () => {
    const bytes = bytesOf("rent-receipt-not-a-statement.pdf");
    const length = bytes.byteLength;
    await readPdf(bytes);
    expect(bytes.byteLength).toBe(length);
  });
});

describe("readPdf stops once the text has settled every fact", () => {
  it("reads one page of the 20-page statement and finds what reading all 20 finds", async () => {
    const bytes = bytesOf("icici-savings-20-pages-fy2023-24.pdf");
    const quick = await readPdf(bytes);
    const full = await readPdf(bytes, { allPages: true });
    if (quick.kind !== "read" || full.kind !== "read") throw new Error("did not open");
    expect(quick.pages).toHaveLength(1);
    expect(full.pages).toHaveLength(20);
    expect(quick.pageCount).toBe(20);
    const { transactionRows: _q, ...quickFacts } = quick.text;
    const { transactionRows, ...fullFacts } = full.text;
    expect(quickFacts).toEqual(fullFacts);
    expect(transactionRows).toBe(600);
  });
});
