/**
 * Uploads the vendor's upload matrix rejects, each sent with its real trigger (not a forced code),
 * answering its documented code in the upload envelope (`session_id`, `statement_id`, `error`).
 */
import { describe, expect, it, type TestContext } from "vitest";
import { expectError } from "../lib/expect-error.js";
import { useContract } from "../lib/harness.js";
import { createSession } from "../lib/journey-steps.js";
import { samplePdf, syntheticPdf } from "../lib/statements.js";

const h = useContract("upload-rejections");

let shared: string | undefined;
/** One session for all rejections: a rejected upload leaves the session as it was. */
async function session(ctx: TestContext): Promise<string> {
  shared ??= (await createSession(h, ctx, "rejections")).sessionId;
  return shared;
}

// Real files (fixtures/statements/), so each trigger is what any server sees: AES-256 encryption,
// a page that is only an image, an HDFC letterhead.
const encryptedPdf = (): Buffer => samplePdf("kotak-password-protected-jan-mar-2024.pdf").bytes;
const scannedPdf = (): Buffer => samplePdf("scanned-image-only.pdf").bytes;

describe("upload rejections", () => {
  it("the same statement twice in one session answers 400 STATEMENT_DUPLICATE", async (ctx) => {
    const id = await session(ctx);
    const file = h.requireStatements(ctx).next("duplicate");
    const first = await h.api.upload({ sessionId: id, uploadType: "PDF", file });
    expect(first.status, first.text).toBe(200);
    const again = await h.api.upload({ sessionId: id, uploadType: "PDF", file });
    expectError(again, 400, "STATEMENT_DUPLICATE");
    expect((again.json as { session_id?: unknown }).session_id).toBe(id);
  });

  it("an empty file answers 400 EMPTY_FILE", async (ctx) => {
    const id = await session(ctx);
    expectError(await h.api.upload({ sessionId: id, uploadType: "PDF", file: { bytes: Buffer.alloc(0), filename: "empty.pdf" } }), 400, "EMPTY_FILE");
  });

  it("no file and no file_url answers 400 MISSING_FILE_OBJECT", async (ctx) => {
    const id = await session(ctx);
    expectError(await h.api.upload({ sessionId: id, uploadType: "PDF" }), 400, "MISSING_FILE_OBJECT");
  });

  it("bytes that are not a statement answer 400 INVALID_FILE_OBJECT", async (ctx) => {
    const id = await session(ctx);
    const file = { bytes: Buffer.from("hello, not a pdf"), filename: "notes.txt", contentType: "text/plain" };
    expectError(await h.api.upload({ sessionId: id, uploadType: "PDF", file }), 400, "INVALID_FILE_OBJECT");
  });

  it("a non-http file_url answers 400 INVALID_FILE_URL", async (ctx) => {
    const id = await session(ctx);
    expectError(await h.api.upload({ sessionId: id, uploadType: "PDF", fields: { file_url: "ftp://example.com/s.pdf" } }), 400, "INVALID_FILE_URL");
  });

  it("upload_type BASE64 with text that is not Base64 answers 400 INVALID_BASE_64", async (ctx) => {
    const id = await session(ctx);
    const file = { bytes: Buffer.from("***not base64***"), filename: "statement.b64", contentType: "text/plain" };
    expectError(await h.api.upload({ sessionId: id, uploadType: "BASE64", file }), 400, "INVALID_BASE_64");
  });

  it("an encrypted PDF without pdf_password answers 400 PASSWORD_INCORRECT", async (ctx) => {
    const id = await session(ctx);
    expectError(await h.api.upload({ sessionId: id, uploadType: "PDF", file: { bytes: encryptedPdf(), filename: "locked.pdf" } }), 400, "PASSWORD_INCORRECT");
  });

  it("a scanned (image-only) PDF answers 400 PDF_IS_IMAGE", async (ctx) => {
    const id = await session(ctx);
    expectError(await h.api.upload({ sessionId: id, uploadType: "PDF", file: { bytes: scannedPdf(), filename: "scan.pdf" } }), 400, "PDF_IS_IMAGE");
  });

  it("an unknown bank_name answers 400 INVALID_BANK_NAME", async (ctx) => {
    const id = await session(ctx);
    expectError(await h.api.upload({ sessionId: id, uploadType: "PDF", bankName: "no-such-bank", file: syntheticPdf("bank") }), 400, "INVALID_BANK_NAME");
  });

  it("a bank_name contradicting the statement's bank answers 400 BANK_NAME_MISMATCH", async (ctx) => {
    const id = await session(ctx);
    const file = samplePdf("hdfc-savings-apr-jun-2024.pdf");
    expectError(await h.api.upload({ sessionId: id, uploadType: "PDF", bankName: "sbi", file }), 400, "BANK_NAME_MISMATCH");
  });

  it("no upload_type answers 400 INVALID_REQUEST", async (ctx) => {
    const id = await session(ctx);
    expectError(await h.api.upload({ sessionId: id, file: syntheticPdf("no-type") }), 400, "INVALID_REQUEST");
  });
});
