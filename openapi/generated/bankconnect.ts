/* Generated from openapi/bankconnect.yaml by scripts/generate-types.ts. Do not edit: run `npm run generate`. */

/**
 * Account-level failure codes (seed-000 "Account Status" tables; `UNPARSABLE` from
 * vendor:processing-status). Messages:
 * - MISSING_TRANSACTIONS: One or more transactions are missing in the specified date range
 * - INCOMPLETE_MONTHS: Insufficient data to generate report. There are no transactions for Nov 2023, Dec 2023
 * - NULL_ACCOUNT_NUMBER: Account number is unavailable or unidentified
 * - BALANCE_MISMATCH: Calculated transaction balance does not match
 * - INCOMPLETE_MONTHS_UPLOAD: Statement(s) uploaded contain incomplete months. Missing data present for Nov 2023, Dec 2023
 * - INCOMPLETE_DATES_UPLOAD: Statement(s) uploaded contain incomplete dates. Missing dates present for {"Jan 2024": [1, 2, 3, 4]}
 * - UNPARSABLE: Failed to process because of an unparsable statement
 * `null` (seeds) or `""` (newer vendor pages) when the account completed.
 *
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "AccountErrorCode".
 */
export type AccountErrorCode =
  | "MISSING_TRANSACTIONS"
  | "INCOMPLETE_MONTHS"
  | "NULL_ACCOUNT_NUMBER"
  | "BALANCE_MISMATCH"
  | "INCOMPLETE_MONTHS_UPLOAD"
  | "INCOMPLETE_DATES_UPLOAD"
  | "UNPARSABLE"
  | ""
  | null;
/**
 * Statement-level failure codes (seed-000 "statement_status" tables; `UNPARSABLE` from
 * vendor:fetch-data). Messages:
 * - PASSWORD_INCORRECT: The provided password is incorrect
 * - BANK_NAME_MISMATCH: The bank name in the statement doesn't match the selected bank
 * - STATEMENT_UNSUPPORTED_FORMAT: The statement format is not supported
 * - STATEMENT_DUPLICATE: A duplicate statement has been detected
 * - NULL_ACCOUNT_NUMBER: Account number is unavailable or unidentified
 * - STATEMENT_TOO_MANY_PAGES: The statement exceeds the allowed page limit
 * - NO_TRANSACTIONS_FROM_AA: Not able to fetch transactions from Account Aggregator
 * - PDF_IS_IMAGE: Scanned images are not supported
 * - EXTRACTION_FAILED: Failed to extract information from the statement
 * - OUT_OF_DATE_RANGE: The statement uploaded is beyond the specified date range
 * - STATEMENT_NO_TRANSACTIONS: No transactions were identified in the uploaded statement
 * - BANK_NAME_UNDETECTED: Bank name could not be identified
 * - UNPARSABLE: Failed to process because of an unparsable statement
 * `""` (seeds) or `null` (newer vendor pages) when the statement completed.
 *
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "StatementErrorCode".
 */
export type StatementErrorCode =
  | "PASSWORD_INCORRECT"
  | "BANK_NAME_MISMATCH"
  | "STATEMENT_UNSUPPORTED_FORMAT"
  | "STATEMENT_DUPLICATE"
  | "NULL_ACCOUNT_NUMBER"
  | "STATEMENT_TOO_MANY_PAGES"
  | "NO_TRANSACTIONS_FROM_AA"
  | "PDF_IS_IMAGE"
  | "EXTRACTION_FAILED"
  | "OUT_OF_DATE_RANGE"
  | "STATEMENT_NO_TRANSACTIONS"
  | "BANK_NAME_UNDETECTED"
  | "UNPARSABLE"
  | ""
  | null;
/**
 * The events an account can subscribe to.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "WebhookEventName".
 */
export type WebhookEventName =
  "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION" | "ENRICHMENT_NOTIFICATION" | "SESSION_EXPIRY_NOTIFICATION";
/**
 * A date as `DD/MM/YYYY`.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "DayMonthYear".
 */
export type DayMonthYear = string;
/**
 * A date as `YYYY-MM-DD`.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "IsoDate".
 */
