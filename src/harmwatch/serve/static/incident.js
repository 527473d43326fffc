// The incident page: every field with its value and evidence, each report's text with the evidence
// marked (click a field to see its words), the claims of all reports side by side, the review
// actions (edit, approve, reject, merge, split) and the audit trail.
import { api, canWrite, session } from "./api.js";
import { h, replace, fmtNum, fmtDateTime, statusBadge, modal, toast, safeUrl } from "./dom.js";
import { hashFor } from "./filters.js";
import { fmtDate, precisionNote, fmtPlace, fmtValue, fieldLabel, fieldKind, FIELD_ORDER, actorLine } from "./format.js";
import { markedText, highlight } from "./evidence.js";
import { setKeys } from "./keys.js";
import { lastList } from "./list.js";
import { rejectDialog, reviewAction } from "./review.js";
import { editDialog } from "./edit.js";

const enc = encodeURIComponent;

function listHash() {
  const last = lastList();
  return hashFor("incidents", last ? last.params : {});
}

/** The id before/after this one in the remembered list (fetching the neighbouring page if needed). */
async function neighbour(id, step) {
  const last = lastList();
  if (!last || last.ids.indexOf(id) < 0) return undefined;  // not reached from a list
  const i = last.ids.indexOf(id);
  const j = i + step;
  if (j >= 0 && j < last.ids.length) return last.ids[j];
  const page = last.page + step;
  if (page < 1 || (page - 1) * last.page_size >= last.total) return null;
  const params = { ...last.params, page, page_size: last.page_size };
  const data = await api("/incidents", { params });
  if (!data.items.length) return null;
  sessionStorage.setItem("hw.list", JSON.stringify({ params: { ...last.params, page: String(page) },
    ids: data.items.map((x) => x.id), page: data.page, page_size: data.page_size, total: data.total }));
  return step > 0 ? data.items[0].id : data.items[data.items.length - 1].id;
}

