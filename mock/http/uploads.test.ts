import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseStatementFixture } from "../data/index.js";
import { REPO_ROOT } from "../../openapi/lib/index.js";
import { createTestMock, pdfBytes, type Exchange, type SpecClient, type TestMock } from "../testing/spec-client.js";

const catalogue = JSON.parse(readFileSync(join(REPO_ROOT, "fixtures/scenarios/catalogue.json"), "utf8")) as {
  statement: Array<{ code: string; phase: "upload" | "extraction" }>;
  session: Array<{ name: string }>;
};
const STATEMENT_MESSAGES = (() => {
  const errorCodes = JSON.parse(readFileSync(join(REPO_ROOT, "fixtures/error-codes.json"), "utf8")) as { statement_level: Array<{ code: string; message: string }> };
  return new Map(errorCodes.statement_level.map((e) => [e.code, e.message]));
})();

const UPLOAD_PATH = "/bank-connect/v1/statement/upload_session/";
const HOUR = 3_600_000;

type Body = Record<string, any>;
const body = (ex: Exchange): Body => ex.body as Body;
const errorCode = (ex: Exchange): string | undefined => body(ex).error?.code;

let t: TestMock;
let client: SpecClient;
beforeEach(() => {
  t = createTestMock({ seed: "uploads-test" });
  client = t.client("uploads-key");
});
afterEach(async () => {
  await t.close();
});

function expectRejected(ex: Exchange, code: string, sessionId: string, status = 400): void {
  expect({ status: ex.status, code: errorCode(ex) }).toEqual({ status, code });
  expect(body(ex).session_id).toBe(sessionId);
}

async function uploadStatus(sessionId: string): Promise<Body> {
  const ex = await client.read("getUploadStatus", sessionId);
  expect(ex.status).toBe(200);
  return body(ex);
}

/** Runs processing to the end on the manual clock. */
async function process(sessionId: string): Promise<void> {
  const started = await client.initiate(sessionId);
  expect(started.status).toBe(202);
  t.clock.advance(t.mock.options.processingMs);
}

/** A JSON statement fixture (fixtures/statements format) covering January to March 2024. */
function fixture(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const transactions: Array<Record<string, unknown>> = [];
  const days = ["2024-01-02", "2024-01-12", "2024-01-22", "2024-02-01", "2024-02-11", "2024-02-21", "2024-03-02", "2024-03-12", "2024-03-22", "2024-03-30"];
  days.forEach((date, i) => {
    transactions.push(
      i % 3 === 0
        ? { date, transaction_type: "credit", amount: 52000 + i, transaction_note: `NEFT CR-ACME LTD SALARY ${i}`, category: "Salary" }
        : { date, transaction_type: "debit", amount: 1250.5 + i * 10, transaction_note: `UPI/DR/4021${i}/SWIGGY/ybl` },
    );
  });
  return {
    bankconnect_mock_statement: 1,
    bank_name: "hdfc",
    account: { account_number: "50100199733559", name: "MR. RAVI KUMAR", account_category: "individual" },
    period: { from_date: "2024-01-01", to_date: "2024-03-31" },
    opening_balance: 10000,
    transactions,
    ...overrides,
  };
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value, null, 2));

