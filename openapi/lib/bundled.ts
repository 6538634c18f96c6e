import type { OpenAPIV3_1 } from "openapi-types";
import parsed from "../generated/bankconnect.json" with { type: "json" };
import { createContract, type Contract } from "./contract.js";

let contract: Contract | undefined;

/**
 * The spec as shipped in openapi/generated/bankconnect.json (kept equal to the YAML by
 * `npm run check:generated`), imported as a module so a bundler carries it to the browser.
 */
export function bundledContract(): Contract {
  contract ??= createContract((parsed as unknown as { document: OpenAPIV3_1.Document }).document);
  return contract;
}
