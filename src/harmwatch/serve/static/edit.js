// The edit dialog of one field. Parts of structured fields (date.start, location.name, killed.best…)
// are edited one by one, so an edit of a figure keeps following the extracted claims; lists
// (perpetrators, victims, weapons) are edited item by item. Returns {name: value} of the changes.
import { h, modal } from "./dom.js";
import { fieldLabel } from "./format.js";

const PARTS = {
  date: ["start", "end", "precision"],
  location: ["name", "admin1", "admin2", "country_code", "lat", "lon", "precision"],
  killed: ["min", "best", "max"],
  injured: ["min", "best", "max"],
};
const NUMERIC = new Set(["min", "best", "max", "lat", "lon"]);
const CHOICES = {
  event_type: ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Strategic developments"],
  "date.precision": ["day", "day-no-year", "week", "month", "year"],
  "location.precision": ["exact", "neighbourhood", "town", "admin2", "admin1", "country"],
  victim_category: ["civilians", "state forces", "rebel group", "political militia", "identity militia", "external forces", "protesters", "rioters"],
};
const LIST_FIELDS = new Set(["perpetrators", "victims", "weapons"]);
const ACTOR_CATEGORIES = ["state forces", "rebel group", "political militia", "identity militia", "civilians", "external forces", "protesters", "rioters", "other"];

function inputFor(key, value, label) {
  const id = "edit-" + key.replace(/\W/g, "-");
  const choices = CHOICES[key];
  let input;
  if (choices) {
    const opts = [...new Set([...(value ? [String(value)] : []), ...choices])];
    input = h("select", { id, name: key }, h("option", { value: "" }, "— unknown —"),
      opts.map((c) => h("option", { value: c, selected: String(value ?? "") === c }, c)));
  } else if (key === "summary") {
    input = h("textarea", { id, name: key, rows: "3" });
    input.value = value ?? "";
  } else {
    const part = key.split(".").pop();
    input = h("input", { id, name: key, type: NUMERIC.has(part) ? "number" : "text", step: part === "lat" || part === "lon" ? "any" : "1",
      autocomplete: "off", placeholder: part === "start" || part === "end" ? "YYYY-MM-DD or --MM-DD" : "empty = unknown" });
    input.value = value === null || value === undefined ? "" : String(value);
  }
  return { row: h("div", { class: "erow" }, h("label", { for: id }, label), input), input };
}

function readInput(key, input) {
  const raw = input.value.trim();
  if (raw === "") return null;
  const part = key.split(".").pop();
  if (NUMERIC.has(part)) {
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`${key}: not a number`);
    return n;
  }
  return raw;
}

function listEditor(name, items) {
  const rows = h("div", { class: "list-edit" });
  const addRow = (item) => {
    const nameIn = h("input", { type: "text", class: "li-name", "aria-label": "name", value: item.name || "", autocomplete: "off" });
    const catIn = name === "weapons" ? null : h("select", { class: "li-cat", "aria-label": "category" },
      h("option", { value: "" }, "—"),
      [...new Set([...(item.category ? [item.category] : []), ...ACTOR_CATEGORIES])].map((c) => h("option", { value: c, selected: c === item.category }, c)));
    const row = h("div", { class: "li-row" }, nameIn, catIn,
      h("button", { type: "button", class: "btn btn-xs", "aria-label": "remove", onclick: () => row.remove() }, "Remove"));
    row._orig = item;
    rows.appendChild(row);
  };
  (items || []).forEach((it) => addRow(typeof it === "string" ? { name: it } : it));
  const box = h("div", {}, rows, h("button", { type: "button", class: "btn btn-xs", onclick: () => addRow({}) }, "+ Add"));
  const read = () => [...rows.querySelectorAll(".li-row")].map((row) => {
    const nm = row.querySelector(".li-name").value.trim();
    if (!nm) return null;
    const orig = row._orig || {};
    const out = { name: nm };
    const cat = row.querySelector(".li-cat");
    if (cat && cat.value) out.category = cat.value;
    else if (!cat && orig.category) out.category = orig.category;
    if (orig.name === nm) {
      if (orig.mention) out.mention = orig.mention;
      if (orig.country_code) out.country_code = orig.country_code;
    }
    return out;
  }).filter(Boolean);
  return { box, read };
}

/** null when cancelled or unchanged, else {name or name.part: new value}. */
export async function editDialog(name, value) {
  const label = fieldLabel(name);
  let body, collect;
  if (PARTS[name]) {
    const obj = value && typeof value === "object" ? value : {};
    const inputs = PARTS[name].map((p) => [p, inputFor(`${name}.${p}`, obj[p], p.replace("_", " "))]);
    body = h("div", { class: "eform" }, inputs.map(([, x]) => x.row),
      h("p", { class: "muted small" }, name === "killed" || name === "injured"
        ? "Whole numbers; min ≤ best ≤ max. The claims of the reports stay as extracted."
        : "Empty means unknown."));
    collect = () => {
      const out = {};
      for (const [p, x] of inputs) {
        const v = readInput(`${name}.${p}`, x.input);
        const old = obj[p] === undefined ? null : obj[p];
        if (v !== old) out[`${name}.${p}`] = v;
      }
      return out;
    };
  } else if (LIST_FIELDS.has(name)) {
    const ed = listEditor(name, Array.isArray(value) ? value : []);
    body = h("div", { class: "eform" }, ed.box);
    collect = () => {
      const next = ed.read();
      const before = (Array.isArray(value) ? value : []).map((x) => JSON.stringify([x.name, x.category || null]));
      const after = next.map((x) => JSON.stringify([x.name, x.category || null]));
      return JSON.stringify(before) === JSON.stringify(after) ? {} : { [name]: next };
    };
  } else {
    const x = inputFor(name, value, label);
    body = h("div", { class: "eform" }, x.row);
    collect = () => {
      const v = readInput(name, x.input);
      return v === (value ?? null) ? {} : { [name]: v };
    };
  }
  const changes = await modal(`Edit ${label}`, body, {
    submitLabel: "Save",
    onSubmit: () => {
      const c = collect();
      if (!Object.keys(c).length) throw new Error("Nothing changed.");
      return c;
    },
  });
  return changes;
}
