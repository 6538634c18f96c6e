// The dashboard: one tenant's sessions, their timelines and read answers, one-click control
// actions, webhook deliveries and the request journal, refreshed by polling the control API.
import { createClient, loadSettings, saveSettings } from "./control.js";
import { badge, h, json, shortId, table, time, update } from "./render.js";

const $ = (sel) => document.querySelector(sel);
const POLL_MS = 2000;
const READS = ["getUploadStatus", "getSessionUploadStatus", "getProgress", "getSessionStatus", "getInsights", "getSubscribedData", "getPdfs"];
const EVENTS = ["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION", "SESSION_EXPIRY_NOTIFICATION"];

const settings = loadSettings();
let client = createClient(settings);
let catalogue = null;
let selected = null; // session id
let activeRead = "getProgress";
let openDelivery = null;
let polling = false;

// ------------------------------------------------------------------ notices and actions

function notice(text, kind = "ok") {
  const n = $("#notice");
  n.hidden = false;
  n.className = `notice ${kind}`;
  n.textContent = text;
}

/** Runs one control call from a button, reports it, and refreshes at once. */
async function act(label, fn) {
  try {
    await fn();
    notice(`${label}: done.`);
  } catch (err) {
    notice(`${label}: ${err.code ? `${err.code}: ` : ""}${err.message}`, "bad");
  }
  await refresh();
}

// ------------------------------------------------------------------ sessions

function renderSessions(sessions) {
  return table(
    [
      { label: "Session", value: (s) => h("code", { title: s.session_id }, shortId(s.session_id)) },
      { label: "Link id", value: (s) => s.link_id },
      { label: "Phase", value: (s) => badge(s.phase) },
      { label: "Accounts", value: (s) => s.account_count, class: "num" },
      { label: "Statements", value: (s) => s.statement_count, class: "num" },
      { label: "Scenario", value: (s) => s.scenario },
      { label: "Created", value: (s) => time(s.created_at) },
      { label: "Expires", value: (s) => time(s.expires_at) },
    ],
    [...sessions].reverse(),
    {
      onRow: (s) => {
        selected = s.session_id;
        $("#detail").dataset.key = "";
        refresh();
      },
      selected: (s) => s.session_id === selected,
      empty: "No sessions for this API key yet. Create one with POST /bank-connect/v1/session/.",
    },
  );
}

// ------------------------------------------------------------------ one session

function select(id, values, selectedValue) {
  return h("select", { id }, values.map((v) => h("option", { value: v, selected: v === selectedValue }, v)));
}

function actions(s) {
  const accountCodes = (catalogue?.session ?? []).filter((x) => x.kind === "account_failure").map((x) => x.name);
  const sessionScenarios = (catalogue?.session ?? []).map((x) => x.name);
  const processing = s.phase === "PROCESSING";
  const open = ["NO_UPLOAD", "IN_PROGRESS"].includes(s.phase);
  const button = (label, onclick, disabled, title) => h("button", { type: "button", onclick, disabled, title: disabled ? title : undefined }, label);
  const id = s.session_id;
  return h(
    "div",
    { class: "actions", role: "group", "aria-label": "Actions on this session" },
    button("Complete upload", () => act("complete_upload", () => client.transition(id, { action: "complete_upload" })), !open, "Only before the upload is COMPLETED"),
    button("Finish processing", () => act("finish_processing", () => client.transition(id, { action: "finish_processing" })), !processing, "Only while PROCESSING (after initiate_processing)"),
    button("Expire now", () => act("expire", () => client.transition(id, { action: "expire" })), !["NO_UPLOAD", "IN_PROGRESS", "COMPLETED"].includes(s.phase), "Only before processing"),
    h(
      "span",
      { class: "combo" },
      select("fail-code", accountCodes),
      button("Fail accounts", () => act("fail_account", () => client.transition(id, { action: "fail_account", error_code: $("#fail-code").value })), s.phase === "PROCESSED", "Processing has finished"),
    ),
    h(
      "span",
      { class: "combo" },
      select("set-scenario", sessionScenarios, s.scenario),
      button("Set scenario", () => act("set_scenario", () => client.transition(id, { action: "set_scenario", scenario: $("#set-scenario").value })), s.statement_count > 0, "Only before the first upload"),
    ),
    h(
      "span",
      { class: "combo" },
      select("fire-event", EVENTS),
      button("Fire webhook", () => act("fire webhook", () => client.fire(id, $("#fire-event").value)), false),
    ),
    h("a", { class: "button-link", href: `/bank-connect/journey/?session_id=${encodeURIComponent(id)}`, target: "_blank", rel: "noopener" }, "Open journey page ↗"),
    button("Delete session", () => confirm(`Delete session ${id}?`) && act("delete", () => client.remove(id)).then(() => (selected = null)), false),
  );
}

