import { writeFileAtomic } from "./atomic-file.js";

export interface StateSaverOptions {
  path: string;
  /** The whole state as the text to write; called at save time, not at change time. */
  render: () => string;
  /** Quiet time after the last change before writing. Default 250 ms. */
  debounceMs?: number;
  /** Longest a change waits under a steady stream of changes. Default 2000 ms. */
  maxWaitMs?: number;
  onError?: (err: unknown) => void;
}

export interface StateSaver {
  /** Notes that the state changed; a write follows once changes pause. */
  changed(): void;
  /** Writes now if anything changed since the last write, and waits for it (shutdown). */
  flush(): Promise<void>;
  /** Writes that completed, for tests and stats. */
  writes(): number;
  stop(): void;
}

/**
 * Debounced, serialised saving: never two writes at once, a burst of changes becomes one write, and
 * a change made during a write is picked up by the next one. Timers are real time and unref'd: disk
 * writes have nothing to do with the virtual clock, and must not keep the process alive.
 */
export function createStateSaver(options: StateSaverOptions): StateSaver {
  const debounceMs = options.debounceMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  const onError = options.onError ?? ((err: unknown) => console.error(`[mock] could not save state to ${options.path}:`, err));
  let dirty = false;
  let firstChangeAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let count = 0;
  let stopped = false;

  function schedule(): void {
    if (timer) clearTimeout(timer);
    const waited = Date.now() - firstChangeAt;
    timer = setTimeout(() => void save(), Math.max(0, Math.min(debounceMs, maxWaitMs - waited)));
    timer.unref();
  }

  async function save(): Promise<void> {
    timer = undefined;
    if (writing) {
      await writing;
      return dirty ? save() : undefined;
    }
    if (!dirty) return;
    dirty = false;
    writing = (async () => {
      try {
        await writeFileAtomic(options.path, options.render());
        count += 1;
      } catch (err) {
        onError(err);
      }
    })();
    await writing;
    writing = undefined;
    if (dirty && !stopped && !timer) schedule();
  }

  return {
    changed() {
      if (stopped) return;
      if (!dirty) firstChangeAt = Date.now();
      dirty = true;
      schedule();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (writing) await writing;
      if (dirty) await save();
    },
    writes: () => count,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
