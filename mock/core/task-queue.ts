/**
 * The ordered task list behind every virtual clock (the base clock and each tenant's offset clock):
 * tasks sorted by (due time, scheduling order), run when due with a re-entrancy guard, a failing task
 * reported and never allowed to stop the others.
 */
export interface QueuedTask {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
}

export interface TaskQueue {
  /** Inserts a task; returns it and the index it landed at (0 = it is now the earliest). */
  add(at: number, run: () => void): { task: QueuedTask; index: number };
  /** Removes a task; returns the index it had, or -1 when it already ran or was removed. */
  remove(task: QueuedTask): number;
  /** Runs every task due at `now()` (re-read after each task: a task may move time). */
  runDue(now: () => number): void;
  head(): QueuedTask | undefined;
  /** True while `runDue` is running tasks. */
  running(): boolean;
  size(): number;
  clear(): void;
}

export function createTaskQueue(onError: (err: unknown) => void): TaskQueue {
  let tasks: QueuedTask[] = [];
  let seq = 0;
  let running = false;
  return {
    add(at, run) {
      const task: QueuedTask = { at, seq: seq++, run };
      // A binary search keeps scheduling O(log n) to find the slot.
      let lo = 0;
      let hi = tasks.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const t = tasks[mid] as QueuedTask;
        if (t.at < at || (t.at === at && t.seq < task.seq)) lo = mid + 1;
        else hi = mid;
      }
      tasks.splice(lo, 0, task);
      return { task, index: lo };
    },
    remove(task) {
      const i = tasks.indexOf(task);
      if (i >= 0) tasks.splice(i, 1);
      return i;
    },
    runDue(now) {
      // Re-entrancy guard: a task may schedule or advance; the outer loop picks new due tasks up.
      if (running) return;
      running = true;
      try {
        while (tasks.length > 0 && (tasks[0] as QueuedTask).at <= now()) {
          const task = tasks.shift() as QueuedTask;
          try {
            task.run();
          } catch (err) {
            // A failing task must not stop time for everyone else, nor take the server down.
            onError(err);
          }
        }
      } finally {
        running = false;
      }
    },
    head: () => tasks[0],
    running: () => running,
    size: () => tasks.length,
    clear() {
      tasks = [];
    },
  };
}
