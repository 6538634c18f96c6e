/** The bank catalogue (what clients use to pick a valid `bank_name`) and how paths are matched. */
import { describe, expect, it } from "vitest";
import { useContract } from "../lib/harness.js";
import { createSession } from "../lib/journey-steps.js";

const h = useContract("reference-data");

describe("reference data", () => {
  it("the bank catalogue counts its banks, names each once and includes the banks the journeys use", async () => {
    const body = (await h.api.banksCatalogue()).data();
    expect(body.count).toBe(body.banks.length);
    // The vendor's catalogue spells names in capitals ("SBI") while bank_name takes "sbi".
    const names = body.banks.map((b) => b.name.toLowerCase());
    expect(new Set(names).size, "bank identifiers repeat").toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["hdfc", "sbi"]));
  });

  it("paths without the trailing slash are served like the documented ones", async (ctx) => {
    const { sessionId } = await createSession(h, ctx, "no-slash");
    const withSlash = await h.api.uploadStatus(sessionId);
    const without = await h.api.call("getUploadStatus", { pathParams: { session_id: sessionId }, dropTrailingSlash: true });
    expect(without.status).toBe(withSlash.status);
    expect(without.json).toEqual(withSlash.json);
    expect((await h.api.call("getBanksCatalogue", { dropTrailingSlash: true })).status).toBe(200);
  });
});