function renderDetail(s) {
  return [
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Session"), h("dd", {}, h("code", {}, s.session_id)),
      h("dt", {}, "Phase"), h("dd", {}, badge(s.phase), " upload_status ", h("code", {}, s.upload_status)),
      h("dt", {}, "Link id"), h("dd", {}, s.link_id),
      h("dt", {}, "Scenario"), h("dd", {}, s.scenario, s.forced_account_failure ? ` · accounts will fail with ${s.forced_account_failure}` : ""),
      h("dt", {}, "Range"), h("dd", {}, `${s.date_range?.from} → ${s.date_range?.to}`),
      h("dt", {}, "Expires"), h("dd", {}, time(s.expires_at)),
      s.processing ? [h("dt", {}, "Processing"), h("dd", {}, `${time(s.processing.initiated_at)} → ${time(s.processing.completes_at)}${s.processing.finished ? " (finished)" : ""}`)] : [],
    ),
    actions(s),
    h("h3", {}, "Timeline"),
    h(
      "ol",
      { class: "timeline" },
      s.transitions.map((t) => h("li", {}, h("time", {}, time(t.at)), " ", t.from === t.to ? badge(t.to) : [badge(t.from), " → ", badge(t.to)], " ", h("span", { class: "muted" }, t.cause))),
    ),
    h("h3", {}, "Accounts and statements"),
    table(
      [
        { label: "Statement", value: (st) => h("code", { title: st.statement_id }, shortId(st.statement_id)) },
        { label: "File", value: (st) => st.file_name },
        { label: "Bank", value: (st) => st.bank },
        { label: "Period", value: (st) => `${st.period.from} → ${st.period.to}` },
        { label: "Transactions", value: (st) => st.transactions, class: "num" },
        { label: "Failure", value: (st) => (st.failure ? badge(st.failure.code, "failed") : "—") },
      ],
      s.statements,
      { empty: "No statements uploaded." },
    ),
  ];
}

function renderReads(responses) {
  const entry = responses[0];
  return [
    h(
      "div",
      { class: "tabs", role: "tablist", "aria-label": "Read operations" },
      READS.map((op) =>
        h("button", { type: "button", role: "tab", "aria-selected": op === activeRead ? "true" : "false", class: op === activeRead ? "tab active" : "tab", onclick: () => ((activeRead = op), refresh()) }, op),
      ),
    ),
    h(
      "div",
      { role: "tabpanel", class: "read" },
      h("p", {}, h("code", {}, `${entry.method} ${entry.path}`), " → ", badge(String(entry.status), entry.status < 300 ? "ok" : "failed")),
      json(entry.body),
    ),
  ];
}

// ------------------------------------------------------------------ webhooks and journal

