import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAccount } from "./account.js";
import { BANK_CATALOGUE } from "./banks-catalogue.js";
import { BANKS, bankCatalogue, findBank, suggestBanks } from "./banks.js";
import { PROFILES } from "./types.js";

describe("bank catalogue", () => {
  it("has every appendix row once, with lowercase identifiers and unique 4-letter IFSC prefixes", () => {
    expect(BANKS.length).toBe(BANK_CATALOGUE.length);
    expect(BANKS.length).toBe(346);
    expect(new Set(BANKS.map((b) => b.identifier)).size).toBe(BANKS.length);
    expect(new Set(BANKS.map((b) => b.ifsc_prefix)).size).toBe(BANKS.length);
    for (const b of BANKS) {
      expect(b.identifier).toBe(b.identifier.toLowerCase());
      expect(b.ifsc_prefix).toMatch(/^[A-Z]{4}$/);
      expect(b.micr_bank_code).toMatch(/^\d{3}$/);
    }
  });

  it("knows the real IFSC prefixes and flags of the major banks", () => {
    const expected: Record<string, string> = { hdfc: "HDFC", sbi: "SBIN", icici: "ICIC", axis: "UTIB", kotak: "KKBK", central: "CBIN", baroda: "BARB", canara: "CNRB", pnbbnk: "PUNB", ubi: "UBIN", iob: "IOBA", indbnk: "IDIB", yesbnk: "YESB", indusind: "INDB", idfc: "IDFB", federal: "FDRL", boi: "BKID", uco: "UCBA", idbi: "IBKL", rbl: "RATN" };
    for (const [id, prefix] of Object.entries(expected)) expect(findBank(id)?.ifsc_prefix, id).toBe(prefix);
    expect(BANKS.filter((b) => b.ifsc_prefix_is_real).length).toBeGreaterThanOrEqual(30);
    expect(findBank("hdfc")?.net_banking_available).toBe(true);
    expect(findBank("central")?.net_banking_available).toBe(false);
  });

  it("finds banks by identifier in any case, by name and by common short names", () => {
    expect(findBank("HDFC")?.identifier).toBe("hdfc");
    expect(findBank("Punjab-Sind")?.identifier).toBe("punjab_sind");
    expect(findBank("pune merchants")?.identifier).toBe("pune merchants");
    expect(findBank("PUNE_MERCHANTS")?.identifier).toBe("pune merchants");
    expect(findBank("State Bank of India")?.identifier).toBe("sbi");
    expect(findBank("pnb")?.identifier).toBe("pnbbnk");
    expect(findBank("no such bank")).toBeUndefined();
    expect(suggestBanks("hdfcc")).toContain("hdfc");
  });

  it("agrees with the vendor's catalogue example on AA availability of the banks it lists", () => {
    const aa = Object.fromEntries(bankCatalogue().map((b) => [b.name, b.is_aa_available]));
    expect({ SBI: aa.SBI, HDFC: aa.HDFC, ICICI: aa.ICICI, AXIS: aa.AXIS, KOTAK: aa.KOTAK, CENTRAL: aa.CENTRAL, CANARA: aa.CANARA }).toEqual({
      SBI: false,
      HDFC: true,
      ICICI: true,
      AXIS: true,
      KOTAK: true,
      CENTRAL: false,
      CANARA: false,
    });
  });

  it("serves the Bank Catalogue API shape", () => {
    const cat = bankCatalogue();
    expect(cat.length).toBe(BANKS.length);
    expect(cat.find((b) => b.name === "HDFC")).toEqual({
      name: "HDFC",
      full_name: "HDFC Bank",
      npci_code: "HDFC",
      logo_url: "https://s3.ap-south-1.amazonaws.com/finbox-cdn/bank_logos/hdfc_light.png",
      is_pdf_upload_available: true,
      is_net_banking_available: true,
      is_aa_available: true,
    });
  });
});

describe("accounts", () => {
  const arb = fc.record({
    seed: fc.oneof(fc.integer(), fc.string({ maxLength: 10 })),
    key: fc.string({ maxLength: 12 }),
    bank: fc.constantFrom(...BANKS.map((b) => b.identifier)),
    profile: fc.option(fc.constantFrom(...PROFILES), { nil: undefined }),
  });

  it("are plausible for their bank and stable for (seed, key)", () => {
    fc.assert(
      fc.property(arb, ({ seed, key, bank, profile }) => {
        const a = createAccount({ seed, key, bank, profile });
        const b = findBank(bank);
        expect(createAccount({ seed, key, bank, profile })).toEqual(a);
        expect(a.bank).toBe(bank);
        expect(a.account_number).toMatch(new RegExp(`^\\d{${b?.account_number_length}}$`));
        expect(a.ifsc).toMatch(/^[A-Z]{4}0[A-Z0-9]{6}$/);
        expect(a.ifsc?.slice(0, 4)).toBe(b?.ifsc_prefix);
        expect(a.micr).toMatch(/^\d{9}$/);
        expect(a.micr?.slice(3, 6)).toBe(b?.micr_bank_code);
        expect(a.account_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(a.account_category).toBe(a.profile === "corporate" ? "corporate" : "individual");
        if (profile) expect(a.profile).toBe(profile);
        expect([a.country_code, a.currency_code]).toEqual(["IN", "INR"]);
        expect(a.traits.employer !== null).toBe(a.profile === "salaried");
        expect(a.name).toMatch(/^[A-Z]/);
        expect(a.address).toMatch(/ - \d{6}$/);
      }),
      { numRuns: 150 },
    );
  });

  it("NULL_ACCOUNT_NUMBER blanks the number; fixture fields win over generated ones", () => {
    expect(createAccount({ seed: 1, key: "k", bank: "sbi", fault: "NULL_ACCOUNT_NUMBER" }).account_number).toBeNull();
    const a = createAccount({ seed: 1, key: "k", bank: "hdfc", fixture: { account_number: "123456789", name: "ACME", account_category: "corporate", ifsc: null, od_limit: 100000 } });
    expect(a).toMatchObject({ account_number: "123456789", name: "ACME", account_category: "corporate", profile: "corporate", ifsc: null, od_limit: 100000 });
    expect(() => createAccount({ seed: 1, key: "k", bank: "nope" })).toThrow(/unknown bank/);
  });
});
