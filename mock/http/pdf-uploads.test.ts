import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../openapi/lib/index.js";
import { createTestMock, pdfBytes, type Exchange, type SpecClient, type TestMock } from "../testing/spec-client.js";
import type { MockServerOptions } from "./server.js";

/** Uploads of the real sample statements in fixtures/statements/ (made by scripts/make-statement-pdfs.ts). */

type Body = Record<string, any>;
const body = (ex: Exchange): Body => ex.body as Body;
const sample = (name: string): Buffer => readFileSync(join(REPO_ROOT, "fixtures/statements", name));

const HDFC = "hdfc-savings-apr-jun-2024.pdf";
const AXIS = "axis-compressed-objects-jan-mar-2024.pdf";
const SBI_2018 = "sbi-savings-nov-2018-jan-2019.pdf";
const ICICI_20 = "icici-savings-20-pages-fy2023-24.pdf";
const KOTAK_LOCKED = "kotak-password-protected-jan-mar-2024.pdf";
const LOGO_ONLY = "bank-only-in-logo-jan-jun-2024.pdf";
const BARCLAYS = "barclays-unsupported-bank-jan-mar-2024.pdf";
const SCAN = "scanned-image-only.pdf";
const RECEIPT = "rent-receipt-not-a-statement.pdf";

let t: TestMock | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

function client(options: MockServerOptions = {}): SpecClient {
  t = createTestMock({ seed: "pdf-uploads", ...options });
  return t.client("pdf-key");
}

/** Sessions default to 01/01/2024..31/03/2024 (SpecClient.createSession). */
async function upload(c: SpecClient, sid: string, file: string, extra: { bankName?: string; password?: string; fileName?: string; headers?: Record<string, string> } = {}): Promise<Exchange> {
  return c.upload(sid, { file: sample(file), fileName: extra.fileName ?? "statement.pdf", ...extra });
}

function expectCode(ex: Exchange, code: string): void {
  expect({ status: ex.status, code: body(ex).error?.code }).toEqual({ status: 400, code });
}

async function uploadStatus(c: SpecClient, sid: string): Promise<Body> {
  return body(await c.read("getUploadStatus", sid));
}

