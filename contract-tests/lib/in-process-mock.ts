/**
 * The kit's one door into the project's mock, which it uses as one target among others: every
 * import of `mock/` from `contract-tests/` goes through this file (`scripts/import-boundaries.test.ts`
 * holds it to that), so the suite stays runnable against any server.
 */
import { createClock } from "../../mock/core/clock.js";
import { createMockServer } from "../../mock/http/server.js";

// Self-check runs several mocks in one process and warms the PDF reader once before them.
export { loadPdfjs } from "../../mock/pdf/read.js";

export interface InProcessMock {
  /** Spec-style server URL: `http://127.0.0.1:PORT/bank-connect`. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the project's mock in this process on a free port, with its control API on. */
export async function startInProcessMock(options: { seed?: string } = {}): Promise<InProcessMock> {
  // A manual clock: time moves only when the suite says so, so no window (processing, TTL) can
  // close between two requests on a slow machine.
  const server = createMockServer({ control: true, seed: options.seed ?? "contract-tests", clock: createClock({ mode: "manual" }) });
  const listening = await server.listen(0, "127.0.0.1");
  return {
    baseUrl: `${listening.url}/bank-connect`,
    close: async () => {
      await listening.close();
      await server.close();
    },
  };
}

/** The mock's MSW handlers, loaded on demand so a suite run over HTTP never loads msw. */
export async function loadMswHandlers(): Promise<typeof import("../../mock/msw/index.js").bankConnectHandlers> {
  return (await import("../../mock/msw/index.js")).bankConnectHandlers;
}
