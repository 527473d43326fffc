"""Merged incidents in the store: `harmwatch run` merges, hand joins and splits survive re-runs and
re-merges, and the export gives one line per merged incident."""

from __future__ import annotations

import json

from click.testing import CliRunner

from harmwatch.api import run
from harmwatch.cli.main import cli
from harmwatch.store import open_store
from harmwatch.store.merged import iter_merged, join, merge_store, split


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _muc_rows(muc_messages, ids):
    return [{"id": i, "text": muc_messages[i]} for i in ids]


JESUITS = ("DEV-MUC3-0990", "DEV-MUC3-0998")  # two messages on one killing, 8 vs 6 dead
OTHER = "DEV-MUC3-0024"


def _by_doc(store):
    return {tuple(m["reports"]): m for m in iter_merged(store)}


def test_run_merges_two_reports_and_keeps_their_disagreeing_figures(tmp_path, muc_messages, databases):
    inp = _write(tmp_path / "in.jsonl", _muc_rows(muc_messages, [*JESUITS, OTHER]))
    db = databases.new("merge")
    report = run([inp], db=db)
    assert report.stats["merged"]["multi_report"] >= 1
    with open_store(db) as st:
        m = _by_doc(st)[JESUITS]
    assert [f["best"] for f in m["disagreement"]["killed"]] == [8, 6]
    assert {link["doc_id"] for link in m["report_links"]} == set(JESUITS)
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", "jsonl", "-o", str(out)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert any(x["reports"] == list(JESUITS) and x["incident_id"].startswith("mi-") for x in lines)
    assert len({x["incident_id"] for x in lines}) == len(lines)


def test_hand_split_and_join_survive_a_rerun_and_a_remerge(tmp_path, muc_messages, databases):
    inp = _write(tmp_path / "in.jsonl", _muc_rows(muc_messages, [*JESUITS, OTHER]))
    db = databases.new("merge")
    run([inp], db=db)
    with open_store(db) as st:
        merged = _by_doc(st)[JESUITS]
        split(st, merged["incident_id"], note="two different killings")
        assert JESUITS not in _by_doc(st)
    run([inp], db=db)  # re-run: nothing changed, the split stays
    with open_store(db) as st:
        assert JESUITS not in _by_doc(st)
        merge_store(st)  # full re-merge: the split stays
        singles = _by_doc(st)
        assert JESUITS not in singles
        a = next(m for r, m in singles.items() if r == (JESUITS[0],))
        o = next(m for r, m in singles.items() if r == (OTHER,))
        join(st, [a["incident_id"], o["incident_id"]])
    res = CliRunner().invoke(cli, ["merge", "--db", db])
    assert res.exit_code == 0, res.output
    with open_store(db) as st:
        assert any({JESUITS[0], OTHER} <= set(m["reports"]) for m in iter_merged(st))


def test_merge_cli_join_split_and_changed(tmp_path, muc_messages, databases):
    inp = _write(tmp_path / "in.jsonl", _muc_rows(muc_messages, list(JESUITS)))
    db = databases.new("merge")
    run([inp], db=db)
    with open_store(db) as st:
        mid = _by_doc(st)[JESUITS]["incident_id"]
    res = CliRunner().invoke(cli, ["merge", "--db", db, "--split", mid])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["multi_report"] == 0
    res = CliRunner().invoke(cli, ["merge", "--db", db, "--changed"])
    assert json.loads(res.stdout)["multi_report"] == 0
    res = CliRunner().invoke(cli, ["merge", "--db", db, "--split", "mi-nope"])
    assert res.exit_code == 2 and "HW-MERGE-UNKNOWN" in res.output
