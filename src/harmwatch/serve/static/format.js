// How incident values read on screen: dates with their precision, places with their admin units,
// figures with their range. Plain strings only (the callers put them in textContent).
import { countryName } from "./filters.js";

export function fmtDate(date, precision) {
  if (!date) return "date unknown";
  const str = String(date);
  if (str.startsWith("--")) return "????-" + str.slice(2);  // ISO 8601 reduced form: year unknown
  return str;
}

export function precisionNote(precision) {
  if (!precision || precision === "day") return "";
  if (precision === "day-no-year") return "year unknown";
  return precision;
}

export function fmtPlace(inc) {
  const parts = [];
  if (inc.location) parts.push(inc.location);
  if (inc.admin1 && inc.admin1 !== inc.location) parts.push(inc.admin1);
  if (inc.country_code) parts.push(inc.country_code);
  return parts.join(", ") || "place unknown";
}

export function fmtRange(fig) {
  if (fig === null || fig === undefined) return "—";
  if (typeof fig === "number") return String(fig);
  const { min, best, max } = fig;
  const b = best ?? min ?? max;
  if (b === null || b === undefined) return "—";
  if ((min ?? b) === b && (max ?? b) === b) return String(b);
  return `${b} (${min ?? "?"}–${max ?? "?"})`;
}

function names(list) {
  return (list || []).map((a) => (a && typeof a === "object" ? a.name || a.mention || JSON.stringify(a) : String(a)));
}

/** A field's value as one line of text, by the shape the record gives it. */
export function fmtValue(name, value) {
  if (value === null || value === undefined || value === "") return "— (unknown)";
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) {
    if (!value.length) return "— (none)";
    return value.map((v) => {
      if (v && typeof v === "object") {
        const n = v.name || v.mention || v.text;
        const cat = v.category ? ` (${v.category})` : "";
        return n ? n + cat : JSON.stringify(v);
      }
      return String(v);
    }).join("; ");
  }
  if (name === "date" || ("start" in value && "precision" in value)) {
    const a = fmtDate(value.start), b = fmtDate(value.end);
    const span = value.end && value.end !== value.start ? `${a} to ${b}` : a;
    const p = precisionNote(value.precision);
    return span + (p ? ` (${p})` : "") + (value.text ? ` · “${value.text}”` : "");
  }
  if (name === "location" || ("country_code" in value && "name" in value)) {
    const bits = [value.name, value.admin2, value.admin1, value.country_code ? countryName(value.country_code) : null]
      .filter((x, i, arr) => x && arr.indexOf(x) === i);
    const ll = value.lat !== null && value.lat !== undefined ? ` · ${Number(value.lat).toFixed(3)}, ${Number(value.lon).toFixed(3)}` : "";
    return bits.join(", ") + (value.precision ? ` (${value.precision})` : "") + ll;
  }
  if ("best" in value || "min" in value || "max" in value) {
    const n = value.claims ? ` · ${value.claims.length} claim${value.claims.length === 1 ? "" : "s"}` : "";
    return `best ${value.best ?? "—"}, min ${value.min ?? "—"}${value.max === null || value.max === undefined ? ", no upper bound" : `, max ${value.max}`}${n}`;
  }
  if (value.name) return value.name;
  return JSON.stringify(value);
}

export function actorLine(inc) {
  const p = names(inc.perpetrators).join(", ");
  const v = names(inc.victims).join(", ");
  if (!p && !v) return "—";
  return `${p || "unknown"} → ${v || "unknown"}`;
}

const LABELS = {
  event_type: "Event type", sub_event_type: "Sub-event type", cameo: "CAMEO code", date: "Date",
  location: "Place", perpetrators: "Perpetrators", victims: "Victims", victim_category: "Victim category",
  killed: "Killed", injured: "Injured", weapons: "Weapons", summary: "Summary", confidence: "Confidence",
};

export function fieldLabel(name) {
  return LABELS[name] || name.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

// evidence colour by what the field is about
export function fieldKind(name) {
  if (/date|time/.test(name)) return "k-when";
  if (/location|place|admin|country|lat|lon/.test(name)) return "k-where";
  if (/perpetrator|victim|actor/.test(name)) return "k-who";
  if (/killed|injured|casualt|claim|fatal/.test(name)) return "k-toll";
  if (/event|weapon|cameo/.test(name)) return "k-what";
  return "k-other";
}

export const FIELD_ORDER = ["event_type", "sub_event_type", "date", "location", "perpetrators", "victims",
  "killed", "injured", "weapons", "victim_category", "cameo"];

export const EVENT_COLORS = {
  "Battles": "#b5542b",
  "Explosions/Remote violence": "#7b3f9e",
  "Violence against civilians": "#b8283a",
  "Protests": "#2f7d6d",
  "Riots": "#c08a12",
  "Strategic developments": "#3d6fb3",
};

export function eventColor(t) {
  return EVENT_COLORS[t] || "#5f6b7a";
}
