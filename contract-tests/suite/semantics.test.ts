/**
 * Meaning, not only shape: a processed session's data adds up, and every view of it (upload
 * responses, both upload-status endpoints, progress, session_status, insights, subscribed_data and
 * the webhooks) tells the same story. The rules live in ../semantics/ and run against any target.
 */
import { describe, expect, it, type TestContext } from "vitest";
import type { EnrichmentNotificationPayload, SessionRequirementCompletionPayload, UploadResponse } from "../../openapi/generated/bankconnect.js";
import { useContract } from "../lib/harness.js";
import { getErrorCatalogue } from "../lib/error-catalogue.js";
import { createSession, initiate, pollToCompletion, uploadStatement } from "../lib/journey-steps.js";
import type { WebhookReceiver } from "../lib/webhook-receiver.js";
import { insightsAccountFindings, insightsMatchSubscribed } from "../semantics/data-adds-up.js";
import { assertNoFindings, type Finding } from "../semantics/finding.js";
import { codeOf, completionMatchesAny, viewsAgree, type SessionViews } from "../semantics/views-agree.js";

const h = useContract("semantics");

const COMPLETION = "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION";
const ENRICHMENT = "ENRICHMENT_NOTIFICATION";

const catalogue = getErrorCatalogue();
const documented = { account: new Set(catalogue.account_level.map((c) => c.code)), statement: new Set(catalogue.statement_level.map((c) => c.code)) };

const eventOf = (json: unknown): unknown => (json as Record<string, unknown> | undefined)?.event_name;

interface Journey {
  banks: string[];
  scenario?: string;
}

/** One processed session read through every view; webhooks too where the target can reach the receiver. */
async function journey(ctx: TestContext, label: string, j: Journey): Promise<{ views: SessionViews; findings: Finding[] }> {
  const receiver: WebhookReceiver | undefined = h.webhookSkipReason() === undefined ? (await h.registerWebhook(ctx, [COMPLETION, ENRICHMENT])).receiver : undefined;
  const { sessionId } = await createSession(h, ctx, label, {}, j.scenario !== undefined ? { scenario: j.scenario } : undefined);
  const uploads: UploadResponse[] = [];
  // upload_status right after each upload: the state a webhook sent by that upload must match.
  const snapshots = [];
  for (const bank of j.banks) {
    uploads.push(await uploadStatement(h, ctx, sessionId, `${label}-${bank}`, { bankName: bank }));
    snapshots.push((await h.api.uploadStatus(sessionId)).data());
  }
  const findings: Finding[] = [];

  if (receiver) {
    const got = await receiver.waitFor(sessionId, (ds) => ds.some((d) => eventOf(d.json) === COMPLETION), h.target.env.webhookTimeoutMs);
    findings.push(...completionMatchesAny(got.find((d) => eventOf(d.json) === COMPLETION)?.json as SessionRequirementCompletionPayload, snapshots));
  }
  const uploadStatus = (await h.api.uploadStatus(sessionId)).data();
  const sessionUploadStatus = (await h.api.sessionUploadStatus(sessionId)).data();
  await initiate(h, sessionId);
  const { final: progress } = await pollToCompletion(h, sessionId);
  const sessionStatus = (await h.api.sessionStatus(sessionId)).data();
  const anyCompleted = sessionStatus.accounts.some((a) => a.account_status === "completed");
  const insightsRes = await h.api.insights(sessionId);
  const subscribedRes = await h.api.subscribedData(sessionId);
  if (anyCompleted) {
    expect(insightsRes.status, `insights of a session with a completed account: ${insightsRes.text.slice(0, 200)}`).toBe(200);
    expect(subscribedRes.status, `subscribed_data of a session with a completed account: ${subscribedRes.text.slice(0, 200)}`).toBe(200);
  }
  const insights = insightsRes.status === 200 ? insightsRes.data() : undefined;
  const subscribedData = subscribedRes.status === 200 ? subscribedRes.data() : undefined;
  let enrichment: EnrichmentNotificationPayload | undefined;
  if (receiver) {
    const got = await receiver.waitFor(sessionId, (ds) => ds.some((d) => eventOf(d.json) === ENRICHMENT), h.target.env.webhookTimeoutMs);
    enrichment = got.find((d) => eventOf(d.json) === ENRICHMENT)?.json as EnrichmentNotificationPayload;
    for (const d of got) expect(String(d.headers["content-type"] ?? ""), "webhook content type").toMatch(/^application\/json/);
  }
  const views: SessionViews = {
    sessionId,
    uploads,
    uploadStatus,
    sessionUploadStatus,
    progress,
    sessionStatus,
    ...(insights ? { insights } : {}),
    ...(subscribedData ? { subscribedData } : {}),
    ...(enrichment ? { enrichment } : {}),
  };
  findings.push(...viewsAgree(views, documented));
  for (const a of insights?.accounts ?? []) {
    const state = sessionStatus.accounts.find((x) => x.account_id === a.account_id);
    const admitted = state?.account_status === "failed" && codeOf(state.error_code) === "BALANCE_MISMATCH";
    findings.push(...insightsAccountFindings(a.account_id, a.data, { balanceMismatchAdmitted: admitted }));
    const sub = subscribedData?.accounts[a.account_id];
    if (sub) findings.push(...insightsMatchSubscribed(a.account_id, a.data, sub));
  }
  return { views, findings };
}

describe("semantics", () => {
  it("a single-account session tells one story in every view, and its data adds up", async (ctx) => {
    const { views, findings } = await journey(ctx, "sem-single", { banks: ["hdfc"] });
    assertNoFindings(findings, `session ${views.sessionId}`);
    expect(views.insights?.accounts.length, "insights of the completed account").toBeGreaterThan(0);
  });

  it("a two-bank session: both accounts agree across every view, and each account's data adds up", async (ctx) => {
    const { views, findings } = await journey(ctx, "sem-multi", { banks: ["hdfc", "sbi"] });
    assertNoFindings(findings, `session ${views.sessionId}`);
    expect(new Set(views.uploads.map((u) => u.account_id)).size, "two banks, two accounts").toBe(2);
  });

  it("a failed account carries a documented code in every view, and the data of the account still adds up", async (ctx) => {
    h.requireControl(ctx, "x-mock-scenario: BALANCE_MISMATCH makes the account fail after processing");
    const { views, findings } = await journey(ctx, "sem-failed", { banks: ["hdfc"], scenario: "BALANCE_MISMATCH" });
    assertNoFindings(findings, `session ${views.sessionId}`);
    expect(views.sessionStatus?.accounts.map((a) => [a.account_status, a.error_code])).toEqual([["failed", "BALANCE_MISMATCH"]]);
  });

  it("a session with frauds flags them, and the chain holds everywhere it does not flag", async (ctx) => {
    h.requireControl(ctx, "x-mock-scenario: FRAUD puts accounting frauds into the data");
    const { views, findings } = await journey(ctx, "sem-fraud", { banks: ["hdfc"], scenario: "FRAUD" });
    assertNoFindings(findings, `session ${views.sessionId}`);
  });
});
