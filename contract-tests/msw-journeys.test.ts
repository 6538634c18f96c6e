/**
 * The contract suite's core journeys, unchanged, against the MSW handlers under `setupServer`: no
 * socket is opened; every request the suite makes (its client, its control probe, its pdf_url
 * downloads through fetch) is answered by bankConnectHandlers in this process. The origin does not
 * exist, and unhandled requests are errors, so nothing here can reach a real server by accident.
 */
import { setupServer } from "msw/node";
import { afterAll, describe, expect, it } from "vitest";
import { loadMswHandlers } from "./lib/in-process-mock.js";

const ORIGIN = "http://bankconnect.msw.invalid";
const bankConnectHandlers = await loadMswHandlers();
const handlers = bankConnectHandlers({ seed: "contract-msw", clock: "manual", baseUrl: ORIGIN });
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: "error" });
const previous = process.env.BANKCONNECT_BASE_URL;
process.env.BANKCONNECT_BASE_URL = `${ORIGIN}/bank-connect`;

afterAll(async () => {
  server.close();
  await handlers.mock.close();
  if (previous === undefined) delete process.env.BANKCONNECT_BASE_URL;
  else process.env.BANKCONNECT_BASE_URL = previous;
});

// The suite's files register their tests (and their own hooks) when imported.
await import("./suite/seed-scenarios.test.js");
await import("./suite/illegal-transitions.test.js");
await import("./suite/polling-rules.test.js");
await import("./suite/processing-failures.test.js");

describe("the suite above", () => {
  it("ran on these handlers: its sessions and requests are in this mock's state", () => {
    expect(handlers.mock.core.lifecycle.sessionCount()).toBeGreaterThanOrEqual(15);
    expect(handlers.mock.core.journal.size()).toBeGreaterThan(100);
  });
});
