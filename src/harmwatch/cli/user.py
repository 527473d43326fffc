"""``harmwatch user add|list|remove|passwd``: review accounts (argon2id password hashes).

Passwords are read from a prompt (twice, not echoed) or, with ``--password-stdin``, from the
first line of standard input; never from the command line, where they would end up in the shell
history and the process list.
"""

from __future__ import annotations

import json
import sys

import click

from harmwatch.store.review_models import ROLES

DB_HELP = "Database URL (default sqlite:///harmwatch.sqlite or $HARMWATCH_DB)."


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)


@click.group("user")
def command() -> None:
    """Review accounts: viewer (reads), reviewer (edits, approves), admin."""


@command.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="viewer", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.option("--db", "db", default=None, help=DB_HELP)
def add(name: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Add an account."""
    from harmwatch.review.accounts import add_user
    from harmwatch.store import open_store

    with open_store(db, create=False) as store:
        add_user(store, name, role, _password(password_stdin))
    click.echo(f"user {name} added ({role})", err=True)


@command.command("list")
@click.option("--db", "db", default=None, help=DB_HELP)
def list_(db: str | None) -> None:
    """List the accounts (JSON lines: name, role, created)."""
    from harmwatch.review.accounts import list_users
    from harmwatch.store import open_store

    with open_store(db, create=False) as store:
        for u in list_users(store):
            click.echo(json.dumps({"name": u.name, "role": u.role, "created": u.created_at}))


@command.command("remove")
@click.argument("name")
@click.option("--db", "db", default=None, help=DB_HELP)
def remove(name: str, db: str | None) -> None:
    """Remove an account and end its sessions (its audit entries stay)."""
    from harmwatch.review.accounts import remove_user
    from harmwatch.store import open_store

    with open_store(db, create=False) as store:
        remove_user(store, name)
    click.echo(f"user {name} removed", err=True)


@command.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@click.option("--db", "db", default=None, help=DB_HELP)
def passwd(name: str, password_stdin: bool, db: str | None) -> None:
    """Change a password (the account's sessions end)."""
    from harmwatch.review.accounts import set_password
    from harmwatch.store import open_store

    with open_store(db, create=False) as store:
        set_password(store, name, _password(password_stdin))
    click.echo(f"password of {name} changed", err=True)
