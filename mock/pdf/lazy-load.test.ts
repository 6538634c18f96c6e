import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../openapi/lib/index.js";
import { createTestMock } from "../testing/spec-client.js";

// Vitest runs each test file in its own process (pool: forks), so nothing else has loaded pdfjs here.
const pdfjsLoaded = (): boolean => (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker !== undefined;

describe("pdfjs is loaded lazily", () => {
  it("is not loaded by starting the mock, only by the first PDF upload", async () => {
    const t = createTestMock({ seed: "lazy" });
    try {
      const c = t.client("lazy-key");
      const sid = await c.newSession();
      expect(pdfjsLoaded()).toBe(false);
      const file = readFileSync(join(REPO_ROOT, "fixtures/statements/axis-compressed-objects-jan-mar-2024.pdf"));
      expect((await c.upload(sid, { file })).status).toBe(200);
      expect(pdfjsLoaded()).toBe(true);
    } finally {
      await t.close();
    }
  });
});
