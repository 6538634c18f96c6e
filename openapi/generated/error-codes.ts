/* Generated from openapi/bankconnect.yaml by scripts/generate-error-catalogue.ts. Do not edit: run `npm run generate`. */

/** Every error code an operation of the API documents (the `error.code` of an error response). */
export type ApiErrorCode =
  | "ACCESS_DENIED"
  | "AUTHENTICATION_CREDENTIALS_NOT_PROVIDED"
  | "BANK_NAME_MISMATCH"
  | "BANK_NAME_UNDETECTED"
  | "DUPLICATE_PROCESSING_REQUEST"
  | "EMPTY_FILE"
  | "GATEWAY_TIMEOUT"
  | "INTERNAL_SERVER_ERROR"
  | "INVALID_AA_PARAMETER"
  | "INVALID_ACCOUNT_CATEGORY"
  | "INVALID_API_KEY"
  | "INVALID_BANK_NAME"
  | "INVALID_BASE_64"
  | "INVALID_DATE_FORMAT"
  | "INVALID_DATE_RANGE"
  | "INVALID_FILE_OBJECT"
  | "INVALID_FILE_URL"
  | "INVALID_LENGTH"
  | "INVALID_MOBILE_NUMBER"
  | "INVALID_PARAMETER_COUNT"
  | "INVALID_REQUEST"
  | "INVALID_SESSION_EXPIRY"
  | "INVALID_URL"
  | "KEY_REQUIRED"
  | "METHOD_NOT_ALLOWED"
  | "MISSING_AA_PARAMETER"
  | "MISSING_BANK_NAME"
  | "MISSING_DATE_FIELD"
  | "MISSING_FILE_OBJECT"
  | "MODE_NOT_AVAILABLE"
  | "MODE_NOT_ENABLED"
  | "OUT_OF_DATE_RANGE"
  | "PASSWORD_INCORRECT"
  | "PAYLOAD_TOO_LARGE"
  | "PAYMENT_REQUIRED"
  | "PDF_IS_IMAGE"
  | "PROCESSING_NOT_COMPLETED"
  | "PROCESSING_NOT_REQUESTED"
  | "SERVICE_UNAVAILABLE"
  | "SESSION_DELETED"
  | "SESSION_EXPIRED"
  | "SESSION_NOT_FOUND"
  | "STATEMENT_DUPLICATE"
  | "STATEMENT_UNSUPPORTED_FORMAT"
  | "TRIAL_PERIOD_EXPIRED"
  | "UNPARSABLE_STATEMENTS"
  | "UNSUPPORTED_MEDIA_TYPE";

/** Account-level failure codes (AccountErrorCode without its empty values). */
export type AccountFailureCode =
  | "BALANCE_MISMATCH"
  | "INCOMPLETE_DATES_UPLOAD"
  | "INCOMPLETE_MONTHS"
  | "INCOMPLETE_MONTHS_UPLOAD"
  | "MISSING_TRANSACTIONS"
  | "NULL_ACCOUNT_NUMBER"
  | "UNPARSABLE";

/** Statement-level failure codes (StatementErrorCode without its empty values). */
export type StatementFailureCode =
  | "BANK_NAME_MISMATCH"
  | "BANK_NAME_UNDETECTED"
  | "EXTRACTION_FAILED"
  | "NO_TRANSACTIONS_FROM_AA"
  | "NULL_ACCOUNT_NUMBER"
  | "OUT_OF_DATE_RANGE"
  | "PASSWORD_INCORRECT"
  | "PDF_IS_IMAGE"
  | "STATEMENT_DUPLICATE"
  | "STATEMENT_NO_TRANSACTIONS"
  | "STATEMENT_TOO_MANY_PAGES"
  | "STATEMENT_UNSUPPORTED_FORMAT"
  | "UNPARSABLE";

/** The spec's message of each account-level code, as its AccountErrorCode description lists it. */
export const ACCOUNT_FAILURE_MESSAGES: Readonly<Record<AccountFailureCode, string>> = {
  MISSING_TRANSACTIONS: "One or more transactions are missing in the specified date range",
  INCOMPLETE_MONTHS: "Insufficient data to generate report. There are no transactions for Nov 2023, Dec 2023",
  NULL_ACCOUNT_NUMBER: "Account number is unavailable or unidentified",
  BALANCE_MISMATCH: "Calculated transaction balance does not match",
  INCOMPLETE_MONTHS_UPLOAD: "Statement(s) uploaded contain incomplete months. Missing data present for Nov 2023, Dec 2023",
  INCOMPLETE_DATES_UPLOAD: "Statement(s) uploaded contain incomplete dates. Missing dates present for {\"Jan 2024\": [1, 2, 3, 4]}",
  UNPARSABLE: "Failed to process because of an unparsable statement",
};

/** The spec's message of each statement-level code, as its StatementErrorCode description lists it. */
export const STATEMENT_FAILURE_MESSAGES: Readonly<Record<StatementFailureCode, string>> = {
  PASSWORD_INCORRECT: "The provided password is incorrect",
  BANK_NAME_MISMATCH: "The bank name in the statement doesn't match the selected bank",
  STATEMENT_UNSUPPORTED_FORMAT: "The statement format is not supported",
  STATEMENT_DUPLICATE: "A duplicate statement has been detected",
  NULL_ACCOUNT_NUMBER: "Account number is unavailable or unidentified",
  STATEMENT_TOO_MANY_PAGES: "The statement exceeds the allowed page limit",
  NO_TRANSACTIONS_FROM_AA: "Not able to fetch transactions from Account Aggregator",
  PDF_IS_IMAGE: "Scanned images are not supported",
  EXTRACTION_FAILED: "Failed to extract information from the statement",
  OUT_OF_DATE_RANGE: "The statement uploaded is beyond the specified date range",
  STATEMENT_NO_TRANSACTIONS: "No transactions were identified in the uploaded statement",
  BANK_NAME_UNDETECTED: "Bank name could not be identified",
  UNPARSABLE: "Failed to process because of an unparsable statement",
};
