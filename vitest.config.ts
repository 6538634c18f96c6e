import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["mock/**/*.test.ts", "scripts/**/*.test.ts", "fixtures/**/*.test.ts", "openapi/**/*.test.ts", "contract-tests/**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**"],
    testTimeout: 20_000,
    pool: "forks",
  },
});
