"""Login, sessions, the failed-login limit, roles and CSRF, and no secret in the logs."""

from __future__ import annotations

import hashlib
import logging


from harmwatch.review.accounts import FAIL_LIMIT_USER


def test_login_sets_a_strict_httponly_cookie_and_me_answers(db_url, make_api):
    api = make_api(db_url)
    assert api.get("/api/v1/auth/me").status_code == 401
    r = api.login("rita")
    assert r.status_code == 200
    assert r.json()["user"] == {"name": "rita", "role": "reviewer"}
    cookie = r.headers["set-cookie"]
    assert cookie.startswith("hw_session=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Secure" not in cookie  # plain http on 127.0.0.1 unless --secure-cookies
    me = api.get("/api/v1/auth/me").json()
    assert me == {"user": {"name": "rita", "role": "reviewer"}, "csrf_token": r.json()["csrf_token"]}


def test_the_store_keeps_only_the_hash_of_a_session_token(db_url, make_api, passwords, databases):
    api = make_api(db_url)
    api.login("rita")
    token = api.client.cookies.get("hw_session")
    assert token and len(token) >= 40
    stored = [r[0] for r in databases.rows(db_url, "SELECT token_hash FROM auth_sessions")]
    hashes = [r[0] for r in databases.rows(db_url, "SELECT password_hash FROM users")]
    assert hashlib.sha256(token.encode()).hexdigest() in stored
    assert token not in stored
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any(p in h for h in hashes for p in passwords.values())


def test_logout_ends_the_session_for_good(db_url, make_api):
    api = make_api(db_url)
    api.login("rita")
    token = api.client.cookies.get("hw_session")
    assert api.write("POST", "/api/v1/auth/logout").json() == {"ok": True}
    api.client.cookies.set("hw_session", token)  # a copy of the old cookie is useless
    r = api.get("/api/v1/incidents")
    assert r.status_code == 401 and r.json()["error"]["code"] == "HW-AUTH-REQUIRED"


def test_bad_login_is_401_and_the_same_for_an_unknown_user(db_url, make_api):
    api = make_api(db_url)
    wrong = api.login("rita", "not-her-password")
    nobody = api.login("nobody", "whatever-pass")
    assert wrong.status_code == nobody.status_code == 401
    assert wrong.json()["error"]["code"] == nobody.json()["error"]["code"] == "HW-AUTH-BAD-LOGIN"
    assert wrong.json()["error"]["message"] == nobody.json()["error"]["message"]
    assert "hw_session" not in wrong.headers.get("set-cookie", "")


def test_too_many_failed_logins_lock_the_user_with_retry_after(db_url, make_api):
    api = make_api(db_url)
    for _ in range(FAIL_LIMIT_USER):
        assert api.login("rita", "guess-guess").status_code == 401
    locked = api.login("rita")  # even the right password, while locked
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "HW-AUTH-LOCKED"
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60 + 1
    assert api.login("ada").status_code == 200  # another user from the same client is not locked


def test_a_good_login_clears_earlier_failures(db_url, make_api, databases):
    api = make_api(db_url)
    for _ in range(FAIL_LIMIT_USER - 1):
        api.login("rita", "guess-guess")
    count = lambda: databases.scalar(db_url, "SELECT count(*) FROM login_failures WHERE username = 'rita'")  # noqa: E731
    assert count() == FAIL_LIMIT_USER - 1
    assert api.login("rita").status_code == 200
    assert count() == 0


def test_no_password_or_session_token_in_the_logs(db_url, make_api, caplog, passwords):
    api = make_api(db_url)
    with caplog.at_level(logging.DEBUG):
        r = api.login("rita")
        api.login("rita", "a-wrong-secret-99")
        api.get("/api/v1/auth/me")
        api.write("PATCH", "/api/v1/incidents/nope", json={"version": 1, "fields": {"killed.best": 1}})
        api.write("POST", "/api/v1/auth/logout")
    token = r.cookies.get("hw_session") or api.client.cookies.get("hw_session")
    text = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "/api/v1/auth/login" in text  # the access log did see the requests
    for secret in (passwords["rita"], "a-wrong-secret-99", token, r.json()["csrf_token"]):
        assert secret and secret not in text


def test_unauthenticated_writes_are_401(db_url, make_api, passwords):
    api = make_api(db_url)
    some = api.client.post("/api/v1/auth/login", json={"username": "vera", "password": passwords["vera"]})
    iid = api.incidents()["items"][0]["id"]
    api.write("POST", "/api/v1/auth/logout")
    assert some.status_code == 200
    for method, url, body in (("PATCH", f"/api/v1/incidents/{iid}", {"version": 1, "fields": {"killed.best": 1}}),
                              ("POST", f"/api/v1/incidents/{iid}/approve", {"version": 1}),
                              ("POST", "/api/v1/incidents/merge", {"ids": [iid, iid]})):
        r = api.client.request(method, url, json=body)
        assert r.status_code == 401, (method, url)
        assert r.json()["error"]["code"] == "HW-AUTH-REQUIRED"


def test_viewer_writes_are_403_and_change_nothing(db_url, make_api):
    api = make_api(db_url)
    api.sign_in("vera")
    item = api.incidents()["items"][0]
    r = api.write("POST", f"/api/v1/incidents/{item['id']}/approve", json={"version": item["version"]})
    assert r.status_code == 403 and r.json()["error"]["code"] == "HW-AUTH-ROLE"
    after = api.get(f"/api/v1/incidents/{item['id']}").json()
    assert after["status"] == "unreviewed" and after["version"] == item["version"]
    assert api.get("/api/v1/audit").status_code == 403


def test_reviewer_writes_need_the_csrf_header(reviewer):
    item = reviewer.incidents()["items"][0]
    url = f"/api/v1/incidents/{item['id']}/approve"
    for headers in ({"X-CSRF-Token": ""}, {"X-CSRF-Token": "0" * 64}):
        r = reviewer.client.post(url, json={"version": item["version"]}, headers=headers)
        assert r.status_code == 403 and r.json()["error"]["code"] == "HW-AUTH-CSRF"
    assert reviewer.client.post(url, json={"version": item["version"]}).status_code == 403
    ok = reviewer.write("POST", url, json={"version": item["version"]})
    assert ok.status_code == 200 and ok.json()["status"] == "approved"
