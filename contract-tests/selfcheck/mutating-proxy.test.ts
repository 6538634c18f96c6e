import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { jsonOf, startMutatingProxy, withJson, type MutatingProxy } from "./mutating-proxy.js";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** A stand-in upstream: answers every request with its method, path and body, and can post a webhook. */
async function upstream(): Promise<{ url: string; received: string[] }> {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      received.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(req.url?.includes("missing") ? 404 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify(req.url?.includes("missing") ? { error: { code: "SESSION_NOT_FOUND", message: "x" } } : { session_id: "s", echo: body }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bank-connect`, received };
}

async function proxy(url: string, mutation: Parameters<typeof startMutatingProxy>[1]): Promise<MutatingProxy> {
  const p = await startMutatingProxy(url, mutation);
  closers.push(p.close);
  return p;
}

describe("mutating proxy", () => {
  it("passes requests and responses through unchanged without a mutation", async () => {
    const up = await upstream();
    const p = await proxy(up.url, {});
    const res = await fetch(`${p.baseUrl}/v1/session_data/abc/progress/?x=1`, { headers: { "x-api-key": "k" } });
    expect(res.status).toBe(200);
    expect(up.received).toEqual(["GET /bank-connect/v1/session_data/abc/progress/?x=1 "]);
    expect(p.applied()).toBe(0);
  });

  it("rewrites the responses of the operation it targets and counts each rewrite", async () => {
    const up = await upstream();
    const p = await proxy(up.url, {
      response: (req, res) => (req.operationId === "getProgress" && res.status === 404 ? withJson(res, { error: { code: "SESSION_MISSING", message: "x" } }) : undefined),
    });
    const res = await fetch(`${p.baseUrl}/v1/session_data/missing/progress/`);
    expect(await res.json()).toEqual({ error: { code: "SESSION_MISSING", message: "x" } });
    const other = await fetch(`${p.baseUrl}/v1/session_data/missing/insights/`);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe("SESSION_NOT_FOUND");
    expect(p.applied()).toBe(1);
  });

  it("routes webhooks through itself and rewrites their payload before the real receiver sees it", async () => {
    const up = await upstream();
    const seen: unknown[] = [];
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ body: JSON.parse(Buffer.concat(chunks).toString()) as unknown, secret: req.headers["x-secret-key"] });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
    closers.push(() => new Promise((r) => receiver.close(() => r())));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    const p = await proxy(up.url, {
      webhook: (payload) => {
        delete (payload as Record<string, unknown>).accounts;
        return payload;
      },
    });
    const registered = await fetch(`${p.baseUrl}/v1/session_data/update_webhook/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ webhook_url: receiverUrl, webhook_mode: ["ENRICHMENT_NOTIFICATION"] }),
    });
    const { echo } = (await registered.json()) as { echo: string };
    const proxiedHook = (JSON.parse(echo) as { webhook_url: string }).webhook_url;
    expect(proxiedHook).not.toBe(receiverUrl);

    const delivered = await fetch(proxiedHook, { method: "POST", headers: { "content-type": "application/json", "x-secret-key": "s" }, body: JSON.stringify({ session_id: "s", accounts: [] }) });
    expect(delivered.status).toBe(200);
    expect(seen).toEqual([{ body: { session_id: "s" }, secret: "s" }]);
    expect(p.applied()).toBe(1);
  });

  it("re-serialises JSON bodies it edits", () => {
    const res = withJson({ status: 200, headers: { "content-type": "application/json" }, body: Buffer.from("{}") }, { a: 1 }, 201);
    expect(res.status).toBe(201);
    expect(jsonOf(res)).toEqual({ a: 1 });
  });
});