function jsonText(v) {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

function fieldsInOrder(fields) {
  const names = Object.keys(fields || {});
  const known = FIELD_ORDER.filter((n) => names.includes(n));
  const rest = names.filter((n) => !known.includes(n) && n !== "evidence" && n !== "summary").sort();
  return [...known, ...rest, ...(names.includes("summary") ? ["summary"] : []), ...(names.includes("evidence") ? ["evidence"] : [])];
}

function claimsTable(inc, reports, onPick) {
  const claims = inc.claims || [];
  if (!claims.length) return h("p", { class: "muted" }, "No report gives a killed or injured figure.");
  const outlet = Object.fromEntries(reports.map((r) => [r.doc_id, r.outlet || r.doc_id]));
  const best = { killed: inc.killed, injured: inc.injured };
  const rows = claims.map((c, i) => {
    const differs = best[c.kind] !== null && best[c.kind] !== undefined && c.best !== null && c.best !== best[c.kind];
    return h("tr", { class: ["claim-row", differs ? "differs" : ""], tabindex: "0", "data-claim": String(i),
      onclick: () => onPick(i), onkeydown: (ev) => { if (ev.key === "Enter") onPick(i); } },
      h("td", {}, h("span", { class: ["kind", "kind-" + c.kind] }, c.kind)),
      h("td", {}, outlet[c.doc_id] || c.doc_id, h("div", { class: "sub mono" }, c.doc_id)),
      h("td", { class: "mono" }, c.reported ? String(c.reported).slice(0, 10) : "—"),
      h("td", { class: "c-num" }, fmtNum(c.min)),
      h("td", { class: ["c-num", "strong"] }, fmtNum(c.best), differs ? h("span", { class: "flag", title: "differs from the incident's best figure" }, " ≠") : null),
      h("td", { class: "c-num" }, fmtNum(c.max)),
      h("td", {}, c.qualifier || ""),
      h("td", { class: "words" }, "“", c.text || "", "”"),
      h("td", {}, c.source || h("span", { class: "muted" }, "not attributed")));
  });
  return h("table", { class: "grid claims", id: "claims-table" },
    h("thead", {}, h("tr", {},
      ["Figure", "Report", "Reported", "Min", "Best", "Max", "Qualifier", "Words", "According to"]
        .map((t, i) => h("th", { scope: "col", class: i >= 3 && i <= 5 ? "c-num" : "" }, t)))),
    h("tbody", {}, rows));
}

function disagreementBox(inc) {
  const d = inc.disagreement || {};
  const keys = Object.keys(d);
  const claims = inc.claims || [];
  const spread = {};
  for (const c of claims) {
    if (c.best === null || c.best === undefined) continue;
    const s = spread[c.kind] || (spread[c.kind] = new Set());
    s.add(c.best);
  }
  const lines = [];
  for (const k of keys) lines.push(`${fieldLabel(k)}: ${jsonText(d[k])}`);
  for (const [kind, set] of Object.entries(spread)) {
    if (set.size > 1 && !keys.includes(kind)) {
      const vals = [...set].sort((a, b) => a - b);
      lines.push(`${kind}: reports give ${vals.join(", ")} (best figure kept: ${fmtNum(inc[kind])})`);
    }
  }
  if (!lines.length) return null;
  return h("div", { class: "disagree", role: "note", id: "disagreement" },
    h("strong", {}, "Sources disagree"), h("ul", {}, lines.map((l) => h("li", {}, l))));
}

function auditTable(items) {
  if (!items.length) return h("p", { class: "muted", id: "audit-empty" }, "No change yet: this incident is as extracted.");
  return h("table", { class: "grid audit", id: "audit-table" },
    h("thead", {}, h("tr", {}, ["When", "Who", "Action", "Field", "Before", "After"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, items.slice().reverse().map((a) => h("tr", { class: "audit-row" },
      h("td", { class: "mono nowrap" }, fmtDateTime(a.at)),
      h("td", {}, a.user || "—"),
      h("td", {}, h("span", { class: ["act", "act-" + a.action] }, a.action)),
      h("td", { class: "mono" }, a.field || ""),
      h("td", { class: "val" }, h("code", { class: "clip", title: jsonText(a.before) }, jsonText(a.before))),
      h("td", { class: "val" }, h("code", { class: "clip", title: jsonText(a.after) }, jsonText(a.after)))))));
}

// the field selected before a reload (after an edit or a review action) stays selected
let keepField = null;

export async function renderIncident(root, id, params) {
  replace(root, h("p", { class: "muted pad" }, "Loading incident…"));
  let inc;
  try {
    inc = await api(`/incidents/${enc(id)}`);
  } catch (e) {
    replace(root, h("div", { class: "pad" }, h("div", { class: "error-box", role: "alert" },
      e.status === 404 ? `No incident ${id}: it may have been merged, split or re-run under another id.` : `Could not load the incident: ${e.message}`,
      e.hint ? h("div", { class: "hint" }, e.hint) : null),
      h("a", { href: listHash(), class: "btn" }, "← Back to the list")));
    return;
  }
  const reports = inc.reports || [];
  const [docs, audit] = await Promise.all([
    Promise.all(reports.map((r) => api(`/documents/${enc(r.doc_id)}`).catch((e) => ({ doc_id: r.doc_id, text: null, error: e.message })))),
    api(`/incidents/${enc(id)}/audit`).then((a) => a.items || []).catch(() => []),
  ]);
  const writable = canWrite();
  const fields = inc.fields || {};
  const order = fieldsInOrder(fields);

  // every span, keyed "field#i" (i: its index in that field's evidence list) or "claim#i"
  const spansByDoc = {};
  const add = (doc, span) => (spansByDoc[doc] || (spansByDoc[doc] = [])).push(span);
  for (const name of order) {
    (fields[name].evidence || []).forEach((ev, i) => add(ev.doc_id, { key: `${name}#${i}`, field: name, start: ev.start, end: ev.end }));
  }
  (inc.claims || []).forEach((c, i) => {
    const spans = c.evidence && c.evidence.length ? c.evidence : [[c.start, c.end]];
    spans.forEach(([a, b]) => add(c.doc_id, { key: `claim#${i}`, field: "claim-" + c.kind, start: a, end: b }));
  });

  let selected = null;
  const fieldRows = {};
  const pick = (name) => {
    selected = name;
    for (const [n, row] of Object.entries(fieldRows)) {
      row.classList.toggle("sel", n === name);
      row.setAttribute("aria-selected", n === name ? "true" : "false");
    }
    for (const r of document.querySelectorAll(".claim-row")) r.classList.remove("sel");
    const first = highlight(reportsBox, name);
    status.textContent = first ? `${fieldLabel(name)}: ${(fields[name].evidence || []).length} evidence span(s) highlighted`
      : `${fieldLabel(name)}: no evidence in the text (derived or unknown)`;
  };
  const pickClaim = (i) => {
    for (const r of document.querySelectorAll(".claim-row")) r.classList.toggle("sel", r.dataset.claim === String(i));
    for (const row of Object.values(fieldRows)) row.classList.remove("sel");
    highlight(reportsBox, `claim#${i}`, { byKey: true });
  };
  const status = h("p", { class: "pick-status", role: "status", "aria-live": "polite" }, "Select a field to see its words in the reports.");

  const fieldTable = h("table", { class: "fields", id: "fields-table" },
    h("tbody", {}, order.map((name) => {
      const f = fields[name];
      const n = (f.evidence || []).length;
      const row = h("tr", {
        class: ["field-row", fieldKind(name)], tabindex: "0", "data-field": name, "aria-selected": "false",
        onclick: (ev) => { if (!ev.target.closest("button")) pick(name); },
        onkeydown: (ev) => { if (ev.key === "Enter" && ev.target === row) pick(name); },
      },
        h("th", { scope: "row" }, h("span", { class: "swatch", "aria-hidden": "true" }), fieldLabel(name)),
        h("td", { class: "fval" }, name === "evidence" ? `${n} sentence span(s)` : fmtValue(name, f.value),
          f.edited ? h("span", { class: "tag tag-edited", title: "changed by a reviewer; re-runs keep it" }, "edited") : null),
        h("td", { class: "fev" }, n ? h("span", { class: "evn", title: `${n} evidence span(s)` }, `${n}`) : h("span", { class: "muted", title: "no evidence span" }, "–")),
        h("td", { class: "fed" }, writable && name !== "evidence"
          ? h("button", { type: "button", class: "btn btn-xs", "aria-label": `edit ${fieldLabel(name)}`, onclick: () => edit(name) }, "Edit") : null));
      fieldRows[name] = row;
      return row;
    })));

  const reportsBox = h("div", { class: "reports", id: "reports" }, docs.map((d, i) => {
    const r = reports[i];
    const head = h("header", { class: "report-head" },
      h("div", { class: "report-title" }, r.title || d.title || h("span", { class: "muted" }, "(untitled report)")),
      h("div", { class: "report-meta" },
        h("span", {}, r.outlet || d.outlet || "unknown outlet"), " · ",
        h("span", { class: "mono" }, r.published ? String(r.published).slice(0, 10) : "no publication date"), " · ",
        h("span", { class: "mono" }, r.doc_id),
        r.url ? [" · ", h("a", { href: safeUrl(r.url), rel: "noopener noreferrer nofollow", target: "_blank" }, "source")] : null));
    const body = d.text === null || d.text === undefined
      ? h("p", { class: "error-box" }, `The report's text could not be loaded: ${d.error || "unknown error"}`)
      : markedText(d.text, spansByDoc[r.doc_id] || [], pick);
    return h("article", { class: "report", "data-doc": r.doc_id, "aria-label": `report ${r.doc_id}` }, head, body);
  }));

  const review = inc.review || {};
  const actions = h("div", { class: "actions" },
    writable ? [
      h("button", { type: "button", class: "btn btn-approve", id: "btn-approve", onclick: () => approve(), disabled: inc.status === "approved" }, "Approve", h("kbd", {}, "a")),
      h("button", { type: "button", class: "btn btn-reject", id: "btn-reject", onclick: () => reject(), disabled: inc.status === "rejected" }, "Reject…", h("kbd", {}, "r")),
      inc.status !== "unreviewed" ? h("button", { type: "button", class: "btn", id: "btn-reopen", onclick: () => reopen() }, "Reopen") : null,
      h("span", { class: "sep" }),
      h("button", { type: "button", class: "btn", id: "btn-edit", onclick: () => edit(selected || order[0]) }, "Edit field…", h("kbd", {}, "e")),
      h("button", { type: "button", class: "btn", id: "btn-merge", onclick: () => merge() }, "Merge with…"),
      h("button", { type: "button", class: "btn", id: "btn-split", onclick: () => split(), disabled: reports.length < 2 }, "Split reports…"),
    ] : h("span", { class: "muted", id: "read-only" }, `Read only: your role (${session.user ? session.user.role : "none"}) cannot review.`));

  const nav = h("div", { class: "inc-nav" },
    h("a", { href: listHash(), class: "back" }, "← Incidents"),
    h("button", { type: "button", class: "btn btn-sm", id: "btn-prev", onclick: () => go(-1), title: "previous (k)" }, "‹ Prev"),
    h("button", { type: "button", class: "btn btn-sm", id: "btn-next", onclick: () => go(1), title: "next (j)" }, "Next ›"));

  replace(root, h("div", { class: "incident", "data-id": inc.id, "data-version": String(inc.version) },
    nav,
    h("header", { class: "inc-head" },
      h("div", { class: "inc-title-row" },
        statusBadge(inc.status),
        h("h1", { class: "h1", id: "incident-title" }, `${inc.sub_event_type || inc.event_type || "Incident"} · ${fmtPlace(inc)}`)),
      h("div", { class: "inc-meta" },
        h("span", { class: "mono" }, fmtDate(inc.date)), precisionNote(inc.date_precision) ? ` (${precisionNote(inc.date_precision)})` : "",
        " · ", actorLine(inc),
        " · ", h("strong", {}, `${fmtNum(inc.killed)} killed`), ", ", `${fmtNum(inc.injured)} injured`,
        " · ", `${reports.length} report${reports.length === 1 ? "" : "s"}`),
      h("div", { class: "inc-meta sub" },
        h("span", { class: "mono" }, inc.id), ` · version ${inc.version}`,
        review.by ? ` · ${review.status} by ${review.by} ${fmtDateTime(review.at)}` : "",
        review.reason ? h("span", { class: "reason" }, ` · reason: “${review.reason}”`) : null),
      actions),
    disagreementBox(inc),
    h("div", { class: "inc-body" },
      h("section", { class: "col-fields", "aria-label": "Fields" }, h("h2", { class: "h2" }, "Fields"), fieldTable, status,
        h("p", { class: "legend" }, ["k-what", "k-when", "k-where", "k-who", "k-toll"].map((k, i) =>
          h("span", { class: ["lg", k] }, ["what", "when", "where", "who", "how many"][i])))),
      h("section", { class: "col-reports", "aria-label": "Reports" }, h("h2", { class: "h2" }, `Reports (${reports.length})`), reportsBox)),
    h("section", { class: "block", "aria-label": "Casualty claims" }, h("h2", { class: "h2" }, "Casualty claims, all reports"),
      h("p", { class: "muted small" }, `Incident figures: killed ${fmtValue("killed", fields.killed && fields.killed.value)}; injured ${fmtValue("injured", fields.injured && fields.injured.value)}.`),
      claimsTable(inc, reports, pickClaim)),
    h("section", { class: "block", "aria-label": "Audit trail" }, h("h2", { class: "h2" }, "Audit trail"), auditTable(audit))));

  const reload = () => { keepField = selected; return renderIncident(root, inc.id, params); };
  // incident ids are stable across merges, so a join or split may leave this very id: no hashchange then
  const openIncident = (id) => (id === inc.id ? reload() : (location.hash = `#/incident/${enc(id)}`));
  if (keepField && fieldRows[keepField]) { pick(keepField); fieldRows[keepField].scrollIntoView({ block: "nearest" }); }
  keepField = null;
  const fail = (e) => {
    if (e.status === 409) { toast("Someone else changed this incident first: reloaded. Check it and redo your change.", "error"); reload(); }
    else toast(`${e.code}: ${e.message}${e.hint ? " (" + e.hint + ")" : ""}`, "error");
  };
  async function approve() {
    try { await reviewAction(inc.id, "approve", { version: inc.version }); toast("Approved"); reload(); } catch (e) { fail(e); }
  }
  async function reopen() {
    try { await reviewAction(inc.id, "reopen", { version: inc.version }); toast("Reopened"); reload(); } catch (e) { fail(e); }
  }
  async function reject() {
    const reason = await rejectDialog();
    if (reason === null) return;
    try { await reviewAction(inc.id, "reject", { version: inc.version, reason }); toast("Rejected"); reload(); } catch (e) { fail(e); }
  }
  async function edit(name) {
    if (!name || name === "evidence") return;
    const changes = await editDialog(name, fields[name].value);
    if (!changes) return;
    try {
      await api(`/incidents/${enc(inc.id)}`, { method: "PATCH", body: { version: inc.version, fields: changes } });
      toast(`Saved: ${fieldLabel(name)}`);
      reload();
    } catch (e) { fail(e); }
  }
  async function merge() {
    const others = await api("/incidents", { params: { country: inc.country_code || "", page_size: 30, sort: "-date" } }).catch(() => ({ items: [] }));
    const cands = others.items.filter((x) => x.id !== inc.id);
    const manual = h("input", { type: "text", id: "merge-ids", placeholder: "incident ids, comma separated", autocomplete: "off" });
    const boxes = cands.map((c) => h("label", { class: "cand" },
      h("input", { type: "checkbox", value: c.id }),
      h("span", { class: "mono" }, fmtDate(c.date)), " ", c.sub_event_type || c.event_type || "", " · ", fmtPlace(c),
      " · ", `${fmtNum(c.killed)} killed`, h("span", { class: "sub mono" }, " " + c.id)));
    const body = h("div", {},
      h("p", {}, "Join this incident with others that report the same event. The reports of all of them become one incident; the decision is kept across re-merges."),
      h("label", { for: "merge-ids" }, "Incident ids"), manual,
      cands.length ? [h("p", { class: "flabel" }, `Other incidents in ${inc.country_code || "the store"}:`), h("div", { class: "cands" }, boxes)] : null);
    const ids = await modal("Merge incidents", body, { submitLabel: "Merge", wide: true, onSubmit: () => {
      const picked = [...body.querySelectorAll("input[type=checkbox]:checked")].map((b) => b.value);
      const typed = manual.value.split(/[\s,]+/).filter(Boolean);
      const all = [...new Set([...picked, ...typed])].filter((x) => x !== inc.id);
      if (!all.length) throw new Error("Pick or type at least one other incident.");
      return all;
    } });
    if (!ids) return;
    try {
      const joined = await api("/incidents/merge", { method: "POST", body: { ids: [inc.id, ...ids] } });
      toast(`Merged into ${joined.id}`);
      openIncident(joined.id);
    } catch (e) { fail(e); }
  }
  async function split() {
    const boxes = reports.map((r) => h("label", { class: "cand" }, h("input", { type: "checkbox", value: r.doc_id }),
      r.outlet || "unknown outlet", " · ", h("span", { class: "mono" }, r.doc_id), r.title ? " · " + r.title : ""));
    const body = h("div", {}, h("p", {}, "The reports you tick leave this incident and become an incident of their own (kept across re-merges)."), h("div", { class: "cands" }, boxes));
    const docIds = await modal("Split reports off", body, { submitLabel: "Split", onSubmit: () => {
      const picked = [...body.querySelectorAll("input:checked")].map((b) => b.value);
      if (!picked.length) throw new Error("Tick at least one report.");
      return picked;
    } });
    if (!docIds) return;
    try {
      const res = await api(`/incidents/${enc(inc.id)}/split`, { method: "POST", body: { doc_ids: docIds } });
      const list = res.incidents || [];
      toast(`Split into ${list.length} incidents`);
      if (list.length) openIncident(list[0].id);
    } catch (e) { fail(e); }
  }
  async function go(step) {
    try {
      const next = await neighbour(inc.id, step);
      if (next) location.hash = `#/incident/${enc(next)}`;
      else if (next === undefined) toast("This incident is not in the list you last opened: j / k walk a list.");
      else toast(step > 0 ? "Last incident of the list" : "First incident of the list");
    } catch (e) { fail(e); }
  }
  const cycle = (step) => {
    const i = order.indexOf(selected);
    const n = order.length;
    const next = order[((i < 0 ? (step > 0 ? -1 : 0) : i) + step + n) % n];
    pick(next);
    fieldRows[next].focus({ preventScroll: false });
  };
  setKeys({
    j: () => go(1), k: () => go(-1), u: () => { location.hash = listHash(); },
    a: () => writable && approve(), r: () => writable && reject(), e: () => writable && edit(selected || order[0]),
    f: () => cycle(1), F: () => cycle(-1),
  });
}
