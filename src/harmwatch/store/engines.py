"""Engines for the two backends, SQLite and PostgreSQL, with the same write semantics.

``harmwatch run`` and ``harmwatch serve`` share one database, and two runs may write to it at once.
Both backends serialise *write transactions* so that a document, its reports and the merge are
written as one unit and never interleave with another writer's:

* SQLite: ``PRAGMA foreign_keys=ON``, WAL journal and a busy timeout on every connection;
  sqlite3's legacy transaction handling is switched off and SQLAlchemy emits ``BEGIN`` itself (the
  recipe in SQLAlchemy's SQLite docs), so DDL in a migration and a whole ``save_result`` are truly
  atomic. Write transactions use ``BEGIN IMMEDIATE``: two writers queue on the busy timeout instead
  of failing with "database is locked". The great-circle distance ``harmwatch_distance_m`` is
  registered on every connection for the "near a point" filter (store/spatial.py).
* A write that finds the database full (SQLite ``SQLITE_FULL``, PostgreSQL ``53100``) raises
  ``HW-STORE-FULL``; a write lock another writer holds past the busy timeout (SQLite
  ``SQLITE_BUSY``, PostgreSQL ``55P03`` under ``lock_timeout``) raises ``HW-STORE-LOCKED``, naming
  the processes that hold the SQLite file open. Both come from one ``handle_error`` hook, so every
  write (a run's documents, its merge, a migration) stops the same way; a transaction that fails
  is rolled back whole, so what was committed before stays as it was.
  ``$HARMWATCH_DB_BUSY_TIMEOUT`` (seconds, default 30) is how long a writer waits for the lock;
  on PostgreSQL it is set as ``lock_timeout`` only when given (by default the advisory lock is
  waited for as long as it takes, as before). ``$HARMWATCH_SQLITE_MAX_PAGE_COUNT`` caps the
  database at that many pages (``PRAGMA max_page_count``): the tests use it to fill the
  database for real, and a user may use it to bound a database's size.
* PostgreSQL (psycopg 3): a write transaction first takes a transaction-level advisory lock
  (``pg_advisory_xact_lock``), the same queueing as ``BEGIN IMMEDIATE``: without it two runs
  saving the same new document would both insert it and one would fail on the primary key, and two
  merges would each rebuild the merged tables from a snapshot missing the other's reports. Readers
  never take it. ``open_store`` on a database that does not exist creates it when asked to
  (``harmwatch run``) and otherwise raises ``HW-STORE-NOT-FOUND``, like a missing SQLite file.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from harmwatch.errors import ConfigError, StoreError, StoreFullError, StoreLockedError

BEGIN_OPTION = "harmwatch_sqlite_begin"
_BEGIN_MODES = {"DEFERRED", "IMMEDIATE"}
#: the advisory lock key of harmwatch's write transactions on PostgreSQL (any fixed 64-bit number)
WRITE_LOCK_KEY = 0x6861726D77617463  # "harmwatc"
#: seconds a writer waits for another's write lock, and the variable that changes it
DEFAULT_BUSY_TIMEOUT = 30.0
BUSY_TIMEOUT_ENV = "HARMWATCH_DB_BUSY_TIMEOUT"
#: caps a SQLite database at this many pages (PRAGMA max_page_count): a full disk, reproducibly
MAX_PAGE_COUNT_ENV = "HARMWATCH_SQLITE_MAX_PAGE_COUNT"
_SQLITE_BUSY, _SQLITE_FULL = 5, 13  # primary result codes (extended codes keep them in the low byte)
_PG_LOCK_NOT_AVAILABLE, _PG_DISK_FULL = "55P03", "53100"
#: mean Earth radius (IUGG, (2a + b) / 3 of WGS84), the sphere PostGIS uses with use_spheroid=false
EARTH_RADIUS_M = 6371008.7714


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def is_postgresql(url: URL) -> bool:
    return url.get_backend_name() == "postgresql"


def is_memory(url: URL) -> bool:
    db = url.database or ""
    return db in ("", ":memory:") or "mode=memory" in db or url.query.get("mode") == "memory"


def distance_m(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> float | None:
    """Great-circle (haversine) distance in metres on the mean-radius sphere; None for a null input."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def _env_number(name: str, default: float | None, *, integer: bool = False) -> float | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if integer else float(raw)
    except ValueError:
        value = -1
    if value < 0 or (integer and value == 0):
        raise ConfigError(f"${name}={raw!r} is not a {'positive whole' if integer else 'non-negative'} number",
                          code="HW-CONFIG-ENV", hint=f"unset {name} or give it a number")
    return value


