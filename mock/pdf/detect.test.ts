import { describe, expect, it } from "vitest";
import { parsePrintedDate } from "./dates.js";
import { detectAccountNumber, detectBank, detectPeriod, isTransactionRow, letterheadOf, readStatementText } from "./detect.js";

describe("detectPeriod reads the common Indian statement forms", () => {
  it.each([
    ["Statement of Account No : 917010012345678 for the period (From : 18-11-2018 To : 18-01-2019)", "2018-11-18", "2019-01-18"],
    ["Statement from 01/04/2024 to 30/06/2024", "2024-04-01", "2024-06-30"],
    ["Statement From : 01/04/24 To : 30/06/24", "2024-04-01", "2024-06-30"],
    ["Statement Period : 01-Jan-2024 to 31-Mar-2024", "2024-01-01", "2024-03-31"],
    ["Account Statement from 1 Jan 2024 to 31 Mar 2024", "2024-01-01", "2024-03-31"],
    ["for the period April 01, 2023 - March 31, 2024", "2023-04-01", "2024-03-31"],
    ["Period: 1st Apr 2024 - 30th Jun 2024", "2024-04-01", "2024-06-30"],
    ["Transactions between 2024-01-01 and 2024-02-29", "2024-01-01", "2024-02-29"],
    ["Duration : 01.07.2023 to 31.12.2023", "2023-07-01", "2023-12-31"],
    ["01/10/2023 to 31/12/2023", "2023-10-01", "2023-12-31"],
  ])("%s", (text, from, to) => {
    expect(detectPeriod(text)).toEqual({ from, to });
  });

  it("refuses a period that ends before it starts or names an impossible date", () => {
    expect(detectPeriod("Statement from 30/06/2024 to 01/04/2024")).toBeNull();
    expect(detectPeriod("Statement from 31/02/2024 to 30/06/2024")).toBeNull();
  });

  it("does not take two transaction dates on a row for a period", () => {
    expect(detectPeriod("01/04/2024 NEFT CR 01/04/2024 1,000.00 2,000.00")).toBeNull();
  });
});

describe("parsePrintedDate", () => {
  it("reads day-first numeric dates and month names, rejects nonsense", () => {
    expect(parsePrintedDate("05/07/24")).toBe("2024-07-05");
    expect(parsePrintedDate("5-Jul-2024")).toBe("2024-07-05");
    expect(parsePrintedDate("July 5, 2024")).toBe("2024-07-05");
    expect(parsePrintedDate("32/01/2024")).toBeNull();
    expect(parsePrintedDate("05 Jux 2024")).toBeNull();
  });
});

describe("detectAccountNumber", () => {
  it.each([
    ["Account No : 50100199733559      A/C Open Date : 12/06/2019", "50100199733559"],
    ["Statement of Account No : 917010012345678 for the period", "917010012345678"],
    ["Account Number : 00000030012345678", "00000030012345678"],
    ["A/c No. 3344 5566 77", "3344556677"],
    ["Acct # XXXXXXXX1234", "XXXXXXXX1234"],
    ["Savings Account Number: 000401234567 Account Type", "000401234567"],
    ["Account : 123456789012", "123456789012"],
  ])("%s", (text, expected) => {
    expect(detectAccountNumber(text)).toBe(expected);
  });

  it("takes no label without a number, nor a short code", () => {
    expect(detectAccountNumber("Account Type : SAVINGS\nAccount No : 12-A")).toBeNull();
    expect(detectAccountNumber("Received with thanks the sum of Rupees 22,000")).toBeNull();
  });
});

describe("detectBank", () => {
  it("names the bank of the letterhead, by name or by IFSC prefix", () => {
    expect(detectBank("HDFC BANK\nAndheri East Branch")).toMatchObject({ kind: "catalogue", identifier: "hdfc" });
    expect(detectBank("Branch : CP\nIFSC : UTIB0000211")).toMatchObject({ kind: "catalogue", identifier: "axis", evidence: "UTIB0000211" });
    expect(detectBank("IFS Code : SBIN0000691")).toMatchObject({ identifier: "sbi" });
    expect(detectBank("ICICI Bank Limited, BKC")).toMatchObject({ identifier: "icici" });
  });

  it("prefers the longer name: State Bank of India is not Bank of India", () => {
    expect(detectBank("State Bank of India")).toMatchObject({ identifier: "sbi" });
    expect(detectBank("Union Bank of India")).toMatchObject({ identifier: "ubi" });
    expect(detectBank("Bank of India, Fort Branch")).toMatchObject({ identifier: "boi" });
  });

  it("takes the first bank the letterhead names", () => {
    expect(detectBank("Kotak Mahindra Bank\nIFSC KKBK0000958\nFunds from HDFC Bank")).toMatchObject({ identifier: "kotak" });
  });

  it("reports a real bank outside the vendor's catalogue as unsupported", () => {
    expect(detectBank("Barclays Bank PLC")).toEqual({ kind: "unsupported", name: "Barclays Bank", evidence: "Barclays Bank" });
    expect(detectBank("IFSC : BOFA0MM6205")).toMatchObject({ kind: "unsupported", name: "Bank of America" });
  });

  it("finds nothing in text that names no bank", () => {
    expect(detectBank("RENT RECEIPT\nReceived with thanks")).toBeNull();
    expect(detectBank("Indian Banks' Association circular")).toBeNull();
  });
});

describe("readStatementText", () => {
  const statement = [
    "AXIS BANK",
    "IFSC Code : UTIB0000211",
    "Statement of Account No : 917010012345678 for the period (From : 01-01-2024 To : 31-03-2024)",
    "Tran Date Particulars Chq No Debit Credit Balance",
    "01-01-2024 NEFT CR-ICIC0000104-ACME LTD-SALARY 1234 50,000.00 65,420.00",
    "02-01-2024 UPI-SWIGGY-swiggy@okicici-ICIC0000104-5380 412.50 65,007.50",
  ].join("\n");

  it("finds bank, account, period and the transaction table", () => {
    expect(readStatementText([statement])).toEqual({
      bank: { kind: "catalogue", identifier: "axis", evidence: "Axis Bank" },
      accountNumber: "917010012345678",
      period: { from: "2024-01-01", to: "2024-03-31" },
      transactionRows: 2,
      hasTransactionTable: true,
      looksLikeStatement: true,
    });
  });

  it("looks for the bank only above the table: notes naming other banks do not count", () => {
    const noLetterhead = statement.split("\n").slice(2).join("\n");
    expect(letterheadOf(noLetterhead)).not.toContain("ICIC0000104");
    expect(readStatementText([noLetterhead]).bank).toBeNull();
  });

  it("calls a readable document without table, account or period no statement", () => {
    const facts = readStatementText(["RENT RECEIPT\nReceived Rs 22,000.00 for April 2024 rent"]);
    expect(facts.looksLikeStatement).toBe(false);
    expect(facts.hasTransactionTable).toBe(false);
  });

  it("counts a row only when a date starts it and an amount follows", () => {
    expect(isTransactionRow("01/04/24 UPI-ZOMATO 176.00 93,542.00")).toBe(true);
    expect(isTransactionRow("1 01-Apr-2024 ATM WDL 2,000.00")).toBe(true);
    expect(isTransactionRow("Opening Balance : 48,210.55")).toBe(false);
    expect(isTransactionRow("01/04/24 account opened")).toBe(false);
  });
});
