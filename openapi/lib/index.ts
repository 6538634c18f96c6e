import { createContract, type Contract } from "./contract.js";
import { loadSpec, SPEC_PATH } from "./load.js";

export * from "./load.js";
export * from "./operations.js";
export * from "./schemas.js";
export * from "./error-catalogue.js";
export * from "./contract.js";

const contracts = new Map<string, Contract>();

/** The parsed spec with its validators and operation index, built once per spec file per process. */
export function getContract(path: string = SPEC_PATH): Contract {
  let c = contracts.get(path);
  if (!c) {
    c = createContract(loadSpec(path));
    contracts.set(path, c);
  }
  return c;
}
