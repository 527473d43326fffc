"""A reviewer's writes on the real sample store: edits with versions (409), approve / reject /
reopen, the audit trail, merge and split."""

from __future__ import annotations

from harmwatch.store import open_store
from harmwatch.store.merged import merge_store


def _multi(api) -> dict:
    return next(i for i in api.incidents(sort="-killed")["items"] if i["report_count"] > 1)


def _seed(api) -> dict:
    doc = api.get("/api/v1/documents/seed-000_ea6982988430f7db").json()
    return api.get(f"/api/v1/incidents/{doc['incidents'][0]}").json()


def test_patch_edits_fields_bumps_the_version_and_filters_see_the_edit(reviewer):
    inc = _seed(reviewer)
    assert inc["killed"] == 250 and inc["fields"]["killed"]["value"]["min"] == 250
    r = reviewer.write("PATCH", f"/api/v1/incidents/{inc['id']}",
                       json={"version": inc["version"],
                             "fields": {"killed.best": 260, "location.name": "al-Zanjili, west Mosul",
                                        "event_type": "Violence against civilians"}})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["version"] == inc["version"] + 1 and r.headers["etag"] == f'"{out["version"]}"'
    assert out["killed"] == 260 and out["location"] == "al-Zanjili, west Mosul"
    assert out["fields"]["killed"]["edited"] and out["fields"]["location"]["edited"]
    assert not out["fields"]["date"]["edited"]
    assert out["fields"]["killed"]["value"]["min"] == 250  # the rest of the figure is still extracted
    assert out["fields"]["killed"]["evidence"]  # the report's words stay visible beside the edit
    ids = {i["id"] for i in reviewer.incidents(killed_min=260, killed_max=260)["items"]}
    assert inc["id"] in ids
    assert inc["id"] not in {i["id"] for i in reviewer.incidents(killed_max=250)["items"]}
    assert inc["id"] in {i["id"] for i in reviewer.incidents(q="west Mosul")["items"]}


def test_a_stale_version_is_409_and_changes_nothing(reviewer):
    inc = _seed(reviewer)
    url = f"/api/v1/incidents/{inc['id']}"
    assert reviewer.write("PATCH", url, json={"version": inc["version"], "fields": {"killed.best": 255}}).status_code == 200
    stale = reviewer.write("PATCH", url, json={"version": inc["version"], "fields": {"killed.best": 300}})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "HW-API-VERSION"
    assert stale.headers["etag"] == f'"{inc["version"] + 1}"'
    now = reviewer.get(url).json()
    assert now["killed"] == 255 and now["version"] == inc["version"] + 1
    # If-Match carries the version as well
    ok = reviewer.write("PATCH", url, json={"fields": {"killed.best": 256}}, headers={"If-Match": f'"{now["version"]}"'})
    assert ok.status_code == 200 and ok.json()["killed"] == 256
    missing = reviewer.write("PATCH", url, json={"fields": {"killed.best": 257}})
    assert missing.status_code == 428 and missing.json()["error"]["code"] == "HW-API-VERSION-REQUIRED"
    stale = reviewer.write("POST", f"{url}/approve", json={"version": inc["version"]})
    assert stale.status_code == 409 and reviewer.get(url).json()["status"] == "unreviewed"


def test_bad_fields_are_422_and_save_nothing(reviewer):
    inc = _seed(reviewer)
    url = f"/api/v1/incidents/{inc['id']}"
    for fields in ({"no_such_field": 1}, {"killed.median": 3}, {"killed.best": -1}, {"killed.best": "many"},
                   {"date.start": "June 3rd"}, {"location.lat": 123.0}, {"killed.max": 10},  # max < min 250
                   {"perpetrators": [{"mention": "no name"}]}):
        r = reviewer.write("PATCH", url, json={"version": inc["version"], "fields": fields})
        assert r.status_code == 422 and r.json()["error"]["code"] == "HW-API-FIELD", fields
    after = reviewer.get(url).json()
    assert after["version"] == inc["version"] and after["killed"] == 250
    assert reviewer.get(f"{url}/audit").json()["items"] == []


def test_revert_drops_an_edit_back_to_the_extracted_value(reviewer):
    inc = _seed(reviewer)
    url = f"/api/v1/incidents/{inc['id']}"
    v = reviewer.write("PATCH", url, json={"version": inc["version"], "fields": {"killed.best": 251}}).json()["version"]
    back = reviewer.write("PATCH", url, json={"version": v, "revert": ["killed.best"]}).json()
    assert back["killed"] == 250 and not back["fields"]["killed"]["edited"]
    audit = reviewer.get(f"{url}/audit").json()["items"]
    assert [(a["action"], a["field"], a["before"], a["after"]) for a in audit] == [
        ("edit", "killed.best", 250, 251), ("revert", "killed.best", 251, 250)]


