// The hosted journey: pick a bank, upload statements, finish or exit. Session state always comes
// from the mock (the same lifecycle as the API); this file only keeps which screen is showing.
import * as api from "./api.js";
import { errorPayload, isEmbedded, post, resultUrl } from "./events.js";
import { samplePdf } from "./sample-pdf.js";

const $ = (sel, root = document) => root.querySelector(sel);
const sessionId = new URLSearchParams(location.search).get("session_id") ?? "";
const POPULAR = ["hdfc", "sbi", "icici", "axis", "kotak", "baroda", "pnbbnk", "canara", "indusind", "yesbnk", "idfc", "union"];

let session = null; // the mock's JourneyState
let options = { banks: [], session_scenarios: [], upload_outcomes: [] };
let bank = null; // { identifier, name }
let nextOutcome = "";
let finished = false;
let lastSample = 0;

const screen = $("#screen");
const backButton = $("#back");

function render(templateId) {
  const node = $(templateId).content.cloneNode(true);
  screen.replaceChildren(node);
  screen.querySelector("h1")?.focus?.();
  return screen;
}

const dmy = (iso) => iso.split("-").reverse().join("/");
const rangeText = () => `Statements from ${dmy(session.date_range.from)} to ${dmy(session.date_range.to)}`;
const bankLabel = (b) => b.name.toUpperCase();

/** Every event goes to the host (when embedded) and to the mock panel's log. */
function emit(status, payload) {
  const message = post(status, payload);
  const item = document.createElement("li");
  item.textContent = `${status} ${JSON.stringify(message.payload)}${isEmbedded() ? "" : " (not posted: not in an iframe)"}`;
  $("#mock-events").append(item);
  $("#mock-event-count").textContent = String($("#mock-events").children.length);
}

// ------------------------------------------------------------------ screens

function showError(error) {
  render("#tpl-error");
  $("[data-message]", screen).textContent = error.message;
  $("[data-code]", screen).textContent = error.code;
  backButton.hidden = true;
  const close = $("[data-close]", screen);
  // Only when there is somewhere to go back to: a host page, or the client's redirect_url.
  if (isEmbedded() || session?.redirect_url) {
    close.hidden = false;
    close.addEventListener("click", exit);
  }
  $("#exit").hidden = !(isEmbedded() || session?.redirect_url);
}

function showBanks() {
  render("#tpl-banks");
  $("[data-range]", screen).textContent = rangeText();
  backButton.hidden = true;
  const list = $("#bank-list", screen);
  const search = $("#bank-search", screen);
  const fill = () => {
    const q = search.value.trim().toLowerCase();
    const shown = q
      ? options.banks.filter((b) => b.name.toLowerCase().includes(q) || b.identifier.includes(q)).slice(0, 30)
      : POPULAR.map((id) => options.banks.find((b) => b.identifier === id)).filter(Boolean);
    list.replaceChildren(
      ...shown.map((b) => {
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "bank";
        button.dataset.bank = b.identifier;
        button.textContent = b.name;
        button.addEventListener("click", () => {
          bank = b;
          emit("info", { linkId: session.link_id, event_name: "bank_selected", message: bankLabel(b) });
          showUpload();
        });
        li.append(button);
        return li;
      }),
    );
    if (shown.length === 0) list.innerHTML = '<li class="muted">No bank matches. Try another spelling.</li>';
  };
  search.addEventListener("input", fill);
  fill();
  updateMockPanel();
}

function showUpload() {
  render("#tpl-upload");
  $("[data-bank]", screen).textContent = bank.name;
  $("[data-range]", screen).textContent = `${rangeText()}. Add several files if one does not cover it all.`;
  backButton.hidden = Boolean(session.bank_name);
  emit("info", { linkId: session.link_id, event_name: "manual", message: "" });
  const uploads = $("#uploads", screen);
  // Statements already in the session (a returning user) are listed first.
  for (const st of session.statements) {
    const row = addRow(uploads, st.file_name);
    if (st.failure) markRejected(row, st.failure);
    else markAccepted(row);
  }
  $("#files", screen).addEventListener("change", async (e) => {
    const files = [...e.target.files];
    e.target.value = "";
    for (const file of files) await uploadOne(file, $("#password", screen).value);
  });
  $("#submit", screen).addEventListener("click", succeed);
  updateProgress();
  updateMockPanel();
}

