"""``harmwatch bench``: documents/s/core and peak memory beside baselines, in one run."""

from __future__ import annotations

import json

import click

from harmwatch.cli.common import stderr


@click.command("bench")
@click.argument("what", type=click.Choice(["pipeline", "merge", "startup", "store"]), default="pipeline")
@click.option("--size", "sizes", type=int, multiple=True,
              help="bench merge: record counts (default 10000 and 100000; 1M with --size 1000000).")
@click.option("--docs", "n_docs", default=200, show_default=True, help="Documents in the fixed corpus.")
@click.option("--words", default=500, show_default=True, help="Words per document.")
@click.option("--stage", "stages", multiple=True,
              type=click.Choice(["main-text", "spacy-parse", "full", "processes", "dask"]),
              help="Stages to run (default: the first four; processes = the full pipeline with 1 and 2 processes; "
                   "dask = 1 and 2 Dask workers beside 1 and 2 processes).")
@click.option("--jobs", "jobs", type=click.IntRange(min=1), multiple=True,
              help="Process counts of the processes stage (default 1 and 2).")
@click.option("--pg", "pg_url", default=None, envvar="HARMWATCH_BENCH_PG", metavar="URL",
              help="bench store: a PostgreSQL server URL (bash scripts/pg.sh start prints one); without it, "
              "SQLite only.")
@click.option("--copies", default=5, show_default=True, help="bench store: times the extracted corpus is saved.")
@click.option("--workers", "workers", type=click.IntRange(min=1), multiple=True,
              help="Dask worker counts of the dask stage (default 1 and 2).")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON on stdout.")
def command(what: str, sizes: tuple[int, ...], n_docs: int, words: int, stages: tuple[str, ...],
            jobs: tuple[int, ...], workers: tuple[int, ...], pg_url: str | None, copies: int,
            as_json: bool) -> None:
    """Benchmark the full pipeline against main-text-only and spaCy-parse-only baselines.

    Each stage runs in its own single-core process on the same fixed corpus of HTML pages built from
    the bundled sample reports, so documents/s is per core and peak RSS is the stage's own.

    The processes stage runs the full pipeline with 1 and 2 worker processes (--jobs) on the same
    corpus: documents/s (wall clock), the speed-up, CPU seconds, and each worker's memory (RSS, and
    PSS / USS: forked workers share the parent's loaded indexes). The load average is printed with
    it: on a busy machine a second process finds no free core.

    The dask stage (harmwatch[cluster]) runs the full pipeline on a local Dask cluster of 1 and 2
    workers (--workers) beside 1 and 2 processes (--jobs), same corpus, same run: documents/s, the
    cluster's start, Dask's per-shard overhead and each worker's memory (bench_dask.py).

    `harmwatch bench merge` merges synthetic incident records (merge/synthetic.py: places, dates and
    types from documented distributions) of each --size in its own process: time, peak memory, and
    pairwise precision/recall against the synthetic gold.

    `harmwatch bench startup` times the command to its first document done (`extract` and `run` on
    one report, --jobs 1 and the default), cold (after dropping the page cache of the libraries,
    harmwatch and the gazetteer index) and warm, and where a warm start goes.

    `harmwatch bench store --pg URL` compares PostgreSQL and SQLite writes in one run
    (harmwatch/bench_store.py): the extracted sample corpus saved --copies times (documents/s,
    statements per document, then the merge), and a whole `harmwatch run` into a new database.
    """
    if what == "merge":
        _merge(sizes, as_json)
        return
    if what == "startup":
        _startup(as_json)
        return
    if what == "store":
        _store(pg_url, copies, as_json)
        return
    if "dask" in stages:
        from harmwatch.cli.bench_dask import print_dask

        print_dask(n_docs, words, tuple(workers), tuple(jobs), as_json)
        return
    from rich.table import Table

    from harmwatch.bench import JOBS, gazetteer_lookups, machine, run_benchmark, run_jobs_benchmark

    stages = stages or ("main-text", "spacy-parse", "full", "processes")
    results = run_benchmark(n_docs, words, tuple(s for s in stages if s != "processes"))
    scaling = run_jobs_benchmark(n_docs, words, tuple(jobs) or JOBS) if "processes" in stages else []
    lookups = gazetteer_lookups()
    if as_json:
        out = {"machine": machine(), "docs": n_docs, "words": words, "results": results,
               "gazetteer_lookups_per_second": round(lookups)}
        if scaling:
            out["processes"] = scaling
        click.echo(json.dumps(out, indent=2))
        return
    table = Table(title=f"harmwatch bench: {n_docs} HTML pages of ~{words} words, one core per stage")
    for col in ("stage", "docs/s/core", "ms/doc", "peak RSS MB", "incidents", "vs full"):
        table.add_column(col, justify="right" if col != "stage" else "left")
    full = next((r for r in results if r.get("stage") == "full" and "error" not in r), None)
    for r in results:
        if "error" in r:
            table.add_row(r["stage"], "error", r["error"], "", "", "")
            continue
        if "skipped" in r:
            table.add_row(r["stage"], "skipped", r["skipped"], "", "", "")
            continue
        ratio = f"{r['docs_per_second_per_core'] / full['docs_per_second_per_core']:.2f}x" if full else ""
        table.add_row(r["stage"], f"{r['docs_per_second_per_core']:.1f}", f"{1000 * r['seconds'] / r['docs']:.2f}",
                      f"{r['peak_rss_mb']:.0f}", str(r.get("incidents", "")), ratio)
    if results:
        stderr.print(table)
    if scaling:
        _print_scaling(scaling, n_docs, words)
    stderr.print(f"gazetteer: {lookups:,.0f} look-ups/s (one core)")