describe("a real text statement is read, not guessed", () => {
  it("files the statement under the bank, account, period and page count its text states (fonts in object streams are text, not a scan)", async () => {
    const c = client();
    const sid = await c.newSession();
    const up = await upload(c, sid, AXIS);
    expect(up.status).toBe(200);
    expect(body(up)).toMatchObject({
      bank_name: "axis",
      page_count: 2,
      date_range: { from_date: "2024-01-01", to_date: "2024-03-31" },
      identity: { account_number: "917010012345678", bank_name: "axis" },
      masked_account_number: "XXXXXXXXXXX5678",
    });
    const status = await uploadStatus(c, sid);
    expect(status.upload_status).toBe("COMPLETED");
    expect(status.accounts[0]).toMatchObject({ account_number: "917010012345678", bank_name: "axis", account_status: "COMPLETED" });
  });

  it("detects the bank with no bank_name and no bank in the file name", async () => {
    const c = client();
    const sid = await c.newSession({ from_date: "01/04/2024", to_date: "30/06/2024" });
    const up = await upload(c, sid, HDFC, { fileName: "april-june.pdf" });
    expect(body(up)).toMatchObject({ bank_name: "hdfc", page_count: 2, identity: { account_number: "50100199733559" } });
  });

  it("generates transactions that fill exactly the stated period, so insights agree with the file", async () => {
    const c = client();
    const sid = await c.newSession({ from_date: "01/04/2024", to_date: "30/06/2024" });
    expect((await upload(c, sid, HDFC)).status).toBe(200);
    expect((await c.initiate(sid)).status).toBe(202);
    t!.clock.advance(t!.mock.options.processingMs);
    const insights = body(await c.read("getInsights", sid));
    const dates = (insights.accounts[0].data.transactions as Body[]).map((x) => String(x.date).slice(0, 10)).sort();
    expect(dates[0] >= "2024-04-01").toBe(true);
    expect(dates[dates.length - 1] <= "2024-06-30").toBe(true);
    expect(new Set(dates.map((d) => d.slice(0, 7)))).toEqual(new Set(["2024-04", "2024-05", "2024-06"]));
    expect(insights.accounts[0].data.account_details).toMatchObject({ account_number: "50100199733559", bank: "hdfc" });
  });

  it("leaves the session IN_PROGRESS when the stated period covers part of the range, and completes when the rest arrives", async () => {
    const c = client();
    const sid = await c.newSession({ from_date: "01/01/2024", to_date: "30/06/2024" });
    const up = await upload(c, sid, HDFC);
    expect(body(up)).toMatchObject({ date_range: { from_date: "2024-04-01", to_date: "2024-06-30" } });
    let status = await uploadStatus(c, sid);
    expect(status.upload_status).toBe("IN_PROGRESS");
    expect(status.accounts[0].account_status).toBe("PARTIAL");
    // A printf-made stub of the same bank fills the rest of the range for the same account.
    expect((await c.upload(sid, { file: pdfBytes(), bankName: "hdfc" })).status).toBe(200);
    status = await uploadStatus(c, sid);
    expect(status.upload_status).toBe("COMPLETED");
    expect(status.accounts).toHaveLength(1);
  });

  it("answers OUT_OF_DATE_RANGE for a stated period entirely outside the session range", async () => {
    const c = client();
    const sid = await c.newSession();
    const ex = await upload(c, sid, SBI_2018);
    expectCode(ex, "OUT_OF_DATE_RANGE");
    expect(body(ex).error.message).toContain("2018-11-18");
    expect((await uploadStatus(c, sid)).accounts).toEqual([]);
  });

  it("gives the same response bytes for the same seed and uploads", async () => {
    const run = async (): Promise<string> => {
      const c = client();
      const sid = await c.newSession();
      const up = await upload(c, sid, AXIS);
      const text = JSON.stringify(body(up)) + JSON.stringify(await uploadStatus(c, sid));
      await t!.close();
      t = undefined;
      return text;
    };
    expect(await run()).toBe(await run());
  });
});

describe("password-protected PDFs", () => {
  it("PASSWORD_INCORRECT without pdf_password and with a wrong one; the right one opens it", async () => {
    const c = client();
    const sid = await c.newSession();
    expectCode(await upload(c, sid, KOTAK_LOCKED), "PASSWORD_INCORRECT");
    const wrong = await upload(c, sid, KOTAK_LOCKED, { password: "RAVI0508" });
    expectCode(wrong, "PASSWORD_INCORRECT");
    expect(body(wrong).error.message).toContain("does not open");
    const right = await upload(c, sid, KOTAK_LOCKED, { password: "RAVI0507" });
    expect(right.status).toBe(200);
    expect(body(right)).toMatchObject({ bank_name: "kotak", identity: { account_number: "1234567890" }, date_range: { from_date: "2024-01-01", to_date: "2024-03-31" } });
  });
});