export type IsoDate = string;
/**
 * A month as `YYYY-MM`.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "YearMonth".
 */
export type YearMonth = string;
/**
 * A month as `Mon-YY` (e.g. `Oct-23`).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "ShortMonth".
 */
export type ShortMonth = string;
/**
 * A month as `Mon-YYYY` (e.g. `Oct-2023`).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "LongMonth".
 */
export type LongMonth = string;
/**
 * `YYYY-MM-DD HH:MM:SS`, the accounts' timestamp format (seed-000).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SpaceTimestamp".
 */
export type SpaceTimestamp = string;
/**
 * ISO 8601 with microseconds, the statements' timestamp format (seed-000 `2024-04-16T07:47:40.806223Z`; vendor pages also `2025-11-13 06:48:43.660968+00:00`).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "IsoTimestamp".
 */
export type IsoTimestamp = string;
/**
 * `YYYY-MM-DD 00:00:00`, the transactions' date format.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "TransactionDate".
 */
export type TransactionDate = string;
/**
 * vendor:submit-data "Success Response" (`session_id` and `redirect_url`). vendor:javascript shows the
 * same call answering `redirect_url` alone, with the session id inside the URL: accepted as drift.
 *
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "CreateSessionResponse".
 */
export type CreateSessionResponse = {
  session_id: string;
  /**
   * The hosted journey for this session.
   */
  redirect_url: string;
};
/**
 * The state of one processing step of a statement.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "StepStatus".
 */
export type StepStatus = "processing" | "completed" | "failed";
/**
 * A salary credit with its month and employer (seed-000).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SalaryTransaction".
 */
export type SalaryTransaction = Transaction & {
  employer_name: string | null;
  salary_month: LongMonth;
};
/**
 * Insights shape: a list of `{type, data: [{month, data: [transactions]}]}`.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "TopCreditsDebitsList".
 */
export type TopCreditsDebitsList = {
  type: "top_5_debit" | "top_5_credit";
  data: {
    month: ShortMonth;
    /**
     * @maxItems 5
     */
    data: Transaction[];
  }[];
}[];

/**
 * Every component schema of the spec, reachable by name.
 */
export interface BankConnectSchemas {
  ErrorObject?: ErrorObject;
  ErrorEnvelope?: ErrorEnvelope;
  DetailError?: DetailError;
  UploadErrorResponse?: UploadErrorResponse;
  AccountErrorCode?: AccountErrorCode;
  StatementErrorCode?: StatementErrorCode;
  WebhookEventName?: WebhookEventName;
  DayMonthYear?: DayMonthYear;
  IsoDate?: IsoDate;
  YearMonth?: YearMonth;
  ShortMonth?: ShortMonth;
  LongMonth?: LongMonth;
  SpaceTimestamp?: SpaceTimestamp;
  IsoTimestamp?: IsoTimestamp;
  TransactionDate?: TransactionDate;
  DateRangeDMY?: DateRangeDMY;
  DateRangeIso?: DateRangeIso;
  NameMatches?: NameMatches;
  CreateSessionRequest?: CreateSessionRequest;
  CreateSessionResponse?: CreateSessionResponse;
  UploadRequest?: UploadRequest;
  Identity?: Identity;
  UploadResponse?: UploadResponse;
  UpdateWebhookRequest?: UpdateWebhookRequest;
  MessageResponse?: MessageResponse;
  UploadStatusStatement?: UploadStatusStatement;
  UploadStatusAccount?: UploadStatusAccount;
  UploadStatusResponse?: UploadStatusResponse;
  InitiateProcessingResponse?: InitiateProcessingResponse;
  StepStatus?: StepStatus;
  StatementProgress?: StatementProgress;
  ProgressResponse?: ProgressResponse;
  SessionStatusStatement?: SessionStatusStatement;
  SessionStatusAccount?: SessionStatusAccount;
  SessionStatusResponse?: SessionStatusResponse;
  Transaction?: Transaction;
  SalaryTransaction?: SalaryTransaction;
  SubscribedTransaction?: SubscribedTransaction;
  MonthlyAnalysis?: MonthlyAnalysis;
  Predictors?: Predictors;
  EodBalances?: EodBalances;
  SubscribedAccountDetails?: SubscribedAccountDetails;
  InsightsAccountDetails?: InsightsAccountDetails;
  FraudEntry?: FraudEntry;
  SubscribedFraudEntry?: SubscribedFraudEntry;
  SubscribedFraud?: SubscribedFraud;
  TopCreditsDebitsList?: TopCreditsDebitsList;
  TopCreditsDebitsMap?: TopCreditsDebitsMap;
  TopByMonth?: TopByMonth;
  InsightsAccountData?: InsightsAccountData;
  InsightsResponse?: InsightsResponse;
  SubscribedDataAccount?: SubscribedDataAccount;
  SubscribedDataResponse?: SubscribedDataResponse;
  GetPdfsResponse?: GetPdfsResponse;
  DeleteSessionResponse?: DeleteSessionResponse;
  Bank?: Bank;
  BanksCatalogueResponse?: BanksCatalogueResponse;
  WebhookUploadAccount?: WebhookUploadAccount;
  SessionRequirementCompletionPayload?: SessionRequirementCompletionPayload;
  SessionExpiryPayload?: SessionExpiryPayload;
  EnrichmentAccount?: EnrichmentAccount;
  EnrichmentNotificationPayload?: EnrichmentNotificationPayload;
}
/**
 * The vendor's error body.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "ErrorObject".
 */
