import { exampleReply, plainError, type HttpReply } from "../errors.js";
import type { Step } from "./context.js";

const MAX_DELAY_MS = 60_000;

/**
 * Faults come first: they simulate the network and the server, before any logic. A delay
 * (`x-mock-delay-ms` or the configured one), then a forced 5XX or a dropped connection
 * (`x-mock-fault`, or the configured failure share).
 */
export const faults: Step = async (ctx, deps) => {
  const { req, res, op } = ctx;
  const configured = deps.resolved.faults;
  const delayHeader = req.headers["x-mock-delay-ms"];
  const faultHeader = req.headers["x-mock-fault"];
  if (configured.delayMs === 0 && configured.failureRate === 0 && delayHeader === undefined && faultHeader === undefined) return "continue";

  let delay = configured.delayMs;
  if (typeof delayHeader === "string") {
    const n = Number(delayHeader);
    if (!Number.isInteger(n) || n < 0 || n > MAX_DELAY_MS) {
      return plainError(400, "INVALID_REQUEST", `x-mock-delay-ms must be an integer from 0 to ${MAX_DELAY_MS}; got ${JSON.stringify(delayHeader)}.`);
    }
    delay = n;
  }
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const named = typeof faultHeader === "string" ? faultHeader.trim().toLowerCase() : undefined;
  let fault = named;
  if (fault === undefined && configured.failureRate > 0 && deps.faultRandom() < configured.failureRate) fault = String(configured.failureStatus);
  if (fault === undefined) return "continue";
  if (fault === "drop" || fault === "reset") {
    req.resume();
    res.locals.errorCode = "FAULT_DROP";
    req.socket.destroy();
    return "done";
  }
  const status = Number(fault);
  const code = status === 500 ? "INTERNAL_SERVER_ERROR" : status === 504 ? "GATEWAY_TIMEOUT" : status === 503 ? "SERVICE_UNAVAILABLE" : undefined;
  if (!code) return plainError(400, "INVALID_REQUEST", `x-mock-fault must be 500, 503, 504, drop or reset; got ${JSON.stringify(named)}.`);
  const forced = exampleReply(op, code) as HttpReply;
  return { ...forced, status, headers: status === 503 ? { "retry-after": "1" } : {} };
};
