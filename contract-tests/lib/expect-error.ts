import { expect } from "vitest";
import type { ApiResponse } from "./client.js";

/** Asserts the exact documented status and code, naming the request and what came back instead. */
export function expectError(res: ApiResponse<unknown>, status: number, code: string, note?: string): void {
  const what = `${note ? `${note}: ` : ""}${res.exchange.request.method} ${res.exchange.request.path} answered ${res.status} ${res.text.slice(0, 300)}`;
  expect({ status: res.status, code: res.code }, what).toEqual({ status, code });
}

/**
 * Asserts one of the documented alternatives (never stricter than the spec): e.g. the seeds' 403
 * ACCESS_DENIED or the vendor pages' 401 AUTHENTICATION_CREDENTIALS_NOT_PROVIDED. A `code` of
 * `null` stands for a body without the envelope that the spec still accepts (the bare 401 `{"detail"}`);
 * the checker has already held the body to the spec and reports such forms as drift.
 */
export function expectErrorOneOf(res: ApiResponse<unknown>, alternatives: ReadonlyArray<readonly [number, string | null]>, note?: string): void {
  const what = `${note ? `${note}: ` : ""}${res.exchange.request.method} ${res.exchange.request.path} answered ${res.status} ${res.text.slice(0, 300)}`;
  const got = [res.status, res.code ?? null] as const;
  expect(
    alternatives.some(([s, c]) => s === got[0] && c === got[1]),
    `${what}; documented: ${alternatives.map(([s, c]) => `${s} ${c ?? "(bare body)"}`).join(" or ")}`,
  ).toBe(true);
}

/** Missing or wrong credentials: the seeds' 403, or the vendor pages' 401 (enveloped or bare). */
export const CREDENTIALS_REFUSED = [
  [403, "ACCESS_DENIED"],
  [401, "AUTHENTICATION_CREDENTIALS_NOT_PROVIDED"],
  [401, null],
] as const;
