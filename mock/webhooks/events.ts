/**
 * Event names a tenant can subscribe to through `webhook_mode` on `update_webhook`. The vendor
 * docs name exactly these three; anything else is rejected so a typo in a client's config fails
 * at configuration time instead of silently never firing.
 */
export const WEBHOOK_EVENTS = [
  "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION",
  "ENRICHMENT_NOTIFICATION",
  "SESSION_EXPIRY_NOTIFICATION",
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

const known: ReadonlySet<string> = new Set(WEBHOOK_EVENTS);

export function isWebhookEventName(value: unknown): value is WebhookEventName {
  return typeof value === "string" && known.has(value);
}
