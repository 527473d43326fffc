"""Opening without creating: is there a harmwatch database at a URL? (``open_store(create=False)``)

``harmwatch export`` and ``harmwatch doctor`` must not leave an empty SQLite file behind when the
user mistypes ``--db``, so SQLite is checked read-only before any engine exists, and a server
database is inspected before the schema upgrade would create tables.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from harmwatch.errors import StoreError


def _is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def _is_memory(url: URL) -> bool:
    db = url.database or ""
    return db in ("", ":memory:") or "mode=memory" in db or url.query.get("mode") == "memory"


def _not_found(url: URL, why: str) -> StoreError:
    return StoreError(
        f"no harmwatch database at {url.render_as_string(hide_password=True)}: {why}",
        code="HW-STORE-NOT-FOUND",
        hint="check --db (or $HARMWATCH_DB); `harmwatch run --db URL` creates one",
    )


def require_existing(url: URL) -> None:
    """For ``create=False`` on SQLite: the file exists and holds a harmwatch schema; read-only check."""
    if not _is_sqlite(url) or _is_memory(url):
        return
    db = url.database or ""
    if db.startswith("file:"):
        return  # a URI filename: sqlite3 decides (mode=ro and the like)
    path = Path(db).expanduser()
    if not path.is_file():
        raise _not_found(url, "the file does not exist")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise _not_found(url, f"not a SQLite database ({exc})") from exc
    if not found:
        raise _not_found(url, "the file holds no harmwatch tables")


def require_schema(engine: Engine, url: URL) -> None:
    """For ``create=False`` on a server database: a harmwatch schema is there (nothing is written)."""
    try:
        has = inspect(engine).has_table("alembic_version")
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot open database {url.render_as_string(hide_password=True)}: {exc}",
            code="HW-STORE-OPEN",
            hint="check the --db URL (and that the database server is running)",
        ) from exc
    if not has:
        raise _not_found(url, "the database holds no harmwatch tables")