describe("file checks", () => {
  it("answers EMPTY_FILE for a zero-byte file", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { file: Buffer.alloc(0) });
    expectRejected(ex, "EMPTY_FILE", sid);
    expect((await uploadStatus(sid)).accounts).toEqual([]);
  });

  it("answers INVALID_FILE_OBJECT for bytes that are neither a PDF nor a statement fixture", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { file: Buffer.from("GIF89a not a statement"), fileName: "statement.pdf" });
    expectRejected(ex, "INVALID_FILE_OBJECT", sid);
  });

  it("answers STATEMENT_DUPLICATE for the same bytes twice in one session, but not in another session", async () => {
    const bytes = pdfBytes("dup");
    const sid = await client.newSession();
    const first = await client.upload(sid, { file: bytes });
    expect(first.status).toBe(200);
    const again = await client.upload(sid, { file: bytes, fileName: "renamed.pdf" });
    expectRejected(again, "STATEMENT_DUPLICATE", sid);
    expect(body(again).statement_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body(again).statement_id).not.toBe(body(first).statement_id);

    const other = await client.newSession();
    expect((await client.upload(other, { file: bytes })).status).toBe(200);
    expect((await uploadStatus(sid)).accounts.flatMap((a: Body) => a.statements)).toHaveLength(1);
  });

  it("answers MISSING_FILE_OBJECT when neither file nor file_url is sent", async () => {
    const sid = await client.newSession();
    expectRejected(await client.upload(sid, { noFile: true }), "MISSING_FILE_OBJECT", sid);
  });

  it("answers PASSWORD_INCORRECT for an encrypted PDF without pdf_password, and accepts it with one", async () => {
    const sid = await client.newSession();
    const locked = Buffer.from("%PDF-1.6\n1 0 obj << /Filter /Standard /V 2 >> endobj\ntrailer << /Encrypt 1 0 R >>\n/Font /F1\n%%EOF\n");
    expectRejected(await client.upload(sid, { file: locked }), "PASSWORD_INCORRECT", sid);
    const ok = await client.upload(sid, { file: locked, password: "ravi1990" });
    expect(ok.status).toBe(200);
    const pdfs = body(await client.read("getPdfs", sid)).statements;
    expect(pdfs).toEqual([expect.objectContaining({ statement_id: body(ok).statement_id, pdf_password: "ravi1990" })]);
  });

  it("answers PDF_IS_IMAGE for a PDF that draws an image and has no font", async () => {
    const sid = await client.newSession();
    const scan = Buffer.from("%PDF-1.4\n4 0 obj << /Type /XObject /Subtype /Image /Width 2480 >> endobj\n%%EOF\n");
    expectRejected(await client.upload(sid, { file: scan }), "PDF_IS_IMAGE", sid);
    const withText = Buffer.from("%PDF-1.4\n4 0 obj << /Type /XObject /Subtype /Image >> endobj\n/Font /F1\n%%EOF\n");
    expect((await client.upload(sid, { file: withText })).status).toBe(200);
  });

  it("accepts the vendor's sample upload: a PDF with bank_name=hdfc and identity=true", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { file: pdfBytes("vendor-sample"), fileName: "hdfc_statement.pdf", bankName: "hdfc", query: "?identity=true" });
    expect(ex.status).toBe(200);
    const b = body(ex);
    expect(b).toMatchObject({ bank_name: "hdfc", session_id: sid, status: 1, country_code: "IN", currency_code: "INR" });
    expect(b.identity).toMatchObject({ bank_name: "hdfc", account_id: b.account_id });
    expect((await uploadStatus(sid)).upload_status).toBe("COMPLETED");
  });

  it("leaves out the identity block with identity=false", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { query: "?identity=false" });
    expect(ex.status).toBe(200);
    expect(body(ex).identity).toBeUndefined();
  });
});

describe("BASE64 and file_url", () => {
  it("accepts the Base64 text of a PDF in the file field", async () => {
    const sid = await client.newSession();
    const bytes = pdfBytes("b64");
    const ex = await client.upload(sid, { uploadType: "BASE64", file: bytes.toString("base64") });
    expect(ex.status).toBe(200);
    // The decoded bytes are what is stored: the same PDF uploaded as a file is now a duplicate.
    expectRejected(await client.upload(sid, { file: bytes }), "STATEMENT_DUPLICATE", sid);
  });

  it("answers INVALID_BASE_64 for text that is not Base64", async () => {
    const sid = await client.newSession();
    expectRejected(await client.upload(sid, { uploadType: "BASE64", file: "this is *not* base64!" }), "INVALID_BASE_64", sid);
  });

  it("accepts an http(s) file_url", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { fileUrl: "https://files.example.com/statements/hdfc-jan.pdf" });
    expect(ex.status).toBe(200);
    expect(body(ex).bank_name).toBe("hdfc");
    expect((await client.upload(sid, { fileUrl: "http://files.example.com/sbi.pdf" })).status).toBe(200);
  });

  it.each(["not a url", "ftp://files.example.com/statement.pdf"])("answers INVALID_FILE_URL for file_url %j", async (url) => {
    const sid = await client.newSession();
    expectRejected(await client.upload(sid, { fileUrl: url }), "INVALID_FILE_URL", sid);
  });
});

