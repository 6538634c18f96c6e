/**
 * Differences between two runs of the same suite: per test, its outcome, and per operation the
 * sequence of (status, code, schema outcome) it met. Session ids and bodies differ between servers
 * by design, so only these are compared; repeated identical answers (polling) collapse to one,
 * because two servers may take a different number of polls to finish.
 */
import type { LogLine } from "../lib/recorder.js";
import type { RunResults } from "./run-results.js";

export interface Outcome {
  status: number | null;
  code: string | null;
  schema: "ok" | "violations";
  /** An example request, for the report. */
  request: string;
  violations: string[];
}

export interface ParityDifference {
  test: string;
  operationId: string | null;
  index: number | null;
  kind: "test outcome" | "missing exchange" | "status" | "code" | "schema";
  a: string;
  b: string;
}

function outcomeOf(line: LogLine): Outcome {
  return { status: line.status, code: line.code, schema: line.violations.length === 0 ? "ok" : "violations", request: `${line.method} ${line.path}`, violations: line.violations };
}

const same = (x: Outcome, y: Outcome): boolean => x.status === y.status && x.code === y.code && x.schema === y.schema;

/** test → operation → outcomes in order, consecutive repeats collapsed. */
export function outcomesByTest(log: LogLine[]): Map<string, Map<string, Outcome[]>> {
  const out = new Map<string, Map<string, Outcome[]>>();
  for (const line of [...log].sort((x, y) => x.file.localeCompare(y.file) || x.test.localeCompare(y.test) || x.seq - y.seq)) {
    const test = `${line.file} › ${line.test}`;
    const byOp = out.get(test) ?? new Map<string, Outcome[]>();
    out.set(test, byOp);
    const list = byOp.get(line.operationId) ?? [];
    byOp.set(line.operationId, list);
    const o = outcomeOf(line);
    const last = list.at(-1);
    if (!last || !same(last, o)) list.push(o);
  }
  return out;
}

const describeOutcome = (o: Outcome | undefined): string =>
  o === undefined ? "(no such exchange)" : `${o.status ?? "-"} ${o.code ?? ""} schema ${o.schema} — ${o.request}${o.violations.length > 0 ? ` — ${o.violations[0]}` : ""}`.replace(/\s+/g, " ");

export function parityDifferences(a: { results: RunResults; log: LogLine[] }, b: { results: RunResults; log: LogLine[] }): ParityDifference[] {
  const diffs: ParityDifference[] = [];
  const testsA = new Map(a.results.tests.map((t) => [`${t.file} › ${t.name}`, t]));
  const testsB = new Map(b.results.tests.map((t) => [`${t.file} › ${t.name}`, t]));
  for (const name of new Set([...testsA.keys(), ...testsB.keys()])) {
    const ta = testsA.get(name);
    const tb = testsB.get(name);
    if (ta?.state !== tb?.state) {
      const show = (t: typeof ta): string => (t ? `${t.state}${t.note ? ` (${t.note})` : ""}${t.errors[0] ? `: ${t.errors[0].split("\n")[0]}` : ""}` : "(not run)");
      diffs.push({ test: name, operationId: null, index: null, kind: "test outcome", a: show(ta), b: show(tb) });
    }
  }
  const oa = outcomesByTest(a.log);
  const ob = outcomesByTest(b.log);
  for (const test of new Set([...oa.keys(), ...ob.keys()])) {
    const opsA = oa.get(test) ?? new Map<string, Outcome[]>();
    const opsB = ob.get(test) ?? new Map<string, Outcome[]>();
    for (const op of new Set([...opsA.keys(), ...opsB.keys()])) {
      const la = opsA.get(op) ?? [];
      const lb = opsB.get(op) ?? [];
      for (let i = 0; i < Math.max(la.length, lb.length); i++) {
        const xa = la[i];
        const xb = lb[i];
        if (xa && xb && same(xa, xb)) continue;
        const kind = !xa || !xb ? "missing exchange" : xa.status !== xb.status ? "status" : xa.code !== xb.code ? "code" : "schema";
        diffs.push({ test, operationId: op, index: i, kind, a: describeOutcome(xa), b: describeOutcome(xb) });
      }
    }
  }
  return diffs;
}

const cell = (s: string): string => s.replace(/\|/g, "\\|");

export function renderParity(urlA: string, urlB: string, diffs: ParityDifference[], a: RunResults, b: RunResults): string {
  const lines = [
    "# Parity",
    "",
    `- A: ${urlA} — ${a.counts.passed} passed, ${a.counts.failed} failed, ${a.counts.skipped} skipped`,
    `- B: ${urlB} — ${b.counts.passed} passed, ${b.counts.failed} failed, ${b.counts.skipped} skipped`,
    "",
    diffs.length === 0 ? "**No differences** in test outcomes, statuses, error codes or schema outcomes." : `**${diffs.length} difference(s)**`,
    "",
  ];
  if (diffs.length > 0) {
    lines.push("| test | operation | # | differs in | A | B |", "|---|---|---|---|---|---|");
    for (const d of diffs) lines.push(`| ${cell(d.test)} | ${d.operationId ?? ""} | ${d.index ?? ""} | ${d.kind} | ${cell(d.a)} | ${cell(d.b)} |`);
  }
  return lines.join("\n");
}
