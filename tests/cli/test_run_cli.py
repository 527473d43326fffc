"""`harmwatch run`: the main job into the store (SQLite, or PostgreSQL with HARMWATCH_TEST_DB), idempotent, with every input accounted for, and the
README's sample output is what a real run prints."""

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from harmwatch.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]


def _run_json(args):
    res = CliRunner().invoke(cli, args + ["--silent", "--json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def _tool():
    spec = importlib.util.spec_from_file_location("readme_sample_output", ROOT / "tools" / "readme_sample_output.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def sample_run(databases):
    """One real run of the sample corpus into a fresh database, as a user sees it (text summary)."""
    db = databases.new("sample")
    res = CliRunner().invoke(cli, ["run", "--db", db], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert res.stdout == ""  # the summary is not data: stderr only
    return db, res.stderr


def test_readme_sample_output_counts_are_a_real_run(sample_run):
    tool = _tool()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = tool.readme_block(readme)
    documented = tool.counts_lines(readme[start:end])
    printed = tool.counts_lines(sample_run[1])
    assert documented[0].startswith("Run 1: ") and any(line.startswith("Store: ") for line in documented)
    assert documented == printed, "README sample output is stale: run python tools/readme_sample_output.py"


def test_readme_tool_shortens_tables_and_hides_the_temp_db():
    tool = _tool()
    out = "\n".join(["Run 1: 2 read, 2 done, 0 skipped, 0 failed; 2 incidents", "Top places", " name ┃ count",
                     "━━━━━━╇━━━━━━", *[f" P{i} (AF) │ {9 - i}" for i in range(6)], "Event types", " name ┃ count",
                     "━━━━━━╇━━━━━━", " Battles │ 2", "Database: sqlite:////tmp/x/h.sqlite  (1.0 s)"])
    short = tool.shorten(out, "sqlite:////tmp/x/h.sqlite").splitlines()
    assert short[1:8] == ["Top places", " name ┃ count", "━━━━━━╇━━━━━━", " P0 (AF) │ 9", " P1 (AF) │ 8",
                          " P2 (AF) │ 7", " P3 (AF) │ 6"]
    assert short[8] == " ..." and short[9] == "Event types" and short[12] == " Battles │ 2"
    assert short[-1] == "Database: sqlite:///harmwatch.sqlite  (1.0 s)"
    assert tool.counts_lines("\n".join(short)) == [short[0]]


def test_run_sample_corpus_is_idempotent(sample_run, databases):
    db, _ = sample_run
    c = databases.json(databases.scalar(db, "select counts from runs where id = 1"))
    n_docs = databases.scalar(db, "select count(*) from documents")
    n_inc = databases.scalar(db, "select count(*) from incidents")
    n_ev = databases.scalar(db, "select count(*) from evidence")
    assert c["total"] == c["done"] + c["skipped"] + c["failed"]
    assert c["total"] >= 100
    assert c["failed"] == 0, c["reasons"]
    assert c["skipped"] >= 4  # the French Wikinews reports: stored, not extracted, with a reason
    assert n_inc > 50
    assert n_docs == c["total"] == c["stored"] == c["stored_new"]

    second = _run_json(["run", "--db", db])
    assert second["counts"]["unchanged"] == second["counts"]["done"]
    assert second["counts"]["stored_unchanged"] == n_docs
    assert databases.scalar(db, "select count(*) from documents") == n_docs
    assert databases.scalar(db, "select count(*) from incidents") == n_inc
    assert databases.scalar(db, "select count(*) from evidence") == n_ev
    assert databases.scalar(db, "select count(*) from runs") == 2


def test_run_then_export_jsonl(tmp_path, seed_text, databases):
    db = databases.new("hw")
    inp = tmp_path / "seed.jsonl"
    inp.write_text(json.dumps({"id": "seed", "text": seed_text, "published": "2017-06-05"}) + "\n")
    _run_json(["run", str(inp), "--db", db])
    out = tmp_path / "inc.jsonl"
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", "jsonl", "-o", str(out)])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 1
    assert rows[0]["reports"] == ["seed"]
    assert rows[0]["review_status"] == "unreviewed"
    assert rows[0]["killed"]["best"] == 250
