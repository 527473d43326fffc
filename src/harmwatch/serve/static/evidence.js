// A report's text with every evidence span marked. The text is cut at every span boundary into
// text nodes and <mark> elements (textContent only); each mark lists the spans that cover it in
// data-ev ("field#index" keys, the index into that field's evidence list) and the fields in data-fields, so selecting a field lights up
// exactly its words.
import { h } from "./dom.js";
import { fieldKind } from "./format.js";

/**
 * spans: [{key, field, start, end}] for this document. Returns the <div> with the marked text.
 * onPick(field) is called when a mark is clicked (the reverse link: words -> field).
 */
export function markedText(text, spans, onPick) {
  const n = text.length;
  const valid = spans.filter((sp) => Number.isInteger(sp.start) && Number.isInteger(sp.end)
    && sp.start >= 0 && sp.end <= n && sp.start < sp.end);
  const cuts = new Set([0, n]);
  for (const sp of valid) { cuts.add(sp.start); cuts.add(sp.end); }
  const bounds = [...cuts].sort((a, b) => a - b);
  const body = h("div", { class: "doc-text", lang: "en" });
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i], b = bounds[i + 1];
    const piece = text.slice(a, b);
    const cover = valid.filter((sp) => sp.start <= a && sp.end >= b);
    if (!cover.length) { body.appendChild(document.createTextNode(piece)); continue; }
    const fields = [...new Set(cover.map((sp) => sp.field))];
    const visible = fields.filter((f) => f !== "evidence");
    const kind = visible.length ? fieldKind(visible[0]) : "k-sentence";
    const mark = h("mark", {
      class: ["ev", kind, visible.length ? "" : "ev-sentence"],
      dataset: { ev: cover.map((sp) => sp.key).join(" "), fields: fields.join(" "), start: String(a) },
      title: visible.length ? "evidence for: " + visible.join(", ") : "a sentence of this incident",
    }, piece);
    if (visible.length) {
      mark.addEventListener("click", () => onPick && onPick(visible[0]));
    }
    body.appendChild(mark);
  }
  return body;
}

/** Light up one field's (or one claim's) marks everywhere; returns the first mark, scrolled to. */
export function highlight(root, token, { byKey = false } = {}) {
  let first = null;
  for (const m of root.querySelectorAll("mark.ev")) {
    const list = (byKey ? m.dataset.ev : m.dataset.fields).split(" ");
    const on = list.includes(token);
    m.classList.toggle("active", on);
    if (on && !first) first = m;
  }
  if (first) first.scrollIntoView({ block: "center", behavior: "instant" });
  return first;
}
