import { PDFDocument, PDFDict, PDFName, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage } from "@cantoo/pdf-lib";
import { greyPng } from "./png.js";
import type { DateStyle, PdfSpec, StatementLayout } from "./specs.js";

const A4: [number, number] = [595.28, 841.89];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Fixed document dates keep the output byte-for-byte reproducible. */
const FIXED_DATE = new Date(Date.UTC(2024, 6, 1, 9, 30, 0));

/** Deterministic PRNG (mulberry32): the same spec always draws the same rows. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function drawPdf(spec: PdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  doc.setProducer("bankconnect-mock-kit scripts/make-statement-pdfs.ts");
  doc.setCreator("bankconnect-mock-kit");
  let objectStreams = false;
  if (spec.kind === "statement") {
    doc.setTitle("Account Statement");
    await drawStatement(doc, spec.layout);
    objectStreams = spec.layout.objectStreams;
    if (objectStreams) resourcesAsObjects(doc);
    if (spec.password) {
      await withSeededRandom(spec.layout.seed, () => doc.encrypt({ userPassword: spec.password, ownerPassword: `${spec.password}-owner` }));
    }
  } else if (spec.kind === "image-only") {
    await drawScan(doc);
  } else {
    await drawRentReceipt(doc);
  }
  return withSeededRandom(7, () => doc.save({ useObjectStreams: objectStreams }));
}

/**
 * Page dictionaries stay outside object streams in pdf-lib's output; moving each page's resources
 * into an indirect object puts every font dictionary inside a compressed object stream, as many
 * producers do, so no `/Font` is left in the file's plain bytes.
 */
function resourcesAsObjects(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const resources = page.node.get(PDFName.of("Resources"));
    if (resources instanceof PDFDict) page.node.set(PDFName.of("Resources"), doc.context.register(resources));
  }
}

/** Encryption draws its file id and salts from crypto.getRandomValues: seed it so the file is reproducible. */
async function withSeededRandom<T>(seed: number, run: () => T | Promise<T>): Promise<T> {
  const original = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
  const next = prng(seed);
  const seeded = <A extends ArrayBufferView | null>(array: A): A => {
    if (array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
    }
    return array;
  };
  Object.defineProperty(globalThis.crypto, "getRandomValues", { value: seeded, configurable: true, writable: true });
  try {
    return await run();
  } finally {
    Object.defineProperty(globalThis.crypto, "getRandomValues", { value: original, configurable: true, writable: true });
  }
}

interface Row {
  date: string;
  note: string;
  ref: string;
  debit: number | null;
  credit: number | null;
  balance: number;
}

function rowsOf(layout: StatementLayout): Row[] {
  const rand = prng(layout.seed);
  const count = layout.pages * layout.rowsPerPage;
  const from = Date.parse(`${layout.from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${layout.to}T00:00:00Z`) - from) / 86_400_000);
  let balance = layout.openingBalance;
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    // Spread evenly so the first and last rows sit on the period's first and last days.
    const day = count === 1 ? 0 : Math.round((i * days) / (count - 1));
    const date = new Date(from + day * 86_400_000);
    const isCredit = i % 9 === 0 || rand() < 0.18;
    const amount = Math.round((isCredit ? 2_000 + rand() * 60_000 : 40 + rand() * Math.min(9_000, Math.max(200, balance / 4))) * 100) / 100;
    balance = Math.round((balance + (isCredit ? amount : -amount)) * 100) / 100;
    const ref = String(Math.floor(rand() * 1e12)).padStart(12, "0");
    rows.push({ date: formatDate(date, layout.dateStyle), note: noteOf(layout.noteStyle, isCredit, i, ref, rand), ref: ref.slice(-10), debit: isCredit ? null : amount, credit: isCredit ? amount : null, balance });
  }
  return rows;
}

const PAYEES = ["SWIGGY", "ZOMATO", "BIGBASKET", "AMAZON PAY", "IRCTC", "BESCOM", "AIRTEL PREPAID", "UBER INDIA", "DMART", "APOLLO PHARMACY"];
const PAYERS = ["ACME TECHNOLOGIES PVT LTD", "R K TRADERS", "SHARMA AND SONS", "NAIR ENTERPRISES"];

