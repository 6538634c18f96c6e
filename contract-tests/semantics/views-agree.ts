/**
 * "Every view tells the same story": the upload responses, both upload-status endpoints, progress,
 * session_status, insights, subscribed_data and the webhooks of one session agree on its ids,
 * banks, statuses and error codes; a completed account has no error code and a failed one a
 * documented code; a webhook payload matches the session's state when it was sent.
 */
import type {
  EnrichmentNotificationPayload,
  InsightsResponse,
  ProgressResponse,
  SessionRequirementCompletionPayload,
  SessionStatusResponse,
  SubscribedDataResponse,
  UploadResponse,
  UploadStatusResponse,
} from "../../openapi/generated/bankconnect.js";
import type { Finding } from "./finding.js";

export interface SessionViews {
  sessionId: string;
  uploads: UploadResponse[];
  uploadStatus?: UploadStatusResponse;
  sessionUploadStatus?: UploadStatusResponse;
  progress?: ProgressResponse;
  sessionStatus?: SessionStatusResponse;
  insights?: InsightsResponse;
  subscribedData?: SubscribedDataResponse;
  enrichment?: EnrichmentNotificationPayload;
}

export interface DocumentedCodes {
  account: ReadonlySet<string>;
  statement: ReadonlySet<string>;
}

/** `""` (seeds) and `null` (newer pages) both mean "no error code". */
export const codeOf = (c: string | null | undefined): string | null => (c === undefined || c === null || c === "" ? null : c);

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const same = (a: Iterable<string>, b: Iterable<string>): boolean => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const list = (xs: Iterable<string>): string => `[${sorted(xs).join(", ")}]`;

function idsOfUploadStatus(u: UploadStatusResponse) {
  return {
    accounts: u.accounts.map((a) => a.account_id),
    statements: u.accounts.flatMap((a) => a.statements.map((s) => s.statement_id)),
  };
}

