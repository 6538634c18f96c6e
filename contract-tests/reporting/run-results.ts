/** The outcome of one suite run as data: what run.ts writes, and what self-check and parity read. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { LogLine } from "../lib/recorder.js";

export type TestState = "passed" | "failed" | "skipped" | "pending";

export interface TestOutcome {
  file: string;
  name: string;
  state: TestState;
  /** The reason given to `ctx.skip`, when skipped. */
  note: string | undefined;
  /** First lines of each error, for the summary. */
  errors: string[];
  durationMs: number;
}

export interface TargetInfo {
  baseUrl: string;
  inProcess: boolean;
  mockControl: string | null;
  sessionCap: number | null;
}

export interface RunResults {
  target: TargetInfo | null;
  startedAt: string;
  durationMs: number;
  counts: Record<TestState, number>;
  unhandledErrors: string[];
  tests: TestOutcome[];
}

export const RESULTS_FILE = "results.json";
export const EXCHANGES_DIR = "exchanges";
export const TARGETS_DIR = "targets";

export function readResults(reportDir: string): RunResults {
  return JSON.parse(readFileSync(join(reportDir, RESULTS_FILE), "utf8")) as RunResults;
}

/** Every exchange the workers logged, in file then sequence order. */
export function readExchangeLog(reportDir: string): LogLine[] {
  const dir = join(reportDir, EXCHANGES_DIR);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort();
  } catch {
    return [];
  }
  return files.flatMap((f) =>
    readFileSync(join(dir, f), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as LogLine),
  );
}

/** What the workers found out about the target (each worker writes one; they agree). */
export function readTargetInfo(reportDir: string): TargetInfo | null {
  const dir = join(reportDir, TARGETS_DIR);
  try {
    const first = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()[0];
    return first ? (JSON.parse(readFileSync(join(dir, first), "utf8")) as TargetInfo) : null;
  } catch {
    return null;
  }
}