function noteOf(style: StatementLayout["noteStyle"], credit: boolean, i: number, ref: string, rand: () => number): string {
  const payee = PAYEES[Math.floor(rand() * PAYEES.length)];
  const payer = PAYERS[i % PAYERS.length];
  if (style === "tilde") {
    return credit ? `NEFT-CITIN${ref.slice(0, 8)}-${payer}` : `UPI/${ref}/${payee}/${payee.toLowerCase().replace(/ /g, "")}@ybl/Payment`;
  }
  if (style === "psu") {
    return credit ? `BY TRANSFER-NEFT*HDFC0000001*N${ref.slice(0, 9)}*${payer}` : `TO TRANSFER-UPI/DR/${ref}/${payee}/YESB/${payee.toLowerCase().replace(/ /g, "")}@ybl`;
  }
  return credit ? `NEFT CR-ICIC0000104-${payer}-SALARY` : `UPI-${payee}-${payee.toLowerCase().replace(/ /g, "")}@okicici-ICIC0000104-${ref}-PAYMENT`;
}

function formatDate(d: Date, style: DateStyle): string {
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  const yyyy = String(d.getUTCFullYear());
  const mon = MONTHS[d.getUTCMonth()];
  switch (style) {
    case "dd/mm/yy":
      return `${dd}/${mm}/${yyyy.slice(2)}`;
    case "dd-mm-yyyy":
      return `${dd}-${mm}-${yyyy}`;
    case "dd/mm/yyyy":
      return `${dd}/${mm}/${yyyy}`;
    case "dd Mon yyyy":
      return `${dd} ${mon} ${yyyy}`;
    case "dd-Mon-yyyy":
      return `${dd}-${mon}-${yyyy}`;
  }
}

/** Indian digit grouping: 1,23,456.78. */
function inr(n: number): string {
  const [whole, paise] = Math.abs(n).toFixed(2).split(".");
  const last3 = whole.slice(-3);
  const rest = whole.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ",");
  return `${n < 0 ? "-" : ""}${rest ? `${rest},` : ""}${last3}.${paise}`;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

async function drawStatement(doc: PDFDocument, layout: StatementLayout): Promise<void> {
  const fonts: Fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const logo = layout.logo ? await doc.embedPng(logoPng()) : undefined;
  const rows = rowsOf(layout);
  for (let p = 0; p < layout.pages; p++) {
    const page = doc.addPage(A4);
    let y = A4[1] - 40;
    if (logo) {
      page.drawImage(logo, { x: 36, y: y - 30, width: 90, height: 30 });
      y -= 40;
    }
    if (p === 0) {
      layout.letterhead.forEach((line, i) => {
        page.drawText(line, { x: 36, y, size: i === 0 ? 16 : 8, font: i === 0 ? fonts.bold : fonts.regular });
        y -= i === 0 ? 18 : 11;
      });
      y -= 6;
      for (const line of layout.details) {
        page.drawText(line, { x: 36, y, size: 8, font: fonts.regular });
        y -= 11;
      }
    } else if (layout.letterhead.length > 0) {
      page.drawText(layout.letterhead[0], { x: 36, y, size: 10, font: fonts.bold });
      y -= 14;
    }
    page.drawText(layout.periodLine, { x: 36, y, size: 8, font: fonts.bold });
    y -= 16;
    if (p === 0) {
      page.drawText(`Opening Balance : ${inr(layout.openingBalance)}`, { x: 36, y, size: 8, font: fonts.regular });
      y -= 14;
    }
    y = drawTable(page, fonts, layout, rows.slice(p * layout.rowsPerPage, (p + 1) * layout.rowsPerPage), y);
    if (p === layout.pages - 1) {
      const last = rows[rows.length - 1];
      page.drawText(`Closing Balance : ${inr(last.balance)}`, { x: 36, y: y - 10, size: 8, font: fonts.bold });
    }
    page.drawText("This is a computer generated statement and does not require a signature.", { x: 36, y: 40, size: 7, font: fonts.regular });
    page.drawText(`Page ${p + 1} of ${layout.pages}`, { x: 500, y: 40, size: 7, font: fonts.regular });
  }
}

const COLUMN_X = { date: 36, note: 92, ref: 318, debit: 430, credit: 495, balance: 560 } as const;

