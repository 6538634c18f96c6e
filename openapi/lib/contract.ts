import type { OpenAPIV3_1 } from "openapi-types";
import { buildOperationIndex, type OperationIndex } from "./operations.js";
import { createSchemaRegistry, type SchemaRegistry } from "./schemas.js";

export interface Contract {
  doc: OpenAPIV3_1.Document;
  schemas: SchemaRegistry;
  operations: OperationIndex;
}

/** Validators and the operation index of a parsed document; no file access, so it runs in a browser too. */
export function createContract(doc: OpenAPIV3_1.Document): Contract {
  return { doc, schemas: createSchemaRegistry(doc), operations: buildOperationIndex(doc) };
}