def test_approve_reject_reopen_and_their_audit(reviewer):
    inc = _multi(reviewer)
    url = f"/api/v1/incidents/{inc['id']}"
    a = reviewer.write("POST", f"{url}/approve", json={"version": inc["version"]}).json()
    assert a["status"] == "approved" and a["review"]["by"] == "rita" and a["review"]["at"]
    assert inc["id"] in {i["id"] for i in reviewer.incidents(status="approved")["items"]}
    assert reviewer.incidents()["counts"]["status"]["approved"] == 1
    rj = reviewer.write("POST", f"{url}/reject", json={"version": a["version"], "reason": "a raid, not an IED"}).json()
    assert rj["status"] == "rejected" and rj["review"]["reason"] == "a raid, not an IED"
    ro = reviewer.write("POST", f"{url}/reopen", json={"version": rj["version"]}).json()
    assert ro["status"] == "unreviewed" and ro["version"] == inc["version"] + 3
    audit = reviewer.get(f"{url}/audit").json()["items"]
    assert [x["action"] for x in audit] == ["approve", "reject", "reopen"]
    assert all(x["user"] == "rita" and x["at"] for x in audit)
    assert audit[1]["before"]["status"] == "approved" and audit[1]["after"] == {"status": "rejected",
                                                                                 "reason": "a raid, not an IED"}
    log = reviewer.get("/api/v1/audit", params={"user": "rita"}).json()
    assert log["total"] == 3 and log["items"][0]["action"] == "reopen" and log["items"][0]["incident_id"] == inc["id"]
    assert reviewer.get("/api/v1/audit", params={"user": "nobody"}).json()["total"] == 0


def test_merge_then_split_back(reviewer, db_url):
    af = [i for i in reviewer.incidents(country="AF", sort="date")["items"] if i["report_count"] == 1]
    a, b = af[0], af[1]
    r = reviewer.write("POST", "/api/v1/incidents/merge", json={"ids": [a["id"], b["id"]]})
    assert r.status_code == 200, r.text
    joined = r.json()
    assert joined["report_count"] == 2
    with open_store(db_url, create=False) as store:
        merge_store(store)  # a full re-merge keeps the reviewer's join
    assert reviewer.get(f"/api/v1/incidents/{joined['id']}").json()["report_count"] == 2
    docs = {rep["doc_id"] for rep in joined["reports"]}
    assert len(docs) == 2
    ids = {i["id"] for i in reviewer.incidents()["items"]}
    assert joined["id"] in ids and len({a["id"], b["id"]} & ids) <= 1
    assert [x["action"] for x in reviewer.get(f"/api/v1/incidents/{joined['id']}/audit").json()["items"]][-1] == "merge"

    one = sorted(docs)[1]
    s = reviewer.write("POST", f"/api/v1/incidents/{joined['id']}/split", json={"doc_ids": [one]})
    assert s.status_code == 200, s.text
    parts = s.json()["incidents"]
    assert len(parts) == 2 and all(p["report_count"] == 1 for p in parts)
    assert {p["id"] for p in parts} == {a["id"], b["id"]}  # the same reports give the same ids again
    assert reviewer.incidents()["total"] == len(ids) + 1
    # the decisions are kept: a full re-merge keeps the two apart again
    with open_store(db_url, create=False) as store:
        merge_store(store)
    assert {a["id"], b["id"]} <= {i["id"] for i in reviewer.incidents()["items"]}

    bad = reviewer.write("POST", "/api/v1/incidents/merge", json={"ids": [a["id"]]})
    assert bad.status_code == 422
    gone = reviewer.write("POST", "/api/v1/incidents/merge", json={"ids": [a["id"], "mi-0000000000000000"]})
    assert gone.status_code == 404
    wrong = reviewer.write("POST", f"/api/v1/incidents/{a['id']}/split", json={"doc_ids": ["not-a-report"]})
    assert wrong.status_code == 422


def test_a_merged_incident_keeps_its_review_and_edits(reviewer):
    af = [i for i in reviewer.incidents(country="AF", sort="date")["items"] if i["report_count"] == 1]
    a, b = af[2], af[3]
    url = f"/api/v1/incidents/{a['id']}"
    v = reviewer.write("PATCH", url, json={"version": a["version"], "fields": {"victim_category": "militants"}}).json()
    reviewer.write("POST", f"{url}/approve", json={"version": v["version"]})
    joined = reviewer.write("POST", "/api/v1/incidents/merge", json={"ids": [a["id"], b["id"]]}).json()
    assert joined["status"] == "approved"
    assert joined["fields"]["victim_category"] == {"value": "militants", "evidence": [], "edited": True}
