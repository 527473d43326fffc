// The filter state (kept in the URL hash, so a filtered view can be bookmarked and shared) and the
// filter panel shared by the incident list and the map & timeline view.
import { h, fmtNum, STATUS_LABEL } from "./dom.js";

export const FILTER_KEYS = ["q", "status", "event_type", "country", "admin1", "actor",
  "date_from", "date_to", "killed_min", "killed_max"];

const regionNames = (() => {
  try { return new Intl.DisplayNames(["en"], { type: "region" }); } catch (e) { return null; }
})();

export function countryName(code) {
  if (!code) return "";
  try { return (regionNames && regionNames.of(code)) || code; } catch (e) { return code; }
}

/** The filters of a URLSearchParams (only the known keys, non-empty). */
export function filtersOf(params) {
  const out = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v !== null && v !== "") out[k] = v;
  }
  return out;
}

export function hashFor(view, params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") p.set(k, v);
  const str = p.toString();
  return "#/" + view + (str ? "?" + str : "");
}

function countOptions(counts, current, label) {
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const opts = [h("option", { value: "" }, "Any")];
  let seen = false;
  for (const [key, n] of entries) {
    if (key === current) seen = true;
    opts.push(h("option", { value: key, selected: key === current }, `${label(key)} (${fmtNum(n)})`));
  }
  if (current && !seen) opts.push(h("option", { value: current, selected: true }, label(current)));
  return opts;
}

/**
 * The filter panel. `counts` is the incidents endpoint's counts object; `onApply(filters)` is called
 * with the new filters (the caller puts them in the URL).
 */
export function filterPanel(filters, counts, onApply) {
  const f = (name, attrs = {}) => h("input", { name, id: "f-" + name, value: filters[name] || "", ...attrs });
  const status = counts && counts.status ? counts.status : {};
  const total = Object.values(status).reduce((a, b) => a + b, 0);
  const statusButtons = h("div", { class: "seg", role: "radiogroup", "aria-label": "Review status" },
    ["", "unreviewed", "approved", "rejected"].map((st) => {
      const on = (filters.status || "") === st;
      const n = st ? status[st] || 0 : total;
      return h("button", {
        type: "button", role: "radio", "aria-checked": on ? "true" : "false",
        class: ["seg-btn", on ? "on" : "", st ? "st-" + st : ""], "data-status": st,
        onclick: () => { form.elements.status.value = st; submit(); },
      }, st ? STATUS_LABEL[st] : "All", h("span", { class: "seg-n" }, fmtNum(n)));
    }));

  const form = h("form", { class: "filters", id: "filters", role: "search", "aria-label": "Filter incidents" },
    h("div", { class: "fgroup" },
      h("label", { for: "f-q" }, "Search text"),
      f("q", { type: "search", placeholder: "words in title or report", autocomplete: "off" })),
    h("input", { type: "hidden", name: "status", value: filters.status || "" }),
    h("div", { class: "fgroup" }, h("span", { class: "flabel" }, "Review status"), statusButtons),
    h("div", { class: "fgroup" },
      h("label", { for: "f-event_type" }, "Event type"),
      h("select", { name: "event_type", id: "f-event_type" },
        countOptions(counts && counts.event_type, filters.event_type, (k) => k))),
    h("div", { class: "fgroup" },
      h("label", { for: "f-country" }, "Country"),
      h("select", { name: "country", id: "f-country" },
        countOptions(counts && counts.country, filters.country, (k) => `${countryName(k)} · ${k}`))),
    h("div", { class: "fgroup" },
      h("label", { for: "f-admin1" }, "Admin 1 (province)"),
      f("admin1", { type: "text", placeholder: "e.g. Helmand", autocomplete: "off" })),
    h("div", { class: "fgroup" },
      h("label", { for: "f-actor" }, "Actor"),
      f("actor", { type: "text", placeholder: "perpetrator or victim", autocomplete: "off" })),
    h("div", { class: "fgroup two" },
      h("span", { class: "flabel" }, "Date"),
      h("div", { class: "pair" },
        f("date_from", { type: "date", "aria-label": "from date" }),
        h("span", { class: "dash" }, "–"),
        f("date_to", { type: "date", "aria-label": "to date" }))),
    h("div", { class: "fgroup two" },
      h("span", { class: "flabel" }, "Killed (best)"),
      h("div", { class: "pair" },
        f("killed_min", { type: "number", min: "0", placeholder: "min", "aria-label": "killed at least" }),
        h("span", { class: "dash" }, "–"),
        f("killed_max", { type: "number", min: "0", placeholder: "max", "aria-label": "killed at most" }))),
    h("div", { class: "factions" },
      h("button", { type: "submit", class: "btn btn-primary", id: "f-apply" }, "Apply"),
      h("button", { type: "button", class: "btn", id: "f-reset", onclick: () => onApply({}) }, "Reset")));

  function submit() {
    const out = {};
    for (const k of FILTER_KEYS) {
      const el = form.elements[k];
      if (el && el.value !== "") out[k] = el.value.trim();
    }
    onApply(out);
  }
  form.addEventListener("submit", (ev) => { ev.preventDefault(); submit(); });
  form.addEventListener("change", (ev) => { if (ev.target.tagName === "SELECT") submit(); });
  return form;
}

/** "3 filters: country AF, status approved…" chips that remove one filter each. */
export function activeFilterChips(filters, onApply) {
  const keys = Object.keys(filters);
  if (!keys.length) return null;
  return h("div", { class: "chips", "aria-label": "Active filters" },
    keys.map((k) => h("button", {
      type: "button", class: "chip", title: "remove this filter",
      onclick: () => { const next = { ...filters }; delete next[k]; onApply(next); },
    }, `${k.replace("_", " ")}: ${filters[k]}`, h("span", { class: "chip-x", "aria-hidden": "true" }, "×"))));
}
