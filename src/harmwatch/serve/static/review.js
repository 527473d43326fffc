// Review writes shared by the list and the incident page.
import { api } from "./api.js";
import { h, modal } from "./dom.js";

export function reviewAction(id, action, body) {
  return api(`/incidents/${encodeURIComponent(id)}/${action}`, { method: "POST", body });
}

/** Asks for the reason of a rejection; null when cancelled. */
export function rejectDialog() {
  const reasons = ["not armed violence", "duplicate of another incident", "wrong event (background mention)",
    "not enough information", "out of scope"];
  const ta = h("textarea", { id: "reject-reason", name: "reason", rows: "3", "aria-required": "true",
    placeholder: "Why is this incident rejected? (kept in the audit trail)" });
  const quick = h("div", { class: "quick" }, reasons.map((r) =>
    h("button", { type: "button", class: "chip", onclick: () => { ta.value = r; ta.focus(); } }, r)));
  return modal("Reject incident", h("div", {}, h("label", { for: "reject-reason" }, "Reason"), ta, quick), {
    submitLabel: "Reject", danger: true,
    onSubmit: () => {
      const v = ta.value.trim();
      if (!v) throw new Error("A reason is required.");
      return v;
    },
  });
}
