import { describe, expect, it } from "vitest";
import { runBrowserJourney } from "../../scripts/msw/browser-journey.js";

describe("bankConnectHandlers in Chromium with setupWorker", () => {
  it("completes create → upload → process → insights, answered by the service worker, not the page's server", async () => {
    const { journey, serverRequests, pageErrors } = await runBrowserJourney();
    expect(journey.error).toBeUndefined();
    expect(journey.ok).toBe(true);
    expect(journey.steps.filter((s) => s.status !== 200 && s.status !== 202)).toEqual([]);
    expect(journey.steps.filter((s) => s.step === "initiate").map((s) => s.status)).toEqual([202]);
    expect(journey.uploadStatus).toBe("COMPLETED");
    expect(journey.progress).toBe("completed");
    expect(journey.accounts).toBe(1);
    expect(journey.transactions).toBeGreaterThan(10);
    // Processing really ran on the browser's timers: the domain's events reached the page's subscriber.
    expect(journey.webhookEvents).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION"]);
    expect(serverRequests.filter((r) => r.url.includes("/bank-connect"))).toEqual([]);
    expect(serverRequests.map((r) => r.url)).toContain("/mockServiceWorker.js");
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
