/**
 * Steps the journeys share. Each step asserts only what the documents promise for it, so a journey
 * reads as the seed's scenario and a failure names the step that broke.
 */
import { expect, type TestContext } from "vitest";
import type { UploadResponse, UploadStatusResponse } from "../../openapi/generated/bankconnect.js";
import type { CallOptions } from "./client.js";
import type { Harness } from "./harness.js";
import { pollUntilCompleted, type PollResult } from "./progress-poller.js";
import type { StatementFile } from "./statements.js";

export interface NewSession {
  sessionId: string;
  linkId: string;
}

export async function createSession(
  h: Harness,
  ctx: TestContext,
  label: string,
  extra: Record<string, unknown> = {},
  options?: CallOptions,
): Promise<NewSession> {
  h.takeSession(ctx);
  const linkId = typeof extra.link_id === "string" ? extra.link_id : h.linkId(label);
  // The user's session range (--from-date/--to-date), so real statements fall inside it.
  const { fromDate, toDate } = h.target.env;
  const range = fromDate !== undefined && toDate !== undefined ? { from_date: fromDate, to_date: toDate } : {};
  const res = await h.api.createSession({ link_id: linkId, ...range, ...extra }, options);
  expect(res.status, `createSession ${res.text}`).toBe(200);
  const body = res.data();
  // vendor:javascript's form (drift) answers redirect_url alone, with the session id in its query.
  const sessionId = (body.session_id as string | undefined) ?? new URL(body.redirect_url).searchParams.get("session_id") ?? "";
  expect(sessionId, "create session names no session id (neither session_id nor redirect_url's query)").not.toBe("");
  expect(body.redirect_url).toContain(sessionId);
  return { sessionId, linkId };
}

export async function uploadStatement(
  h: Harness,
  ctx: TestContext,
  sessionId: string,
  label: string,
  options: { bankName?: string; scenario?: string; file?: StatementFile } = {},
): Promise<UploadResponse> {
  const source = h.requireStatements(ctx);
  const file = options.file ?? source.next(label);
  // A real statement names its own bank; a chosen bank_name could only contradict it.
  const bankName = source.synthetic ? options.bankName : undefined;
  const res = await h.api.upload(
    { sessionId, uploadType: "PDF", file, ...(bankName !== undefined ? { bankName } : {}) },
    options.scenario !== undefined ? { scenario: options.scenario } : undefined,
  );
  expect(res.status, `upload ${file.filename}: ${res.text}`).toBe(200);
  const body = res.data();
  expect(body.session_id).toBe(sessionId);
  return body;
}

/** Reads upload status under both documented names and insists they agree. */
export async function uploadStatusOf(h: Harness, sessionId: string): Promise<UploadStatusResponse> {
  const seed = (await h.api.uploadStatus(sessionId)).data();
  const newer = (await h.api.sessionUploadStatus(sessionId)).data();
  expect(seed.session_id).toBe(sessionId);
  expect(newer.upload_status, "upload_status and session_upload_status disagree").toBe(seed.upload_status);
  expect(newer.accounts.map((a) => a.account_id).sort()).toEqual(seed.accounts.map((a) => a.account_id).sort());
  return seed;
}

export async function initiate(h: Harness, sessionId: string): Promise<void> {
  const res = await h.api.initiateProcessing(sessionId);
  expect(res.status, `initiate_processing: ${res.text}`).toBe(202);
  expect(res.data().session_id).toBe(sessionId);
}

export function pollToCompletion(h: Harness, sessionId: string): Promise<PollResult> {
  return pollUntilCompleted(h.api, sessionId, {
    intervalMs: h.target.pollIntervalMs,
    budgetMs: h.target.pollBudgetMs,
    control: h.target.control,
  });
}

export interface EnrichedData {
  accountIds: string[];
  statementIds: string[];
  accountStatuses: Map<string, { status: string; errorCode: string | null | undefined }>;
}

/** Session status, insights, subscribed data and PDFs of a processed session, checked against each other. */
export async function readEnrichedData(h: Harness, sessionId: string): Promise<EnrichedData> {
  const status = (await h.api.sessionStatus(sessionId)).data();
  expect(status.session_id).toBe(sessionId);
  const accountIds = status.accounts.map((a) => a.account_id).sort();
  const statementIds = status.accounts.flatMap((a) => a.statements.map((s) => s.statement_id)).sort();

  const insights = (await h.api.insights(sessionId)).data();
  expect(insights.session_id).toBe(sessionId);
  const subscribed = (await h.api.subscribedData(sessionId)).data();
  expect(subscribed.session_id).toBe(sessionId);

  // Both enriched shapes describe the accounts that processed; a failed account may have no data.
  const completed = status.accounts.filter((a) => a.account_status === "completed").map((a) => a.account_id).sort();
  for (const id of completed) {
    expect(insights.accounts.map((a) => a.account_id), `insights lacks completed account ${id}`).toContain(id);
    expect(Object.keys(subscribed.accounts), `subscribed_data lacks completed account ${id}`).toContain(id);
  }
  for (const a of insights.accounts) expect(accountIds, `insights names unknown account ${a.account_id}`).toContain(a.account_id);
  for (const id of Object.keys(subscribed.accounts)) expect(accountIds, `subscribed_data names unknown account ${id}`).toContain(id);

  const pdfs = (await h.api.getPdfs(sessionId)).data();
  for (const s of pdfs.statements) expect(statementIds, `get_pdfs names unknown statement ${s.statement_id}`).toContain(s.statement_id);

  return {
    accountIds,
    statementIds,
    accountStatuses: new Map(status.accounts.map((a) => [a.account_id, { status: a.account_status, errorCode: a.error_code }])),
  };
}