export interface ErrorObject {
  /**
   * A documented error code; each operation narrows it to an enum per status.
   */
  code: string;
  /**
   * What went wrong and what to fix.
   */
  message: string;
}
/**
 * `{"error": {"code", "message"}}`, the envelope of every error response.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "ErrorEnvelope".
 */
export interface ErrorEnvelope {
  error: ErrorObject;
}
/**
 * The bare `{"detail": …}` body vendor:webhook shows for 401; the seeds always use the envelope.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "DetailError".
 */
export interface DetailError {
  detail: string;
}
/**
 * The upload variant of the envelope, naming the session and statement when known (`""` otherwise).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "UploadErrorResponse".
 */
export interface UploadErrorResponse {
  session_id?: string;
  statement_id?: string;
  error: ErrorObject;
}
/**
 * A session or statement date range in `DD/MM/YYYY`.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "DateRangeDMY".
 */
export interface DateRangeDMY {
  from_date: DayMonthYear;
  to_date: DayMonthYear;
}
/**
 * A date range in `YYYY-MM-DD`.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "DateRangeIso".
 */
export interface DateRangeIso {
  from_date: IsoDate;
  to_date: IsoDate;
}
/**
 * Name matching against `metadata.names`.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "NameMatches".
 */
export interface NameMatches {
  name_matches: {}[];
}
/**
 * vendor:submit-data "Request Parameters".
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "CreateSessionRequest".
 */
export interface CreateSessionRequest {
  /**
   * Your customer identifier.
   */
  link_id: string;
  /**
   * API key provided by FinBox (authenticates this call).
   */
  api_key?: string;
  /**
   * Required in the redirect workflow; the browser returns here with `success` and `session_id`.
   */
  redirect_url?: string;
  from_date?: DayMonthYear;
  to_date?: DayMonthYear;
  /**
   * Optional logo for branding.
   */
  logo_url?: string;
  /**
   * A bank identifier (vendor appendix) to skip bank selection.
   */
  bank_name?: string;
  /**
   * Statement fetching mode.
   */
  mode?: "pdf" | "aa" | "online";
  /**
   * Prefills the phone number in the AA journey.
   */
  mobile_number?: string;
  /**
   * Session TTL in minutes (5 to 43200). The mock's default when absent is 1440 (one day).
   */
  session_expiry?: number;
  /**
   * Journey type.
   */
  journey_mode?: "multi_pdf" | "multi_banking";
  /**
   * Accept data without strict validation.
   */
  accept_anything?: boolean;
  /**
   * Allow editing the prefilled mobile number in the AA journey.
   */
  is_mobile_field_editable?: boolean;
  /**
   * AA recurring consent mode.
   */
  aa_journey_mode?: "only_recurring" | "once_with_recurring";
  /**
   * Tenure of recurring consent in months (the table says 1–60; its error message says 1 and 84).
   */
  aa_recurring_tenure_month?: number;
  /**
   * Frequency unit of recurring consent, e.g. `month`.
   */
  aa_recurring_frequency_unit?: string;
  /**
   * Frequency value of recurring consent.
   */
  aa_recurring_frequency_value?: number;
  /**
   * Hints for name matching, salary detection and self-transfer detection.
   */
  metadata?: {
    names?: string[];
    employer_names?: string[];
    companies_for_self_transfer?: string[];
  };
}
/**
 * vendor:submit-data-backend "Request Parameters". Send `file` or `file_url`.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "UploadRequest".
 */
