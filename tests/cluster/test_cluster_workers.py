"""The cluster executor on real Dask processes: a worker killed mid-run loses nothing, an input that
kills its worker every time fails alone with its code, and ``--scheduler`` joins a running
``dask scheduler`` + ``dask worker`` (subprocesses on loopback) with the one-process output."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from harmwatch.api import sample_corpus_path
from harmwatch.cli.main import cli
from harmwatch.cluster import DaskWorkers


def _square_slowly(x: int) -> tuple[int, int]:
    """x*x and the worker's pid; slow enough that a worker is killed while it holds a shard."""
    time.sleep(0.03)
    return x * x, os.getpid()


def _die_on_seven(x: int) -> int:
    if x == 7:
        os._exit(3)  # the worker process dies: no exception, no result
    return x * x


def _raise_on_five(x: int) -> int:
    if x == 5:
        raise ValueError("five is bad")
    return x * x


def _fail(item, code, message):
    return (code, message)


def test_a_worker_killed_mid_run_loses_nothing():
    with DaskWorkers(2, shard_size=3) as pool:
        pids = set(pool.worker_pids().values())
        assert len(pids) == 2 and os.getpid() not in pids
        got, killed = [], None
        for item, result in pool.map(_square_slowly, range(60), on_failure=_fail):
            got.append((item, result[0] if isinstance(result[0], int) and result[0] >= 0 else result))
            if killed is None:
                killed = next(p for p in pids if p != result[1])  # a worker that may hold a shard now
                os.kill(killed, signal.SIGKILL)
    assert got == [(x, x * x) for x in range(60)]  # every input, in order, its normal result
    assert pool.crashed == 0


def test_an_input_that_kills_its_worker_every_time_fails_alone_with_its_code():
    with DaskWorkers(2, shard_size=4) as pool:
        got = list(pool.map(_die_on_seven, range(12), on_failure=_fail))
        errors = list(pool.map(_raise_on_five, range(8), on_failure=_fail))
    assert [x for x, _ in got] == list(range(12))
    assert got[7][1][0] == "HW-WORKER-CRASHED" and "died on this input" in got[7][1][1]
    assert all(r == x * x for x, r in got if x != 7)  # its shard-mates were rerun alone, not lost
    # the culprit's shard is rerun alone; a shard queued on the same dying worker may be too
    assert pool.crashed == 1 and pool.retried in (4, 8)
    assert errors[5][1] == ("HW-WORKER-ERROR", "worker error: ValueError('five is bad')")
    assert [r for x, r in errors if x != 5] == [x * x for x in range(8) if x != 5]


@pytest.fixture()
def dask_scheduler(tmp_path):
    """A real `dask scheduler` and one `dask worker` (one thread) on 127.0.0.1, stopped at the end."""
    dask = Path(sys.executable).parent / "dask"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    info = tmp_path / "scheduler.json"
    procs = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)], env=env, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(300):
            if info.exists() and info.read_text().strip():
                break
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        procs.append(subprocess.Popen([str(dask), "worker", address, "--nthreads", "1", "--no-dashboard",
                                       "--host", "127.0.0.1"], env=env, stderr=subprocess.DEVNULL))
        yield address, procs
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def test_scheduler_joins_a_running_cluster_with_the_one_process_output(dask_scheduler, tmp_path):
    address, procs = dask_scheduler
    with gzip.open(sample_corpus_path(), "rt", encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(40)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(lines) + '{"id": "empty", "text": ""}\n', encoding="utf-8")
    outs = {}
    for mode in (["--jobs", "1"], ["--scheduler", address]):
        out = tmp_path / f"out-{mode[0]}.jsonl"
        res = CliRunner().invoke(cli, ["extract", str(src), "-o", str(out), "--published", "2017-06-05", *mode],
                                 catch_exceptions=False)
        assert res.exit_code == 0, res.output
        outs[mode[0]] = out.read_bytes()
    assert outs["--scheduler"] == outs["--jobs"]
    rows = [json.loads(line) for line in outs["--jobs"].splitlines()]
    assert len(rows) == 41 and rows[-1]["status"] == "error" and sum(bool(r["incidents"]) for r in rows) > 20
    assert all(p.poll() is None for p in procs)  # a joined cluster is left running


def test_an_unreachable_scheduler_is_a_coded_error(tmp_path):
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Gunmen killed two villagers on Monday."}\n', encoding="utf-8")
    import harmwatch.cluster.executor as executor

    old, executor.CONNECT_TIMEOUT = executor.CONNECT_TIMEOUT, 2
    try:
        res = CliRunner().invoke(cli, ["extract", str(src), "--scheduler", f"tcp://127.0.0.1:{port}"])
    finally:
        executor.CONNECT_TIMEOUT = old
    assert res.exit_code == 2 and "HW-CLUSTER-CONNECT" in res.output and "dask scheduler" in res.output
