/**
 * Time for the whole mock. Every module asks this clock for "now" and schedules future work on it,
 * so tests can move time forward instead of sleeping, and the control API can do the same on a
 * running server.
 *
 * Two modes share one implementation:
 * - `manual`: time moves only when `advance()` or `set()` is called (tests).
 * - `system`: time is wall-clock time plus an offset; `advance()` adds to the offset, and scheduled
 *   tasks also fire on their own through a single unref'd timer (the running server).
 */

import { createTaskQueue } from "./task-queue.js";

export type Cancel = () => void;

export interface Clock {
  /** Milliseconds since the epoch, virtual. */
  now(): number;
  /** Runs `task` once `now() >= at`. Tasks due at the same time run in the order scheduled. */
  schedule(at: number, task: () => void): Cancel;
  /** Moves time forward by `ms` (>= 0) and runs every task that became due, in time order. */
  advance(ms: number): void;
  /** Moves time to `at` (never backwards) and runs what became due. */
  set(at: number): void;
  /** Tasks not yet run. */
  pending(): number;
  /** Drops every pending task and stops the wall-clock timer (shutdown). */
  dispose(): void;
}

export interface ClockOptions {
  mode: "manual" | "system";
  /** Where a task that throws is reported. Default: console.error. It never stops the clock or the process. */
  onError?: (err: unknown) => void;
  /** Start time for manual mode (ms since epoch). Default: 2024-04-16T07:47:42Z, a date from the seed docs. */
  start?: number;
}

export const DEFAULT_MANUAL_START = Date.UTC(2024, 3, 16, 7, 47, 42);

/**
 * No virtual time goes past the end of year 9999: every date the mock prints stays a four-digit
 * ISO year, and `new Date(t).toISOString()` can never throw on a time the clock reached.
 */
export const MAX_VIRTUAL_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export const reportTaskError = (err: unknown): void => {
  console.error("[mock] a scheduled task failed (the clock carries on):", err);
};

/** Checks an advance before anything moves; the message says what to send instead. */
export function checkAdvance(now: number, ms: number): string | null {
  if (!Number.isFinite(ms) || ms < 0) return `advance needs a non-negative number of ms, got ${ms}`;
  if (now + ms > MAX_VIRTUAL_TIME) return `advancing ${ms} ms from ${new Date(now).toISOString()} would pass the clock's ceiling ${new Date(MAX_VIRTUAL_TIME).toISOString()}`;
  return null;
}

export function createClock(options: ClockOptions): Clock {
  const manual = options.mode === "manual";
  const onError = options.onError ?? reportTaskError;
  let offset = 0;
  let manualNow = options.start ?? DEFAULT_MANUAL_START;
  const tasks = createTaskQueue(onError);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const now = (): number => (manual ? manualNow : Date.now() + offset);

  function runDue(): void {
    tasks.runDue(now);
    arm();
  }

  function arm(): void {
    if (manual) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    const head = tasks.head();
    if (!head) return;
    const delay = Math.max(0, Math.min(head.at - now(), 2 ** 31 - 1));
    timer = setTimeout(runDue, delay);
    // In Node the timer must not keep the process alive; browsers have no unref (and no process).
    (timer as { unref?: () => void }).unref?.();
  }

  return {
    now,
    schedule(at, run) {
      const { task, index } = tasks.add(at, run);
      if (at <= now() && !tasks.running()) {
        // Due already: run on the next tick rather than inside the caller's stack.
        queueMicrotask(runDue);
      } else if (index === 0) {
        arm();
      }
      return () => {
        tasks.remove(task);
      };
    },
    advance(ms) {
      const refused = checkAdvance(now(), ms);
      if (refused) throw new RangeError(refused);
      if (manual) manualNow += ms;
      else offset += ms;
      runDue();
    },
    set(at) {
      const delta = at - now();
      if (delta > 0) this.advance(delta);
    },
    pending: () => tasks.size(),
    dispose() {
      tasks.clear();
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
