/**
 * Everything the suite takes from the environment, read in one place so run.ts, the suite and the
 * self-check agree on names and defaults.
 */

export interface TargetEnv {
  /** Spec-style server URL (`http://host:port/bank-connect`); undefined → start the mock in-process. */
  baseUrl: string | undefined;
  apiKey: string | undefined;
  serverHash: string | undefined;
  /** Public URL a remote server can reach the local webhook receiver at. */
  webhookUrl: string | undefined;
  /** Port the receiver listens on; fixed ports suit tunnels behind `webhookUrl`. */
  webhookPort: number;
  /** The secret a real server echoes as `x-secret-key` (mocks get one registered per run instead). */
  webhookSecret: string | undefined;
  /** How long to wait for one expected webhook. */
  webhookTimeoutMs: number;
  /** Sessions that already exist on the target, for read-only checks. */
  sessionIds: string[];
  /** Statement files for journeys on targets that cannot take synthetic PDFs. */
  statementFiles: string[];
  /** Undefined → decided by the target (unlimited for a mock, 5 otherwise). */
  maxSessions: number | undefined;
  pollIntervalMs: number | undefined;
  pollBudgetMs: number | undefined;
  /** Where exchange logs go; run.ts sets it, plain `vitest run` leaves it unset. */
  reportDir: string | undefined;
  /** Shared counter file so the session cap holds across test workers. */
  budgetFile: string | undefined;
  /** Drift (vendor-pages-only forms) fails the run instead of warning (`--strict`). */
  strict: boolean;
  /**
   * The account's own webhook URL (and modes), restored at the end of a run that registered the
   * receiver on a real server: the API cannot read the current configuration, so the user gives it.
   */
  webhookRestoreUrl: string | undefined;
  webhookRestoreModes: string[];
  /** A second API key (and hash) of another client, for the tenant-isolation check on any target. */
  secondApiKey: string | undefined;
  secondServerHash: string | undefined;
  /** Session date range for journeys (`DD/MM/YYYY`), e.g. one the statement files cover. */
  fromDate: string | undefined;
  toDate: string | undefined;
}

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function dmy(name: string, value: string | undefined): string | undefined {
  const v = nonEmpty(value);
  if (v !== undefined && !/^(0[1-9]|[12][0-9]|3[01])\/(0[1-9]|1[0-2])\/[0-9]{4}$/.test(v)) throw new Error(`${name} must be DD/MM/YYYY, got ${JSON.stringify(value)}`);
  return v;
}

export function readTargetEnv(env: NodeJS.ProcessEnv = process.env): TargetEnv {
  const baseUrl = nonEmpty(env.BANKCONNECT_BASE_URL);
  if (baseUrl !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw new Error(`BANKCONNECT_BASE_URL is not a URL: ${baseUrl}`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error(`BANKCONNECT_BASE_URL must be http(s): ${baseUrl}`);
  }
  return {
    baseUrl: baseUrl?.replace(/\/+$/, ""),
    apiKey: nonEmpty(env.BANKCONNECT_API_KEY),
    serverHash: nonEmpty(env.BANKCONNECT_SERVER_HASH),
    webhookUrl: nonEmpty(env.BANKCONNECT_WEBHOOK_URL),
    webhookPort: positiveInt("BANKCONNECT_WEBHOOK_PORT", env.BANKCONNECT_WEBHOOK_PORT) ?? 0,
    webhookSecret: nonEmpty(env.BANKCONNECT_WEBHOOK_SECRET),
    webhookTimeoutMs: positiveInt("BANKCONNECT_WEBHOOK_TIMEOUT_MS", env.BANKCONNECT_WEBHOOK_TIMEOUT_MS) ?? 10_000,
    sessionIds: list(env.BANKCONNECT_SESSION_IDS),
    statementFiles: list(env.BANKCONNECT_STATEMENT_FILES),
    maxSessions: positiveInt("BANKCONNECT_MAX_SESSIONS", env.BANKCONNECT_MAX_SESSIONS),
    pollIntervalMs: positiveInt("BANKCONNECT_POLL_INTERVAL_MS", env.BANKCONNECT_POLL_INTERVAL_MS),
    pollBudgetMs: positiveInt("BANKCONNECT_POLL_BUDGET_MS", env.BANKCONNECT_POLL_BUDGET_MS),
    reportDir: nonEmpty(env.CONTRACT_REPORT_DIR),
    budgetFile: nonEmpty(env.CONTRACT_BUDGET_FILE),
    strict: ["1", "true", "yes"].includes((env.CONTRACT_STRICT ?? "").trim().toLowerCase()),
    webhookRestoreUrl: nonEmpty(env.BANKCONNECT_WEBHOOK_RESTORE_URL),
    webhookRestoreModes: list(env.BANKCONNECT_WEBHOOK_RESTORE_MODES ?? "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION,ENRICHMENT_NOTIFICATION"),
    secondApiKey: nonEmpty(env.BANKCONNECT_SECOND_API_KEY),
    secondServerHash: nonEmpty(env.BANKCONNECT_SECOND_SERVER_HASH),
    fromDate: dmy("BANKCONNECT_FROM_DATE", env.BANKCONNECT_FROM_DATE),
    toDate: dmy("BANKCONNECT_TO_DATE", env.BANKCONNECT_TO_DATE),
  };
}
