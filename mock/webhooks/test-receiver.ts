/**
 * A real HTTP receiver for the webhook tests: the dispatcher must be exercised against actual
 * sockets (refusals, hangs, keep-alive), not a stubbed `send`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A status code to answer with, or "hang" to never answer. */
export type ReceiverReply = number | "hang";

export interface TestReceiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  reply: (request: ReceivedRequest, index: number) => ReceiverReply;
  /** Resolves once at least `count` requests have arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(
  reply: (request: ReceivedRequest, index: number) => ReceiverReply = () => 200,
  port = 0,
): Promise<TestReceiver> {
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const receiver: TestReceiver = {
    url: "",
    port: 0,
    requests: [],
    reply,
    waitFor(count) {
      if (receiver.requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const request: ReceivedRequest = { headers: req.headers, body: text === "" ? null : (JSON.parse(text) as unknown) };
      const index = receiver.requests.length;
      receiver.requests.push(request);
      for (const w of waiters.filter((w) => receiver.requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
      const answer = receiver.reply(request, index);
      if (answer === "hang") return;
      res.writeHead(answer, { "content-type": "application/json" });
      res.end(JSON.stringify({ received: true }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hook`;
  return receiver;
}

/** A port nothing listens on right now, so a connection to it is refused until a receiver starts there. */
export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
