/**
 * Bundles an entry for the browser with esbuild and refuses any Node built-in on the way: the proof
 * that the code the MSW handlers reach runs where MSW's worker runs. Used by the browser-safety
 * test, the browser test's page and `npm run bench` (bundle size).
 */
import { builtinModules } from "node:module";
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { build, type Plugin } from "esbuild";
import { gzipSync } from "node:zlib";
import { REPO_ROOT } from "../openapi/lib/load.js";

export interface NodeImport {
  /** The module asked for, as written (`node:fs`, `crypto`). */
  module: string;
  /** The file that asked, relative to the repository. */
  importer: string;
}

export interface BrowserBundle {
  code: string;
  bytes: number;
  gzipBytes: number;
  /** Node built-ins some reachable module imports; empty means the bundle is browser-safe. */
  nodeImports: NodeImport[];
  /** Input files in the bundle, relative to the repository. */
  inputs: string[];
  /** Uses of Node-only globals (Buffer, process, setImmediate, …) in the repository's own bundled files. */
  nodeGlobals: NodeImport[];
}

/** Globals a browser lacks; a bundler resolves no import for them, so the source is searched. */
const NODE_GLOBALS = /\b(?:Buffer|setImmediate|__dirname|__filename)\b|\bprocess\.(?!env\.NODE_ENV)|\brequire\(|(?<!\?)\.unref\(/;

function nodeGlobalsIn(files: string[]): NodeImport[] {
  const found: NodeImport[] = [];
  for (const file of files) {
    if (file.includes("node_modules/") || !/\.(ts|js)$/.test(file)) continue;
    readFileSync(resolve(REPO_ROOT, file), "utf8")
      .split("\n")
      .forEach((line, i) => {
        const code = line.replace(/\/\*.*?\*\//g, "").replace(/\/\/.*$/, "").replace(/^\s*(\/\*\*?|\*).*$/, "");
        const m = NODE_GLOBALS.exec(code);
        if (m) found.push({ module: m[0], importer: `${file}:${i + 1}` });
      });
  }
  return found;
}

export interface BundleOptions {
  /** Entry file, relative to the repository or absolute. */
  entry: string;
  minify?: boolean;
  /** Leave these packages or repository paths (prefixes) out, as if the host page provided them. */
  external?: string[];
  format?: "esm" | "iife";
}

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith("_")));

function nodeGuard(found: NodeImport[]): Plugin {
  return {
    name: "no-node-builtins",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, "").split("/")[0];
        if (args.path.startsWith("node:") || (BUILTINS.has(bare) && !args.path.startsWith("."))) {
          found.push({ module: args.path, importer: relative(REPO_ROOT, args.importer) });
          // Keep going so one run lists every offender, not just the first.
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
}

function externalPaths(prefixes: string[]): Plugin {
  return {
    name: "external-paths",
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === "inner") return undefined;
        const hit = prefixes.find((p) => args.path === p || args.path.startsWith(`${p}/`));
        if (hit) return { path: args.path, external: true };
        if (!args.path.startsWith(".")) return undefined;
        const resolved = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: "inner" });
        const rel = relative(REPO_ROOT, resolved.path);
        return prefixes.some((p) => rel.startsWith(p)) ? { path: rel, external: true } : undefined;
      });
    },
  };
}

export async function bundleForBrowser(options: BundleOptions): Promise<BrowserBundle> {
  const nodeImports: NodeImport[] = [];
  const result = await build({
    entryPoints: [options.entry],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    write: false,
    platform: "browser",
    format: options.format ?? "esm",
    target: "es2022",
    minify: options.minify ?? true,
    metafile: true,
    logLevel: "silent",
    // Some dependencies branch on process.env.NODE_ENV; a browser build pins it as bundlers do.
    define: { "process.env.NODE_ENV": '"production"' },
    plugins: [nodeGuard(nodeImports), ...(options.external?.length ? [externalPaths(options.external)] : [])],
  });
  const code = result.outputFiles[0].text;
  const inputs = Object.keys(result.metafile.inputs);
  return {
    code,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
    nodeImports,
    inputs,
    nodeGlobals: nodeGlobalsIn(inputs),
  };
}
