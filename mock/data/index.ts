/**
 * The mock's data module: accounts, statements and every derived figure of the insights and
 * subscribed_data documents. Pure functions only: the same inputs always give the same outputs
 * (seeded generators, time passed in as `now`), so the HTTP layer can recompute rather than store.
 *
 * Typical flow (what the upload and fetch handlers do):
 *   const account = createAccount({ seed, key: `${tenant}/${session}/${bank}`, bank, fault });
 *   const s1 = generateStatement({ seed, key: fileHash, account, period, fault, statementId });
 *   // further uploads continue the chain: openingBalancePaisa: s1.closing_balance_paisa
 *   const derived = deriveAccount({ account, statements: [s1], sessionRange, now: clock.now() });
 *   detectAccountFailure(derived);              // { code, message } | null, read from the data
 *   presentInsights(sessionId, [derived]);       // GET .../insights/ body
 *   presentSubscribedData(sessionId, [derived]); // GET .../subscribed_data/ body
 *
 * User data instead of generated data:
 *   const parsed = parseStatementFixture(JSON.parse(text)); // { ok, value } | { ok: false, errors }
 *   const account = createAccount({ seed, key, bank: parsed.value.bank_name, fixture: parsed.value.account });
 *   const statement = statementFromFixture(parsed.value, { seed, statementId, account });
 *
 * Units: `*_paisa` fields are integer paisa; presenters print rupees. Dates are `YYYY-MM-DD`.
 *
 * Rules the data keeps (details next to the code: derive.ts, failure.ts, faults.ts):
 * - balance chain: each printed balance = previous ± amount, across statements too, except the one
 *   deliberate break of BALANCE_MISMATCH (or a fixture's own printed balances);
 * - month opening = previous month's closing; closing = last eod value = last balance of the month;
 * - failures are read from the data in this precedence: NULL_ACCOUNT_NUMBER, UNPARSABLE,
 *   INCOMPLETE_MONTHS_UPLOAD, INCOMPLETE_DATES_UPLOAD, BALANCE_MISMATCH, INCOMPLETE_MONTHS,
 *   MISSING_TRANSACTIONS (15+ covered days without a transaction); clean data never has a
 *   quiet stretch longer than MAX_QUIET_DAYS;
 * - faults are guaranteed for periods of three or more calendar months (faultApplies tells
 *   for any period); NULL_ACCOUNT_NUMBER is
 *   an identity property, so pass the fault to createAccount as well as to generateStatement;
 * - FRAUD = an editing tool in the PDF metadata (author_fraud) plus one backdated row
 *   (inconsistent_transaction); it is not an account failure.
 */

// Types
export type {
  Account,
  AccountCategory,
  AccountFailure,
  AccountFailureCode,
  AccountTraits,
  Counterparty,
  DateRange,
  DerivedAccount,
  FraudFinding,
  MerchantCategory,
  MonthAnalysis,
  PdfMetadata,
  Profile,
  SalaryEntry,
  DataFault,
  Statement,
  Transaction,
  TransactionChannel,
  TransactionType,
  WireDateRange,
} from "./types.js";
export type { FixtureAccount, FixtureError, FixtureParseResult, FixtureTransaction, StatementFixture } from "./fixture-format.js";
export type * from "./wire-types.js";
export type { Bank, BankCatalogueEntry, NoteStyle } from "./banks.js";
export type { CreateAccountOptions } from "./account.js";
export type { GenerateStatementOptions } from "./generate.js";
export type { DeriveAccountOptions } from "./derive.js";
export type { PresentOptions } from "./present.js";
export type { StatementFromFixtureOptions } from "./fixture.js";
export type { SimulateAccountOptions, SimulatedAccount } from "./simulate.js";

/** Value lists: every failure code, every fault (null = clean), profiles, appendix enums. */
export { ACCOUNT_FAILURE_CODES, DATA_FAULTS, PROFILES, TRANSACTION_CHANNELS, MERCHANT_CATEGORIES } from "./types.js";

/** The vendor bank table with IFSC prefix, MICR code and note style; lookup by id, name or alias. */
export { BANKS, findBank, suggestBanks, bankCatalogue } from "./banks.js";

/** Account identity (number, IFSC, MICR, holder, address, limits, traits), stable per (seed, key). */
export { createAccount } from "./account.js";

/** One statement's transactions over a period, with balances, under a fault. */
export { generateStatement } from "./generate.js";

/** Profile defaults for `density` (transactions per full month). */
export { DEFAULT_DENSITY } from "./plan.js";

/** Whether a period can carry a fault, its narrowed coverage, and the quiet-day thresholds. */
export { coveredPeriod, faultApplies, MAX_QUIET_DAYS, MISSING_RUN_DAYS } from "./faults.js";

/** Upload-response helpers: months a period touches, session months a statement misses. */
export { monthsOfRange, missingMonths } from "./ranges.js";

/** Everything derived for one account from its statements and the session range. */
export { deriveAccount } from "./derive.js";

/** Failure checks that read only the data: the winning failure, all of them, balance-chain breaks. */
export { detectAccountFailure, inspectAccount, balanceBreaks } from "./failure.js";

/** Fraud of a single statement (upload response `is_fraud` / `fraud_type`). */
export { statementFraud, statementIsFraudulent } from "./fraud.js";

/** Paisa to wire rupees and back. */
export { toRupees, toPaisa } from "./money.js";

/** Response bodies of the insights and subscribed_data endpoints; `topMap` is the note-keyed top-5 map. */
export { presentInsights, presentSubscribedData, topMap } from "./present.js";

/** Statement fixtures: validation as data, and a statement made of exactly their transactions. */
export { parseStatementFixture, statementFromFixture } from "./fixture.js";

/** Channel / category / description inferred from a note (used for fixtures without enrichment). */
export { categorizeNote } from "./categorize.js";

/** createAccount + chained generateStatement calls + deriveAccount in one call. */
export { simulateAccount, splitRange } from "./simulate.js";

/** Date labels the documents use (`Oct-23`, `Oct-2023`, `23-Oct-23`, ...), for other modules' messages. */
export { monthShort, monthLong, monthSpaced, dayLabel, txnDateTime, monthKey, dayOf, isoOf, monthIndexOfDay } from "../core/dates.js";
