/** Starts the project's mock in this process on a free port, with its control API on. */
import { createClock } from "../../mock/core/clock.js";
import { createMockServer } from "../../mock/http/server.js";

export interface InProcessMock {
  /** Spec-style server URL: `http://127.0.0.1:PORT/bank-connect`. */
  baseUrl: string;
  close(): Promise<void>;
}

export async function startInProcessMock(): Promise<InProcessMock> {
  // A manual clock: time moves only when the suite says so, so no window (processing, TTL) can
  // close between two requests on a slow machine.
  const server = createMockServer({ control: true, seed: "contract-tests", clock: createClock({ mode: "manual" }) });
  const listening = await server.listen(0, "127.0.0.1");
  return {
    baseUrl: `${listening.url}/bank-connect`,
    close: async () => {
      await listening.close();
      await server.close();
    },
  };
}
