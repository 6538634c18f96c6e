import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, relative } from "node:path";
import { REPO_ROOT } from "../openapi/lib/load.js";

/**
 * Writes a generated file, or with `--check` compares it with what is committed and exits non-zero
 * when it is stale, so `npm test` catches a spec change without regenerated output.
 */
export function writeOrCheck(path: string, content: string, regenerate: string): void {
  const rel = relative(REPO_ROOT, path);
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {
      // A missing file is stale like any other difference.
    }
    if (current !== content) {
      console.error(`${rel} is stale: the spec changed since it was generated. Run \`${regenerate}\` and commit the result.`);
      process.exitCode = 1;
      return;
    }
    console.log(`${rel} is up to date.`);
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote ${rel}`);
}
