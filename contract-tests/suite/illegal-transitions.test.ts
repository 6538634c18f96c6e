/**
 * Every call the session lifecycle forbids, each answered with its exact documented code:
 * NO_UPLOAD/IN_PROGRESS/COMPLETED → PROCESSING → PROCESSED, and DELETED from anywhere.
 */
import { describe, expect, it } from "vitest";
import { expectError, expectErrorOneOf } from "../lib/expect-error.js";
import { useContract } from "../lib/harness.js";
import { createSession, initiate, pollToCompletion, uploadStatement } from "../lib/journey-steps.js";

const h = useContract("illegal-transitions");


const PROCESSING_READS = ["getProgress", "getSessionStatus", "getInsights", "getSubscribedData"] as const;
const ENRICHED_READS = ["getInsights", "getSubscribedData"] as const;

describe("illegal transitions", () => {
  it("reads of processing results before initiate answer 400 PROCESSING_NOT_REQUESTED (no upload yet)", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "before-initiate-empty");
    for (const op of PROCESSING_READS) {
      expectError(await h.api.call(op, { pathParams: { session_id: sessionId } }), 400, "PROCESSING_NOT_REQUESTED");
    }
  });

  it("reads of processing results before initiate answer 400 PROCESSING_NOT_REQUESTED (upload completed)", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "before-initiate");
    await uploadStatement(h, ctx, sessionId, "before-initiate");
    for (const op of PROCESSING_READS) {
      expectError(await h.api.call(op, { pathParams: { session_id: sessionId } }), 400, "PROCESSING_NOT_REQUESTED");
    }
  });

  it("insights and subscribed_data while processing answer 400 PROCESSING_NOT_COMPLETED", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "while-processing");
    await uploadStatement(h, ctx, sessionId, "while-processing");
    await initiate(h, sessionId);
    const answers = [];
    for (const op of ENRICHED_READS) answers.push(await h.api.call(op, { pathParams: { session_id: sessionId } }));
    if (answers.some((a) => a.status === 200)) {
      // A real server may finish before we ask; only a completed progress excuses a 200.
      const progress = (await h.api.progress(sessionId)).data();
      expect(progress.session_progress, "enriched data served while progress still says processing").toBe("completed");
      ctx.skip("processing finished before the suite could observe the processing window");
    }
    for (const a of answers) expectError(a, 400, "PROCESSING_NOT_COMPLETED");
  });

  it("a second initiate answers 409 DUPLICATE_PROCESSING_REQUEST (or vendor:get-data's 400), during and after processing", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "double-initiate");
    await uploadStatement(h, ctx, sessionId, "double-initiate");
    await initiate(h, sessionId);
    const duplicate = [[409, "DUPLICATE_PROCESSING_REQUEST"], [400, "DUPLICATE_PROCESSING_REQUEST"]] as const;
    expectErrorOneOf(await h.api.initiateProcessing(sessionId), duplicate);
    await pollToCompletion(h, sessionId);
    expectErrorOneOf(await h.api.initiateProcessing(sessionId), duplicate);
  });

  it("an upload after initiate answers 400 SESSION_EXPIRED", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "upload-after-initiate");
    await uploadStatement(h, ctx, sessionId, "upload-after-initiate");
    await initiate(h, sessionId);
    const late = await h.api.upload({ sessionId, uploadType: "PDF", file: h.requireStatements(ctx).next("too-late") });
    expectError(late, 400, "SESSION_EXPIRED");
  });

  it("initiate with only unparsable statements answers 400 UNPARSABLE_STATEMENTS", async (ctx) => {
    h.requireControl(ctx, "x-mock-scenario: EXTRACTION_FAILED makes an accepted statement fail extraction");
    const { sessionId } = await createSession(h, ctx, "unparsable");
    await uploadStatement(h, ctx, sessionId, "unparsable", { scenario: "EXTRACTION_FAILED" });
    expectError(await h.api.initiateProcessing(sessionId), 400, "UNPARSABLE_STATEMENTS");
  });

  it("after delete every session operation answers 410 SESSION_DELETED, including a second delete and an upload", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "deleted");
    await uploadStatement(h, ctx, sessionId, "deleted");
    const deleted = await h.api.deleteSession(sessionId);
    expect(deleted.status).toBe(200);
    expect(deleted.data().session_id).toBe(sessionId);

    const sessionOps = h.checker.contract.operations.operations.filter((op) => op.pathParams.includes("session_id"));
    expect(sessionOps.map((op) => op.operationId)).toEqual(expect.arrayContaining(["initiateProcessing", "deleteSession", "getInsights"]));
    for (const op of sessionOps) {
      expectError(await h.api.call(op.operationId, { pathParams: { session_id: sessionId } }), 410, "SESSION_DELETED");
    }
    const upload = await h.api.upload({ sessionId, uploadType: "PDF", file: h.requireStatements(ctx).next("after-delete") });
    expectError(upload, 410, "SESSION_DELETED");
  });
});
