import { base64Bytes, base64Of } from "../core/bytes.js";
import type { Scenarios } from "../domain/scenarios.js";
import type { Session } from "../domain/session.js";
import type { SessionSnapshot } from "./format.js";

/** A session as plain JSON: bytes as Base64, sets as arrays, timers and caches left out. */
export function sessionToSnapshot(s: Session): SessionSnapshot {
  return {
    id: s.id,
    link_id: s.linkId,
    created_at: s.createdAt,
    expires_at: s.expiresAt,
    range: s.range,
    redirect_url: s.redirectUrl,
    mode: s.mode,
    bank_name: s.bankName,
    journey_mode: s.journeyMode,
    scenario: s.scenario.name,
    phase: s.phase,
    forced_account_failure: s.forcedAccountFailure,
    accounts: s.accounts.map((a) => ({ id: a.id, bank: a.bank, account: a.account, created_at: a.createdAt, updated_at: a.updatedAt, statement_ids: a.statementIds })),
    statements: s.statements.map((st) => ({
      id: st.id,
      account_id: st.accountId,
      bank: st.bank,
      file_name: st.fileName,
      uploaded_at: st.uploadedAt,
      period: st.period,
      content_hash: st.contentHash,
      pdf_password: st.pdfPassword,
      failure: st.failure,
      data: st.data,
      page_count: st.pageCount,
      bytes_base64: base64Of(st.bytes),
      mime_type: st.mimeType,
    })),
    content_hashes: [...s.contentHashes],
    upload_counter: s.uploadCounter,
    upload_completed_at: s.uploadCompletedAt,
    processing: s.processing ? { initiated_at: s.processing.initiatedAt, completes_at: s.processing.completesAt } : null,
    result: s.result ? { derived: s.result.derived, outcomes: s.result.outcomes, finished_at: s.result.finishedAt } : null,
    expired_at: s.expiredAt,
    deleted_at: s.deletedAt,
    transitions: s.transitions,
    version: s.version,
  };
}

export type SessionRestore = { ok: true; session: Session } | { ok: false; message: string };

/**
 * Rebuilds a session of `tenant` from a snapshot that passed the schema. What the schema cannot
 * check is checked here: the scenario must exist and every statement an account names must be there.
 * Timers are not restored; the lifecycle re-arms them.
 */
export function sessionFromSnapshot(snap: SessionSnapshot, tenant: string, scenarios: Scenarios): SessionRestore {
  const scenario = scenarios.session(snap.scenario);
  if (!scenario) return { ok: false, message: `session ${snap.id}: unknown scenario ${JSON.stringify(snap.scenario)}` };
  const statementIds = new Set(snap.statements.map((st) => st.id));
  for (const a of snap.accounts) {
    const missing = a.statement_ids.find((id) => !statementIds.has(id));
    if (missing !== undefined) return { ok: false, message: `session ${snap.id}: account ${a.id} names statement ${missing}, which is not in the session` };
  }
  const session: Session = {
    id: snap.id,
    tenant,
    linkId: snap.link_id,
    createdAt: snap.created_at,
    expiresAt: snap.expires_at,
    range: snap.range,
    redirectUrl: snap.redirect_url,
    mode: snap.mode,
    bankName: snap.bank_name,
    journeyMode: snap.journey_mode,
    scenario,
    phase: snap.phase,
    forcedAccountFailure: snap.forced_account_failure,
    accounts: snap.accounts.map((a) => ({ id: a.id, bank: a.bank, account: a.account, createdAt: a.created_at, updatedAt: a.updated_at, statementIds: a.statement_ids })),
    statements: snap.statements.map((st) => ({
      id: st.id,
      accountId: st.account_id,
      bank: st.bank,
      fileName: st.file_name,
      source: "pdf",
      uploadedAt: st.uploaded_at,
      period: st.period,
      contentHash: st.content_hash,
      pdfPassword: st.pdf_password,
      failure: st.failure,
      data: st.data,
      pageCount: st.page_count,
      bytes: base64Bytes(st.bytes_base64),
      mimeType: st.mime_type,
    })),
    contentHashes: new Set(snap.content_hashes),
    uploadCounter: snap.upload_counter,
    uploadCompletedAt: snap.upload_completed_at,
    processing: snap.processing ? { initiatedAt: snap.processing.initiated_at, completesAt: snap.processing.completes_at } : null,
    result: snap.result ? { derived: snap.result.derived, outcomes: snap.result.outcomes, finishedAt: snap.result.finished_at, cache: new Map() } : null,
    expiredAt: snap.expired_at,
    deletedAt: snap.deleted_at,
    transitions: snap.transitions,
    cancelTimers: [],
    version: snap.version,
  };
  return { ok: true, session };
}
