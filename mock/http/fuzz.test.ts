/**
 * Hostile traffic against a listening mock: at least 5,000 generated requests over every operation
 * of the spec and the control API (bodies, headers, paths, multipart). None may answer 5xx, and every
 * error must be the documented envelope with a code documented for that operation and status.
 * Seeded, so a failure replays; `npm run fuzz` runs the same property far longer.
 */
import http from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClock } from "../core/clock.js";
import { fuzzRequest, judge, seedWorld, send, type FuzzWorld } from "../testing/fuzz.js";
import { createMockServer, type Listening, type MockServer } from "./server.js";

const BATCH = 10;
const RUNS = 500;
const SEED = 13_0001;

let mock: MockServer;
let server: Listening;
let agent: http.Agent;
let world: FuzzWorld;

beforeAll(async () => {
  // Small limits so oversized bodies are cheap to send; a manual clock so nothing fires on its own.
  mock = createMockServer({
    seed: "fuzz",
    clock: createClock({ mode: "manual" }),
    jsonLimitBytes: 64 * 1024,
    uploadLimitBytes: 128 * 1024,
    webhookTimeoutMs: 50,
    webhookMaxAttempts: 2,
  });
  server = await mock.listen(0);
  agent = new http.Agent({ keepAlive: true, maxSockets: BATCH });
  world = await seedWorld(agent, new URL(server.url), ["fuzz-a", "fuzz-b", "fuzz-c"], "fuzz-hash");
});

afterAll(async () => {
  agent?.destroy();
  await mock?.close();
});

describe("fuzzing every operation with hostile input", () => {
  it("answers 5,000 hostile requests without a 5xx and with every error in the documented envelope", async () => {
    const base = new URL(server.url);
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzRequest(world), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const answers = await Promise.all(batch.map((r) => send(agent, base, r)));
        sent += batch.length;
        const problems = batch.flatMap((r, i) => judge(r, answers[i]));
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(5000);
  }, 120_000);
});
