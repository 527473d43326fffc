// The incident list: filters with counts, a dense sortable table, pagination, keyboard selection.
import { api, canWrite } from "./api.js";
import { h, replace, fmtNum, statusBadge, toast } from "./dom.js";
import { filterPanel, activeFilterChips, filtersOf, hashFor } from "./filters.js";
import { fmtDate, precisionNote, fmtPlace, actorLine, eventColor } from "./format.js";
import { setKeys } from "./keys.js";
import { rejectDialog, reviewAction } from "./review.js";

const PAGE_SIZE = 50;

/** The last list the reviewer looked at: the incident page walks it with j/k. */
export function rememberList(params, data) {
  sessionStorage.setItem("hw.list", JSON.stringify({
    params: Object.fromEntries(params), ids: data.items.map((i) => i.id),
    page: data.page, page_size: data.page_size, total: data.total,
  }));
}

export function lastList() {
  try { return JSON.parse(sessionStorage.getItem("hw.list") || "null"); } catch (e) { return null; }
}

function sortHeader(label, key, sort, apply, cls) {
  const active = sort === key || sort === "-" + key;
  const desc = sort === "-" + key;
  const next = active && desc ? key : "-" + key;
  return h("th", { class: ["sortable", cls], "aria-sort": active ? (desc ? "descending" : "ascending") : "none", scope: "col" },
    h("button", { type: "button", class: "th-btn", onclick: () => apply({ sort: next, page: "" }) },
      label, h("span", { class: "sort-ind", "aria-hidden": "true" }, active ? (desc ? "▼" : "▲") : "↕")));
}

