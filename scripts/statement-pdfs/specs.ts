/**
 * The sample statement PDFs in fixtures/statements/: what each one prints and, in `claims`, what a
 * reader must find in it. The generator draws from these specs and the tests check the committed
 * files against the claims, so a fixture cannot silently stop showing what it is shipped for.
 */

export type DateStyle = "dd/mm/yy" | "dd-mm-yyyy" | "dd Mon yyyy" | "dd-Mon-yyyy" | "dd/mm/yyyy";

export interface StatementLayout {
  /** Lines of the letterhead, first one big; empty when the bank is only in the (image) logo. */
  letterhead: string[];
  /** Customer and account block, printed under the letterhead on page 1 and repeated on later pages. */
  details: string[];
  /** The line stating the period (and often the account), exactly as the bank prints it. */
  periodLine: string;
  columns: readonly [date: string, narration: string, ref: string, debit: string, credit: string, balance: string];
  dateStyle: DateStyle;
  /** Period the transactions fall in (ISO dates). */
  from: string;
  to: string;
  pages: number;
  rowsPerPage: number;
  openingBalance: number;
  /** A greyscale logo drawn as an image above the letterhead. */
  logo: boolean;
  /** Fonts and page dictionaries in compressed object streams (pdf-lib's default, as many real generators do). */
  objectStreams: boolean;
  /** Prefix of the counterparty notes, so each bank's rows read like that bank's. */
  noteStyle: "dash" | "tilde" | "psu";
  seed: number;
}

export interface Claims {
  pageCount: number;
  encrypted: boolean;
  /** Whether any page has extractable text. */
  hasText: boolean;
  /** Vendor identifier of the bank the text names, `unsupported` for a bank outside the catalogue, null for none. */
  bank: string | null;
  unsupportedBank?: string;
  accountNumber: string | null;
  period: { from: string; to: string } | null;
  looksLikeStatement: boolean;
}

export type PdfSpec =
  | { file: string; what: string; kind: "statement"; layout: StatementLayout; password?: string; claims: Claims }
  | { file: string; what: string; kind: "image-only"; claims: Claims }
  | { file: string; what: string; kind: "non-statement"; claims: Claims };

/** The password of the protected sample: first four letters of the holder's name + DDMM of birth, as Indian banks do. */
export const PROTECTED_PASSWORD = "RAVI0507";

const IST_COLUMNS = ["Date", "Narration", "Chq./Ref.No.", "Withdrawal Amt.", "Deposit Amt.", "Closing Balance"] as const;

