"""save_result: what is written, idempotence, replacement, and hostile input."""

from __future__ import annotations

import hashlib
import logging

import pytest
from sqlalchemy import select

from harmwatch.errors import StoreError
from harmwatch.store import DocumentRejected, incident_id
from harmwatch.store.models import Claim, Evidence, IncidentActor, IncidentRow
from harmwatch.types import DocumentResult, Incident


def rows(store, model, *where):
    from sqlalchemy.orm import Session

    with Session(store.engine) as s:
        return s.scalars(select(model).where(*where)).all()


def test_seed_result_is_stored_with_evidence(store, seed_result, count_rows) -> None:
    text = seed_result.text
    run = store.begin_run("run", ["seed"], {})
    assert store.save_result(run, seed_result, extractor_version="0.1.0") == "inserted"

    doc = store.get_document(seed_result.doc_id)
    assert doc["text"] == text
    assert doc["content_hash"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert doc["source"] == "Diyaruna" and doc["published"] == "2017-06-05"
    assert doc["first_seen_run"] == doc["last_seen_run"] == run
    assert [i["incident_id"] for i in doc["incidents"]] == [
        incident_id(seed_result.doc_id, 0),
        incident_id(seed_result.doc_id, 1),
    ]

    counts = count_rows()
    assert counts["documents"] == 1 and counts["incidents"] == 2 and counts["incident_reports"] == 2

    massacre = rows(store, IncidentRow, IncidentRow.id == incident_id(seed_result.doc_id, 0))[0]
    assert massacre.event_type == "Violence against civilians"
    assert (massacre.killed_min, massacre.killed_best, massacre.killed_max) == (12, 250, None)
    assert massacre.date_start == "--06-03" and massacre.date_precision == "day-no-year"
    assert massacre.location_name == "al-Zanjili" and massacre.country_code == "IQ"
    assert massacre.lat == pytest.approx(36.35)
    assert massacre.review_status == "unreviewed"
    assert massacre.record["killed"]["claims"][1]["text"] == "At least 250"

    claims = rows(store, Claim)
    assert [(c.kind, c.qualifier, c.text, c.min, c.best) for c in claims] == [
        ("killed", "dozens", "dozens", 12, None),
        ("killed", "at least", "At least 250", 250, 250),
    ]
    assert claims[1].source == "Banyan al-Jarba"
    assert text[slice(*claims[1].evidence[0])] == "At least 250"

    evidence = rows(store, Evidence)
    assert evidence, "no evidence rows"
    for ev in evidence:
        assert ev.quote == text[ev.start : ev.end]
    quotes = {(ev.field, ev.quote) for ev in evidence}
    assert ("killed.claims[0]", "dozens") in quotes
    assert ("killed.claims[1]", "At least 250") in quotes
    assert ("killed.claims[1].source", "Banyan al-Jarba") in quotes
    assert ("date", "Saturday (June 3rd)") in quotes
    assert ("location", "al-Zanjili") in quotes
    assert ("perpetrators[0]", "ISIS gunmen") in quotes
    assert ("weapons[2]", "hand grenades") in quotes
    assert ("event", "slaughtered") in quotes

    actors = {(a.role, a.name, a.mention, a.category) for a in rows(store, IncidentActor)}
    assert actors == {
        ("perpetrator", "Islamic State", "ISIS", "rebel group"),
        ("victim", "civilians", "civilians", "civilians"),
        ("perpetrator", "Military Forces of Iraq", "Iraqi forces", "state forces"),
    }


def test_same_result_again_is_unchanged(store, seed_result, count_rows) -> None:
    run1 = store.begin_run("run", ["seed"], {})
    store.save_result(run1, seed_result, extractor_version="1")
    before = count_rows()
    updated_at = store.get_document(seed_result.doc_id)["updated_at"]
    run2 = store.begin_run("run", ["seed"], {})
    assert store.save_result(run2, seed_result, extractor_version="1") == "unchanged"
    assert count_rows() == before
    doc = store.get_document(seed_result.doc_id)
    assert (doc["first_seen_run"], doc["last_seen_run"]) == (run1, run2)
    assert doc["updated_at"] == updated_at


def test_changed_text_replaces_without_duplicates(store, seed_result, build_result, count_rows) -> None:
    run = store.begin_run("run", ["seed"], {})
    store.save_result(run, seed_result, extractor_version="1")
    before = count_rows()

    # the outlet fixed a typo near the start: every offset shifts by one
    edited_text = seed_result.text.replace("The \"Islamic", "The  \"Islamic", 1)
    assert edited_text != seed_result.text
    edited = build_result(edited_text)
    assert store.save_result(run, edited, extractor_version="1") == "updated"
    assert count_rows() == before
    doc = store.get_document(seed_result.doc_id)
    assert doc["text"] == edited_text
    for ev in rows(store, Evidence):
        assert ev.quote == edited_text[ev.start : ev.end]
    assert {ev.quote for ev in rows(store, Evidence, Evidence.field == "killed.claims[1]")} == {
        "At least 250",
        "killed",
    }


def test_new_extractor_version_updates_and_drops_orphan_incidents(
    store, seed_result, build_result, count_rows
) -> None:
    run = store.begin_run("run", ["seed"], {})
    store.save_result(run, seed_result, extractor_version="1")
    only_first = build_result(seed_result.text, seed_result.incidents[:1])
    assert store.save_result(run, only_first, extractor_version="1") == "unchanged"
    assert store.save_result(run, only_first, extractor_version="2") == "updated"
    counts = count_rows()
    assert counts["incidents"] == 1 and counts["incident_reports"] == 1
    assert counts["claims"] == 2
    assert [i["incident_id"] for i in store.iter_incidents()] == [incident_id(seed_result.doc_id, 0)]
    assert store.get_document(seed_result.doc_id)["extractor_version"] == "2"


def test_same_text_under_another_id_is_its_own_document(store, seed_result, build_result, count_rows) -> None:
    """A wire copy (same text, another outlet's id and URL) is stored, with the same content hash."""
    run = store.begin_run("run", ["seed"], {})
    assert store.save_result(run, seed_result, extractor_version="1") == "inserted"
    copy = build_result(seed_result.text, doc_id="copy-2", url="https://example.org/copy")
    assert store.save_result(run, copy, extractor_version="1") == "inserted"
    original, stored_copy = store.get_document(seed_result.doc_id), store.get_document("copy-2")
    assert stored_copy["text"] == original["text"] and stored_copy["content_hash"] == original["content_hash"]
    assert store.find_documents(content_hash=original["content_hash"]) == [seed_result.doc_id, "copy-2"]
    counts = count_rows()
    assert counts["documents"] == 2 and counts["incidents"] == 2 * len(seed_result.incidents)
    # the copy's incidents are its own (the merge stage links them), not the original's
    assert [r["reports"] for r in store.iter_incidents(doc_id="copy-2")] == [["copy-2"]] * len(seed_result.incidents)


def test_same_url_under_another_id_is_refused_not_merged(store, seed_result, build_result, count_rows) -> None:
    run = store.begin_run("run", ["seed"], {})
    store.save_result(run, seed_result, extractor_version="1")
    before = count_rows()
    for text in (seed_result.text, seed_result.text + "\nUpdated at 14:00."):
        rescrape = build_result(text, doc_id="rescrape-1")  # the seed's URL under another id
        with pytest.raises(DocumentRejected) as info:
            store.save_result(run, rescrape, extractor_version="1")
        assert info.value.code == "HW-STORE-URL-COLLISION"
        assert info.value.existing_id == seed_result.doc_id and "rescrape-1" in info.value.message
        assert count_rows() == before
    assert store.get_document("rescrape-1") is None
    assert store.get_document(seed_result.doc_id)["text"] == seed_result.text  # not overwritten
    # the same id with a new text is a new edition: updated in place
    edition = build_result(seed_result.text + "\nUpdated at 14:00.")
    assert store.save_result(run, edition, extractor_version="1") == "updated"
    assert store.get_document(seed_result.doc_id)["text"].endswith("Updated at 14:00.")
    assert count_rows() == before


def test_hostile_strings_are_stored_verbatim(store, build_result, seed_text) -> None:
    hostile = "x'); DROP TABLE documents;--"
    result = build_result(seed_text, doc_id="d'; DELETE FROM incidents;--", title=hostile,
                          url="https://example.org/?q=' OR '1'='1")
    run = store.begin_run("run'; DROP TABLE runs;--", [hostile], {"db": hostile})
    assert store.save_result(run, result, extractor_version=hostile) == "inserted"
    store.record_item(run, hostile, "done", doc_id=result.doc_id, reason=hostile)
    doc = store.get_document("d'; DELETE FROM incidents;--")
    assert doc["title"] == hostile and doc["extractor_version"] == hostile
    assert store.stats()["incidents"] == 2
    assert store.get_run(run)["items"][0]["ref"] == hostile
    assert list(store.iter_incidents(event_type="x' OR '1'='1")) == []


def test_bad_evidence_spans_are_dropped_not_misquoted(store, seed_text, build_result, caplog) -> None:
    incident = Incident(
        event_type="Violence against civilians",
        date={"start": None, "evidence": [[5, 2], [0, 10**6], [-3, 4], "junk", [0, 3]]},
        killed={"min": None, "best": "250", "max": float("nan"), "claims": [{"kind": "bogus", "text": "x"}]},
        location={"name": "Mosul", "lat": "36.3", "lon": None},
        perpetrators=[{"mention": None, "name": None}, "not a dict"],
    )
    with caplog.at_level(logging.WARNING, logger="harmwatch.store.db"):
        store.save_result(None, build_result(seed_text, [incident]), extractor_version="1")
    assert [(e.field, e.start, e.end) for e in rows(store, Evidence)] == [("date", 0, 3)]
    assert "outside the text" in caplog.text
    inc = rows(store, IncidentRow)[0]
    assert (inc.killed_best, inc.killed_max, inc.lat) == (250, None, pytest.approx(36.3))
    assert inc.record["killed"]["max"] is None  # NaN is not valid JSON (PostgreSQL rejects it)
    assert [c.kind for c in rows(store, Claim)] == ["killed"]
    assert rows(store, IncidentActor) == []


def test_dict_records_and_a_document_without_incidents(store, seed_text) -> None:
    as_dict = DocumentResult(
        doc_id="d-dict", status="ok", text=seed_text,
        incidents=[{"event_type": "Battles", "location": {"name": "Mosul", "country_code": "IQ"}}],  # type: ignore[list-item]
    )
    assert store.save_result(None, as_dict, extractor_version="1") == "inserted"
    [record] = list(store.iter_incidents())
    assert record["event_type"] == "Battles" and record["reports"] == ["d-dict"]
    empty = DocumentResult(doc_id="d-empty", status="ok", text="Markets reopened in Mosul.")
    assert store.save_result(None, empty, extractor_version="1") == "inserted"
    assert store.get_document("d-empty")["incidents"] == []


def test_skipped_and_failed_documents_are_kept_without_incidents(store, seed_result, count_rows) -> None:
    from dataclasses import replace

    skipped = replace(seed_result, status="skipped", error="language 'ar' is not covered",
                      error_code="HW-LANG-UNSUPPORTED")
    assert store.save_result(None, skipped, extractor_version="1") == "inserted"
    doc = store.get_document(seed_result.doc_id)
    assert (doc["extraction_status"], doc["extraction_error"]) == ("skipped", "language 'ar' is not covered")
    assert doc["incidents"] == [] and count_rows()["incidents"] == 0
    assert store.save_result(None, skipped, extractor_version="1") == "unchanged"
    # now extracted fine with the same extractor version: not 'unchanged', the incidents arrive
    assert store.save_result(None, seed_result, extractor_version="1") == "updated"
    assert count_rows()["incidents"] == 2
    assert store.get_document(seed_result.doc_id)["extraction_status"] == "ok"
    with pytest.raises(StoreError) as info:
        store.save_result(None, replace(seed_result, status="weird"), extractor_version="1")
    assert info.value.code == "HW-STORE-STATUS"
    no_text = DocumentResult(doc_id="bad", status="error", error="empty input")
    with pytest.raises(StoreError) as info:
        store.save_result(None, no_text, extractor_version="1")
    assert info.value.code == "HW-STORE-NO-TEXT"
    assert store.get_document("bad") is None


def test_a_failing_save_leaves_nothing_behind(store, seed_result, count_rows) -> None:
    before = count_rows()
    with pytest.raises(StoreError):
        store.save_result(12345, seed_result, extractor_version="1")  # no such run: FK fails
    assert count_rows() == before


def test_incident_ids_are_deterministic() -> None:
    assert incident_id("doc", 0) == "inc-" + hashlib.sha1(b"doc:0").hexdigest()[:16]
    assert incident_id("doc", 0) != incident_id("doc", 1)
    assert len(incident_id("doc", 0)) == 20
