/**
 * Test support for browser tests: Debian's Chromium driven by playwright-core (no browser download,
 * ever), and a static server on port 0 so a page can live on a different origin than the mock.
 * Shared by the mock's own browser tests and any helper that needs a real browser.
 */
import { accessSync, constants, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

/**
 * Flags for a quiet, offline, reproducible headless Chromium. Playwright adds a fresh temporary
 * --user-data-dir per launch itself (it refuses one in args), so no profile leaks between runs.
 */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

/** The Chromium binary: $CHROMIUM_PATH, else Debian's package. Throws a message that says how to get one. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : CANDIDATES;
  for (const path of wanted) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    `No Chromium at ${wanted.join(" or ")}. Browser tests use the system's Chromium: ` +
      "`apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  );
}

/** A headless Chromium. Close it in afterAll; each test should use its own context or page. */
export async function launchBrowser(options: { executablePath?: string; args?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: options.executablePath ?? chromiumPath(),
    headless: true,
    args: [...CHROMIUM_FLAGS, ...(options.args ?? [])],
    // Never let a stuck launch hang the suite: fail with Playwright's own message instead.
    timeout: 30_000,
  });
}

/**
 * Collects what goes wrong inside a page (uncaught exceptions, console errors), so a test can assert
 * the page ran cleanly and a failure message shows the page's own error.
 */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console.error: ${msg.text()}`);
  });
  return errors;
}

export interface StaticFile {
  body: string | Buffer;
  contentType?: string;
}

export interface StaticServer {
  /** `http://127.0.0.1:PORT`: a different origin from any other server on another port. */
  origin: string;
  url(path?: string): string;
  /** Every request the server saw, in order (method and path with query). */
  requests: Array<{ method: string; url: string }>;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".pdf": "application/pdf",
};

/**
 * Serves pages on 127.0.0.1, port 0: `pages` maps a path (`/index.html`) to its content; `dir`
 * serves the files of a directory (never above it). Unknown paths answer 404.
 */
export async function serveStatic(source: { pages?: Record<string, string | StaticFile>; dir?: string }): Promise<StaticServer> {
  const requests: StaticServer["requests"] = [];
  const root = source.dir ? resolve(source.dir) : undefined;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? "/";
    requests.push({ method: req.method ?? "GET", url });
    const path = decodeURIComponent(url.split("?")[0]);
    const page = source.pages?.[path] ?? (path.endsWith("/") ? source.pages?.[`${path}index.html`] : undefined);
    if (page !== undefined) {
      const file = typeof page === "string" ? { body: page } : page;
      res.writeHead(200, { "content-type": file.contentType ?? TYPES[extname(path)] ?? TYPES[".html"], "cache-control": "no-store" });
      res.end(file.body);
      return;
    }
    if (root) {
      const target = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
      if ((target === root || target.startsWith(root + sep)) && isFile(target)) {
        res.writeHead(200, { "content-type": TYPES[extname(target)] ?? "application/octet-stream", "cache-control": "no-store" });
        res.end(readFileSync(target));
        return;
      }
    }
    // Browsers ask for a favicon on their own; a 404 would show up as a console error in every test.
    if (path === "/favicon.ico") {
      res.writeHead(204);
      res.end();
      return;
    }
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end(`not found: ${path}`);
  });
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => done());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (p = "/") => `${origin}${p.startsWith("/") ? p : `/${p}`}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
