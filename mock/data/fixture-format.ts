import type { AccountCategory, MerchantCategory, PdfMetadata, Profile, TransactionChannel, TransactionType } from "./types.js";

/**
 * Statement fixture format, version 1: a user's own transactions in, every analytic out.
 * (fixtures/statements/README.md has the same description with examples.)
 *
 * {
 *   "bankconnect_mock_statement": 1,              // required, the format version
 *   "bank_name": "hdfc",                          // required, a vendor bank identifier (any case)
 *   "account": {
 *     "account_number": "50100199733559",         // required, string or null (null => NULL_ACCOUNT_NUMBER)
 *     "name": "MR. RAVI KUMAR",                   // required
 *     "account_category": "individual",           // required, "individual" | "corporate"
 *     "address": "...", "ifsc": "HDFC0009015", "micr": "500240101",   // optional, generated if absent
 *     "credit_limit": 0, "od_limit": 0,            // optional whole rupees, default 0
 *     "account_opening_date": "2019-04-01",       // optional, default null
 *     "profile": "salaried"                       // optional, "salaried" | "self_employed" | "corporate"
 *   },
 *   "period": {"from_date": "2024-01-01", "to_date": "2024-03-31"},  // optional; default: first..last
 *                                                  // transaction date. Every transaction must fall inside.
 *   "opening_balance": 1000.00,                    // required rupees, at most 2 decimals, may be negative
 *   "pdf_metadata": {"producer": "...", "author": "..."},  // optional; an editing tool => author_fraud
 *   "transactions": [                              // required, statement (printed) order
 *     {
 *       "date": "2024-01-03",                      // required ISO date
 *       "transaction_type": "credit",              // required, "credit" | "debit"
 *       "amount": 5000,                            // required rupees > 0, at most 2 decimals
 *       "transaction_note": "NEFT CR-...",         // required, non-empty
 *       "balance": 6000.00,                        // optional; default: previous balance +/- amount.
 *                                                  // A balance that breaks the chain is kept as printed
 *                                                  // and surfaces as BALANCE_MISMATCH.
 *       "category": "Salary",                      // optional; default from the note ("Salary" credits
 *                                                  // become salary_transactions)
 *       "transaction_channel": "salary",           // optional, appendix value; default from the note
 *       "description": "", "merchant_category": "", // optional, appendix values
 *       "chq_num": "081342",                       // optional string or null
 *       "employer_name": "ACME LTD"                // optional, salary credits only
 *     }
 *   ]
 * }
 *
 * Unknown keys are rejected, so a typo is reported instead of silently ignored.
 * Derived-data rules worth knowing when writing fixtures:
 * - top_5 maps are keyed by transaction_note: when two of a month's five largest credits (or debits)
 *   share a note, the map keeps the first (larger or earlier) one and drops the rest, so the map
 *   can hold fewer than five entries while the insights list still shows all five.
 * - a stretch of more than 14 covered days without any transaction reads as MISSING_TRANSACTIONS,
 *   and a covered calendar month without transactions as INCOMPLETE_MONTHS.
 * - a transaction dated earlier than the one printed before it is an `inconsistent_transaction`.
 */
export interface StatementFixture {
  bankconnect_mock_statement: 1;
  /** Normalised to the lowercase vendor identifier by the parser. */
  bank_name: string;
  account: FixtureAccount;
  period?: { from_date: string; to_date: string };
  opening_balance: number;
  pdf_metadata?: PdfMetadata;
  transactions: FixtureTransaction[];
}

export interface FixtureAccount {
  account_number: string | null;
  name: string;
  account_category: AccountCategory;
  address?: string;
  ifsc?: string | null;
  micr?: string | null;
  credit_limit?: number;
  od_limit?: number;
  account_opening_date?: string | null;
  profile?: Profile;
}

export interface FixtureTransaction {
  date: string;
  transaction_type: TransactionType;
  amount: number;
  transaction_note: string;
  balance?: number;
  category?: string;
  transaction_channel?: TransactionChannel;
  description?: string;
  merchant_category?: MerchantCategory;
  chq_num?: string | null;
  employer_name?: string | null;
}

export interface FixtureError {
  /** JSON path of the offending value, e.g. `transactions[3].amount`. */
  path: string;
  message: string;
}

export type FixtureParseResult = { ok: true; value: StatementFixture } | { ok: false; errors: FixtureError[] };
