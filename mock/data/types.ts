/**
 * Shapes shared by the data module. Money is held in integer paisa everywhere inside (fields end in
 * `_paisa`) so sums and balance chains are exact; only the presenters turn paisa into rupees.
 * Dates are ISO `YYYY-MM-DD` strings plus an epoch-day number (`day`) used for arithmetic.
 */

/** Account-level failure codes: the spec's enum without its "no failure" values ("" and null). */
export type AccountFailureCode = Exclude<import("../../openapi/generated/bankconnect.js").AccountErrorCode, "" | null>;

export const ACCOUNT_FAILURE_CODES: readonly AccountFailureCode[] = [
  "MISSING_TRANSACTIONS",
  "INCOMPLETE_MONTHS",
  "NULL_ACCOUNT_NUMBER",
  "BALANCE_MISMATCH",
  "INCOMPLETE_MONTHS_UPLOAD",
  "INCOMPLETE_DATES_UPLOAD",
  "UNPARSABLE",
];

/** What a generated statement should exhibit: a failure, statement fraud, or nothing (null). */
export type DataFault = AccountFailureCode | "FRAUD" | null;

export const DATA_FAULTS: readonly DataFault[] = [null, "FRAUD", ...ACCOUNT_FAILURE_CODES];

export type Profile = "salaried" | "self_employed" | "corporate";
export const PROFILES: readonly Profile[] = ["salaried", "self_employed", "corporate"];

export type AccountCategory = "individual" | "corporate";

/** Inclusive ISO date range (`YYYY-MM-DD`). */
export interface DateRange {
  from: string;
  to: string;
}

/** The API's wire form of a date range (`missing_data`, upload `date_range`). */
export interface WireDateRange {
  from_date: string;
  to_date: string;
}

export type TransactionType = "credit" | "debit";

/** `transaction_channel` values from the vendor appendix, misspellings included. */
export type TransactionChannel =
  | "upi"
  | "salary"
  | "refund"
  | "payment_gateway_purchase"
  | "outward_cheque_bounce"
  | "net_banking_transfer"
  | "investment"
  | "inward_cheque_bounce"
  | "investment_cashin"
  | "international_transaction_arbitrage"
  | "debit_card"
  | "chq"
  | "cash_withdrawl"
  | "cash_deposit"
  | "bill_payment"
  | "bank_interest"
  | "bank_charge"
  | "auto_debit_payment_bounce"
  | "auto_debit_payment"
  | "self_transfer"
  | "demand_draft"
  | "auto_credit"
  | "Others";

export const TRANSACTION_CHANNELS: readonly TransactionChannel[] = [
  "upi",
  "salary",
  "refund",
  "payment_gateway_purchase",
  "outward_cheque_bounce",
  "net_banking_transfer",
  "investment",
  "inward_cheque_bounce",
  "investment_cashin",
  "international_transaction_arbitrage",
  "debit_card",
  "chq",
  "cash_withdrawl",
  "cash_deposit",
  "bill_payment",
  "bank_interest",
  "bank_charge",
  "auto_debit_payment_bounce",
  "auto_debit_payment",
  "self_transfer",
  "demand_draft",
  "auto_credit",
  "Others",
];

/** `merchant_category` values from the vendor appendix; "" when the transaction has no merchant. */
export type MerchantCategory =
  | ""
  | "alcohol"
  | "gambling"
  | "shopping"
  | "groceries"
  | "entertainment"
  | "medical"
  | "travel"
  | "food"
  | "fuel"
  | "investments"
  | "trading"
  | "bills"
  | "ewallet"
  | "loans"
  | "insurance"
  | "tax"
  | "bnpl";

export const MERCHANT_CATEGORIES: readonly MerchantCategory[] = [
  "",
  "alcohol",
  "gambling",
  "shopping",
  "groceries",
  "entertainment",
  "medical",
  "travel",
  "food",
  "fuel",
  "investments",
  "trading",
  "bills",
  "ewallet",
  "loans",
  "insurance",
  "tax",
  "bnpl",
];

/** The other side of a transfer or purchase, when the note names one. */
export interface Counterparty {
  role: "merchant" | "person" | "employer" | "lender" | "business" | "self";
  name: string;
  ifsc: string | null;
  upi_handle: string | null;
  bank: string | null;
  account_number: string | null;
}

