import { describe, expect, it } from "vitest";
import type { ProgressResponse, StepStatus } from "../../openapi/generated/bankconnect.js";
import type { BankConnectClient } from "./client.js";
import { pollingViolations, pollUntilCompleted } from "./progress-poller.js";

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

describe("polling a real server", () => {
  it("prints a heartbeat line while it waits, naming the session, its state and the budget", async () => {
    let calls = 0;
    const api = {
      progress: async () => {
        calls += 1;
        const body = snapshot(calls < 4 ? "processing" : "completed", calls < 4 ? ["processing", "processing", "processing", "processing"] : ["completed", "completed", "completed", "completed"]);
        return { data: () => body, exchange: { request: { path: "/v1/session_data/s/progress/" } } };
      },
    } as unknown as BankConnectClient;
    const lines: string[] = [];
    const result = await pollUntilCompleted(api, "s", { intervalMs: 2, budgetMs: 1_000, control: null, heartbeatEveryMs: 0, heartbeat: (l) => lines.push(l) });
    expect(result.final.session_progress).toBe("completed");
    expect(lines.length).toBe(3);
    expect(lines[0]).toMatch(/polling progress of session s: processing, 0\/1 statement\(s\) processed, \d+ s of the 1 s budget/);
  });
});
