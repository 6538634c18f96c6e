/**
 * The suite's webhook endpoint: a plain node:http server on 127.0.0.1 that keeps every delivery.
 * Tests wait on it with a deadline instead of sleeping, because deliveries ride on real I/O.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Undefined when the body is not JSON. */
  json: unknown;
  receivedAt: number;
}

export interface WebhookReceiver {
  /** The URL to register: the public override when given, else the local address. */
  readonly url: string;
  readonly localUrl: string;
  readonly received: readonly ReceivedWebhook[];
  /** Deliveries whose `session_id` is this session, in arrival order. */
  forSession(sessionId: string): ReceivedWebhook[];
  /** Resolves with the session's deliveries once `done` holds for them; rejects at the deadline. */
  waitFor(sessionId: string, done: (deliveries: ReceivedWebhook[]) => boolean, timeoutMs: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  port?: number;
  publicUrl?: string;
  /** Status to answer; the contract says anything but 200 is retried. */
  reply?: () => number;
}

function sessionOf(w: ReceivedWebhook): unknown {
  return w.json && typeof w.json === "object" ? (w.json as Record<string, unknown>).session_id : undefined;
}

export async function startWebhookReceiver(options: ReceiverOptions = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const listeners = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let json: unknown;
      try {
        json = text === "" ? undefined : (JSON.parse(text) as unknown);
      } catch {
        json = undefined;
      }
      received.push({ headers: req.headers, text, json, receivedAt: Date.now() });
      res.writeHead(options.reply?.() ?? 200, { "content-type": "application/json" });
      res.end('{"received":true}');
      for (const notify of listeners) notify();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const localUrl = `http://127.0.0.1:${port}/webhooks`;

  const forSession = (sessionId: string): ReceivedWebhook[] => received.filter((w) => sessionOf(w) === sessionId);

  return {
    url: options.publicUrl ?? localUrl,
    localUrl,
    received,
    forSession,
    waitFor(sessionId, done, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const mine = forSession(sessionId);
          if (!done(mine)) return false;
          cleanup();
          resolve(mine);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          const mine = forSession(sessionId);
          const seen = mine.map((w) => String((w.json as Record<string, unknown> | undefined)?.event_name ?? "(not JSON)"));
          reject(new Error(`webhooks for session ${sessionId} not complete after ${timeoutMs} ms; received ${seen.length === 0 ? "none" : seen.join(", ")}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        const listener = (): void => {
          check();
        };
        listeners.add(listener);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
