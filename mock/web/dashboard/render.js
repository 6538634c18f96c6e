// Small DOM helpers: build elements from data, never from HTML strings (no injection from payloads).

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** `2024-04-16T07:47:42.000Z` → `2024-04-16 07:47:42` (virtual time, UTC). */
export const time = (iso) => (iso ? iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "") : "—");

export const shortId = (id) => (id && id.length > 12 ? `${id.slice(0, 8)}…` : id);

export const badge = (text, kind = String(text).toLowerCase()) => h("span", { class: `badge badge-${kind.replace(/[^a-z0-9_-]/g, "")}` }, text);

export function json(value) {
  return h("pre", { class: "json" }, JSON.stringify(value, null, 2));
}

export function table(columns, rows, { onRow, selected, empty = "Nothing yet." } = {}) {
  if (rows.length === 0) return h("p", { class: "muted" }, empty);
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c.label)))),
    h(
      "tbody",
      {},
      rows.map((row) =>
        h(
          "tr",
          {
            class: selected && selected(row) ? "selected" : undefined,
            tabindex: onRow ? "0" : undefined,
            onclick: onRow ? () => onRow(row) : undefined,
            onkeydown: onRow ? (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), onRow(row)) : undefined,
          },
          columns.map((c) => h("td", { class: c.class }, c.value(row))),
        ),
      ),
    ),
  );
}

/** Replaces a container's content only when the data changed, so polling never steals focus or scroll. */
export function update(container, data, build) {
  const key = JSON.stringify(data);
  if (container.dataset.key === key) return;
  container.dataset.key = key;
  container.replaceChildren(...[build(data)].flat());
}
