import { DATE_SOURCE, parsePrintedDate } from "./dates.js";
import { detectBank, type BankDetection } from "./detect-bank.js";

export { detectBank, type BankDetection } from "./detect-bank.js";

/** What a statement's text says about itself. Pure: the PDF reader feeds it the pages' text. */
export interface StatementTextFacts {
  bank: BankDetection | null;
  /** As printed, spaces and hyphens removed; may hold the bank's own masking (`XXXXXX1234`). */
  accountNumber: string | null;
  period: { from: string; to: string } | null;
  /** Lines that read as a transaction: a date first and at least one amount. */
  transactionRows: number;
  hasTransactionTable: boolean;
  /**
   * A bank statement, as opposed to any other readable PDF: it has a transaction table, or it
   * states both an account number and a period (a statement of a quiet period).
   */
  looksLikeStatement: boolean;
}

const AMOUNT = /(?<![\d.])\d{1,3}(?:,\d{2,3})*\.\d{2}(?!\d)|(?<![\d.,])\d+\.\d{2}(?!\d)/;
const ROW_START = new RegExp(String.raw`^\s*(?:\d{1,4}\s+)?(?:${DATE_SOURCE})(?=\s|$)`, "i");
const TABLE_HEADER = /balance/i;
const DEBIT_WORD = /\b(?:debit|withdrawals?|dr)\b/i;
const CREDIT_WORD = /\b(?:credit|deposits?|cr)\b/i;

export function readStatementText(pages: readonly string[]): StatementTextFacts {
  const lines = pages.flatMap((p) => p.split("\n"));
  const transactionRows = lines.filter(isTransactionRow).length;
  const hasHeader = lines.some((l) => TABLE_HEADER.test(l) && DEBIT_WORD.test(l) && CREDIT_WORD.test(l));
  const hasTransactionTable = transactionRows >= 2 || (hasHeader && transactionRows >= 1);
  const all = pages.join("\n");
  const accountNumber = detectAccountNumber(all);
  const period = detectPeriod(all);
  return {
    bank: detectBank(letterheadOf(pages[0] ?? "")),
    accountNumber,
    period,
    transactionRows,
    hasTransactionTable,
    looksLikeStatement: hasTransactionTable || (accountNumber !== null && period !== null),
  };
}

export function isTransactionRow(line: string): boolean {
  return ROW_START.test(line) && AMOUNT.test(line.replace(ROW_START, ""));
}

/** The first page up to its transaction table: where a statement names its bank. */
export function letterheadOf(firstPage: string): string {
  const lines = firstPage.split("\n");
  const tableAt = lines.findIndex((l) => isTransactionRow(l) || (TABLE_HEADER.test(l) && DEBIT_WORD.test(l) && CREDIT_WORD.test(l)));
  return (tableAt < 0 ? lines : lines.slice(0, tableAt)).join("\n");
}

const ACCOUNT_LABEL = String.raw`(?:a\/c|acct|account)\.?\s*(?:number|num|no|#)\.?`;
const ACCOUNT_VALUE = String.raw`([0-9Xx*](?:[0-9Xx*]|[ \-](?=[0-9Xx*]))*)`;
const ACCOUNT_RES = [new RegExp(String.raw`${ACCOUNT_LABEL}\s*[:\-]?\s*${ACCOUNT_VALUE}`, "gi"), new RegExp(String.raw`\baccount\s*:\s*${ACCOUNT_VALUE}`, "gi")];

/**
 * The account number a statement states (`Account No : 50100199733559`, `A/c No. 3344556677`,
 * `Statement of Account No : 917010012345678 for …`), or null. Needs 6-20 characters with at
 * least four digits, so a label followed by a date or a short code is not taken.
 */
export function detectAccountNumber(text: string): string | null {
  for (const re of ACCOUNT_RES) {
    for (const m of text.matchAll(re)) {
      const value = m[1].replace(/[ \-]/g, "").replace(/[x*]/g, "X");
      if (value.length >= 6 && value.length <= 20 && (value.match(/\d/g)?.length ?? 0) >= 4) return value;
    }
  }
  return null;
}

const SEPARATOR = String.raw`\s*\)?\s*(?:to|till|until|upto|and|-|–|—)\s*[:\-]?\s*`;
const PERIOD_RES = [
  // `for the period (From : 18-11-2018 To : 18-01-2019)`, `Statement from 01/04/2024 to 30/06/2024`,
  // `Statement Period : 01-Jan-2024 to 31-Mar-2024`, `period April 01, 2023 - March 31, 2024`.
  new RegExp(String.raw`(?:period|from|statement|between|duration)[^\n\d]{0,40}?(${DATE_SOURCE})${SEPARATOR}(${DATE_SOURCE})`, "gi"),
  // A bare `01/04/2024 to 30/06/2024` line.
  new RegExp(String.raw`(${DATE_SOURCE})\s+(?:to|till)\s+(${DATE_SOURCE})`, "gi"),
];

/** The period a statement states it covers, as ISO dates, or null. */
export function detectPeriod(text: string): { from: string; to: string } | null {
  for (const re of PERIOD_RES) {
    for (const m of text.matchAll(re)) {
      const from = parsePrintedDate(m[1]);
      const to = parsePrintedDate(m[2]);
      if (from && to && from <= to) return { from, to };
    }
  }
  return null;
}
