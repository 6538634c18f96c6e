import type { Faker } from "@faker-js/faker";
// The per-locale entry loads only en_IN (with en and base as fallbacks); the package root would
// load every locale, which alone cost more than the rest of the mock's start-up.
import { faker as fakerEnIn } from "@faker-js/faker/locale/en_IN";
import { deterministicInt } from "../core/ids.js";

export { Rng } from "../core/random.js";

/**
 * A faker seeded for one object. The instance is shared and reseeded on every call, so use its
 * output before asking for another object's faker; that keeps construction cost out of hot loops
 * while each object's names still depend only on its own seed parts.
 */
export function fakerFor(...parts: Array<string | number>): Faker {
  fakerEnIn.seed(deterministicInt(...parts));
  return fakerEnIn;
}
