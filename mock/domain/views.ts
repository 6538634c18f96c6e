/**
 * Response and webhook bodies built from domain state, typed by the types generated from the spec:
 * a shape the spec does not define does not compile. Pure: time and URLs come in as arguments.
 */
import type {
  EnrichmentNotificationPayload,
  GetPdfsResponse,
  InsightsResponse,
  ProgressResponse,
  SessionExpiryPayload,
  SessionRequirementCompletionPayload,
  SessionStatusResponse,
  StatementProgress,
  SubscribedDataResponse,
  UploadResponse,
  UploadStatusAccount,
  UploadStatusResponse,
  UploadStatusStatement,
  WebhookUploadAccount,
} from "../../openapi/generated/bankconnect.js";
import { findBank, missingMonths, monthsOfRange, presentInsights, presentSubscribedData, statementIsFraudulent, toRupees } from "../data/index.js";
import { accountCovers, phaseAt, type AccountState, type Phase, type Session, type StatementState } from "./session.js";
import { addDays, dayNumber, isoMicros, spaceTimestamp, toDmy } from "../core/dates.js";

type IsoRange = { from_date: string; to_date: string };

function usableStatements(s: Session, acc: AccountState): StatementState[] {
  return acc.statementIds
    .map((id) => s.statements.find((st) => st.id === id))
    .filter((st): st is StatementState => !!st);
}

/** `YYYY-MM` months touched by the account's usable statements, oldest first. */
function monthsOf(statements: StatementState[]): string[] {
  const months = new Set<string>();
  for (const st of statements) if (!st.failure) for (const m of monthsOfRange(st.period)) months.add(m);
  return [...months].sort();
}

/** The parts of the session range that no usable statement of the account covers. */
function missingData(s: Session, statements: StatementState[]): IsoRange[] {
  const spans = statements
    .filter((st) => !st.failure)
    .map((st) => [dayNumber(st.period.from), dayNumber(st.period.to)] as const)
    .sort((a, b) => a[0] - b[0]);
  const out: IsoRange[] = [];
  const start = dayNumber(s.range.from);
  const end = dayNumber(s.range.to);
  let cursor = start;
  for (const [from, to] of spans) {
    if (from > cursor) out.push({ from_date: addDays(s.range.from, cursor - start), to_date: addDays(s.range.from, Math.min(from - 1, end) - start) });
    cursor = Math.max(cursor, to + 1);
    if (cursor > end) break;
  }
  if (cursor <= end) out.push({ from_date: addDays(s.range.from, cursor - start), to_date: s.range.to });
  return out.filter((r) => r.from_date <= r.to_date);
}

function statementView(st: StatementState): UploadStatusStatement {
  return {
    statement_id: st.id,
    statement_status: st.failure ? "failed" : "completed",
    error_code: (st.failure?.code ?? "") as UploadStatusStatement["error_code"],
    error_message: st.failure?.message ?? "",
    source: st.source,
    statement_date_range: { from_date: toDmy(st.period.from), to_date: toDmy(st.period.to) },
    upload_file_name: st.fileName,
    created_at: isoMicros(st.uploadedAt),
  };
}

function uploadAccountView(s: Session, acc: AccountState): UploadStatusAccount {
  const statements = usableStatements(s, acc);
  return {
    account_id: acc.id,
    account_number: acc.account.account_number,
    bank_name: acc.bank,
    account_status: accountCovers(s, acc) ? "COMPLETED" : "PARTIAL",
    months: monthsOf(statements),
    missing_data: missingData(s, statements),
    created_at: spaceTimestamp(acc.createdAt),
    last_updated_at: spaceTimestamp(acc.updatedAt),
    statements: statements.map(statementView),
    name: acc.account.name,
    account_type: acc.account.account_category === "corporate" ? "CURRENT" : "SAVINGS",
    full_bank_name: findBank(acc.bank)?.name ?? acc.bank,
  };
}

