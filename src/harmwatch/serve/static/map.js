// The incident map: the shipped admin boundaries (GET /api/v1/basemap) drawn as SVG in Web
// Mercator, incidents as circles sized by the killed figure and coloured by event type. Drag to
// pan, wheel or +/- to zoom; no tiles, nothing from outside.
import { api } from "./api.js";
import { h, s, clear, fmtNum } from "./dom.js";
import { eventColor, EVENT_COLORS, fmtDate, fmtPlace } from "./format.js";

const cache = new Map();
async function basemap(params) {
  const key = JSON.stringify(params);
  if (!cache.has(key)) cache.set(key, api("/basemap", { params }).catch((e) => { cache.delete(key); throw e; }));
  return cache.get(key);
}

const R = 180 / Math.PI;
export function project(lon, lat) {
  const phi = Math.max(-85, Math.min(85, lat)) / R;
  return [lon, -R * Math.log(Math.tan(Math.PI / 4 + phi / 2))];
}

function ringPath(ring) {
  let d = "";
  for (let i = 0; i < ring.length; i++) {
    const [x, y] = project(ring[i][0], ring[i][1]);
    d += (i ? "L" : "M") + x.toFixed(3) + " " + y.toFixed(3);
  }
  return d + "Z";
}

function geomPath(g) {
  if (!g) return "";
  if (g.type === "Polygon") return g.coordinates.map(ringPath).join("");
  if (g.type === "MultiPolygon") return g.coordinates.map((p) => p.map(ringPath).join("")).join("");
  return "";
}

/**
 * Draws `fc` (the /map FeatureCollection) into `host`. onOpen(id) opens an incident.
 */
