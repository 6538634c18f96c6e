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
  };
}

function corsOrigins(setting: CorsSetting | undefined): string[] | null {
  const policy = corsPolicy(setting);
  return policy === null ? null : policy.origins === null ? [] : [...policy.origins];
}
