import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express } from "express";
import type { Clock } from "../core/clock.js";
import type { TenantClocks } from "../core/tenant-clocks.js";
import type { Lifecycle } from "../domain/lifecycle.js";
import { loadScenarios, type Scenarios } from "../domain/scenarios.js";
import { readPdf } from "../pdf/read.js";
import { createWebRoutes } from "../web/routes.js";
import { getContract, type Contract } from "../../openapi/lib/index.js";
import { createStateSaver, type StateSaver } from "../state/saver.js";
import type { WebhookDispatcher } from "../webhooks/dispatcher.js";
import { createHttpSender } from "../webhooks/sender.js";
import { readRaw } from "./body.js";
import { createMockCore, type MockCore } from "./core.js";
import type { Journal } from "./journal.js";
import { resolveOptions, type MockServerOptions, type ResolvedOptions } from "./options.js";
import type { PlainReply, PlainRequest } from "./plain.js";

export { API_PREFIX, CONTROL_PREFIX, type MockServerOptions, type ResolvedOptions } from "./options.js";
export { StateFileError } from "./core.js";

export interface Listening {
  url: string;
  port: number;
  /** The Node server, with its timeouts and connection cap set. */
  server: Server;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/i;
export const isLoopback = (host: string): boolean => LOOPBACK.test(host.replace(/^\[|\]$/g, ""));

export interface MockServer {
  app: Express;
  /** The base clock: moving it moves every tenant (`clocks` holds each tenant's own). */
  clock: Clock;
  clocks: TenantClocks;
  /** Set with `stateFile`: the debounced, atomic writer of the state file. */
  saver: StateSaver | null;
  lifecycle: Lifecycle;
  webhooks: WebhookDispatcher;
  scenarios: Scenarios;
  contract: Contract;
  journal: Journal;
  options: ResolvedOptions;
  /** The transport-free mock behind the app (the MSW handlers wrap the same thing). */
  core: MockCore;
  listen(port?: number, host?: string): Promise<Listening>;
  /** Writes the state file (with `stateFile`), stops timers and webhook deliveries; never waits on a receiver. */
  close(): Promise<void>;
}

/**
 * The Express adapter: every request becomes a PlainRequest for the core's `serve`, and its reply is
 * written back. No rule of the mock lives here; the MSW adapter (mock/msw) is the same translation
 * for another transport. What only Node has stays here: the PDF reader, the node:http webhook
 * sender, the state file on disk, and the listener's timeouts and connection cap.
 */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  const stateFile = resolveOptions(options).stateFile;
  const initialState = stateFile !== null && existsSync(stateFile) ? { text: readFileSync(stateFile, "utf8"), source: stateFile } : undefined;
  const sender = options.webhookSend ? undefined : createHttpSender();
  let core: MockCore;
  try {
    core = createMockCore(options, {
      contract: getContract(),
      scenarios: loadScenarios(),
      webhookSend: options.webhookSend ?? (sender as NonNullable<typeof sender>).send,
      readPdf,
      pages: createWebRoutes,
      ...(initialState ? { initialState } : {}),
    });
  } catch (err) {
    sender?.close();
    throw err;
  }
  const resolved = core.options;
  const saver = stateFile !== null ? createStateSaver({ path: stateFile, render: () => core.renderState() }) : null;
  if (saver) core.webhooks.onSettled(() => saver.changed());

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use((req, res) => {
    core.serve(toPlainRequest(req)).then(
      (reply) => {
        if (saver && req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS") saver.changed();
        write(req, res, reply);
      },
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
    clocks: core.clocks,
    saver,
    lifecycle: core.lifecycle,
    webhooks: core.webhooks,
    scenarios: core.scenarios,
    contract: core.contract,
    journal: core.journal,
    options: core.options,
    listen(port = 0, host = "127.0.0.1") {
      if (resolved.control && resolved.controlToken === null && !isLoopback(host)) {
        return Promise.reject(
          new Error(
            `Refusing to listen on ${host}: off loopback the control API (/__mock) could reset tenants and move their clocks for anyone who can reach the port. Set --control-token (or MOCK_CONTROL_TOKEN), or turn the control API off with --no-control.`,
          ),
        );
      }
      return new Promise((resolve, reject) => {
        // Slow clients cannot hold sockets: headers and whole requests have deadlines, idle
        // keep-alive sockets close, and the number of open connections is capped.
        const requestTimeout = resolved.requestTimeoutMs;
        const server = createServer(
          {
            requestTimeout,
            headersTimeout: Math.min(resolved.headersTimeoutMs, requestTimeout),
            keepAliveTimeout: resolved.keepAliveTimeoutMs,
            connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(requestTimeout / 2))),
          },
          app,
        );
        server.keepAliveTimeout = resolved.keepAliveTimeoutMs;
        server.maxConnections = resolved.maxConnections;
        server.listen(port, host);
        server.once("error", reject);
        server.once("listening", () => {
          servers.push(server);
          const address = server.address() as AddressInfo;
          const h = address.family === "IPv6" ? `[${address.address}]` : address.address;
          resolve({ url: `http://${h}:${address.port}`, port: address.port, server, close: () => closeServer(server) });
        });
      });
    },
    async close() {
      await Promise.all(servers.map(closeServer));
      // The last state is written before timers stop: shutdown must not lose what the debounce held back.
      if (saver) {
        await saver.flush();
        saver.stop();
      }
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
  // HEAD: the GET's status and headers, no body.
  res.end(req.method === "HEAD" ? undefined : reply.body);
}
