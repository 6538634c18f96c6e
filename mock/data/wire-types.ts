import type { AccountCategory, MerchantCategory, TransactionChannel, TransactionType, WireDateRange } from "./types.js";

/**
 * Response bodies of the insights and subscribed_data endpoints, field for field as the
 * documents show them (including `reciever_account_number`, `Months_order`, limits as strings).
 * Amounts and balances are rupees.
 */

export interface InsightsTransaction {
  transaction_type: TransactionType;
  transaction_note: string;
  chq_num: string | null;
  amount: number;
  balance: number;
  date: string;
  hash: string;
  category: string;
}

export interface SalaryFields {
  employer_name: string | null;
  salary_month: string;
}

export interface SubscribedTransaction {
  transaction_type: TransactionType;
  transaction_note: string;
  chq_num: string;
  amount: number;
  balance: number;
  date: string;
  transaction_channel: TransactionChannel;
  hash: string;
  merchant_category: MerchantCategory;
  description: string;
  category: string;
  statement_id: string | null;
  bank: string | null;
  template_id: string | null;
  updated_at: string | null;
  matched_regex: string | null;
  matched_account_type: string | null;
  matched_transaction_category: string | null;
  enriched_transaction_category: string | null;
  is_enriched_transaction_category_copied: boolean | null;
  matched_transaction_currency: string | null;
  creditor_name: string | null;
  creditor_ifsc: string | null;
  creditor_upi_handle: string | null;
  creditor_bank: string | null;
  creditor_account_number: string | null;
  receiver_name: string | null;
  receiver_ifsc: string | null;
  receiver_upi_handle: string | null;
  receiver_bank: string | null;
  reciever_account_number: string | null;
  merchant_name: string | null;
  merchant_ifsc: string | null;
  merchant_upi_handle: string | null;
  merchant_bank: string | null;
  matched_merchant_category: string | null;
  cheque_number: string | null;
  transaction_reference_1: string | null;
  transaction_reference_2: string | null;
  primary_channel: string | null;
  secondary_channel: string | null;
  tertiary_channel: string | null;
  transaction_timestamp: string | null;
  transaction_amount: number | null;
  raw_location: string | null;
  currency: string | null;
  categorization_time_stamp: string;
  regex_id: string | null;
  account_id: string;
}

export interface AccountDetailsCommon {
  account_category: AccountCategory;
  account_number: string | null;
  account_opening_date: string | null;
  bank: string;
  credit_limit: string;
  ifsc: string | null;
  micr: string | null;
  missing_data: WireDateRange[];
  od_limit: string;
  salary_confidence: number | null;
  statements: string[];
  months: string[];
  country_code: string;
  currency_code: string;
}

export interface InsightsAccountDetails extends AccountDetailsCommon {
  name: string;
  address: string;
  metadata_analysis: { name_matches: string[] };
}

export interface SubscribedAccountDetails extends AccountDetailsCommon {
  account_id: string;
}

export interface FraudEntry {
  statement_id: string | null;
  fraud_type: string;
  transaction_hash: string | null;
  /** Only on inconsistent_transaction entries. */
  previous_date?: string;
  current_date?: string;
  fraud_category: string;
}

export interface SubscribedFraudEntry extends FraudEntry {
  account_id: string;
}

export interface MonthlyAnalysis {
  opening_balance: Record<string, number>;
  closing_balance: Record<string, number>;
}

/** `Months_order` and `start_date` are arrays; every other key is a month (`Nov-23`) of balances. */
export type EodBalances = { Months_order: string[]; start_date: string[] } & { [month: string]: string[] | number[] };

/** Fixed identity keys, then `month_N` (string | null) and numeric `*_N` predictors. */
export type Predictors = {
  accountnumber: string | null;
  bank_name: string;
  ifsc_code: string | null;
  customer_name: string;
  account_type: AccountCategory;
  ccod_limit: number;
} & { [key: string]: string | number | null };

export interface TopMonthList {
  month: string;
  data: InsightsTransaction[];
}

export interface InsightsTopCreditsDebits {
  type: "top_5_debit" | "top_5_credit";
  data: TopMonthList[];
}

export interface InsightsAccountData {
  account_details: InsightsAccountDetails;
  fraud: FraudEntry[];
  transactions: InsightsTransaction[];
  salary_transactions: Array<InsightsTransaction & SalaryFields>;
  top_credits_debits: InsightsTopCreditsDebits[];
  monthly_analysis: MonthlyAnalysis;
  predictors: Predictors;
  eod_balances: EodBalances;
  xlsx_report_url: string;
  xml_report_url: string;
}

export interface InsightsBody {
  session_id: string;
  accounts: Array<{ account_id: string; data: InsightsAccountData }>;
}

export interface SubscribedAccountData {
  account_details: SubscribedAccountDetails[];
  fraud: { fraudulent_statements: string[]; fraud_type: SubscribedFraudEntry[] };
  transactions: SubscribedTransaction[];
  salary_transactions: Array<SubscribedTransaction & SalaryFields>;
  top_credits_debits: {
    top_5_debit: Record<string, Record<string, number>>;
    top_5_credit: Record<string, Record<string, number>>;
  };
  monthly_analysis: MonthlyAnalysis;
  predictors: Predictors;
  eod_balances: EodBalances;
}

export interface SubscribedDataBody {
  session_id: string;
  accounts: Record<string, SubscribedAccountData>;
}
