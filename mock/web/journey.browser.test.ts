/**
 * The journey and CORS in a real browser (system Chromium through playwright-core): a web app on
 * another origin, the redirect workflow, and an iframe host receiving the documented events.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { createClock } from "../core/clock.js";
import { createMockServer, type Listening, type MockServer } from "../http/server.js";
import { REPO_ROOT } from "../../openapi/lib/index.js";
import { launchBrowser, pageErrors, serveStatic, type StaticServer } from "../testing/browser.js";

export const SCREENSHOTS = resolve(REPO_ROOT, "reports/screenshots");

let browser: Browser;
let mock: MockServer;
let api: Listening;
let site: StaticServer;

/** The client app: another origin than the mock. Its pages are written per test below. */
const APP_PAGES: Record<string, string> = {
  "/done": "<!doctype html><title>client app</title><h1>Back in the client app</h1>",
  "/host.html": `<!doctype html><title>iframe host</title>
<style>body{font:14px system-ui;display:flex;gap:16px;margin:12px}iframe{border:1px solid #ccc;border-radius:8px}
ol{font:12px monospace;max-width:520px}li{margin:4px 0;overflow-wrap:anywhere}</style>
<div id="frame"></div><div><h2>Client app: events received</h2><ol id="log"></ol></div>
<script type="module">
  window.__events = [];
  window.addEventListener("message", (e) => {
    if (!e.data || e.data.type !== "finbox-bankconnect") return;
    window.__events.push({ status: e.data.status, payload: e.data.payload, origin: e.origin });
    const li = document.createElement("li");
    li.textContent = e.data.status + " " + JSON.stringify(e.data.payload);
    document.getElementById("log").append(li);
  });
  const f = document.createElement("iframe");
  f.src = new URLSearchParams(location.search).get("src");
  f.width = "500"; f.height = "720";
  document.getElementById("frame").append(f);
</script>`,
  "/app.html": `<!doctype html><title>web app</title>
<script type="module">
  const mock = new URLSearchParams(location.search).get("mock");
  const key = { "x-api-key": "browser-app", "server-hash": "h" };
  async function call(path, init = {}) {
    const res = await fetch(mock + path, init);
    return { status: res.status, body: await res.json(), retryAfter: res.headers.get("retry-after") };
  }
  try {
    const created = await call("/bank-connect/v1/session/", { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ link_id: "web-app-user", api_key: "browser-app", from_date: "01/01/2024", to_date: "31/03/2024" }) });
    const sid = created.body.session_id;
    const form = new FormData();
    form.set("session_id", sid); form.set("upload_type", "PDF"); form.set("bank_name", "hdfc");
    form.set("file", new Blob(["%PDF-1.4\\n/Font /F1\\n% from the browser\\n%%EOF\\n"], { type: "application/pdf" }), "statement.pdf");
    const uploaded = await call("/bank-connect/v1/statement/upload_session/", { method: "POST", headers: key, body: form });
    const initiated = await call("/bank-connect/v1/session_data/" + sid + "/initiate_processing/", { method: "POST", headers: key });
    const advanced = await call("/__mock/clock/advance", { method: "POST", headers: { ...key, "content-type": "application/json" }, body: JSON.stringify({ ms: 5000 }) });
    const insights = await call("/bank-connect/v1/session_data/" + sid + "/insights/", { headers: key });
    const fault = await call("/bank-connect/v1/banks/catalogue/", { headers: { ...key, "x-mock-fault": "503" } });
    window.__result = { sid, created: created.status, uploaded: uploaded.status, initiated: initiated.status, advanced: advanced.status,
      insights: insights.status, accounts: insights.body.accounts?.length ?? 0, fault: fault.status, retryAfter: fault.retryAfter };
  } catch (err) {
    window.__result = { error: String(err) };
  }
</script>`,
};

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mock = createMockServer({ seed: "browser-journey", clock: createClock({ mode: "manual", start: Date.parse("2024-04-16T07:47:42Z") }) });
  api = await mock.listen(0);
  site = await serveStatic({ pages: APP_PAGES });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await mock?.close();
});

