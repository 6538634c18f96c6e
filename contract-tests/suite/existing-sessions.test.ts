/**
 * Read-only checks on sessions that already exist on the target (BANKCONNECT_SESSION_IDS): every
 * read operation's answer must be one the spec documents. Creates nothing on a real server, so it
 * is safe to point at production data. Against the mock, with no ids given, it reads sessions it
 * first puts in each phase (fresh, uploaded, processing, processed), so the path is always exercised.
 */
import { describe, expect, it } from "vitest";
import { useContract } from "../lib/harness.js";
import { createSession, initiate, uploadStatement } from "../lib/journey-steps.js";

const h = useContract("existing-sessions");

const READS = ["getUploadStatus", "getSessionUploadStatus", "getProgress", "getSessionStatus", "getInsights", "getSubscribedData", "getPdfs"];
describe("existing sessions", () => {
  it("reads of the given sessions answer documented statuses and bodies", async (ctx) => {
    let given = h.target.env.sessionIds;
    if (given.length === 0) {
      const control = h.requireControl(ctx, "no BANKCONNECT_SESSION_IDS given and the target cannot be seeded: nothing to read");
      const fresh = await createSession(h, ctx, "existing-fresh");
      const uploaded = await createSession(h, ctx, "existing-uploaded");
      await uploadStatement(h, ctx, uploaded.sessionId, "existing-uploaded");
      const processing = await createSession(h, ctx, "existing-processing");
      await uploadStatement(h, ctx, processing.sessionId, "existing-processing");
      await initiate(h, processing.sessionId);
      const processed = await createSession(h, ctx, "existing-processed");
      await uploadStatement(h, ctx, processed.sessionId, "existing-processed");
      await initiate(h, processed.sessionId);
      await control.finishProcessing(processed.sessionId);
      given = [fresh, uploaded, processing, processed].map((s) => s.sessionId);
    }
    for (const sessionId of given) {
      for (const op of READS) {
        const res = await h.api.call(op, { pathParams: { session_id: sessionId } });
        // Any documented answer will do; the harness fails the test on undocumented ones.
        expect(res.status, `${op} ${sessionId} answered ${res.text.slice(0, 200)}`).toBeLessThan(500);
      }
    }
  });
});
