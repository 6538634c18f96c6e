import type { Scenarios, SessionScenario, StatementScenario } from "./scenarios.js";

/**
 * What an `x-mock-scenario` header means, decided once at the edge: a session scenario (create
 * session), a statement failure (upload), or a documented response the operation answers as is.
 */
export type ScenarioChoice =
  | { kind: "session"; scenario: SessionScenario }
  | { kind: "statement"; scenario: StatementScenario }
  | { kind: "response"; code: string };

/** Which kinds of scenario a request may name. */
export interface ScenarioScope {
  /** The operation, for the message. */
  operationId?: string;
  session?: boolean;
  statement?: boolean;
  /** Error codes the operation documents (forced responses). */
  codes?: readonly string[];
}

export type ScenarioLookup = { ok: true; choice: ScenarioChoice } | { ok: false; message: string };

/** Resolves a scenario name within a scope: domain scenarios first, then documented codes. */
export function resolveScenario(scenarios: Scenarios, name: string, scope: ScenarioScope): ScenarioLookup {
  const trimmed = name.trim();
  if (scope.session) {
    const scenario = scenarios.session(trimmed);
    if (scenario) return { ok: true, choice: { kind: "session", scenario } };
  }
  if (scope.statement) {
    const scenario = scenarios.statement(trimmed);
    if (scenario) return { ok: true, choice: { kind: "statement", scenario } };
  }
  const code = trimmed.toUpperCase();
  if (scope.codes?.includes(code)) return { ok: true, choice: { kind: "response", code } };
  return { ok: false, message: unknownScenarioMessage(scenarios, trimmed, scope) };
}

/** The one message for a scenario name that means nothing here: it lists what would. */
export function unknownScenarioMessage(scenarios: Scenarios, name: string, scope: ScenarioScope): string {
  const options: string[] = [];
  if (scope.codes) options.push(`a code this operation documents (${scope.codes.join(", ")})`);
  if (scope.session) options.push(`a session scenario (${scenarios.catalogue.session.map((s) => s.name).join(", ")})`);
  if (scope.statement) options.push(`a statement scenario (${scenarios.catalogue.statement.map((s) => s.code).join(", ")})`);
  const where = scope.operationId ? ` for ${scope.operationId}` : "";
  return `x-mock-scenario: unknown scenario ${JSON.stringify(name)}${where}. Use ${options.join(" or ")}. GET /__mock/scenarios lists them.`;
}
