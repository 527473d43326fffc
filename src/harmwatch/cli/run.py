"""``harmwatch run [INPUT ...] [--db URL]``: ingest, extract and store, then a summary."""

from __future__ import annotations

import click

from harmwatch.cli.common import announce_first_run, print_counts, progress_bar, stderr


@click.command("run")
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("--db", "db", default=None, help="Database URL (sqlite:///PATH or postgresql://...); "
              "default sqlite:///harmwatch.sqlite, or $HARMWATCH_DB.")
@click.option("--silent", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON on stdout.")
def command(inputs: tuple[str, ...], db: str | None, silent: bool, as_json: bool) -> None:
    """Ingest, extract and store INPUTS (files or folders); without INPUTS, the bundled sample corpus.

    Re-running on the same input changes nothing: unchanged documents are recognised by id, URL or
    content hash and counted as unchanged.
    """
    import json

    from harmwatch.api import run

    announce_first_run(silent)
    with progress_bar("run", None, silent=silent) as advance:
        report = run(list(inputs) or None, db=db, progress=lambda r: advance(1, r.doc_id[:40]))
    if as_json:
        click.echo(json.dumps({"run_id": report.run_id, "db": report.db_url, "counts": report.counts,
                               "stats": report.stats, "seconds": round(report.seconds, 2)}, indent=2, default=str))
        return
    print_counts(report.counts, title=f"Run {report.run_id}")
    _print_stats(report.stats)
    stderr.print(f"[bold]Database:[/bold] {report.db_url}  ({report.seconds:.1f} s)")


def _print_stats(stats: dict) -> None:
    from rich.table import Table

    stderr.print(
        f"[bold]Store:[/bold] {stats.get('documents', 0)} documents, {stats.get('incidents', 0)} incidents, "
        f"{stats.get('killed', 0)} killed, {stats.get('injured', 0)} injured (best estimates)"
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
