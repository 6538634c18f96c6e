import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { chromiumPath, launchBrowser, pageErrors, serveStatic, type StaticServer } from "./browser.js";

let browser: Browser;
let site: StaticServer;
beforeAll(async () => {
  browser = await launchBrowser();
  site = await serveStatic({ pages: { "/index.html": "<!doctype html><title>launcher</title><p id=x>hello</p><script type=module>document.title += ' ok'</script>" } });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("the shared browser launcher", () => {
  it("runs the system Chromium headless and loads a page from the static server", async () => {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    await page.goto(site.url("/"));
    await expect.poll(() => page.title()).toBe("launcher ok");
    expect(await page.textContent("#x")).toBe("hello");
    expect(site.requests.map((r) => r.url)).toContain("/");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("serves 404 for unknown paths and names a missing binary with how to install one", async () => {
    const res = await fetch(site.url("/nope.js"));
    expect(res.status).toBe(404);
    expect(() => chromiumPath({ CHROMIUM_PATH: "/nonexistent/chromium" })).toThrow(/apt-get install -y chromium/);
  });
});
