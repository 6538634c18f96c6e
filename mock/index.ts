/**
 * The package's main entry (`import { createMockServer } from "bankconnect-mock-kit"`): the mock
 * in-process, with the options and handles a test needs. Nothing here starts a server on import.
 */
export { createMockServer, API_PREFIX, CONTROL_PREFIX } from "./http/server.js";
export type { MockServer, MockServerOptions, ResolvedOptions, Listening } from "./http/server.js";
export { createClock } from "./core/clock.js";
export type { Clock, ClockOptions } from "./core/clock.js";
export type { WebhookSend, WebhookRequest, SendOutcome } from "./webhooks/sender.js";
