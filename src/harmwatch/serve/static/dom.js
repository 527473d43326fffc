// DOM helpers. Every piece of data reaches the page through textContent, createTextNode or
// setAttribute on a known-safe attribute: never innerHTML, outerHTML, insertAdjacentHTML or
// document.write. Scraped report text is untrusted and must show as text.

const SVG_NS = "http://www.w3.org/2000/svg";
const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href"]);

function setAttrs(el, attrs) {
  for (const [key, val] of Object.entries(attrs || {})) {
    if (val === undefined || val === null || val === false) continue;
    if (key === "text") el.textContent = String(val);
    else if (key === "class") el.setAttribute("class", Array.isArray(val) ? val.filter(Boolean).join(" ") : val);
    else if (key === "dataset") Object.assign(el.dataset, val);
    else if (key.startsWith("on") && typeof val === "function") el.addEventListener(key.slice(2), val);
    else if (key.startsWith("on")) throw new Error("event handlers must be functions: " + key);
    else if (URL_ATTRS.has(key)) el.setAttribute(key, safeUrl(val));
    else if (val === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(val));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** h("div", {class: "x"}, "text", child, ...): an HTML element. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** s("circle", {cx: 1}): an SVG element. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Only http(s), same-origin paths and fragments: a "javascript:" URL from a report never becomes a link. */
export function safeUrl(u) {
  const str = String(u ?? "");
  if (str.startsWith("#") || (str.startsWith("/") && !str.startsWith("//"))) return str;
  try {
    const parsed = new URL(str, location.origin);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.href;
  } catch (e) { /* not a URL */ }
  return "#";
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

export function fmtNum(n) {
  return n === null || n === undefined ? "—" : Number(n).toLocaleString("en-US");
}

export function fmtDateTime(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export const STATUS_LABEL = { unreviewed: "Unreviewed", approved: "Approved", rejected: "Rejected" };

export function statusBadge(status) {
  const st = status || "unreviewed";
  return h("span", { class: ["badge", "st-" + st], title: "review status: " + st }, STATUS_LABEL[st] || st);
}

/** A modal <dialog>; resolves with the value onSubmit returns, or null when cancelled. */
export function modal(title, body, { submitLabel = "Save", onSubmit, danger = false, wide = false } = {}) {
  return new Promise((resolve) => {
    const err = h("p", { class: "dlg-error", role: "alert" });
    const form = h("form", { class: "dlg-form", method: "dialog" },
      h("header", { class: "dlg-head" }, h("h2", { text: title })),
      h("div", { class: "dlg-body" }, body, err),
      h("footer", { class: "dlg-foot" },
        h("button", { type: "button", class: "btn", value: "cancel", "data-cancel": "1", text: "Cancel" }),
        h("button", { type: "submit", class: ["btn", danger ? "btn-danger" : "btn-primary"], text: submitLabel })));
    const dlg = h("dialog", { class: ["dlg", wide ? "dlg-wide" : ""] }, form);
    let done = false;
    const finish = (val) => { if (done) return; done = true; dlg.close(); dlg.remove(); resolve(val); };
    form.querySelector("[data-cancel]").addEventListener("click", () => finish(null));
    dlg.addEventListener("cancel", (ev) => { ev.preventDefault(); finish(null); });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      err.textContent = "";
      try {
        const val = onSubmit ? await onSubmit() : true;
        if (val !== undefined) finish(val);
      } catch (e) {
        err.textContent = e.message || String(e);
      }
    });
    document.body.appendChild(dlg);
    dlg.showModal();
    const first = dlg.querySelector("input, textarea, select");
    if (first) first.focus();
  });
}

/** A transient message in the corner (role=status, so screen readers hear it too). */
export function toast(message, kind = "info") {
  let box = document.getElementById("toasts");
  if (!box) {
    box = h("div", { id: "toasts", class: "toasts", role: "status", "aria-live": "polite" });
    document.body.appendChild(box);
  }
  const t = h("div", { class: ["toast", "toast-" + kind] }, message);
  box.appendChild(t);
  setTimeout(() => t.remove(), kind === "error" ? 8000 : 3500);
}
