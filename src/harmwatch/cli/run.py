"""``harmwatch run [INPUT ...] [--db URL]``: ingest, extract and store, then a summary."""

from __future__ import annotations

import sys

import click

from harmwatch.cli.common import announce_first_run, extraction_options, print_counts, progress_bar, stderr


@click.command("run")
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--db", "db", default=None, help="Database URL (sqlite:///PATH or postgresql://...); "
              "default sqlite:///harmwatch.sqlite, or $HARMWATCH_DB.")
@extraction_options
@click.option("--silent", is_flag=True, help="Nothing on stderr but errors: no progress bar, no summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON on stdout.")
@click.option("--fail-on-error", is_flag=True, help="Exit with status 1 when any input failed (after the whole "
              "batch and its summary).")
def command(inputs: tuple[str, ...], db: str | None, published: str | None, jobs: int, workers: int | None,
            scheduler: str | None, item_timeout: float, silent: bool,
            as_json: bool, fail_on_error: bool) -> None:
    """Ingest, extract and store INPUTS (files or folders, - for standard input); without INPUTS, the
    bundled sample corpus.

    Re-running on the same input changes nothing: a document with the same id, text and extractor
    version is counted as unchanged. Ids from files are their path under the folder given. A
    missing path is an error (exit 2) and nothing is written.
    """
    import json

    from harmwatch.api import run, sample_corpus_path
    from harmwatch.ingest import check_paths, check_published, count_inputs

    paths = list(inputs) or [str(sample_corpus_path())]
    check_paths(paths)  # before anything is written: no database, no run
    check_published(published)
    announce_first_run(silent)
    total = None if silent else count_inputs(paths)
    with progress_bar("run", total, silent=silent) as advance:
        report = run(list(inputs) or None, db=db, published=published, jobs=jobs,
                     workers=workers, scheduler=scheduler, item_timeout=item_timeout,
                     progress=lambda r: advance(1, r.doc_id[:40]))
    if as_json:
        click.echo(json.dumps({"run_id": report.run_id, "db": report.db_url, "counts": report.counts,
                               "stats": report.stats, "seconds": round(report.seconds, 2)}, indent=2, default=str))
    elif not silent:
        print_counts(report.counts, title=f"Run {report.run_id}")
        _print_stats(report.stats)
        stderr.print(f"[bold]Database:[/bold] {report.db_url}  ({report.seconds:.1f} s)", soft_wrap=True)
    if fail_on_error and report.counts.get("failed"):
        sys.exit(1)


def _print_stats(stats: dict) -> None:
    from rich.table import Table

    stderr.print(
        f"[bold]Store:[/bold] {stats.get('documents', 0)} documents, {stats.get('incidents', 0)} incidents, "
        f"{stats.get('killed', 0)} killed, {stats.get('injured', 0)} injured (best estimates)",
        soft_wrap=True,
    )
    for key, title in (("top_places", "Top places"), ("top_actors", "Top actors"), ("by_event_type", "Event types")):
        rows = stats.get(key) or []
        if isinstance(rows, dict):
            rows = [{"name": k, "count": v} for k, v in rows.items()]
        if not rows:
            continue
        table = Table(title=title, title_justify="left", show_edge=False)
        table.add_column("name")
        table.add_column("count", justify="right")
        for r in rows[:10]:
            if isinstance(r, dict):
                name = r.get("name") or r.get("location_name") or r.get("event_type") or "?"
                if r.get("country_code"):
                    name = f"{name} ({r['country_code']})"
                table.add_row(str(name), str(r.get("count", "")))
            else:
                table.add_row(*(str(x) for x in r))
        stderr.print(table)
