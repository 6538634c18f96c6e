import { afterEach, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("webhook receiver", () => {
  it("keeps deliveries per session in arrival order, with their headers", async () => {
    receiver = await startWebhookReceiver();
    await post(receiver.url, { session_id: "a", event_name: "ONE" }, { "x-secret-key": "s" });
    await post(receiver.url, { session_id: "b", event_name: "OTHER" });
    await post(receiver.url, { session_id: "a", event_name: "TWO" });
    const mine = receiver.forSession("a");
    expect(mine.map((d) => (d.json as { event_name: string }).event_name)).toEqual(["ONE", "TWO"]);
    expect(mine[0].headers["x-secret-key"]).toBe("s");
  });

  it("resolves a wait as soon as the deliveries satisfy it", async () => {
    receiver = await startWebhookReceiver();
    const url = receiver.url;
    const waiting = receiver.waitFor("a", (ds) => ds.length === 2, 5_000);
    await post(url, { session_id: "a" });
    await post(url, { session_id: "a" });
    await expect(waiting).resolves.toHaveLength(2);
  });

  it("rejects a wait at its deadline, naming what did arrive", async () => {
    receiver = await startWebhookReceiver();
    await post(receiver.url, { session_id: "a", event_name: "ONLY" });
    await expect(receiver.waitFor("a", (ds) => ds.length === 2, 50)).rejects.toThrow(/received ONLY/);
  });

  it("advertises the public URL override instead of its local address", async () => {
    receiver = await startWebhookReceiver({ publicUrl: "https://hooks.example.com/x" });
    expect(receiver.url).toBe("https://hooks.example.com/x");
    expect(receiver.localUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks$/);
  });
});
