import shipped from "../../fixtures/scenarios/catalogue.json" with { type: "json" };

export type SessionScenarioKind = "journey" | "fraud" | "account_failure";
export type StatementPhase = "upload" | "extraction";

export interface SessionScenario {
  name: string;
  kind: SessionScenarioKind;
  description: string;
  /** Banks whose statements must each cover the range before the upload is COMPLETED. */
  required_banks?: number;
  /** Each account's first statement covers only the first half of the range. */
  partial?: boolean;
}

export interface StatementScenario {
  code: string;
  phase: StatementPhase;
  real_trigger?: string;
}

export interface Journey {
  name: string;
  seed: string;
  session_scenario?: string;
  steps: string[];
}

export interface ScenarioCatalogue {
  session: SessionScenario[];
  statement: StatementScenario[];
  journeys: Journey[];
}


export interface Scenarios {
  catalogue: ScenarioCatalogue;
  session(name: string): SessionScenario | undefined;
  statement(code: string): StatementScenario | undefined;
  /** The statement code named inside a file name (`statement-PDF_IS_IMAGE.pdf`), if any. */
  statementCodeInFileName(fileName: string): string | undefined;
  defaultSession: SessionScenario;
}

/** The catalogue in fixtures/scenarios/catalogue.json, imported as a module (no file access: it runs in a browser too). */
export function loadScenarios(catalogue: ScenarioCatalogue = shipped as ScenarioCatalogue): Scenarios {
  const sessions = new Map(catalogue.session.map((s) => [s.name.toLowerCase(), s]));
  const statements = new Map(catalogue.statement.map((s) => [s.code, s]));
  // Longest codes first so NULL_ACCOUNT_NUMBER is not read as a shorter code inside it.
  const codesByLength = [...statements.keys()].sort((a, b) => b.length - a.length);
  const defaultSession = sessions.get("single_account");
  if (!defaultSession) throw new Error("The scenario catalogue needs a single_account session scenario");
  return {
    catalogue,
    defaultSession,
    session: (name) => sessions.get(name.trim().toLowerCase()),
    statement: (code) => statements.get(code.trim().toUpperCase()),
    statementCodeInFileName(fileName) {
      const upper = fileName.toUpperCase();
      return codesByLength.find((code) => upper.includes(code));
    },
  };
}