export function viewsAgree(v: SessionViews, codes: DocumentedCodes): Finding[] {
  const out: Finding[] = [];
  const add = (rule: string, where: string, expected: string, actual: string) => out.push({ rule, where, expected, actual });

  // One session id everywhere.
  const named: Array<[string, string | undefined]> = [
    ...v.uploads.map((u, i): [string, string] => [`upload #${i}`, u.session_id]),
    ["upload_status", v.uploadStatus?.session_id],
    ["session_upload_status", v.sessionUploadStatus?.session_id],
    ["progress", v.progress?.session_id],
    ["session_status", v.sessionStatus?.session_id],
    ["insights", v.insights?.session_id],
    ["subscribed_data", v.subscribedData?.session_id],
    ["ENRICHMENT_NOTIFICATION", v.enrichment?.session_id],
  ];
  for (const [view, id] of named) if (id !== undefined && id !== v.sessionId) add("same-session", view, `session ${v.sessionId}`, `session ${id}`);

  // Both upload-status endpoints list the same accounts, statements and statuses.
  if (v.uploadStatus && v.sessionUploadStatus) {
    const a = idsOfUploadStatus(v.uploadStatus);
    const b = idsOfUploadStatus(v.sessionUploadStatus);
    if (v.uploadStatus.upload_status !== v.sessionUploadStatus.upload_status) add("upload-status-endpoints", "upload_status vs session_upload_status", v.uploadStatus.upload_status, v.sessionUploadStatus.upload_status);
    if (!same(a.accounts, b.accounts)) add("upload-status-endpoints", "accounts", `upload_status ${list(a.accounts)}`, `session_upload_status ${list(b.accounts)}`);
    if (!same(a.statements, b.statements)) add("upload-status-endpoints", "statements", `upload_status ${list(a.statements)}`, `session_upload_status ${list(b.statements)}`);
  }

  const status = v.uploadStatus ?? v.sessionUploadStatus;
  // Each accepted upload shows up under its account, with the bank the upload answered.
  if (status) {
    for (const [i, u] of v.uploads.entries()) {
      const account = status.accounts.find((a) => a.account_id === u.account_id);
      if (!account) {
        add("upload-vs-status", `upload #${i} (statement ${u.statement_id})`, `its account ${u.account_id} in upload_status`, `accounts ${list(status.accounts.map((a) => a.account_id))}`);
        continue;
      }
      if (!account.statements.some((s) => s.statement_id === u.statement_id)) add("upload-vs-status", `upload #${i}`, `statement ${u.statement_id} under account ${u.account_id}`, `statements ${list(account.statements.map((s) => s.statement_id))}`);
      if (account.bank_name !== u.bank_name) add("upload-vs-status", `upload #${i} account ${u.account_id}`, `bank ${u.bank_name} (the upload's answer)`, `bank ${account.bank_name}`);
    }
    const partial = status.accounts.some((a) => a.account_status !== "COMPLETED");
    if (status.upload_status === "NO_UPLOAD" && status.accounts.length > 0) add("upload-vs-status", "upload_status", "no accounts while NO_UPLOAD", `${status.accounts.length} account(s)`);
    if (status.upload_status !== "NO_UPLOAD" && status.upload_status !== "EXPIRED" && status.accounts.length === 0) add("upload-vs-status", "upload_status", "accounts once something was uploaded", "none");
    // vendor:upload-status: COMPLETED once the requirement is met; an account may still be PARTIAL (documented), but not every account.
    if (status.upload_status === "COMPLETED" && status.accounts.length > 0 && status.accounts.every((a) => a.account_status !== "COMPLETED") && partial) {
      add("upload-vs-status", "upload_status", "at least one COMPLETED account when the upload is COMPLETED", status.accounts.map((a) => a.account_status).join(", "));
    }
  }

  // Processing views: the statements and accounts that were uploaded, nothing else.
  const uploadedStatements = status ? idsOfUploadStatus(status).statements : v.uploads.map((u) => u.statement_id);
  const uploadedAccounts = status ? idsOfUploadStatus(status).accounts : v.uploads.map((u) => u.account_id);
  if (v.progress) {
    const ids = v.progress.progress.map((p) => p.statement_id);
    if (!same(ids, uploadedStatements)) add("progress-vs-upload", "progress", `the uploaded statements ${list(uploadedStatements)}`, list(ids));
  }
  if (v.sessionStatus) {
    const accounts = v.sessionStatus.accounts.map((a) => a.account_id);
    const statements = v.sessionStatus.accounts.flatMap((a) => a.statements.map((s) => s.statement_id));
    if (!same(accounts, uploadedAccounts)) add("session-status-vs-upload", "session_status accounts", list(uploadedAccounts), list(accounts));
    if (!same(statements, uploadedStatements)) add("session-status-vs-upload", "session_status statements", list(uploadedStatements), list(statements));
    for (const a of v.sessionStatus.accounts) {
      const code = codeOf(a.error_code);
      if (a.account_status === "completed" && code !== null) add("account-error-code", `session_status account ${a.account_id}`, "no error code on a completed account", String(code));
      if (a.account_status === "failed" && (code === null || !codes.account.has(code))) add("account-error-code", `session_status account ${a.account_id}`, "a documented account-level code on a failed account", String(code));
      if (status) {
        const bank = status.accounts.find((x) => x.account_id === a.account_id)?.bank_name;
        if (bank !== undefined && bank !== a.bank_name) add("session-status-vs-upload", `session_status account ${a.account_id}`, `bank ${bank}`, `bank ${a.bank_name}`);
      }
      for (const s of a.statements) {
        const sc = codeOf(s.error_code);
        if (s.statement_status === "completed" && sc !== null) add("statement-error-code", `session_status statement ${s.statement_id}`, "no error code on a completed statement", sc);
        if (s.statement_status === "failed" && (sc === null || !codes.statement.has(sc))) add("statement-error-code", `session_status statement ${s.statement_id}`, "a documented statement-level code on a failed statement", String(sc));
      }
    }
    const completed = v.sessionStatus.accounts.filter((a) => a.account_status === "completed").map((a) => a.account_id);
    if (v.insights) {
      const ids = v.insights.accounts.map((a) => a.account_id);
      for (const id of completed) if (!ids.includes(id)) add("enriched-vs-status", "insights", `completed account ${id}`, list(ids));
      for (const id of ids) if (!accounts.includes(id)) add("enriched-vs-status", "insights", `only accounts of the session ${list(accounts)}`, id);
      for (const a of v.insights.accounts) {
        if (completed.includes(a.account_id) && a.data.transactions.length === 0) add("enriched-vs-status", `insights account ${a.account_id}`, "transactions for a completed account", "none");
      }
    }
    if (v.subscribedData) {
      const ids = Object.keys(v.subscribedData.accounts);
      for (const id of completed) if (!ids.includes(id)) add("enriched-vs-status", "subscribed_data", `completed account ${id}`, list(ids));
      for (const id of ids) if (!accounts.includes(id)) add("enriched-vs-status", "subscribed_data", `only accounts of the session ${list(accounts)}`, id);
    }
    if (v.enrichment) {
      out.push(...enrichmentMatches(v.enrichment, v.sessionStatus, (v.insights?.accounts.length ?? 0) > 0));
    }
  }
  return out;
}

