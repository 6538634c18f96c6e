import { describe, expect, it } from "vitest";
import type { ProgressResponse, StepStatus } from "../../openapi/generated/bankconnect.js";
import { pollingViolations } from "./progress-poller.js";

function snapshot(session: "processing" | "completed", steps: StepStatus[]): ProgressResponse {
  const [identity_status, transaction_status, processing_status, fraud_status] = steps;
  return { session_id: "s", session_progress: session, progress: [{ identity_status, transaction_status, processing_status, fraud_status, statement_id: "st", message: null, source: "pdf" }] };
}

const rules = (prev: ProgressResponse | undefined, next: ProgressResponse) => pollingViolations(prev, next, "GET /progress").map((v) => v.pointer);

describe("polling rules", () => {
  it("allow steps to move from processing to completed or failed", () => {
    expect(rules(snapshot("processing", ["processing", "processing", "processing", "processing"]), snapshot("processing", ["completed", "failed", "processing", "processing"]))).toEqual([]);
  });

  it("reject a completed step going back to processing", () => {
    expect(rules(snapshot("processing", ["completed", "processing", "processing", "processing"]), snapshot("processing", ["processing", "processing", "processing", "processing"]))).toEqual(["/progress/0/identity_status"]);
  });

  it("reject a terminal step changing its outcome", () => {
    expect(rules(snapshot("processing", ["failed", "processing", "processing", "processing"]), snapshot("processing", ["completed", "processing", "processing", "processing"]))).toEqual(["/progress/0/identity_status"]);
  });

  it("reject a session that leaves completed", () => {
    expect(rules(snapshot("completed", ["completed", "completed", "completed", "completed"]), snapshot("processing", ["completed", "completed", "completed", "completed"]))).toEqual(["/session_progress"]);
  });

  it("reject completed while a statement step is still processing", () => {
    expect(rules(undefined, snapshot("completed", ["completed", "completed", "processing", "completed"]))).toEqual(["/progress/0/processing_status"]);
  });
});
