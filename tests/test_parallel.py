"""harmwatch.parallel: results in input order, a bounded window, coded failures, a dead worker retried
once and named exactly (the mapped functions here are tiny; the pipeline's equality is in
tests/cli/test_jobs_cli.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harmwatch.errors import ConfigError
from harmwatch.parallel import Workers, cpu_count, resolve_jobs


def _square(x: int) -> int:
    return x * x


def _slow_first(x: int) -> int:
    """The early inputs take longest, so results come back out of order and must be reordered."""
    import time

    time.sleep(0.02 if x < 4 else 0)
    return x * x


def _raise_on_five(x: int) -> int:
    if x == 5:
        raise ValueError("five is bad")
    return x * x


def _die_on_seven(x: int) -> int:
    if x == 7:
        os._exit(3)  # the worker process dies: no exception, no result
    return x * x


def _die_once(arg: tuple[int, str]) -> int:
    """Kills its worker the first time it sees input 3 (a marker file remembers): a transient crash."""
    x, marker = arg
    if x == 3 and not Path(marker).exists():
        Path(marker).write_text("died once")
        os._exit(9)
    return x * x


def _fail(item, code, message):
    return (code, message)


def test_jobs_default_is_every_core_and_bad_values_are_coded():
    assert resolve_jobs(None) == resolve_jobs(0) == cpu_count() >= 1
    assert resolve_jobs(3) == 3
    with pytest.raises(ConfigError) as err:
        resolve_jobs(-1)
    assert err.value.code == "HW-CONFIG-JOBS" and "--jobs 1" in err.value.hint


def test_results_come_back_in_input_order():
    with Workers(2, warm_up=None) as w:
        got = list(w.map(_slow_first, range(40), on_failure=_fail))
    assert got == [(x, x * x) for x in range(40)]


def test_one_job_runs_in_this_process_without_a_pool():
    with Workers(1) as w:
        assert w._pool is None
        assert list(w.map(_square, [1, 2], on_failure=_fail)) == [(1, 1), (2, 4)]
    assert w.started == 0


def test_inputs_are_pulled_lazily_within_the_window():
    pulled: list[int] = []

    def source():
        for x in range(1000):
            pulled.append(x)
            yield x

    with Workers(2, window=6) as w:
        it = w.map(_square, source(), on_failure=_fail)
        assert next(it) == (0, 0)
        assert len(pulled) <= 7  # never the whole input in memory
        rest = list(it)
    assert len(rest) == 999 and rest[-1] == (999, 999 * 999)


def test_an_exception_in_a_worker_is_that_inputs_coded_failure():
    with Workers(2) as w:
        got = dict(w.map(_raise_on_five, range(10), on_failure=_fail))
    assert got[5][0] == "HW-WORKER-ERROR" and "five is bad" in got[5][1]
    assert all(got[x] == x * x for x in range(10) if x != 5)


def test_a_dead_worker_loses_nothing_and_its_input_is_named():
    with Workers(2, window=8) as w:
        got = list(w.map(_die_on_seven, range(30), on_failure=_fail))
    assert [x for x, _ in got] == list(range(30))
    bad = dict(got)[7]
    assert bad[0] == "HW-WORKER-CRASHED" and "again on the retry" in bad[1]
    assert all(r == x * x for x, r in got if x != 7)  # its neighbours in flight were retried, not failed
    assert w.crashed == 1 and w.retried >= 1


def test_a_transient_crash_is_retried_once_and_succeeds(tmp_path):
    marker = str(tmp_path / "died")
    with Workers(2) as w:
        got = list(w.map(_die_once, [(x, marker) for x in range(12)], on_failure=_fail))
    assert Path(marker).exists()  # it did die once
    assert [r for _, r in got] == [x * x for x in range(12)]
    assert w.crashed == 0 and w.retried >= 1


def test_spawn_workers_give_the_same_pipeline_results(seed_text):
    # where fork is missing (macOS, Windows) workers are spawned and warm up themselves
    from harmwatch.pipeline import item_failure, map_items, warm_up
    from harmwatch.types import InputItem

    items = [InputItem(ref=f"s{i}", id=f"s{i}", text=seed_text[i * 40:], published="2017-06-05") for i in range(3)]
    one = [r.to_dict() for _, r in map_items(items, jobs=1)]
    from functools import partial

    from harmwatch.pipeline import process_item

    with Workers(2, warm_up=warm_up, start_method="spawn") as w:
        two = [r.to_dict() for _, r in w.map(partial(process_item), items, on_failure=item_failure)]
    assert two == one and one[0]["incidents"]


def test_a_single_input_runs_in_this_process_and_streams_stay_streams():
    from harmwatch.parallel import jobs_for

    n, items = jobs_for(2, iter(["only"]))
    assert n == 1 and list(items) == ["only"]
    n, items = jobs_for(2, (x for x in range(5)))
    assert n == 2 and list(items) == [0, 1, 2, 3, 4]
    n, items = jobs_for(0, iter([]))
    assert n == 1 and list(items) == []


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out |= {int(x) for x in (task / "children").read_text().split()}
        except OSError:
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_workers_end_when_the_run_is_killed(tmp_path):
    # SIGKILL runs no clean-up in the parent: the workers must still end, not wait on their queue for ever
    import signal
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, "-m", "harmwatch.cli.main", "run", "--jobs", "2", "--silent",
                             "--db", f"sqlite:///{tmp_path / 'killed.sqlite'}"],
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(root / "src")},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None and len(workers) < 2:
        workers = _children(proc.pid)
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the run ended before its workers could be seen")
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert left == []
