import { deterministicUuid } from "../core/ids.js";
import { findBank, BANKS, type Bank } from "./banks.js";
import { CITIES, COMPANY_SUFFIXES, EMPLOYER_SUFFIXES, FUNDS, LENDERS, UPI_HANDLES } from "./catalogues.js";
import { daysFromCivil, isoOf } from "../core/dates.js";
import type { FixtureAccount } from "./fixture-format.js";
import { fakerFor, Rng } from "./rng.js";
import type { Account, AccountTraits, Profile, DataFault } from "./types.js";

export interface CreateAccountOptions {
  seed: string | number;
  /** What makes this account distinct within the seed, e.g. `tenant/session/bank` or a file hash. */
  key: string;
  /** Vendor identifier or bank name, resolved with `findBank`. */
  bank: string;
  profile?: Profile;
  /** Identity fields a statement fixture supplies; anything it leaves out is generated. */
  fixture?: FixtureAccount;
  /** Only NULL_ACCOUNT_NUMBER changes the identity (the number is unreadable); others are ignored. */
  fault?: DataFault;
}

// Common leading digits of retail account numbers, where a bank has a recognisable pattern.
const ACCOUNT_LEADS: Record<string, string> = { hdfc: "50100", sbi: "3", axis: "91", icici: "0", kotak: "", central: "3" };

const LAKH = 100_000 * 100; // paisa

/**
 * An account identity, stable for (seed, key): the same inputs always produce the same number,
 * IFSC, holder and traits, whichever statements are later generated for it.
 * Throws RangeError for a bank name `findBank` does not know.
 */
export function createAccount(opts: CreateAccountOptions): Account {
  const bank = findBank(opts.bank);
  if (!bank) throw new RangeError(`unknown bank ${JSON.stringify(opts.bank)}: use an identifier from BANKS`);
  const rng = Rng.from("account", opts.seed, opts.key);
  const fx = opts.fixture;
  const profile: Profile =
    opts.profile ??
    fx?.profile ??
    (fx?.account_category === "corporate"
      ? "corporate"
      : fx
        ? "salaried"
        : (["salaried", "salaried", "salaried", "self_employed", "self_employed", "corporate"] as const)[rng.int(0, 5)]);
  const category = fx?.account_category ?? (profile === "corporate" ? "corporate" : "individual");
  const city = rng.pick(CITIES);

  const faker = fakerFor("account-holder", opts.seed, opts.key);
  const sex = faker.person.sexType();
  const first = faker.person.firstName(sex).toUpperCase();
  const last = faker.person.lastName().toUpperCase();
  const building = faker.location.buildingNumber();
  const street = faker.location.street().toUpperCase();
  const employerStem = faker.person.lastName().toUpperCase();
  const landlord = `${faker.person.firstName().toUpperCase()} ${faker.person.lastName().toUpperCase()}`;

  const holder =
    category === "corporate"
      ? `${last} ${rng.pick(COMPANY_SUFFIXES)}`
      : `${sex === "female" ? rng.pick(["MS.", "MRS."]) : "MR."} ${first} ${last}`;
  const address = `${building}, ${street}, ${city.name}, ${city.state} - ${city.pin}${rng.digits(3, true)}`;

  const branch = `0${rng.digits(5, true)}`;
  const generatedIfsc = `${bank.ifsc_prefix}0${branch}`;
  const generatedMicr = `${city.micr}${bank.micr_bank_code}${rng.digits(3, true)}`;
  const odLimit = fx?.od_limit ?? (category === "corporate" && rng.chance(0.5) ? rng.pick([5, 10, 25, 50]) * 100_000 : 0);
  const traits = makeTraits(rng, profile, employerStem, landlord, first);
  const accountNumber =
    opts.fault === "NULL_ACCOUNT_NUMBER" ? null : fx ? fx.account_number : generateAccountNumber(rng, bank);

  return {
    account_id: deterministicUuid("account", opts.seed, opts.key),
    bank: bank.identifier,
    account_number: accountNumber,
    name: fx?.name ?? holder,
    address: fx?.address ?? address,
    ifsc: fx && fx.ifsc !== undefined ? fx.ifsc : generatedIfsc,
    micr: fx && fx.micr !== undefined ? fx.micr : generatedMicr,
    account_category: category,
    credit_limit: fx?.credit_limit ?? 0,
    od_limit: odLimit,
    profile,
    account_opening_date:
      fx && fx.account_opening_date !== undefined
        ? fx.account_opening_date
        : rng.chance(0.5)
          ? isoOf(daysFromCivil(rng.int(2008, 2021), rng.int(1, 12), rng.int(1, 28)))
          : null,
    opening_balance_paisa: openingBalance(rng, profile, traits.monthly_income_paisa),
    country_code: "IN",
    currency_code: "INR",
    traits,
  };
}

