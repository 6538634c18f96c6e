/**
 * What every suite file starts with: the target, a checked client, and hooks that fail a test on
 * any contract violation it received, even when the test's own assertions passed. Capabilities a
 * test needs are asked for here, and a missing one skips the test with the reason, never passes it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, afterEach, beforeAll, expect, type TestContext } from "vitest";
import { sharedChecker, type ResponseChecker } from "./checker.js";
import { createClient, type BankConnectClient } from "./client.js";
import { formatViolation } from "./exchange.js";
import type { MockControl } from "./mock-control.js";
import { createRecorder, type Recorder } from "./recorder.js";
import type { StatementSource } from "./statements.js";
import { openTarget, type Target } from "./target.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

export class ContractViolationError extends Error {
  override name = "ContractViolationError";
}

export interface Harness {
  readonly target: Target;
  readonly api: BankConnectClient;
  readonly checker: ResponseChecker;
  readonly recorder: Recorder;
  /** The mock's control API; skips the test (with `why`) on targets without one. */
  requireControl(ctx: TestContext, why: string): MockControl;
  /**
   * Counts sessions against the cap up front, so a journey is skipped before it creates anything
   * rather than halfway; skips the test when the cap would be exceeded.
   */
  reserveSessions(ctx: TestContext, count: number): void;
  /** Takes one reserved session, reserving one more when the test did not reserve ahead. */
  takeSession(ctx: TestContext): void;
  /** Statement files for uploads; skips when the target needs real ones and none were given. */
  requireStatements(ctx: TestContext): StatementSource;
  /** The file's webhook receiver, started on first use; skips when the target cannot reach it. */
  requireReceiver(ctx: TestContext): Promise<WebhookReceiver>;
  /** A unique link id, so reruns against a real server never collide. */
  linkId(label: string): string;
}

const MAX_VIOLATIONS_SHOWN = 20;

function currentTestName(): string {
  return expect.getState().currentTestName ?? "(hooks)";
}

export function useContract(tag: string): Harness {
  let target: Target | undefined;
  let api: BankConnectClient | undefined;
  let recorder: Recorder | undefined;
  let receiver: WebhookReceiver | undefined;
  const checker = sharedChecker();
  let linkCounter = 0;
  let reserved = 0;
  const runTag = Date.now().toString(36);

  beforeAll(async () => {
    target = await openTarget(tag);
    const reportDir = target.env.reportDir;
    recorder = createRecorder({
      file: tag,
      strict: target.env.strict,
      currentTest: currentTestName,
      ...(reportDir ? { logFile: join(reportDir, "exchanges", `${basename(tag)}-${process.pid}.jsonl`) } : {}),
    });
    api = createClient({ baseUrl: target.baseUrl, credentials: target.credentials, checker, recorder });
    if (reportDir) {
      mkdirSync(join(reportDir, "targets"), { recursive: true });
      const info = {
        baseUrl: target.inProcess ? "(mock started in-process on port 0)" : target.baseUrl,
        inProcess: target.inProcess,
        mockControl: target.control ? `${target.control.identity.name} ${target.control.identity.version ?? ""}`.trim() : null,
        sessionCap: Number.isFinite(target.budget.limit) ? target.budget.limit : null,
      };
      writeFileSync(join(reportDir, "targets", `${basename(tag)}-${process.pid}.json`), JSON.stringify(info));
    }
  });

  afterEach(() => {
    reserved = 0;
    const violations = recorder?.takeViolations() ?? [];
    if (violations.length > 0) {
      // Shrinking property tests can repeat one violation many times; the first ones tell the story.
      const shown = violations.slice(0, MAX_VIOLATIONS_SHOWN).map(formatViolation);
      if (violations.length > MAX_VIOLATIONS_SHOWN) shown.push(`… and ${violations.length - MAX_VIOLATIONS_SHOWN} more`);
      throw new ContractViolationError(`${violations.length} contract violation(s):\n${shown.join("\n")}`);
    }
  });

  afterAll(async () => {
    await receiver?.close();
    await target?.close();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside tests (after beforeAll)`);
    return value;
  };

  const reserveSessions = (ctx: TestContext, count: number): void => {
    const reservation = ready(target, "target").budget.reserve(count);
    if (!reservation.ok) ctx.skip(`session cap: ${reservation.reason}`);
    reserved += count;
  };

  return {
    get target() {
      return ready(target, "target");
    },
    get api() {
      return ready(api, "api");
    },
    get recorder() {
      return ready(recorder, "recorder");
    },
    checker,
    requireControl(ctx, why) {
      const control = ready(target, "target").control;
      if (!control) ctx.skip(`needs the mock control API (${why}); ${ready(target, "target").origin}/__mock/ is not available`);
      return control as MockControl;
    },
    reserveSessions,
    takeSession(ctx) {
      if (reserved === 0) reserveSessions(ctx, 1);
      reserved -= 1;
    },
    requireStatements(ctx) {
      const source = ready(target, "target").statements;
      if (source.unavailable !== undefined) ctx.skip(source.unavailable);
      return source;
    },
    async requireReceiver(ctx) {
      const t = ready(target, "target");
      if (t.webhookUnreachable !== undefined) ctx.skip(t.webhookUnreachable);
      receiver ??= await startWebhookReceiver({
        port: t.env.webhookPort,
        ...(t.env.webhookUrl !== undefined ? { publicUrl: t.env.webhookUrl } : {}),
      });
      return receiver;
    },
    linkId(label) {
      linkCounter += 1;
      return `ct-${tag}-${label}-${runTag}-${linkCounter}`;
    },
  };
}
