/**
 * Where the package's own files (spec, generated JSON, fixtures, catalogues) live. The code runs
 * from three places: the sources (`mock/…` via tsx or vitest), this repository's `dist/`, and an
 * installed copy (`node_modules/bankconnect-mock-kit/dist/…`). In each, the assets sit beside the
 * nearest `package.json` above this file, so that is the root: no path depends on the working
 * directory or on how deep this module is compiled to.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`bankconnect-mock-kit: no package.json above ${from}; the package's files are missing`);
    dir = parent;
  }
}

/** The directory holding the package's package.json, openapi/ and fixtures/. */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** Absolute path of a file shipped with the package, e.g. `assetPath("openapi", "bankconnect.yaml")`. */
export function assetPath(...segments: string[]): string {
  return resolve(PACKAGE_ROOT, ...segments);
}

/** The package's version, as `--version` and `GET /__mock/` report it. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(assetPath("package.json"), "utf8")) as { version: string }).version;
}
