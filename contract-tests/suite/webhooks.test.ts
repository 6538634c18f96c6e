/**
 * Webhooks as a client receives them: registered once per client through update_webhook, then the
 * completion event after the upload and the enrichment event after processing, once each and in
 * that order, each valid against the spec's `webhooks` and carrying the registered secret.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it, type TestContext } from "vitest";
import { expectError, expectErrorOneOf } from "../lib/expect-error.js";
import { useContract } from "../lib/harness.js";
import { createSession, initiate, pollToCompletion, uploadStatement } from "../lib/journey-steps.js";
import type { ReceivedWebhook, WebhookReceiver } from "../lib/webhook-receiver.js";

const h = useContract("webhooks");

const COMPLETION = "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION";
const ENRICHMENT = "ENRICHMENT_NOTIFICATION";
const EXPIRY = "SESSION_EXPIRY_NOTIFICATION";
/** Deliveries ride on real I/O: after the last expected event, a duplicate would follow within this. */
const DUPLICATE_GRACE_MS = 300;

const eventOf = (w: ReceivedWebhook): unknown => (w.json as Record<string, unknown> | undefined)?.event_name;
const has = (event: string) => (ds: ReceivedWebhook[]) => ds.some((d) => eventOf(d) === event);

interface Registration {
  receiver: WebhookReceiver;
  secret: string | undefined;
}

function register(ctx: TestContext, modes: string[] = [COMPLETION, ENRICHMENT]): Promise<Registration> {
  return h.registerWebhook(ctx, modes);
}

/** Waits for an event; on a mock, a timeout also shows the mock's own delivery log for the session. */
async function arrival(receiver: WebhookReceiver, sessionId: string, event: string): Promise<ReceivedWebhook[]> {
  try {
    return await receiver.waitFor(sessionId, has(event), h.target.env.webhookTimeoutMs);
  } catch (err) {
    const log = h.target.control ? await h.target.control.deliveries(sessionId).catch(() => "(unavailable)") : "(no control API)";
    throw new Error(`${(err as Error).message}\nmock delivery log: ${JSON.stringify(log).slice(0, 1500)}`);
  }
}

function checkDeliveries(deliveries: ReceivedWebhook[], expected: string[], sessionId: string, secret: string | undefined): void {
  expect(deliveries.map(eventOf), `events for session ${sessionId}, in arrival order`).toEqual(expected);
  deliveries.forEach((d, i) => {
    const violations = h.checker.checkWebhook(
      { headers: d.headers, json: d.json, text: d.text },
      { event: expected[i], sessionId, ...(secret !== undefined ? { secret } : {}) },
    );
    const delivery = { headers: d.headers, json: d.json, text: d.text };
    h.recorder.recordWebhook(expected[i], d.json, violations, violations.length === 0 ? h.checker.webhookDriftOf(delivery) : []);
  });
}

