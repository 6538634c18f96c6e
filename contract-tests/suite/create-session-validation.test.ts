/**
 * Each invalid create-session field answers the code the documents give that field (the vendor's
 * Session API matrix, carried into the spec as `x-error-code` and the 400 enum), not a generic one:
 * clients branch on these codes to tell the user what to fix.
 */
import { describe, it } from "vitest";
import { expectError } from "../lib/expect-error.js";
import { useContract } from "../lib/harness.js";

const h = useContract("create-session-validation");

const CASES: Array<[string, string, Record<string, unknown>]> = [
  ["from_date not DD/MM/YYYY", "INVALID_DATE_FORMAT", { from_date: "2024-01-01", to_date: "30/06/2024" }],
  ["to_date not a calendar date", "INVALID_DATE_FORMAT", { from_date: "01/01/2024", to_date: "31/02/2024" }],
  ["from_date after to_date", "INVALID_DATE_RANGE", { from_date: "30/06/2024", to_date: "01/01/2024" }],
  ["from_date without to_date", "MISSING_DATE_FIELD", { from_date: "01/01/2024" }],
  ["session_expiry below 5 minutes", "INVALID_SESSION_EXPIRY", { session_expiry: 2 }],
  ["session_expiry above 43200 minutes", "INVALID_SESSION_EXPIRY", { session_expiry: 43_201 }],
  ["a mobile_number that is not Indian", "INVALID_MOBILE_NUMBER", { mobile_number: "12345" }],
  ["a redirect_url that is not http(s)", "INVALID_URL", { redirect_url: "ftp://example.com/back" }],
  ["a logo_url that is not a URL", "INVALID_URL", { logo_url: "logo.png" }],
  ["an unknown bank_name", "INVALID_BANK_NAME", { bank_name: "no-such-bank" }],
  ["mode pdf without bank_name", "MISSING_BANK_NAME", { mode: "pdf" }],
  ["aa_recurring_tenure_month out of range", "INVALID_AA_PARAMETER", { aa_recurring_tenure_month: 99 }],
  ["no link_id", "INVALID_REQUEST", { link_id: undefined }],
];

describe("create-session validation", () => {
  it.each(CASES)("a body with %s answers 400 %s", async (_label, code, change) => {
    const body: Record<string, unknown> = { link_id: h.linkId("validation"), ...change };
    for (const [k, v] of Object.entries(body)) if (v === undefined) delete body[k];
    expectError(await h.api.createSession(body), 400, code);
  });

  it("mode aa with a bank that has no Account Aggregator answers 400 MODE_NOT_AVAILABLE", async (ctx) => {
    const banks = (await h.api.banksCatalogue()).data().banks;
    const noAa = banks.find((b) => !b.is_aa_available);
    if (!noAa) ctx.skip("every bank in the catalogue supports AA, so no request can trigger MODE_NOT_AVAILABLE");
    expectError(await h.api.createSession({ link_id: h.linkId("mode"), mode: "aa", bank_name: noAa?.name }), 400, "MODE_NOT_AVAILABLE");
  });
});
