/**
 * `bankconnect-mock deliveries [--follow]`: the webhook delivery log of a running mock, oldest
 * first, one line per delivery; with --follow it keeps polling and prints each new delivery and
 * each change of status or attempts, like `tail -f`.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { controlRequest, resolveControlTarget } from "./control-client.js";
import { UsageError } from "./options.js";

export interface DeliveriesValues {
  session?: string;
  limit?: string;
  follow?: boolean;
  interval?: string;
  url?: string;
  apiKey?: string;
  json?: boolean;
}

interface Attempt {
  attempt: number;
  at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}

export interface DeliveryView {
  delivery_id: string;
  event_name: string;
  session_id: string;
  url: string;
  status: string;
  attempts: Attempt[];
  next_attempt_at: string | null;
  created_at: string;
  errors?: string[];
}

/** One line a person can scan: when, what, for which session, where it went, how it went. */
export function formatDelivery(d: DeliveryView): string {
  const last = d.attempts.at(-1);
  const outcome = last ? `attempt ${last.attempt}: ${last.status_code ?? last.error ?? "no answer"}${last.status_code !== null ? ` in ${Math.round(last.latency_ms)} ms` : ""}` : "no attempt yet";
  const next = d.status === "retrying" && d.next_attempt_at ? `, next at ${d.next_attempt_at}` : "";
  const invalid = d.status === "invalid" && d.errors?.length ? ` (${d.errors.join("; ")})` : "";
  return `${d.created_at}  ${d.status.padEnd(9)}  ${d.event_name}  session ${d.session_id}  ${d.delivery_id} → ${d.url}  [${outcome}${next}]${invalid}`;
}

function positiveInt(flag: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${flag} must be an integer from 1 to ${max}; got ${JSON.stringify(text)}`);
  return n;
}

export async function runDeliveries(values: DeliveriesValues, env: NodeJS.ProcessEnv, out: (line: string) => void, signal?: AbortSignal): Promise<void> {
  const limit = positiveInt("limit", values.limit, 100, 1000);
  const intervalMs = positiveInt("interval", values.interval, 1000, 60_000);
  const target = resolveControlTarget(values, env);
  const query = new URLSearchParams({ limit: String(limit), ...(values.session ? { session_id: values.session } : {}) });
  const seen = new Map<string, string>();
  let first = true;
  for (;;) {
    const { deliveries } = await controlRequest<{ deliveries: DeliveryView[] }>(target, "GET", `/webhooks/deliveries?${query}`);
    const oldestFirst = [...deliveries].reverse();
    // Forget deliveries that left the window, so a long --follow keeps a bounded map.
    const current = new Set(deliveries.map((d) => d.delivery_id));
    for (const id of seen.keys()) if (!current.has(id)) seen.delete(id);
    for (const d of oldestFirst) {
      // A delivery is printed again only when something a reader cares about changed.
      const state = `${d.status}/${d.attempts.length}`;
      if (seen.get(d.delivery_id) === state) continue;
      seen.set(d.delivery_id, state);
      out(values.json ? JSON.stringify(d) : formatDelivery(d));
    }
    if (first && !values.follow && oldestFirst.length === 0) out(values.session ? `no deliveries for session ${values.session}` : "no deliveries yet");
    if (first && values.follow && !values.json) out(`following ${target.origin}/__mock/webhooks/deliveries every ${intervalMs} ms (Ctrl-C to stop)`);
    first = false;
    if (!values.follow) return;
    try {
      await sleep(intervalMs, undefined, { signal });
    } catch {
      return; // aborted: the user stopped following
    }
  }
}
