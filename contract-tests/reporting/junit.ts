/**
 * JUnit XML of a contract run, written from the kit's own results rather than by vitest's reporter,
 * so that a skip carries its reason (`<skipped message=…>`), drift shows in `<system-out>` of the
 * test that met it and of the run, and mock-feature tests sit in their own suite.
 */
import type { Judgement } from "./verdict.js";
import type { RunResults } from "./run-results.js";

const xml = (s: string): string =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

export interface JunitInput {
  results: RunResults;
  judgement: Judgement;
  /** Drift lines per test full name. */
  drift: Map<string, string[]>;
  isMockFeature(file: string): boolean;
}

export function renderJunit(input: JunitInput): string {
  const { results, judgement, drift } = input;
  const files = [...new Set(results.tests.map((t) => t.file))];
  const suites: string[] = [];
  for (const file of files) {
    const tests = results.tests.filter((t) => t.file === file);
    const count = (state: string) => tests.filter((t) => t.state === state).length;
    const name = input.isMockFeature(file) ? `mock features: ${file}` : file;
    const cases = tests.map((t) => {
      const body: string[] = [];
      if (t.state === "skipped") body.push(`      <skipped message="${xml(t.note ?? "skipped without a reason (a bug in the suite)")}"/>`);
      for (const e of t.errors) body.push(`      <failure message="${xml(e.split("\n")[0] ?? e)}" type="${xml(/^(\w+)/.exec(e)?.[1] ?? "Error")}">${xml(e)}</failure>`);
      const lines = drift.get(t.name) ?? [];
      if (lines.length > 0) body.push(`      <system-out>${xml(["DRIFT (forms only the vendor's pages document):", ...lines].join("\n"))}</system-out>`);
      const open = `    <testcase classname="${xml(name)}" name="${xml(t.name)}" time="${(t.durationMs / 1000).toFixed(3)}"`;
      return body.length === 0 ? `${open}/>` : `${open}>\n${body.join("\n")}\n    </testcase>`;
    });
    suites.push(
      `  <testsuite name="${xml(name)}" tests="${tests.length}" failures="${count("failed")}" errors="0" skipped="${count("skipped")}" time="${(tests.reduce((a, t) => a + t.durationMs, 0) / 1000).toFixed(3)}">\n${cases.join("\n")}\n  </testsuite>`,
    );
  }
  const allDrift = [...drift.entries()].flatMap(([test, lines]) => lines.map((l) => `${test}: ${l}`));
  const runOut = [`verdict: ${judgement.verdict} (exit ${judgement.exitCode})`, ...judgement.reasons.map((r) => `- ${r}`)];
  if (allDrift.length > 0) runOut.push("", `DRIFT: ${allDrift.length} use(s) of forms only the vendor's pages document (warnings; --strict makes them failures)`, ...allDrift);
  const total = results.tests.length;
  const failures = results.tests.filter((t) => t.state === "failed").length;
  const skipped = results.tests.filter((t) => t.state === "skipped").length;
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    `<testsuites name="bankconnect-contract" tests="${total}" failures="${failures}" errors="${results.unhandledErrors.length}" skipped="${skipped}" time="${(results.durationMs / 1000).toFixed(3)}">`,
    ...suites,
    `  <system-out>${xml(runOut.join("\n"))}</system-out>`,
    ...(results.unhandledErrors.length > 0 ? [`  <system-err>${xml(results.unhandledErrors.join("\n"))}</system-err>`] : []),
    "</testsuites>",
    "",
  ].join("\n");
}
