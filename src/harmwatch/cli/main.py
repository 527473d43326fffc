"""The ``harmwatch`` command. Data goes to stdout or files; logs and progress to stderr."""

from __future__ import annotations

import logging
import sys

import click

from harmwatch import __version__
from harmwatch.errors import HarmwatchError


# the commands and the modules that define them, imported only when a command is used (or listed by
# --help): `harmwatch extract` does not load the store, the API or the evaluation code, which keeps
# the start-up (the command to its first document) short
COMMANDS = {
    "extract": "extract", "run": "run", "merge": "merge", "export": "export", "bench": "bench",
    "doctor": "doctor", "eval": "evaluate", "serve": "serve", "user": "user",
}


class _Group(click.Group):
    """Turns a HarmwatchError into one clear line and exit code 2 (no traceback); loads commands lazily."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *(n for n in super().list_commands(ctx) if n not in COMMANDS)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            import importlib

            self.add_command(importlib.import_module(f"harmwatch.cli.{COMMANDS[name]}").command, name)
        return super().get_command(ctx, name)

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


def main() -> None:
    cli(prog_name="harmwatch")


if __name__ == "__main__":
    main()
