import { describe, expect, it } from "vitest";
import { bundleForBrowser } from "../../scripts/browser-bundle.js";

describe("the MSW entry is browser-safe", () => {
  it("bundles for platform browser with no Node built-in and no Node-only global in any module it reaches", async () => {
    const bundle = await bundleForBrowser({ entry: "mock/msw/index.ts" });
    expect(bundle.nodeImports).toEqual([]);
    expect(bundle.nodeGlobals).toEqual([]);
    // The domain, data, webhooks and spec really are in the bundle, not left out.
    for (const dir of ["mock/domain/", "mock/data/", "mock/webhooks/", "openapi/lib/", "mock/http/", "openapi/generated/"]) {
      expect(bundle.inputs.some((f) => f.startsWith(dir)), `${dir} is bundled`).toBe(true);
    }
  });

  it("names the offending module and importer when something reaches Node (the check can fail)", async () => {
    const bundle = await bundleForBrowser({ entry: "mock/http/server.ts" });
    expect(bundle.nodeImports).toContainEqual({ module: "node:http", importer: "mock/webhooks/sender.ts" });
    expect(bundle.nodeGlobals.some((g) => g.module === "Buffer" && g.importer.startsWith("mock/webhooks/sender.ts"))).toBe(true);
  });
});
