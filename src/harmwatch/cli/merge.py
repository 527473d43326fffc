"""``harmwatch merge --db URL``: merge the stored reports into incidents; reviewer joins and splits."""

from __future__ import annotations

import json

import click


@click.command("merge")
@click.option("--db", "db", default=None, help="Database URL (default sqlite:///harmwatch.sqlite or $HARMWATCH_DB).")
@click.option("--changed", is_flag=True, help="Only place the reports of new or changed documents (incremental).")
@click.option("--join", "join_ids", multiple=True, metavar="ID",
              help="Join these merged incidents into one (repeat: --join ID --join ID); kept across re-merges.")
@click.option("--split", "split_id", default=None, metavar="ID",
              help="Split this merged incident into its reports; kept across re-merges.")
@click.option("--note", default=None, help="Why (stored with a --join or --split).")
def command(db: str | None, changed: bool, join_ids: tuple[str, ...], split_id: str | None, note: str | None) -> None:
    """Merge the reports of one incident across outlets and days (all, or only what changed).

    Prints a JSON summary: records merged, incidents, incidents with 2+ reports, rows written.
    """
    from harmwatch.store import open_store
    from harmwatch.store.merged import join, merge_store, split

    with open_store(db, create=False) as store:  # a missing database is an error, nothing is created
        if join_ids:
            summary = join(store, list(join_ids), note=note)
        elif split_id:
            summary = split(store, split_id, note=note)
        else:
            summary = merge_store(store, changed_only=changed)
    click.echo(json.dumps(summary.as_dict(), indent=2))