def _print_scaling(rows: list[dict], n_docs: int, words: int) -> None:
    from rich.table import Table

    from harmwatch.bench import machine

    table = Table(title=f"harmwatch bench: the full pipeline with N processes ({n_docs} pages of ~{words} words)")
    for col in ("processes", "docs/s", "speed-up", "CPU s (parent + workers)", "start s",
                "per worker MB: peak RSS / PSS / USS"):
        table.add_column(col, justify="right")
    for r in rows:
        if "error" in r:
            table.add_row(str(r["jobs"]), "error", r["error"], "", "", "")
            continue
        ms = [m for m in r["memory_mb"].values() if m]
        mem = (f"RSS {max(m['peak_rss'] for m in ms):.0f} / PSS {sum(m['pss'] for m in ms) / len(ms):.0f} / "
               f"USS {sum(m['uss'] for m in ms) / len(ms):.0f}") if ms else "n/a"
        table.add_row(str(r["jobs"]), f"{r['docs_per_second']:.1f}", f"{r['speedup']:.2f}x",
                      f"{r['parent_cpu_seconds']:.1f} + {r['worker_cpu_seconds']:.1f}", f"{r['start_seconds']:.2f}",
                      mem)
    stderr.print(table)
    load = machine().get("load_average")
    if load:
        stderr.print(f"load average (1/5/15 min) at the end: {load[0]} / {load[1]} / {load[2]} on "
                     f"{machine()['cpus']} cores; before each count: "
                     + ", ".join(f"{r['jobs']}: {r['load_average_before'][0]}" for r in rows
                                 if r.get("load_average_before")))


def _merge(sizes: tuple[int, ...], as_json: bool) -> None:
    from rich.table import Table

    from harmwatch.bench import MERGE_SIZES, machine, run_merge_benchmark

    results = run_merge_benchmark(tuple(sizes) or MERGE_SIZES)
    if as_json:
        click.echo(json.dumps({"machine": machine(), "results": results}, indent=2))
        return
    table = Table(title="harmwatch bench merge: synthetic records, one core")
    cols = ("records", "merge s", "records/s", "peak RSS MB", "merged", "pairwise P", "pairwise R")
    for col in cols:
        table.add_column(col, justify="right")
    for r in results:
        if "error" in r:
            table.add_row(str(r["records"]), "error", r["error"], "", "", "", "")
            continue
        table.add_row(f"{r['records']:,}", f"{r['merge_seconds']:.1f}", f"{r['records_per_second']:,}",
                      str(r["peak_rss_mb"]), f"{r['merged_incidents']:,}", str(r["pairwise_precision"]),
                      str(r["pairwise_recall"]))
    stderr.print(table)


def _startup(as_json: bool) -> None:
    import subprocess
    import sys

    from rich.table import Table

    from harmwatch.bench import machine, startup_benchmark

    # the breakdown in a fresh interpreter: this one has imported harmwatch already
    code = ("import json, time; t = time.perf_counter(); import harmwatch.cli.main; t = time.perf_counter() - t; "
            "from harmwatch.bench import startup_breakdown as b; print(json.dumps({'cli_imports': round(t, 3), **b()}))")
    breakdown = json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                          text=True).stdout)
    rows = startup_benchmark()
    if as_json:
        click.echo(json.dumps({"machine": machine(), "startup": rows, "breakdown": breakdown}, indent=2))
        return
    table = Table(title="harmwatch bench startup: the command to its first document done (extract: 8 reports, "
                  "until the first output line; run: one report, the whole command)")
    for col in ("command", "--jobs", "cold s", "warm s"):
        table.add_column(col, justify="right" if col != "command" else "left")
    for r in rows:
        table.add_row(r["command"], str(r["jobs"]), f"{r.get('cold_seconds', float('nan')):.2f}",
                      f"{r['warm_seconds']:.2f}")
    stderr.print(table)
    stderr.print("where a warm start goes (s): " + ", ".join(f"{k.replace('_', ' ')} {v:.2f}"
                                                            for k, v in breakdown.items()))
    load = machine().get("load_average")
    if load:
        stderr.print(f"load average (1/5/15 min): {load[0]} / {load[1]} / {load[2]}")


def _store(pg_url: str | None, copies: int, as_json: bool) -> None:
    from rich.table import Table

    from harmwatch.bench_store import run_store_benchmark

    out = run_store_benchmark(pg_url, copies)
    if as_json:
        click.echo(json.dumps(out, indent=2))
        return
    table = Table(title=f"harmwatch bench store: the sample corpus's {out['results_per_copy']} results saved "
                  f"{out['copies']} times, then a whole `harmwatch run`")
    for col in ("backend", "save doc/s", "SQL/doc", "merge s", "run s", "run doc/s", "load"):
        table.add_column(col, justify="right" if col != "backend" else "left")
    for backend, save in out["save"].items():
        run = out["run"].get(backend, {})
        table.add_row(backend, f"{save['docs_per_second']:.1f}", f"{save['statements_per_doc']:.1f}",
                      f"{save['merge_seconds']:.2f}", f"{run.get('seconds', float('nan')):.2f}",
                      f"{run.get('docs_per_second', float('nan')):.1f}", f"{save['load_average_before'][0]:.2f}")
    stderr.print(table)
    server = out["save"].get("postgresql", {}).get("server")
    if server:
        stderr.print("PostgreSQL " + ", ".join(f"{k} {v}" for k, v in server.items()))
    if not pg_url:
        stderr.print("SQLite only: give --pg URL (bash scripts/pg.sh start) to compare with PostgreSQL")
    load = out["load_average_after"]
    stderr.print(f"load average (1/5/15 min) at the end: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} on "
                 f"{out['machine']['cpus']} cores")
