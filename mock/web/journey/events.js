// What the hosted page tells its host, as the vendor's JavaScript integration page documents it:
// iframe events through window.parent.postMessage, redirects with ?success=… .

/** Upload error codes → the documented MU error types and sample reasons. */
const ERROR_TYPES = {
  TRIAL_PERIOD_EXPIRED: { type: "MU002", reason: () => "Trial Expired for Dev Credentials" },
  PASSWORD_INCORRECT: { type: "MU003", reason: () => "Password Incorrect" },
  BANK_NAME_MISMATCH: { type: "MU004", reason: (c) => `Not ${c.bank} statement` },
  PDF_IS_IMAGE: { type: "MU006" },
  INVALID_FILE_OBJECT: { type: "MU006" },
  EMPTY_FILE: { type: "MU006" },
  EXTRACTION_FAILED: { type: "MU006" },
  UNPARSABLE: { type: "MU006" },
  STATEMENT_UNSUPPORTED_FORMAT: { type: "MU020", reason: () => "Not a valid statement or bank is not supported" },
  BANK_NAME_UNDETECTED: { type: "MU020", reason: () => "Not a valid statement or bank is not supported" },
  INVALID_BANK_NAME: { type: "MU020", reason: () => "Not a valid statement or bank is not supported" },
  STATEMENT_NO_TRANSACTIONS: { type: "MU020", reason: () => "Not a valid statement or bank is not supported" },
  OUT_OF_DATE_RANGE: { type: "MU021", reason: (c) => `Please upload statements within the date range ${c.from} to ${c.to}` },
};

/**
 * The error event's payload for an upload error code. Codes the vendor documents no MU type for
 * (a duplicate, an oversized file, a 5XX) still post an error event, without error_type.
 */
export function errorPayload(code, message, context) {
  const known = ERROR_TYPES[code];
  const payload = { reason: known?.reason ? known.reason(context) : message, linkId: context.linkId };
  if (known) payload.error_type = known.type;
  return payload;
}

export const EVENT_TYPE = "finbox-bankconnect";

/** In an iframe the page talks to its parent; opened directly, it redirects. */
export function isEmbedded() {
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
}

/** Posts one documented event to the host page (any origin: the page cannot know the host's). */
export function post(status, payload) {
  const message = { type: EVENT_TYPE, status, payload };
  if (isEmbedded()) window.parent.postMessage(message, "*");
  return message;
}

/** The client's redirect_url with the documented result parameters. */
export function resultUrl(redirectUrl, success, sessionId) {
  const url = new URL(redirectUrl);
  url.searchParams.set("success", success ? "true" : "false");
  if (success) url.searchParams.set("session_id", sessionId);
  else url.searchParams.delete("session_id");
  return url.href;
}