def busy_timeout() -> float:
    """Seconds a writer waits for another writer's lock (``$HARMWATCH_DB_BUSY_TIMEOUT``, default 30)."""
    return float(_env_number(BUSY_TIMEOUT_ENV, DEFAULT_BUSY_TIMEOUT) or 0.0)


def _holders(path: str) -> list[str]:
    """Other processes holding the SQLite file (or its -wal/-shm) open, as ``pid N (command)``:
    best effort, from /proc (Linux); empty elsewhere or when nothing can be read."""
    try:
        wanted = {str(Path(path).resolve()) + suffix for suffix in ("", "-wal", "-shm", "-journal")}
        procs = [p for p in Path("/proc").iterdir() if p.name.isdigit() and p.name != str(os.getpid())]
    except OSError:
        return []
    found = []
    for proc in procs:
        try:
            if not any(os.readlink(fd) in wanted for fd in (proc / "fd").iterdir()):
                continue
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except OSError:
            continue
        found.append(f"pid {proc.name} ({cmd[:80] or '?'})")
    return found[:5]


def _classified(exc: BaseException, url: URL) -> StoreError | None:
    """HW-STORE-FULL / HW-STORE-LOCKED for a database error that is one, else None."""
    where = _shown(url)
    sqlstate = getattr(exc, "sqlstate", None)
    errorcode = getattr(exc, "sqlite_errorcode", None)
    message = str(exc)
    full = (errorcode is not None and errorcode & 0xFF == _SQLITE_FULL) or sqlstate == _PG_DISK_FULL \
        or "database or disk is full" in message
    if full:
        return StoreFullError(
            f"the database {where} is full ({message}); the run stopped, what it stored before is kept",
            hint="free disk space on the volume of the database (or raise $HARMWATCH_SQLITE_MAX_PAGE_COUNT), "
            "or move the database to a larger disk, then run the same command again: stored inputs are "
            "counted unchanged, the rest are added, nothing twice",
        )
    locked = (errorcode is not None and errorcode & 0xFF == _SQLITE_BUSY) or sqlstate == _PG_LOCK_NOT_AVAILABLE \
        or "database is locked" in message
    if locked:
        holders = _holders(url.database or "") if is_sqlite(url) and not is_memory(url) else []
        who = ("held open by " + ", ".join(holders)) if holders else \
            "another writer (a harmwatch run, merge or review, or a sqlite3/psql session)"
        return StoreLockedError(
            f"the database {where} stayed locked by another writer for over {busy_timeout():g} s "
            "(the busy timeout); the run stopped, nothing stored is lost",
            hint=f"{who} holds the write lock: let it finish or stop it, then run the same command again "
            f"(or wait longer: ${BUSY_TIMEOUT_ENV}=SECONDS)",
        )
    return None


def _classify_errors(engine: Engine, url: URL) -> None:
    """Raise HW-STORE-FULL / HW-STORE-LOCKED in place of SQLAlchemy's error for those two cases."""

    @event.listens_for(engine, "handle_error")
    def _on_error(context: Any) -> None:
        err = _classified(context.original_exception, url)
        if err is not None:
            raise err from context.original_exception


