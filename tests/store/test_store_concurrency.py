"""Two runs writing to one database at once neither corrupt nor duplicate anything, and a run killed
part-way and started again finishes the job with no duplicates (issue 11).

Both runs ingest the same 24 real MUC-3/4 messages (public domain) into the same database at the
same time, on the backend HARMWATCH_TEST_DB chooses. Write transactions queue (BEGIN IMMEDIATE on
SQLite, an advisory lock on PostgreSQL, store/engines.py), so each document is stored once, every
input of both runs is accounted for, and the merged incidents are exactly those of one run alone.
"""

from __future__ import annotations

import json
import threading

from sqlalchemy import func, select

from harmwatch.api import run
from harmwatch.store import open_store
from harmwatch.store.merged import iter_merged
from harmwatch.store.models import DocumentRow, IncidentReport


def _inputs(tmp_path, muc_messages, n: int = 24):
    ids = sorted(muc_messages)[:n]
    path = tmp_path / "muc.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": muc_messages[i]}) + "\n" for i in ids), encoding="utf-8")
    return path, ids


def _merged(url: str) -> list[tuple]:
    with open_store(url, create=False) as st:
        return sorted((m["incident_id"], tuple(m["reports"]), (m.get("killed") or {}).get("best"))
                      for m in iter_merged(st))


def test_two_runs_at_once_store_everything_once(tmp_path, muc_messages, databases) -> None:
    path, ids = _inputs(tmp_path, muc_messages)
    alone = databases.new("alone")
    run([path], db=alone)

    shared2 = databases.new("race")  # does not exist yet: both runs create it and its schema at once
    reports: list = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def work() -> None:
        try:
            start.wait(timeout=60)
            reports.append(run([path], db=shared2))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not errors, errors
    assert len(reports) == 2
    for rep in reports:  # every input of each run accounted for, none failed
        assert rep.counts["failed"] == 0, rep.items
        assert rep.counts["done"] + rep.counts["skipped"] == len(ids)
    with open_store(shared2, create=False) as st, st.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(DocumentRow)) == len(ids)
        pairs = conn.execute(select(IncidentReport.document_id, IncidentReport.mention_index)).all()
        assert len(pairs) == len(set(pairs))  # no report stored twice
    assert _merged(shared2) == _merged(alone)
    assert _merged(shared2)  # the MUC messages do hold incidents


def test_a_run_killed_midway_and_started_again_finishes_with_no_duplicates(tmp_path, muc_messages,
                                                                           databases) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    path, ids = _inputs(tmp_path, muc_messages, 80)  # enough that the kill lands part-way
    url = databases.new("killed")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    # the whole command is killed: the CLI process and its extraction workers (its process group)
    cmd = [sys.executable, "-m", "harmwatch.cli.main", "run", str(path), "--db", url, "--jobs", "2", "--silent"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    stored = 0
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with open_store(url, create=False) as st, st.engine.connect() as conn:
                    stored = conn.scalar(select(func.count()).select_from(DocumentRow)) or 0
            except Exception:  # noqa: BLE001 - not created yet
                stored = 0
            if stored >= 3:
                break
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert 3 <= stored < len(ids), "the run should be killed part-way"
    again = subprocess.run(cmd + ["--json"], env=env, capture_output=True, text=True, timeout=600)  # the same command
    assert again.returncode == 0, again.stderr
    counts = json.loads(again.stdout)["counts"]
    assert counts["failed"] == 0 and counts["stored_unchanged"] >= 3 and counts["stored"] == len(ids)
    with open_store(url, create=False) as st, st.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(DocumentRow)) == len(ids)
        pairs = conn.execute(select(IncidentReport.document_id, IncidentReport.mention_index)).all()
        assert len(pairs) == len(set(pairs))
    alone = databases.new("alone2")
    run([path], db=alone)
    assert _merged(url) == _merged(alone)
