/**
 * An HTTP proxy that breaks a clean server in one chosen way. It knows nothing of the mock's
 * internals: it rewrites bytes on the wire (status, headers, JSON bodies, webhook payloads), so
 * what the suite catches here it would catch on any server that broke the same way.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { getContract } from "../../openapi/lib/index.js";

export interface WireRequest {
  method: string;
  /** Path relative to the API base (`/v1/...`), without the query. */
  apiPath: string;
  /** The operation the request is for, when it is an API request. */
  operationId: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Mutation {
  /** Rewrites an API request before it goes upstream (headers, body); undefined leaves it as sent. */
  request?(req: WireRequest): WireRequest | undefined;
  /**
   * Answers an API request itself, without forwarding it (a server that ignores a command);
   * undefined forwards it.
   */
  intercept?(req: WireRequest): WireResponse | undefined;
  /** Rewrites an API response; return undefined to let it through unchanged. */
  response?(req: WireRequest, res: WireResponse): WireResponse | undefined;
  /** Rewrites a webhook payload between the upstream and the registered receiver. */
  webhook?(payload: unknown): unknown;
}

export interface MutatingProxy {
  /** `http://127.0.0.1:PORT` + the upstream's base path. */
  baseUrl: string;
  /** How many times the mutation changed something: a variant that never fires proves nothing. */
  applied(): number;
  close(): Promise<void>;
}

const HOOK_PREFIX = "/__selfcheck_proxy/webhooks/";
const HOP_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function forward(url: URL, method: string, headers: http.OutgoingHttpHeaders, body: Buffer): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, "content-length": body.length } }, (res) => {
      readAll(res)
        .then((buf) => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && !HOP_HEADERS.has(k)) out[k] = Array.isArray(v) ? v.join(", ") : v;
          resolve({ status: res.statusCode ?? 502, headers: out, body: buf });
        })
        .catch(reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

function requestHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_HEADERS.has(k)) out[k] = v;
  return out;
}

/** JSON helpers for mutations: parse, change, re-serialise. */
export function jsonOf(res: WireResponse): unknown {
  try {
    return JSON.parse(res.body.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

export function withJson(res: WireResponse, json: unknown, status = res.status): WireResponse {
  return { status, headers: { ...res.headers, "content-type": "application/json; charset=utf-8" }, body: Buffer.from(JSON.stringify(json)) };
}

export async function startMutatingProxy(upstreamBaseUrl: string, mutation: Mutation): Promise<MutatingProxy> {
  const upstream = new URL(upstreamBaseUrl);
  const basePath = upstream.pathname.replace(/\/+$/, "");
  const index = getContract().operations;
  const hookTargets = new Map<string, string>();
  let applied = 0;
  let origin = "";

  async function deliverWebhook(token: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const target = hookTargets.get(token);
    const body = await readAll(req);
    if (!target || !mutation.webhook) {
      res.writeHead(404).end();
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString("utf8")) as unknown;
    } catch {
      payload = undefined;
    }
    const changed = payload === undefined ? undefined : mutation.webhook(structuredClone(payload));
    if (changed !== undefined) applied += 1;
    const out = changed === undefined ? body : Buffer.from(JSON.stringify(changed));
    const answer = await forward(new URL(target), "POST", requestHeaders(req.headers), out).catch(() => ({ status: 502, headers: {}, body: Buffer.alloc(0) }));
    res.writeHead(answer.status, answer.headers).end(answer.body);
  }

  const server = http.createServer((req, res) => {
    (async () => {
      const url = new URL(req.url ?? "/", "http://proxy.invalid");
      if (url.pathname.startsWith(HOOK_PREFIX)) return deliverWebhook(url.pathname.slice(HOOK_PREFIX.length), req, res);

      let body = await readAll(req);
      const apiPath = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
      const match = url.pathname.startsWith(basePath) ? index.match(req.method ?? "GET", apiPath) : { kind: "not-found" as const };
      const operationId = match.kind === "found" ? match.op.operationId : undefined;

      // Webhook mutations need the deliveries to pass through us: register our own URL upstream.
      if (operationId === "updateWebhook" && mutation.webhook) {
        try {
          const json = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
          if (typeof json.webhook_url === "string" && /^https?:\/\//.test(json.webhook_url)) {
            const token = String(hookTargets.size + 1);
            hookTargets.set(token, json.webhook_url);
            json.webhook_url = `${origin}${HOOK_PREFIX}${token}`;
            body = Buffer.from(JSON.stringify(json));
          }
        } catch {
          // Not JSON: let the upstream answer it as it would.
        }
      }

      const upstreamUrl = new URL(`${url.pathname}${url.search}`, upstream.origin);
      let wireReq: WireRequest = { method: (req.method ?? "GET").toUpperCase(), apiPath, operationId, headers: req.headers, body };
      const rewritten = operationId !== undefined ? mutation.request?.(wireReq) : undefined;
      if (rewritten) {
        applied += 1;
        wireReq = rewritten;
      }
      const intercepted = operationId !== undefined ? mutation.intercept?.(wireReq) : undefined;
      if (intercepted) {
        applied += 1;
        res.writeHead(intercepted.status, intercepted.headers).end(intercepted.body);
        return;
      }
      const answer = await forward(upstreamUrl, req.method ?? "GET", requestHeaders(wireReq.headers), wireReq.body);
      const changed = operationId !== undefined && mutation.response ? mutation.response(wireReq, answer) : undefined;
      if (changed !== undefined) applied += 1;
      const out = changed ?? answer;
      res.writeHead(out.status, out.headers).end(out.body);
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`selfcheck proxy error: ${String(err)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}${basePath}`,
    applied: () => applied,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