function renderDeliveries(deliveries) {
  return table(
    [
      { label: "Created", value: (d) => time(d.created_at) },
      { label: "Event", value: (d) => d.event_name },
      { label: "Session", value: (d) => h("code", { title: d.session_id }, shortId(d.session_id)) },
      { label: "Status", value: (d) => badge(d.status) },
      { label: "Attempts", value: (d) => d.attempts.length, class: "num" },
      { label: "Last code", value: (d) => d.attempts.at(-1)?.status_code ?? d.attempts.at(-1)?.error ?? "—" },
      { label: "Latency", value: (d) => (d.attempts.length ? `${Math.round(d.attempts.at(-1).latency_ms)} ms` : "—"), class: "num" },
      { label: "", value: (d) => h("button", { type: "button", class: "small", onclick: (e) => (e.stopPropagation(), act(`replay ${shortId(d.delivery_id)}`, () => client.replay(d.delivery_id))) }, "Replay") },
    ],
    deliveries,
    { onRow: (d) => ((openDelivery = openDelivery === d.delivery_id ? null : d.delivery_id), refresh()), selected: (d) => d.delivery_id === openDelivery, empty: "No deliveries. Set a webhook URL with POST /v1/session_data/update_webhook/." },
  );
}

function renderDelivery(d) {
  if (!d) return [];
  return h(
    "div",
    { class: "delivery" },
    h("h3", {}, `Delivery ${d.delivery_id}${d.replay_of ? ` (replay of ${shortId(d.replay_of)})` : ""}`),
    h("p", {}, "To ", h("code", {}, d.url), d.next_attempt_at ? ` · next attempt ${time(d.next_attempt_at)}` : ""),
    table(
      [
        { label: "#", value: (a) => a.attempt, class: "num" },
        { label: "At", value: (a) => time(a.at) },
        { label: "Status code", value: (a) => a.status_code ?? "—" },
        { label: "Latency", value: (a) => `${Math.round(a.latency_ms)} ms`, class: "num" },
        { label: "Error", value: (a) => a.error ?? "—" },
      ],
      d.attempts,
      { empty: "Not attempted yet." },
    ),
    d.errors?.length ? h("p", { class: "bad" }, `Invalid payload: ${d.errors.join("; ")}`) : [],
    json(d.payload),
  );
}

function renderJournal(entries) {
  return table(
    [
      { label: "At", value: (e) => time(e.at) },
      { label: "Method", value: (e) => e.method },
      { label: "Path", value: (e) => h("code", {}, e.path) },
      { label: "Operation", value: (e) => e.operation_id ?? "—" },
      { label: "Status", value: (e) => badge(String(e.status), e.status < 300 ? "ok" : e.status < 500 ? "failed" : "error") },
      { label: "Error code", value: (e) => e.error_code ?? "—" },
      { label: "Scenario", value: (e) => e.scenario ?? "—" },
      { label: "Took", value: (e) => `${e.duration_ms} ms`, class: "num" },
    ],
    entries,
    { empty: "No requests from this API key yet." },
  );
}

function renderCatalogue(c) {
  const recipe = (text) => h("code", { class: "recipe" }, text);
  return [
    h("h3", {}, "Session scenarios"),
    table(
      [
        { label: "Name", value: (s) => h("strong", {}, s.name) },
        { label: "Kind", value: (s) => s.kind },
        { label: "What happens", value: (s) => s.description },
        { label: "Recipe", value: (s) => recipe(`POST /v1/session/ with header x-mock-scenario: ${s.name}`) },
      ],
      c.session,
    ),
    h("h3", {}, "Statement outcomes"),
    table(
      [
        { label: "Code", value: (s) => h("strong", {}, s.code) },
        { label: "When", value: (s) => (s.phase === "upload" ? "rejected by the upload (400)" : "accepted, then extraction fails") },
        { label: "Recipe", value: (s) => [recipe(`upload with header x-mock-scenario: ${s.code}`), " or a file named ", recipe(`statement-${s.code}.pdf`), s.real_trigger ? h("div", { class: "muted" }, `For real: ${s.real_trigger}`) : []] },
      ],
      c.statement,
    ),
    h(
      "details",
      { class: "codes" },
      h("summary", {}, h("strong", {}, "Documented error responses of each operation"), " — send x-mock-scenario: CODE on that call"),
      h("ul", {}, Object.entries(c.request).map(([op, codes]) => h("li", {}, h("strong", {}, op), ": ", codes.join(", ")))),
    ),
    h("p", {}, "Faults on any operation: ", c.faults.map((f) => [recipe(f), " "])),
    h("h3", {}, "Journeys of the seed documents"),
    h(
      "div",
      { class: "journeys" },
      c.journeys.map((j) => h("details", {}, h("summary", {}, `${j.name} — ${j.seed}`), h("ol", {}, j.steps.map((s) => h("li", {}, s))))),
    ),
  ];
}

