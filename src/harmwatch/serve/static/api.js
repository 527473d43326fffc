// The REST client: JSON in and out, the CSRF header on every write, and a 401 sends the user to
// the login page (back to where they were after logging in).

export const session = { user: null, csrf: null };

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || "HW-HTTP-" + status;
    this.hint = e.hint || "";
  }
}

export function toLogin() {
  const here = location.hash && !location.hash.startsWith("#/login") ? location.hash : "";
  session.user = null;
  session.csrf = null;
  location.hash = "#/login" + (here ? "?next=" + encodeURIComponent(here) : "");
}

export function qs(params) {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === "") continue;
    out.set(k, String(v));
  }
  const str = out.toString();
  return str ? "?" + str : "";
}

export async function api(path, { method = "GET", body, params, redirect401 = true } = {}) {
  const headers = { Accept: "application/json" };
  const write = method !== "GET" && method !== "HEAD";
  if (write) {
    headers["Content-Type"] = "application/json";
    if (session.csrf) headers["X-CSRF-Token"] = session.csrf;
  }
  const res = await fetch("/api/v1" + path + qs(params), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
    cache: "no-store",
  });
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = null; }
  }
  if (res.status === 401 && redirect401) {
    toLogin();
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export async function loadSession() {
  try {
    const me = await api("/auth/me", { redirect401: false });
    session.user = me.user;
    session.csrf = me.csrf_token;
    return true;
  } catch (e) {
    if (e.status === 401) return false;
    throw e;
  }
}

export async function login(username, password) {
  const r = await api("/auth/login", { method: "POST", body: { username, password }, redirect401: false });
  session.user = r.user;
  session.csrf = r.csrf_token;
  return r;
}

export async function logout() {
  try { await api("/auth/logout", { method: "POST", redirect401: false }); } catch (e) { /* gone already */ }
  session.user = null;
  session.csrf = null;
}

export function canWrite() {
  return !!session.user && (session.user.role === "reviewer" || session.user.role === "admin");
}