async function createSession(body: Record<string, unknown> = {}): Promise<{ session_id: string; redirect_url: string }> {
  const res = await fetch(`${api.url}/bank-connect/v1/session/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ link_id: "user-42", api_key: "journey-tenant", from_date: "01/01/2024", to_date: "31/03/2024", ...body }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { session_id: string; redirect_url: string };
}

async function newPage(width = 560): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 760 } });
  return { page, errors: pageErrors(page) };
}

/** Rejected uploads answer 4xx, which Chromium logs as a failed resource; anything else is a page bug. */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));

describe("a web app on another origin (CORS)", () => {
  it("creates a session, uploads, processes and reads insights with fetch, and reads retry-after of a 503", async () => {
    const { page, errors } = await newPage();
    await page.goto(`${site.url("/app.html")}?mock=${encodeURIComponent(api.url)}`);
    const result = await page.waitForFunction(() => (globalThis as unknown as { __result?: unknown }).__result).then((h) => h.jsonValue());
    expect(new URL(site.origin).port).not.toBe(new URL(api.url).port);
    expect(result).toMatchObject({ created: 200, uploaded: 200, initiated: 202, advanced: 200, insights: 200, accounts: 1, fault: 503, retryAfter: "1" });
    expect(realErrors(errors).filter((e) => !e.includes("status of 503"))).toEqual([]);
    await page.close();
  });
});

describe("the redirect workflow", () => {
  it("ends on the client's redirect_url with success=true&session_id=… after bank, uploads and submit", async () => {
    const { session_id, redirect_url } = await createSession({ redirect_url: `${site.url("/done")}?from=mock` });
    const { page, errors } = await newPage();
    await page.goto(redirect_url);
    await page.waitForSelector("body[data-ready]");
    await page.getByRole("button", { name: "HDFC Bank" }).click();
    await page.getByRole("heading", { name: "Upload HDFC Bank statements" }).waitFor();
    // A protected PDF: rejected with the documented message, then accepted with its password.
    await page.selectOption("#mock-outcome", "PASSWORD_INCORRECT");
    await page.click("#mock-sample");
    await page.waitForSelector(".upload.bad >> text=The provided password is incorrect");
    await page.fill(".retry input", "secret");
    await page.click(".retry button");
    await page.waitForSelector(".upload.ok");
    await page.setInputFiles("#files", [
      { name: "march.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n/Font /F1\n% march\n%%EOF\n") },
      { name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n/Subtype /Image\n% scan\n%%EOF\n") },
    ]);
    await page.waitForSelector(".upload:nth-child(3).bad");
    expect(await page.locator(".upload").evaluateAll((rows) => rows.map((r) => [r.querySelector(".name")?.textContent, r.querySelector(".state")?.textContent]))).toEqual([
      ["hdfc-sample-statement-1.pdf", "Accepted"],
      ["march.pdf", "Accepted"],
      ["scan.pdf", "Rejected"],
    ]);
    await expect.poll(() => page.textContent("#progress")).toContain("the whole period is covered");
    await page.screenshot({ path: resolve(SCREENSHOTS, "journey-upload.png"), fullPage: true });
    await Promise.all([page.waitForURL((url) => url.origin === site.origin), page.click("#submit")]);
    const landed = new URL(page.url());
    expect(landed.pathname).toBe("/done");
    expect(Object.fromEntries(landed.searchParams)).toEqual({ from: "mock", success: "true", session_id });
    expect(realErrors(errors)).toEqual([]);
    await page.close();
  });

  it("exit goes to redirect_url with success=false; a session's bank_name skips the bank picker", async () => {
    const { redirect_url } = await createSession({ redirect_url: site.url("/done"), bank_name: "sbi" });
    const { page } = await newPage();
    await page.goto(redirect_url);
    await page.getByRole("heading", { name: "Upload State Bank of India statements" }).waitFor();
    expect(await page.isHidden("#back")).toBe(true);
    await Promise.all([page.waitForURL((url) => url.origin === site.origin), page.click("#exit")]);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ success: "false" });
    await page.close();
  });

  it("a real password-protected statement PDF is refused, then accepted with the password typed on its row", async () => {
    const { redirect_url } = await createSession({ link_id: "kotak-user" });
    const { page, errors } = await newPage();
    await page.goto(redirect_url);
    await page.getByRole("button", { name: "Kotak Mahindra Bank" }).click();
    await page.setInputFiles("#files", resolve(REPO_ROOT, "fixtures/statements/kotak-password-protected-jan-mar-2024.pdf"));
    await page.waitForSelector(".upload.bad >> text=The provided password is incorrect");
    await page.fill(".retry input", "RAVI0507");
    await page.click(".retry button");
    await page.waitForSelector(".upload.ok");
    expect(await page.textContent(".upload .name")).toBe("kotak-password-protected-jan-mar-2024.pdf");
    expect(await page.isEnabled("#submit")).toBe(true);
    expect(realErrors(errors)).toEqual([]);
    await page.close();
  });

  it("without a client redirect_url the page shows the result itself", async () => {
    const { session_id, redirect_url } = await createSession();
    const { page, errors } = await newPage();
    await page.goto(redirect_url);
    await page.getByRole("button", { name: "Kotak Mahindra Bank" }).click();
    await page.click("#mock-sample");
    await page.waitForSelector(".upload.ok");
    await page.click("#submit");
    await page.getByRole("heading", { name: "Statements submitted" }).waitFor();
    expect(await page.textContent("[data-text]")).toContain(session_id);
    expect(page.url()).toBe(redirect_url);
    expect(realErrors(errors)).toEqual([]);
    await page.close();
  });

  it("an unknown, deleted or expired session shows the documented error state", async () => {
    const { page } = await newPage();
    const cases: Array<[string, number, string, string]> = [];
    cases.push(["no-such-session", 404, "SESSION_NOT_FOUND", "The provided session ID is invalid"]);
    const deleted = await createSession();
    await fetch(`${api.url}/bank-connect/v1/session_data/${deleted.session_id}/delete/`, { method: "DELETE", headers: { "x-api-key": "journey-tenant", "server-hash": "h" } });
    cases.push([deleted.session_id, 410, "SESSION_DELETED", "The provided session ID has been deleted"]);
    const expired = await createSession();
    await fetch(`${api.url}/__mock/sessions/${expired.session_id}/transition`, { method: "POST", headers: { "x-api-key": "journey-tenant", "content-type": "application/json" }, body: JSON.stringify({ action: "expire" }) });
    cases.push([expired.session_id, 410, "SESSION_EXPIRED", "This session has expired"]);
    for (const [sid, status, code, message] of cases) {
      const res = await page.goto(`${api.url}/bank-connect/journey/?session_id=${sid}`);
      await page.waitForSelector("body[data-ready]");
      expect({ sid, status: res?.status(), code: await page.textContent("[data-code]"), message: await page.textContent("[data-message]") }).toEqual({ sid, status, code, message });
      if (code === "SESSION_NOT_FOUND") await page.screenshot({ path: resolve(SCREENSHOTS, "journey-error.png") });
    }
    await page.close();
  });
});

describe("the inline-frame workflow", () => {
  type Event = { status: string; payload: Record<string, unknown>; origin: string };
  const events = (page: Page) => page.evaluate(() => (globalThis as unknown as { __events: Event[] }).__events);
  const waitForEvents = (page: Page, n: number) => page.waitForFunction((count) => (globalThis as unknown as { __events: unknown[] }).__events.length >= count, n);

  it("posts info and error events while the user works, then success", async () => {
    const { session_id, redirect_url } = await createSession({ link_id: "iframe-user", bank_name: "sbi" });
    const { page, errors } = await newPage();
    await page.goto(`${site.url("/host.html")}?src=${encodeURIComponent(redirect_url)}`);
    const frame = page.frameLocator("iframe");
    await frame.getByRole("heading", { name: "Upload State Bank of India statements" }).waitFor();
    await frame.locator("#mock-outcome").selectOption("OUT_OF_DATE_RANGE");
    await frame.locator("#mock-sample").click();
    await frame.locator(".upload.bad").waitFor();
    await frame.locator("#mock-sample").click();
    await frame.locator(".upload.ok").waitFor();
    await frame.locator("#submit").click();
    await waitForEvents(page, 3);
    const got = await events(page);
    expect(got.map((e) => e.status)).toEqual(["info", "error", "success"]);
    expect(got[0].payload).toEqual({ linkId: "iframe-user", event_name: "manual", message: "" });
    expect(got[1].payload).toEqual({ linkId: "iframe-user", error_type: "MU021", reason: "Please upload statements within the date range 01/01/2024 to 31/03/2024" });
    expect(got[2].payload).toEqual({ linkId: "iframe-user", sessionId: session_id });
    expect(new Set(got.map((e) => e.origin))).toEqual(new Set([new URL(api.url).origin]));
    await frame.getByRole("heading", { name: "Statements submitted" }).waitFor();
    expect(realErrors(errors)).toEqual([]);
    await page.close();
  });

  it("posts bank_selected, manual, manual_upload_back, an error with its MU code, then exit when the user leaves", async () => {
    const { redirect_url } = await createSession({ link_id: "leaver" });
    const { page } = await newPage(1100);
    await page.goto(`${site.url("/host.html")}?src=${encodeURIComponent(redirect_url)}`);
    const frame = page.frameLocator("iframe");
    await frame.getByRole("button", { name: "Axis Bank" }).click();
    await frame.locator("#back").click();
    await frame.getByRole("button", { name: "ICICI Bank" }).click();
    await frame.locator("#mock-outcome").selectOption("PASSWORD_INCORRECT");
    await frame.locator("#mock-sample").click();
    await frame.locator(".upload.bad").waitFor();
    await waitForEvents(page, 6);
    await page.screenshot({ path: resolve(SCREENSHOTS, "journey-iframe.png") });
    await frame.locator("#exit").click();
    await waitForEvents(page, 7);
    const got = await events(page);
    expect(got.map((e) => [e.status, e.payload.event_name ?? e.payload.error_type ?? null])).toEqual([
      ["info", "bank_selected"],
      ["info", "manual"],
      ["info", "manual_upload_back"],
      ["info", "bank_selected"],
      ["info", "manual"],
      ["error", "MU003"],
      ["exit", null],
    ]);
    expect(got[0].payload).toEqual({ linkId: "leaver", event_name: "bank_selected", message: "AXIS BANK" });
    expect(got[5].payload).toEqual({ linkId: "leaver", error_type: "MU003", reason: "Password Incorrect" });
    expect(got[6].payload).toEqual({ linkId: "leaver", message: "User exited the journey" });
    await page.close();
  });
});
