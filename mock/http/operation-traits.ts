/**
 * What sets an operation apart on the request path, in one table instead of `operationId === "…"`
 * comparisons spread over the pipeline and the error mapper. Operations not listed have no traits.
 */
export interface OperationTraits {
  /** The API key may come in the body (`api_key`) instead of the `x-api-key` header. */
  credentialsInBody?: boolean;
  /** Errors come in the upload envelope `{session_id, statement_id, error}`. */
  uploadEnvelope?: boolean;
  /** A JSON body is refused with the vendor's form-field message (the operation takes a form). */
  formOnly?: boolean;
  /** Which domain scenarios `x-mock-scenario` may name here (besides documented codes). */
  scenarios?: { session?: boolean; statement?: boolean };
  /** The response hands out get_pdfs links to the session's files, so the files must be resolvable. */
  storesFiles?: boolean;
}

export const OPERATION_TRAITS: Readonly<Record<string, OperationTraits>> = {
  createSession: { credentialsInBody: true, scenarios: { session: true } },
  uploadStatement: { uploadEnvelope: true, formOnly: true, scenarios: { statement: true }, storesFiles: true },
  getPdfs: { storesFiles: true },
};

const NONE: OperationTraits = {};

export function traitsOf(operationId: string): OperationTraits {
  return OPERATION_TRAITS[operationId] ?? NONE;
}
