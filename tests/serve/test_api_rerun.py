"""Reviewer work survives re-runs of the pipeline: a new report that joins an incident (its id
changes), a new edition of a report (re-extraction), and `harmwatch run` again on the corpus."""

from __future__ import annotations

import gzip
import json

from click.testing import CliRunner

from harmwatch.api import run, sample_corpus_path
from harmwatch.cli.main import cli

SEED = "seed-000_ea6982988430f7db"


def _sample(doc_id: str) -> dict:
    with gzip.open(sample_corpus_path(), "rt", encoding="utf-8") as fh:
        return next(d for d in map(json.loads, fh) if d["id"] == doc_id)


def _incident_of(api, doc_id: str) -> dict:
    ids = api.get(f"/api/v1/documents/{doc_id}").json()["incidents"]
    assert len(ids) == 1
    return api.get(f"/api/v1/incidents/{ids[0]}").json()


def test_edits_and_review_survive_reruns_and_follow_new_members(reviewer, db_url, tmp_path):
    # a reviewer edits and approves two incidents
    isaf = _incident_of(reviewer, "isaf-001")
    url = f"/api/v1/incidents/{isaf['id']}"
    v = reviewer.write("PATCH", url, json={"version": isaf["version"],
                                           "fields": {"location.name": "Yusof Kheyl village"}}).json()["version"]
    assert reviewer.write("POST", f"{url}/approve", json={"version": v}).status_code == 200
    seed = _incident_of(reviewer, SEED)
    assert seed["killed"] == 250
    surl = f"/api/v1/incidents/{seed['id']}"
    v = reviewer.write("PATCH", surl, json={"version": seed["version"],
                                            "fields": {"killed": {"min": 240, "best": 245, "max": 300}}}).json()
    assert v["killed"] == 245
    assert reviewer.write("POST", f"{surl}/reject", json={"version": v["version"], "reason": "toll unclear"}).status_code == 200

    # a re-run: another outlet's copy of the ISAF report (its id sorts first and it is dated the
    # same: the incident keeps its id all the same, merge ids are stable) and a new edition of the
    # seed whose toll the extractor now reads as 260
    copy = dict(_sample("isaf-001"), id="aaa-copy-isaf-001", source="Copy Desk")
    edition = _sample(SEED)
    assert "At least 250" in edition["text"]
    edition["text"] = edition["text"].replace("At least 250", "At least 260")
    path = tmp_path / "rerun.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in (copy, edition)), encoding="utf-8")
    report = run([path], db=db_url)
    assert report.counts["stored_new"] == 1 and report.counts["stored_updated"] == 1

    # the ISAF incident has a new member under the same id; its review and edit stay, and the
    # audit records the new members
    moved = _incident_of(reviewer, "isaf-001")
    assert moved["id"] == isaf["id"] and moved["report_count"] == isaf["report_count"] + 1
    assert "aaa-copy-isaf-001" in {r["doc_id"] for r in moved["reports"]}
    assert moved["status"] == "approved" and moved["review"]["by"] == "rita"
    assert moved["location"] == "Yusof Kheyl village" and moved["fields"]["location"]["edited"]
    assert moved["version"] > isaf["version"] + 2
    audit = reviewer.get(f"{url}/audit").json()["items"]
    assert [a["action"] for a in audit] == ["edit", "approve", "members"]
    assert audit[-1]["before"]["incident_id"] == audit[-1]["after"]["incident_id"] == isaf["id"]
    assert "aaa-copy-isaf-001#0" in audit[-1]["after"]["reports"]

    # the seed was re-extracted: the claims say 260, the reviewer's figure stays
    again = _incident_of(reviewer, SEED)
    assert again["id"] == seed["id"] and again["status"] == "rejected" and again["review"]["reason"] == "toll unclear"
    assert again["killed"] == 245 and again["fields"]["killed"]["value"]["max"] == 300
    assert 260 in {c["best"] for c in again["claims"]} and 250 not in {c["best"] for c in again["claims"]}
    assert again["version"] > v["version"]
    assert "rerun" in [a["action"] for a in reviewer.get(f"{surl}/audit").json()["items"]]
    assert seed["id"] in {i["id"] for i in reviewer.incidents(killed_min=245, killed_max=245)["items"]}

    # `harmwatch run` again on the bundled corpus: the seed goes back to its first text
    result = CliRunner().invoke(cli, ["run", "--db", db_url, "--silent"])
    assert result.exit_code == 0, result.output
    final = _incident_of(reviewer, SEED)
    assert final["killed"] == 245 and final["status"] == "rejected"
    assert 250 in {c["best"] for c in final["claims"]}
    assert _incident_of(reviewer, "isaf-001")["status"] == "approved"
    counts = reviewer.incidents()["counts"]["status"]
    assert counts["approved"] == 1 and counts["rejected"] == 1


def test_export_status_column_follows_the_review(reviewer, db_url):
    """`harmwatch export` reads merged_incidents.review_status: it says what the reviewer decided."""
    inc = _incident_of(reviewer, SEED)
    reviewer.write("POST", f"/api/v1/incidents/{inc['id']}/approve", json={"version": inc["version"]})
    out = CliRunner().invoke(cli, ["export", "--db", db_url, "--format", "jsonl", "--silent"])
    assert out.exit_code == 0
    rows = {r["incident_id"]: r for r in map(json.loads, out.output.splitlines())}
    assert rows[inc["id"]]["review_status"] == "approved"
    assert sum(r["review_status"] == "approved" for r in rows.values()) == 1


def test_exports_carry_the_reviewers_edits(reviewer, db_url):
    """`harmwatch export` (store.merged.iter_merged) writes the edited value, not the extracted one."""
    inc = _incident_of(reviewer, SEED)
    r = reviewer.write("PATCH", f"/api/v1/incidents/{inc['id']}",
                       json={"version": inc["version"], "fields": {"location.admin1": "Ninawa", "killed.best": 251}})
    assert r.status_code == 200
    out = CliRunner().invoke(cli, ["export", "--db", db_url, "--format", "jsonl", "--silent"])
    assert out.exit_code == 0, out.output
    rows = {r["incident_id"]: r for r in map(json.loads, out.output.splitlines())}
    mine = rows[inc["id"]]
    assert mine["location"]["admin1"] == "Ninawa" and mine["killed"]["best"] == 251
    assert mine["killed"]["min"] == 250 and mine["edited"] == ["killed.best", "location.admin1"]
    assert all("edited" not in r for k, r in rows.items() if k != inc["id"])
