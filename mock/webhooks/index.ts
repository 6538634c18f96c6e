export { WEBHOOK_EVENTS, isWebhookEventName, type WebhookEventName } from "./events.js";
export {
  validateWebhookConfig,
  type ConfigField,
  type ConfigResult,
  type WebhookConfig,
  type WebhookConfigInput,
} from "./config.js";
export { backoffCeiling, backoffDelay, type BackoffPolicy, type JitterMode } from "./backoff.js";
export { seededRandom } from "../core/random.js";
export { createHttpSender, type HttpSender, type HttpSenderOptions, type SendOutcome, type WebhookRequest, type WebhookSend } from "./sender.js";
export {
  createWebhookDispatcher,
  DELIVERY_ID_HEADER,
  SECRET_HEADER,
  WEBHOOK_USER_AGENT,
  type ListDeliveriesOptions,
  type WebhookDispatcher,
  type WebhookDispatcherOptions,
} from "./dispatcher.js";
export type * from "./types.js";
