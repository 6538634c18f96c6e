/**
 * Guards the folder boundaries: the mock never imports the contract kit, the shared spec code in
 * `openapi/lib/` imports neither of them, and the kit reaches the mock through one file only.
 * Every source file is read, tests included; nothing is excluded.
 */
import { readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../openapi/lib/load.js";

/** Static imports, re-exports, side-effect imports and dynamic `import()` of a relative path. */
const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.\.?\/[^"']+)["']/g;

/** Repository-relative paths a file's relative imports resolve to. */
function importedPaths(file: string, source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => posix.normalize(posix.join(posix.dirname(file), m[1])));
}

interface Rule {
  from: string;
  to: string;
  /** The one file under `from` allowed to import `to`, if any. */
  door?: string;
}

const RULES: Rule[] = [
  { from: "mock/", to: "contract-tests/" },
  { from: "openapi/", to: "mock/" },
  { from: "openapi/", to: "contract-tests/" },
  { from: "contract-tests/", to: "mock/", door: "contract-tests/lib/in-process-mock.ts" },
];

function crossings(files: Array<{ file: string; source: string }>, rules: Rule[] = RULES): string[] {
  const found: string[] = [];
  for (const { file, source } of files) {
    for (const target of importedPaths(file, source)) {
      for (const rule of rules) {
        if (file.startsWith(rule.from) && target.startsWith(rule.to) && file !== rule.door) found.push(`${file} imports ${target}`);
      }
    }
  }
  return found;
}

function sourcesUnder(dir: string): Array<{ file: string; source: string }> {
  return readdirSync(posix.join(REPO_ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(?:[cm]?ts|[cm]?js)$/.test(e.name))
    .map((e) => posix.relative(REPO_ROOT, posix.join(e.parentPath, e.name)))
    .filter((file) => !file.includes("node_modules/"))
    .map((file) => ({ file, source: readFileSync(posix.join(REPO_ROOT, file), "utf8") }));
}

describe("import boundaries", () => {
  it("mock/ imports nothing from contract-tests/, openapi/ neither, and contract-tests/ reaches mock/ only through in-process-mock.ts", () => {
    const files = ["mock", "openapi", "contract-tests"].flatMap(sourcesUnder);
    expect(files.length).toBeGreaterThan(100);
    expect(crossings(files)).toEqual([]);
  });

  it("catches every import form that crosses a boundary (the check can fail)", () => {
    const source = [
      'import { a } from "../../contract-tests/lib/harness.js";',
      "import type {\n  B,\n} from '../../contract-tests/lib/client.js';",
      'export { c } from "../../contract-tests/lib/env.js";',
      'import "../../contract-tests/lib/recorder.js";',
      'await import(\n  "../../contract-tests/suite/webhooks.test.js");',
      'import { ok } from "./neighbour.js";',
    ].join("\n");
    expect(crossings([{ file: "mock/http/x.test.ts", source }])).toEqual([
      "mock/http/x.test.ts imports contract-tests/lib/harness.js",
      "mock/http/x.test.ts imports contract-tests/lib/client.js",
      "mock/http/x.test.ts imports contract-tests/lib/env.js",
      "mock/http/x.test.ts imports contract-tests/lib/recorder.js",
      "mock/http/x.test.ts imports contract-tests/suite/webhooks.test.js",
    ]);
    const viaDoor = 'import { createMockServer } from "../../mock/http/server.js";';
    expect(crossings([{ file: "contract-tests/lib/in-process-mock.ts", source: viaDoor }])).toEqual([]);
    expect(crossings([{ file: "contract-tests/lib/target.ts", source: viaDoor }])).toEqual(["contract-tests/lib/target.ts imports mock/http/server.js"]);
  });
});
