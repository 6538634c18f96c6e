/**
 * `npm start`: runs the mock on HOST:PORT (127.0.0.1:4010 by default). Every option is a flag and,
 * where it makes sense, an environment variable; flags win.
 */
import { parseArgs } from "node:util";
import { createClock } from "./core/clock.js";
import { normalizeOrigin } from "./http/cors.js";
import { publicOrigin } from "./http/options.js";
import { createMockServer, StateFileError, type MockServerOptions } from "./http/server.js";

interface OptionSpec {
  flag: string;
  env?: string;
  type: "string" | "boolean";
  /** May be given more than once (the env variable then holds a comma-separated list). */
  multiple?: boolean;
  help: string;
  defaultText?: string;
}

const OPTIONS: OptionSpec[] = [
  { flag: "host", env: "HOST", type: "string", help: "Interface to listen on", defaultText: "127.0.0.1" },
  { flag: "port", env: "PORT", type: "string", help: "Port to listen on (0 = any free port)", defaultText: "4010" },
  { flag: "seed", env: "MOCK_SEED", type: "string", help: "Seed for ids and data: same seed + same requests = same bytes", defaultText: "bankconnect" },
  { flag: "processing-ms", env: "MOCK_PROCESSING_MS", type: "string", help: "Virtual ms from initiate_processing to completed", defaultText: "3000" },
  { flag: "session-ttl-minutes", env: "MOCK_SESSION_TTL_MINUTES", type: "string", help: "TTL of sessions created without session_expiry", defaultText: "1440" },
  { flag: "api-key", env: "MOCK_API_KEY", type: "string", help: "Accept only this x-api-key / api_key (default: any non-empty)" },
  { flag: "server-hash", env: "MOCK_SERVER_HASH", type: "string", help: "Accept only this server-hash (default: any non-empty)" },
  { flag: "webhook-retry-base-ms", env: "MOCK_WEBHOOK_RETRY_BASE_MS", type: "string", help: "First webhook retry delay ceiling; doubles per attempt", defaultText: "1000" },
  { flag: "webhook-max-attempts", env: "MOCK_WEBHOOK_MAX_ATTEMPTS", type: "string", help: "Webhook attempts per delivery, first try included", defaultText: "6" },
  { flag: "webhook-timeout-ms", env: "MOCK_WEBHOOK_TIMEOUT_MS", type: "string", help: "Real-time limit of one webhook attempt", defaultText: "5000" },
  { flag: "webhook-secret", env: "MOCK_WEBHOOK_SECRET", type: "string", help: "x-secret-key sent with webhooks when update_webhook sets none" },
  { flag: "json-limit", env: "MOCK_JSON_LIMIT_BYTES", type: "string", help: "Largest JSON body in bytes", defaultText: "1048576" },
  { flag: "upload-limit", env: "MOCK_UPLOAD_LIMIT_BYTES", type: "string", help: "Largest upload in bytes", defaultText: "10485760" },
  { flag: "journal-size", env: "MOCK_JOURNAL_SIZE", type: "string", help: "Requests kept in the journal", defaultText: "1000" },
  { flag: "delay-ms", env: "MOCK_DELAY_MS", type: "string", help: "Delay every API response by this many ms", defaultText: "0" },
  { flag: "failure-rate", env: "MOCK_FAILURE_RATE", type: "string", help: "Share (0-1) of API requests answered with --failure-status", defaultText: "0" },
  { flag: "failure-status", env: "MOCK_FAILURE_STATUS", type: "string", help: "Status of injected failures: 500, 503 or 504", defaultText: "503" },
  { flag: "clock", env: "MOCK_CLOCK", type: "string", help: "system (wall clock, movable via the control API) or manual (moves only via the control API)", defaultText: "system" },
  { flag: "start-time", env: "MOCK_START_TIME", type: "string", help: "ISO start time of a manual clock", defaultText: "2024-04-16T07:47:42Z" },
  { flag: "strict-pdf", env: "MOCK_STRICT_PDF", type: "boolean", help: "A %PDF- file no PDF reader can open answers INVALID_FILE_OBJECT instead of passing as a synthetic statement" },
  { flag: "pdf-page-limit", env: "MOCK_PDF_PAGE_LIMIT", type: "string", help: "Statements with more pages fail extraction with STATEMENT_TOO_MANY_PAGES", defaultText: "50" },
  { flag: "state-file", env: "MOCK_STATE_FILE", type: "string", help: "Keep the whole state in this file: loaded at start, written atomically on change and on shutdown" },
  { flag: "control-token", env: "MOCK_CONTROL_TOKEN", type: "string", help: "Require this token (x-mock-control-token or Authorization: Bearer) on /__mock; required off loopback" },
  { flag: "public-url", env: "MOCK_PUBLIC_URL", type: "string", help: "Origin of redirect_url and get_pdfs links (default: the request's own origin)" },
  { flag: "max-range-days", env: "MOCK_MAX_RANGE_DAYS", type: "string", help: "Widest session date range in days", defaultText: "1096" },
  { flag: "max-sessions-per-tenant", env: "MOCK_MAX_SESSIONS_PER_TENANT", type: "string", help: "Live sessions per API key", defaultText: "10000" },
  { flag: "max-tenants", env: "MOCK_MAX_TENANTS", type: "string", help: "API keys holding state", defaultText: "10000" },
  { flag: "max-stored-bytes", env: "MOCK_MAX_STORED_BYTES", type: "string", help: "Statement bytes kept, all tenants", defaultText: "536870912" },
  { flag: "retention-minutes", env: "MOCK_RETENTION_MINUTES", type: "string", help: "Virtual minutes a deleted or expired session is remembered", defaultText: "60" },
  { flag: "state-import-limit", env: "MOCK_STATE_IMPORT_LIMIT_BYTES", type: "string", help: "Largest POST /__mock/state body in bytes", defaultText: "67108864" },
  { flag: "headers-timeout-ms", env: "MOCK_HEADERS_TIMEOUT_MS", type: "string", help: "Real time a client has to send request headers", defaultText: "10000" },
  { flag: "request-timeout-ms", env: "MOCK_REQUEST_TIMEOUT_MS", type: "string", help: "Real time a client has to send a whole request", defaultText: "30000" },
  { flag: "keep-alive-timeout-ms", env: "MOCK_KEEP_ALIVE_TIMEOUT_MS", type: "string", help: "Idle time before a keep-alive connection closes", defaultText: "5000" },
  { flag: "max-connections", env: "MOCK_MAX_CONNECTIONS", type: "string", help: "Open connections at most", defaultText: "1000" },
  { flag: "no-control", type: "boolean", help: "Do not serve the /__mock control API (nor the dashboard at /__mock/ui/)" },
  { flag: "cors-origin", env: "MOCK_CORS_ORIGINS", type: "string", multiple: true, help: "Allow only this browser origin, e.g. http://localhost:3000 (repeatable; env: comma-separated)", defaultText: "any origin" },
  { flag: "no-cors", type: "boolean", help: "Send no CORS headers (browsers on other origins cannot read answers)" },
  { flag: "help", type: "boolean", help: "Show this help" },
];

