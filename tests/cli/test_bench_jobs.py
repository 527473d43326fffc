"""`harmwatch bench --stage processes`: documents/s with 1 and 2 processes on the same corpus, the
speed-up, CPU seconds and memory per worker (a measurement, not a timed test: no speed is asserted)."""

import json
import sys

from click.testing import CliRunner

from harmwatch.cli.main import cli


def test_bench_processes_reports_speedup_cpu_and_memory_per_worker():
    res = CliRunner().invoke(cli, ["bench", "--docs", "4", "--stage", "processes", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["results"] == []  # only the stage asked for
    one, two = out["processes"]
    for r in (one, two):
        assert "error" not in r, r
        assert r["docs"] == 4 and r["docs_per_second"] > 0 and r["failed"] == 0
    assert one["jobs"] == 1 and two["jobs"] == 2 and one["speedup"] == 1.0 and two["speedup"] > 0
    assert two["incidents"] == one["incidents"] > 0  # the same work either way
    assert one["worker_cpu_seconds"] == 0 and two["worker_cpu_seconds"] > two["parent_cpu_seconds"]
    if sys.platform.startswith("linux"):
        assert len(one["memory_mb"]) == 1 and 1 <= len(two["memory_mb"]) <= 2
        for m in two["memory_mb"].values():  # forked workers share the parent's loaded indexes
            assert m["uss"] < m["rss"] and m["pss"] <= m["rss"]
        assert "load_average" in out["machine"]
