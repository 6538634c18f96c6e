import type { WebhookSend } from "./sender.js";

/**
 * The webhook transport where there is no node:http: the global `fetch`, looked up at send time so
 * an MSW server or worker installed later sees the delivery (a handler for the webhook_url receives
 * it; an unhandled one goes to the network). In a browser the receiver must allow CORS, or the
 * attempt fails and is retried like any unreachable receiver.
 */
export const fetchSend: WebhookSend = async (request, signal) => {
  const res = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body, signal, redirect: "manual" });
  // Read the body to its end so the attempt's latency covers the whole response, as the Node sender's does.
  await res.arrayBuffer().catch(() => undefined);
  return { status_code: res.status };
};
