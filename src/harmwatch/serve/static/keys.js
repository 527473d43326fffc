// Keyboard review. One handler for the page; each view registers its keys with setKeys().
// Keys are ignored while typing in a field or while a dialog is open (Escape closes dialogs itself).
import { h, modal } from "./dom.js";

let viewKeys = {};

export function setKeys(map) {
  viewKeys = map || {};
}

export const KEY_HELP = [
  ["j", "next incident (list: next row)"],
  ["k", "previous incident (list: previous row)"],
  ["Enter / o", "open the selected incident (list)"],
  ["a", "approve"],
  ["r", "reject (asks for a reason)"],
  ["e", "edit the selected field (incident) / open (list)"],
  ["f / F", "select the next / previous field and show its words (incident)"],
  ["n / p", "next / previous page (list)"],
  ["u", "back to the list (incident)"],
  ["/", "search"],
  ["?", "show these keys"],
  ["Esc", "close a dialog"],
];

export function showHelp() {
  if (document.querySelector("dialog[open]")) return;
  const rows = KEY_HELP.map(([k, what]) => h("tr", {}, h("th", { scope: "row" }, h("kbd", {}, k)), h("td", {}, what)));
  modal("Keyboard shortcuts", h("table", { class: "keys-table" }, h("tbody", {}, rows)), { submitLabel: "Close" });
}

function typing(target) {
  if (!target || !target.closest) return false;
  return !!target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']");
}

document.addEventListener("keydown", (ev) => {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (document.querySelector("dialog[open]")) return;
  if (typing(ev.target)) {
    if (ev.key === "Escape") ev.target.blur();
    return;
  }
  if (ev.key === "?") { ev.preventDefault(); showHelp(); return; }
  if (ev.key === "/") {
    const q = document.getElementById("f-q");
    if (q) { ev.preventDefault(); q.focus(); q.select(); }
    return;
  }
  const fn = viewKeys[ev.key];
  if (fn) {
    // Enter on a focused button or link keeps its own meaning
    if (ev.key === "Enter" && ev.target.closest && ev.target.closest("button, a")) return;
    ev.preventDefault();
    fn(ev);
  }
});
