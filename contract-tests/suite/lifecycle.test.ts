/**
 * Lifecycle behaviours beyond the seed journeys: processing with nothing uploaded, processing after
 * expiry, upload status after processing, every read of an expired session, get_pdfs links that
 * expire and die with the session, webhook retries after a failing receiver, a duplicate upload long
 * after the first.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { expectError, expectErrorOneOf } from "../lib/expect-error.js";
import { useContract } from "../lib/harness.js";
import { createSession, initiate, pollToCompletion, uploadStatement, uploadStatusOf } from "../lib/journey-steps.js";
import { startWebhookReceiver } from "../lib/webhook-receiver.js";

const h = useContract("lifecycle");

const MINUTE = 60_000;
const statementIds = (u: { accounts: Array<{ statements: Array<{ statement_id: string }> }> }) => u.accounts.flatMap((a) => a.statements.map((s) => s.statement_id)).sort();

describe("lifecycle", () => {
  it("initiate with nothing uploaded answers 400 UNPARSABLE_STATEMENTS and the session stays open", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "initiate-empty");
    expectError(await h.api.initiateProcessing(sessionId), 400, "UNPARSABLE_STATEMENTS");
    expect((await uploadStatusOf(h, sessionId)).upload_status).toBe("NO_UPLOAD");
    expectError(await h.api.progress(sessionId), 400, "PROCESSING_NOT_REQUESTED");
  });

  it("upload status after processing still lists every account and statement, COMPLETED, on both endpoints", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "status-after");
    await uploadStatement(h, ctx, sessionId, "status-after");
    const before = await uploadStatusOf(h, sessionId);
    await initiate(h, sessionId);
    await pollToCompletion(h, sessionId);
    const after = await uploadStatusOf(h, sessionId);
    expect(after.upload_status).toBe("COMPLETED");
    expect(statementIds(after)).toEqual(statementIds(before));
    expect(after.accounts.map((a) => a.account_id).sort()).toEqual(before.accounts.map((a) => a.account_id).sort());
  });

  it("every read of an expired session: EXPIRED upload status, reads of results refused with documented codes, uploads SESSION_EXPIRED", async (ctx) => {
    const control = h.requireControl(ctx, "the TTL is minutes long; only the mock's clock can pass it within a test");
    const { sessionId } = await createSession(h, ctx, "expired-reads", { session_expiry: 5 }, { scenario: "drop_off" });
    await uploadStatement(h, ctx, sessionId, "expired-reads");
    await control.advanceClock(6 * MINUTE);
    expect((await uploadStatusOf(h, sessionId)).upload_status).toBe("EXPIRED");
    for (const read of [h.api.progress, h.api.sessionStatus, h.api.insights, h.api.subscribedData]) {
      expectError(await read(sessionId), 400, "PROCESSING_NOT_REQUESTED");
    }
    const pdfs = await h.api.getPdfs(sessionId);
    expect(pdfs.status, pdfs.text).toBe(200);
    expect(pdfs.data().statements.length, "what was uploaded is still listed").toBe(1);
    const late = await h.api.upload({ sessionId, uploadType: "PDF", bankName: "hdfc", file: h.requireStatements(ctx).next("expired-late") });
    expectError(late, 400, "SESSION_EXPIRED");
  });

  it("processing after expiry: what was uploaded can still be processed to completion", async (ctx) => {
    const control = h.requireControl(ctx, "the TTL is minutes long; only the mock's clock can pass it within a test");
    const { sessionId } = await createSession(h, ctx, "expired-process", { session_expiry: 5 }, { scenario: "drop_off" });
    const uploaded = await uploadStatement(h, ctx, sessionId, "expired-process", { bankName: "hdfc" });
    await control.advanceClock(6 * MINUTE);
    await initiate(h, sessionId);
    const { final } = await pollToCompletion(h, sessionId);
    expect(final.progress.map((p) => p.statement_id)).toEqual([uploaded.statement_id]);
    const status = (await h.api.sessionStatus(sessionId)).data();
    expect(status.accounts.map((a) => a.account_id)).toEqual([uploaded.account_id]);
  });

  it("get_pdfs links serve the file, stop after an hour (a fresh get_pdfs gives a working one), and die with the session", async (ctx) => {
    const control = h.requireControl(ctx, "links live an hour; only the mock's clock can pass it within a test");
    const { sessionId } = await createSession(h, ctx, "pdf-links", { session_expiry: 240 });
    const file = h.requireStatements(ctx).next("pdf-links");
    await uploadStatement(h, ctx, sessionId, "pdf-links", { file });
    const link = (await h.api.getPdfs(sessionId)).data().statements[0]?.pdf_url ?? "";
    expect((await fetch(link)).status, `GET ${link}`).toBe(200);
    await control.advanceClock(61 * MINUTE);
    const stale = await fetch(link);
    expect(stale.status, `GET ${link} an hour later`).toBeGreaterThanOrEqual(400);
    expect(stale.status).toBeLessThan(500);
    const fresh = (await h.api.getPdfs(sessionId)).data().statements[0]?.pdf_url ?? "";
    const download = await fetch(fresh);
    expect(download.status, `GET ${fresh}`).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(file.bytes)).toBe(true);
    expect((await h.api.deleteSession(sessionId)).status).toBe(200);
    const dead = await fetch(fresh);
    expect(dead.status, `GET ${fresh} after delete`).toBeGreaterThanOrEqual(400);
    expect(dead.status).toBeLessThan(500);
    expectError(await h.api.getPdfs(sessionId), 410, "SESSION_DELETED");
  });

  it("a duplicate upload hours after the first is still STATEMENT_DUPLICATE", async (ctx) => {
    const control = h.requireControl(ctx, "hours pass only on the mock's clock within a test");
    const { sessionId } = await createSession(h, ctx, "late-duplicate", { session_expiry: 600 }, { scenario: "drop_off" });
    const file = h.requireStatements(ctx).next("late-duplicate");
    await uploadStatement(h, ctx, sessionId, "late-duplicate", { file, bankName: "hdfc" });
    await control.advanceClock(3 * 60 * MINUTE);
    expect((await uploadStatusOf(h, sessionId)).upload_status).toBe("IN_PROGRESS");
    expectError(await h.api.upload({ sessionId, uploadType: "PDF", bankName: "hdfc", file }), 400, "STATEMENT_DUPLICATE");
  });

  it("a receiver that fails gets the event again (same payload, JSON) until it answers 200", async (ctx) => {
    const control = h.requireControl(ctx, "retries are seconds apart; only the mock's clock can pass them within a test");
    let failures = 2;
    const receiver = await startWebhookReceiver({ reply: () => (failures-- > 0 ? 500 : 200) });
    try {
      const registered = await h.api.updateWebhook({ webhook_url: receiver.url, webhook_mode: ["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION"], webhook_secret: `s-${randomUUID()}` });
      expect(registered.status, registered.text).toBe(200);
      const { sessionId } = await createSession(h, ctx, "retries");
      await uploadStatement(h, ctx, sessionId, "retries");
      await receiver.waitFor(sessionId, (ds) => ds.length >= 1, h.target.env.webhookTimeoutMs);
      // Move the clock past each back-off until the third attempt arrives.
      for (let i = 0; i < 20 && receiver.forSession(sessionId).length < 3; i++) {
        await control.advanceClock(MINUTE);
        await receiver.waitFor(sessionId, (ds) => ds.length >= Math.min(3, i + 2), 2_000).catch(() => undefined);
      }
      const deliveries = receiver.forSession(sessionId);
      expect(deliveries.length, "two failed attempts and the one that succeeded").toBe(3);
      expect(new Set(deliveries.map((d) => d.text)).size, "every attempt carries the same payload").toBe(1);
      for (const d of deliveries) expect(String(d.headers["content-type"] ?? "")).toMatch(/^application\/json/);
      // After the 200 nothing more comes, however much time passes.
      await control.advanceClock(60 * MINUTE);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(receiver.forSession(sessionId).length).toBe(3);
    } finally {
      await receiver.close();
    }
  });

  it("a deleted session is gone for every read, and its upload status too", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "deleted-reads");
    await uploadStatement(h, ctx, sessionId, "deleted-reads");
    expect((await h.api.deleteSession(sessionId)).status).toBe(200);
    for (const read of [h.api.uploadStatus, h.api.sessionUploadStatus, h.api.progress, h.api.insights]) {
      expectErrorOneOf(await read(sessionId), [[410, "SESSION_DELETED"], [404, "SESSION_NOT_FOUND"]]);
    }
  });
});