export const PDF_SPECS: readonly PdfSpec[] = [
  {
    file: "hdfc-savings-apr-jun-2024.pdf",
    what: "HDFC Bank savings statement, 2 pages, classic cross-reference table",
    kind: "statement",
    layout: {
      letterhead: ["HDFC BANK", "HDFC Bank Ltd, Andheri East Branch, Mumbai 400069", "RTGS/NEFT IFSC : HDFC0000240   MICR : 400240015"],
      details: ["MR. RAVI SHANKAR IYER", "B-204 SAI KRUPA CHS, ANDHERI EAST, MUMBAI 400069", "Account No : 50100199733559      A/C Open Date : 12/06/2019", "Account Type : SAVINGS - REGULAR    Currency : INR"],
      periodLine: "Statement from 01/04/2024 to 30/06/2024",
      columns: IST_COLUMNS,
      dateStyle: "dd/mm/yy",
      from: "2024-04-01",
      to: "2024-06-30",
      pages: 2,
      rowsPerPage: 24,
      openingBalance: 48210.55,
      logo: false,
      objectStreams: false,
      noteStyle: "dash",
      seed: 11,
    },
    claims: { pageCount: 2, encrypted: false, hasText: true, bank: "hdfc", accountNumber: "50100199733559", period: { from: "2024-04-01", to: "2024-06-30" }, looksLikeStatement: true },
  },
  {
    file: "axis-compressed-objects-jan-mar-2024.pdf",
    what: "Axis Bank statement, 2 pages, a logo image and its fonts in compressed object streams (read as a scan by a byte scan)",
    kind: "statement",
    layout: {
      letterhead: ["AXIS BANK", "Axis Bank Ltd, Koramangala Branch, Bengaluru 560034", "IFSC Code : UTIB0000211   MICR Code : 560211002"],
      details: ["MS. ANITA DESAI", "42 4TH CROSS, KORAMANGALA, BENGALURU 560034", "Customer ID : 881203344   Scheme : EASY ACCESS SAVINGS"],
      periodLine: "Statement of Account No : 917010012345678 for the period (From : 01-01-2024 To : 31-03-2024)",
      columns: ["Tran Date", "Particulars", "Chq No", "Debit", "Credit", "Balance"],
      dateStyle: "dd-mm-yyyy",
      from: "2024-01-01",
      to: "2024-03-31",
      pages: 2,
      rowsPerPage: 24,
      openingBalance: 15420.0,
      logo: true,
      objectStreams: true,
      noteStyle: "dash",
      seed: 23,
    },
    claims: { pageCount: 2, encrypted: false, hasText: true, bank: "axis", accountNumber: "917010012345678", period: { from: "2024-01-01", to: "2024-03-31" }, looksLikeStatement: true },
  },
  {
    file: "sbi-savings-nov-2018-jan-2019.pdf",
    what: "State Bank of India statement of an older period (outside most sessions' ranges)",
    kind: "statement",
    layout: {
      letterhead: ["State Bank of India", "Branch : CONNAUGHT PLACE, NEW DELHI 110001", "IFS Code : SBIN0000691   MICR Code : 110002005"],
      details: ["Account Name : MR. VIKRAM SINGH", "Address : 17 BABA KHARAK SINGH MARG, NEW DELHI 110001", "Account Number : 00000030012345678", "Product : SAVINGS BANK - GENERAL"],
      periodLine: "Account Statement for the period (From : 18-11-2018 To : 18-01-2019)",
      columns: ["Txn Date", "Description", "Ref No./Cheque No.", "Debit", "Credit", "Balance"],
      dateStyle: "dd Mon yyyy",
      from: "2018-11-18",
      to: "2019-01-18",
      pages: 1,
      rowsPerPage: 26,
      openingBalance: 72031.4,
      logo: false,
      objectStreams: false,
      noteStyle: "psu",
      seed: 37,
    },
    claims: { pageCount: 1, encrypted: false, hasText: true, bank: "sbi", accountNumber: "00000030012345678", period: { from: "2018-11-18", to: "2019-01-18" }, looksLikeStatement: true },
  },
  {
    file: "icici-savings-20-pages-fy2023-24.pdf",
    what: "ICICI Bank statement of a whole financial year, 20 pages (the benchmark file)",
    kind: "statement",
    layout: {
      letterhead: ["ICICI Bank", "ICICI Bank Limited, Bandra Kurla Complex Branch, Mumbai 400051", "IFSC : ICIC0000004"],
      details: ["MR. SURESH NAIR", "7 HILL ROAD, BANDRA WEST, MUMBAI 400050", "Savings Account Number : 000401234567   Account Type : Regular Savings"],
      periodLine: "Statement of Transactions in Savings Account for the period April 01, 2023 - March 31, 2024",
      columns: ["Value Date", "Transaction Remarks", "Cheque Number", "Withdrawal (Dr)", "Deposit (Cr)", "Balance (INR)"],
      dateStyle: "dd/mm/yyyy",
      from: "2023-04-01",
      to: "2024-03-31",
      pages: 20,
      rowsPerPage: 30,
      openingBalance: 125000.0,
      logo: false,
      objectStreams: true,
      noteStyle: "tilde",
      seed: 41,
    },
    claims: { pageCount: 20, encrypted: false, hasText: true, bank: "icici", accountNumber: "000401234567", period: { from: "2023-04-01", to: "2024-03-31" }, looksLikeStatement: true },
  },
  {
    file: "kotak-password-protected-jan-mar-2024.pdf",
    what: `Kotak Mahindra Bank statement encrypted with AES-256; password ${PROTECTED_PASSWORD}`,
    kind: "statement",
    password: PROTECTED_PASSWORD,
    layout: {
      letterhead: ["Kotak Mahindra Bank", "Kotak Mahindra Bank Ltd, Nariman Point, Mumbai 400021", "IFSC Code : KKBK0000958"],
      details: ["RAVI KUMAR", "11 MARINE DRIVE, MUMBAI 400020", "Account No. 1234567890   CRN : 10203040"],
      periodLine: "Statement Period : 01-Jan-2024 to 31-Mar-2024",
      columns: ["Date", "Narration", "Chq/Ref No", "Withdrawal (Dr)", "Deposit (Cr)", "Balance"],
      dateStyle: "dd-Mon-yyyy",
      from: "2024-01-01",
      to: "2024-03-31",
      pages: 1,
      rowsPerPage: 22,
      openingBalance: 30550.0,
      logo: false,
      objectStreams: false,
      noteStyle: "dash",
      seed: 53,
    },
    claims: { pageCount: 1, encrypted: true, hasText: true, bank: "kotak", accountNumber: "1234567890", period: { from: "2024-01-01", to: "2024-03-31" }, looksLikeStatement: true },
  },
  {
    file: "bank-only-in-logo-jan-jun-2024.pdf",
    what: "A statement whose bank appears only in its logo image: account, period and table are text, no bank name or IFSC",
    kind: "statement",
    layout: {
      letterhead: [],
      details: ["MR. AJAY MEHTA", "5 PARK STREET, KOLKATA 700016", "A/c No : 3344556677   Branch : PARK STREET"],
      periodLine: "Statement Period : 01/01/2024 to 30/06/2024",
      columns: IST_COLUMNS,
      dateStyle: "dd/mm/yyyy",
      from: "2024-01-01",
      to: "2024-06-30",
      pages: 1,
      rowsPerPage: 24,
      openingBalance: 9100.0,
      logo: true,
      objectStreams: false,
      noteStyle: "dash",
      seed: 67,
    },
    claims: { pageCount: 1, encrypted: false, hasText: true, bank: null, accountNumber: "3344556677", period: { from: "2024-01-01", to: "2024-06-30" }, looksLikeStatement: true },
  },
  {
    file: "barclays-unsupported-bank-jan-mar-2024.pdf",
    what: "A Barclays Bank (India) statement: a real bank the vendor's catalogue does not support",
    kind: "statement",
    layout: {
      letterhead: ["Barclays Bank PLC", "Barclays Bank PLC India, Nariman Point, Mumbai 400021", "IFSC : BARC0INBB01"],
      details: ["MR. ARJUN RAO", "22 CUFFE PARADE, MUMBAI 400005", "Account Number : 600123456789"],
      periodLine: "Statement from 01/01/2024 to 31/03/2024",
      columns: IST_COLUMNS,
      dateStyle: "dd/mm/yyyy",
      from: "2024-01-01",
      to: "2024-03-31",
      pages: 1,
      rowsPerPage: 20,
      openingBalance: 250000.0,
      logo: false,
      objectStreams: false,
      noteStyle: "dash",
      seed: 79,
    },
    claims: { pageCount: 1, encrypted: false, hasText: true, bank: null, unsupportedBank: "Barclays Bank", accountNumber: "600123456789", period: { from: "2024-01-01", to: "2024-03-31" }, looksLikeStatement: true },
  },
  {
    file: "scanned-image-only.pdf",
    what: "A scanned statement: one page that is a single image, no text layer",
    kind: "image-only",
    claims: { pageCount: 1, encrypted: false, hasText: false, bank: null, accountNumber: null, period: null, looksLikeStatement: false },
  },
  {
    file: "rent-receipt-not-a-statement.pdf",
    what: "A readable PDF that is not a bank statement (a rent receipt)",
    kind: "non-statement",
    claims: { pageCount: 1, encrypted: false, hasText: true, bank: null, accountNumber: null, period: null, looksLikeStatement: false },
  },
];
