import { snapshot } from "./delivery-records.js";
import type { DeliveryRecord } from "./types.js";

/** What the observers need to know about the queue to decide whether a waiter may go. */
export interface QueueState {
  inFlight(): number;
  active(): number;
  closed(): boolean;
}

/**
 * The hooks tests (and the control API) observe deliveries with: wait until idle, until no HTTP
 * attempt is in flight, or hear of every settled delivery.
 */
export interface Observers {
  idle(): Promise<void>;
  whenQuiet(): Promise<void>;
  onSettled(listener: (tenant: string, record: DeliveryRecord) => void): () => void;
  /** Tells every settled-listener; a throwing listener never stalls the queue. */
  announce(tenant: string, record: DeliveryRecord): void;
  /** Releases the waiters whose condition now holds; call after every change of the queue. */
  notify(): void;
}

export function createObservers(queue: QueueState): Observers {
  const settledListeners = new Set<(tenant: string, record: DeliveryRecord) => void>();
  let idleWaiters: Array<() => void> = [];
  let quietWaiters: Array<() => void> = [];
  const quiet = (): boolean => queue.inFlight() === 0 || queue.closed();
  const idle = (): boolean => queue.active() === 0 || queue.closed();

  return {
    idle() {
      if (idle()) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    whenQuiet() {
      if (quiet()) return Promise.resolve();
      return new Promise<void>((resolve) => quietWaiters.push(resolve));
    },
    onSettled(listener) {
      settledListeners.add(listener);
      return () => settledListeners.delete(listener);
    },
    announce(tenant, record) {
      for (const listener of settledListeners) {
        try {
          listener(tenant, snapshot(record));
        } catch (err) {
          // A broken listener must not stall the session queue behind this delivery; surface it anyway.
          queueMicrotask(() => {
            throw err;
          });
        }
      }
    },
    notify() {
      if (quiet()) {
        const waiters = quietWaiters;
        quietWaiters = [];
        for (const w of waiters) w();
      }
      if (idle()) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const w of waiters) w();
      }
    },
  };
}
