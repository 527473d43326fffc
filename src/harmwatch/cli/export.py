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
    """Export the stored incidents; each JSONL line has the record fields plus incident_id, reports and
    review_status."""
    from harmwatch.store import open_store

    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    n = 0
    try:
        with open_store(db) as store:
            for inc in store.iter_incidents():
                out.write(json.dumps(inc, ensure_ascii=False, default=str) + "\n")
                n += 1
    finally:
        if out is not sys.stdout:
            out.close()
    click.echo(f"exported {n} incidents", err=True)
