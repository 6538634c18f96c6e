/**
 * `bankconnect-mock scenarios`: the scenario catalogue shipped with the package, each entry with
 * one recipe to copy into a terminal. Read from the package's own files, so it works with no mock
 * running; `--json` prints the catalogue as data.
 */
import { readFileSync } from "node:fs";
import { assetPath } from "../../openapi/lib/assets.js";
import type { ScenarioCatalogue } from "../domain/scenarios.js";
import { TRIGGER_EVENTS, TRIGGER_TRANSITIONS } from "./trigger-command.js";

export function readCatalogue(): ScenarioCatalogue {
  return JSON.parse(readFileSync(assetPath("fixtures", "scenarios", "catalogue.json"), "utf8")) as ScenarioCatalogue;
}

const SESSION_BODY = `'{"link_id":"demo","api_key":"dev-key","from_date":"01/01/2024","to_date":"30/06/2024"}'`;

export function renderScenarios(catalogue: ScenarioCatalogue, origin = "http://127.0.0.1:4010"): string {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  push(
    "Recipes assume a mock on its default port (`bankconnect-mock`) and:",
    `  B=${origin}/bank-connect/v1   SID=<the session_id from POST $B/session/>`,
    "",
    "SESSION SCENARIOS  (header x-mock-scenario on POST /v1/session/)",
  );
  for (const s of catalogue.session) {
    push(
      `  ${s.name}  [${s.kind}]`,
      `    ${s.description}`,
      `    $ curl -s -XPOST $B/session/ -H 'content-type: application/json' -H 'x-mock-scenario: ${s.name}' -d ${SESSION_BODY}`,
    );
  }
  push("", "STATEMENT SCENARIOS  (header x-mock-scenario on an upload, or the code in the file name)");
  for (const s of catalogue.statement) {
    push(
      `  ${s.code}  [${s.phase === "upload" ? "answers 400 on upload" : "accepted, fails at extraction"}]`,
      ...(s.real_trigger ? [`    or for real: ${s.real_trigger}`] : []),
      `    $ curl -s $B/statement/upload_session/ -H 'x-api-key: dev-key' -H 'x-mock-scenario: ${s.code}' -F session_id=$SID -F upload_type=PDF -F file=@statement.pdf`,
    );
  }
  push("", "JOURNEYS  (the seed documents' flows, step by step)");
  for (const j of catalogue.journeys) {
    push(`  ${j.name}  (${j.seed})`, ...j.steps.map((step, i) => `    ${i + 1}. ${step}`));
  }
  push(
    "",
    "TRANSITIONS AND EVENTS on a running mock  (control API, scoped to your x-api-key)",
    ...TRIGGER_TRANSITIONS.map((t) => `  $ bankconnect-mock trigger ${t} --session $SID --api-key dev-key${t === "fail_account" ? " --error-code BALANCE_MISMATCH" : t === "set_scenario" ? " --scenario multibanking" : ""}`),
    ...TRIGGER_EVENTS.map((e) => `  $ bankconnect-mock trigger ${e} --session $SID --api-key dev-key`),
    "",
    "ANY OPERATION",
    "  any code the operation documents:  -H 'x-mock-scenario: PAYMENT_REQUIRED'   (GET /__mock/scenarios lists them per operation)",
    "  a slow answer:                     -H 'x-mock-delay-ms: 250'",
    "  a server fault:                    -H 'x-mock-fault: 503'   (or 500, 504, drop)",
  );
  return lines.join("\n");
}

export function runScenarios(values: { json?: boolean }, out: (line: string) => void): void {
  const catalogue = readCatalogue();
  out(values.json ? JSON.stringify({ session: catalogue.session, statement: catalogue.statement, journeys: catalogue.journeys }, null, 2) : renderScenarios(catalogue));
}
