/**
 * The four "Possible Scenarios" of seed-000, end to end. Each one is a journey a client must be able
 * to run; every response on the way is also held to the spec by the harness.
 */
import { describe, expect, it } from "vitest";
import { useContract } from "../lib/harness.js";
import { createSession, initiate, pollToCompletion, readEnrichedData, uploadStatement, uploadStatusOf } from "../lib/journey-steps.js";

const h = useContract("seed-scenarios");

const THREE_MONTHS_MS = 92 * 24 * 3_600_000;
const ONE_HOUR_MS = 3_600_000;

describe("seed scenarios", () => {
  it("scenario 1, single account: one statement completes the upload, processing completes, enriched data is served", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "single");

    const empty = await uploadStatusOf(h, sessionId);
    expect(empty.upload_status).toBe("NO_UPLOAD");
    expect(empty.accounts).toEqual([]);

    const file = h.requireStatements(ctx).next("single-account");
    const uploaded = await uploadStatement(h, ctx, sessionId, "single-account", { file });
    const after = await uploadStatusOf(h, sessionId);
    expect(after.upload_status).toBe("COMPLETED");
    expect(after.accounts).toHaveLength(1);
    // vendor:upload-status documents an account still PARTIAL while the upload is COMPLETED.
    expect(["COMPLETED", "PARTIAL"]).toContain(after.accounts[0].account_status);
    expect(after.accounts[0].statements.map((s) => s.statement_id)).toContain(uploaded.statement_id);

    await initiate(h, sessionId);
    const { final } = await pollToCompletion(h, sessionId);
    expect(final.progress.map((p) => p.statement_id)).toContain(uploaded.statement_id);

    const data = await readEnrichedData(h, sessionId);
    expect(data.accountIds).toEqual([uploaded.account_id]);
    expect(data.statementIds).toContain(uploaded.statement_id);
    if (h.target.control) expect(data.accountStatuses.get(uploaded.account_id)?.status).toBe("completed");

    // get_pdfs links to the file as uploaded (vendor:management: valid for one hour).
    const pdf = (await h.api.getPdfs(sessionId)).data().statements.find((s) => s.statement_id === uploaded.statement_id);
    expect(pdf, "get_pdfs lists the uploaded statement").toBeDefined();
    const download = await fetch(pdf?.pdf_url ?? "");
    expect(download.status, `GET ${pdf?.pdf_url}`).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(file.bytes), "pdf_url serves the uploaded bytes").toBe(true);
  });

  it("scenario 2, multibanking: a second bank's statement joins the same session_id and both accounts are enriched", async (ctx) => {
    // The mock can demand both banks before COMPLETED; elsewhere the session just takes both.
    const scenario = h.target.control ? { scenario: "multibanking" } : undefined;
    const { sessionId } = await createSession(h, ctx, "multi", { journey_mode: "multi_banking" }, scenario);

    const first = await uploadStatement(h, ctx, sessionId, "multi-bank-a", { bankName: "hdfc" });
    if (scenario) {
      const partway = await uploadStatusOf(h, sessionId);
      expect(partway.upload_status).toBe("IN_PROGRESS");
      expect(partway.accounts).toHaveLength(1);
    }
    const second = await uploadStatement(h, ctx, sessionId, "multi-bank-b", { bankName: "sbi" });
    expect(second.account_id).not.toBe(first.account_id);

    const after = await uploadStatusOf(h, sessionId);
    expect(after.upload_status).toBe("COMPLETED");
    expect(after.accounts.map((a) => a.account_id).sort()).toEqual([first.account_id, second.account_id].sort());

    await initiate(h, sessionId);
    await pollToCompletion(h, sessionId);
    const data = await readEnrichedData(h, sessionId);
    expect(data.accountIds).toEqual([first.account_id, second.account_id].sort());
    expect(data.statementIds).toEqual(expect.arrayContaining([first.statement_id, second.statement_id]));
  });

  it("scenario 3, revisit: a new session for the same link_id is independent of the completed one", async (ctx) => {
    h.reserveSessions(ctx, 2);
    const { sessionId: firstId, linkId } = await createSession(h, ctx, "revisit");
    const firstUpload = await uploadStatement(h, ctx, firstId, "revisit-first");
    await initiate(h, firstId);
    await pollToCompletion(h, firstId);
    await readEnrichedData(h, firstId);

    // "Upon returning after 3 months": move the mock's clock when we can; elsewhere time is real.
    if (h.target.control) await h.target.control.advanceClock(THREE_MONTHS_MS);

    const { sessionId: secondId } = await createSession(h, ctx, "revisit", { link_id: linkId });
    expect(secondId).not.toBe(firstId);
    const fresh = await uploadStatusOf(h, secondId);
    expect(fresh.upload_status, "a revisit session must not inherit the earlier session's uploads").toBe("NO_UPLOAD");
    expect(fresh.accounts).toEqual([]);

    const closed = await h.api.upload({ sessionId: firstId, uploadType: "PDF", file: h.requireStatements(ctx).next("revisit-late") });
    expect(closed.status).toBe(400);
    expect(closed.code).toBe("SESSION_EXPIRED");

    const secondUpload = await uploadStatement(h, ctx, secondId, "revisit-second");
    expect(secondUpload.statement_id).not.toBe(firstUpload.statement_id);
    await initiate(h, secondId);
    await pollToCompletion(h, secondId);
    const second = await readEnrichedData(h, secondId);
    expect(second.statementIds, "no cross-linking between sessions of one link_id").not.toContain(firstUpload.statement_id);

    const first = await readEnrichedData(h, firstId);
    expect(first.statementIds).toContain(firstUpload.statement_id);
    expect(first.statementIds).not.toContain(secondUpload.statement_id);
  });

  it("scenario 4, drop-off within TTL: a partial upload, then the rest into the same session_id completes the journey", async (ctx) => {
    const control = h.requireControl(ctx, "x-mock-scenario: drop_off makes the first statement cover only part of the range");
    const { sessionId } = await createSession(h, ctx, "dropoff", { session_expiry: 240 }, { scenario: "drop_off" });

    const part = await uploadStatement(h, ctx, sessionId, "dropoff-part-1", { bankName: "hdfc" });
    const partial = await uploadStatusOf(h, sessionId);
    expect(partial.upload_status).toBe("IN_PROGRESS");
    expect(partial.accounts).toHaveLength(1);
    expect(partial.accounts[0].account_status).toBe("PARTIAL");

    // The user leaves and comes back an hour later, well inside the four-hour TTL.
    await control.advanceClock(ONE_HOUR_MS);
    const stillOpen = await uploadStatusOf(h, sessionId);
    expect(stillOpen.upload_status).toBe("IN_PROGRESS");

    const rest = await uploadStatement(h, ctx, sessionId, "dropoff-part-2", { bankName: "hdfc" });
    expect(rest.account_id, "the rest of the range belongs to the same account").toBe(part.account_id);
    const done = await uploadStatusOf(h, sessionId);
    expect(done.upload_status).toBe("COMPLETED");
    expect(["COMPLETED", "PARTIAL"]).toContain(done.accounts[0].account_status);

    await initiate(h, sessionId);
    await pollToCompletion(h, sessionId);
    const data = await readEnrichedData(h, sessionId);
    expect(data.statementIds).toEqual(expect.arrayContaining([part.statement_id, rest.statement_id]));
  });

  it("scenario 4, drop-off past TTL: the session expires and takes no more uploads, so the user starts a new one", async (ctx) => {
    const control = h.requireControl(ctx, "the TTL is minutes long; only the mock's clock can pass it within a test");
    h.reserveSessions(ctx, 2);
    const { sessionId, linkId } = await createSession(h, ctx, "expired", { session_expiry: 5 }, { scenario: "drop_off" });
    await uploadStatement(h, ctx, sessionId, "expired-part-1", { bankName: "hdfc" });

    await control.advanceClock(6 * 60_000);
    const expired = await uploadStatusOf(h, sessionId);
    expect(expired.upload_status).toBe("EXPIRED");

    const late = await h.api.upload({ sessionId, uploadType: "PDF", bankName: "hdfc", file: h.requireStatements(ctx).next("expired-part-2") });
    expect(late.status).toBe(400);
    expect(late.code).toBe("SESSION_EXPIRED");

    const { sessionId: restart } = await createSession(h, ctx, "expired", { link_id: linkId });
    expect(restart).not.toBe(sessionId);
    expect((await uploadStatusOf(h, restart)).upload_status).toBe("NO_UPLOAD");
  });
});
