// The page's calls to the mock. Uploads run the API's own upload operation for this session.

const BASE = "/bank-connect/journey/api";

async function json(res) {
  const body = await res.json().catch(() => ({ error: { code: "INVALID_RESPONSE", message: `The mock answered ${res.status} without JSON.` } }));
  return { status: res.status, ok: res.ok, body };
}

export const sessionState = (sessionId) => fetch(`${BASE}/session?session_id=${encodeURIComponent(sessionId)}`).then(json);

export const options = () => fetch(`${BASE}/options`).then(json);

export const setScenario = (sessionId, scenario) =>
  fetch(`${BASE}/scenario?session_id=${encodeURIComponent(sessionId)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario }),
  }).then(json);

/** The documented upload form; `outcome` is the mock-only x-mock-scenario of this upload. */
export function upload(sessionId, { file, bankName, password, outcome }) {
  const form = new FormData();
  form.set("session_id", sessionId);
  form.set("upload_type", "PDF");
  if (bankName) form.set("bank_name", bankName);
  if (password) form.set("pdf_password", password);
  form.set("file", file, file.name);
  const headers = outcome ? { "x-mock-scenario": outcome } : {};
  return fetch(`${BASE}/upload?session_id=${encodeURIComponent(sessionId)}`, { method: "POST", body: form, headers }).then(json);
}
