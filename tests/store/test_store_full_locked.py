"""A full database and a locked one stop a run with a coded error and lose nothing (issue 12).

The disk is filled for real: ``$HARMWATCH_SQLITE_MAX_PAGE_COUNT`` sets SQLite's ``PRAGMA
max_page_count`` on every connection of the run, so a write part-way through the corpus gets the
genuine ``SQLITE_FULL`` ("database or disk is full") a full file system gives. The lock is real too:
another process holds ``BEGIN IMMEDIATE`` on the file. SQLite only: the PostgreSQL pass of the suite
keeps the tests that use the ``databases`` fixture, and these drive SQLite's own file and locks.
The inputs are real MUC-3/4 messages (public domain).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from harmwatch.api import run
from harmwatch.errors import StoreFullError, StoreLockedError
from harmwatch.store import open_store
from harmwatch.store.engines import BUSY_TIMEOUT_ENV, MAX_PAGE_COUNT_ENV
from harmwatch.store.merged import iter_merged
from harmwatch.store.models import DocumentRow, IncidentReport

N = 24
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}


def _inputs(tmp_path, muc_messages, n: int = N):
    ids = sorted(muc_messages)[:n]
    path = tmp_path / f"muc{n}.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": muc_messages[i]}) + "\n" for i in ids), encoding="utf-8")
    return path, ids


def _pages(db) -> int:
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return con.execute("PRAGMA page_count").fetchone()[0]


def _state(url: str) -> tuple[dict[str, str], list[tuple]]:
    """Stored documents (id -> content hash) and the merged incidents: what 'the same database' means."""
    with open_store(url, create=False) as st, st.engine.connect() as conn:
        docs = dict(conn.execute(select(DocumentRow.id, DocumentRow.content_hash)).all())
        pairs = conn.execute(select(IncidentReport.document_id, IncidentReport.mention_index)).all()
        assert len(pairs) == len(set(pairs))  # no report stored twice
        merged = sorted((m["incident_id"], tuple(m["reports"]), (m.get("killed") or {}).get("best"))
                        for m in iter_merged(st))
    return docs, merged


def _cap_half_way(tmp_path, path) -> int:
    """A page cap that a run of ``path`` reaches part-way: half-way between the empty schema and the
    whole corpus, measured on a scratch database."""
    empty, whole = tmp_path / "empty.sqlite", tmp_path / "whole.sqlite"
    open_store(f"sqlite:///{empty}").close()
    run([path], db=f"sqlite:///{whole}", jobs=1)
    lo, hi = _pages(empty), _pages(whole)
    assert hi - lo > 20
    return lo + (hi - lo) // 2


def _integrity(db) -> None:
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not con.execute("PRAGMA foreign_key_check").fetchall()


def test_disk_full_stops_the_cli_run_and_the_same_command_finishes_it(tmp_path, muc_messages):
    path, ids = _inputs(tmp_path, muc_messages)
    cap = _cap_half_way(tmp_path, path)
    db = tmp_path / "full.sqlite"
    cmd = [sys.executable, "-m", "harmwatch.cli.main", "run", str(path), "--db", f"sqlite:///{db}", "--jobs", "1",
           "--silent"]
    full = subprocess.run(cmd, env={**ENV, MAX_PAGE_COUNT_ENV: str(cap)}, capture_output=True, text=True, timeout=600)
    assert full.returncode != 0
    assert "[HW-STORE-FULL]" in full.stderr and "hint: free disk space" in full.stderr
    assert "Traceback" not in full.stderr
    _integrity(db)
    docs, _ = _state(f"sqlite:///{db}")
    assert 0 < len(docs) < len(ids)  # stopped part-way; what was committed is there and readable
    with open_store(f"sqlite:///{db}", create=False) as st:
        assert all(st.get_document(d)["text"] for d in docs)

    again = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=600)  # room again
    assert again.returncode == 0, again.stderr
    _integrity(db)
    alone = tmp_path / "alone.sqlite"
    run([path], db=f"sqlite:///{alone}", jobs=1)
    assert _state(f"sqlite:///{db}") == _state(f"sqlite:///{alone}")
    once_more = run([path], db=f"sqlite:///{db}", jobs=1)  # idempotent: nothing new, nothing twice
    assert once_more.counts["stored_unchanged"] == len(ids) and once_more.counts["failed"] == 0
    assert _state(f"sqlite:///{db}") == _state(f"sqlite:///{alone}")


def test_disk_full_through_the_library_raises_the_coded_error(tmp_path, muc_messages, monkeypatch):
    path, ids = _inputs(tmp_path, muc_messages)
    cap = _cap_half_way(tmp_path, path)
    url = f"sqlite:///{tmp_path / 'lib.sqlite'}"
    monkeypatch.setenv(MAX_PAGE_COUNT_ENV, str(cap))
    with pytest.raises(StoreFullError) as info:
        run([path], db=url, jobs=2)
    assert info.value.code == "HW-STORE-FULL" and "move the database" in info.value.hint
    monkeypatch.delenv(MAX_PAGE_COUNT_ENV)
    before, _ = _state(url)
    assert 0 < len(before) < len(ids)
    report = run([path], db=url, jobs=2)
    assert report.counts["failed"] == 0
    assert report.counts["stored_unchanged"] == len(before)  # kept from the stopped run
    assert report.counts["stored_new"] == len(ids) - len(before)


def _hold_lock(db, release: str) -> subprocess.Popen:
    """Another process that takes the write lock (BEGIN IMMEDIATE), says so, and holds it until
    ``release``: 'stdin' (until its standard input closes) or a number of seconds."""
    code = (
        "import sqlite3, sys, time\n"
        f"con = sqlite3.connect({str(db)!r}, isolation_level=None)\n"
        "con.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        f"sys.stdin.read() if {release!r} == 'stdin' else time.sleep(float({release!r}))\n"
        "con.execute('COMMIT')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_a_lock_held_past_the_busy_timeout_stops_the_run_and_loses_nothing(tmp_path, muc_messages, monkeypatch):
    first, _ = _inputs(tmp_path, muc_messages, N // 2)
    path, ids = _inputs(tmp_path, muc_messages)
    url = f"sqlite:///{tmp_path / 'locked.sqlite'}"
    run([first], db=url, jobs=1)
    before = _state(url)
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "0.5")
    holder = _hold_lock(tmp_path / "locked.sqlite", "stdin")
    try:
        with pytest.raises(StoreLockedError) as info:
            run([path], db=url, jobs=1)
    finally:
        holder.communicate("", timeout=60)  # released
    assert info.value.code == "HW-STORE-LOCKED"
    assert f"pid {holder.pid} " in info.value.hint  # names the other writer
    assert _state(url) == before
    monkeypatch.delenv(BUSY_TIMEOUT_ENV)
    report = run([path], db=url, jobs=1)
    assert report.counts["failed"] == 0 and report.counts["stored"] == len(ids)


def test_a_lock_released_within_the_busy_timeout_is_waited_for(tmp_path, muc_messages, monkeypatch):
    path, ids = _inputs(tmp_path, muc_messages, 6)
    url = f"sqlite:///{tmp_path / 'wait.sqlite'}"
    open_store(url).close()
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "60")
    holder = _hold_lock(tmp_path / "wait.sqlite", "1.5")  # held when the run starts: it must wait
    try:
        report = run([path], db=url, jobs=1)
    finally:
        holder.wait(timeout=60)
    assert holder.returncode == 0
    assert report.counts["done"] == len(ids) and report.counts["failed"] == 0
    with open_store(url, create=False) as st, st.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(DocumentRow)) == len(ids)


def test_postgresql_lock_held_past_lock_timeout_stops_the_run(tmp_path, muc_messages, databases, monkeypatch):
    """PostgreSQL: another session holds harmwatch's write lock (the advisory lock every write
    transaction takes) past ``lock_timeout`` (= $HARMWATCH_DB_BUSY_TIMEOUT): HW-STORE-LOCKED, and
    what was stored before is untouched."""
    from sqlalchemy import text

    from harmwatch.store.engines import WRITE_LOCK_KEY

    if not databases.backend == "postgresql":
        pytest.skip("PostgreSQL pass only (HARMWATCH_TEST_DB)")
    first, _ = _inputs(tmp_path, muc_messages, 4)
    path, ids = _inputs(tmp_path, muc_messages, 8)
    url = databases.new("pglocked")
    run([first], db=url, jobs=1)
    before = _state(url)
    monkeypatch.setenv(BUSY_TIMEOUT_ENV, "0.5")
    with open_store(url, create=False) as other, other.engine.connect() as conn:
        conn.execute(text(f"SELECT pg_advisory_xact_lock({int(WRITE_LOCK_KEY)})"))  # held until rollback
        with pytest.raises(StoreLockedError) as info:
            run([path], db=url, jobs=1)
        conn.rollback()
    assert info.value.code == "HW-STORE-LOCKED"
    assert _state(url) == before
    monkeypatch.delenv(BUSY_TIMEOUT_ENV)
    assert run([path], db=url, jobs=1).counts["stored"] == len(ids)
