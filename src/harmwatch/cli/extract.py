"""``harmwatch extract IN.jsonl -o OUT.jsonl``: the extraction output contract (no database)."""

from __future__ import annotations

import json
import sys

import click

from harmwatch.cli.common import announce_first_run, extraction_options, print_counts, progress_bar


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="Output JSONL (default: stdout).")
@extraction_options
@click.option("--silent", is_flag=True, help="Nothing on stderr but errors: no progress bar, no summary.")
@click.option("--fail-on-error", is_flag=True, help="Exit with status 1 when any input failed.")
def command(inputs: tuple[str, ...], output: str, published: str | None, jobs: int, workers: int | None,
            scheduler: str | None, item_timeout: float, silent: bool,
            fail_on_error: bool) -> None:
    """Extract incidents from INPUTS (JSONL, CSV, HTML, text files or folders; - reads JSONL or one
    text or HTML document from standard input) into JSONL.

    One output line per input, in input order: doc_id, status (ok|error|skipped), error, text and
    incidents with evidence offsets into text. Bad inputs get status "error"; the batch goes on. A
    missing path is an error (exit 2) and no output file is written.
    """
    from harmwatch.ingest import check_paths, check_published, count_inputs
    from harmwatch.api import extract_files
    from harmwatch.pipeline import RunCounts

    check_paths(list(inputs))  # before the output file is opened
    default = check_published(published)
    announce_first_run(silent)
    total = None if silent else count_inputs(list(inputs))
    counts = RunCounts()
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    try:
        with progress_bar("extract", total, silent=silent) as advance:
            for result in extract_files(list(inputs), published=default, jobs=jobs, workers=workers,
                                        scheduler=scheduler, item_timeout=item_timeout):
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                counts.add(result)
                advance(1, result.doc_id[:40])
    finally:
        if out is not sys.stdout:
            out.close()
    if not silent:
        print_counts(counts.as_dict())
    if fail_on_error and counts.failed:
        sys.exit(1)
