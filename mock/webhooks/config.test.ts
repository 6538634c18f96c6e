import { describe, expect, it } from "vitest";
import { validateWebhookConfig } from "./config.js";
import { WEBHOOK_EVENTS } from "./events.js";

describe("update_webhook config validation", () => {
  it("accepts the documented request and normalises a missing secret to null", () => {
    expect(validateWebhookConfig({ webhook_url: "https://postman-echo.com/post", webhook_mode: ["ENRICHMENT_NOTIFICATION"] })).toEqual({
      ok: true,
      config: { webhook_url: "https://postman-echo.com/post", webhook_mode: ["ENRICHMENT_NOTIFICATION"], secret: null },
    });
  });

  it("exports exactly the three documented event names", () => {
    expect([...WEBHOOK_EVENTS].sort()).toEqual([
      "ENRICHMENT_NOTIFICATION",
      "SESSION_EXPIRY_NOTIFICATION",
      "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION",
    ]);
  });

  it.each([["ftp://example.com/hook"], ["javascript:alert(1)"], ["not a url"], [""], [42]])(
    "rejects webhook_url %j as data, not an exception",
    (url) => {
      const result = validateWebhookConfig({ webhook_url: url, webhook_mode: [] });
      expect(result).toMatchObject({ ok: false, field: "webhook_url" });
      if (!result.ok) expect(result.message).not.toBe("");
    },
  );

  it("rejects an unknown event name and names it in the message", () => {
    const result = validateWebhookConfig({ webhook_url: "http://localhost/x", webhook_mode: ["ENRICHMENT_NOTIFICATION", "UPLOAD_DONE"] });
    expect(result).toMatchObject({ ok: false, field: "webhook_mode" });
    if (!result.ok) expect(result.message).toContain("UPLOAD_DONE");
  });

  it("rejects a webhook_mode that is not a list (the vendor page's integer form)", () => {
    expect(validateWebhookConfig({ webhook_url: "http://localhost/x", webhook_mode: 1 })).toMatchObject({ ok: false, field: "webhook_mode" });
  });

  it("de-duplicates repeated modes", () => {
    const result = validateWebhookConfig({
      webhook_url: "http://localhost/x",
      webhook_mode: ["ENRICHMENT_NOTIFICATION", "ENRICHMENT_NOTIFICATION"],
    });
    expect(result.ok && result.config.webhook_mode).toEqual(["ENRICHMENT_NOTIFICATION"]);
  });

  it("rejects a secret that could not be sent as a header", () => {
    expect(validateWebhookConfig({ webhook_url: "http://localhost/x", webhook_mode: [], secret: "a\r\nb" })).toMatchObject({
      ok: false,
      field: "secret",
    });
  });
});
