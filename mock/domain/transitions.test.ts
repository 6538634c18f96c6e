import { describe, expect, it } from "vitest";
import type { Phase, Session } from "./session.js";
import { ALLOWED_TRANSITIONS, canTransition, transition } from "./transitions.js";

const PHASES: Phase[] = ["NO_UPLOAD", "IN_PROGRESS", "COMPLETED", "EXPIRED", "PROCESSING", "PROCESSED", "DELETED"];

function sessionIn(phase: Phase): Session {
  return { id: "s", phase, transitions: [], version: 0 } as unknown as Session;
}

describe("the transition table", () => {
  it("lets every live phase be deleted and nothing leave DELETED", () => {
    for (const p of PHASES) expect(canTransition(p, "DELETED")).toBe(p !== "DELETED");
    expect(ALLOWED_TRANSITIONS.DELETED).toEqual([]);
  });

  it("never moves processing backwards or expires a processed session", () => {
    expect(canTransition("PROCESSING", "COMPLETED")).toBe(false);
    expect(canTransition("PROCESSED", "PROCESSING")).toBe(false);
    expect(canTransition("PROCESSING", "EXPIRED")).toBe(false);
    expect(canTransition("IN_PROGRESS", "PROCESSING")).toBe(false);
  });

  it("records an allowed move with its cause and bumps the version", () => {
    const s = sessionIn("IN_PROGRESS");
    transition(s, "COMPLETED", "test", Date.UTC(2024, 0, 1));
    expect(s.phase).toBe("COMPLETED");
    expect(s.version).toBe(1);
    expect(s.transitions).toEqual([{ at: "2024-01-01T00:00:00.000Z", from: "IN_PROGRESS", to: "COMPLETED", cause: "test" }]);
  });

  it("throws on a move the table forbids and leaves the session as it was", () => {
    const s = sessionIn("PROCESSED");
    expect(() => transition(s, "EXPIRED", "test", 0)).toThrow(/illegal transition PROCESSED → EXPIRED/);
    expect(s.phase).toBe("PROCESSED");
    expect(s.transitions).toEqual([]);
    expect(s.version).toBe(0);
  });
});
