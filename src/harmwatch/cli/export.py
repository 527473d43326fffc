"""``harmwatch export --db URL --format acled|ucdp|geojson|parquet|jsonl|xlsx -o PATH``: merged
incidents out of the store (the work is harmwatch.export.write; docs/EXPORTS.md has the columns)."""

from __future__ import annotations

import click

from harmwatch.export import FATALITY_RULES, FORMATS, STATUSES


@click.command("export")
@click.option("--db", "db", default=None, help="Database URL (default sqlite:///harmwatch.sqlite or $HARMWATCH_DB).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="acled / ucdp: CSV in ACLED's / UCDP GED's columns; geojson: RFC 7946; parquet, xlsx: "
                   "the typed flat table; jsonl: one merged record a line.")
@click.option("-o", "--output", default="-", help="Output file (default: stdout; parquet and xlsx need a file).")
@click.option("--status", type=click.Choice(STATUSES), default="all", show_default=True,
              help="all: every incident but the rejected ones; approved: only those a reviewer approved.")
@click.option("--include-rejected", is_flag=True, help="With --status all, keep rejected incidents too.")
@click.option("--fatalities", type=click.Choice(FATALITY_RULES), default="best", show_default=True,
              help="ACLED's fatalities column: the reconciled best, or the lowest report's figure (ACLED's rule).")
@click.option("--located-only", is_flag=True, help="GeoJSON: leave out incidents without coordinates (counted).")
@click.option("--silent", is_flag=True, help="Nothing on stderr but errors.")
def command(db: str | None, fmt: str, output: str, status: str, include_rejected: bool, fatalities: str,
            located_only: bool, silent: bool) -> None:
    """Export the merged incidents. In JSONL each line has the record fields plus incident_id, reports
    (the doc ids it merges), report_links (outlet and date of each report), disagreement and
    review_status. A database that was never merged exports its per-report incidents. A database that
    does not exist is an error (exit 2): nothing is created."""
    from harmwatch.export import ExportError, write
    from harmwatch.store import open_store

    if fmt in ("parquet", "xlsx") and output == "-":
        raise ExportError(f"{fmt} is a binary format", code="HW-EXPORT-BINARY", hint=f"give a file: -o incidents.{fmt}")
    with open_store(db, create=False) as store:  # before the output file: a bad --db writes nothing
        res = write(store, fmt, output, status=status, include_rejected=include_rejected,
                    fatalities=fatalities, located_only=located_only)
    if not silent:
        extra = ""
        if res.left_out:
            extra = f"; {res.left_out} without coordinates left out"
        elif res.unlocated:
            extra = f"; {res.unlocated} without coordinates (null geometry)"
        click.echo(f"exported {res.written} incidents ({fmt}, status {status}{extra})", err=True)