function showResult(icon, title, text) {
  render("#tpl-result");
  const i = $("[data-icon]", screen);
  i.textContent = icon === "ok" ? "✓" : "←";
  i.classList.add(icon);
  $("[data-title]", screen).textContent = title;
  $("[data-text]", screen).textContent = text;
  backButton.hidden = true;
  $("#exit").hidden = true;
  $("#mock-sample").disabled = true;
}

// ------------------------------------------------------------------ uploads

function addRow(list, fileName) {
  const li = document.createElement("li");
  li.className = "upload busy";
  li.innerHTML = '<span class="name"></span><span class="state">Uploading…</span><span class="detail"></span>';
  $(".name", li).textContent = fileName;
  list.append(li);
  return li;
}

function markAccepted(row) {
  row.className = "upload ok";
  $(".state", row).textContent = "Accepted";
  $(".detail", row).textContent = "";
}

function markRejected(row, error) {
  row.className = "upload bad";
  $(".state", row).textContent = "Rejected";
  $(".detail", row).textContent = error.message;
  row.dataset.code = error.code;
}

async function uploadOne(file, password, row = addRow($("#uploads", screen), file.name)) {
  row.className = "upload busy";
  $(".state", row).textContent = "Uploading…";
  const outcome = nextOutcome;
  setOutcome("");
  const res = await api.upload(sessionId, { file, bankName: bank.identifier, password, outcome });
  await refresh();
  let error = res.ok ? session.statements.find((s) => s.statement_id === res.body.statement_id)?.failure : res.body.error;
  if (!res.ok && !error) error = { code: "UPLOAD_FAILED", message: `The upload failed (${res.status}).` };
  if (!error) {
    markAccepted(row);
  } else {
    markRejected(row, error);
    emit("error", errorPayload(error.code, error.message, { linkId: session.link_id, bank: bank.identifier, from: dmy(session.date_range.from), to: dmy(session.date_range.to) }));
    if (error.code === "PASSWORD_INCORRECT") askPassword(row, file);
    if (error.code === "SESSION_EXPIRED" && session.closed) return showError(session.closed);
  }
  updateProgress();
}

/** A protected PDF: ask for its password on the row and upload it again. */
function askPassword(row, file) {
  const form = document.createElement("form");
  form.className = "retry";
  form.innerHTML = '<label>Password for this file <input type="password" name="pw" autocomplete="off" required></label> <button type="submit">Retry</button>';
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const pw = form.elements.pw.value;
    form.remove();
    uploadOne(file, pw, row);
  });
  row.append(form);
  form.elements.pw.focus();
}

async function refresh() {
  const res = await api.sessionState(sessionId);
  if (res.ok) session = res.body;
  updateMockPanel();
}

function updateProgress() {
  const accepted = session.statements.filter((s) => !s.failure).length;
  const status = session.upload_status.upload_status;
  const p = $("#progress", screen);
  if (!p) return;
  if (accepted === 0) p.textContent = "No statement accepted yet.";
  else if (status === "COMPLETED") p.textContent = `${accepted} statement${accepted > 1 ? "s" : ""} accepted: the whole period is covered.`;
  else {
    const multi = session.scenario === "multibanking";
    p.textContent = `${accepted} statement${accepted > 1 ? "s" : ""} accepted. ${multi ? "Add a statement of another bank too (← back)." : "The period is not fully covered yet: add the remaining statements."} You can submit now or add more.`;
  }
  p.className = `progress ${status === "COMPLETED" ? "done" : ""}`;
  $("#submit", screen).disabled = accepted === 0;
}

// ------------------------------------------------------------------ endings

function succeed() {
  finished = true;
  if (isEmbedded()) {
    emit("success", { linkId: session.link_id, sessionId: session.session_id });
    return showResult("ok", "Statements submitted", "You can close this window.");
  }
  if (session.redirect_url) return location.assign(resultUrl(session.redirect_url, true, session.session_id));
  showResult("ok", "Statements submitted", `Session ${session.session_id} is complete. No redirect_url was given to create-session, so the journey ends here.`);
}

