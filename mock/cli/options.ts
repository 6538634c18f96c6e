/**
 * The server's options as data: flag, environment variable, default and check. The flag wins over
 * the variable, which wins over the default. Values are checked here, not by commander, so a bad
 * environment value gets the same message naming the flag as a bad flag.
 */
import type { Command } from "commander";
import { createClock } from "../core/clock.js";
import { normalizeOrigin } from "../http/cors.js";
import { publicOrigin, type MockServerOptions } from "../http/options.js";

export interface ServerOptionSpec {
  /** Flag name without dashes; also the key commander stores it under (camelCased). */
  flag: string;
  /** Name of the value in --help. */
  arg: string;
  env?: string;
  help: string;
  defaultText?: string;
}

export const SERVER_OPTIONS: readonly ServerOptionSpec[] = [
  { flag: "host", arg: "host", env: "HOST", help: "Interface to listen on", defaultText: "127.0.0.1" },
  { flag: "port", arg: "port", env: "PORT", help: "Port to listen on (0 = any free port)", defaultText: "4010" },
  { flag: "seed", arg: "seed", env: "MOCK_SEED", help: "Seed for ids and data: same seed + same requests = same bytes", defaultText: "bankconnect" },
  { flag: "processing-ms", arg: "ms", env: "MOCK_PROCESSING_MS", help: "Virtual ms from initiate_processing to completed", defaultText: "3000" },
  { flag: "session-ttl-minutes", arg: "minutes", env: "MOCK_SESSION_TTL_MINUTES", help: "TTL of sessions created without session_expiry", defaultText: "1440" },
  { flag: "api-key", arg: "key", env: "MOCK_API_KEY", help: "Accept only this x-api-key / api_key (default: any non-empty)" },
  { flag: "server-hash", arg: "hash", env: "MOCK_SERVER_HASH", help: "Accept only this server-hash (default: any non-empty)" },
  { flag: "webhook-retry-base-ms", arg: "ms", env: "MOCK_WEBHOOK_RETRY_BASE_MS", help: "First webhook retry delay ceiling; doubles per attempt", defaultText: "1000" },
  { flag: "webhook-max-attempts", arg: "n", env: "MOCK_WEBHOOK_MAX_ATTEMPTS", help: "Webhook attempts per delivery, first try included", defaultText: "6" },
  { flag: "webhook-timeout-ms", arg: "ms", env: "MOCK_WEBHOOK_TIMEOUT_MS", help: "Real-time limit of one webhook attempt", defaultText: "5000" },
  { flag: "webhook-secret", arg: "secret", env: "MOCK_WEBHOOK_SECRET", help: "x-secret-key sent with webhooks when update_webhook sets none" },
  { flag: "json-limit", arg: "bytes", env: "MOCK_JSON_LIMIT_BYTES", help: "Largest JSON body in bytes", defaultText: "1048576" },
  { flag: "upload-limit", arg: "bytes", env: "MOCK_UPLOAD_LIMIT_BYTES", help: "Largest upload in bytes", defaultText: "10485760" },
  { flag: "journal-size", arg: "n", env: "MOCK_JOURNAL_SIZE", help: "Requests kept in the journal", defaultText: "1000" },
  { flag: "delay-ms", arg: "ms", env: "MOCK_DELAY_MS", help: "Delay every API response by this many ms", defaultText: "0" },
  { flag: "failure-rate", arg: "share", env: "MOCK_FAILURE_RATE", help: "Share (0-1) of API requests answered with --failure-status", defaultText: "0" },
  { flag: "failure-status", arg: "status", env: "MOCK_FAILURE_STATUS", help: "Status of injected failures: 500, 503 or 504", defaultText: "503" },
  { flag: "clock", arg: "mode", env: "MOCK_CLOCK", help: "system (wall clock, movable via the control API) or manual (moves only via the control API)", defaultText: "system" },
  { flag: "start-time", arg: "iso-time", env: "MOCK_START_TIME", help: "ISO start time of a manual clock", defaultText: "2024-04-16T07:47:42Z" },
  { flag: "pdf-page-limit", arg: "pages", env: "MOCK_PDF_PAGE_LIMIT", help: "Statements with more pages fail extraction with STATEMENT_TOO_MANY_PAGES", defaultText: "50" },
  { flag: "state-file", arg: "path", env: "MOCK_STATE_FILE", help: "Keep the whole state in this file: loaded at start, written atomically on change and on shutdown" },
  { flag: "control-token", arg: "token", env: "MOCK_CONTROL_TOKEN", help: "Require this token (x-mock-control-token or Authorization: Bearer) on /__mock; required off loopback" },
  { flag: "public-url", arg: "url", env: "MOCK_PUBLIC_URL", help: "Origin of redirect_url and get_pdfs links (default: the request's own origin)" },
  { flag: "max-range-days", arg: "days", env: "MOCK_MAX_RANGE_DAYS", help: "Widest session date range in days", defaultText: "1096" },
  { flag: "max-sessions-per-tenant", arg: "n", env: "MOCK_MAX_SESSIONS_PER_TENANT", help: "Live sessions per API key", defaultText: "10000" },
  { flag: "max-tenants", arg: "n", env: "MOCK_MAX_TENANTS", help: "API keys holding state", defaultText: "10000" },
  { flag: "max-stored-bytes", arg: "bytes", env: "MOCK_MAX_STORED_BYTES", help: "Statement bytes kept, all tenants", defaultText: "536870912" },
  { flag: "retention-minutes", arg: "minutes", env: "MOCK_RETENTION_MINUTES", help: "Virtual minutes a deleted or expired session is remembered", defaultText: "60" },
  { flag: "state-import-limit", arg: "bytes", env: "MOCK_STATE_IMPORT_LIMIT_BYTES", help: "Largest POST /__mock/state body in bytes", defaultText: "67108864" },
  { flag: "headers-timeout-ms", arg: "ms", env: "MOCK_HEADERS_TIMEOUT_MS", help: "Real time a client has to send request headers", defaultText: "10000" },
  { flag: "request-timeout-ms", arg: "ms", env: "MOCK_REQUEST_TIMEOUT_MS", help: "Real time a client has to send a whole request", defaultText: "30000" },
  { flag: "keep-alive-timeout-ms", arg: "ms", env: "MOCK_KEEP_ALIVE_TIMEOUT_MS", help: "Idle time before a keep-alive connection closes", defaultText: "5000" },
  { flag: "max-connections", arg: "n", env: "MOCK_MAX_CONNECTIONS", help: "Open connections at most", defaultText: "1000" },
];

