"""The cluster mode gives exactly what one process gives (issue 11): 1,020 real reports (GTD summaries
and ACLED notes, read from the shared data at test time) in JSONL, CSV and Parquet shards, stored
with ``--jobs 1`` and with ``--workers 2`` (a local 2-worker Dask cluster): the store table by table
(documents, incidents, claims, evidence, actors, run items with their codes, merged incidents;
timestamps aside), and the summary counts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from harmwatch.cli.main import cli

pytestmark = pytest.mark.sqlite_only  # reads the SQLite files table by table

#: columns that hold the time something happened: the only thing allowed to differ between runs
TIME_COLUMNS = {"at", "started_at", "finished_at", "created_at", "updated_at", "last_seen_at", "expires_at",
                "reviewed_at", "edited_at"}


def _untimed(value):
    if isinstance(value, str) and value[:1] in "{[":
        return _untimed(json.loads(value))
    if isinstance(value, dict):
        return {k: _untimed(v) for k, v in value.items() if k not in ("seconds", "workers", "jobs")}
    if isinstance(value, list):
        return [_untimed(v) for v in value]
    return value


def _tables(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        out = {}
        for (name,) in con.execute("select name from sqlite_master where type = 'table' order by name").fetchall():
            cols = [r[1] for r in con.execute(f'pragma table_info("{name}")') if r[1] not in TIME_COLUMNS]
            quoted = ", ".join(f'"{c}"' for c in cols)
            rows = con.execute(f'select {quoted} from "{name}" order by rowid').fetchall()
            out[name] = [tuple(_untimed(v) for v in row) for row in rows] if name == "runs" else rows
        return out
    finally:
        con.close()


def _run(folder: Path, db: Path, *mode: str) -> dict:
    res = CliRunner().invoke(cli, ["run", str(folder), "--db", f"sqlite:///{db}", "--published", "2021-04-01",
                                   "--silent", "--json", *mode], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_two_dask_workers_store_exactly_what_one_process_stores(shard_folder, tmp_path):
    one = _run(shard_folder, tmp_path / "one.sqlite", "--jobs", "1")
    dask = _run(shard_folder, tmp_path / "dask.sqlite", "--workers", "2")
    assert dask["counts"] == one["counts"]
    assert _untimed(dask["stats"]) == _untimed(one["stats"])
    t1, t2 = _tables(tmp_path / "one.sqlite"), _tables(tmp_path / "dask.sqlite")
    assert set(t2) == set(t1)
    for name in t1:
        assert t2[name] == t1[name], f"table {name} differs between --jobs 1 and --workers 2"
    c = one["counts"]
    # every input accounted for: 1,020 reports + 3 bad inputs, the bad ones with their codes
    assert c["total"] == 1023 == c["done"] + c["skipped"] + c["failed"]
    assert c["done"] >= 1000 and c["failed"] >= 3
    assert any(k.startswith("HW-INPUT-DUPLICATE") for k in c["reasons"])
    assert any(k.startswith("HW-INPUT-EMPTY") for k in c["reasons"])
    # real work was compared, not empty tables: incidents, claims, evidence and merged incidents
    assert len(t1["documents"]) >= 1000 and len(t1["incidents"]) > 500 and len(t1["evidence"]) > 2000
    assert len(t1["merged_incidents"]) > 200 and len(t1["claims"]) > 300
    refs = [r for r in t1["run_items"]]
    assert any("part-003.parquet:" in str(r) for r in refs) and any("part-002.csv:" in str(r) for r in refs)