describe("bank detection", () => {
  it("takes the bank from bank_name", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { bankName: "ICICI" });
    expect(body(ex).bank_name).toBe("icici");
    expect((await uploadStatus(sid)).accounts[0].bank_name).toBe("icici");
  });

  it("takes the bank from the file name when bank_name is absent", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { fileName: "sbi-march.pdf" });
    expect(ex.status).toBe(200);
    expect(body(ex).bank_name).toBe("sbi");
  });

  it("derives a bank from the bytes when neither is given, the same one for the same bytes", async () => {
    const bytes = pdfBytes("bankless");
    const a = await client.upload(await client.newSession(), { file: bytes, fileName: "statement.pdf" });
    const b = await client.upload(await client.newSession(), { file: bytes, fileName: "upload.pdf" });
    expect(a.status).toBe(200);
    expect(body(a).bank_name).toMatch(/^[a-z_]+$/);
    expect(body(b).bank_name).toBe(body(a).bank_name);
  });

  it("derives only banks of the catalogue for bankless uploads", async () => {
    const identifiers = new Set((body(await client.banks()).banks as Body[]).map((b) => String(b.name).toLowerCase()));
    const sid = await client.newSession();
    const derived = new Set<string>();
    for (let i = 0; i < 24; i++) {
      const ex = await client.upload(sid, { file: pdfBytes(`bankless-${i}`), fileName: "statement.pdf" });
      expect(ex.status).toBe(200);
      derived.add(String(body(ex).bank_name));
    }
    expect(derived.size).toBeGreaterThan(3);
    expect([...derived].filter((b) => !identifiers.has(b))).toEqual([]);
  });

  it("uses the session's bank_name when the upload names none", async () => {
    const sid = await client.newSession({ bank_name: "axis" });
    expect(body(await client.upload(sid)).bank_name).toBe("axis");
  });

  it("answers BANK_NAME_MISMATCH when bank_name contradicts the file name", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { fileName: "sbi-march.pdf", bankName: "hdfc" });
    expectRejected(ex, "BANK_NAME_MISMATCH", sid);
    expect(body(ex).error.message).toMatch(/sbi/);
  });

  it("answers INVALID_BANK_NAME for an unknown bank_name", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { bankName: "bank_of_nowhere" });
    expectRejected(ex, "INVALID_BANK_NAME", sid);
    expect(body(ex).error.message).toContain("bank_of_nowhere");
  });
});

describe("statement scenarios", () => {
  it("rejects with an upload-time code named by x-mock-scenario, with a statement_id", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { headers: { "x-mock-scenario": "OUT_OF_DATE_RANGE" } });
    expectRejected(ex, "OUT_OF_DATE_RANGE", sid);
    expect(body(ex).statement_id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await uploadStatus(sid)).upload_status).toBe("NO_UPLOAD");
  });

  it("rejects with an upload-time code named in the file name", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { fileName: "statement-OUT_OF_DATE_RANGE.pdf" });
    expectRejected(ex, "OUT_OF_DATE_RANGE", sid);
    expect(body(ex).statement_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("accepts an extraction-time code, then shows a failed statement that does not cover the range", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { bankName: "hdfc", headers: { "x-mock-scenario": "EXTRACTION_FAILED" } });
    expect(ex.status).toBe(200);
    const status = await uploadStatus(sid);
    expect(status.upload_status).toBe("IN_PROGRESS");
    expect(status.accounts).toHaveLength(1);
    expect(status.accounts[0].account_status).toBe("PARTIAL");
    expect(status.accounts[0].statements).toEqual([
      expect.objectContaining({
        statement_id: body(ex).statement_id,
        statement_status: "failed",
        error_code: "EXTRACTION_FAILED",
        error_message: STATEMENT_MESSAGES.get("EXTRACTION_FAILED"),
      }),
    ]);
    expect(body(ex).months).toEqual([]);
  });

  for (const { code, phase } of catalogue.statement) {
    for (const via of ["header", "file name"] as const) {
      it(`reproduces ${code} (${phase}) via ${via}`, async () => {
        const sid = await client.newSession();
        const ex =
          via === "header"
            ? await client.upload(sid, { headers: { "x-mock-scenario": code } })
            : await client.upload(sid, { fileName: `statement-${code}.pdf` });
        if (phase === "upload") {
          expectRejected(ex, code, sid);
          expect(body(ex).statement_id).not.toBe("");
          expect((await uploadStatus(sid)).accounts).toEqual([]);
        } else {
          expect(ex.status).toBe(200);
          const statements = (await uploadStatus(sid)).accounts.flatMap((a: Body) => a.statements);
          expect(statements).toEqual([
            expect.objectContaining({ statement_id: body(ex).statement_id, statement_status: "failed", error_code: code, error_message: STATEMENT_MESSAGES.get(code) }),
          ]);
          expect((await uploadStatus(sid)).upload_status).toBe("IN_PROGRESS");
        }
      });
    }
  }

  it("answers 400 INVALID_REQUEST listing the valid scenarios for an unknown x-mock-scenario", async () => {
    const sid = await client.newSession();
    const ex = await client.upload(sid, { headers: { "x-mock-scenario": "NO_SUCH_CODE" } });
    expect({ status: ex.status, code: errorCode(ex) }).toEqual({ status: 400, code: "INVALID_REQUEST" });
    const message = String(body(ex).error.message);
    expect(message).toContain("NO_SUCH_CODE");
    for (const { code } of catalogue.statement) expect(message).toContain(code);
    expect((await uploadStatus(sid)).accounts).toEqual([]);
  });
});