function exit() {
  if (finished) return;
  finished = true;
  if (isEmbedded()) {
    emit("exit", { linkId: session?.link_id ?? "", message: "User exited the journey" });
    return showResult("back", "You left the journey", "Your uploads so far are kept with this session.");
  }
  if (session?.redirect_url) return location.assign(resultUrl(session.redirect_url, false, session.session_id));
  showResult("back", "You left the journey", "No redirect_url was given to create-session, so the journey ends here.");
}

backButton.addEventListener("click", () => {
  emit("info", { linkId: session.link_id, event_name: "manual_upload_back", message: "" });
  showBanks();
});
$("#exit").addEventListener("click", exit);

// ------------------------------------------------------------------ mock-only panel

function setOutcome(value) {
  nextOutcome = value;
  $("#mock-outcome").value = value;
}

function option(value, text) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = text;
  return o;
}

function setupMockPanel() {
  const panel = $("#mock");
  panel.hidden = false;
  $("#mock-session").textContent = session.session_id;
  $("#mock-workflow").textContent = isEmbedded()
    ? "Inline-frame workflow: events go to the parent page with postMessage."
    : session.redirect_url
      ? `Redirect workflow: success and exit go to ${session.redirect_url}`
      : "No redirect_url and not in an iframe: the result is shown on this page.";

  const scenario = $("#mock-scenario");
  scenario.replaceChildren(...options.session_scenarios.map((s) => option(s.name, `${s.name} (${s.kind})`)));
  scenario.addEventListener("change", async () => {
    const res = await api.setScenario(sessionId, scenario.value);
    if (res.ok) session = res.body;
    $("#mock-note").textContent = res.ok ? `Scenario ${session.scenario} set.` : res.body.error.message;
    updateMockPanel();
  });

  const outcome = $("#mock-outcome");
  const groups = [
    ["upload", "Rejected at upload"],
    ["extraction", "Accepted, then extraction fails"],
    ["request", "Documented error response"],
  ];
  outcome.replaceChildren(
    option("", "Real checks (default)"),
    ...groups.map(([phase, label]) => {
      const g = document.createElement("optgroup");
      g.label = label;
      g.append(...options.upload_outcomes.filter((o) => o.phase === phase).map((o) => option(o.code, o.code)));
      return g;
    }),
  );
  outcome.addEventListener("change", () => (nextOutcome = outcome.value));

  $("#mock-sample").addEventListener("click", () => {
    if (!bank) return;
    // Numbered past every sample this session already holds, so a new one is never a duplicate.
    const held = session.statements.map((s) => Number(/-sample-statement-(\d+)/.exec(s.file_name)?.[1] ?? 0));
    const n = (lastSample = Math.max(lastSample, ...held) + 1);
    uploadOne(samplePdf({ bank: bank.identifier, sessionId, n }), $("#password")?.value ?? "");
  });
  updateMockPanel();
}

function updateMockPanel() {
  if (!session) return;
  $("#mock-upload-status").textContent = session.upload_status.upload_status;
  const scenario = $("#mock-scenario");
  scenario.value = session.scenario;
  scenario.disabled = session.statements.length > 0;
  scenario.title = scenario.disabled ? "The scenario is set before the first upload." : "";
  const onUpload = Boolean($("#uploads"));
  $("#mock-sample").disabled = !onUpload || finished;
  if (!onUpload && !finished) $("#mock-note").textContent = "Pick a bank first.";
  else if ($("#mock-note").textContent === "Pick a bank first.") $("#mock-note").textContent = "";
}

// ------------------------------------------------------------------ start

async function start() {
  if (!sessionId) return showError({ code: "INVALID_REQUEST", message: "This page needs ?session_id=…: open the redirect_url that POST /v1/session/ answered." });
  const [state, opts] = await Promise.all([api.sessionState(sessionId), api.options()]);
  if (opts.ok) options = opts.body;
  if (!state.ok) return showError(state.body.error);
  session = state.body;
  if (session.closed) return showError(session.closed);
  setupMockPanel();
  if (session.bank_name) {
    // The vendor documents it: a bank_name on the session skips the bank selection screen.
    bank = { identifier: session.bank_name, name: session.bank_full_name ?? session.bank_name };
    showUpload();
  } else {
    showBanks();
  }
}

start()
  .catch((err) => showError({ code: "PAGE_ERROR", message: `The page could not start: ${err.message}` }))
  .finally(() => (document.body.dataset.ready = "true"));
