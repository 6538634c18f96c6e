/**
 * Reads an uploaded PDF with pdfjs-dist and reports facts, never HTTP codes: whether it opened,
 * whether it needed a password and got the right one, its pages and their text, and what the
 * text says (bank, account, period, transaction table). pdfjs is imported on the first call so
 * the server starts without it.
 */

import { readStatementText, type StatementTextFacts } from "./detect.js";
import type { PageFacts, PdfFacts } from "./facts.js";

export type { PageFacts, PdfFacts } from "./facts.js";

export interface ReadOptions {
  /** The uploaded `pdf_password`; empty counts as none, as the vendor treats it. */
  password?: string;
  /** Extract the text of every page even when the first ones settle every fact. */
  allPages?: boolean;
}

type Pdfjs = typeof import("pdfjs-dist/legacy/build/pdf.min.mjs");

let loading: Promise<Pdfjs> | undefined;

/** pdfjs-dist's legacy build (the one for Node), with its worker code registered to run in-process. */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    // The minified builds: the same code, compiled in about half the time on the first upload.
    const [lib] = await Promise.all([import("pdfjs-dist/legacy/build/pdf.min.mjs"), import("pdfjs-dist/legacy/build/pdf.worker.min.mjs")]);
    return lib;
  })();
  return loading;
}

const PASSWORD_NEEDED = 1;

export async function readPdf(bytes: Uint8Array, options: ReadOptions = {}): Promise<PdfFacts> {
  const pdfjs = await loadPdfjs();
  const password = options.password ? options.password : undefined;
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    ...(password !== undefined ? { password } : {}),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    // No standardFontDataUrl: text and its positions come out the same from the built-in metrics of
    // the 14 standard fonts, and parsing their font programs on every upload cost ~15%.
  });
  try {
    let doc: Awaited<typeof task.promise>;
    try {
      doc = await task.promise;
    } catch (error) {
      const e = error as { name?: string; code?: number; message?: string };
      if (e?.name === "PasswordException") return { kind: e.code === PASSWORD_NEEDED && password === undefined ? "password-missing" : "password-incorrect" };
      return { kind: "unreadable", reason: e?.message ?? String(error) };
    }
    const pages: PageFacts[] = [];
    let text = readStatementText([]);
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const pageText = linesOf(content.items.flatMap((i) => ("str" in i ? [{ str: i.str, transform: i.transform as number[], width: i.width }] : [])));
      pages.push({ text: pageText, hasText: /\S/.test(pageText) });
      page.cleanup();
      text = readStatementText(pages.map((p) => p.text));
      if (!options.allPages && settled(text)) break;
    }
    return {
      kind: "read",
      encrypted: hasEncryptDictionary(bytes),
      pageCount: doc.numPages,
      pages,
      hasText: pages.some((p) => p.hasText),
      text,
    };
  } catch (error) {
    return { kind: "unreadable", reason: (error as Error)?.message ?? String(error) };
  } finally {
    await task.destroy();
  }
}

/** Nothing later pages could add: the bank comes from page 1's letterhead, the rest is found. */
function settled(text: StatementTextFacts): boolean {
  return text.accountNumber !== null && text.period !== null && text.hasTransactionTable;
}

interface PlacedText {
  str: string;
  transform: number[];
  width: number;
}

/**
 * A page's text as lines: items on the same baseline (within 2 points) joined left to right,
 * with a space where the page leaves a gap, lines top to bottom.
 */
function linesOf(items: PlacedText[]): string {
  const rows: Array<{ y: number; items: PlacedText[] }> = [];
  for (const item of items) {
    if (item.str.length === 0) continue;
    const y = item.transform[5];
    const row = rows.find((r) => Math.abs(r.y - y) <= 2);
    if (row) row.items.push(item);
    else rows.push({ y, items: [item] });
  }
  rows.sort((a, b) => b.y - a.y);
  return rows
    .map((row) => {
      row.items.sort((a, b) => a.transform[4] - b.transform[4]);
      let line = "";
      let end = -Infinity;
      for (const item of row.items) {
        const x = item.transform[4];
        if (line && x > end + 0.5 && !/\s$/.test(line) && !/^\s/.test(item.str)) line += " ";
        line += item.str;
        end = x + item.width;
      }
      return line.trimEnd();
    })
    .join("\n");
}

/**
 * Whether the file has an encryption dictionary. pdfjs does not say, and an owner-password-only
 * file opens without a password; the trailer (or cross-reference stream) dictionary that names it
 * is never itself encrypted, so its key is in the plain bytes.
 */
function hasEncryptDictionary(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("/Encrypt");
}