export interface UploadRequest {
  /**
   * The statement (a PDF, or its Base64 text with `upload_type=BASE64`). The mock also takes a JSON statement fixture (see the README).
   */
  file?: string;
  /**
   * A public URL of the file, instead of `file`.
   */
  file_url?: string;
  session_id: string;
  upload_type: "PDF" | "BASE64";
  /**
   * Must match the bank detected in the statement.
   */
  bank_name?: string;
  /**
   * Password of a protected PDF.
   */
  pdf_password?: string;
}
/**
 * Identity extracted from the statement (vendor:submit-data-backend).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "Identity".
 */
export interface Identity {
  account_number: string | null;
  name: string | null;
  address: string | null;
  ifsc: string | null;
  micr: string | null;
  /**
   * `individual` or `corporate`.
   */
  account_category: string | null;
  credit_limit: number | null;
  od_limit: number | null;
  account_id: string;
  bank_name: string;
}
/**
 * vendor:submit-data-backend "Successful upload response".
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "UploadResponse".
 */
export interface UploadResponse {
  bank_name: string;
  statement_id: string;
  page_count: number;
  identity?: Identity;
  date_range: DateRangeIso;
  opening_date: string | null;
  opening_bal: number | null;
  closing_bal: number | null;
  is_fraud: boolean;
  fraud_type: string | null;
  metadata_analysis: NameMatches;
  country_code: string;
  currency_code: string;
  extracted_date_range: DateRangeIso;
  account_id: string;
  masked_account_number: string | null;
  months: YearMonth[];
  missing_months: YearMonth[];
  /**
   * `1` for an accepted statement.
   */
  status: number;
  session_id: string;
}
/**
 * seed-000 "Update the endpoint using the API".
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "UpdateWebhookRequest".
 */
export interface UpdateWebhookRequest {
  webhook_url: string;
  /**
   * Events to receive (seed), or the older integer form (`1` = all events, `0` = none).
   */
  webhook_mode?: WebhookEventName[] | (0 | 1);
  /**
   * Mock extension, ignored by the vendor. The secret echoed to the receiver as `x-secret-key`.
   */
  webhook_secret?: string;
}
/**
 * `{"message": "success"}`.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "MessageResponse".
 */
export interface MessageResponse {
  message: string;
}
/**
 * A statement in upload status and the completion webhook (seed-000).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "UploadStatusStatement".
 */
export interface UploadStatusStatement {
  statement_id: string;
  statement_status: "completed" | "failed";
  error_code: StatementErrorCode;
  error_message: string | null;
  /**
   * How the statement arrived (`pdf`, `aa`, `online`).
   */
  source: string;
  statement_date_range?: DateRangeDMY;
  /**
   * Newer vendor pages only.
   */
  upload_file_name?: string;
  created_at: IsoTimestamp;
}
/**
 * An account in upload status (seed-000).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "UploadStatusAccount".
 */
export interface UploadStatusAccount {
  account_id: string;
  account_number: string | null;
  bank_name: string;
  /**
   * `COMPLETED` once the account's statements cover the session range.
   */
  account_status: "PARTIAL" | "COMPLETED";
  months: YearMonth[];
  missing_data?: DateRangeIso[];
  created_at: SpaceTimestamp;
  last_updated_at: SpaceTimestamp;
  statements: UploadStatusStatement[];
  name?: string;
  account_type?: string;
  full_bank_name?: string;
}
/**
 * seed-000 upload status (newer vendor pages add `session_expiry_timestamp`).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "UploadStatusResponse".
 */
