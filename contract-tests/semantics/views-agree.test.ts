/** Each "views agree" rule holds on one consistent session and fails on the one inconsistency it is about. */
import { describe, expect, it } from "vitest";
import type { EnrichmentNotificationPayload, SessionRequirementCompletionPayload } from "../../openapi/generated/bankconnect.js";
import { completionMatches, enrichmentMatches, viewsAgree, type SessionViews } from "./views-agree.js";

const codes = { account: new Set(["BALANCE_MISMATCH", "MISSING_TRANSACTIONS"]), statement: new Set(["EXTRACTION_FAILED"]) };

function views(): SessionViews {
  const statement = { statement_id: "st1", statement_status: "COMPLETED", error_code: null, error_message: null, source: "pdf" };
  const account = { account_id: "a1", account_number: "XX1", bank_name: "hdfc", account_status: "COMPLETED", months: ["2024-01"], created_at: "2024-04-16 07:47:42", last_updated_at: "2024-04-16 07:47:42", statements: [statement] };
  const uploadStatus = { session_id: "s1", session_date_range: { from_date: "01/01/2024", to_date: "31/01/2024" }, upload_status: "COMPLETED", accounts: [account] };
  return {
    sessionId: "s1",
    uploads: [{ session_id: "s1", statement_id: "st1", account_id: "a1", bank_name: "hdfc" }],
    uploadStatus,
    sessionUploadStatus: structuredClone(uploadStatus),
    progress: { session_id: "s1", session_progress: "completed", progress: [{ statement_id: "st1", identity_status: "completed", transaction_status: "completed", processing_status: "completed", fraud_status: "completed", message: null, source: "pdf" }] },
    sessionStatus: { session_id: "s1", accounts: [{ account_id: "a1", bank_name: "hdfc", account_status: "completed", error_code: null, error_message: null, statements: [{ statement_id: "st1", error_code: null }] }] },
    insights: { session_id: "s1", accounts: [{ account_id: "a1", data: { transactions: [{}] } }] },
    subscribedData: { session_id: "s1", accounts: { a1: {} } },
    enrichment: { session_id: "s1", event_name: "ENRICHMENT_NOTIFICATION", insights_available: true, accounts: [{ account_id: "a1", bank_name: "hdfc", account_status: "completed", error_code: null, error_message: null }] },
  } as unknown as SessionViews;
}

const rulesOf = (v: SessionViews) => [...new Set(viewsAgree(v, codes).map((f) => f.rule))];

describe("views agree", () => {
  it("a consistent session gives no finding", () => {
    expect(viewsAgree(views(), codes)).toEqual([]);
  });

  const cases: Array<[string, string, (v: SessionViews) => void]> = [
    ["same-session", "a view naming another session", (v) => ((v.insights as { session_id: string }).session_id = "s2")],
    ["upload-status-endpoints", "session_upload_status dropping a statement the other lists", (v) => (v.sessionUploadStatus!.accounts[0].statements = [])],
    ["upload-status-endpoints", "the two upload-status endpoints disagreeing on the status", (v) => (v.sessionUploadStatus!.upload_status = "IN_PROGRESS")],
    ["upload-vs-status", "an upload answering another bank than upload_status lists", (v) => (v.uploads[0].bank_name = "sbi")],
    ["upload-vs-status", "an upload whose account is missing from upload_status", (v) => (v.uploads[0].account_id = "a9")],
    ["progress-vs-upload", "progress listing a statement nobody uploaded", (v) => (v.progress!.progress[0].statement_id = "st9")],
    ["session-status-vs-upload", "session_status naming an account that does not exist", (v) => (v.sessionStatus!.accounts[0].account_id = "ghost")],
    ["account-error-code", "a completed account carrying an error code", (v) => (v.sessionStatus!.accounts[0].error_code = "BALANCE_MISMATCH")],
    ["account-error-code", "a failed account without a documented code", (v) => (v.sessionStatus!.accounts[0].account_status = "failed")],
    ["enriched-vs-status", "insights with no transactions for a completed account", (v) => (v.insights!.accounts[0].data.transactions = [])],
    ["enriched-vs-status", "subscribed_data missing a completed account", (v) => (v.subscribedData!.accounts = {})],
    ["webhook-vs-state", "ENRICHMENT_NOTIFICATION naming an account that does not exist", (v) => (v.enrichment!.accounts[0].account_id = "ghost")],
    ["webhook-vs-state", "insights_available false while insights are served", (v) => (v.enrichment!.insights_available = false)],
    ["webhook-vs-state", "the webhook's status differing from session_status", (v) => (v.enrichment!.accounts[0].account_status = "failed")],
  ];
  it.each(cases)("%s: %s", (rule, _what, mutate) => {
    const v = views();
    mutate(v);
    expect(rulesOf(v)).toContain(rule);
  });

  it("an account still PARTIAL while the upload is COMPLETED is documented, not a finding", () => {
    const v = views();
    const second = { ...structuredClone(v.uploadStatus!.accounts[0]), account_id: "a2", account_status: "PARTIAL" as const, statements: [] };
    v.uploadStatus!.accounts.push(second);
    v.sessionUploadStatus!.accounts.push(structuredClone(second));
    v.sessionStatus!.accounts.push({ ...structuredClone(v.sessionStatus!.accounts[0]), account_id: "a2", statements: [] });
    v.enrichment!.accounts.push({ ...structuredClone(v.enrichment!.accounts[0]), account_id: "a2" });
    (v.subscribedData!.accounts as Record<string, unknown>).a2 = {};
    v.insights!.accounts.push({ ...structuredClone(v.insights!.accounts[0]), account_id: "a2" });
    expect(viewsAgree(v, codes)).toEqual([]);
  });
});

describe("webhook payloads match the state when sent", () => {
  const status = () => views().uploadStatus!;
  const completion = (): SessionRequirementCompletionPayload =>
    ({ session_id: "s1", event_name: "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", message: "Upload Completed", session_date_range: status().session_date_range, accounts: structuredClone(status().accounts) }) as unknown as SessionRequirementCompletionPayload;

  it("a completion payload equal to upload_status gives no finding; a missing statement or another status does", () => {
    expect(completionMatches(completion(), status())).toEqual([]);
    const dropped = completion();
    dropped.accounts[0].statements = [];
    expect(completionMatches(dropped, status()).map((f) => f.rule)).toContain("webhook-vs-state");
    const partial = completion();
    partial.accounts[0].account_status = "PARTIAL";
    expect(completionMatches(partial, status()).length).toBeGreaterThan(0);
    const early = status();
    early.upload_status = "IN_PROGRESS";
    expect(completionMatches(completion(), early).length).toBeGreaterThan(0);
  });

  it("an enrichment payload whose error code differs from session_status is a finding", () => {
    const v = views();
    const payload = structuredClone(v.enrichment!) as EnrichmentNotificationPayload;
    payload.accounts[0].error_code = "BALANCE_MISMATCH";
    expect(enrichmentMatches(payload, v.sessionStatus!, true).map((f) => f.rule)).toContain("webhook-vs-state");
  });
});
