/**
 * The suite's own config for run.ts, self-check and parity runs: only the contract suite, none of
 * the kit's unit tests. Against a shared remote target files run one at a time, because the mock's
 * clock is global and one file advancing it could close another file's processing window; and they
 * run seed scenarios first, so a capped session budget goes to the core lifecycle before anything else.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

const remote = (process.env.BANKCONNECT_BASE_URL ?? "").trim() !== "";
const pollBudgetMs = Number(process.env.BANKCONNECT_POLL_BUDGET_MS ?? "") || 120_000;
const webhookWaitMs = Number(process.env.BANKCONNECT_WEBHOOK_TIMEOUT_MS ?? "") || 10_000;

/** Files that spend the session budget, most important first; the rest keep vitest's order. */
const PRIORITY = ["seed-scenarios", "semantics", "polling-rules", "illegal-transitions", "webhooks"];
const rank = (spec: TestSpecification): number => {
  const i = PRIORITY.findIndex((name) => spec.moduleId.includes(`/${name}.test.`));
  return i < 0 ? PRIORITY.length : i;
};

class BudgetFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return remote ? [...sorted].sort((a, b) => rank(a) - rank(b)) : sorted;
  }
}

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    // .ts from the sources, .js when run from dist/ (the installed package).
    include: ["contract-tests/suite/**/*.test.{ts,js}"],
    // A journey polls once (or twice) and waits for webhooks: its timeout must exceed those budgets,
    // or a slow but correct server would fail on vitest's clock instead of the poll budget's message.
    testTimeout: Math.max(60_000, 2 * pollBudgetMs + 3 * webhookWaitMs + 30_000),
    hookTimeout: 30_000,
    pool: "forks",
    // Files share nothing through module state but the spec's compiled validators; reusing a
    // worker's module cache saves re-importing the mock and re-compiling the spec per file.
    isolate: false,
    fileParallelism: !remote,
    sequence: { sequencer: BudgetFirstSequencer },
  },
});
