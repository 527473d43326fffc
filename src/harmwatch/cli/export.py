"""``harmwatch export --db URL --format jsonl -o PATH``: merged incidents out of the store."""

from __future__ import annotations

import json
import sys

import click

FORMATS = ("jsonl",)


@click.command("export")
@click.option("--db", "db", default=None, help="Database URL (default sqlite:///harmwatch.sqlite or $HARMWATCH_DB).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", default="-", help="Output file (default: stdout).")
@click.option("--silent", is_flag=True, help="Nothing on stderr but errors.")
def command(db: str | None, fmt: str, output: str, silent: bool) -> None:
    """Export the merged incidents; each JSONL line has the record fields plus incident_id, reports
    (the doc ids it merges), report_links (outlet and date of each report), disagreement and
    review_status. A database that was never merged exports its per-report incidents. A database that
    does not exist is an error (exit 2): nothing is created."""
    from harmwatch.store import open_store
    from harmwatch.store.merged import has_merged, iter_merged

    n = 0
    with open_store(db, create=False) as store:  # before the output file: a bad --db writes nothing
        out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
        try:
            rows = iter_merged(store) if has_merged(store) else store.iter_incidents()
            for inc in rows:
                out.write(json.dumps(inc, ensure_ascii=False, default=str) + "\n")
                n += 1
        finally:
            if out is not sys.stdout:
                out.close()
    if not silent:
        click.echo(f"exported {n} incidents", err=True)
