/**
 * Keeps every exchange of the run: per test in memory (so a test can fail on what it received) and,
 * when a report directory is set, as JSON lines that the coverage and parity reports read after the
 * worker processes have exited.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { bodyErrorCodes, type BodyCode } from "./body-codes.js";
import { formatViolation, type Exchange, type Violation } from "../../openapi/lib/exchange.js";

export interface LogLine {
  kind: "http" | "webhook";
  file: string;
  test: string;
  /** Position within the test, so two runs of the same test can be lined up. */
  seq: number;
  operationId: string;
  method: string;
  path: string;
  template: string;
  scenario: string | null;
  status: number | null;
  code: string | null;
  /** Account- and statement-level codes inside the body. */
  bodyCodes: BodyCode[];
  violations: string[];
  /** The session the exchange concerns and the state it reported, for the lifecycle-coverage check. */
  sessionId?: string | null;
  state?: string | null;
  /** Vendor-pages-only forms the response used (warnings unless the run is strict). */
  drift?: string[];
}

export interface Recorder {
  record(exchange: Exchange): void;
  recordWebhook(event: string, payload: unknown, violations: Violation[], drift?: Violation[]): void;
  /** Violations seen since the last call, for the test that is ending. */
  takeViolations(): Violation[];
  exchanges(): readonly Exchange[];
}

export interface RecorderOptions {
  logFile?: string;
  /** Drift fails the test that received it (`--strict`). */
  strict?: boolean;
  file: string;
  currentTest: () => string;
}

const SESSION_IN_PATH = /\/session_data\/([^/?]+)\//;

/** Which session a response is about (its path or its body) and the state it reports. */
export function lifecycleFacts(path: string, json: unknown): { sessionId: string | null; state: string | null } {
  const body = json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  let fromBody = typeof body.session_id === "string" && body.session_id !== "" ? body.session_id : null;
  // vendor:javascript's create-session answer (drift) names the session only inside redirect_url.
  if (fromBody === null && typeof body.redirect_url === "string") {
    try {
      fromBody = new URL(body.redirect_url).searchParams.get("session_id");
    } catch {
      fromBody = null;
    }
  }
  const fromPath = SESSION_IN_PATH.exec(path)?.[1] ?? null;
  const state = [body.upload_status, body.session_progress].find((v): v is string => typeof v === "string") ?? null;
  return { sessionId: fromBody ?? (fromPath ? decodeURIComponent(fromPath) : null), state };
}

export function createRecorder(options: RecorderOptions): Recorder {
  const all: Exchange[] = [];
  let pending: Violation[] = [];
  const seqByTest = new Map<string, number>();
  if (options.logFile) mkdirSync(dirname(options.logFile), { recursive: true });

  function nextSeq(test: string): number {
    const n = seqByTest.get(test) ?? 0;
    seqByTest.set(test, n + 1);
    return n;
  }

  function write(line: LogLine): void {
    if (options.logFile) appendFileSync(options.logFile, `${JSON.stringify(line)}\n`);
  }

  return {
    record(exchange) {
      all.push(exchange);
      pending.push(...exchange.violations);
      if (options.strict) pending.push(...exchange.drift);
      const test = options.currentTest();
      write({
        kind: "http",
        file: options.file,
        test,
        seq: nextSeq(test),
        operationId: exchange.request.operationId,
        method: exchange.request.method,
        path: exchange.request.path,
        template: exchange.request.template,
        scenario: exchange.request.scenario ?? null,
        status: exchange.response.status,
        code: exchange.code ?? null,
        bodyCodes: bodyErrorCodes(exchange.response.json),
        violations: exchange.violations.map(formatViolation),
        drift: exchange.drift.map(formatViolation),
        ...lifecycleFacts(exchange.request.path, exchange.response.json),
      });
    },
    recordWebhook(event, payload, violations, drift = []) {
      pending.push(...violations);
      if (options.strict) pending.push(...drift);
      const test = options.currentTest();
      write({
        kind: "webhook",
        file: options.file,
        test,
        seq: nextSeq(test),
        operationId: `webhook ${event}`,
        method: "POST",
        path: "(receiver)",
        template: event,
        scenario: null,
        status: null,
        code: null,
        bodyCodes: bodyErrorCodes(payload),
        violations: violations.map(formatViolation),
        drift: drift.map(formatViolation),
      });
    },
    takeViolations() {
      const out = pending;
      pending = [];
      return out;
    },
    exchanges: () => all,
  };
}
