import { describe, expect, it } from "vitest";
import { SERVER_OPTIONS } from "./options.js";
import { parseServerArgs } from "./program.js";

describe("parseServerArgs: flags, environment and defaults", () => {
  it("defaults to 127.0.0.1:4010 with the control API on and no overrides", () => {
    const parsed = parseServerArgs([], {});
    expect(parsed).toMatchObject({ host: "127.0.0.1", port: 4010 });
    expect(parsed.server.control).toBe(true);
    expect(parsed.server.clock).toBeUndefined();
    expect(parsed.server.seed).toBeUndefined();
    expect(parsed.server.apiKey).toBeUndefined();
    expect(parsed.server.processingMs).toBeUndefined();
  });

  it("reads HOST, PORT and the MOCK_* variables", () => {
    const parsed = parseServerArgs([], {
      HOST: "0.0.0.0",
      PORT: "8080",
      MOCK_SEED: "env-seed",
      MOCK_PROCESSING_MS: "250",
      MOCK_API_KEY: "env-key",
      MOCK_SERVER_HASH: "env-hash",
      MOCK_WEBHOOK_RETRY_BASE_MS: "40",
    });
    expect(parsed.host).toBe("0.0.0.0");
    expect(parsed.port).toBe(8080);
    expect(parsed.server).toMatchObject({ seed: "env-seed", processingMs: 250, apiKey: "env-key", serverHash: "env-hash", webhookRetryBaseMs: 40 });
  });

  it("lets flags win over environment variables", () => {
    const env = { HOST: "0.0.0.0", PORT: "8080", MOCK_SEED: "env-seed", MOCK_PROCESSING_MS: "250", MOCK_API_KEY: "env-key", MOCK_SERVER_HASH: "env-hash", MOCK_WEBHOOK_RETRY_BASE_MS: "40" };
    const parsed = parseServerArgs(
      ["--host", "::1", "--port", "9000", "--seed", "flag-seed", "--processing-ms", "10", "--api-key", "flag-key", "--server-hash", "flag-hash", "--webhook-retry-base-ms", "5"],
      env,
    );
    expect(parsed.host).toBe("::1");
    expect(parsed.port).toBe(9000);
    expect(parsed.server).toMatchObject({ seed: "flag-seed", processingMs: 10, apiKey: "flag-key", serverHash: "flag-hash", webhookRetryBaseMs: 5 });
  });

  it("--strict-pdf and --pdf-page-limit (or MOCK_STRICT_PDF / MOCK_PDF_PAGE_LIMIT) reach the server options", () => {
    expect(parseServerArgs([], {}).server).not.toHaveProperty("strictPdf");
    expect(parseServerArgs(["--strict-pdf", "--pdf-page-limit", "10"], {}).server).toMatchObject({ strictPdf: true, pdfPageLimit: 10 });
    expect(parseServerArgs([], { MOCK_STRICT_PDF: "1", MOCK_PDF_PAGE_LIMIT: "200" }).server).toMatchObject({ strictPdf: true, pdfPageLimit: 200 });
    expect(parseServerArgs([], { MOCK_STRICT_PDF: "0" }).server).not.toHaveProperty("strictPdf");
    expect(() => parseServerArgs(["--pdf-page-limit", "0"], {})).toThrow(/--pdf-page-limit must be an integer from 1/);
    expect(() => parseServerArgs([], { MOCK_STRICT_PDF: "yes" })).toThrow(/MOCK_STRICT_PDF must be/);
  });

  it("--no-control turns the control API off", () => {
    expect(parseServerArgs(["--no-control"], {}).server.control).toBe(false);
  });

  it("--clock manual --start-time gives a manual clock at that time", () => {
    const { server } = parseServerArgs(["--clock", "manual", "--start-time", "2024-02-01T10:00:00Z"], {});
    const clock = server.clock;
    expect(clock).toBeDefined();
    try {
      expect(clock?.now()).toBe(Date.UTC(2024, 1, 1, 10));
      expect(clock?.now()).toBe(Date.UTC(2024, 1, 1, 10));
      clock?.advance(1000);
      expect(clock?.now()).toBe(Date.UTC(2024, 1, 1, 10, 0, 1));
    } finally {
      clock?.dispose();
    }
    expect(parseServerArgs(["--clock", "system"], {}).server.clock).toBeUndefined();
  });

  it("reads faults and limits", () => {
    const { server } = parseServerArgs(["--delay-ms", "20", "--failure-rate", "0.25", "--failure-status", "504", "--upload-limit", "2048", "--journal-size", "5"], {});
    expect(server.faults).toEqual({ delayMs: 20, failureRate: 0.25, failureStatus: 504 });
    expect(server).toMatchObject({ uploadLimitBytes: 2048, journalSize: 5 });
  });

  it.each([
    [["--port", "70000"], "--port"],
    [["--port", "http"], "--port"],
    [["--processing-ms", "soon"], "--processing-ms"],
    [["--processing-ms", "-1"], "--processing-ms"],
    [["--webhook-retry-base-ms", "0"], "--webhook-retry-base-ms"],
    [["--clock", "sundial"], "--clock"],
    [["--clock", "manual", "--start-time", "yesterday"], "--start-time"],
    [["--failure-status", "502"], "--failure-status"],
    [["--failure-rate", "2"], "--failure-rate"],
    [["--session-ttl-minutes", "1"], "--session-ttl-minutes"],
    [["--frobnicate"], "--frobnicate"],
    [["--public-url", "ftp://mock.example"], "--public-url"],
    [["--public-url", "not a url"], "--public-url"],
    [["--max-range-days", "0"], "--max-range-days"],
    [["--max-connections", "many"], "--max-connections"],
    [["--request-timeout-ms", "5"], "--request-timeout-ms"],
  ])("rejects %j with a message naming %s", (argv, flag) => {
    expect(() => parseServerArgs(argv, {})).toThrow(flag);
  });

  it.each([
    [{ PORT: "abc" }, "--port"],
    [{ MOCK_PROCESSING_MS: "1.5" }, "--processing-ms"],
    [{ MOCK_WEBHOOK_RETRY_BASE_MS: "x" }, "--webhook-retry-base-ms"],
  ])("rejects a bad environment value %j naming %s", (env, flag) => {
    expect(() => parseServerArgs([], env)).toThrow(flag);
  });
});

