import { describe, expect, it } from "vitest";
import { createClock, MAX_VIRTUAL_TIME } from "./clock.js";
import { createTenantClocks } from "./tenant-clocks.js";

const setup = () => {
  const errors: unknown[] = [];
  const base = createClock({ mode: "manual", onError: (e) => errors.push(e) });
  return { base, clocks: createTenantClocks(base, (e) => errors.push(e)), errors };
};

describe("per-tenant clocks (issue 13, defect 6)", () => {
  it("advancing one tenant's clock moves only that tenant's time and runs only its tasks", () => {
    const { base, clocks } = setup();
    const a = clocks.forTenant("a");
    const b = clocks.forTenant("b");
    const ran: string[] = [];
    a.schedule(a.now() + 1000, () => ran.push("a"));
    b.schedule(b.now() + 1000, () => ran.push("b"));
    a.advance(1000);
    expect(ran).toEqual(["a"]);
    expect(a.now()).toBe(base.now() + 1000);
    expect(b.now()).toBe(base.now());
    expect(b.pending()).toBe(1);
  });

  it("moving the base clock moves every tenant and runs their due tasks in time order", () => {
    const { base, clocks } = setup();
    const a = clocks.forTenant("a");
    const b = clocks.forTenant("b");
    a.advance(500);
    const ran: string[] = [];
    a.schedule(a.now() + 1000, () => ran.push("a+1000"));
    b.schedule(b.now() + 200, () => ran.push("b+200"));
    b.schedule(b.now() + 5000, () => ran.push("b+5000"));
    base.advance(1000);
    expect(ran).toEqual(["b+200", "a+1000"]);
    base.advance(4000);
    expect(ran).toEqual(["b+200", "a+1000", "b+5000"]);
  });

  it("a tenant's task scheduled earlier than its current head re-arms the wake-up", () => {
    const { base, clocks } = setup();
    const a = clocks.forTenant("a");
    const ran: number[] = [];
    a.schedule(a.now() + 5000, () => ran.push(5000));
    a.schedule(a.now() + 100, () => ran.push(100));
    base.advance(100);
    expect(ran).toEqual([100]);
    expect(base.pending()).toBe(1);
  });

  it("a cancelled task never runs and leaves no wake-up behind", () => {
    const { base, clocks } = setup();
    const a = clocks.forTenant("a");
    const cancel = a.schedule(a.now() + 10, () => {
      throw new Error("must not run");
    });
    cancel();
    expect(base.pending()).toBe(0);
    base.advance(100);
  });

  it("restore puts a tenant back at its saved offset; forget drops its tasks", () => {
    const { clocks, base } = setup();
    const a = clocks.restore("a", 60_000);
    expect(a.now()).toBe(base.now() + 60_000);
    a.schedule(a.now() + 1, () => {});
    clocks.forget("a");
    expect(base.pending()).toBe(0);
    expect(clocks.peek("a")).toBeUndefined();
  });
});

describe("a failing clock task never takes the server down (issue 13, defect 1)", () => {
  it("reports the error and still runs the tasks after it, on the base clock", () => {
    const { base, errors } = setup();
    const ran: string[] = [];
    base.schedule(base.now() + 1, () => {
      throw new RangeError("Invalid time value");
    });
    base.schedule(base.now() + 2, () => ran.push("after"));
    base.advance(10);
    expect(errors).toHaveLength(1);
    expect(ran).toEqual(["after"]);
  });

  it("reports the error and still runs the tasks after it, on a tenant clock", () => {
    const { clocks, errors } = setup();
    const a = clocks.forTenant("a");
    const ran: string[] = [];
    a.schedule(a.now() + 1, () => {
      throw new Error("boom");
    });
    a.schedule(a.now() + 2, () => ran.push("after"));
    a.advance(10);
    expect(errors).toHaveLength(1);
    expect(ran).toEqual(["after"]);
  });

  it("refuses to move past the end of year 9999 and leaves time where it was", () => {
    const { base, clocks } = setup();
    const a = clocks.forTenant("a");
    const before = a.now();
    expect(() => a.advance(MAX_VIRTUAL_TIME)).toThrow(/ceiling/);
    expect(() => base.advance(MAX_VIRTUAL_TIME)).toThrow(/ceiling/);
    expect(a.now()).toBe(before);
  });
});