describe("what the document is", () => {
  it("PDF_IS_IMAGE only for a document with no text at all", async () => {
    const c = client();
    expectCode(await upload(c, await c.newSession(), SCAN), "PDF_IS_IMAGE");
  });

  it("STATEMENT_UNSUPPORTED_FORMAT for a readable PDF that is no bank statement, even with a bank_name", async () => {
    const c = client();
    const ex = await upload(c, await c.newSession(), RECEIPT, { bankName: "hdfc" });
    expectCode(ex, "STATEMENT_UNSUPPORTED_FORMAT");
    expect(body(ex).error.message).toContain("no bank statement");
  });

  it("STATEMENT_UNSUPPORTED_FORMAT for a bank the catalogue does not support", async () => {
    const c = client();
    const ex = await upload(c, await c.newSession(), BARCLAYS);
    expectCode(ex, "STATEMENT_UNSUPPORTED_FORMAT");
    expect(body(ex).error.message).toContain("Barclays");
  });

  it("STATEMENT_TOO_MANY_PAGES at extraction above the page limit (pdfPageLimit)", async () => {
    const c = client({ pdfPageLimit: 10 });
    const sid = await c.newSession({ from_date: "01/04/2023", to_date: "31/03/2024" });
    const up = await upload(c, sid, ICICI_20);
    expect(up.status).toBe(200);
    expect(body(up).page_count).toBe(20);
    const statements = (await uploadStatus(c, sid)).accounts.flatMap((a: Body) => a.statements);
    expect(statements).toEqual([expect.objectContaining({ statement_status: "failed", error_code: "STATEMENT_TOO_MANY_PAGES" })]);
  });

  it("accepts the 20-page statement under the default limit", async () => {
    const c = client();
    const sid = await c.newSession({ from_date: "01/04/2023", to_date: "31/03/2024" });
    const up = await upload(c, sid, ICICI_20);
    expect(body(up)).toMatchObject({ bank_name: "icici", page_count: 20 });
    expect((await uploadStatus(c, sid)).upload_status).toBe("COMPLETED");
  });
});

describe("the bank", () => {
  it("BANK_NAME_MISMATCH when bank_name contradicts the bank the text names", async () => {
    const c = client();
    const ex = await upload(c, await c.newSession({ from_date: "01/04/2024", to_date: "30/06/2024" }), HDFC, { bankName: "sbi" });
    expectCode(ex, "BANK_NAME_MISMATCH");
    expect(body(ex).error.message).toContain("hdfc");
  });

  it("BANK_NAME_UNDETECTED when neither the text nor the request names a bank; bank_name then decides", async () => {
    const c = client();
    const sid = await c.newSession({ from_date: "01/01/2024", to_date: "30/06/2024" });
    expectCode(await upload(c, sid, LOGO_ONLY), "BANK_NAME_UNDETECTED");
    const up = await upload(c, sid, LOGO_ONLY, { bankName: "uco" });
    expect(body(up)).toMatchObject({ bank_name: "uco", identity: { account_number: "3344556677" } });
  });
});

describe("mock conveniences stay", () => {
  it("x-mock-scenario and file-name tokens still force a code on a real PDF", async () => {
    const c = client();
    const sid = await c.newSession();
    expectCode(await upload(c, sid, SCAN, { headers: { "x-mock-scenario": "BANK_NAME_MISMATCH" } }), "BANK_NAME_MISMATCH");
    expectCode(await upload(c, sid, AXIS, { fileName: "axis-PDF_IS_IMAGE.pdf" }), "PDF_IS_IMAGE");
  });

  it("a %PDF- stub no reader opens is accepted as a synthetic statement by default", async () => {
    const c = client();
    const sid = await c.newSession();
    const up = await c.upload(sid, { file: pdfBytes(), bankName: "hdfc" });
    expect(up.status).toBe(200);
    expect(body(up).bank_name).toBe("hdfc");
  });

  it("--strict-pdf (strictPdf) answers INVALID_FILE_OBJECT for that stub, and still reads real PDFs", async () => {
    const c = client({ strictPdf: true });
    const sid = await c.newSession();
    const ex = await c.upload(sid, { file: pdfBytes(), bankName: "hdfc" });
    expectCode(ex, "INVALID_FILE_OBJECT");
    expect(body(ex).error.message).toContain("no PDF reader can open it");
    expect((await upload(c, sid, AXIS)).status).toBe(200);
  });

  it("reads a Base64 upload of a real PDF the same way", async () => {
    const c = client();
    const sid = await c.newSession();
    const ex = await c.upload(sid, { uploadType: "BASE64", file: sample(SCAN).toString("base64") });
    expectCode(ex, "PDF_IS_IMAGE");
  });
});