function generateAccountNumber(rng: Rng, bank: Bank): string {
  const lead = ACCOUNT_LEADS[bank.identifier] ?? "";
  const rest = bank.account_number_length - lead.length;
  return lead + (lead.length > 0 ? rng.digits(rest, true) : rng.digits(rest));
}

function openingBalance(rng: Rng, profile: Profile, income: number): number {
  const factor = profile === "corporate" ? rng.real(0.08, 0.3) : profile === "self_employed" ? rng.real(0.3, 0.9) : rng.real(0.5, 1.4);
  return Math.round((income * factor) / 100) * 100;
}

function makeTraits(rng: Rng, profile: Profile, employerStem: string, landlord: string, first: string): AccountTraits {
  const income =
    profile === "corporate"
      ? Math.round(rng.skewed(5, 200)) * LAKH
      : profile === "self_employed"
        ? Math.round(rng.skewed(0.4, 8) * 100) * 1000 * 100
        : Math.round(rng.skewed(0.25, 2.5) * 100) * 1000 * 100;
  const employerBank = rng.pick(majorBanks());
  const mobile = `${rng.int(6, 9)}${rng.digits(9, true)}`;
  const pct = (lo: number, hi: number): number => Math.round((income * rng.real(lo, hi)) / 10_000) * 100;
  return {
    monthly_income_paisa: income,
    employer:
      profile === "salaried"
        ? { name: `${employerStem} ${rng.pick(EMPLOYER_SUFFIXES)}`, bank: employerBank.identifier, ifsc: `${employerBank.ifsc_prefix}0${rng.digits(6, true)}` }
        : null,
    salary_day: rng.pick([1, 1, 7, 28, 31, 31]),
    rent:
      profile !== "corporate" && rng.chance(profile === "salaried" ? 0.6 : 0.4)
        ? { landlord, amount_paisa: pct(0.15, 0.28), day: rng.int(1, 5) }
        : profile === "corporate" && rng.chance(0.4)
          ? { landlord, amount_paisa: pct(0.02, 0.06), day: rng.int(1, 7) }
          : null,
    emi: rng.chance(profile === "salaried" ? 0.45 : 0.4)
      ? { lender: rng.pick(LENDERS), amount_paisa: pct(0.06, 0.2), day: rng.pick([2, 5, 7, 10]), umrn: `${rng.pick(["HDFC", "ICIC", "UTIB", "YESB"])}${rng.digits(16, true)}` }
      : null,
    sip: profile !== "corporate" && rng.chance(0.4) ? { fund: rng.pick(FUNDS), amount_paisa: pct(0.02, 0.08), day: rng.int(5, 15) } : null,
    card_last4: rng.digits(4, true),
    card_bin: rng.pick(["541919", "459150", "652152", "437551", "524193"]),
    upi_handle: rng.chance(0.5) ? `${mobile}@${rng.pick(UPI_HANDLES)}` : `${first.toLowerCase().replace(/[^a-z]/g, "")}${rng.digits(2, true)}@${rng.pick(UPI_HANDLES)}`,
    mobile,
  };
}

let majors: Bank[] | undefined;
/** Banks with real IFSC prefixes: counterparties in notes should carry believable IFSCs. */
export function majorBanks(): readonly Bank[] {
  majors ??= BANKS.filter((b) => b.ifsc_prefix_is_real && ["sbi", "hdfc", "icici", "axis", "kotak", "baroda", "canara", "pnbbnk", "ubi", "yesbnk", "indusind", "idfc", "federal", "boi", "rbl", "central", "indbnk", "iob"].includes(b.identifier));
  return majors;
}
