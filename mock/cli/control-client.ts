/**
 * What the sub-commands need to talk to a running mock's control API (/__mock): where it is, whose
 * tenant to act for, and one request helper that turns every failure into a sentence saying what
 * to do, never a stack trace.
 */
import type { Command } from "commander";
import { UsageError } from "./options.js";

export const DEFAULT_MOCK_URL = "http://127.0.0.1:4010";

export interface ControlTarget {
  /** The mock's origin, e.g. http://127.0.0.1:4010 (a trailing /bank-connect or /__mock is tolerated). */
  origin: string;
  /** The tenant: the x-api-key the sessions were created with. */
  apiKey: string;
  /** The mock's control token (--control-token on the server), when it requires one. */
  controlToken?: string;
}

export function addControlOptions(command: Command): Command {
  return command
    .option("--url <url>", `The running mock (default ${DEFAULT_MOCK_URL}; env BANKCONNECT_MOCK_URL)`)
    .option("--api-key <key>", "The x-api-key your app uses: the control API is scoped per key (env BANKCONNECT_API_KEY, then MOCK_API_KEY)")
    .option("--control-token <token>", "The mock's control token, when it was started with one (env MOCK_CONTROL_TOKEN)");
}

export function resolveControlTarget(values: { url?: string; apiKey?: string; controlToken?: string }, env: NodeJS.ProcessEnv): ControlTarget {
  const raw = values.url ?? env.BANKCONNECT_MOCK_URL ?? DEFAULT_MOCK_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url must be the mock's URL, e.g. ${DEFAULT_MOCK_URL}; got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--url must be http(s); got ${JSON.stringify(raw)}`);
  const apiKey = values.apiKey ?? env.BANKCONNECT_API_KEY ?? env.MOCK_API_KEY;
  if (!apiKey) {
    throw new UsageError("say whose sessions to act on: --api-key KEY (the x-api-key your app sends), or set BANKCONNECT_API_KEY");
  }
  // Paths under the origin are dropped so `--url http://127.0.0.1:4010/bank-connect` works too.
  const controlToken = values.controlToken ?? env.MOCK_CONTROL_TOKEN;
  return { origin: url.origin, apiKey, ...(controlToken ? { controlToken } : {}) };
}

/** A control API answer that is not 2xx, with the vendor envelope's code and message when present. */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export async function controlRequest<T>(target: ControlTarget, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const url = `${target.origin}/__mock${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { "x-api-key": target.apiKey, ...(target.controlToken ? { "x-mock-control-token": target.controlToken } : {}), accept: "application/json", ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new ControlError(`no mock answers at ${target.origin} (${reason}); start one with \`bankconnect-mock\` or pass --url`, null);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    if (res.status === 404 && !error) throw new ControlError(`${target.origin} has no control API (${method} ${url} → 404): is it a mock started without --no-control?`, 404);
    throw new ControlError(`${method} ${url} → ${res.status}${error ? ` ${error.code ?? ""}: ${error.message ?? ""}` : ` ${text.slice(0, 200)}`}`, res.status);
  }
  return parsed as T;
}
