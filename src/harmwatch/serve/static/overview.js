// The map & timeline view: the same filters as the list, drawn in space and time.
import { api } from "./api.js";
import { h, replace, fmtNum } from "./dom.js";
import { filterPanel, activeFilterChips, filtersOf, hashFor } from "./filters.js";
import { drawMap } from "./map.js";
import { drawTimeline } from "./timeline.js";
import { setKeys } from "./keys.js";

export async function renderOverview(root, params) {
  const filters = filtersOf(params);
  const applyFilters = (f) => { location.hash = hashFor("map", f); };
  const side = h("aside", { class: "side" }, h("p", { class: "muted" }, "Loading filters…"));
  const mapHost = h("div", { class: "map-host", id: "map" });
  const tlHost = h("div", { class: "tl-host", id: "timeline" });
  const head = h("div", { class: "list-head" }, h("h1", { class: "h1" }, "Map & timeline"));
  const main = h("section", { class: "main" }, head,
    h("div", { class: "panel" }, h("h2", { class: "h2" }, "Where"), mapHost),
    h("div", { class: "panel" }, h("h2", { class: "h2" }, "When"), tlHost));
  replace(root, h("div", { class: "layout" }, side, main));
  setKeys({});
  let list, fc, tl;
  try {
    [list, fc, tl] = await Promise.all([
      api("/incidents", { params: { ...filters, page_size: 1 } }),
      api("/map", { params: filters }),
      api("/timeline", { params: { ...filters, bucket: "month" } }),
    ]);
  } catch (e) {
    replace(mapHost, h("div", { class: "error-box", role: "alert" }, `Could not load: ${e.message}`));
    replace(side, filterPanel(filters, {}, applyFilters));
    return;
  }
  replace(side, filterPanel(filters, list.counts, applyFilters));
  const located = fc.features.length;
  head.append(h("span", { class: "count", id: "result-count", "data-total": String(list.total) },
    `${fmtNum(list.total)} incidents · ${fmtNum(located)} on the map` + (list.total > located ? ` (${fmtNum(list.total - located)} without coordinates)` : "")),
    ...[activeFilterChips(filters, applyFilters)].filter(Boolean), h("div", { class: "spacer" }),
    h("a", { class: "btn btn-sm", href: hashFor("incidents", filters) }, "Open as list"));
  const dated = (tl.items || []).reduce((a, b) => a + (b.incidents || 0), 0);
  drawTimeline(tlHost, tl.items || [], { undated: Math.max(0, list.total - dated) });
  await drawMap(mapHost, fc, (id) => { location.hash = `#/incident/${encodeURIComponent(id)}`; });
}
