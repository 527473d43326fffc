"""`--jobs`: two worker processes give exactly what one process gives (issue 11), on the bundled sample
corpus and the seed, with bad inputs among them: extract's JSONL byte for byte, run's store table by
table (timestamps aside), the summary counts, and each failure with its code."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from harmwatch.api import sample_corpus_path
from harmwatch.cli.main import cli

#: columns that hold the time something happened: the only thing allowed to differ between runs
TIME_COLUMNS = {"at", "started_at", "finished_at", "created_at", "updated_at", "last_seen_at", "expires_at",
                "reviewed_at", "edited_at"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_text) -> Path:
    """The sample corpus (106 real reports), the seed as a text file, and inputs that must fail or be
    refused: an empty text, a malformed line, a line without text, a repeated id."""
    folder = tmp_path_factory.mktemp("jobs") / "in"
    folder.mkdir()
    with gzip.open(sample_corpus_path(), "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    lines = [json.dumps(r) for r in rows[:60]]
    lines += ['{"id": "empty", "text": ""}', '{"id": "broken", "text": ', '{"id": "no-text"}',
              json.dumps(rows[3])]  # the same id again, same text: HW-INPUT-DUPLICATE in a run
    lines += [json.dumps(r) for r in rows[60:]]
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "seed.txt").write_text(seed_text, encoding="utf-8")
    return folder


def _invoke(args):
    res = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res


def test_extract_jsonl_is_byte_identical_with_two_processes(corpus, tmp_path):
    outs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}.jsonl"
        res = _invoke(["extract", str(corpus), "-o", str(out), "--published", "2017-06-05", "--jobs", str(jobs)])
        outs[jobs] = (out.read_bytes(), res.stderr)
    assert outs[2][0] == outs[1][0]
    assert outs[2][1] == outs[1][1]  # the summary: same counts, same reasons
    rows = [json.loads(line) for line in outs[1][0].decode("utf-8").splitlines()]
    assert len(rows) == 106 + 4 + 1
    with gzip.open(sample_corpus_path(), "rt", encoding="utf-8") as fh:
        ids = [json.loads(line)["id"] for line in fh]
    got = [r["doc_id"] for r in rows]  # input order: the JSONL lines as written, then seed.txt
    assert got[:60] == ids[:60] and got[60] == "empty" and got[62:64] == ["no-text", ids[3]]
    assert got[64:-1] == ids[60:] and got[-1] == "seed.txt" and rows[-1]["incidents"]
    codes = {r["doc_id"]: r.get("error_code") for r in rows if r["status"] == "error"}
    assert codes.get("empty") and any(c for d, c in codes.items() if d not in {"empty", "no-text"})
    assert "HW-" in outs[1][1] and "106 done" not in outs[1][1]


def _untimed(value):
    """A run summary without its durations (``seconds``): JSON text or parsed."""
    if isinstance(value, str) and value[:1] in "{[":
        return _untimed(json.loads(value))
    if isinstance(value, dict):
        return {k: _untimed(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [_untimed(v) for v in value]
    return value


def _tables(db: str) -> dict[str, list[tuple]]:
    """Every table's rows (time columns left out) in primary-key order, through SQLAlchemy: the same
    on SQLite and PostgreSQL."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(db)
    try:
        out = {}
        insp = inspect(engine)
        with engine.connect() as conn:
            for name in sorted(insp.get_table_names()):
                cols = [c["name"] for c in insp.get_columns(name) if c["name"] not in TIME_COLUMNS]
                if not cols:
                    continue
                order = insp.get_pk_constraint(name).get("constrained_columns") or cols
                quoted = ", ".join(f'"{c}"' for c in cols)
                rows = [tuple(r) for r in conn.execute(
                    text(f'select {quoted} from "{name}" order by {", ".join(chr(34) + c + chr(34) for c in order)}'))]
                out[name] = [tuple(_untimed(v) for v in row) for row in rows] if name == "runs" else rows
        return out
    finally:
        engine.dispose()


def test_run_store_is_identical_with_two_processes(corpus, tmp_path, databases):
    reports = {}
    for jobs in (1, 2):
        db = databases.new(f"hw{jobs}")
        res = _invoke(["run", str(corpus), "--db", db, "--published", "2017-06-05",
                       "--jobs", str(jobs), "--silent", "--json"])
        reports[jobs] = (json.loads(res.stdout), _tables(db))
    (rep1, t1), (rep2, t2) = reports[1], reports[2]
    assert rep2["counts"] == rep1["counts"]
    assert _untimed(rep2["stats"]) == _untimed(rep1["stats"])
    assert set(t2) == set(t1)
    for name in t1:
        assert t2[name] == t1[name], f"table {name} differs between --jobs 1 and --jobs 2"
    c = rep1["counts"]
    assert c["total"] == 111 and c["total"] == c["done"] + c["skipped"] + c["failed"]
    assert c["failed"] >= 3 and any(k.startswith("HW-INPUT-DUPLICATE") for k in c["reasons"])
    assert len(t1["incidents"]) > 50 and len(t1["evidence"]) > 500
    items = t1["run_items"]
    assert [i for i in items if i[-1] == "HW-INPUT-DUPLICATE"]  # the failure and its code, per item


def test_run_counts_an_extraction_bug_in_a_worker_with_its_code(corpus, tmp_path, monkeypatch, databases):
    # an exception inside extraction, raised in the worker process (fork copies the patched module)
    import harmwatch.pipeline as pipeline

    real = pipeline.extract_document

    def buggy(doc):
        if doc.id == "seed.txt":
            raise RuntimeError("boom in a worker")
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_document", buggy)
    db = databases.new("bug")
    res = _invoke(["run", str(corpus / "seed.txt"), str(corpus / "a.jsonl"), "--db", db,
                   "--jobs", "2", "--silent", "--json"])
    c = json.loads(res.stdout)["counts"]
    assert any(k.startswith("HW-EXTRACT-BUG") and "boom in a worker" in k for k in c["reasons"]), c["reasons"]
    assert databases.rows(db, "select status, code from run_items where ref like '%seed.txt'") == [
        ("failed", "HW-EXTRACT-BUG")]


def test_run_survives_a_worker_that_dies(corpus, tmp_path, monkeypatch, databases):
    # a worker process killed on one input: that input fails with HW-WORKER-CRASHED, nothing else is lost
    import os

    import harmwatch.pipeline as pipeline

    real = pipeline.extract_document

    def fatal(doc):
        if doc.id == "seed.txt":
            os._exit(11)
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_document", fatal)
    db = databases.new("crash")
    res = _invoke(["run", str(corpus / "a.jsonl"), str(corpus / "seed.txt"), "--db", db,
                   "--jobs", "2", "--silent", "--json"])
    c = json.loads(res.stdout)["counts"]
    assert c["total"] == 111 and any(k.startswith("HW-WORKER-CRASHED") for k in c["reasons"]), c["reasons"]
    n_docs = databases.scalar(db, "select count(*) from documents")
    assert databases.rows(db, "select status, code from run_items where ref like '%seed.txt'") == [
        ("failed", "HW-WORKER-CRASHED")]
    assert n_docs == c["stored"] == 106  # every other input stored; the crashed one had no text to keep
