// The dashboard's calls: the control API with the chosen tenant's key (and a control token when
// the mock asks for one), kept in this browser's localStorage, never in a custom header you type.

const KEY = "bankconnect-mock-dashboard";

export function loadSettings() {
  try {
    return { apiKey: "", controlToken: "", ...JSON.parse(localStorage.getItem(KEY) ?? "{}") };
  } catch {
    return { apiKey: "", controlToken: "" };
  }
}

export function saveSettings(settings) {
  localStorage.setItem(KEY, JSON.stringify(settings));
}

export class ControlError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `The mock answered ${status}.`);
    this.status = status;
    this.code = body?.error?.code ?? "HTTP_" + status;
  }
}

export function createClient(settings) {
  const headers = () => ({
    "x-api-key": settings.apiKey,
    ...(settings.controlToken ? { "x-mock-control-token": settings.controlToken } : {}),
  });
  async function call(method, path, body) {
    const res = await fetch(`/__mock${path}`, {
      method,
      headers: { ...headers(), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new ControlError(res.status, json);
    return json;
  }
  const sid = (id) => encodeURIComponent(id);
  return {
    info: () => call("GET", "/"),
    scenarios: () => call("GET", "/scenarios"),
    clock: () => call("GET", "/clock"),
    advance: (ms) => call("POST", "/clock/advance", { ms }),
    sessions: () => call("GET", "/sessions"),
    session: (id) => call("GET", `/sessions/${sid(id)}`),
    responses: (id, operations) => call("GET", `/sessions/${sid(id)}/responses${operations ? `?operations=${operations}` : ""}`),
    transition: (id, body) => call("POST", `/sessions/${sid(id)}/transition`, body),
    remove: (id) => call("DELETE", `/sessions/${sid(id)}`),
    fire: (id, event) => call("POST", `/sessions/${sid(id)}/webhooks/${event}`),
    reset: () => call("POST", "/reset"),
    journal: (limit = 50) => call("GET", `/journal?limit=${limit}`),
    webhookConfig: () => call("GET", "/webhooks/config"),
    deliveries: (limit = 50) => call("GET", `/webhooks/deliveries?limit=${limit}`),
    replay: (id) => call("POST", `/webhooks/deliveries/${encodeURIComponent(id)}/replay`),
  };
}