describe("SERVER_OPTIONS: every option is a flag and, where listed, a variable with the same effect", () => {
  const sample: Record<string, string> = {
    host: "0.0.0.0", port: "4011", seed: "s", "processing-ms": "10", "session-ttl-minutes": "60", "api-key": "k", "server-hash": "h",
    "webhook-retry-base-ms": "7", "webhook-max-attempts": "3", "webhook-timeout-ms": "900", "webhook-secret": "shh", "json-limit": "2048",
    "upload-limit": "4096", "journal-size": "12", "pdf-page-limit": "7", "delay-ms": "5", "failure-rate": "0.5", "failure-status": "500", clock: "system", "start-time": "2024-01-01T00:00:00Z",
    "state-file": "/tmp/mock-state.json", "control-token": "t0ken", "public-url": "https://mock.example:8443", "max-range-days": "365",
    "max-sessions-per-tenant": "50", "max-tenants": "20", "max-stored-bytes": "1048576", "retention-minutes": "5", "state-import-limit": "4096",
    "headers-timeout-ms": "2000", "request-timeout-ms": "4000", "keep-alive-timeout-ms": "1000", "max-connections": "64",
  };

  // The clock options build a clock object; they have their own test below.
  const plain = SERVER_OPTIONS.filter((o) => o.flag !== "clock" && o.flag !== "start-time");

  it.each(plain.map((o) => [o.flag, o.env] as const))("--%s (env %s)", (flag, env) => {
    const value = sample[flag];
    expect(value, `a sample value for --${flag}`).toBeDefined();
    const fromFlag = parseServerArgs([`--${flag}`, value as string], {});
    expect(fromFlag).not.toEqual(parseServerArgs([], {}));
    if (env) expect(parseServerArgs([], { [env]: value })).toEqual(fromFlag);
  });

  it("MOCK_CLOCK=manual with MOCK_START_TIME gives the same manual clock as the flags", () => {
    const { server } = parseServerArgs([], { MOCK_CLOCK: "manual", MOCK_START_TIME: "2024-02-01T10:00:00Z" });
    try {
      expect(server.clock?.now()).toBe(Date.UTC(2024, 1, 1, 10));
    } finally {
      server.clock?.dispose();
    }
  });
});
