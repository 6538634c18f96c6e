/**
 * Writes the sample statement PDFs of fixtures/statements/ from scripts/statement-pdfs/specs.ts.
 * `--check` regenerates them in memory and fails when a committed file differs (the output is
 * reproducible: fixed dates, seeded rows, seeded encryption salts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { drawPdf } from "./statement-pdfs/draw.js";
import { PDF_SPECS } from "./statement-pdfs/specs.js";

export const STATEMENTS_DIR = resolve(fileURLToPath(new URL("../fixtures/statements/", import.meta.url)));

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const stale: string[] = [];
  for (const spec of PDF_SPECS) {
    const bytes = await drawPdf(spec);
    const path = resolve(STATEMENTS_DIR, spec.file);
    if (check) {
      let committed: Buffer | undefined;
      try {
        committed = readFileSync(path);
      } catch {
        committed = undefined;
      }
      if (!committed || !committed.equals(Buffer.from(bytes))) stale.push(spec.file);
    } else {
      writeFileSync(path, bytes);
      console.log(`${spec.file}  ${bytes.length} bytes  ${spec.what}`);
    }
  }
  if (stale.length > 0) {
    console.error(`Stale statement PDFs (run: npx tsx scripts/make-statement-pdfs.ts): ${stale.join(", ")}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
