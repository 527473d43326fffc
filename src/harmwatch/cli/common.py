"""Shared CLI helpers: progress bars and summaries on stderr."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import click

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

stderr = Console(stderr=True, highlight=False)


def extraction_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every extracting command shares (``run``, ``extract``): the publication date for
    undated inputs, where extraction runs (``--jobs``, ``--workers``, ``--scheduler``) and the
    per-input time limit. One definition, so the commands cannot drift apart."""
    options = [
        click.option("--published", default=None, metavar="DATE",
                     help="Publication date (ISO 8601) for inputs that give none, e.g. plain-text files."),
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True, metavar="N",
                     help="Extraction processes: 0 = every core; 1 = this process only. Same output whatever N."),
        click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
                     help="Extract on a local Dask cluster of N worker processes (needs harmwatch[cluster]); "
                     "same output."),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="Extract on the workers of a running Dask scheduler (tcp://HOST:PORT); same output."),
        click.option("--item-timeout", type=click.FloatRange(min=0), default=60.0, show_default=True, metavar="S",
                     help="Seconds one input may take; past it the input fails (HW-ITEM-TIMEOUT) and the run "
                     "goes on. 0 = no limit."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@contextlib.contextmanager
def progress_bar(label: str, total: int | None, *, silent: bool) -> Iterator:
    """A progress bar on stderr; yields ``advance(n=1, info='')``. Silent or non-tty: no bar.

    ``total`` (the number of inputs, when it can be counted in advance) gives the bar an end and
    the count ``n/total``; None shows ``n/?``.
    """
    if silent or not stderr.is_terminal:
        yield lambda n=1, info="": None
        return
    columns = [SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.fields[info]}")]
    with Progress(*columns, console=stderr, transient=False) as prog:
        task = prog.add_task(label, total=total, info="")

        def advance(n: int = 1, info: str = "") -> None:
            prog.update(task, advance=n, info=info)

        yield advance


def counts_lines(counts: dict, *, title: str = "Inputs") -> list[str]:
    """The summary lines of a batch (plain text): every input accounted for, done / skipped /
    failed with reasons, coded warnings, and for a run what it stored."""
    head = (
        f"{title}: {counts['total']} read, {counts['done']} done"
        + (f" ({counts['unchanged']} unchanged)" if counts.get("unchanged") else "")
        + f", {counts['skipped']} skipped, {counts['failed']} failed; {counts['incidents']} incidents"
    )
    if "stored" in counts:
        parts = [f"{counts.get(k, 0)} {label}" for k, label in
                 (("stored_new", "new"), ("stored_updated", "updated"), ("stored_unchanged", "unchanged"))
                 if counts.get(k)]
        head += f"; {counts['stored']} documents stored" + (f" ({', '.join(parts)})" if parts else "")
    lines = [head]
    for reason, n in counts.get("reasons", {}).items():
        lines.append(f"  {n:>5} x {reason}")
    for code, n in counts.get("warnings", {}).items():
        lines.append(f"  {n:>5} x warning {code}")
    return lines


def print_counts(counts: dict, *, title: str = "Inputs") -> None:
    """Every input accounted for, on stderr (the first line in bold)."""
    first, *rest = counts_lines(counts, title=title)
    label, _sep, tail = first.partition(":")
    stderr.print(f"[bold]{label}:[/bold]", end="")
    stderr.print(tail, markup=False, soft_wrap=True)  # one line each, whatever the width: greppable
    for line in rest:
        stderr.print(line, markup=False, soft_wrap=True)


def announce_first_run(silent: bool) -> None:
    """The offline gazetteer index is built once per machine (about a minute); say so before it starts."""
    if silent:
        return
    try:
        from harmwatch.extract.places.gazetteer import index_path

        if not index_path().exists():
            stderr.print(f"Building the offline gazetteer index once (about a minute): {index_path()}")
    except Exception:  # the build itself will report a real problem
        pass
