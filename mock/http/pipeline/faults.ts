import { exampleReply, plainError, type HttpReply } from "../errors.js";
import { header } from "../plain.js";
import type { Step } from "./context.js";

const MAX_DELAY_MS = 60_000;

/**
 * Faults come first: they simulate the network and the server, before any logic. A delay
 * (`x-mock-delay-ms` or the configured one), then a forced 5XX or a dropped connection
 * (`x-mock-fault`, or the configured failure share).
 */
export const faults: Step = async (ctx, deps) => {
  const { req, op } = ctx;
  const configured = deps.resolved.faults;
  const delayHeader = header(req, "x-mock-delay-ms");
  const faultHeader = header(req, "x-mock-fault");
  if (configured.delayMs === 0 && configured.failureRate === 0 && delayHeader === undefined && faultHeader === undefined) return "continue";

  let delay = configured.delayMs;
  if (delayHeader !== undefined) {
    const n = Number(delayHeader);
    if (!Number.isInteger(n) || n < 0 || n > MAX_DELAY_MS) {
      return plainError(400, "INVALID_REQUEST", `x-mock-delay-ms must be an integer from 0 to ${MAX_DELAY_MS}; got ${JSON.stringify(delayHeader)}.`);
    }
    delay = n;
  }
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const named = faultHeader?.trim().toLowerCase();
  let fault = named;
  if (fault === undefined && configured.failureRate > 0 && deps.faultRandom() < configured.failureRate) fault = String(configured.failureStatus);
  if (fault === undefined) return "continue";
  if (fault === "drop" || fault === "reset") {
    ctx.note.errorCode = "FAULT_DROP";
    return "drop";
  }
  const status = Number(fault);
  const code = status === 500 ? "INTERNAL_SERVER_ERROR" : status === 504 ? "GATEWAY_TIMEOUT" : status === 503 ? "SERVICE_UNAVAILABLE" : undefined;
  if (!code) return plainError(400, "INVALID_REQUEST", `x-mock-fault must be 500, 503, 504, drop or reset; got ${JSON.stringify(named)}.`);
  const forced = exampleReply(op, code) as HttpReply;
  return { ...forced, status, headers: status === 503 ? { "retry-after": "1" } : {} };
};
