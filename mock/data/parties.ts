import { majorBanks } from "./account.js";
import { COMPANY_SUFFIXES, UPI_HANDLES } from "./catalogues.js";
import { fakerFor, type Rng } from "./rng.js";
import type { Counterparty } from "./types.js";

/** The people and businesses one statement's transfers involve. */
export interface Parties {
  persons: Counterparty[];
  customers: Counterparty[];
  vendors: Counterparty[];
  employees: Counterparty[];
}

/**
 * Names come from one seeded faker pass per statement (a few dozen draws, not one per
 * transaction), then each party gets a bank, IFSC, UPI handle and account number from `rng`.
 */
export function makeParties(seed: string | number, key: string, rng: Rng): Parties {
  const faker = fakerFor("parties", seed, key);
  const personNames: string[] = [];
  for (let i = 0; i < 16; i++) personNames.push(`${faker.person.firstName()} ${faker.person.lastName()}`.toUpperCase());
  const businessStems: string[] = [];
  for (let i = 0; i < 20; i++) businessStems.push(faker.person.lastName().toUpperCase());

  const party = (role: Counterparty["role"], name: string): Counterparty => {
    const bank = rng.pick(majorBanks());
    const mobile = `${rng.int(6, 9)}${rng.digits(9, true)}`;
    const handleName = role === "person" && rng.chance(0.5) ? mobile : name.toLowerCase().replace(/[^a-z]/g, "").slice(0, 12);
    return {
      role,
      name,
      ifsc: `${bank.ifsc_prefix}0${rng.digits(6, true)}`,
      upi_handle: `${handleName}@${rng.pick(UPI_HANDLES)}`,
      bank: bank.identifier,
      account_number: rng.digits(bank.account_number_length),
    };
  };

  return {
    persons: personNames.slice(0, 10).map((n) => party("person", n)),
    employees: personNames.slice(10).map((n) => party("person", n)),
    customers: businessStems.slice(0, 10).map((s) => party("business", `${s} ${rng.pick(COMPANY_SUFFIXES)}`)),
    vendors: businessStems.slice(10).map((s) => party("business", `${s} ${rng.pick(COMPANY_SUFFIXES)}`)),
  };
}
