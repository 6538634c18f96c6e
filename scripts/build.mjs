// `npm run build` (also `prepare`, so `npm ci`, `npm pack` and `npm publish` build first):
// a clean dist/ (a file left from a removed module would otherwise be packed), tsc, then plain
// OpenAPI JSON copies of both specs for the package's `./openapi.json` export. Plain JS so it
// needs nothing but Node and typescript.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// An installed copy ships dist/ and no sources: if a package manager runs `prepare` there (some do
// for tarball and git installs), there is nothing to build.
if (!existsSync(join(root, "tsconfig.build.json"))) process.exit(0);
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);

// openapi/generated/<name>.json is the pre-parsed copy the loader uses ({source_sha256, document});
// users want the bare document.
mkdirSync(join(dist, "openapi"), { recursive: true });
for (const name of ["bankconnect", "mock-control"]) {
  const { source_sha256, document } = JSON.parse(readFileSync(join(root, "openapi/generated", `${name}.json`), "utf8"));
  const yaml = readFileSync(join(root, "openapi", `${name}.yaml`), "utf8");
  if (createHash("sha256").update(yaml).digest("hex") !== source_sha256) {
    console.error(`openapi/generated/${name}.json is older than openapi/${name}.yaml: run \`npm run generate\``);
    process.exit(1);
  }
  writeFileSync(join(dist, "openapi", `${name}.openapi.json`), `${JSON.stringify(document, null, 2)}\n`);
}
