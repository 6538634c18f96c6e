/**
 * Account- and statement-level codes a body carries (`error_code` fields), told apart by where they
 * sit: under a `statements` list they are statement-level, elsewhere account-level. The coverage
 * report needs them because these codes never appear as an HTTP error.
 */

export interface BodyCode {
  level: "account" | "statement";
  code: string;
}

export function bodyErrorCodes(json: unknown): BodyCode[] {
  const found = new Map<string, BodyCode>();
  const walk = (node: unknown, inStatements: boolean): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, inStatements);
      return;
    }
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "error_code" && typeof value === "string" && value !== "") {
        const level = inStatements ? "statement" : "account";
        found.set(`${level}:${value}`, { level, code: value });
      } else if (key !== "error") {
        walk(value, inStatements || key === "statements" || key === "progress");
      }
    }
  };
  walk(json, false);
  return [...found.values()];
}
