/**
 * Resolves what the suite talks to: the server at BANKCONNECT_BASE_URL, or a mock started in this
 * worker on port 0. Capabilities are probed, never assumed from the URL, so a mock behind a proxy
 * or on another port is still recognised and a real server never gets mock-only requests.
 */
import { randomUUID } from "node:crypto";
import type { Credentials } from "./client.js";
import { readTargetEnv, type TargetEnv } from "./env.js";
import { probeMockControl, type MockControl } from "./mock-control.js";
import { createSessionBudget, type SessionBudget } from "./session-budget.js";
import { statementSource, type StatementSource } from "./statements.js";

export interface Target {
  baseUrl: string;
  origin: string;
  /** True when this worker started the mock itself. */
  inProcess: boolean;
  /** The mock's control API, or null when the target has none. */
  control: MockControl | null;
  credentials: Credentials;
  budget: SessionBudget;
  statements: StatementSource;
  pollIntervalMs: number;
  pollBudgetMs: number;
  /** Why a local webhook receiver cannot be reached from the target; undefined when it can. */
  webhookUnreachable: string | undefined;
  env: TargetEnv;
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
const DEFAULT_REAL_SESSION_CAP = 5;
/** The seed's polling interval ("poll every 2 seconds"). */
const SEED_POLL_INTERVAL_MS = 2_000;
/** On a mock the interval is virtual time, so smaller steps observe more intermediate states for free. */
const MOCK_POLL_INTERVAL_MS = 500;
const DEFAULT_POLL_BUDGET_MS = 120_000;

export async function openTarget(tag: string, env: TargetEnv = readTargetEnv()): Promise<Target> {
  let baseUrl = env.baseUrl;
  let closeMock: (() => Promise<void>) | undefined;
  if (baseUrl === undefined) {
    // Loaded only here: a run against a remote server never loads the mock's code.
    const { startInProcessMock } = await import("./in-process-mock.js");
    const mock = await startInProcessMock();
    baseUrl = mock.baseUrl;
    closeMock = mock.close;
  }
  const origin = new URL(baseUrl).origin;
  // A generated key per test file is a fresh tenant on the mock: files cannot see each other's state.
  const generatedKey = `contract-${tag}-${randomUUID().slice(0, 8)}`;
  const control = await probeMockControl(origin, env.apiKey ?? generatedKey);
  const isMock = control !== null || closeMock !== undefined;
  if (!isMock && (env.apiKey === undefined || env.serverHash === undefined)) {
    await closeMock?.();
    throw new Error(`${baseUrl} has no mock control API, so it is treated as a real server: set BANKCONNECT_API_KEY and BANKCONNECT_SERVER_HASH`);
  }
  const credentials: Credentials = {
    apiKey: env.apiKey ?? generatedKey,
    serverHash: env.serverHash ?? `hash-${tag}`,
  };
  const host = new URL(baseUrl).hostname;
  const webhookUnreachable =
    env.webhookUrl !== undefined || LOOPBACK.has(host)
      ? undefined
      : `${host} cannot reach a receiver on 127.0.0.1; set BANKCONNECT_WEBHOOK_URL to a public URL that forwards to BANKCONNECT_WEBHOOK_PORT`;
  return {
    baseUrl,
    origin,
    inProcess: closeMock !== undefined,
    control,
    credentials,
    budget: createSessionBudget(env.maxSessions ?? (isMock ? Infinity : DEFAULT_REAL_SESSION_CAP), env.budgetFile),
    statements: statementSource(isMock ? "synthetic" : "files", env.statementFiles),
    pollIntervalMs: env.pollIntervalMs ?? (control ? MOCK_POLL_INTERVAL_MS : SEED_POLL_INTERVAL_MS),
    pollBudgetMs: env.pollBudgetMs ?? DEFAULT_POLL_BUDGET_MS,
    webhookUnreachable,
    env,
    close: async () => {
      await closeMock?.();
    },
  };
}