/**
 * ENRICHMENT_NOTIFICATION against session_status after processing: same accounts, statuses, codes;
 * `insights_available` says whether insights serves account data.
 */
export function enrichmentMatches(payload: EnrichmentNotificationPayload, status: SessionStatusResponse, insightsServed: boolean): Finding[] {
  const out: Finding[] = [];
  const where = "ENRICHMENT_NOTIFICATION";
  const byId = new Map(status.accounts.map((a) => [a.account_id, a]));
  if (!same(payload.accounts.map((a) => a.account_id), byId.keys())) {
    out.push({ rule: "webhook-vs-state", where, expected: `the session's accounts ${list(byId.keys())}`, actual: list(payload.accounts.map((a) => a.account_id)) });
  }
  for (const a of payload.accounts) {
    const s = byId.get(a.account_id);
    if (!s) continue;
    if (a.account_status !== s.account_status) out.push({ rule: "webhook-vs-state", where: `${where} account ${a.account_id}`, expected: `status ${s.account_status} (session_status)`, actual: a.account_status });
    if (codeOf(a.error_code) !== codeOf(s.error_code)) out.push({ rule: "webhook-vs-state", where: `${where} account ${a.account_id}`, expected: `error code ${String(codeOf(s.error_code))} (session_status)`, actual: String(codeOf(a.error_code)) });
    if (a.bank_name !== s.bank_name) out.push({ rule: "webhook-vs-state", where: `${where} account ${a.account_id}`, expected: `bank ${s.bank_name}`, actual: a.bank_name });
  }
  if (payload.insights_available !== undefined && payload.insights_available !== insightsServed) {
    out.push({ rule: "webhook-vs-state", where: `${where} insights_available`, expected: `${String(insightsServed)} (insights ${insightsServed ? "serves" : "does not serve"} account data)`, actual: String(payload.insights_available) });
  }
  return out;
}

/**
 * The completion payload against the upload_status snapshots taken right after each upload (the
 * event is sent by the upload that completes the requirement): it must match one of them.
 */
export function completionMatchesAny(payload: SessionRequirementCompletionPayload, snapshots: readonly UploadStatusResponse[]): Finding[] {
  let best: Finding[] | undefined;
  for (const s of snapshots) {
    const f = completionMatches(payload, s);
    if (f.length === 0) return [];
    if (!best || f.length < best.length) best = f;
  }
  return best ?? [{ rule: "webhook-vs-state", where: "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", expected: "an upload_status snapshot to compare with", actual: "none" }];
}

/** SESSION_REQUIREMENT_COMPLETION_NOTIFICATION against upload_status as it stood when it was sent. */
export function completionMatches(payload: SessionRequirementCompletionPayload, status: UploadStatusResponse): Finding[] {
  const out: Finding[] = [];
  const where = "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION";
  if (status.upload_status !== "COMPLETED") out.push({ rule: "webhook-vs-state", where: `${where} (upload_status when it arrived)`, expected: "COMPLETED", actual: status.upload_status });
  const ids = idsOfUploadStatus(status);
  const accounts = payload.accounts.map((a) => a.account_id);
  const statements = payload.accounts.flatMap((a) => a.statements.map((s) => s.statement_id));
  if (!same(accounts, ids.accounts)) out.push({ rule: "webhook-vs-state", where: `${where} accounts`, expected: `upload_status's ${list(ids.accounts)}`, actual: list(accounts) });
  if (!same(statements, ids.statements)) out.push({ rule: "webhook-vs-state", where: `${where} statements`, expected: `upload_status's ${list(ids.statements)}`, actual: list(statements) });
  for (const a of payload.accounts) {
    const s = status.accounts.find((x) => x.account_id === a.account_id);
    if (s && (s.account_status !== a.account_status || s.bank_name !== a.bank_name)) {
      out.push({ rule: "webhook-vs-state", where: `${where} account ${a.account_id}`, expected: `${s.account_status} at ${s.bank_name} (upload_status)`, actual: `${a.account_status} at ${a.bank_name}` });
    }
  }
  if (payload.session_date_range && status.session_date_range && JSON.stringify(payload.session_date_range) !== JSON.stringify(status.session_date_range)) {
    out.push({ rule: "webhook-vs-state", where: `${where} session_date_range`, expected: JSON.stringify(status.session_date_range), actual: JSON.stringify(payload.session_date_range) });
  }
  return out;
}