export async function drawMap(host, fc, onOpen) {
  clear(host);
  const feats = (fc && fc.features) || [];
  const svg = s("svg", { class: "map-svg", role: "img", "aria-label": `Map of ${feats.length} incidents`, id: "map-svg" });
  const gBase = s("g", { class: "base" });
  const gAdm1 = s("g", { class: "adm1" });
  const gPts = s("g", { class: "pts" });
  svg.append(s("rect", { class: "sea", x: "-400", y: "-400", width: "800", height: "800" }), gBase, gAdm1, gPts);
  const zoomIn = h("button", { type: "button", class: "btn btn-xs", "aria-label": "zoom in", onclick: () => zoom(0.6) }, "+");
  const zoomOut = h("button", { type: "button", class: "btn btn-xs", "aria-label": "zoom out", onclick: () => zoom(1 / 0.6) }, "−");
  const fitBtn = h("button", { type: "button", class: "btn btn-xs", onclick: () => fit() }, "Fit");
  const tip = h("div", { class: "map-tip", role: "tooltip", hidden: true });
  const legend = h("div", { class: "map-legend" },
    Object.entries(EVENT_COLORS).map(([t, c]) => {
      const dot = h("span", { class: "dot" });
      dot.style.backgroundColor = c;
      return h("span", { class: "lg-item" }, dot, t);
    }), h("span", { class: "lg-item muted" }, "size: killed"));
  host.append(h("div", { class: "map-wrap" }, svg, h("div", { class: "map-ctl" }, zoomIn, zoomOut, fitBtn), tip), legend);

  // view box state
  let vb = { x: -180, y: -120, w: 360, h: 240 };
  const apply = () => {
    svg.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.w} ${vb.h}`);
    const px = vb.w / Math.max(1, svg.clientWidth || 800);
    for (const c of gPts.children) c.setAttribute("r", String(Number(c.dataset.r) * px));
  };
  const pts = feats.filter((f) => f.geometry && f.geometry.type === "Point").map((f) => {
    const [lon, lat] = f.geometry.coordinates;
    const [x, y] = project(lon, lat);
    return { f, x, y };
  });
  function fit() {
    const aspect = (svg.clientHeight || 420) / (svg.clientWidth || 800);
    if (!pts.length) { vb = { x: -180, y: -180 * aspect, w: 360, h: 360 * aspect }; apply(); return; }
    let x0 = Math.min(...pts.map((p) => p.x)), x1 = Math.max(...pts.map((p) => p.x));
    let y0 = Math.min(...pts.map((p) => p.y)), y1 = Math.max(...pts.map((p) => p.y));
    const pad = Math.max(4, (x1 - x0) * 0.12, (y1 - y0) * 0.12);
    x0 -= pad; x1 += pad; y0 -= pad; y1 += pad;
    let w = Math.max(x1 - x0, 12), hh = Math.max(y1 - y0, 12 * aspect);
    if (hh / w > aspect) w = hh / aspect; else hh = w * aspect;
    vb = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - hh / 2, w, h: hh };
    apply();
  }
  function zoom(k, cx, cy) {
    const ox = cx ?? vb.x + vb.w / 2, oy = cy ?? vb.y + vb.h / 2;
    const w = Math.max(0.5, Math.min(720, vb.w * k));
    const f = w / vb.w;
    vb = { x: ox - (ox - vb.x) * f, y: oy - (oy - vb.y) * f, w, h: vb.h * f };
    apply();
  }
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    const cx = vb.x + ((ev.clientX - r.left) / r.width) * vb.w, cy = vb.y + ((ev.clientY - r.top) / r.height) * vb.h;
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, cx, cy);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (ev) => { if (ev.target.tagName !== "circle") { drag = { x: ev.clientX, y: ev.clientY, vb: { ...vb } }; svg.setPointerCapture(ev.pointerId); } });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const r = svg.getBoundingClientRect();
    vb = { ...drag.vb, x: drag.vb.x - ((ev.clientX - drag.x) / r.width) * vb.w, y: drag.vb.y - ((ev.clientY - drag.y) / r.height) * vb.h };
    apply();
  });
  svg.addEventListener("pointerup", () => { drag = null; });

  // incidents, biggest first so small ones stay clickable on top
  pts.sort((a, b) => (b.f.properties.killed || 0) - (a.f.properties.killed || 0));
  for (const { f, x, y } of pts) {
    const p = f.properties || {};
    const r = 2.5 + Math.sqrt(p.killed || 0) * 1.1;
    const c = s("circle", { cx: x.toFixed(3), cy: y.toFixed(3), r: "1", class: ["pt", "pt-" + (p.status || "unreviewed")], tabindex: "0",
      "data-id": p.id, "data-r": String(Math.min(r, 16)), role: "link",
      "aria-label": `${p.sub_event_type || p.event_type || "incident"}, ${fmtPlace(p)}, ${fmtNum(p.killed)} killed` });
    c.style.fill = eventColor(p.event_type);
    const label = `${fmtDate(p.date)} · ${p.sub_event_type || p.event_type || "?"} · ${fmtPlace(p)} · ${fmtNum(p.killed)} killed · ${p.status}`;
    c.addEventListener("click", () => onOpen(p.id));
    c.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onOpen(p.id); });
    c.addEventListener("pointerenter", (ev) => { tip.textContent = label; tip.hidden = false; place(ev); });
    c.addEventListener("pointermove", place);
    c.addEventListener("pointerleave", () => { tip.hidden = true; });
    gPts.appendChild(c);
  }
  function place(ev) {
    const r = host.querySelector(".map-wrap").getBoundingClientRect();
    tip.style.left = `${ev.clientX - r.left + 12}px`;
    tip.style.top = `${ev.clientY - r.top + 12}px`;
  }
  fit();

  // the base map comes after the points are visible; provinces only for the countries shown
  try {
    const world = await basemap({});
    const frag = document.createDocumentFragment();
    for (const feat of world.features) frag.appendChild(s("path", { d: geomPath(feat.geometry), class: "land", "data-cc": feat.properties.country_code || "" }));
    gBase.appendChild(frag);
    const ccs = [...new Set(pts.map((p) => p.f.properties.country_code).filter(Boolean))].slice(0, 12);
    const adm = await Promise.all(ccs.map((cc) => basemap({ level: "admin1", country: cc }).catch(() => null)));
    for (const fc1 of adm) {
      if (!fc1) continue;
      for (const feat of fc1.features) {
        const path = s("path", { d: geomPath(feat.geometry), class: "adm1-shape" });
        path.appendChild(s("title", { text: feat.properties.name }));
        gAdm1.appendChild(path);
      }
    }
    svg.dataset.basemap = "ready";
  } catch (e) {
    host.appendChild(h("p", { class: "error-box" }, `The base map could not be loaded: ${e.message}`));
  }
}
