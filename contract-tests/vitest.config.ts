/**
 * The suite's own config for run.ts, self-check and parity runs: only the contract suite, none of
 * the kit's unit tests. Against a shared remote target files run one at a time, because the mock's
 * clock is global and one file advancing it could close another file's processing window.
 */
import { defineConfig } from "vitest/config";

const remote = (process.env.BANKCONNECT_BASE_URL ?? "").trim() !== "";

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["contract-tests/suite/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Files share nothing through module state but the spec's compiled validators; reusing a
    // worker's module cache saves re-importing the mock and re-compiling the spec per file.
    isolate: false,
    fileParallelism: !remote,
  },
});
