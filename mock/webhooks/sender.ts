/**
 * The only file in the webhook core that touches the network. Everything else talks to the
 * `WebhookSend` signature so tests and benchmarks can swap the transport.
 */
import http from "node:http";
import https from "node:https";

export interface WebhookRequest {
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface SendOutcome {
  status_code: number;
}

/**
 * Resolves with the receiver's status once the response is fully read; rejects on a network
 * error. Must stop the request when `signal` aborts: the dispatcher uses it for per-attempt
 * timeouts and for shutdown.
 */
export type WebhookSend = (request: WebhookRequest, signal: AbortSignal) => Promise<SendOutcome>;

export interface HttpSender {
  send: WebhookSend;
  /** Destroys pooled keep-alive sockets so the process can exit. */
  close(): void;
}

export interface HttpSenderOptions {
  /** Per-origin socket cap. A burst of deliveries queues on the agent instead of opening thousands of sockets. */
  maxSockets?: number;
}

export function createHttpSender(options: HttpSenderOptions = {}): HttpSender {
  const maxSockets = options.maxSockets ?? 64;
  // Keep-alive matters for the benchmark: a fresh TCP handshake per delivery dominates local latency.
  const agentOptions = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);

  // A pooled keep-alive socket the receiver closed just as we reused it fails with ECONNRESET before
  // any byte reached the receiver; Node's docs advise retrying such a request at once on a new
  // socket rather than counting it as a failed delivery attempt.
  const send: WebhookSend = (request, signal) =>
    sendOnce(request, signal).catch((err: unknown) => {
      if ((err as { reusedSocket?: boolean }).reusedSocket && (err as NodeJS.ErrnoException).code === "ECONNRESET" && !signal.aborted) {
        return sendOnce(request, signal);
      }
      throw err;
    });

  const sendOnce = (request: WebhookRequest, signal: AbortSignal) =>
    new Promise<SendOutcome>((resolve, reject) => {
      if (signal.aborted) {
        reject(new Error("aborted before send"));
        return;
      }
      const url = new URL(request.url);
      const secure = url.protocol === "https:";
      const body = Buffer.from(request.body, "utf8");
      const req = (secure ? https : http).request(
        url,
        {
          method: "POST",
          agent: secure ? httpsAgent : httpAgent,
          headers: { ...request.headers, "content-length": String(body.length) },
          signal,
        },
        (res) => {
          // Drain the body: an unread response pins the socket and keeps it out of the pool.
          res.resume();
          res.on("end", () => resolve({ status_code: res.statusCode ?? 0 }));
          res.on("error", reject);
          res.on("close", () => {
            if (!res.complete) reject(new Error("response closed before it was complete"));
          });
        },
      );
      req.on("error", (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
      req.end(body);
    });

  return {
    send,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