export interface UploadStatusResponse {
  session_id: string;
  session_date_range: DateRangeDMY;
  upload_status: "NO_UPLOAD" | "IN_PROGRESS" | "COMPLETED" | "EXPIRED";
  session_expiry_timestamp?: SpaceTimestamp;
  accounts: UploadStatusAccount[];
}
/**
 * seed-000 "Initiate Processing API" success.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "InitiateProcessingResponse".
 */
export interface InitiateProcessingResponse {
  session_id: string;
  message: string;
}
/**
 * One statement's progress (seed-000).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "StatementProgress".
 */
export interface StatementProgress {
  identity_status: StepStatus;
  transaction_status: StepStatus;
  processing_status: StepStatus;
  fraud_status: StepStatus;
  statement_id: string;
  message: string | null;
  source: string;
}
/**
 * seed-000 progress; `session_progress` is `completed` when every statement is done.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "ProgressResponse".
 */
export interface ProgressResponse {
  session_id: string;
  session_progress: "processing" | "completed";
  progress: StatementProgress[];
}
/**
 * A statement in session status (seed-000, seed-002).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SessionStatusStatement".
 */
export interface SessionStatusStatement {
  statement_id: string;
  statement_status: "completed" | "failed";
  error_code: StatementErrorCode;
  error_message: string | null;
  source: string;
  upload_file_name?: string;
  statement_date_range?: DateRangeDMY;
  created_at: IsoTimestamp;
}
/**
 * An account in session status (seed-000, seed-002).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SessionStatusAccount".
 */
export interface SessionStatusAccount {
  bank_name: string;
  account_number: string | null;
  account_id: string;
  account_status: "completed" | "failed";
  error_code: AccountErrorCode;
  error_message: string | null;
  created_at: SpaceTimestamp;
  last_updated_at: SpaceTimestamp;
  statements: SessionStatusStatement[];
  name?: string;
  account_category?: string;
  attempt_types?: string[];
  account_type?: string;
  full_bank_name?: string;
}
/**
 * seed-000 / seed-002 "Get Session Status".
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SessionStatusResponse".
 */
export interface SessionStatusResponse {
  session_id: string;
  /**
   * Newer vendor pages only.
   */
  insights_available?: boolean;
  accounts: SessionStatusAccount[];
}
/**
 * The transaction record of the insights API (seed-000).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "Transaction".
 */
export interface Transaction {
  transaction_type: "credit" | "debit";
  transaction_note: string;
  chq_num: string | null;
  amount: number;
  balance: number;
  date: TransactionDate;
  hash: string;
  category: string;
}
/**
 * The long transaction record of the subscribed data API (seed-002); `reciever_account_number` is spelled as documented.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SubscribedTransaction".
 */
export interface SubscribedTransaction {
  transaction_type: "credit" | "debit";
  transaction_note: string;
  chq_num: string | null;
  amount: number;
  balance: number;
  date: TransactionDate;
  transaction_channel: string;
  hash: string;
  merchant_category: string;
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
  categorization_time_stamp: string | null;
  regex_id: string | null;
  account_id: string;
}
/**
 * Opening and closing balance per month, keyed `Mon-YYYY`.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "MonthlyAnalysis".
 */
export interface MonthlyAnalysis {
  opening_balance: {
    [k: string]: number | undefined;
  };
  closing_balance?: {
    [k: string]: number | undefined;
  };
}
/**
 * Underwriting predictors (seed-000, seed-002). `month_N` is the N-th most recent month
 * (`Mon-YY`), and every `<name>_N` predictor refers to that month; `null` beyond the data.
 *
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "Predictors".
 */
