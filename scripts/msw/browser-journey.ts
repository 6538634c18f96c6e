/**
 * Runs journey-page.ts in Chromium: bundles it with esbuild (platform browser, so a Node import
 * fails the build), serves it with MSW's own mockServiceWorker.js on 127.0.0.1:0, and returns what
 * the page recorded plus every request the static server saw. Shared by the browser test and bench.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { bundleForBrowser } from "../browser-bundle.js";
import { launchBrowser, pageErrors, serveStatic } from "../../mock/testing/browser.js";

export interface BrowserJourney {
  journey: {
    ok: boolean;
    error?: string;
    steps: Array<{ step: string; status: number }>;
    sessionId?: string;
    uploadStatus?: string;
    progress?: string;
    accounts?: number;
    transactions?: number;
    webhookEvents: string[];
    startMs?: number;
    firstAnswerMs?: number;
  };
  /** Requests that reached the page's server (the worker answers the API, so none of those). */
  serverRequests: Array<{ method: string; url: string }>;
  pageErrors: string[];
  bundleGzipBytes: number;
}

/** The worker script of the installed msw, so its version always matches the bundled client. */
export function mswWorkerScript(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve("msw/mockServiceWorker.js"), "utf8");
}

export async function runBrowserJourney(): Promise<BrowserJourney> {
  const bundle = await bundleForBrowser({ entry: "scripts/msw/journey-page.ts" });
  if (bundle.nodeImports.length > 0) throw new Error(`the page reaches Node built-ins: ${JSON.stringify(bundle.nodeImports)}`);
  const site = await serveStatic({
    pages: {
      "/index.html": '<!doctype html><meta charset="utf-8"><title>BankConnect MSW journey</title><script type="module" src="/app.js"></script>',
      "/app.js": { body: bundle.code, contentType: "text/javascript; charset=utf-8" },
      "/mockServiceWorker.js": { body: mswWorkerScript(), contentType: "text/javascript; charset=utf-8" },
    },
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    await page.goto(site.url("/index.html"));
    await page.waitForFunction(() => (globalThis as { __journey?: unknown }).__journey !== undefined, undefined, { timeout: 30_000 });
    const journey = (await page.evaluate(() => (globalThis as { __journey?: unknown }).__journey)) as BrowserJourney["journey"];
    return { journey, serverRequests: [...site.requests], pageErrors: errors, bundleGzipBytes: bundle.gzipBytes };
  } finally {
    await browser.close();
    await site.close();
  }
}