function drawTable(page: PDFPage, fonts: Fonts, layout: StatementLayout, rows: Row[], top: number): number {
  const [date, narration, ref, debit, credit, balance] = layout.columns;
  const size = 7;
  const right = (text: string, x: number, y: number, font = fonts.regular): void => {
    page.drawText(text, { x: x - font.widthOfTextAtSize(text, size), y, size, font });
  };
  let y = top;
  page.drawRectangle({ x: 32, y: y - 3, width: 532, height: 12, color: rgb(0.88, 0.9, 0.94) });
  page.drawText(date, { x: COLUMN_X.date, y, size, font: fonts.bold });
  page.drawText(narration, { x: COLUMN_X.note, y, size, font: fonts.bold });
  page.drawText(ref, { x: COLUMN_X.ref, y, size, font: fonts.bold });
  right(debit, COLUMN_X.debit, y, fonts.bold);
  right(credit, COLUMN_X.credit, y, fonts.bold);
  right(balance, COLUMN_X.balance, y, fonts.bold);
  y -= 14;
  for (const row of rows) {
    page.drawText(row.date, { x: COLUMN_X.date, y, size, font: fonts.regular });
    page.drawText(fit(row.note, fonts.regular, size, COLUMN_X.ref - COLUMN_X.note - 6), { x: COLUMN_X.note, y, size, font: fonts.regular });
    page.drawText(row.ref, { x: COLUMN_X.ref, y, size, font: fonts.regular });
    if (row.debit !== null) right(inr(row.debit), COLUMN_X.debit, y);
    if (row.credit !== null) right(inr(row.credit), COLUMN_X.credit, y);
    right(inr(row.balance), COLUMN_X.balance, y);
    y -= 11;
  }
  return y;
}

function fit(text: string, font: PDFFont, size: number, width: number): string {
  let t = text;
  while (t.length > 4 && font.widthOfTextAtSize(t, size) > width) t = t.slice(0, -1);
  return t;
}

function logoPng(): Uint8Array {
  // A 180x60 mark: a dark disc and three bars, enough to be an image XObject a byte scan sees.
  return greyPng(180, 60, (x, y) => ((x - 30) ** 2 + (y - 30) ** 2 < 600 || (x > 70 && x < 170 && y % 18 > 6 && y % 18 < 14) ? 40 : 255));
}

async function drawScan(doc: PDFDocument): Promise<void> {
  const rand = prng(97);
  // Grey "ink" bars in text-line rhythm: a page photographed or scanned, with no text layer.
  const widths: number[] = [];
  for (let line = 0; line < 60; line++) widths.push(80 + Math.floor(rand() * 300));
  const png = greyPng(420, 594, (x, y) => {
    if (y < 30 || y > 560 || x < 30 || x > 390) return 250;
    const line = Math.floor((y - 30) / 9);
    const inLine = (y - 30) % 9 < 5;
    const word = Math.floor((x - 30) / 23) % 5 !== 4 || (x - 30) % 23 < 15;
    return inLine && word && x - 30 < widths[line] ? 70 : 245;
  });
  const image: PDFImage = await doc.embedPng(png);
  const page = doc.addPage(A4);
  page.drawImage(image, { x: 0, y: 0, width: A4[0], height: A4[1] });
}

async function drawRentReceipt(doc: PDFDocument): Promise<void> {
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage(A4);
  const lines: Array<[string, boolean]> = [
    ["RENT RECEIPT", true],
    ["", false],
    ["Received with thanks from Mr. Ravi Shankar Iyer the sum of Rupees Twenty Two Thousand only", false],
    ["towards the rent of the flat at B-204 Sai Krupa CHS, Andheri East, Mumbai 400069,", false],
    ["for the month of April 2024. Payment received in cash.", false],
    ["", false],
    ["Landlord : Mrs. Meena Kulkarni          PAN : ABCPK1234F", false],
    ["Place : Mumbai", false],
    ["", false],
    ["Signature of the landlord", false],
  ];
  let y = A4[1] - 80;
  for (const [line, isBold] of lines) {
    if (line) page.drawText(line, { x: 60, y, size: isBold ? 18 : 10, font: isBold ? bold : regular });
    y -= isBold ? 28 : 16;
  }
}
