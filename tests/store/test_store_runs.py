"""Run accounting, stats, incident listing, and two writers on one SQLite file."""

from __future__ import annotations

import threading

import pytest

from harmwatch.errors import StoreError
from harmwatch.store import open_store
from harmwatch.types import Incident


def test_every_input_of_a_run_is_accounted_for(store, seed_result) -> None:
    run = store.begin_run("run", ["in.jsonl"], {"workers": 1, "db": "sqlite:///x"})
    store.save_result(run, seed_result, extractor_version="1")
    store.record_item(run, "in.jsonl:1", "done", doc_id=seed_result.doc_id)
    store.record_item(run, "in.jsonl:2", "skipped", reason="duplicate of in.jsonl:1", code="HW-DUP")
    store.record_item(run, "in.jsonl:3", "failed", reason="no text", code="HW-INPUT-EMPTY")
    with pytest.raises(StoreError):
        store.record_item(run, "in.jsonl:4", "ok")
    assert store.get_run(run)["finished_at"] is None
    store.finish_run(run, None, {"seconds": 0.5})

    got = store.get_run(run)
    assert got["counts"] == {"done": 1, "skipped": 1, "failed": 1}
    assert got["summary"] == {"seconds": 0.5}
    assert got["options"] == {"workers": 1, "db": "sqlite:///x"}
    assert got["inputs"] == ["in.jsonl"]
    assert got["finished_at"] >= got["started_at"]
    assert got["finished_at"].endswith("+00:00")
    assert [(i["ref"], i["status"], i["code"]) for i in got["items"]] == [
        ("in.jsonl:1", "done", None),
        ("in.jsonl:2", "skipped", "HW-DUP"),
        ("in.jsonl:3", "failed", "HW-INPUT-EMPTY"),
    ]
    # explicit counts win
    store.finish_run(run, {"done": 7, "skipped": 0, "failed": 0}, {})
    assert store.get_run(run)["counts"]["done"] == 7
    with pytest.raises(StoreError):
        store.finish_run(run + 100, None, {})


def test_stats(store, seed_result, build_result, seed_text) -> None:
    assert store.stats()["documents"] == 0
    run = store.begin_run("run", [], {})
    store.save_result(run, seed_result, extractor_version="1")
    other = Incident(
        event_type="Violence against civilians",
        location={"name": "al-Zanjili", "country_code": "IQ"},
        perpetrators=[{"name": "Islamic State", "mention": "ISIS", "category": "rebel group"}],
        killed={"min": 3, "best": 3, "max": 3, "claims": []},
        injured={"min": 4, "best": 5, "max": 5, "claims": []},
    )
    store.save_result(run, build_result(seed_text + "\nLater report.", [other], doc_id="second",
                                        url="https://example.org/2"), extractor_version="1")
    stats = store.stats()
    assert stats["documents"] == 2
    assert stats["incidents"] == 3 and stats["reports"] == 3
    assert stats["killed"] == 253 and stats["injured"] == 5
    assert stats["top_places"][0] == {"name": "al-Zanjili", "country_code": "IQ", "count": 2}
    assert stats["top_actors"][0] == {"name": "Islamic State", "count": 2}
    assert stats["by_event_type"] == {"Strategic developments": 1, "Violence against civilians": 2}
    assert stats["by_review_status"] == {"unreviewed": 3}
    assert stats["runs"] == 1


def test_iter_incidents_records_and_filters(store, seed_result) -> None:
    store.save_result(None, seed_result, extractor_version="1")
    records = list(store.iter_incidents())
    # known date first, unknown (None) last
    assert [r["event_type"] for r in records] == ["Violence against civilians", "Strategic developments"]
    first = records[0]
    assert first["reports"] == [seed_result.doc_id]
    assert first["review_status"] == "unreviewed"
    assert first["incident_id"].startswith("inc-")
    assert first["killed"]["claims"][1]["evidence"][0] == list(
        seed_result.incidents[0].killed["claims"][1]["evidence"][0]
    )
    assert [r["location"]["name"] for r in store.iter_incidents(event_type="Strategic developments")] == [
        "al-Shefaa"
    ]
    assert len(list(store.iter_incidents(country_code="IQ", review_status="unreviewed"))) == 2
    assert len(list(store.iter_incidents(event_type=["Battles", "Strategic developments"]))) == 1
    assert list(store.iter_incidents(country_code="SY")) == []
    assert len(list(store.iter_incidents(doc_id=seed_result.doc_id))) == 2
    assert list(store.iter_incidents(doc_id="nope")) == []
    assert len(list(store.iter_incidents(date_from="--06-01", date_to="--06-30"))) == 1
    assert len(list(store.iter_incidents(limit=1))) == 1
    with pytest.raises(StoreError) as info:
        list(store.iter_incidents(colour="red"))
    assert info.value.code == "HW-STORE-FILTER"


def test_iter_incidents_streams_many(store, seed_text, build_result) -> None:
    """More incidents than one fetch partition (500): all come back, each with its report."""
    incidents = [Incident(event_type="Battles", date={"start": f"2017-06-{1 + i % 28:02d}"}) for i in range(620)]
    store.save_result(None, build_result(seed_text, incidents), extractor_version="1")
    got = list(store.iter_incidents())
    assert len(got) == 620 and len({g["incident_id"] for g in got}) == 620
    assert all(g["reports"] == ["000_ea6982988430f7db"] for g in got)
    assert [g["date"]["start"] for g in got] == sorted(g["date"]["start"] for g in got)


def test_two_stores_writing_one_file_concurrently(db_url, seed_text, build_result) -> None:
    """A serve process and a run process, or two runs: writers queue instead of failing."""
    errors: list[BaseException] = []
    stores = [open_store(db_url), open_store(db_url)]

    def work(k: int) -> None:
        st = stores[k]
        try:
            run = st.begin_run("run", [], {"writer": k})
            for i in range(15):
                doc_id = f"w{k}-{i}"
                res = build_result(f"{seed_text}\n[{doc_id}]", doc_id=doc_id, url=None)
                assert st.save_result(run, res, extractor_version="1") == "inserted"
                st.record_item(run, doc_id, "done", doc_id=doc_id)
                list(st.iter_incidents(doc_id=doc_id))
            st.finish_run(run, None, {})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        stats = stores[0].stats()
        assert stats["documents"] == 30 and stats["incidents"] == 60 and stats["runs"] == 2
    finally:
        for st in stores:
            st.close()
