/**
 * `bankconnect-mock trigger <event|transition> --session ID`: fires a webhook event or forces a
 * transition on a session of a running mock, through its control API, and says what happened.
 */
import { controlRequest, resolveControlTarget } from "./control-client.js";
import { UsageError } from "./options.js";

export const TRIGGER_EVENTS = ["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION", "SESSION_EXPIRY_NOTIFICATION"] as const;
export const TRIGGER_TRANSITIONS = ["expire", "complete_upload", "finish_processing", "fail_account", "set_scenario"] as const;

export interface TriggerValues {
  session?: string;
  errorCode?: string;
  scenario?: string;
  url?: string;
  apiKey?: string;
  json?: boolean;
}

export type TriggerRequest =
  | { kind: "event"; path: string; event: (typeof TRIGGER_EVENTS)[number] }
  | { kind: "transition"; path: string; body: { action: (typeof TRIGGER_TRANSITIONS)[number]; error_code?: string; scenario?: string } };

/** What to send for `name`: event names in any case, transitions with `_` or `-`. */
export function triggerRequest(name: string, values: TriggerValues): TriggerRequest {
  const session = values.session?.trim();
  if (!session) throw new UsageError("--session <id> is required: the session_id the event or transition applies to");
  const base = `/sessions/${encodeURIComponent(session)}`;
  const event = TRIGGER_EVENTS.find((e) => e === name.trim().toUpperCase());
  if (event) return { kind: "event", path: `${base}/webhooks/${event}`, event };
  const action = TRIGGER_TRANSITIONS.find((t) => t === name.trim().toLowerCase().replaceAll("-", "_"));
  if (!action) {
    throw new UsageError(`unknown event or transition ${JSON.stringify(name)}; events: ${TRIGGER_EVENTS.join(", ")}; transitions: ${TRIGGER_TRANSITIONS.join(", ")}`);
  }
  if (action === "fail_account" && !values.errorCode) throw new UsageError("fail_account needs --error-code CODE (an account-level code, e.g. BALANCE_MISMATCH)");
  if (action === "set_scenario" && !values.scenario) throw new UsageError("set_scenario needs --scenario NAME (see `bankconnect-mock scenarios`)");
  return {
    kind: "transition",
    path: `${base}/transition`,
    body: {
      action,
      ...(action === "fail_account" ? { error_code: values.errorCode as string } : {}),
      ...(action === "set_scenario" ? { scenario: values.scenario as string } : {}),
    },
  };
}

interface SessionDetail {
  session_id: string;
  phase: string;
  upload_status: string;
  scenario: string;
  transitions: Array<{ at: string; from: string; to: string; cause: string }>;
}

interface FiredEvent {
  validation: { ok: boolean; errors?: string[] };
  delivery: { delivery_id: string; status: string; url: string } | null;
}

export async function runTrigger(name: string, values: TriggerValues, env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<void> {
  const request = triggerRequest(name, values);
  const target = resolveControlTarget(values, env);
  if (request.kind === "event") {
    const fired = await controlRequest<FiredEvent>(target, "POST", request.path);
    if (values.json) return out(JSON.stringify(fired, null, 2));
    const { validation } = fired;
    out(`${request.event} for session ${values.session}: payload ${validation.ok ? "valid against the spec" : `INVALID, not sent: ${(validation.errors ?? []).join("; ")}`}`);
    out(fired.delivery ? `  delivery ${fired.delivery.delivery_id} → ${fired.delivery.url} (${fired.delivery.status}); follow it with \`bankconnect-mock deliveries --follow\`` : "  not sent: this API key has no webhook URL subscribed to the event (update_webhook)");
    return;
  }
  const session = await controlRequest<SessionDetail>(target, "POST", request.path, request.body);
  if (values.json) return out(JSON.stringify(session, null, 2));
  const last = session.transitions.at(-1);
  out(`${request.body.action} on session ${session.session_id}: phase ${session.phase}, upload_status ${session.upload_status}, scenario ${session.scenario}`);
  if (last) out(`  last transition: ${last.from} → ${last.to} (${last.cause}) at ${last.at}`);
}