/** Things the generator keeps stable for an account across statements (salary, rent, EMI...). */
export interface AccountTraits {
  /** Typical monthly inflow: salary, business receipts or turnover. */
  monthly_income_paisa: number;
  employer: { name: string; ifsc: string; bank: string } | null;
  /** Day of month the salary lands (1-28, or 31 meaning "last day"). */
  salary_day: number;
  rent: { landlord: string; amount_paisa: number; day: number } | null;
  emi: { lender: string; amount_paisa: number; day: number; umrn: string } | null;
  sip: { fund: string; amount_paisa: number; day: number } | null;
  card_last4: string;
  card_bin: string;
  upi_handle: string;
  mobile: string;
}

export interface Account {
  account_id: string;
  /** Lowercase vendor identifier, e.g. `hdfc`, `sbi`, `central`. */
  bank: string;
  account_number: string | null;
  name: string;
  address: string;
  ifsc: string | null;
  micr: string | null;
  account_category: AccountCategory;
  /** Whole rupees. */
  credit_limit: number;
  /** Whole rupees. */
  od_limit: number;
  profile: Profile;
  account_opening_date: string | null;
  /** Where the first generated statement starts when no opening balance is passed. */
  opening_balance_paisa: number;
  country_code: "IN";
  currency_code: "INR";
  traits: AccountTraits;
}

export interface Transaction {
  /** ISO date as printed on the statement. */
  date: string;
  /** Epoch day of `date` (days since 1970-01-01). */
  day: number;
  transaction_type: TransactionType;
  amount_paisa: number;
  /** Balance printed on the statement after this transaction. */
  balance_paisa: number;
  transaction_note: string;
  chq_num: string | null;
  category: string;
  transaction_channel: TransactionChannel;
  description: string;
  merchant_category: MerchantCategory;
  /** 32 lowercase hex characters, stable for the same seed and content. */
  hash: string;
  statement_id: string;
  counterparty: Counterparty | null;
  /** UTR / RRN / cheque reference printed in the note, when there is one. */
  reference: string | null;
  /** Only on salary credits. */
  employer_name: string | null;
}

/** What a PDF's document-information dictionary says; an editing tool here is `author_fraud`. */
export interface PdfMetadata {
  producer: string;
  author: string;
}

export interface Statement {
  statement_id: string;
  account_id: string;
  bank: string;
  /** The period the caller asked for. */
  requested_period: DateRange;
  /** The period the statement actually covers (narrower under the *_UPLOAD faults). */
  period: DateRange;
  /** In statement (printed) order, which is date order unless the statement was tampered with. */
  transactions: Transaction[];
  opening_balance_paisa: number;
  closing_balance_paisa: number;
  page_count: number;
  pdf_metadata: PdfMetadata;
  source: "generated" | "fixture";
  /** `YYYY-MM` months the covered period touches. */
  months: string[];
}

export interface FraudFinding {
  /** null for findings made on the account's merged transaction list rather than one statement. */
  statement_id: string | null;
  fraud_type: "author_fraud" | "inconsistent_transaction";
  fraud_category: "metadata" | "accounting";
  transaction_hash: string | null;
  /** `YYYY-MM-DD HH:MM:SS`; only on inconsistent_transaction. */
  previous_date: string | null;
  current_date: string | null;
}

export interface MonthAnalysis {
  /** `YYYY-MM`. */
  month: string;
  /** year * 12 + (month - 1): sortable and easy to step. */
  index: number;
  opening_balance_paisa: number;
  closing_balance_paisa: number;
  credits_paisa: number;
  debits_paisa: number;
  credit_count: number;
  debit_count: number;
  /** First day of the eod series: first transaction day of the month, else first covered day. */
  start_day: number;
  /** Last day of the eod series: last covered day of the month. */
  end_day: number;
  /** One end-of-day balance per day from start_day to end_day. */
  eod_paisa: number[];
  /** Up to five, largest first; ties keep statement order. */
  top_credits: Transaction[];
  top_debits: Transaction[];
  inward_chq_bounces_insuff_fund: number;
}

export interface SalaryEntry {
  transaction: Transaction;
  /** `Nov-2023`: the month the salary pays for. */
  salary_month: string;
  employer_name: string | null;
}

export interface DerivedAccount {
  account: Account;
  session_range: DateRange;
  /** Sorted by period start; their transactions, concatenated, are `transactions`. */
  statements: Statement[];
  transactions: Transaction[];
  /** Union of the statements' periods, merged and sorted. */
  coverage: DateRange[];
  /** Calendar months touched by the coverage, oldest first. */
  months: MonthAnalysis[];
  /** Parts of the session range no statement covers. */
  missing_data: WireDateRange[];
  salary: SalaryEntry[];
  fraud: FraudFinding[];
  /** `YYYY-MM-DD` of the `now` the derivation was given. */
  categorization_date: string;
}

export interface AccountFailure {
  code: AccountFailureCode;
  message: string;
}
