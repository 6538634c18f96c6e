import type { DomainContext } from "./context.js";
import { fail, ok, type Result } from "./failure.js";
import { getSession } from "./queries.js";
import { completeUpload } from "./requirement.js";
import { resolveScenario } from "./scenario-choice.js";
import type { Session } from "./session.js";
import { touch } from "./transitions.js";

/** What the control API may force on a session (openapi/mock-control.yaml, transition). */
export type ControlAction =
  | { action: "expire" }
  | { action: "complete_upload" }
  | { action: "finish_processing" }
  | { action: "fail_account"; error_code: string }
  | { action: "set_scenario"; scenario: string };

export const CONTROL_ACTIONS = ["expire", "complete_upload", "finish_processing", "fail_account", "set_scenario"] as const satisfies ReadonlyArray<ControlAction["action"]>;

/** Forces a step the clock or the uploads would otherwise take; refuses what the table or phase forbids. */
export function control(ctx: DomainContext, tenant: string, sessionId: string, action: ControlAction): Result<Session> {
  const found = getSession(ctx, tenant, sessionId);
  if (!found.ok) return found;
  const s = found.value;
  const now = ctx.clockFor(tenant).now();
  switch (action.action) {
    case "expire":
      if (s.processing) return fail("INVALID_REQUEST", "expire: processing was initiated; a session only expires before processing");
      s.expiresAt = now;
      ctx.refresh(s);
      return ok(s);
    case "complete_upload":
      if (s.uploadCompletedAt !== null) return fail("INVALID_REQUEST", "complete_upload: the upload is already COMPLETED");
      if (s.expiredAt !== null) return fail("INVALID_REQUEST", "complete_upload: the session has expired");
      completeUpload(ctx, s, now, "forced through the control API");
      return ok(s);
    case "finish_processing":
      if (!s.processing) return fail("PROCESSING_NOT_REQUESTED");
      if (s.result) return fail("INVALID_REQUEST", "finish_processing: processing has already finished");
      s.processing.completesAt = now;
      ctx.refresh(s);
      return ok(s);
    case "fail_account":
      if (!ctx.messages.account.has(action.error_code)) {
        return fail("INVALID_REQUEST", `fail_account: unknown account-level code ${JSON.stringify(action.error_code)}; valid: ${[...ctx.messages.account.keys()].join(", ")}`);
      }
      if (s.result) return fail("INVALID_REQUEST", "fail_account: processing has already finished");
      s.forcedAccountFailure = action.error_code;
      touch(s);
      return ok(s);
    case "set_scenario": {
      const found = resolveScenario(ctx.scenarios, action.scenario, { session: true });
      if (!found.ok || found.choice.kind !== "session") return fail("INVALID_REQUEST", found.ok ? undefined : found.message);
      if (s.statements.length > 0) return fail("INVALID_REQUEST", "set_scenario: the session already has uploads; set the scenario before the first upload");
      s.scenario = found.choice.scenario;
      touch(s);
      return ok(s);
    }
  }
}
