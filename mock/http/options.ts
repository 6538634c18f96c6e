import type { Clock } from "../core/clock.js";
import { corsPolicy, type CorsSetting } from "./cors.js";
import { DEFAULT_PDF_PAGE_LIMIT } from "../domain/pdf-checks.js";
import type { WebhookSend } from "../webhooks/sender.js";

export const API_PREFIX = "/bank-connect";
export const CONTROL_PREFIX = "/__mock";

export interface MockServerOptions {
  /** Seed for ids and data. Same seed + same requests = same bytes. Default "bankconnect". */
  seed?: string | number;
  /** Virtual ms from initiate_processing to completed. Default 3000. */
  processingMs?: number;
  /** TTL of sessions created without session_expiry, in minutes. Default 1440 (one day). */
  sessionTtlMinutes?: number;
  /** Time source. Default: wall-clock time that the control API can move forward. */
  clock?: Clock;
  /** When set, only this x-api-key (and api_key) is accepted. */
  apiKey?: string;
  /** When set, only this server-hash is accepted. */
  serverHash?: string;
  /** Serve the /__mock control API. Default true. */
  control?: boolean;
  /** Largest JSON body. Default 1 MiB. */
  jsonLimitBytes?: number;
  /** Largest upload. Default 10 MiB. */
  uploadLimitBytes?: number;
  /** Requests kept in the journal. Default 1000. */
  journalSize?: number;
  webhookRetryBaseMs?: number;
  webhookMaxAttempts?: number;
  webhookTimeoutMs?: number;
  /** Secret echoed as x-secret-key when update_webhook sends none. */
  webhookSecret?: string;
  /** Webhook transport, for tests that do not want real HTTP. */
  webhookSend?: WebhookSend;
  /** Faults for every request: a delay, and a share of requests answered with a 5XX. */
  faults?: { delayMs?: number; failureRate?: number; failureStatus?: number };
  /** CORS on every route. Default true (any origin); `{origins: [...]}` restricts; false turns it off. */
  cors?: CorsSetting;
  /** A `%PDF-` upload no PDF reader opens answers INVALID_FILE_OBJECT instead of passing as a synthetic statement. Default false. */
  strictPdf?: boolean;
  /** Statements with more pages fail extraction with STATEMENT_TOO_MANY_PAGES. Default 50. */
  pdfPageLimit?: number;
  /** Widest session date range in days. Default 1096 (three years). */
  maxRangeDays?: number;
  /** Live sessions per API key. Default 10,000. */
  maxSessionsPerTenant?: number;
  /** API keys holding state. Default 10,000. */
  maxTenants?: number;
  /** Statement bytes kept, all tenants. Default 512 MiB. */
  maxStoredBytes?: number;
  /** Virtual minutes a deleted or expired session is remembered. Default 60. */
  retentionMinutes?: number;
  /** When set, /__mock needs it in x-mock-control-token (or Authorization: Bearer). Required to listen off loopback. */
  controlToken?: string;
  /** Origin of redirect_url and get_pdfs links, e.g. https://mock.example:8443. Default: the request's own. */
  publicUrl?: string;
  /** Keep the whole state in this file: loaded at start, written atomically on change and on close. */
  stateFile?: string;
  /** Largest POST /__mock/state body. Default 64 MiB. */
  stateImportLimitBytes?: number;
  /** Secret that signs file links. Default: random per process (kept in the state file). Never shown. */
  linkSecret?: string;
  /** Real-time limits of a client connection (Node's server timeouts) and the connection cap. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  maxConnections?: number;
}

export interface ResolvedOptions {
  seed: string;
  processingMs: number;
  sessionTtlMinutes: number;
  control: boolean;
  jsonLimitBytes: number;
  uploadLimitBytes: number;
  journalSize: number;
  webhookRetryBaseMs: number;
  webhookMaxAttempts: number;
  webhookTimeoutMs: number;
  faults: { delayMs: number; failureRate: number; failureStatus: number };
  /** null: CORS off; []: any origin; else the allowed origins (normalized). */
  corsOrigins: string[] | null;
  strictPdf: boolean;
  pdfPageLimit: number;
  maxRangeDays: number;
  maxSessionsPerTenant: number;
  maxTenants: number;
  maxStoredBytes: number;
  retentionMinutes: number;
  controlToken: string | null;
  publicUrl: string | null;
  stateFile: string | null;
  stateImportLimitBytes: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

/** Every option with its default filled in. */
export function resolveOptions(options: MockServerOptions): ResolvedOptions {
  return {
    seed: String(options.seed ?? "bankconnect"),
    processingMs: options.processingMs ?? 3000,
    sessionTtlMinutes: options.sessionTtlMinutes ?? 1440,
    control: options.control ?? true,
    jsonLimitBytes: options.jsonLimitBytes ?? 1024 * 1024,
    uploadLimitBytes: options.uploadLimitBytes ?? 10 * 1024 * 1024,
    journalSize: options.journalSize ?? 1000,
    webhookRetryBaseMs: options.webhookRetryBaseMs ?? 1000,
    webhookMaxAttempts: options.webhookMaxAttempts ?? 6,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 5000,
    faults: {
      delayMs: options.faults?.delayMs ?? 0,
      failureRate: options.faults?.failureRate ?? 0,
      failureStatus: options.faults?.failureStatus ?? 503,
    },
    corsOrigins: corsOrigins(options.cors),
    strictPdf: options.strictPdf ?? false,
    pdfPageLimit: options.pdfPageLimit ?? DEFAULT_PDF_PAGE_LIMIT,
    maxRangeDays: options.maxRangeDays ?? 1096,
    maxSessionsPerTenant: options.maxSessionsPerTenant ?? 10_000,
    maxTenants: options.maxTenants ?? 10_000,
    maxStoredBytes: options.maxStoredBytes ?? 512 * 1024 * 1024,
    retentionMinutes: options.retentionMinutes ?? 60,
    controlToken: options.controlToken ?? null,
    publicUrl: options.publicUrl !== undefined ? publicOrigin(options.publicUrl) : null,
    stateFile: options.stateFile ?? null,
    stateImportLimitBytes: options.stateImportLimitBytes ?? 64 * 1024 * 1024,
    headersTimeoutMs: options.headersTimeoutMs ?? 10_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 5_000,
    maxConnections: options.maxConnections ?? 1_000,
  };
}

/** `--public-url` as an origin without a trailing slash; refuses anything but http(s). */
export function publicOrigin(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`publicUrl must be an absolute http(s) URL such as https://mock.example:8443; got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new RangeError(`publicUrl must be http or https; got ${JSON.stringify(url)}`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
}

function corsOrigins(setting: CorsSetting | undefined): string[] | null {
  const policy = corsPolicy(setting);
  return policy === null ? null : policy.origins === null ? [] : [...policy.origins];
}
