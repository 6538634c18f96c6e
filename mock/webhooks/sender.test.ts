import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpSender } from "./sender.js";

/**
 * A receiver that answers the first request of each connection with keep-alive, then resets the
 * connection when a second request arrives on it: exactly what a client sees when it reuses a
 * pooled socket the server has just closed.
 */
function resettingReceiver(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = net.createServer((socket) => {
    let served = 0;
    socket.on("data", (chunk) => {
      if (!chunk.toString("latin1").includes("\r\n\r\n")) return;
      served += 1;
      if (served > 1) {
        socket.resetAndDestroy();
        return;
      }
      requests += 1;
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n");
    });
    socket.on("error", () => {});
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/hook`, requests: () => requests, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

describe("the HTTP sender", () => {
  it("retries at once on a fresh socket when a reused keep-alive socket is reset", async () => {
    const receiver = await resettingReceiver();
    const sender = createHttpSender({ maxSockets: 1 });
    cleanup.push(() => sender.close(), () => receiver.close());
    const request = { url: receiver.url, headers: { "content-type": "application/json" }, body: "{}" };
    expect(await sender.send(request, new AbortController().signal)).toEqual({ status_code: 200 });
    // The second send reuses the pooled socket, which the receiver resets: the sender must recover.
    expect(await sender.send(request, new AbortController().signal)).toEqual({ status_code: 200 });
    expect(receiver.requests()).toBe(2);
  });
});
