// @vitest-environment jsdom
/**
 * A component test's world: vitest's jsdom environment (jsdom's window and document), the handlers
 * under setupServer. The statement goes as `upload_type=BASE64` text: in this environment a File put
 * in a FormData loses its bytes on the way into fetch (jsdom/jsdom#3800, vitest-dev/vitest#7080),
 * for any fetch, mocked or not, and the mock rightly answers that empty part INVALID_FILE_OBJECT.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bankConnectHandlers } from "./index.js";

const KEY = "jsdom-key";
const AUTH = { "x-api-key": KEY, "server-hash": "jsdom-hash" };
const handlers = bankConnectHandlers({ seed: "jsdom", clock: "manual", baseUrl: "https://apis.bankconnect.finbox.in" });
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(async () => {
  server.close();
  await handlers.mock.close();
});

describe("bankConnectHandlers in vitest's jsdom environment", () => {
  it("runs in a DOM: create → upload (Base64 form field) → process → insights", async () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe("object");
    const base = "https://apis.bankconnect.finbox.in/bank-connect/v1";
    const created = await fetch(`${base}/session/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ link_id: "jsdom", api_key: KEY, from_date: "01/01/2024", to_date: "31/03/2024" }),
    });
    expect(created.status).toBe(200);
    const sid = ((await created.json()) as { session_id: string }).session_id;

    const form = new FormData();
    form.set("session_id", sid);
    form.set("upload_type", "BASE64");
    form.set("bank_name", "sbi");
    form.set("file", btoa("%PDF-1.4\n% jsdom statement\n/Font /F1\n%%EOF\n"));
    const uploaded = await fetch(`${base}/statement/upload_session/`, { method: "POST", headers: AUTH, body: form });
    expect(uploaded.status, await uploaded.clone().text()).toBe(200);
    expect(((await uploaded.json()) as { bank_name?: string; session_id: string }).session_id).toBe(sid);

    expect((await fetch(`${base}/session_data/${sid}/initiate_processing/`, { method: "POST", headers: AUTH })).status).toBe(202);
    handlers.mock.advanceClock(3_000);
    const insights = await fetch(`${base}/session_data/${sid}/insights/`, { headers: AUTH });
    expect(insights.status).toBe(200);
    expect(((await insights.json()) as { accounts: Array<{ data: { account_details: { bank: string } } }> }).accounts[0].data.account_details.bank).toBe("sbi");
  });
});