export interface Predictors {
  accountnumber: string | null;
  bank_name: string;
  ifsc_code: string | null;
  customer_name: string | null;
  account_type: string | null;
  ccod_limit: number | null;
  /**
   * This interface was referenced by `Predictors`'s JSON-Schema definition
   * via the `patternProperty` "^month_([0-9]|1[01])$".
   *
   * This interface was referenced by `Predictors`'s JSON-Schema definition
   * via the `patternProperty` "^expense_([0-9]|1[01])$".
   */
  [k: string]: string | null | number | (number | string | null) | undefined;
}
/**
 * End-of-day balances: `Months_order` (`Mon-YY`), the first day with data in each month
 * (`start_date`, `DD-Mon-YY`), and one key per month holding a balance per day.
 * vendor:fetch-data's example adds `starting_balance` and `null` for days without a balance
 * (accepted as drift).
 *
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "EodBalances".
 */
export interface EodBalances {
  Months_order: ShortMonth[];
  start_date: string[];
  /**
   * @maxItems 31
   *
   * This interface was referenced by `EodBalances`'s JSON-Schema definition
   * via the `patternProperty` "^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-[0-9]{2}$".
   */
  [k: string]: number[] | ShortMonth[] | string[] | undefined;
}
/**
 * Account details as subscribed data shows them (seed-002).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SubscribedAccountDetails".
 */
export interface SubscribedAccountDetails {
  account_category: string;
  account_id: string;
  account_number: string | null;
  account_opening_date: string | null;
  bank: string;
  credit_limit: string;
  ifsc: string | null;
  micr: string | null;
  missing_data: DateRangeIso[];
  od_limit: string;
  salary_confidence: number | null;
  statements: string[];
  months: YearMonth[];
  country_code: string;
  currency_code: string;
}
/**
 * Account details as insights shows them (seed-000); adds name, address and name matching, and has no `account_id`.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "InsightsAccountDetails".
 */
export interface InsightsAccountDetails {
  account_category: string;
  account_number: string | null;
  account_opening_date: string | null;
  bank: string;
  name: string | null;
  address: string | null;
  credit_limit: string;
  ifsc: string | null;
  micr: string | null;
  missing_data: DateRangeIso[];
  od_limit: string;
  salary_confidence: number | null;
  statements: string[];
  months: YearMonth[];
  country_code: string;
  currency_code: string;
  metadata_analysis: NameMatches;
}
/**
 * A fraud finding (insights list shape). Accounting frauds carry the dates involved, as subscribed data shows them for the same finding.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "FraudEntry".
 */
export interface FraudEntry {
  statement_id: string | null;
  fraud_type: string;
  transaction_hash: string | null;
  previous_date?: TransactionDate;
  current_date?: TransactionDate;
  fraud_category: string;
}
/**
 * A fraud finding (subscribed data shape), with the account and, for accounting frauds, the dates involved.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SubscribedFraudEntry".
 */
export interface SubscribedFraudEntry {
  statement_id: string | null;
  fraud_type: string;
  account_id: string;
  transaction_hash: string | null;
  previous_date?: TransactionDate;
  current_date?: TransactionDate;
  fraud_category: string;
}
/**
 * Fraud findings of an account (subscribed data).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SubscribedFraud".
 */
export interface SubscribedFraud {
  fraudulent_statements: string[];
  fraud_type: SubscribedFraudEntry[];
}
/**
 * Subscribed data shape: per month, transaction note → amount.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "TopCreditsDebitsMap".
 */
export interface TopCreditsDebitsMap {
  top_5_debit: TopByMonth;
  top_5_credit: TopByMonth;
}
/**
 * `Mon-YY` → (transaction note → amount), at most five notes a month.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "TopByMonth".
 */
export interface TopByMonth {
  [k: string]:
    | {
        [k: string]: number | undefined;
      }
    | undefined;
}
/**
 * Everything insights knows about one account.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "InsightsAccountData".
 */
export interface InsightsAccountData {
  account_details: InsightsAccountDetails;
  fraud: FraudEntry[];
  transactions: Transaction[];
  salary_transactions: SalaryTransaction[];
  top_credits_debits: TopCreditsDebitsList;
  monthly_analysis: MonthlyAnalysis;
  predictors: Predictors;
  eod_balances: EodBalances;
  xlsx_report_url?: string | null;
  xml_report_url?: string | null;
}
/**
 * seed-000 "Insights API".
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "InsightsResponse".
 */