describe("request format", () => {
  const raw = (build: (r: request.Test) => request.Test) =>
    client.call("uploadStatement", "POST", UPLOAD_PATH, build, { "x-api-key": client.apiKey });

  it("answers INVALID_FILE_OBJECT to a JSON body", async () => {
    const sid = await client.newSession();
    const ex = await raw((r) => r.set("content-type", "application/json").send(JSON.stringify({ session_id: sid, upload_type: "PDF", file: "x" })));
    expect({ status: ex.status, code: errorCode(ex) }).toEqual({ status: 400, code: "INVALID_FILE_OBJECT" });
    expect(body(ex).error.message).toMatch(/form/);
  });

  it("accepts x-www-form-urlencoded with file_url or a Base64 file", async () => {
    const sid = await client.newSession();
    const byUrl = await raw((r) => r.type("form").send({ session_id: sid, upload_type: "PDF", file_url: "https://files.example.com/icici-q1.pdf" }));
    expect(byUrl.status).toBe(200);
    expect(body(byUrl).bank_name).toBe("icici");
    const b64 = await raw((r) => r.type("form").send({ session_id: sid, upload_type: "BASE64", file: pdfBytes("form-b64").toString("base64"), bank_name: "icici" }));
    expect(b64.status).toBe(200);
    expect((await uploadStatus(sid)).accounts.flatMap((a: Body) => a.statements)).toHaveLength(2);
  });

  it("answers 415 to text/plain", async () => {
    const ex = await raw((r) => r.set("content-type", "text/plain").send("session_id=x"));
    expect(ex.status).toBe(415);
  });

  it("answers 413 PAYLOAD_TOO_LARGE to an upload over the limit, and takes one under it", async () => {
    const small = createTestMock({ uploadLimitBytes: 2048 });
    try {
      const c = small.client("limit-key");
      const sid = await c.newSession();
      const big = Buffer.concat([Buffer.from("%PDF-1.4\n/Font /F1\n"), Buffer.alloc(4096, 0x41)]);
      const ex = await c.upload(sid, { file: big });
      expect({ status: ex.status, code: errorCode(ex) }).toEqual({ status: 413, code: "PAYLOAD_TOO_LARGE" });
      expect((await c.upload(sid, { file: pdfBytes("small") })).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});

describe("upload response", () => {
  const monthsOf = (fromIso: string, toIso: string): string[] => {
    const out: string[] = [];
    let [y, m] = fromIso.split("-").map(Number);
    const [ty, tm] = toIso.split("-").map(Number);
    while (y < ty || (y === ty && m <= tm)) {
      out.push(`${y}-${String(m).padStart(2, "0")}`);
      m += 1;
      if (m > 12) {
        m = 1;
        y += 1;
      }
    }
    return out;
  };

  it.each([
    ["single_account", undefined],
    ["partial_upload", "partial_upload"],
  ])("has consistent identity, months and date range (%s)", async (_name, scenario) => {
    const sid = await client.newSession({ from_date: "15/11/2023", to_date: "10/02/2024" }, scenario ? { "x-mock-scenario": scenario } : {});
    const sessionMonths = monthsOf("2023-11-15", "2024-02-10");
    for (let i = 0; i < 2; i++) {
      const ex = await client.upload(sid, { bankName: "kotak", query: "?identity=true" });
      const b = body(ex);
      expect(b.identity.account_id).toBe(b.account_id);
      expect(b.identity.bank_name).toBe(b.bank_name);
      expect(b.extracted_date_range).toEqual(b.date_range);
      expect(b.date_range.from_date >= "2023-11-15").toBe(true);
      expect(b.date_range.to_date <= "2024-02-10").toBe(true);
      expect(b.date_range.from_date <= b.date_range.to_date).toBe(true);
      expect(b.months).toEqual(monthsOf(b.date_range.from_date, b.date_range.to_date));
      expect([...b.months, ...b.missing_months].sort()).toEqual(sessionMonths);
      expect(b.months.filter((m: string) => b.missing_months.includes(m))).toEqual([]);
      if (b.masked_account_number !== null) expect(b.masked_account_number.slice(-4)).toBe(String(b.identity.account_number).slice(-4));
    }
  });

  it("serves the uploaded bytes behind the get_pdfs link for one virtual hour, then 410", async () => {
    const sid = await client.newSession();
    const bytes = pdfBytes("served-back");
    const up = await client.upload(sid, { file: bytes });
    const pdfs = body(await client.read("getPdfs", sid)).statements as Body[];
    expect(pdfs).toHaveLength(1);
    expect(pdfs[0]).toMatchObject({ statement_id: body(up).statement_id, account_id: body(up).account_id });
    const link = new URL(pdfs[0].pdf_url as string);
    expect(link.pathname).toBe(`/__mock/files/${body(up).statement_id}`);
    const fetchLink = () =>
      request(t.app)
        .get(link.pathname + link.search)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => cb(null, Buffer.concat(chunks)));
        });

    const served = await fetchLink();
    expect(served.status).toBe(200);
    expect(Buffer.compare(served.body as Buffer, bytes)).toBe(0);

    t.clock.advance(HOUR - 1);
    expect((await fetchLink()).status).toBe(200);
    t.clock.advance(2);
    const gone = await fetchLink();
    expect(gone.status).toBe(410);
    expect(JSON.parse((gone.body as Buffer).toString("utf8"))).toMatchObject({ error: { code: "LINK_EXPIRED" } });

    const forged = await request(t.app).get(`${link.pathname}?expires=${Date.now() + HOUR * 1000}&signature=deadbeef`);
    expect(forged.status).toBe(404);
  });

  it("stops serving get_pdfs links once the session is deleted", async () => {
    const sid = await client.newSession();
    await client.upload(sid);
    const link = new URL(body(await client.read("getPdfs", sid)).statements[0].pdf_url as string);
    expect((await request(t.app).get(link.pathname + link.search)).status).toBe(200);
    await client.deleteSession(sid);
    const gone = await request(t.app).get(link.pathname + link.search);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe("SESSION_DELETED");
  });
});

describe("JSON statement fixtures", () => {
  async function insightsTransactions(sid: string): Promise<Body[]> {
    await process(sid);
    const insights = body(await client.read("getInsights", sid));
    expect(insights.accounts).toHaveLength(1);
    return insights.accounts[0].data.transactions as Body[];
  }
  const key = (tx: { date: string; transaction_type: string; amount: number }) => `${tx.date.slice(0, 10)} ${tx.transaction_type} ${tx.amount.toFixed(2)}`;

  it("derives exactly the fixture's transactions", async () => {
    const fx = fixture();
    const sid = await client.newSession();
    const up = await client.upload(sid, { file: json(fx), fileName: "ravi.json" });
    expect(up.status).toBe(200);
    expect(body(up)).toMatchObject({ bank_name: "hdfc", date_range: { from_date: "2024-01-01", to_date: "2024-03-31" } });
    expect((await uploadStatus(sid)).accounts[0]).toMatchObject({ account_number: "50100199733559", account_status: "COMPLETED" });
    const txns = await insightsTransactions(sid);
    const expected = (fx.transactions as Array<{ date: string; transaction_type: string; amount: number }>).map(key);
    expect(txns.map((x) => key(x as never)).sort()).toEqual(expected.sort());
  });

  it("answers OUT_OF_DATE_RANGE for a fixture entirely outside the session range", async () => {
    const sid = await client.newSession({ from_date: "01/06/2024", to_date: "31/08/2024" });
    const ex = await client.upload(sid, { file: json(fixture()), fileName: "ravi.json" });
    expectRejected(ex, "OUT_OF_DATE_RANGE", sid);
    expect((await uploadStatus(sid)).accounts).toEqual([]);
  });

  it("answers INVALID_FILE_OBJECT naming the offending field of an invalid fixture", async () => {
    const sid = await client.newSession();
    const fx = fixture();
    (fx.transactions as Array<Record<string, unknown>>)[3].amount = -5;
    const ex = await client.upload(sid, { file: json(fx), fileName: "broken.json" });
    expectRejected(ex, "INVALID_FILE_OBJECT", sid);
    expect(body(ex).error.message).toContain("transactions[3].amount");

    const typo = await client.upload(sid, { file: json(fixture({ bank: "hdfc" })), fileName: "typo.json" });
    expectRejected(typo, "INVALID_FILE_OBJECT", sid);
    expect(body(typo).error.message).toContain("bank");
  });

  it("answers BANK_NAME_MISMATCH when bank_name contradicts the fixture's bank", async () => {
    const sid = await client.newSession();
    expectRejected(await client.upload(sid, { file: json(fixture()), fileName: "ravi.json", bankName: "sbi" }), "BANK_NAME_MISMATCH", sid);
  });

  const dir = join(REPO_ROOT, "fixtures/statements");
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
  const usable = files.filter((f) => {
    const parsed = parseStatementFixture(JSON.parse(readFileSync(join(dir, f), "utf8")));
    return parsed.ok && parsed.value.transactions.length > 0;
  });
  const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

  it.runIf(usable.length > 0).each(usable)("derives exactly the transactions of fixtures/statements/%s", async (name) => {
    const bytes = readFileSync(join(dir, name));
    const parsed = parseStatementFixture(JSON.parse(bytes.toString("utf8")));
    if (!parsed.ok) throw new Error("unreachable");
    const fx = parsed.value;
    const dates = fx.transactions.map((x) => x.date).sort();
    const from = fx.period?.from_date ?? dates[0];
    let to = fx.period?.to_date ?? dates[dates.length - 1];
    if (to === from) to = `${Number(from.slice(0, 4)) + 1}${from.slice(4)}`;
    const sid = await client.newSession({ from_date: dmy(from), to_date: dmy(to) });
    const up = await client.upload(sid, { file: bytes, fileName: name });
    expect(up.status).toBe(200);
    const txns = await insightsTransactions(sid);
    expect(txns.map((x) => key(x as never)).sort()).toEqual(fx.transactions.map(key).sort());
  });

  it.runIf(usable.length > 0).each(usable)("answers OUT_OF_DATE_RANGE for fixtures/statements/%s in a session two years later", async (name) => {
    const bytes = readFileSync(join(dir, name));
    const parsed = parseStatementFixture(JSON.parse(bytes.toString("utf8")));
    if (!parsed.ok) throw new Error("unreachable");
    const last = parsed.value.period?.to_date ?? parsed.value.transactions.map((x) => x.date).sort().at(-1) ?? "";
    const year = Number(last.slice(0, 4)) + 2;
    const sid = await client.newSession({ from_date: `01/01/${year}`, to_date: `31/03/${year}` });
    expectRejected(await client.upload(sid, { file: bytes, fileName: name }), "OUT_OF_DATE_RANGE", sid);
  });
});
