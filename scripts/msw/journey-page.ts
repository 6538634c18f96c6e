/**
 * A page script for the browser test and the benchmark: MSW's worker with bankConnectHandlers, then
 * the journey a frontend runs (create → upload → initiate → poll progress → insights) with plain
 * fetch on relative URLs. The page's own server has no /bank-connect routes: only the worker answers.
 * Results and timings land on globalThis.__journey for the test to read.
 */
import { setupWorker } from "msw/browser";
import { bankConnectHandlers } from "../../mock/msw/index.js";

interface JourneyResult {
  ok: boolean;
  error?: string;
  steps: Array<{ step: string; status: number }>;
  sessionId?: string;
  uploadStatus?: string;
  progress?: string;
  accounts?: number;
  transactions?: number;
  webhookEvents: string[];
  /** ms from calling worker.start() until it resolved, and until the first answer arrived. */
  startMs?: number;
  firstAnswerMs?: number;
}

const result: JourneyResult = { ok: false, steps: [], webhookEvents: [] };
(globalThis as { __journey?: JourneyResult }).__journey = undefined;

const KEY = "browser-key";
const AUTH = { "x-api-key": KEY, "server-hash": "browser-hash" };
const handlers = bankConnectHandlers({ seed: "browser", processingMs: 300 });
handlers.mock.onWebhook((e) => result.webhookEvents.push(e.event));
const worker = setupWorker(...handlers);

async function call(step: string, path: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`/bank-connect/v1${path}`, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string> | undefined) } });
  result.steps.push({ step, status: res.status });
  return res.json();
}

async function run(): Promise<void> {
  const t0 = performance.now();
  await worker.start({ serviceWorker: { url: "/mockServiceWorker.js" }, quiet: true, onUnhandledRequest: "bypass" });
  result.startMs = performance.now() - t0;
  const catalogue = await fetch("/bank-connect/v1/banks/catalogue/", { headers: AUTH });
  result.firstAnswerMs = performance.now() - t0;
  result.steps.push({ step: "banks_catalogue", status: catalogue.status });

  const created = await call("create", "/session/", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ link_id: "browser-journey", api_key: KEY, from_date: "01/01/2024", to_date: "31/03/2024" }),
  });
  const sid = created.session_id as string;
  result.sessionId = sid;

  const form = new FormData();
  form.set("session_id", sid);
  form.set("upload_type", "PDF");
  form.set("file", new File(["%PDF-1.4\n% browser statement\n/Font /F1\n%%EOF\n"], "hdfc-march.pdf", { type: "application/pdf" }));
  await call("upload", "/statement/upload_session/", { method: "POST", body: form });
  result.uploadStatus = (await call("upload_status", `/session_data/${sid}/upload_status/`)).upload_status;
  await call("initiate", `/session_data/${sid}/initiate_processing/`, { method: "POST" });

  // Processing takes 300 ms of real time here (system clock): poll as a frontend would.
  for (let i = 0; i < 100; i++) {
    const progress = await call("progress", `/session_data/${sid}/progress/`);
    result.progress = progress.session_progress;
    if (progress.session_progress === "completed") break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const insights = await call("insights", `/session_data/${sid}/insights/`);
  result.accounts = insights.accounts?.length;
  result.transactions = insights.accounts?.[0]?.data?.transactions?.length;
  result.ok = true;
}

run()
  .catch((err: unknown) => {
    result.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  })
  .finally(() => {
    (globalThis as { __journey?: JourneyResult }).__journey = result;
  });
