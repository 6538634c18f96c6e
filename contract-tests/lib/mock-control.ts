/**
 * The mock's control API (`{origin}/__mock/`). It is a capability, not part of the contract: the
 * suite probes for it and only then uses it to move time or inspect deliveries, so the same tests
 * run against servers that lack it.
 */

export interface MockIdentity {
  name: string;
  version: string | undefined;
  seed: unknown;
  now: unknown;
  /** Virtual time processing takes, when the mock says. */
  processingMs: number | undefined;
}

export interface MockControl {
  identity: MockIdentity;
  /** Moves the mock's virtual clock; resolves once the mock has run what became due. */
  advanceClock(ms: number): Promise<void>;
  /** The scenarios the mock can play, from its own catalogue. */
  scenarios(): Promise<MockScenarios>;
  /** Webhook deliveries the mock made for a session (for diagnostics in failure messages). */
  deliveries(sessionId: string): Promise<unknown>;
  /** Ends one session's processing now, without moving the clock other sessions share. */
  finishProcessing(sessionId: string): Promise<void>;
}

export interface MockScenarios {
  session: Array<{ name: string; kind: string }>;
  statement: Array<{ code: string; phase: "upload" | "extraction" }>;
}

const PROBE_TIMEOUT_MS = 2_000;

/** Null when the origin has no control API (a real server, or a mock without `control`). */
export async function probeMockControl(origin: string, apiKey: string): Promise<MockControl | null> {
  // A mock listening off loopback requires its control token (--control-token / MOCK_CONTROL_TOKEN): the same variable here.
  const token = process.env.MOCK_CONTROL_TOKEN;
  const auth: Record<string, string> = { "x-api-key": apiKey, ...(token ? { "x-mock-control-token": token } : {}) };
  let identity: MockIdentity;
  try {
    const res = await fetch(`${origin}/__mock/`, { headers: auth, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (res.status !== 200) return null;
    const body = (await res.json()) as Record<string, unknown>;
    if (!body || typeof body !== "object" || typeof body.name !== "string") return null;
    identity = {
      name: body.name,
      version: typeof body.version === "string" ? body.version : undefined,
      seed: body.seed,
      now: body.now,
      processingMs: typeof body.processing_ms === "number" ? body.processing_ms : undefined,
    };
  } catch {
    return null;
  }

  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${origin}/__mock${path}`, {
      method,
      headers: { ...auth, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`mock control ${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    return text === "" ? undefined : (JSON.parse(text) as unknown);
  }

  return {
    identity,
    async advanceClock(ms) {
      await call("POST", "/clock/advance", { ms });
    },
    scenarios: async () => (await call("GET", "/scenarios")) as MockScenarios,
    deliveries: (sessionId) => call("GET", `/webhooks/deliveries?session_id=${encodeURIComponent(sessionId)}`),
    async finishProcessing(sessionId) {
      await call("POST", `/sessions/${encodeURIComponent(sessionId)}/transition`, { action: "finish_processing" });
    },
  };
}
