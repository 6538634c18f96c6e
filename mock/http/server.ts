import type { AddressInfo } from "node:net";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import express, { type Express } from "express";
import type { Clock } from "../core/clock.js";
import type { Lifecycle } from "../domain/lifecycle.js";
import { loadScenarios, type Scenarios } from "../domain/scenarios.js";
import { readPdf } from "../pdf/read.js";
import { createWebRoutes } from "../web/routes.js";
import { getContract, type Contract } from "../../openapi/lib/index.js";
import type { WebhookDispatcher } from "../webhooks/dispatcher.js";
import { createHttpSender } from "../webhooks/sender.js";
import { readRaw } from "./body.js";
import { createMockCore, type MockCore } from "./core.js";
import type { Journal } from "./journal.js";
import type { PlainReply, PlainRequest } from "./plain.js";

import type { MockServerOptions, ResolvedOptions } from "./options.js";

export { API_PREFIX, CONTROL_PREFIX, type MockServerOptions, type ResolvedOptions } from "./options.js";

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface MockServer {
  app: Express;
  clock: Clock;
  lifecycle: Lifecycle;
  webhooks: WebhookDispatcher;
  scenarios: Scenarios;
  contract: Contract;
  journal: Journal;
  options: ResolvedOptions;
  /** The transport-free mock behind the app (the MSW handlers wrap the same thing). */
  core: MockCore;
  listen(port?: number, host?: string): Promise<Listening>;
  /** Stops timers and webhook deliveries; never waits on a receiver. */
  close(): Promise<void>;
}

/**
 * The Express adapter: every request becomes a PlainRequest for the core's `serve`, and its reply is
 * written back. No rule of the mock lives here; the MSW adapter (mock/msw) is the same translation
 * for another transport.
 */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  const sender = options.webhookSend ? undefined : createHttpSender();
  const core = createMockCore(options, {
    contract: getContract(),
    scenarios: loadScenarios(),
    webhookSend: options.webhookSend ?? (sender as NonNullable<typeof sender>).send,
    readPdf,
    pages: createWebRoutes,
  });

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use((req, res) => {
    core.serve(toPlainRequest(req)).then(
      (reply) => write(req, res, reply),
      () => res.destroy(),
    );
  });

  let servers: Server[] = [];
  const closeServer = (server: Server) =>
    new Promise<void>((done) => {
      servers = servers.filter((s) => s !== server);
      server.close(() => done());
      server.closeAllConnections();
    });

  return {
    app,
    core,
    clock: core.clock,
    lifecycle: core.lifecycle,
    webhooks: core.webhooks,
    scenarios: core.scenarios,
    contract: core.contract,
    journal: core.journal,
    options: core.options,
    listen(port = 0, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        const server = app.listen(port, host);
        server.once("error", reject);
        server.once("listening", () => {
          servers.push(server);
          const address = server.address() as AddressInfo;
          const h = address.family === "IPv6" ? `[${address.address}]` : address.address;
          resolve({ url: `http://${h}:${address.port}`, port: address.port, close: () => closeServer(server) });
        });
      });
    },
    async close() {
      await Promise.all(servers.map(closeServer));
      await core.close();
      sender?.close();
    },
  };
}

function toPlainRequest(req: IncomingMessage & { protocol?: string }): PlainRequest {
  return {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    origin: `${req.protocol ?? "http"}://${req.headers.host ?? "127.0.0.1"}`,
    headers: req.headers,
    body: {
      read: (limit) => readRaw(req, limit),
      skip: () => void req.resume(),
    },
  };
}

function write(req: IncomingMessage, res: ServerResponse, reply: PlainReply): void {
  if (reply.kind === "drop") {
    req.socket.destroy();
    return;
  }
  for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v);
  res.statusCode = reply.status;
  res.setHeader("content-length", reply.body.length);
  res.end(reply.body);
}
