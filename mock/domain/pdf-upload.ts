/**
 * Uploads with their PDF read first. Reading is asynchronous (pdfjs); the upload command is not.
 * Each upload starts reading at once, but uploads of one session are applied in the order they
 * arrived, so the same requests give the same statement ids and bytes however long each read takes.
 */
import { latin1Text } from "../core/bytes.js";
import type { PdfFacts } from "../pdf/facts.js";
import type { Result } from "./failure.js";
import { decodeBase64, fileKind } from "./file-inspect.js";

export interface PdfReadInput {
  uploadType: "PDF" | "BASE64";
  file?: { bytes: Uint8Array };
  pdfPassword?: string;
}

export type ReadPdf = (bytes: Uint8Array, options: { password?: string }) => Promise<PdfFacts>;

export function createPdfUploads<I extends PdfReadInput, O>(deps: {
  /** The synchronous upload command; gets the reader's facts for a PDF. */
  upload: (tenant: string, sessionId: string, input: I & { pdfFacts?: PdfFacts }) => Result<O>;
  readPdf: ReadPdf;
}): (tenant: string, sessionId: string, input: I) => Promise<Result<O>> {
  const tails = new Map<string, Promise<void>>();
  return (tenant, sessionId, input) => {
    const bytes = pdfBytesOf(input);
    const reading: Promise<PdfFacts | undefined> = bytes
      ? deps.readPdf(bytes, input.pdfPassword !== undefined ? { password: input.pdfPassword } : {}).catch((e: unknown): PdfFacts => ({ kind: "unreadable", reason: String(e) }))
      : Promise.resolve(undefined);
    const key = `${tenant}\u0000${sessionId}`;
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(async () => {
      const pdfFacts = await reading;
      return deps.upload(tenant, sessionId, pdfFacts ? { ...input, pdfFacts } : input);
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}

/** The uploaded bytes when they are a PDF (Base64 decoded); a file_url upload has none to read. */
function pdfBytesOf(input: PdfReadInput): Uint8Array | undefined {
  if (!input.file || input.file.bytes.length === 0) return undefined;
  const bytes = input.uploadType === "BASE64" ? decodeBase64(latin1Text(input.file.bytes)) : input.file.bytes;
  return bytes && fileKind(bytes) === "pdf" ? bytes : undefined;
}