def make_engine(url: URL) -> Engine:
    """The engine for ``url`` with the per-backend connection and transaction set-up above."""
    engine = _make_engine(url)
    _classify_errors(engine, url)
    return engine


def _make_engine(url: URL) -> Engine:
    if is_postgresql(url):
        return _postgresql_engine(url)
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    wait = busy_timeout()
    max_pages = _env_number(MAX_PAGE_COUNT_ENV, None, integer=True)
    memory = is_memory(url)
    if memory:
        # one shared connection, or every checkout would see an empty database
        engine = create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        db = url.database or ""
        if not db.startswith("file:"):
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": wait})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN (below)
        dbapi_conn.create_function("harmwatch_distance_m", 4, distance_m, deterministic=True)
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
            if max_pages is not None:
                cur.execute(f"PRAGMA max_page_count={int(max_pages)}")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get(BEGIN_OPTION, "DEFERRED")
        if mode not in _BEGIN_MODES:  # never interpolate anything else into SQL
            mode = "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _postgresql_engine(url: URL) -> Engine:
    connect_args: dict[str, Any] = {"connect_timeout": 10}
    if os.environ.get(BUSY_TIMEOUT_ENV, "").strip():
        connect_args["options"] = f"-c lock_timeout={int(busy_timeout() * 1000)}"
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(BEGIN_OPTION) == "IMMEDIATE":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({int(WRITE_LOCK_KEY)})")

    return engine


def _missing_database(exc: BaseException) -> bool:
    """Whether a connection error says the database does not exist (SQLSTATE 3D000)."""
    orig = getattr(exc, "orig", exc)
    if getattr(orig, "sqlstate", None) == "3D000":
        return True
    message = str(orig)
    return "database" in message and "does not exist" in message


def _shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def ensure_database(engine: Engine, url: URL, *, create: bool) -> None:
    """A server database exists at ``url``: created when missing and ``create``, else
    ``HW-STORE-NOT-FOUND``; an unreachable server is ``HW-STORE-OPEN``."""
    try:
        with engine.connect():
            return
    except SQLAlchemyError as exc:
        if not _missing_database(exc):
            raise StoreError(
                f"cannot open database {_shown(url)}: {exc.__class__.__name__}: {getattr(exc, 'orig', exc)}",
                code="HW-STORE-OPEN",
                hint="check the --db URL and that the database server is running "
                "(bash scripts/pg.sh start runs a local one)",
            ) from exc
        if not create:
            raise StoreError(
                f"no harmwatch database at {_shown(url)}: the database does not exist",
                code="HW-STORE-NOT-FOUND",
                hint="check --db (or $HARMWATCH_DB); `harmwatch run --db URL` creates one",
            ) from exc
    create_database(url)


def create_database(url: URL) -> None:
    """``CREATE DATABASE`` for ``url`` through the server's ``postgres`` maintenance database."""
    name = url.database or ""
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 10})
    try:
        with admin.connect() as conn:
            quoted = conn.dialect.identifier_preparer.quote_identifier(name)
            conn.execute(text(f"CREATE DATABASE {quoted}"))
    except SQLAlchemyError as exc:
        if "already exists" in str(getattr(exc, "orig", exc)):
            return  # another run created it a moment ago
        raise StoreError(
            f"cannot create database {_shown(url)}: {getattr(exc, 'orig', exc)}",
            code="HW-STORE-OPEN",
            hint="create it (createdb) or give the role CREATEDB",
        ) from exc
    finally:
        admin.dispose()


def drop_database(url: URL) -> None:
    """``DROP DATABASE ... WITH (FORCE)`` (tests and tools; never called by a command)."""
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            quoted = conn.dialect.identifier_preparer.quote_identifier(url.database or "")
            conn.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
    finally:
        admin.dispose()


def has_postgis(engine: Engine) -> bool:
    """Whether the PostGIS extension is installed in this PostgreSQL database."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.connect() as conn:
        return bool(conn.scalar(text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")))
