/**
 * Failures that only show after processing: an account that fails with an account-level code, a
 * statement that fails extraction with a statement-level code. Each must surface in session_status
 * with its code, and the session must still finish (progress completed, data served).
 */
import { describe, expect, it } from "vitest";
import { getErrorCatalogue } from "../lib/error-catalogue.js";
import { useContract } from "../lib/harness.js";
import { createSession, initiate, pollToCompletion, readEnrichedData, uploadStatement, uploadStatusOf } from "../lib/journey-steps.js";

const h = useContract("processing-failures");

const catalogue = getErrorCatalogue();

describe("processing failures", () => {
  it.for(catalogue.account_level.map((e) => e.code))("an account failing with %s is reported failed with that code", async (code, ctx) => {
    h.requireControl(ctx, `x-mock-scenario: ${code} makes the account fail after processing`);
    // File names must not carry the code: the mock reads a statement code in a file name as a trigger.
    const { sessionId } = await createSession(h, ctx, "account-failure", {}, { scenario: code });
    const upload = await uploadStatement(h, ctx, sessionId, "account-failure");
    await initiate(h, sessionId);
    await pollToCompletion(h, sessionId);
    const data = await readEnrichedData(h, sessionId);
    expect(data.accountStatuses.get(upload.account_id)).toEqual({ status: "failed", errorCode: code });
  });

  it("each extraction-phase statement code fails its statement while the session still completes", async (ctx) => {
    const control = h.requireControl(ctx, "x-mock-scenario: CODE on an upload makes that statement fail extraction");
    const extraction = (await control.scenarios()).statement.filter((s) => s.phase === "extraction").map((s) => s.code);
    expect(extraction.length).toBeGreaterThan(0);
    h.reserveSessions(ctx, extraction.length);
    for (const code of extraction) {
      const { sessionId } = await createSession(h, ctx, "statement-failure");
      await uploadStatement(h, ctx, sessionId, "statement-good", { bankName: "hdfc" });
      const bad = await uploadStatement(h, ctx, sessionId, "statement-bad", { bankName: "sbi", scenario: code });
      const listed = (await uploadStatusOf(h, sessionId)).accounts.flatMap((a) => a.statements).find((s) => s.statement_id === bad.statement_id);
      expect(listed, `upload_status lists statement ${bad.statement_id}`).toMatchObject({ statement_status: "failed", error_code: code });

      await initiate(h, sessionId);
      await pollToCompletion(h, sessionId);
      const status = (await h.api.sessionStatus(sessionId)).data();
      const after = status.accounts.flatMap((a) => a.statements).find((s) => s.statement_id === bad.statement_id);
      expect(after, `session_status of ${code}`).toMatchObject({ statement_status: "failed", error_code: code });
    }
  });
});
