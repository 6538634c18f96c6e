/**
 * Upload latency of a real 20-page text statement (fixtures/statements/, read with pdfjs) beside
 * the same upload of a `%PDF-` stub no reader opens: sequential requests against a mock in a child
 * process, each upload into a fresh session, alternating the two files, median per file. The first
 * PDF upload also loads pdfjs and is reported on its own.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { median } from "./load.js";
import { request, startServer } from "./proc.js";

export interface PdfUploadResult {
  file: string;
  pages: number;
  rounds: number;
  /** The first real-PDF upload: pdfjs is imported then. */
  firstPdfUploadMs: number;
  pdfMedianMs: number;
  stubMedianMs: number;
  pdfRunsMs: number[];
  stubRunsMs: number[];
}

const FILE = "icici-savings-20-pages-fy2023-24.pdf";

function multipart(fields: Record<string, string>, name: string, bytes: Buffer): { body: Buffer; contentType: string } {
  const boundary = "----benchpdfupload";
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`));
  parts.push(bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export async function benchPdfUpload(root: string, command: { command: string; args: string[] }, auth: Record<string, string>, apiKey: string, rounds: number): Promise<PdfUploadResult> {
  const pdf = readFileSync(join(root, "fixtures/statements", FILE));
  const server = await startServer(command.command, command.args, { cwd: root });
  try {
    const uploadOnce = async (bytes: Buffer, fields: Record<string, string>): Promise<number> => {
      const created = await request(server.port, "POST", "/bank-connect/v1/session/", { ...auth, "content-type": "application/json" }, JSON.stringify({ link_id: "bench-pdf", api_key: apiKey, from_date: "01/04/2023", to_date: "31/03/2024" }));
      if (created.status !== 200) throw new Error(`create session: HTTP ${created.status} ${created.body.toString()}`);
      const sessionId = (JSON.parse(created.body.toString("utf8")) as { session_id: string }).session_id;
      const form = multipart({ session_id: sessionId, upload_type: "PDF", ...fields }, "statement.pdf", bytes);
      const started = performance.now();
      const res = await request(server.port, "POST", "/bank-connect/v1/statement/upload_session/", { ...auth, "content-type": form.contentType }, form.body);
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`upload: HTTP ${res.status} ${res.body.toString().slice(0, 300)}`);
      return ms;
    };
    const firstPdfUploadMs = await uploadOnce(pdf, {});
    await uploadOnce(Buffer.from("%PDF-1.4\n% bench stub warm-up\n%%EOF\n"), { bank_name: "icici" });
    const pdfRunsMs: number[] = [];
    const stubRunsMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      pdfRunsMs.push(await uploadOnce(pdf, {}));
      stubRunsMs.push(await uploadOnce(Buffer.from(`%PDF-1.4\n% bench stub ${i}\n%%EOF\n`), { bank_name: "icici" }));
    }
    const r1 = (n: number): number => Math.round(n * 10) / 10;
    return {
      file: FILE,
      pages: 20,
      rounds,
      firstPdfUploadMs: r1(firstPdfUploadMs),
      pdfMedianMs: r1(median(pdfRunsMs)),
      stubMedianMs: r1(median(stubRunsMs)),
      pdfRunsMs: pdfRunsMs.map(r1),
      stubRunsMs: stubRunsMs.map(r1),
    };
  } finally {
    await server.stop();
  }
}