/** A value the user gave that cannot be used; the message names the flag and says what fits. */
export class UsageError extends Error {}

export interface ServerCli {
  host: string;
  port: number;
  server: MockServerOptions;
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Adds every server option to `command`: value options from the table, then `--no-control`. */
export function addServerOptions(command: Command): Command {
  for (const o of SERVER_OPTIONS) {
    const details = [o.defaultText !== undefined ? `default ${o.defaultText}` : "", o.env ? `env ${o.env}` : ""].filter((s) => s !== "").join("; ");
    command.option(`--${o.flag} <${o.arg}>`, details ? `${o.help} (${details})` : o.help);
  }
  return command
    .option("--cors-origin <origin...>", "Allow only this browser origin, e.g. http://localhost:3000 (repeatable; default any origin; env MOCK_CORS_ORIGINS, comma-separated)")
    .option("--no-cors", "Send no CORS headers (browsers on other origins cannot read answers)")
    .option("--strict-pdf", "A %PDF- file no PDF reader can open answers INVALID_FILE_OBJECT instead of passing as a synthetic statement (env MOCK_STRICT_PDF=1)")
    .option("--no-control", "Do not serve the /__mock control API (nor the dashboard at /__mock/ui/)");
}

function number(name: string, text: string | undefined, { min, max, integer }: { min: number; max: number; integer?: boolean }): number | undefined {
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}; got ${JSON.stringify(text)}`);
  }
  return n;
}

function publicUrl(text: string): string {
  try {
    return publicOrigin(text);
  } catch (err) {
    throw new UsageError(`--public-url: ${(err as Error).message}`);
  }
}

function opt<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

/**
 * Turns the values commander parsed (keys camelCased, strings as typed) plus the environment into
 * the host, port and `createMockServer` options. Throws UsageError on a value that does not fit.
 */
export function resolveServerOptions(values: Record<string, unknown>, env: NodeJS.ProcessEnv): ServerCli {
  const get = (flag: string): string | undefined => {
    const v = values[camel(flag)];
    if (typeof v === "string") return v;
    const spec = SERVER_OPTIONS.find((o) => o.flag === flag);
    return spec?.env ? env[spec.env] : undefined;
  };
  const clockMode = get("clock") ?? "system";
  if (clockMode !== "system" && clockMode !== "manual") throw new UsageError(`--clock must be system or manual; got ${JSON.stringify(clockMode)}`);
  const startText = get("start-time");
  const start = startText !== undefined ? Date.parse(startText) : undefined;
  if (start !== undefined && Number.isNaN(start)) throw new UsageError(`--start-time must be an ISO 8601 time; got ${JSON.stringify(startText)}`);
  const strictEnv = env.MOCK_STRICT_PDF;
  if (strictEnv !== undefined && !["", "0", "1", "true", "false"].includes(strictEnv)) throw new UsageError(`MOCK_STRICT_PDF must be 1, true, 0 or false; got ${JSON.stringify(strictEnv)}`);
  const strictPdf = values.strictPdf === true || strictEnv === "1" || strictEnv === "true";
  const failureStatus = number("failure-status", get("failure-status"), { min: 500, max: 504, integer: true });
  if (failureStatus !== undefined && ![500, 503, 504].includes(failureStatus)) throw new UsageError("--failure-status must be 500, 503 or 504");
  const corsFlags = values.corsOrigin;
  const corsList = Array.isArray(corsFlags) ? corsFlags.map(String) : (env.MOCK_CORS_ORIGINS ?? "").split(",").map((o) => o.trim()).filter((o) => o !== "");
  for (const origin of corsList) {
    if (!normalizeOrigin(origin)) throw new UsageError(`--cors-origin must be an origin like http://localhost:3000 (scheme, host, optional port; no path) or *; got ${JSON.stringify(origin)}`);
  }
  // commander's --no-cors sets cors to false (true by default).
  const noCors = values.cors === false;
  if (noCors && corsList.length > 0) throw new UsageError("--no-cors and --cors-origin contradict each other: pick one");
  const port = number("port", get("port"), { min: 0, max: 65_535, integer: true }) ?? 4010;
  const server: MockServerOptions = {
    ...(get("seed") !== undefined ? { seed: get("seed") as string } : {}),
    ...opt("processingMs", number("processing-ms", get("processing-ms"), { min: 0, max: 86_400_000, integer: true })),
    ...opt("sessionTtlMinutes", number("session-ttl-minutes", get("session-ttl-minutes"), { min: 5, max: 43_200, integer: true })),
    ...(get("api-key") ? { apiKey: get("api-key") as string } : {}),
    ...(get("server-hash") ? { serverHash: get("server-hash") as string } : {}),
    ...opt("webhookRetryBaseMs", number("webhook-retry-base-ms", get("webhook-retry-base-ms"), { min: 1, max: 3_600_000, integer: true })),
    ...opt("webhookMaxAttempts", number("webhook-max-attempts", get("webhook-max-attempts"), { min: 1, max: 50, integer: true })),
    ...opt("webhookTimeoutMs", number("webhook-timeout-ms", get("webhook-timeout-ms"), { min: 1, max: 600_000, integer: true })),
    ...(get("webhook-secret") ? { webhookSecret: get("webhook-secret") as string } : {}),
    ...opt("jsonLimitBytes", number("json-limit", get("json-limit"), { min: 1024, max: 64 * 1024 * 1024, integer: true })),
    ...opt("uploadLimitBytes", number("upload-limit", get("upload-limit"), { min: 1024, max: 64 * 1024 * 1024, integer: true })),
    ...opt("journalSize", number("journal-size", get("journal-size"), { min: 0, max: 1_000_000, integer: true })),
    ...opt("pdfPageLimit", number("pdf-page-limit", get("pdf-page-limit"), { min: 1, max: 100_000, integer: true })),
    ...(strictPdf ? { strictPdf: true } : {}),
    faults: {
      ...opt("delayMs", number("delay-ms", get("delay-ms"), { min: 0, max: 60_000, integer: true })),
      ...opt("failureRate", number("failure-rate", get("failure-rate"), { min: 0, max: 1 })),
      ...opt("failureStatus", failureStatus),
    },
    control: values.control !== false,
    ...(get("state-file") ? { stateFile: get("state-file") as string } : {}),
    ...(get("control-token") ? { controlToken: get("control-token") as string } : {}),
    ...(get("public-url") ? { publicUrl: publicUrl(get("public-url") as string) } : {}),
    ...opt("maxRangeDays", number("max-range-days", get("max-range-days"), { min: 1, max: 36_600, integer: true })),
    ...opt("maxSessionsPerTenant", number("max-sessions-per-tenant", get("max-sessions-per-tenant"), { min: 1, max: 10_000_000, integer: true })),
    ...opt("maxTenants", number("max-tenants", get("max-tenants"), { min: 1, max: 10_000_000, integer: true })),
    ...opt("maxStoredBytes", number("max-stored-bytes", get("max-stored-bytes"), { min: 0, max: 2 ** 40, integer: true })),
    ...opt("retentionMinutes", number("retention-minutes", get("retention-minutes"), { min: 0, max: 525_600, integer: true })),
    ...opt("stateImportLimitBytes", number("state-import-limit", get("state-import-limit"), { min: 1024, max: 1024 * 1024 * 1024, integer: true })),
    ...opt("headersTimeoutMs", number("headers-timeout-ms", get("headers-timeout-ms"), { min: 100, max: 3_600_000, integer: true })),
    ...opt("requestTimeoutMs", number("request-timeout-ms", get("request-timeout-ms"), { min: 100, max: 3_600_000, integer: true })),
    ...opt("keepAliveTimeoutMs", number("keep-alive-timeout-ms", get("keep-alive-timeout-ms"), { min: 100, max: 3_600_000, integer: true })),
    ...opt("maxConnections", number("max-connections", get("max-connections"), { min: 1, max: 1_000_000, integer: true })),
    cors: noCors ? false : corsList.length > 0 ? { origins: corsList } : true,
    // Built last, after every check: a clock that is never handed to a server would keep its tasks.
    ...(clockMode === "manual" ? { clock: createClock({ mode: "manual", ...(start !== undefined ? { start } : {}) }) } : {}),
  };
  return { host: get("host") ?? "127.0.0.1", port, server };
}