/**
 * Polled every two seconds by every client, so it is built once per session state: the session's
 * version changes with every mutation, and time only matters through the phase (expiry).
 */
export function uploadStatusView(s: Session, now: number): UploadStatusResponse {
  const phase = phaseAt(s, now);
  const key = `${s.version}:${phase}`;
  if (s.uploadStatusCache?.key !== key) s.uploadStatusCache = { key, body: buildUploadStatus(s, phase) };
  return s.uploadStatusCache.body as UploadStatusResponse;
}

function buildUploadStatus(s: Session, phase: Phase): UploadStatusResponse {
  const upload_status = phase === "PROCESSING" || phase === "PROCESSED" ? "COMPLETED" : phase === "DELETED" ? "EXPIRED" : phase;
  return {
    session_id: s.id,
    session_date_range: { from_date: toDmy(s.range.from), to_date: toDmy(s.range.to) },
    upload_status,
    session_expiry_timestamp: spaceTimestamp(s.expiresAt),
    accounts: s.accounts.map((acc) => uploadAccountView(s, acc)),
  };
}

function webhookAccounts(s: Session): WebhookUploadAccount[] {
  return s.accounts.map((acc) => {
    const { name: _name, account_type: _type, full_bank_name: _full, ...rest } = uploadAccountView(s, acc);
    return rest;
  });
}

/** The completion and expiry webhooks share one shape: the session's accounts and statements. */
function uploadEventPayload<E extends "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION" | "SESSION_EXPIRY_NOTIFICATION">(s: Session, event_name: E, message: string) {
  return {
    session_id: s.id,
    session_date_range: { from_date: toDmy(s.range.from), to_date: toDmy(s.range.to) },
    event_name,
    message,
    accounts: webhookAccounts(s),
  };
}

export function completionPayload(s: Session): SessionRequirementCompletionPayload {
  return uploadEventPayload(s, "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "Upload Completed");
}

export function expiryPayload(s: Session): SessionExpiryPayload {
  return uploadEventPayload(s, "SESSION_EXPIRY_NOTIFICATION", "Session Expired");
}

export function enrichmentPayload(s: Session): EnrichmentNotificationPayload {
  const outcomes = s.result?.outcomes ?? [];
  return {
    session_id: s.id,
    event_name: "ENRICHMENT_NOTIFICATION",
    insights_available: (s.result?.derived.length ?? 0) > 0,
    accounts: outcomes.map((o) => {
      const acc = s.accounts.find((a) => a.id === o.accountId) as AccountState;
      return {
        bank_name: acc.bank,
        account_id: o.accountId,
        account_status: o.status,
        error_code: o.errorCode as EnrichmentNotificationPayload["accounts"][number]["error_code"],
        error_message: o.errorMessage,
        name: acc.account.name,
        account_category: acc.account.account_category,
        attempt_types: ["PDF"],
      };
    }),
  };
}

/** Each step completes at its share of the processing time; failed statements fail at once. */
export function progressView(s: Session, now: number): ProgressResponse {
  const p = s.processing as NonNullable<Session["processing"]>;
  const span = Math.max(1, p.completesAt - p.initiatedAt);
  const done = s.result !== null;
  const fraction = done ? 1 : Math.min(1, (now - p.initiatedAt) / span);
  const step = (threshold: number): StatementProgress["transaction_status"] => (done || fraction >= threshold ? "completed" : "processing");
  return {
    session_id: s.id,
    session_progress: done ? "completed" : "processing",
    progress: s.statements.map((st) =>
      st.failure
        ? {
            identity_status: "completed",
            transaction_status: "failed",
            processing_status: "failed",
            fraud_status: "failed",
            statement_id: st.id,
            message: st.failure.message,
            source: st.source,
          }
        : {
            identity_status: "completed",
            transaction_status: step(1 / 3),
            processing_status: step(2 / 3),
            fraud_status: step(1),
            statement_id: st.id,
            message: null,
            source: st.source,
          },
    ),
  };
}

export function sessionStatusView(s: Session): SessionStatusResponse {
  const result = s.result as NonNullable<Session["result"]>;
  return {
    session_id: s.id,
    insights_available: result.derived.length > 0,
    accounts: result.outcomes.map((o) => {
      const acc = s.accounts.find((a) => a.id === o.accountId) as AccountState;
      return {
        bank_name: acc.bank,
        account_number: acc.account.account_number,
        account_id: acc.id,
        account_status: o.status,
        error_code: o.errorCode as SessionStatusResponse["accounts"][number]["error_code"],
        error_message: o.errorMessage,
        created_at: spaceTimestamp(acc.createdAt),
        last_updated_at: spaceTimestamp(acc.updatedAt),
        statements: usableStatements(s, acc).map(statementView),
        name: acc.account.name,
        account_category: acc.account.account_category,
        attempt_types: ["PDF"],
        account_type: acc.account.account_category === "corporate" ? "CURRENT" : "SAVINGS",
        full_bank_name: findBank(acc.bank)?.name ?? acc.bank,
      };
    }),
  };
}

/** A completed session never changes, so its large bodies are built once. */
function cached<T>(s: Session, key: string, build: () => T): T {
  const cache = (s.result as NonNullable<Session["result"]>).cache;
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key) as T;
}

