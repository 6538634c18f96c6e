import { isWebhookEventName, WEBHOOK_EVENTS, type WebhookEventName } from "./events.js";

export interface WebhookConfig {
  webhook_url: string;
  webhook_mode: WebhookEventName[];
  /** Echoed verbatim as the `x-secret-key` header so the receiver can authenticate the mock. */
  secret: string | null;
}

export interface WebhookConfigInput {
  webhook_url: unknown;
  webhook_mode: unknown;
  secret?: unknown;
}

export type ConfigField = "webhook_url" | "webhook_mode" | "secret";

export type ConfigResult =
  | { ok: true; config: WebhookConfig }
  | { ok: false; field: ConfigField; message: string };

const MAX_URL_LENGTH = 2048;
// A secret goes into an HTTP header; CR/LF or other control bytes would make node refuse the
// request on every delivery, so reject them up front where the client can see why.
const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Checks an `update_webhook` body (already parsed JSON, untrusted) and normalises it. */
export function validateWebhookConfig(input: WebhookConfigInput): ConfigResult {
  const { webhook_url, webhook_mode, secret } = input;

  if (typeof webhook_url !== "string" || webhook_url.trim() === "") {
    return { ok: false, field: "webhook_url", message: "webhook_url is required and must be a string" };
  }
  if (webhook_url.length > MAX_URL_LENGTH) {
    return { ok: false, field: "webhook_url", message: `webhook_url must be at most ${MAX_URL_LENGTH} characters` };
  }
  let parsed: URL;
  try {
    parsed = new URL(webhook_url);
  } catch {
    return { ok: false, field: "webhook_url", message: "Enter a valid URL." };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { ok: false, field: "webhook_url", message: "webhook_url must use http or https" };
  }

  if (!Array.isArray(webhook_mode)) {
    return {
      ok: false,
      field: "webhook_mode",
      message: `webhook_mode must be a list of event names (${WEBHOOK_EVENTS.join(", ")})`,
    };
  }
  const modes: WebhookEventName[] = [];
  for (const mode of webhook_mode) {
    if (!isWebhookEventName(mode)) {
      return {
        ok: false,
        field: "webhook_mode",
        message: `unknown event ${JSON.stringify(mode)}; expected one of ${WEBHOOK_EVENTS.join(", ")}`,
      };
    }
    if (!modes.includes(mode)) modes.push(mode);
  }

  let normalisedSecret: string | null = null;
  if (secret !== undefined && secret !== null && secret !== "") {
    if (typeof secret !== "string") {
      return { ok: false, field: "secret", message: "secret must be a string" };
    }
    if (!HEADER_SAFE.test(secret)) {
      return { ok: false, field: "secret", message: "secret must not contain control characters" };
    }
    normalisedSecret = secret;
  }

  return { ok: true, config: { webhook_url, webhook_mode: modes, secret: normalisedSecret } };
}