describe("webhooks", () => {
  it("completion then enrichment arrive once each, in order, valid against the spec with the x-secret-key echo", async (ctx) => {
    const { receiver, secret } = await register(ctx);
    const { sessionId } = await createSession(h, ctx, "webhooks");
    await uploadStatement(h, ctx, sessionId, "webhooks");
    await arrival(receiver, sessionId, COMPLETION);
    expect(receiver.forSession(sessionId).map(eventOf), "nothing but the completion event before processing").toEqual([COMPLETION]);
    const completion = receiver.forSession(sessionId)[0].json as { accounts: Array<{ statements: Array<{ statement_id: string }> }> };
    const uploadStatus = (await h.api.uploadStatus(sessionId)).data();
    expect(completion.accounts.flatMap((a) => a.statements.map((s) => s.statement_id)).sort(), "completion payload vs upload_status").toEqual(
      uploadStatus.accounts.flatMap((a) => a.statements.map((s) => s.statement_id)).sort(),
    );

    await initiate(h, sessionId);
    await pollToCompletion(h, sessionId);
    await arrival(receiver, sessionId, ENRICHMENT);
    await new Promise((resolve) => setTimeout(resolve, DUPLICATE_GRACE_MS));
    checkDeliveries(receiver.forSession(sessionId), [COMPLETION, ENRICHMENT], sessionId, secret);

    const enrichment = receiver.forSession(sessionId)[1].json as { accounts: Array<{ account_status: string }> };
    const status = (await h.api.sessionStatus(sessionId)).data();
    expect(enrichment.accounts.map((a) => a.account_status)).toEqual(status.accounts.map((a) => a.account_status));
  });

  it("every delivery carries the x-secret-key the client registered", async (ctx) => {
    const { receiver, secret } = await register(ctx, [COMPLETION]);
    if (secret === undefined) ctx.skip("BANKCONNECT_WEBHOOK_SECRET is not set, so the x-secret-key echo cannot be checked on this server");
    const { sessionId } = await createSession(h, ctx, "webhooks-secret");
    await uploadStatement(h, ctx, sessionId, "webhooks-secret");
    const deliveries = await arrival(receiver, sessionId, COMPLETION);
    for (const d of deliveries) expect(d.headers["x-secret-key"], "x-secret-key of the delivery").toBe(secret);
  });

  it("a failed account is reported failed with its account-level code in ENRICHMENT_NOTIFICATION", async (ctx) => {
    h.requireControl(ctx, "x-mock-scenario: BALANCE_MISMATCH makes the account fail after processing");
    const { receiver, secret } = await register(ctx);
    const { sessionId } = await createSession(h, ctx, "webhooks-failed", {}, { scenario: "BALANCE_MISMATCH" });
    await uploadStatement(h, ctx, sessionId, "webhooks-failed");
    await initiate(h, sessionId);
    await pollToCompletion(h, sessionId);
    const deliveries = await arrival(receiver, sessionId, ENRICHMENT);
    await new Promise((resolve) => setTimeout(resolve, DUPLICATE_GRACE_MS));
    checkDeliveries(receiver.forSession(sessionId), [COMPLETION, ENRICHMENT], sessionId, secret);
    const enrichment = deliveries.find((d) => eventOf(d) === ENRICHMENT)?.json as { accounts: Array<{ account_status: string; error_code: unknown }> };
    expect(enrichment.accounts.map((a) => [a.account_status, a.error_code])).toEqual([["failed", "BALANCE_MISMATCH"]]);
  });

  it("webhook_mode filters events: a client subscribed to enrichment only gets no completion event", async (ctx) => {
    const { receiver, secret } = await register(ctx, [ENRICHMENT]);
    const { sessionId } = await createSession(h, ctx, "webhooks-filtered");
    await uploadStatement(h, ctx, sessionId, "webhooks-filtered");
    await initiate(h, sessionId);
    await pollToCompletion(h, sessionId);
    await arrival(receiver, sessionId, ENRICHMENT);
    await new Promise((resolve) => setTimeout(resolve, DUPLICATE_GRACE_MS));
    checkDeliveries(receiver.forSession(sessionId), [ENRICHMENT], sessionId, secret);
  });

  it("a session whose TTL passes before processing sends SESSION_EXPIRY_NOTIFICATION, valid against the spec", async (ctx) => {
    const control = h.requireControl(ctx, "the TTL is minutes long; only the mock's clock can pass it within a test");
    const { receiver, secret } = await register(ctx, [COMPLETION, ENRICHMENT, EXPIRY]);
    const { sessionId } = await createSession(h, ctx, "webhooks-expiry", { session_expiry: 5 }, { scenario: "drop_off" });
    await uploadStatement(h, ctx, sessionId, "webhooks-expiry");
    await control.advanceClock(6 * 60_000);
    await arrival(receiver, sessionId, EXPIRY);
    await new Promise((resolve) => setTimeout(resolve, DUPLICATE_GRACE_MS));
    checkDeliveries(receiver.forSession(sessionId), [EXPIRY], sessionId, secret);
  });

  it("update_webhook rejects a non-http URL with 400 INVALID_URL (or INVALID_REQUEST) and an unknown event with 400 INVALID_REQUEST", async (ctx) => {
    const safe = h.safeWebhookUrl(ctx);
    expectErrorOneOf(await h.api.updateWebhook({ webhook_url: "ftp://example.com/hook", webhook_mode: [ENRICHMENT] }), [[400, "INVALID_URL"], [400, "INVALID_REQUEST"]]);
    expectError(await h.api.updateWebhook({ webhook_url: safe, webhook_mode: ["FOO"] }), 400, "INVALID_REQUEST");
  });
});
