/**
 * Polls `progress` the way the seed tells clients to (every interval until `session_progress` is
 * `completed`) and holds the target to the polling rules while doing it: no step of a statement
 * goes back, a terminal step never changes, and `completed` only when every step is done.
 */
import type { ProgressResponse, StatementProgress } from "../../openapi/generated/bankconnect.js";
import type { BankConnectClient } from "./client.js";
import { formatViolation, show, type Violation } from "../../openapi/lib/exchange.js";
import type { MockControl } from "./mock-control.js";

const STEPS = ["identity_status", "transaction_status", "processing_status", "fraud_status"] as const;

export interface PollOptions {
  intervalMs: number;
  budgetMs: number;
  /** When present, time moves through the mock's clock instead of waiting. */
  control: MockControl | null;
  /** Real time between heartbeat lines while waiting on a real server (default 10 s). */
  heartbeatEveryMs?: number;
  /** Where heartbeat lines go (default stderr, so a long poll never looks like a hang). */
  heartbeat?: (line: string) => void;
}

const HEARTBEAT_EVERY_MS = 10_000;

export interface PollResult {
  final: ProgressResponse;
  snapshots: ProgressResponse[];
  /** Virtual or real milliseconds spent between the first and the last poll. */
  elapsedMs: number;
}

export class PollingRuleError extends Error {
  override name = "PollingRuleError";
}

const terminal = (s: string): boolean => s === "completed" || s === "failed";

/** Rules broken between two consecutive snapshots, and within the newest one. */
export function pollingViolations(prev: ProgressResponse | undefined, next: ProgressResponse, request: string): Violation[] {
  const base = { operationId: "getProgress", request, status: 200 } as const;
  const out: Violation[] = [];
  if (prev?.session_progress === "completed" && next.session_progress !== "completed") {
    out.push({ ...base, rule: "behaviour", pointer: "/session_progress", expected: '"completed" to stay completed (progress never goes back)', actual: show(next.session_progress) });
  }
  const before = new Map<string, StatementProgress>((prev?.progress ?? []).map((p) => [p.statement_id, p]));
  next.progress.forEach((statement, i) => {
    const old = before.get(statement.statement_id);
    for (const step of STEPS) {
      const now = statement[step];
      if (old && terminal(old[step]) && now !== old[step]) {
        out.push({
          ...base,
          rule: "behaviour",
          pointer: `/progress/${i}/${step}`,
          expected: `${show(old[step])} to stay (statement ${statement.statement_id}: steps go processing → completed/failed, never back)`,
          actual: show(now),
        });
      }
      if (next.session_progress === "completed" && !terminal(now)) {
        out.push({
          ...base,
          rule: "behaviour",
          pointer: `/progress/${i}/${step}`,
          expected: 'completed or failed once session_progress is "completed"',
          actual: show(now),
        });
      }
    }
  });
  return out;
}

/** Throws the broken rules between two consecutive snapshots, each with its pointer and values. */
export function assertPollingStep(prev: ProgressResponse | undefined, next: ProgressResponse, request: string): void {
  const violations = pollingViolations(prev, next, request);
  if (violations.length > 0) throw new PollingRuleError(violations.map(formatViolation).join("\n"));
}

export async function pollUntilCompleted(api: BankConnectClient, sessionId: string, options: PollOptions): Promise<PollResult> {
  const snapshots: ProgressResponse[] = [];
  let elapsedMs = 0;
  const beat = options.heartbeat ?? ((line: string) => process.stderr.write(`${line}\n`));
  const every = options.heartbeatEveryMs ?? HEARTBEAT_EVERY_MS;
  const started = Date.now();
  let lastBeat = started;
  for (;;) {
    const res = await api.progress(sessionId);
    const body = res.data();
    assertPollingStep(snapshots.at(-1), body, `GET ${res.exchange.request.path}`);
    snapshots.push(body);
    if (body.session_progress === "completed") return { final: body, snapshots, elapsedMs };
    if (elapsedMs >= options.budgetMs) {
      throw new PollingRuleError(
        `session ${sessionId} still "${body.session_progress}" after ${elapsedMs} ms of polling every ${options.intervalMs} ms (budget ${options.budgetMs} ms; BANKCONNECT_POLL_BUDGET_MS)`,
      );
    }
    if (options.control) await options.control.advanceClock(options.intervalMs);
    else await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    elapsedMs += options.intervalMs;
    if (!options.control && Date.now() - lastBeat >= every) {
      lastBeat = Date.now();
      const done = body.progress.filter((p) => p.processing_status === "completed" || p.processing_status === "failed").length;
      beat(`… polling progress of session ${sessionId}: ${body.session_progress}, ${done}/${body.progress.length} statement(s) processed, ${Math.round((Date.now() - started) / 1000)} s of the ${Math.round(options.budgetMs / 1000)} s budget`);
    }
  }
}
