import { expect } from "vitest";
import type { ApiResponse } from "./client.js";

/** Asserts the exact documented status and code, naming the request and what came back instead. */
export function expectError(res: ApiResponse<unknown>, status: number, code: string, note?: string): void {
  const what = `${note ? `${note}: ` : ""}${res.exchange.request.method} ${res.exchange.request.path} answered ${res.status} ${res.text.slice(0, 300)}`;
  expect({ status: res.status, code: res.code }, what).toEqual({ status, code });
}
