/**
 * The seed's polling rules for `progress`: poll until `session_progress` is `completed`; no step of
 * a statement ever goes back; `completed` only when every statement is done; within a budget.
 * The rules themselves live in the poller, so every journey that polls is held to them too.
 */
import { describe, expect, it } from "vitest";
import { useContract } from "../lib/harness.js";
import { createSession, initiate, pollToCompletion, uploadStatement } from "../lib/journey-steps.js";
import { assertPollingStep } from "../lib/progress-poller.js";

const h = useContract("polling-rules");

describe("polling rules", () => {
  it("progress of a two-statement session never goes back and ends completed within the budget", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "polling");
    const a = await uploadStatement(h, ctx, sessionId, "polling-a", { bankName: "hdfc" });
    const b = await uploadStatement(h, ctx, sessionId, "polling-b", { bankName: "sbi" });
    await initiate(h, sessionId);

    const { final, snapshots, elapsedMs } = await pollToCompletion(h, sessionId);
    expect(final.session_id).toBe(sessionId);
    expect(final.progress.map((p) => p.statement_id).sort()).toEqual([a.statement_id, b.statement_id].sort());
    expect(elapsedMs).toBeLessThanOrEqual(h.target.pollBudgetMs);
    if ((h.target.control?.identity.processingMs ?? 0) > 0) {
      // On the mock no virtual time passes before the first poll, so processing must still be visible.
      expect(snapshots[0].session_progress, "the first poll right after initiate").toBe("processing");
      expect(snapshots.length).toBeGreaterThan(1);
    }
  });

  it("progress stays completed once completed", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "polling-stays");
    await uploadStatement(h, ctx, sessionId, "polling-stays");
    await initiate(h, sessionId);
    const { final } = await pollToCompletion(h, sessionId);
    if (h.target.control) await h.target.control.advanceClock(h.target.pollIntervalMs * 4);
    const res = await h.api.progress(sessionId);
    const again = res.data();
    assertPollingStep(final, again, `GET ${res.exchange.request.path}`);
    expect(again.progress).toEqual(final.progress);
  });
});