function usage(): string {
  const lines = OPTIONS.map((o) => {
    const left = `  --${o.flag}${o.type === "string" ? " <value>" : ""}${o.multiple ? " …" : ""}`;
    const env = o.env ? ` [env ${o.env}]` : "";
    const def = o.defaultText ? ` (default ${o.defaultText})` : "";
    return `${left.padEnd(34)} ${o.help}${def}${env}`;
  });
  return ["Usage: npm start -- [options]", "", "BankConnect mock server. Options:", ...lines].join("\n");
}

class UsageError extends Error {}

function number(name: string, text: string | undefined, { min, max, integer }: { min: number; max: number; integer?: boolean }): number | undefined {
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}; got ${JSON.stringify(text)}`);
  }
  return n;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): { help: boolean; host: string; port: number; server: MockServerOptions } {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(OPTIONS.map((o) => [o.flag, { type: o.type, ...(o.multiple ? { multiple: true } : {}) }])),
    strict: true,
    allowPositionals: false,
  });
  const get = (flag: string): string | undefined => {
    const v = values[flag];
    if (typeof v === "string") return v;
    const spec = OPTIONS.find((o) => o.flag === flag);
    return spec?.env ? env[spec.env] : undefined;
  };
  const clockMode = get("clock") ?? "system";
  if (clockMode !== "system" && clockMode !== "manual") throw new UsageError(`--clock must be system or manual; got ${JSON.stringify(clockMode)}`);
  const startText = get("start-time");
  const start = startText !== undefined ? Date.parse(startText) : undefined;
  if (start !== undefined && Number.isNaN(start)) throw new UsageError(`--start-time must be an ISO 8601 time; got ${JSON.stringify(startText)}`);
  const strictEnv = env.MOCK_STRICT_PDF;
  if (strictEnv !== undefined && !["", "0", "1", "true", "false"].includes(strictEnv)) throw new UsageError(`MOCK_STRICT_PDF must be 1, true, 0 or false; got ${JSON.stringify(strictEnv)}`);
  const strictPdf = values["strict-pdf"] === true || strictEnv === "1" || strictEnv === "true";
  const failureStatus = number("failure-status", get("failure-status"), { min: 500, max: 504, integer: true });
  if (failureStatus !== undefined && ![500, 503, 504].includes(failureStatus)) throw new UsageError("--failure-status must be 500, 503 or 504");
  const corsFlags = values["cors-origin"];
  const corsList = Array.isArray(corsFlags) ? corsFlags.map(String) : (env.MOCK_CORS_ORIGINS ?? "").split(",").map((o) => o.trim()).filter((o) => o !== "");
  for (const origin of corsList) {
    if (!normalizeOrigin(origin)) throw new UsageError(`--cors-origin must be an origin like http://localhost:3000 (scheme, host, optional port; no path) or *; got ${JSON.stringify(origin)}`);
  }
  if (values["no-cors"] && corsList.length > 0) throw new UsageError("--no-cors and --cors-origin contradict each other: pick one");
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
    control: !values["no-control"],
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
    cors: values["no-cors"] ? false : corsList.length > 0 ? { origins: corsList } : true,
    ...(clockMode === "manual" ? { clock: createClock({ mode: "manual", ...(start !== undefined ? { start } : {}) }) } : {}),
  };
  return {
    help: values.help === true,
    host: get("host") ?? "127.0.0.1",
    port: number("port", get("port"), { min: 0, max: 65_535, integer: true }) ?? 4010,
    server,
  };
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

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(process.argv.slice(2), process.env);
  } catch (err) {
    console.error(`error: ${(err as Error).message}\n\n${usage()}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(usage());
    return;
  }
  let mock: ReturnType<typeof createMockServer>;
  try {
    mock = createMockServer(parsed.server);
  } catch (err) {
    if (err instanceof StateFileError) {
      console.error(`error: cannot load the state file: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  let listening;
  try {
    listening = await mock.listen(parsed.port, parsed.host);
  } catch (err) {
    console.error(`error: cannot listen on ${parsed.host}:${parsed.port}: ${(err as Error).message}`);
    process.exit(1);
  }
  const o = mock.options;
  console.log(
    [
      `BankConnect mock listening on ${listening.url}`,
      `  API base:   ${listening.url}/bank-connect  (e.g. POST ${listening.url}/bank-connect/v1/session/)`,
      `  seed:       ${o.seed}   processing: ${o.processingMs} ms   session TTL: ${o.sessionTtlMinutes} min`,
      o.control ? `  scenarios:  ${listening.url}/__mock/scenarios   control API: ${listening.url}/__mock/` : "  control API: off (--no-control)",
      o.control ? `  dashboard:  ${listening.url}/__mock/ui/` : "  dashboard:  off (--no-control)",
      `  CORS:       ${o.corsOrigins === null ? "off (--no-cors)" : o.corsOrigins.length === 0 ? "any origin" : o.corsOrigins.join(", ")}`,
      o.control
        ? o.controlToken !== null
          ? "  control token: required on /__mock (x-mock-control-token or Authorization: Bearer)"
          : "  control token: none (loopback only; set --control-token to listen elsewhere)"
        : "",
      o.stateFile !== null ? `  state file: ${o.stateFile} (loaded at start, saved on change and on shutdown)` : "",
      o.publicUrl !== null ? `  public URL: ${o.publicUrl}` : "",
    ]
      .filter((line) => line !== "")
      .join("\n"),
  );
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: shutting down`);
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    void mock.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  // Under `npm start` a killed npm does not always pass its signal on, and the server would live on
  // as an orphan holding the port: when the process that started us goes away, shut down too.
  if (process.env.npm_lifecycle_event !== undefined) watchParent(() => shutdown("parent process exited"));
}

/** Calls `gone` once the parent process has exited (we were re-parented). Polls; never keeps the process alive. */
export function watchParent(gone: () => void, everyMs = 1000): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      gone();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("/mock/cli.ts") || process.argv[1]?.endsWith("/mock/cli.js")) {
  void main();
}