// ------------------------------------------------------------------ refresh loop

async function refresh() {
  if (polling) return;
  polling = true;
  try {
    const clock = await client.clock();
    $("#clock").textContent = time(clock.now);
    if (!settings.apiKey) return;
    const [sessions, deliveries, journal, config] = await Promise.all([client.sessions(), client.deliveries(), client.journal(), client.webhookConfig()]);
    update($("#sessions"), { s: sessions.sessions, selected }, (d) => renderSessions(d.s));
    update($("#deliveries"), { d: deliveries.deliveries, openDelivery }, (d) => renderDeliveries(d.d));
    update($("#delivery-detail"), deliveries.deliveries.find((d) => d.delivery_id === openDelivery) ?? null, renderDelivery);
    update($("#journal"), journal.entries, renderJournal);
    $("#webhook-config").textContent = config.config ? `→ ${config.config.webhook_url} (${(config.config.webhook_mode ?? []).length} events${config.config.secret ? ", secret set" : ""})` : "no webhook URL set for this API key";
    if (selected && sessions.sessions.some((s) => s.session_id === selected)) {
      const [detail, reads] = await Promise.all([client.session(selected), client.responses(selected, activeRead)]);
      // The answers' timestamp moves with the clock; only a change in what they say re-renders.
      update($("#detail"), { detail, reads: reads.responses, activeRead }, (d) => [...renderDetail(d.detail), h("h3", {}, "What the read endpoints answer now"), ...renderReads(d.reads)]);
    } else if (selected === null || !sessions.sessions.some((s) => s.session_id === selected)) {
      selected = null;
      update($("#detail"), null, () => h("p", { class: "muted" }, "Pick a session to see its timeline and what its read endpoints answer now."));
    }
  } catch (err) {
    notice(`${err.code ? `${err.code}: ` : ""}${err.message}`, "bad");
  } finally {
    polling = false;
  }
}

// ------------------------------------------------------------------ start

$("#api-key").value = settings.apiKey;
$("#control-token").value = settings.controlToken;
$("#tenant-form").addEventListener("submit", (e) => {
  e.preventDefault();
  settings.apiKey = $("#api-key").value.trim();
  settings.controlToken = $("#control-token").value;
  saveSettings(settings);
  client = createClient(settings);
  selected = null;
  for (const id of ["#sessions", "#detail", "#deliveries", "#journal"]) $(id).dataset.key = "";
  $("#notice").hidden = true;
  refresh();
});
for (const b of document.querySelectorAll("[data-advance]")) {
  b.addEventListener("click", () => act(`advance clock ${b.textContent}`, () => client.advance(Number(b.dataset.advance))));
}
$("#reset").addEventListener("click", () => {
  if (settings.apiKey && confirm(`Forget every session, webhook setting, delivery and journal entry of ${settings.apiKey}?`)) act("reset tenant", () => client.reset());
});

client
  .scenarios()
  .then((c) => {
    catalogue = c;
    update($("#catalogue"), c, renderCatalogue);
  })
  .catch((err) => notice(err.message, "bad"));
refresh().then(() => (document.body.dataset.ready = "true"));
setInterval(() => document.visibilityState === "visible" && refresh(), POLL_MS);
