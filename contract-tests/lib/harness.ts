/**
 * What every suite file starts with: the target, a checked client, and hooks that fail a test on
 * any contract violation it received, even when the test's own assertions passed. Capabilities a
 * test needs are asked for here, and a missing one skips the test with the reason, never passes it.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, afterEach, beforeAll, expect, type TestContext } from "vitest";
import { sharedChecker, type ResponseChecker } from "../../openapi/lib/checker.js";
import { createClient, type BankConnectClient } from "./client.js";
import { formatViolation } from "../../openapi/lib/exchange.js";
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
  /**
   * Registers the file's receiver through update_webhook. On a real server only with a public
   * receiver URL the user gave AND the account's own webhook URL to restore at the end (the API has
   * no read operation); otherwise skips with that reason. Returns the secret the receiver must see.
   */
  registerWebhook(ctx: TestContext, modes: string[]): Promise<{ receiver: WebhookReceiver; secret: string | undefined }>;
  /** Why webhook registration would be skipped on this target; undefined when it can run. */
  webhookSkipReason(): string | undefined;
  /** A URL safe to send in update_webhook bodies that should be rejected: never a host the user did not give. */
  safeWebhookUrl(ctx: TestContext): string;
  /** Another client's credentials (a second tenant); skips when a real server was given none. */
  secondClient(ctx: TestContext): { "x-api-key": string; "server-hash": string };
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

  let restoreWebhook = false;
  afterAll(async () => {
    // Give the real account its own webhook back, whatever the tests did.
    if (restoreWebhook && target && api && target.env.webhookRestoreUrl !== undefined) {
      const res = await api.updateWebhook({ webhook_url: target.env.webhookRestoreUrl, webhook_mode: target.env.webhookRestoreModes });
      if (res.status !== 200) throw new Error(`could not restore the account's webhook to ${target.env.webhookRestoreUrl}: ${res.status} ${res.text.slice(0, 200)}`);
    }
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
    webhookSkipReason() {
      const t = ready(target, "target");
      if (t.webhookUnreachable !== undefined) return t.webhookUnreachable;
      if (t.control) return undefined;
      if (t.env.webhookUrl === undefined) return "registering a webhook on a real server needs BANKCONNECT_WEBHOOK_URL (a public URL you own that forwards to the receiver)";
      if (t.env.webhookRestoreUrl === undefined) return "the API cannot read the account's current webhook, so set BANKCONNECT_WEBHOOK_RESTORE_URL (and _RESTORE_MODES) to restore it at the end";
      return undefined;
    },
    async registerWebhook(ctx, modes) {
      const why = this.webhookSkipReason();
      if (why !== undefined) ctx.skip(why);
      const t = ready(target, "target");
      const r = await this.requireReceiver(ctx);
      // webhook_secret is a mock extension; a real server echoes the secret configured for the client.
      const secret = t.control ? `secret-${randomUUID()}` : t.env.webhookSecret;
      if (!t.control) restoreWebhook = true;
      const res = await ready(api, "api").updateWebhook({ webhook_url: r.url, webhook_mode: modes, ...(t.control && secret !== undefined ? { webhook_secret: secret } : {}) });
      expect(res.status, res.text).toBe(200);
      return { receiver: r, secret };
    },
    safeWebhookUrl(ctx) {
      const t = ready(target, "target");
      if (t.control) return "https://example.com/hook";
      if (t.env.webhookUrl === undefined || t.env.webhookRestoreUrl === undefined) {
        ctx.skip("update_webhook on a real server may change the account's webhook: set BANKCONNECT_WEBHOOK_URL (yours) and BANKCONNECT_WEBHOOK_RESTORE_URL");
      }
      restoreWebhook = true;
      return t.env.webhookUrl as string;
    },
    secondClient(ctx) {
      const t = ready(target, "target");
      if (t.env.secondApiKey !== undefined) return { "x-api-key": t.env.secondApiKey, "server-hash": t.env.secondServerHash ?? t.credentials.serverHash };
      if (!t.control) ctx.skip("tenant isolation needs a second client's credentials: set BANKCONNECT_SECOND_API_KEY (and _SECOND_SERVER_HASH)");
      return { "x-api-key": `${t.credentials.apiKey}-other`, "server-hash": "other-hash" };
    },
  };
}
