/**
 * The MSW figures of `npm run bench`: gzip size of the browser bundle of the handlers (without msw
 * itself, which the app already ships; with and without the data generator) and, in Chromium, the
 * time from worker.start() to the first answered request (median of a few page loads).
 */
import { bundleForBrowser } from "../browser-bundle.js";
import { runBrowserJourney } from "../msw/browser-journey.js";

export interface MswBenchResult {
  /** gzip -9 bytes of the minified ESM bundle of mock/msw/index.ts, msw left to the app. */
  handlersGzipBytes: number;
  handlersBytes: number;
  /** The same without the data generator (faker and mock/data/), i.e. what the rest costs. */
  withoutDataGzipBytes: number;
  withoutDataBytes: number;
  /** Everything a page loads for the journey, msw included. */
  pageGzipBytes: number;
  startMs: number[];
  firstAnswerMs: number[];
  medianStartMs: number;
  medianFirstAnswerMs: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function benchMsw(runs = 3): Promise<MswBenchResult> {
  const full = await bundleForBrowser({ entry: "mock/msw/index.ts", external: ["msw"] });
  const lean = await bundleForBrowser({ entry: "mock/msw/index.ts", external: ["msw", "@faker-js/faker", "mock/data/"] });
  const startMs: number[] = [];
  const firstAnswerMs: number[] = [];
  let pageGzipBytes = 0;
  for (let i = 0; i < runs; i++) {
    const run = await runBrowserJourney();
    if (!run.journey.ok || run.journey.startMs === undefined || run.journey.firstAnswerMs === undefined) throw new Error(`browser journey failed: ${run.journey.error ?? "no timings"}`);
    startMs.push(Math.round(run.journey.startMs * 10) / 10);
    firstAnswerMs.push(Math.round(run.journey.firstAnswerMs * 10) / 10);
    pageGzipBytes = run.bundleGzipBytes;
  }
  return {
    handlersGzipBytes: full.gzipBytes,
    handlersBytes: full.bytes,
    withoutDataGzipBytes: lean.gzipBytes,
    withoutDataBytes: lean.bytes,
    pageGzipBytes,
    startMs,
    firstAnswerMs,
    medianStartMs: median(startMs),
    medianFirstAnswerMs: median(firstAnswerMs),
  };
}
