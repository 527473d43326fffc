"""`harmwatch run`: the main job into SQLite, idempotent, with every input accounted for."""

import json
import sqlite3

from click.testing import CliRunner

from harmwatch.cli.main import cli


def _run_json(args):
    res = CliRunner().invoke(cli, args + ["--silent", "--json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_run_sample_corpus_is_idempotent(tmp_path):
    db = tmp_path / "hw.sqlite"
    first = _run_json(["run", "--db", f"sqlite:///{db}"])
    c = first["counts"]
    assert c["total"] == c["done"] + c["skipped"] + c["failed"]
    assert c["total"] >= 100
    assert c["failed"] == 0, c["reasons"]
    assert c["skipped"] >= 4  # the French Wikinews reports: stored, not extracted, with a reason
    assert first["stats"]["incidents"] > 50
    con = sqlite3.connect(db)
    n_docs = con.execute("select count(*) from documents").fetchone()[0]
    n_inc = con.execute("select count(*) from incidents").fetchone()[0]
    n_ev = con.execute("select count(*) from evidence").fetchone()[0]
    con.close()
    assert n_docs == c["total"]

    second = _run_json(["run", "--db", f"sqlite:///{db}"])
    assert second["counts"]["unchanged"] == second["counts"]["done"]
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone()[0] == n_docs
    assert con.execute("select count(*) from incidents").fetchone()[0] == n_inc
    assert con.execute("select count(*) from evidence").fetchone()[0] == n_ev
    assert con.execute("select count(*) from runs").fetchone()[0] == 2
    con.close()


def test_run_then_export_jsonl(tmp_path, seed_text):
    db = tmp_path / "hw.sqlite"
    inp = tmp_path / "seed.jsonl"
    inp.write_text(json.dumps({"id": "seed", "text": seed_text, "published": "2017-06-05"}) + "\n")
    _run_json(["run", str(inp), "--db", f"sqlite:///{db}"])
    out = tmp_path / "inc.jsonl"
    res = CliRunner().invoke(cli, ["export", "--db", f"sqlite:///{db}", "--format", "jsonl", "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 1
    assert rows[0]["reports"] == ["seed"]
    assert rows[0]["review_status"] == "unreviewed"
    assert rows[0]["killed"]["best"] == 250
