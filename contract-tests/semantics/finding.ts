/**
 * A semantic finding: the target answered well-formed data that does not mean what the contract
 * says (numbers that do not add up, views that tell different stories). Rules are pure functions
 * from the target's answers to findings, so each is unit-tested on its own and run by the suite
 * against any target.
 */

export interface Finding {
  /** The rule that found it, e.g. `balance-chain`. */
  rule: string;
  /** Where, in words a reader can find it by: view, account, month, transaction. */
  where: string;
  expected: string;
  actual: string;
}

export function formatFinding(f: Finding): string {
  return `[${f.rule}] ${f.where}: expected ${f.expected}, actual ${f.actual}`;
}

export class SemanticError extends Error {
  override name = "SemanticError";
}

/** Throws every finding at once (the suite's assertion), so one run shows the whole story. */
export function assertNoFindings(findings: readonly Finding[], context: string): void {
  if (findings.length === 0) return;
  const shown = findings.slice(0, 25).map(formatFinding);
  if (findings.length > 25) shown.push(`… and ${findings.length - 25} more`);
  throw new SemanticError(`${context}: ${findings.length} semantic finding(s):\n${shown.join("\n")}`);
}

/** Money compares to the paisa: the wire carries rupees as floats. */
export const sameMoney = (a: number, b: number): boolean => Math.abs(a - b) < 0.005;
export const money = (n: number): string => n.toFixed(2);
