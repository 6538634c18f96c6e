/**
 * Webhook benchmark: N sessions complete and every delivery must reach a real local receiver.
 *
 * In-process mock (its domain API, no HTTP for the setup calls) and a real node:http receiver on
 * 127.0.0.1; deliveries go over real sockets through the mock's own keep-alive sender.
 *
 * Setup (timed apart, as it measures statement generation, not webhooks): every session gets one
 * partial upload, so none has completed yet. Then the measured part: initiate_processing for each
 * session completes its upload requirement (→ SESSION_REQUIREMENT_COMPLETION_NOTIFICATION), and one
 * clock advance finishes processing for all (→ ENRICHMENT_NOTIFICATION each); the clock stops when
 * the receiver has every delivery.
 *
 * Run alone: `node --import tsx scripts/bench/webhooks.ts [--sessions=1000] [--json]`.
 */
import { pathToFileURL } from "node:url";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { createMockServer } from "../../mock/http/server.js";
import { DELIVERY_ID_HEADER } from "../../mock/webhooks/dispatcher.js";
import type { WebhookEventName } from "../../mock/webhooks/events.js";
import { startReceiver } from "../../mock/webhooks/test-receiver.js";

export interface WebhookBenchResult {
  sessions: number;
  expected: number;
  /** Distinct delivery ids the receiver saw. */
  received: number;
  lost: number;
  /** Requests the receiver saw more than once (retries after a lost answer). */
  duplicates: number;
  /** First completion event → last delivery received. */
  elapsedMs: number;
  /** Setup, not in elapsedMs: the uploads (statement generation). */
  uploadPhaseMs: number;
  /** initiate_processing for all + the clock advance that finishes processing (derivation) and emits enrichment events. */
  processingPhaseMs: number;
  /** Last event emitted → last delivery received: the dispatcher's backlog drain. */
  drainAfterLastEventMs: number;
  deliveriesPerSecond: number;
  retries: number;
  /** Distinct errors of the attempts that were retried (e.g. a reused keep-alive socket reset). */
  retryErrors: string[];
  failed: number;
  invalid: number;
  byEvent: Partial<Record<WebhookEventName, number>>;
  timedOut: boolean;
}

const TENANT = "bench-webhooks-key";
const PROCESSING_MS = 60_000;

export async function benchWebhooks(sessions = 1000, timeoutMs = 60_000): Promise<WebhookBenchResult> {
  const seen = new Set<string>();
  const byEvent: Partial<Record<WebhookEventName, number>> = {};
  let duplicates = 0;
  let lastReceipt = 0;
  const receiver = await startReceiver((request) => {
    lastReceipt = performance.now();
    const id = request.headers[DELIVERY_ID_HEADER];
    if (typeof id === "string") {
      if (seen.has(id)) duplicates += 1;
      else {
        seen.add(id);
        const event = (request.body as { event_name?: unknown } | null)?.event_name;
        const name = (typeof event === "string" ? event : "unknown") as WebhookEventName;
        byEvent[name] = (byEvent[name] ?? 0) + 1;
      }
    }
    return 200;
  });

  // System clock so a retry (if any) fires on its own; processing only finishes on our advance.
  const mock = createMockServer({ seed: "bench-webhooks", processingMs: PROCESSING_MS, webhookRetryBaseMs: 50 });
  const configured = mock.webhooks.configure(TENANT, {
    webhook_url: receiver.url,
    webhook_mode: ["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION"],
  });
  if (!configured.ok) throw new Error(`webhook config rejected: ${configured.message}`);
  // The delivery log keeps only the newest 1,000 per tenant, so collect attempt errors as they settle.
  const retryErrors = new Set<string>();
  mock.webhooks.onSettled((_tenant, record) => {
    for (const attempt of record.attempts) if (attempt.error !== null) retryErrors.add(attempt.error);
  });

  const ids: string[] = [];
  for (let i = 0; i < sessions; i++) {
    const created = mock.lifecycle.createSession(TENANT, { link_id: `bench-link-${i}` }, "partial_upload");
    if (!created.ok) throw new Error(`createSession failed: ${JSON.stringify(created.failure)}`);
    ids.push(created.value.id);
  }

  // Setup: one partial upload per session, so no session has completed its requirement yet.
  const setupStart = performance.now();
  for (let i = 0; i < sessions; i++) {
    const bytes = new Uint8Array(Buffer.from(`%PDF-1.4\n% bench statement ${i}\n%%EOF\n`, "latin1"));
    const uploaded = mock.lifecycle.upload(TENANT, ids[i], { uploadType: "PDF", file: { bytes, fileName: "statement.pdf", mimeType: "application/pdf" } });
    if (!uploaded.ok) throw new Error(`upload failed: ${JSON.stringify(uploaded.failure)}`);
    if (uploaded.value.session.uploadCompletedAt !== null) throw new Error("a partial upload completed the session requirement");
  }
  const setupMs = performance.now() - setupStart;

  // Measured: each initiate completes a session's requirement (a completion event), yielding between
  // calls as a server does between requests so deliveries flow meanwhile; then one advance finishes
  // processing everywhere (an enrichment event each).
  const first = performance.now();
  for (const id of ids) {
    const started = mock.lifecycle.initiateProcessing(TENANT, id);
    if (!started.ok) throw new Error(`initiateProcessing failed: ${JSON.stringify(started.failure)}`);
    await yieldToLoop();
  }
  mock.clock.advance(PROCESSING_MS);
  const lastEvent = performance.now();

  const expected = sessions * 2;
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all([receiver.waitFor(expected), mock.webhooks.idle()]),
    new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        resolve();
      }, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  const stats = mock.webhooks.stats();
  await mock.close();
  await receiver.close();

  const elapsedMs = lastReceipt - first;
  return {
    sessions,
    expected,
    received: seen.size,
    lost: expected - seen.size,
    duplicates,
    elapsedMs,
    uploadPhaseMs: setupMs,
    processingPhaseMs: lastEvent - first,
    drainAfterLastEventMs: Math.max(0, lastReceipt - lastEvent),
    deliveriesPerSecond: seen.size / (elapsedMs / 1000),
    retries: stats.retries,
    retryErrors: [...retryErrors].slice(0, 5),
    failed: stats.failed,
    invalid: stats.invalid,
    byEvent,
    timedOut,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = process.argv.find((a) => a.startsWith("--sessions="));
  const result = await benchWebhooks(arg ? Number(arg.slice("--sessions=".length)) : 1000);
  if (process.argv.includes("--json")) console.log(JSON.stringify(result));
  else console.log(result);
}