export interface InsightsResponse {
  session_id: string;
  accounts: {
    account_id: string;
    data: InsightsAccountData;
  }[];
}
/**
 * Everything subscribed data knows about one account (seed-002).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SubscribedDataAccount".
 */
export interface SubscribedDataAccount {
  account_details: SubscribedAccountDetails[];
  fraud: SubscribedFraud;
  transactions: SubscribedTransaction[];
  salary_transactions: SalaryTransaction[];
  top_credits_debits: TopCreditsDebitsMap;
  monthly_analysis: MonthlyAnalysis;
  predictors: Predictors;
  eod_balances: EodBalances;
}
/**
 * seed-002 "Subscribed Data API"; accounts keyed by account id.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SubscribedDataResponse".
 */
export interface SubscribedDataResponse {
  session_id: string;
  accounts: {
    [k: string]: SubscribedDataAccount | undefined;
  };
}
/**
 * vendor:management "Get PDFs".
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "GetPdfsResponse".
 */
export interface GetPdfsResponse {
  statements: {
    statement_id: string;
    bank_name: string;
    pdf_password: string | null;
    /**
     * Valid for one hour; `""` once the file is older than 30 days.
     */
    pdf_url: string;
    account_id: string;
    source: string;
    message: string;
  }[];
}
/**
 * The session was deleted.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "DeleteSessionResponse".
 */
export interface DeleteSessionResponse {
  session_id: string;
  message: string;
}
/**
 * One bank of the catalogue (vendor:management).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "Bank".
 */
export interface Bank {
  name: string;
  full_name: string;
  npci_code: string | null;
  logo_url: string;
  is_pdf_upload_available: boolean;
  is_net_banking_available: boolean;
  is_aa_available: boolean;
}
/**
 * vendor:management "Bank Catalogue API".
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "BanksCatalogueResponse".
 */
export interface BanksCatalogueResponse {
  count: number;
  banks: Bank[];
}
/**
 * An account in the completion and expiry payloads (seed-000, vendor:upload-status).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "WebhookUploadAccount".
 */
export interface WebhookUploadAccount {
  account_id: string;
  account_number: string | null;
  bank_name: string;
  account_status: "PARTIAL" | "COMPLETED";
  created_at: SpaceTimestamp;
  last_updated_at: SpaceTimestamp;
  statements: UploadStatusStatement[];
  months?: YearMonth[];
  missing_data?: DateRangeIso[];
}
/**
 * seed-000 completion webhook ("Receiving Success Payload").
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SessionRequirementCompletionPayload".
 */
export interface SessionRequirementCompletionPayload {
  session_id: string;
  session_date_range: DateRangeDMY;
  event_name: "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION";
  message: string;
  accounts: WebhookUploadAccount[];
}
/**
 * vendor:upload-status expiry webhook, the completion payload's shape with its own event name.
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "SessionExpiryPayload".
 */
export interface SessionExpiryPayload {
  session_id: string;
  session_date_range: DateRangeDMY;
  event_name: "SESSION_EXPIRY_NOTIFICATION";
  message: string;
  accounts: WebhookUploadAccount[];
}
/**
 * An account in the enrichment payload (seed-000; newer pages add name, category and attempt types).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "EnrichmentAccount".
 */
export interface EnrichmentAccount {
  bank_name: string;
  account_id: string;
  account_status: "completed" | "failed";
  error_code: AccountErrorCode;
  error_message: string | null;
  name?: string;
  account_category?: string;
  attempt_types?: string[];
}
/**
 * seed-000 enrichment webhook (success and failure payloads).
 *
 * This interface was referenced by `BankConnectSchemas`'s JSON-Schema
 * via the `definition` "EnrichmentNotificationPayload".
 */
export interface EnrichmentNotificationPayload {
  session_id: string;
  event_name: "ENRICHMENT_NOTIFICATION";
  insights_available?: boolean;
  accounts: EnrichmentAccount[];
}