export async function renderList(root, params) {
  const filters = filtersOf(params);
  const sort = params.get("sort") || "-date";
  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  const apply = (changes, replaceAll = false) => {
    const base = replaceAll ? {} : Object.fromEntries(params);
    location.hash = hashFor("incidents", { ...base, ...changes });
  };
  const applyFilters = (f) => {
    location.hash = hashFor("incidents", { ...f, sort: params.get("sort") || "" });
  };

  const side = h("aside", { class: "side" }, h("p", { class: "muted" }, "Loading filters…"));
  const main = h("section", { class: "main", "aria-label": "Incidents" }, h("p", { class: "muted" }, "Loading incidents…"));
  replace(root, h("div", { class: "layout" }, side, main));

  let data;
  try {
    data = await api("/incidents", { params: { ...filters, sort, page, page_size: PAGE_SIZE } });
  } catch (e) {
    replace(main, h("div", { class: "error-box", role: "alert" }, `Could not load incidents: ${e.message}`,
      e.hint ? h("div", { class: "hint" }, e.hint) : null));
    replace(side, filterPanel(filters, {}, applyFilters));
    return;
  }
  rememberList(params, data);
  replace(side, filterPanel(filters, data.counts, applyFilters));

  const first = data.total ? (data.page - 1) * data.page_size + 1 : 0;
  const last = Math.min(data.total, data.page * data.page_size);
  const pages = Math.max(1, Math.ceil(data.total / data.page_size));
  const pager = h("nav", { class: "pager", "aria-label": "Pages" },
    h("button", { type: "button", class: "btn btn-sm", disabled: data.page <= 1, onclick: () => apply({ page: data.page - 1 }) }, "‹ Prev"),
    h("span", { class: "pager-pos" }, `Page ${data.page} of ${pages}`),
    h("button", { type: "button", class: "btn btn-sm", disabled: data.page >= pages, onclick: () => apply({ page: data.page + 1 }) }, "Next ›"));

  const rows = data.items.map((inc, i) => {
    const tr = h("tr", {
      class: ["row", "row-" + (inc.status || "unreviewed")], tabindex: "-1", "data-id": inc.id, "data-index": String(i),
      onclick: (ev) => { if (!ev.target.closest("a")) select(i, true); },
      ondblclick: () => open(i),
    },
      h("td", { class: "c-status" }, statusBadge(inc.status)),
      h("td", { class: "c-date" }, h("span", { class: "mono" }, fmtDate(inc.date)),
        precisionNote(inc.date_precision) ? h("div", { class: "sub" }, precisionNote(inc.date_precision)) : null),
      h("td", { class: "c-type" },
        h("span", { class: "type-dot", "aria-hidden": "true", dataset: { c: eventColor(inc.event_type) } }),
        h("a", { href: `#/incident/${encodeURIComponent(inc.id)}`, class: "inc-link" }, inc.sub_event_type || inc.event_type || "unknown"),
        h("div", { class: "sub" }, inc.event_type || "")),
      h("td", { class: "c-place" }, fmtPlace(inc)),
      h("td", { class: "c-actors" }, actorLine(inc), inc.title ? h("div", { class: "sub ellip", title: inc.title }, inc.title) : null),
      h("td", { class: "c-num" }, fmtNum(inc.killed)),
      h("td", { class: "c-num" }, fmtNum(inc.injured)),
      h("td", { class: "c-num" }, fmtNum(inc.report_count)));
    return tr;
  });
  for (const dot of rows.map((r) => r.querySelector(".type-dot"))) dot.style.backgroundColor = dot.dataset.c;

  const table = h("table", { class: "grid", id: "incident-table" },
    h("caption", { class: "sr-only" }, "Incidents matching the filters"),
    h("thead", {}, h("tr", {},
      h("th", { scope: "col", class: "c-status" }, "Status"),
      sortHeader("Date", "date", sort, apply, "c-date"),
      h("th", { scope: "col" }, "Event"),
      h("th", { scope: "col" }, "Where"),
      h("th", { scope: "col" }, "Perpetrators → victims"),
      sortHeader("Killed", "killed", sort, apply, "c-num"),
      h("th", { scope: "col", class: "c-num" }, "Injured"),
      h("th", { scope: "col", class: "c-num", title: "reports merged into the incident" }, "Reports"))),
    h("tbody", {}, rows));

  // export what the list shows: the same filters, in any format of harmwatch export (docs/EXPORTS.md)
  const exportLink = h("a", { class: "btn btn-sm", id: "export-link", download: "" }, "Export");
  const formats = [["acled", "ACLED CSV"], ["ucdp", "UCDP GED CSV"], ["geojson", "GeoJSON"],
    ["parquet", "Parquet"], ["xlsx", "Excel"], ["jsonl", "JSONL"]];
  const exportFormat = h("select", { id: "export-format", "aria-label": "Export format",
    onchange: () => setExport() }, formats.map(([v, label]) => h("option", { value: v }, label)));
  function setExport() {
    const q = new URLSearchParams({ format: exportFormat.value });
    for (const [k, v] of Object.entries(filters)) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
    exportLink.setAttribute("href", "/api/v1/export?" + q.toString());
  }
  setExport();
  const exporter = h("div", { class: "exporter", title: "Download the incidents these filters match" },
    exportFormat, exportLink);

  replace(main,
    h("div", { class: "list-head" },
      h("h1", { class: "h1" }, "Incidents"),
      h("span", { class: "count", id: "result-count", "data-total": String(data.total) },
        data.total ? `${fmtNum(first)}–${fmtNum(last)} of ${fmtNum(data.total)}` : "no incident matches"),
      activeFilterChips(filters, applyFilters),
      h("div", { class: "spacer" }),
      exporter,
      pager),
    data.items.length ? table : h("div", { class: "empty" }, "No incident matches these filters.",
      h("button", { type: "button", class: "btn btn-sm", onclick: () => applyFilters({}) }, "Clear filters")),
    data.items.length ? h("p", { class: "kbd-hint" }, "j / k select · Enter open · a approve · r reject · ? all keys") : null);

  let sel = -1;
  const wanted = sessionStorage.getItem("hw.sel");
  function select(i, focus = true) {
    if (!rows.length) return;
    sel = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach((r, j) => r.setAttribute("aria-selected", j === sel ? "true" : "false"));
    sessionStorage.setItem("hw.sel", data.items[sel].id);
    if (focus) { rows[sel].focus({ preventScroll: true }); rows[sel].scrollIntoView({ block: "nearest" }); }
  }
  function open(i) {
    if (i < 0 || i >= rows.length) return;
    location.hash = `#/incident/${encodeURIComponent(data.items[i].id)}`;
  }
  async function act(kind) {
    if (sel < 0) return;
    if (!canWrite()) { toast("Your role can read but not review.", "error"); return; }
    const inc = data.items[sel];
    try {
      if (kind === "approve") await reviewAction(inc.id, "approve", { version: inc.version });
      else {
        const reason = await rejectDialog();
        if (reason === null) return;
        await reviewAction(inc.id, "reject", { version: inc.version, reason });
      }
      toast(`${kind === "approve" ? "Approved" : "Rejected"}: ${inc.sub_event_type || inc.id}`);
      sessionStorage.setItem("hw.sel", data.items[Math.min(sel + 1, rows.length - 1)].id);
      renderList(root, params);
    } catch (e) {
      toast(`${e.code}: ${e.message}`, "error");
      if (e.status === 409) renderList(root, params);
    }
  }
  const idx = data.items.findIndex((x) => x.id === wanted);
  if (idx >= 0) select(idx, true);
  setKeys({
    j: () => select(sel + 1), k: () => select(sel < 0 ? 0 : sel - 1),
    Enter: () => open(sel), o: () => open(sel),
    a: () => act("approve"), r: () => act("reject"), e: () => open(sel),
    n: () => { if (data.page < pages) apply({ page: data.page + 1 }); },
    p: () => { if (data.page > 1) apply({ page: data.page - 1 }); },
  });
}
