import type { OpenAPIV3_1 } from "openapi-types";
import parsed from "../generated/mock-control.json" with { type: "json" };
import { createContract, type Contract } from "./contract.js";

let contract: Contract | undefined;

/**
 * The control spec as shipped in openapi/generated/mock-control.json (kept equal to the YAML by
 * `npm run check:generated`): state documents are checked against its schemas in a browser too.
 */
export function bundledControlContract(): Contract {
  contract ??= createContract((parsed as unknown as { document: OpenAPIV3_1.Document }).document);
  return contract;
}
