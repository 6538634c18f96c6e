/**
 * One virtual clock per tenant (API key). Each runs at the base clock's pace plus its own offset:
 * advancing a tenant's clock moves only that tenant's time (its processing, expiries and webhook
 * retries), so one developer's contract run never expires another's sessions. Moving the base clock
 * moves every tenant at once: the explicit global move.
 */
import { createTaskQueue } from "./task-queue.js";
import { checkAdvance, reportTaskError, type Cancel, type Clock } from "./clock.js";

export interface TenantClock extends Clock {
  /** How far this tenant is ahead of the base clock, in ms. */
  offsetMs(): number;
}

export interface TenantClocks {
  /** The tenant's clock, created on first use at offset 0. */
  forTenant(tenant: string): TenantClock;
  /** The tenant's clock when it exists; reads must not allocate one per unknown key. */
  peek(tenant: string): TenantClock | undefined;
  /** The clock of a tenant whose state is loaded, at its saved offset. */
  restore(tenant: string, offsetMs: number): TenantClock;
  /** Drops a tenant's clock and its pending tasks (reset, eviction). */
  forget(tenant: string): void;
  base: Clock;
  /** Every tenant with a clock and its offset, for snapshots. */
  offsets(): Array<[string, number]>;
  count(): number;
  dispose(): void;
}

export function createTenantClocks(base: Clock, onError: (err: unknown) => void = reportTaskError): TenantClocks {
  const clocks = new Map<string, TenantClock & { dispose(): void }>();
  const make = (offset: number) => createOffsetClock(base, offset, onError);
  return {
    base,
    forTenant(tenant) {
      let c = clocks.get(tenant);
      if (!c) {
        c = make(0);
        clocks.set(tenant, c);
      }
      return c;
    },
    peek: (tenant) => clocks.get(tenant),
    restore(tenant, offsetMs) {
      clocks.get(tenant)?.dispose();
      const c = make(offsetMs);
      clocks.set(tenant, c);
      return c;
    },
    forget(tenant) {
      clocks.get(tenant)?.dispose();
      clocks.delete(tenant);
    },
    offsets: () => [...clocks].map(([k, c]) => [k, c.offsetMs()]),
    count: () => clocks.size,
    dispose() {
      for (const c of clocks.values()) c.dispose();
      clocks.clear();
    },
  };
}

/**
 * A clock `offset` ms ahead of `base`. It keeps its own task list and hands the base clock a single
 * wake-up for its earliest task, so the base (and its one timer in system mode) drives every tenant.
 */
export function createOffsetClock(base: Clock, initialOffset: number, onError: (err: unknown) => void): TenantClock & { dispose(): void } {
  let offset = initialOffset;
  const tasks = createTaskQueue(onError);
  let wake: Cancel | undefined;
  let wakeAt: number | undefined;

  const now = (): number => base.now() + offset;

  function runDue(): void {
    tasks.runDue(now);
    arm();
  }

  function arm(): void {
    const head = tasks.head();
    const at = head ? head.at - offset : undefined;
    if (at === wakeAt) return;
    wake?.();
    wake = undefined;
    wakeAt = at;
    if (at !== undefined) {
      wake = base.schedule(at, () => {
        wake = undefined;
        wakeAt = undefined;
        runDue();
      });
    }
  }

  return {
    now,
    offsetMs: () => offset,
    schedule(at, run) {
      const { task, index } = tasks.add(at, run);
      if (index === 0 && !tasks.running()) arm();
      return () => {
        if (tasks.remove(task) === 0 && !tasks.running()) arm();
      };
    },
    advance(ms) {
      const refused = checkAdvance(now(), ms);
      if (refused) throw new RangeError(refused);
      offset += ms;
      runDue();
    },
    set(at) {
      const delta = at - now();
      if (delta > 0) this.advance(delta);
    },
    pending: () => tasks.size(),
    dispose() {
      tasks.clear();
      wake?.();
      wake = undefined;
      wakeAt = undefined;
    },
  };
}
