"""The review library under the API: reviewed records for exports, secure cookies, a reviewed
incident whose reports are gone."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from harmwatch.api import run
from harmwatch.review import iter_reviewed
from harmwatch.serve.app import create_app
from harmwatch.store import open_store

SEED = "seed-000_ea6982988430f7db"


def test_iter_reviewed_gives_exports_the_edited_values(reviewer, db_url):
    inc_id = reviewer.get(f"/api/v1/documents/{SEED}").json()["incidents"][0]
    inc = reviewer.get(f"/api/v1/incidents/{inc_id}").json()
    v = reviewer.write("PATCH", f"/api/v1/incidents/{inc_id}",
                       json={"version": inc["version"], "fields": {"location.admin1": "Ninawa"}}).json()["version"]
    reviewer.write("POST", f"/api/v1/incidents/{inc_id}/approve", json={"version": v})
    with open_store(db_url, create=False) as store:
        every = list(iter_reviewed(store))
        approved = list(iter_reviewed(store, approved_only=True))
    assert len(every) == reviewer.incidents()["total"]
    assert [r["incident_id"] for r in approved] == [inc_id]
    rec = approved[0]
    assert rec["location"]["admin1"] == "Ninawa" and rec["edited"] == ["location.admin1"]
    assert rec["review_status"] == "approved" and rec["location"]["name"] == inc["location"]
    json.dumps(every)  # plain JSON, ready for a writer


def test_secure_cookies_mark_the_session_cookie_secure(db_url, passwords):
    with TestClient(create_app(db_url, secure_cookies=True), base_url="https://testserver") as client:
        r = client.post("/api/v1/auth/login", json={"username": "rita", "password": passwords["rita"]})
        assert r.status_code == 200 and "Secure" in r.headers["set-cookie"]


def test_a_reviewed_incident_whose_report_is_gone_leaves_its_review_in_the_audit(reviewer, db_url, tmp_path):
    inc_id = reviewer.get(f"/api/v1/documents/{SEED}").json()["incidents"][0]
    inc = reviewer.get(f"/api/v1/incidents/{inc_id}").json()
    v = reviewer.write("PATCH", f"/api/v1/incidents/{inc_id}",
                       json={"version": inc["version"], "fields": {"killed.best": 251}}).json()["version"]
    reviewer.write("POST", f"/api/v1/incidents/{inc_id}/reject", json={"version": v, "reason": "duplicate"})
    # a new edition of the report that describes no violence at all
    path = tmp_path / "edition.jsonl"
    path.write_text(json.dumps({"id": SEED, "text": "The city council met on Tuesday to discuss the new park. "
                                                    "Residents welcomed the plans for more trees."}) + "\n")
    run([path], db=db_url)
    assert reviewer.get(f"/api/v1/incidents/{inc_id}").status_code == 404
    audit = reviewer.get(f"/api/v1/incidents/{inc_id}/audit").json()["items"]
    assert [a["action"] for a in audit] == ["edit", "reject", "removed"]
    kept = audit[-1]["before"]
    assert kept["status"] == "rejected" and kept["edits"] == {"killed.best": 251}
    assert kept["reports"] == [f"{SEED}#0"]
