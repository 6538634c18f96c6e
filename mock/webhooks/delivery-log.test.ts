import { describe, expect, it } from "vitest";
import { RingLog } from "./delivery-log.js";

describe("bounded delivery log", () => {
  it("evicts the oldest entry and its id index once full", () => {
    const log = new RingLog<{ delivery_id: string }>(2);
    for (const id of ["a", "b", "c"]) log.push({ delivery_id: id });
    expect([...log.newestFirst()].map((x) => x.delivery_id)).toEqual(["c", "b"]);
    expect(log.get("a")).toBeUndefined();
    expect(log.get("b")).toEqual({ delivery_id: "b" });
    expect(log.size).toBe(2);
  });
});

describe("delivery log allocation (issue 13, defect 5)", () => {
  it("allocates slots as deliveries arrive, not the whole capacity up front", () => {
    const log = new RingLog<{ delivery_id: string }>(1000);
    expect(log.allocated).toBe(0);
    log.push({ delivery_id: "a" });
    expect(log.allocated).toBe(1);
    for (let i = 0; i < 1500; i++) log.push({ delivery_id: `d${i}` });
    expect(log.allocated).toBe(1000);
    expect(log.size).toBe(1000);
    expect([...log.newestFirst()][0].delivery_id).toBe("d1499");
    expect(log.get("d500")).toBeDefined();
    expect(log.get("d499")).toBeUndefined();
  });
});
