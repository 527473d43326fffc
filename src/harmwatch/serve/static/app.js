// harmwatch review: the single-page shell. Views are chosen by the URL hash:
//   #/login  #/incidents?<filters>  #/map?<filters>  #/incident/<id>
import { session, loadSession, login, logout, ApiError } from "./api.js";
import { h, replace, toast } from "./dom.js";
import { renderList } from "./list.js";
import { renderIncident } from "./incident.js";
import { renderOverview } from "./overview.js";
import { setKeys, showHelp } from "./keys.js";
import { filtersOf, hashFor } from "./filters.js";

const app = document.getElementById("app");

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

function topbar(active, params) {
  const f = filtersOf(params || new URLSearchParams());
  const tab = (name, label, href) => h("a", { href, class: ["tab", active === name ? "on" : ""], "aria-current": active === name ? "page" : false }, label);
  return h("header", { class: "topbar" },
    h("a", { href: "#/incidents", class: "brand", "aria-label": "harmwatch review: incident list" },
      h("img", { src: "/static/favicon.svg", alt: "", width: "18", height: "18" }), h("span", {}, "harmwatch"), h("span", { class: "brand-sub" }, "review")),
    h("nav", { class: "tabs", "aria-label": "Views" },
      tab("incidents", "Incidents", hashFor("incidents", f)),
      tab("map", "Map & timeline", hashFor("map", f))),
    h("div", { class: "spacer" }),
    h("button", { type: "button", class: "btn btn-ghost btn-sm", onclick: () => showHelp(), title: "keyboard shortcuts (?)" }, "Keys ", h("kbd", {}, "?")),
    session.user ? h("span", { class: "who", id: "who" }, session.user.name, h("span", { class: "role" }, session.user.role)) : null,
    session.user ? h("button", { type: "button", class: "btn btn-ghost btn-sm", id: "logout", onclick: async () => { await logout(); location.hash = "#/login"; } }, "Log out") : null);
}

function renderLogin(params) {
  setKeys({});
  const user = h("input", { id: "login-user", name: "username", autocomplete: "username", required: true, autocapitalize: "none", spellcheck: "false" });
  const pass = h("input", { id: "login-pass", name: "password", type: "password", autocomplete: "current-password", required: true });
  const err = h("p", { class: "login-error", role: "alert", id: "login-error" });
  const btn = h("button", { type: "submit", class: "btn btn-primary btn-block", id: "login-submit" }, "Log in");
  const form = h("form", { class: "login-card", id: "login-form", "aria-labelledby": "login-title" },
    h("div", { class: "login-brand" }, h("img", { src: "/static/favicon.svg", alt: "", width: "28", height: "28" }),
      h("div", {}, h("h1", { id: "login-title" }, "harmwatch review"), h("p", { class: "muted" }, "Incidents coded from news reports, checked by people."))),
    h("label", { for: "login-user" }, "User name"), user,
    h("label", { for: "login-pass" }, "Password"), pass,
    err, btn,
    h("p", { class: "muted small" }, "Accounts are made by an administrator: ", h("code", {}, "harmwatch user add NAME --role reviewer")));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    btn.disabled = true;
    try {
      await login(user.value.trim(), pass.value);
      const next = params.get("next");
      location.hash = next && next.startsWith("#/") && !next.startsWith("#/login") ? next : "#/incidents";
    } catch (e) {
      err.textContent = e instanceof ApiError && e.status === 429
        ? "Too many failed attempts: wait a few minutes and try again."
        : e instanceof ApiError && e.status === 401 ? "Wrong user name or password." : `Could not log in: ${e.message}`;
      pass.value = "";
      pass.focus();
    } finally {
      btn.disabled = false;
    }
  });
  replace(app, h("main", { class: "login-page" }, form));
  user.focus();
}

let rendering = 0;
async function route() {
  const my = ++rendering;
  delete app.dataset.ready;
  const { parts, params } = parseHash();
  const view = parts[0] || "incidents";
  document.querySelectorAll("dialog").forEach((d) => d.remove());
  if (view === "login") { document.title = "Log in · harmwatch review"; renderLogin(params); return; }
  if (!session.user) {
    const ok = await loadSession();
    if (my !== rendering) return;
    if (!ok) {
      location.hash = "#/login?next=" + encodeURIComponent(location.hash || "#/incidents");
      return;
    }
  }
  const main = h("main", { class: "page", id: "main", tabindex: "-1" });
  const active = view === "incident" ? "incidents" : view;
  replace(app, topbar(active, view === "incident" ? null : params), main);
  try {
    if (view === "incidents") { document.title = "Incidents · harmwatch review"; await renderList(main, params); }
    else if (view === "map") { document.title = "Map & timeline · harmwatch review"; await renderOverview(main, params); }
    else if (view === "incident" && parts[1]) { document.title = `${parts[1]} · harmwatch review`; await renderIncident(main, parts[1], params); }
    else { location.hash = "#/incidents"; }
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return; // already sent to the login page
    replace(main, h("div", { class: "error-box pad", role: "alert" }, `Something went wrong: ${e.message}`));
    toast(e.message, "error");
  }
  app.dataset.ready = view;
}

window.addEventListener("hashchange", route);
route();
