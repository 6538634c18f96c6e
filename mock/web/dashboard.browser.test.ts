/**
 * The dashboard in a real browser: it lists what an API client created, its buttons change what
 * the API answers, and a replayed delivery reaches a real local receiver.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { createClock } from "../core/clock.js";
import { createMockServer, type Listening, type MockServer } from "../http/server.js";
import { REPO_ROOT } from "../../openapi/lib/index.js";
import { launchBrowser, pageErrors } from "../testing/browser.js";
import { startReceiver, type TestReceiver } from "../webhooks/test-receiver.js";

const SCREENSHOTS = resolve(REPO_ROOT, "reports/screenshots");
const TENANT = "dashboard-tenant";
const AUTH = { "x-api-key": TENANT, "server-hash": "h" };

let browser: Browser;
let mock: MockServer;
let api: Listening;
let receiver: TestReceiver;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mock = createMockServer({ seed: "browser-dashboard", clock: createClock({ mode: "manual", start: Date.parse("2024-04-16T07:47:42Z") }) });
  api = await mock.listen(0);
  receiver = await startReceiver();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await mock?.close();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = AUTH): Promise<{ status: number; body: any }> {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function upload(sid: string): Promise<void> {
  const form = new FormData();
  form.set("session_id", sid);
  form.set("upload_type", "PDF");
  form.set("bank_name", "hdfc");
  form.set("file", new Blob(["%PDF-1.4\n/Font /F1\n% dashboard test\n%%EOF\n"], { type: "application/pdf" }), "statement.pdf");
  const res = await fetch(`${api.url}/bank-connect/v1/statement/upload_session/`, { method: "POST", headers: { "x-api-key": TENANT }, body: form });
  expect(res.status).toBe(200);
}

describe("the dashboard at /__mock/ui/", () => {
  it("lists an API-created session; Finish processing changes what progress answers; a replayed delivery reaches the receiver", async () => {
    expect((await call("POST", "/bank-connect/v1/session_data/update_webhook/", { webhook_url: receiver.url, webhook_mode: ["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION"] })).status).toBe(200);
    const created = await call("POST", "/bank-connect/v1/session/", { link_id: "qa-customer-7", api_key: TENANT, from_date: "01/01/2024", to_date: "31/03/2024" });
    const sid = created.body.session_id as string;
    await upload(sid);
    expect((await call("POST", `/bank-connect/v1/session_data/${sid}/initiate_processing/`)).status).toBe(202);
    await receiver.waitFor(1); // the completion notification
    expect((await call("GET", `/bank-connect/v1/session_data/${sid}/progress/`)).body.session_progress).toBe("processing");

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = pageErrors(page);
    await page.goto(`${api.url}/__mock/ui/`);
    await page.waitForSelector("body[data-ready]");
    await page.fill("#api-key", TENANT);
    await page.click("#tenant-form button[type=submit]");
    const row = page.locator("#sessions tbody tr", { hasText: "qa-customer-7" });
    await row.waitFor();
    expect(await row.textContent()).toContain("PROCESSING");
    await row.click();

    // The read panel shows the exact body progress answers, before and after the click.
    const read = page.locator(".read");
    await read.getByText(`GET /bank-connect/v1/session_data/${sid}/progress/`).waitFor();
    await read.getByText('"session_progress": "processing"').waitFor();
    await page.getByRole("button", { name: "Finish processing" }).click();
    await read.getByText('"session_progress": "completed"').waitFor();
    expect((await call("GET", `/bank-connect/v1/session_data/${sid}/progress/`)).body.session_progress).toBe("completed");
    await page.locator("#sessions tbody tr", { hasText: "PROCESSED" }).waitFor();
    await page.locator(".timeline li", { hasText: "processing time elapsed" }).waitFor();

    // Deliveries: completion and enrichment delivered; replay the enrichment from the log.
    await receiver.waitFor(2);
    const enrichment = page.locator("#deliveries tbody tr", { hasText: "ENRICHMENT_NOTIFICATION" });
    await enrichment.getByText("delivered").waitFor();
    await enrichment.getByRole("button", { name: "Replay" }).click();
    await receiver.waitFor(3);
    const [, original, replayed] = receiver.requests;
    expect(replayed.body).toEqual(original.body);
    expect((replayed.body as { event_name: string }).event_name).toBe("ENRICHMENT_NOTIFICATION");
    expect(replayed.headers["x-webhook-delivery-id"]).not.toBe(original.headers["x-webhook-delivery-id"]);
    await page.locator("#deliveries tbody tr").nth(2).waitFor();
    await page.locator("#notice", { hasText: "replay" }).waitFor();

    // The journal shows the client's requests and the actions taken, not the dashboard's own polling.
    const journal = page.locator("#journal tbody tr");
    await journal.filter({ hasText: "initiateProcessing" }).waitFor();
    const rows = await journal.evaluateAll((trs) => trs.map((tr) => [tr.children[1]?.textContent, tr.children[2]?.textContent]));
    expect(rows.filter(([method, path]) => method === "GET" && path?.startsWith("/__mock"))).toEqual([]);
    expect(rows).toContainEqual(["POST", `/__mock/sessions/${sid}/transition`]);

    await page.locator("#deliveries tbody tr").first().click();
    await page.locator(".delivery h3").waitFor();
    await page.screenshot({ path: resolve(SCREENSHOTS, "dashboard-full.png"), fullPage: true });
    await page.locator("#sessions tbody tr").first().click();
    await page.locator(".read").waitFor();
    await page.mouse.wheel(0, -100_000);
    await page.screenshot({ path: resolve(SCREENSHOTS, "dashboard.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps the tenant in the page (no header to type), shows the clock and moves it", async () => {
    const page = await browser.newPage();
    await page.goto(`${api.url}/__mock/ui/`);
    await page.waitForSelector("body[data-ready]");
    expect(await page.inputValue("#api-key")).toBe("");
    await page.fill("#api-key", TENANT);
    await page.click("#tenant-form button[type=submit]");
    await page.locator("#sessions tbody tr").first().waitFor();
    await page.reload();
    await page.waitForSelector("body[data-ready]");
    expect(await page.inputValue("#api-key")).toBe(TENANT);
    const before = (await call("GET", "/__mock/clock")).body.epoch_ms as number;
    await page.getByRole("button", { name: "+1 h" }).click();
    await page.locator("#notice", { hasText: "advance clock" }).waitFor();
    expect((await call("GET", "/__mock/clock")).body.epoch_ms).toBe(before + 3_600_000);
    await expect.poll(() => page.textContent("#clock")).toBe(new Date(before + 3_600_000).toISOString().replace("T", " ").replace(/\.\d+Z$/, ""));
    await page.close();
  });
});
