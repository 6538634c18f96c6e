import { describe, expect, it } from "vitest";
import type { ErrorCatalogue } from "../../openapi/lib/index.js";
import type { LogLine } from "../lib/recorder.js";
import { buildErrorCoverage, renderErrorCoverage } from "./error-coverage.js";

const catalogue: ErrorCatalogue = {
  generated_from: "test",
  http: [
    { code: "SESSION_NOT_FOUND", status: "404", message: "", operations: ["getProgress"] },
    { code: "SERVICE_UNAVAILABLE", status: "5XX", message: "", operations: ["getProgress"] },
    { code: "ACCESS_DENIED", status: "403", message: "", operations: ["getProgress"] },
  ],
  account_level: [{ code: "BALANCE_MISMATCH", message: "" }],
  statement_level: [
    { code: "PDF_IS_IMAGE", message: "" },
    { code: "EXTRACTION_FAILED", message: "" },
  ],
};

let seq = 0;
function line(partial: Partial<LogLine>): LogLine {
  return {
    kind: "http", file: "f", test: "t", seq: seq++, operationId: "getProgress", method: "GET", path: "/v1/x", template: "/v1/x",
    scenario: null, status: 200, code: null, bodyCodes: [], violations: [], ...partial,
  };
}

describe("error coverage", () => {
  const log = [
    line({ status: 404, code: "SESSION_NOT_FOUND", scenario: "SESSION_NOT_FOUND" }),
    line({ status: 404, code: "SESSION_NOT_FOUND", test: "natural" }),
    line({ status: 503, code: "SERVICE_UNAVAILABLE", scenario: "SERVICE_UNAVAILABLE" }),
    line({ status: 400, code: "ACCESS_DENIED" }),
    line({ operationId: "uploadStatement", method: "POST", status: 400, code: "PDF_IS_IMAGE" }),
    line({ test: "extraction", operationId: "uploadStatement", scenario: "EXTRACTION_FAILED" }),
    line({ test: "extraction", bodyCodes: [{ level: "statement", code: "EXTRACTION_FAILED" }, { level: "account", code: "BALANCE_MISMATCH" }] }),
  ];
  const coverage = buildErrorCoverage(catalogue, log);
  const row = (code: string) => coverage.rows.find((r) => r.code === code);

  it("prefers a natural example over a forced one", () => {
    expect(row("SESSION_NOT_FOUND")).toMatchObject({ produced: true, natural: true, example: { test: "natural", scenario: null } });
  });

  it("matches 5XX codes on any 5xx status and reports them forced when only forced", () => {
    expect(row("SERVICE_UNAVAILABLE")).toMatchObject({ produced: true, natural: false, example: { scenario: "SERVICE_UNAVAILABLE" } });
  });

  it("does not count a code seen under a status the catalogue does not give it", () => {
    expect(row("ACCESS_DENIED")?.produced).toBe(false);
  });

  it("counts statement codes from upload rejections and from bodies, tracing a body code to the scenario that forced it", () => {
    expect(row("PDF_IS_IMAGE")).toMatchObject({ level: "statement", produced: true, natural: true });
    expect(row("EXTRACTION_FAILED")).toMatchObject({ produced: true, natural: false, example: { scenario: "EXTRACTION_FAILED" } });
    expect(row("BALANCE_MISMATCH")).toMatchObject({ level: "account", produced: true, natural: true });
  });

  it("totals and renders every documented code, unproduced ones marked", () => {
    expect(coverage.totals).toEqual({ http: { documented: 3, produced: 2 }, account: { documented: 1, produced: 1 }, statement: { documented: 2, produced: 2 } });
    const md = renderErrorCoverage(coverage);
    expect(md).toContain("| ACCESS_DENIED | 403 | **no** |");
    expect(md).toContain("- HTTP error codes: 2/3");
  });
});
