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
def command(db: str | None, fmt: str, output: str) -> None:
    """Export the merged incidents; each JSONL line has the record fields plus incident_id, reports
    (the doc ids it merges), report_links (outlet and date of each report), disagreement and
    review_status. A database that was never merged exports its per-report incidents."""
    from harmwatch.store import open_store
    from harmwatch.store.merged import has_merged, iter_merged

    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    n = 0
    try:
        with open_store(db) as store:
            rows = iter_merged(store) if has_merged(store) else store.iter_incidents()
            for inc in rows:
                out.write(json.dumps(inc, ensure_ascii=False, default=str) + "\n")
                n += 1
    finally:
        if out is not sys.stdout:
            out.close()
    click.echo(f"exported {n} incidents", err=True)
