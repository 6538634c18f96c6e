/**
 * The snapshot format of the mock's state: the whole server in a state file (`--state-file`), one
 * tenant in the control API's export/import. Plain JSON, versioned: a reader refuses a file of
 * another format or version with a message instead of guessing. The JSON Schema of both shapes is
 * in openapi/mock-control.yaml (`StateFile`, `TenantState`), and every load validates against it.
 */
import type { Account, DateRange, DerivedAccount, Statement } from "../data/index.js";
import type { AccountOutcome, Phase, StatementFailure, Transition } from "../domain/session.js";
import type { WebhookTenantState } from "../webhooks/types.js";

export const STATE_FORMAT = "bankconnect-mock-state";
export const STATE_VERSION = 1;

export interface StatementSnapshot {
  id: string;
  account_id: string;
  bank: string;
  file_name: string;
  uploaded_at: number;
  period: DateRange;
  content_hash: string;
  pdf_password: string | null;
  failure: StatementFailure | null;
  data: Statement | null;
  page_count: number;
  /** The stored file, Base64. */
  bytes_base64: string;
  mime_type: string;
}

export interface AccountSnapshot {
  id: string;
  bank: string;
  account: Account;
  created_at: number;
  updated_at: number;
  statement_ids: string[];
}

export interface SessionSnapshot {
  id: string;
  link_id: string;
  created_at: number;
  expires_at: number;
  range: DateRange;
  redirect_url: string | null;
  mode: string | null;
  bank_name: string | null;
  journey_mode: string | null;
  /** Session scenario name (GET /__mock/scenarios). */
  scenario: string;
  phase: Phase;
  forced_account_failure: string | null;
  accounts: AccountSnapshot[];
  statements: StatementSnapshot[];
  content_hashes: string[];
  upload_counter: number;
  upload_completed_at: number | null;
  processing: { initiated_at: number; completes_at: number } | null;
  result: { derived: DerivedAccount[]; outcomes: AccountOutcome[]; finished_at: number } | null;
  expired_at: number | null;
  deleted_at: number | null;
  transitions: Transition[];
  version: number;
}

/** Config, the delivery log oldest first (pending and retrying ones resume after a load), payloads. */
export type WebhookSnapshot = WebhookTenantState;

export interface TenantState {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  /** The API key the state was exported from (an import goes to the key it is sent with). */
  api_key: string;
  /** The seed of the mock that wrote it. */
  seed: string;
  /** The tenant's virtual time when exported, ms since the epoch. */
  now_ms: number;
  /** Sessions created so far; the next session id derives from it. */
  session_counter: number;
  sessions: SessionSnapshot[];
  webhooks: WebhookSnapshot;
}

export interface StateFile {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  saved_at: string;
  seed: string;
  /** The base clock when saved; tenants' clocks are this plus their offset. */
  base_now_ms: number;
  /** The secret that signs file links, so links handed out before a restart keep working. */
  link_secret: string;
  tenants: Array<{ clock_offset_ms: number; state: TenantState }>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Format and version first, so an old or foreign file gets that message rather than a schema error. */
export function checkEnvelope(value: unknown, what: string): string | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return `${what} is not a JSON object`;
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== STATE_FORMAT) return `${what} is not a BankConnect mock state (format ${JSON.stringify(format ?? null)}, expected ${JSON.stringify(STATE_FORMAT)})`;
  if (version !== STATE_VERSION) return `${what} has state format version ${JSON.stringify(version ?? null)}; this mock reads version ${STATE_VERSION}`;
  return null;
}
