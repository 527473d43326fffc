"""The ``harmwatch`` command. Data goes to stdout or files; logs and progress to stderr."""

from __future__ import annotations

import logging
import sys

import click

from harmwatch import __version__
from harmwatch.errors import HarmwatchError


class _Group(click.Group):
    """Turns a HarmwatchError into one clear line and exit code 2 (no traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except HarmwatchError as exc:
            click.echo(f"harmwatch: {exc.one_line()}", err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="harmwatch")
@click.option("-v", "--verbose", count=True, help="More logging on stderr (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """harmwatch: evidence-linked incident records from news reports of armed violence, offline."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    from harmwatch.cli import bench, doctor, evaluate, export, extract, merge, run, serve, user

    for mod in (extract, run, merge, export, bench, doctor, evaluate, serve, user):
        cli.add_command(mod.command)


_register()


def main() -> None:
    cli(prog_name="harmwatch")


if __name__ == "__main__":
    main()
