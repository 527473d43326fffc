// The timeline: incidents and killed per period as SVG bars, on a continuous time axis (empty
// periods are drawn as gaps, not skipped). Months are rolled up into years when they span too much.
import { h, s, clear, fmtNum } from "./dom.js";

function monthsBetween(a, b) {
  const [ya, ma] = a.split("-").map(Number), [yb, mb] = b.split("-").map(Number);
  const out = [];
  for (let y = ya, m = ma; y < yb || (y === yb && m <= mb); m === 12 ? (y++, m = 1) : m++) out.push(`${y}-${String(m).padStart(2, "0")}`);
  return out;
}

/** items: [{period, incidents, killed, injured}] with YYYY-MM periods (bucket=month). */
export function series(items) {
  const monthly = items.filter((it) => /^\d{4}-\d{2}$/.test(it.period)).sort((a, b) => a.period.localeCompare(b.period));
  if (!monthly.length) return { unit: "month", bars: [] };
  const span = monthsBetween(monthly[0].period, monthly[monthly.length - 1].period);
  const byYear = span.length > 60;
  const acc = new Map();
  const keys = byYear ? [...new Set(span.map((p) => p.slice(0, 4)))] : span;
  const years = byYear ? keys.map(Number) : [];
  if (byYear) for (let y = years[0]; y <= years[years.length - 1]; y++) acc.set(String(y), { period: String(y), incidents: 0, killed: 0, injured: 0 });
  else for (const k of keys) acc.set(k, { period: k, incidents: 0, killed: 0, injured: 0 });
  for (const it of monthly) {
    const k = byYear ? it.period.slice(0, 4) : it.period;
    const b = acc.get(k);
    b.incidents += it.incidents || 0; b.killed += it.killed || 0; b.injured += it.injured || 0;
  }
  return { unit: byYear ? "year" : "month", bars: [...acc.values()] };
}

export function drawTimeline(host, items, { undated = 0 } = {}) {
  clear(host);
  const { unit, bars } = series(items || []);
  if (!bars.length) {
    host.appendChild(h("p", { class: "muted" }, "No incident with a full date matches these filters."));
    return;
  }
  const W = Math.max(480, host.clientWidth || 900), rowH = 78, top = 18, gap = 26, left = 44, right = 8;
  const H = top + rowH * 2 + gap + 24;
  const bw = (W - left - right) / bars.length;
  const maxI = Math.max(1, ...bars.map((b) => b.incidents)), maxK = Math.max(1, ...bars.map((b) => b.killed));
  const svg = s("svg", { class: "tl-svg", id: "timeline-svg", viewBox: `0 0 ${W} ${H}`, width: String(W), height: String(H),
    role: "img", "aria-label": `Incidents and killed per ${unit}` });
  const row = (y0, label, max, cls, key) => {
    svg.appendChild(s("text", { x: "0", y: String(y0 - 6), class: "tl-label", text: label }));
    svg.appendChild(s("text", { x: String(left - 4), y: String(y0 + 8), class: "tl-axis", "text-anchor": "end", text: fmtNum(max) }));
    svg.appendChild(s("line", { x1: String(left), x2: String(W - right), y1: String(y0 + rowH), y2: String(y0 + rowH), class: "tl-base" }));
    bars.forEach((b, i) => {
      const v = b[key];
      if (!v) return;
      const hgt = Math.max(1.5, (v / max) * rowH);
      const r = s("rect", { x: (left + i * bw + bw * 0.12).toFixed(2), width: Math.max(1, bw * 0.76).toFixed(2),
        y: (y0 + rowH - hgt).toFixed(2), height: hgt.toFixed(2), class: ["tl-bar", cls], "data-period": b.period, "data-value": String(v) });
      r.appendChild(s("title", { text: `${b.period}: ${fmtNum(b.incidents)} incidents, ${fmtNum(b.killed)} killed, ${fmtNum(b.injured)} injured` }));
      svg.appendChild(r);
    });
  };
  row(top, "Incidents", maxI, "tl-inc", "incidents");
  row(top + rowH + gap, "Killed (best)", maxK, "tl-kil", "killed");
  // x labels: about one per 80 px
  const every = Math.max(1, Math.ceil(80 / bw));
  bars.forEach((b, i) => {
    if (i % every) return;
    const x = left + i * bw + bw / 2;
    svg.appendChild(s("text", { x: x.toFixed(1), y: String(H - 6), class: "tl-axis", "text-anchor": "middle", text: b.period }));
  });
  const total = bars.reduce((a, b) => a + b.incidents, 0);
  host.append(svg, h("p", { class: "muted small" },
    `${fmtNum(total)} incidents per ${unit}` + (undated ? `; ${fmtNum(undated)} without a full date (year unknown) are not on the timeline.` : ".")));
}
