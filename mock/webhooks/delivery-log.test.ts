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
