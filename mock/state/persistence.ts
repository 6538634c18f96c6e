/**
 * The mock's state in and out: one tenant as a `TenantState` (control API export/import), the whole
 * server as a `StateFile` (`--state-file`). Every document is checked before anything changes: the
 * envelope (format, version), the seed, the JSON Schema in openapi/mock-control.yaml, and what the
 * schema cannot see (scenario names, statement references). A refused document changes nothing.
 */
import type { TenantClocks } from "../core/tenant-clocks.js";
import type { Lifecycle } from "../domain/lifecycle.js";
import type { Scenarios } from "../domain/scenarios.js";
import type { Session } from "../domain/session.js";
import { bundledControlContract } from "../../openapi/lib/control-bundled.js";
import { formatIssues } from "../../openapi/lib/schemas.js";
import type { WebhookDispatcher } from "../webhooks/index.js";
import { checkEnvelope, STATE_FORMAT, STATE_VERSION, type Parsed, type StateFile, type TenantState } from "./format.js";
import { sessionFromSnapshot, sessionToSnapshot } from "./session-codec.js";

export interface StateDeps {
  seed: string;
  lifecycle: Lifecycle;
  webhooks: WebhookDispatcher;
  clocks: TenantClocks;
  scenarios: Scenarios;
}

export function exportTenant(deps: StateDeps, tenant: string): TenantState {
  const { counter, sessions } = deps.lifecycle.exportTenant(tenant);
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    api_key: tenant,
    seed: deps.seed,
    now_ms: (deps.clocks.peek(tenant) ?? deps.clocks.base).now(),
    session_counter: counter,
    sessions: sessions.map(sessionToSnapshot),
    webhooks: deps.webhooks.exportTenant(tenant),
  };
}

/** A checked tenant state, ready to apply: sessions rebuilt for `tenant`. */
export interface CheckedTenant {
  state: TenantState;
  sessions: Session[];
}

function schemaProblem(component: string, value: unknown): string | null {
  const result = bundledControlContract().schemas.validateComponent(component, value);
  return result.ok ? null : formatIssues(result.errors).slice(0, 5).join("; ");
}

export function checkTenant(deps: StateDeps, value: unknown, tenant: string, what = "the state"): Parsed<CheckedTenant> {
  const envelope = checkEnvelope(value, what);
  if (envelope) return { ok: false, message: envelope };
  const state = value as TenantState;
  if (typeof state.seed === "string" && state.seed !== deps.seed) {
    return { ok: false, message: `${what} was written by a mock with another seed; start this mock with the same --seed to load it` };
  }
  const problem = schemaProblem("TenantState", value);
  if (problem) return { ok: false, message: `${what} does not match the TenantState schema (openapi/mock-control.yaml): ${problem}` };
  const sessions: Session[] = [];
  const ids = new Set<string>();
  for (const snap of state.sessions) {
    if (ids.has(snap.id)) return { ok: false, message: `${what} holds session ${snap.id} twice` };
    ids.add(snap.id);
    const restored = sessionFromSnapshot(snap, tenant, deps.scenarios);
    if (!restored.ok) return { ok: false, message: `${what}: ${restored.message}` };
    sessions.push(restored.session);
  }
  return { ok: true, value: { state, sessions } };
}

/** Replaces the tenant's world with a checked state; its clock moves to the state's time. */
export function applyTenant(deps: StateDeps, tenant: string, checked: CheckedTenant, clockOffsetMs?: number): { sessions: number; deliveries: number } {
  deps.clocks.restore(tenant, clockOffsetMs ?? checked.state.now_ms - deps.clocks.base.now());
  deps.lifecycle.importTenant(tenant, checked.state.session_counter, checked.sessions);
  const deliveries = deps.webhooks.importTenant(tenant, checked.state.webhooks);
  return { sessions: checked.sessions.length, deliveries };
}

export function renderStateFile(deps: StateDeps, linkSecret: string): string {
  const tenants = new Set([...deps.lifecycle.tenants(), ...deps.clocks.offsets().map(([t]) => t)]);
  const file: StateFile = {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    saved_at: new Date().toISOString(),
    seed: deps.seed,
    base_now_ms: deps.clocks.base.now(),
    link_secret: linkSecret,
    tenants: [...tenants].map((t) => ({ clock_offset_ms: deps.clocks.peek(t)?.offsetMs() ?? 0, state: exportTenant(deps, t) })),
  };
  return JSON.stringify(file);
}

/** Checks a whole state file; nothing is applied unless every tenant in it is sound. */
export function checkStateFile(deps: StateDeps, text: string, path: string): Parsed<{ file: StateFile; tenants: Array<{ key: string; offset: number; checked: CheckedTenant }> }> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `${path} is not valid JSON (${(err as Error).message}); it is left as it is` };
  }
  const envelope = checkEnvelope(value, path);
  if (envelope) return { ok: false, message: `${envelope}; it is left as it is` };
  const file = value as StateFile;
  if (file.seed !== deps.seed) return { ok: false, message: `${path} was written with --seed ${JSON.stringify(file.seed)}; start with that seed, or move the file away` };
  const problem = schemaProblem("StateFile", value);
  if (problem) return { ok: false, message: `${path} does not match the StateFile schema (openapi/mock-control.yaml): ${problem}; it is left as it is` };
  const tenants: Array<{ key: string; offset: number; checked: CheckedTenant }> = [];
  for (const t of file.tenants) {
    const checked = checkTenant(deps, t.state, t.state.api_key, `${path} (tenant ${JSON.stringify(t.state.api_key)})`);
    if (!checked.ok) return { ok: false, message: `${checked.message}; the file is left as it is` };
    tenants.push({ key: t.state.api_key, offset: t.clock_offset_ms, checked: checked.value });
  }
  return { ok: true, value: { file, tenants } };
}