export function insightsView(s: Session): InsightsResponse {
  return cached(s, "insights", () => presentInsights(s.id, (s.result as NonNullable<Session["result"]>).derived));
}

export function subscribedDataView(s: Session): SubscribedDataResponse {
  return cached(s, "subscribed_data", () => presentSubscribedData(s.id, (s.result as NonNullable<Session["result"]>).derived));
}

export function uploadResponseView(s: Session, st: StatementState, acc: AccountState, withIdentity: boolean): UploadResponse {
  const a = acc.account;
  const range = { from_date: st.period.from, to_date: st.period.to };
  const months = st.failure ? [] : monthsOfRange(st.period);
  const masked = a.account_number ? `${"X".repeat(Math.max(0, a.account_number.length - 4))}${a.account_number.slice(-4)}` : null;
  const fraud = st.data ? statementIsFraudulent(st.data) : null;
  return {
    bank_name: st.bank,
    statement_id: st.id,
    page_count: st.pageCount,
    ...(withIdentity
      ? {
          identity: {
            account_number: a.account_number,
            name: a.name,
            address: a.address,
            ifsc: a.ifsc,
            micr: a.micr,
            account_category: a.account_category,
            credit_limit: a.credit_limit,
            od_limit: a.od_limit,
            account_id: acc.id,
            bank_name: st.bank,
          },
        }
      : {}),
    date_range: range,
    opening_date: a.account_opening_date,
    opening_bal: st.data ? toRupees(st.data.opening_balance_paisa) : null,
    closing_bal: st.data ? toRupees(st.data.closing_balance_paisa) : null,
    is_fraud: fraud !== null,
    fraud_type: fraud,
    metadata_analysis: { name_matches: [] },
    country_code: "IN",
    currency_code: "INR",
    extracted_date_range: range,
    account_id: acc.id,
    masked_account_number: masked,
    months,
    missing_months: st.failure ? monthsOfRange(s.range) : missingMonths(st.period, s.range),
    status: 1,
    session_id: s.id,
  };
}

/** Signed links to the stored files; they stop working after one hour, and are "" after 30 days. */
export function pdfsView(s: Session, now: number, link: (st: StatementState, expiresAt: number) => string): GetPdfsResponse {
  const THIRTY_DAYS = 30 * 86_400_000;
  return {
    statements: s.statements.map((st) => ({
      statement_id: st.id,
      bank_name: st.bank,
      pdf_password: st.pdfPassword,
      pdf_url: now - st.uploadedAt > THIRTY_DAYS ? "" : link(st, now + 3_600_000),
      account_id: st.accountId,
      source: "PDF",
      message: "Success",
    })),
  };
}
