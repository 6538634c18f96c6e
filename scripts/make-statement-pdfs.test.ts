import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { STATEMENTS_DIR } from "./make-statement-pdfs.js";
import { drawPdf } from "./statement-pdfs/draw.js";
import { PDF_SPECS } from "./statement-pdfs/specs.js";

describe("scripts/make-statement-pdfs.ts", () => {
  it.each(PDF_SPECS.map((s) => [s.file, s] as const))("regenerates %s byte for byte", async (file, spec) => {
    const committed = readFileSync(resolve(STATEMENTS_DIR, file));
    const drawn = Buffer.from(await drawPdf(spec));
    expect(drawn.equals(committed), `${file} differs from the script's output: run npx tsx scripts/make-statement-pdfs.ts`).toBe(true);
  });

  it("keeps the shipped PDFs small", () => {
    for (const spec of PDF_SPECS) expect(readFileSync(resolve(STATEMENTS_DIR, spec.file)).length, spec.file).toBeLessThan(200_000);
  });

  it("encrypts the protected sample (its bytes carry an /Encrypt dictionary, its text is not in the clear)", () => {
    const bytes = readFileSync(resolve(STATEMENTS_DIR, "kotak-password-protected-jan-mar-2024.pdf"));
    expect(bytes.includes("/Encrypt")).toBe(true);
    expect(bytes.includes("Kotak")).toBe(false);
  });
});
