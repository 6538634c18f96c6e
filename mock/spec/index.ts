import type { OpenAPIV3_1 } from "openapi-types";
import { loadSpec, SPEC_PATH } from "./load.js";
import { buildOperationIndex, type OperationIndex } from "./operations.js";
import { createSchemaRegistry, type SchemaRegistry } from "./schemas.js";

export * from "./load.js";
export * from "./operations.js";
export * from "./schemas.js";
export * from "./error-catalogue.js";

export interface Contract {
  doc: OpenAPIV3_1.Document;
  schemas: SchemaRegistry;
  operations: OperationIndex;
}

const contracts = new Map<string, Contract>();

/** The parsed spec with its validators and operation index, built once per spec file per process. */
export function getContract(path: string = SPEC_PATH): Contract {
  let c = contracts.get(path);
  if (!c) {
    const doc = loadSpec(path);
    c = { doc, schemas: createSchemaRegistry(doc), operations: buildOperationIndex(doc) };
    contracts.set(path, c);
  }
  return c;
}
