"""``harmwatch bench --stage dask``: the table of Dask workers beside local processes."""

from __future__ import annotations

import json

import click

from harmwatch.cli.common import stderr


def print_dask(n_docs: int, words: int, workers: tuple[int, ...], jobs: tuple[int, ...], as_json: bool) -> None:
    from rich.table import Table

    from harmwatch.bench import JOBS, machine
    from harmwatch.bench_dask import DASK_WORKERS, run_dask_benchmark

    out = run_dask_benchmark(n_docs, words, workers or DASK_WORKERS, jobs or JOBS)
    if as_json:
        click.echo(json.dumps({"machine": machine(), "docs": n_docs, "words": words, **out}, indent=2))
        return
    table = Table(title=f"harmwatch bench dask: the full pipeline ({n_docs} pages of ~{words} words)")
    for col in ("mode", "docs/s", "vs 1 process", "start s", "per shard ms", "per worker MB (peak RSS / USS)",
                "load before"):
        table.add_column(col, justify="right" if col != "mode" else "left")
    base = next((r for r in out["processes"] if r.get("jobs") == 1 and "error" not in r), None)
    for r in out["processes"] + out["dask"]:
        mode = f"--jobs {r['jobs']}" if "jobs" in r else f"--workers {r['workers']}"
        if "error" in r:
            table.add_row(mode, "error", r["error"], "", "", "", "")
            continue
        ms = [m for m in r["memory_mb"].values() if m]
        mem = f"{max(m['peak_rss'] for m in ms):.0f} / {sum(m['uss'] for m in ms) / len(ms):.0f}" if ms else "n/a"
        ratio = f"{r['docs_per_second'] / base['docs_per_second']:.2f}x" if base else ""
        load = r.get("load_average_before")
        table.add_row(mode, f"{r['docs_per_second']:.1f}", ratio, f"{r['start_seconds']:.2f}",
                      str(r.get("per_shard_overhead_ms", "")), mem, str(load[0]) if load else "")
    stderr.print(table)
