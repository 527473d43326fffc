from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("HARMWATCH_SHARED", ROOT.parent / "shared")).resolve()
SEED_PATH = SHARED / "seed" / "000_ea6982988430f7db.txt"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def muc_messages(shared: Path) -> dict[str, str]:
    """MUC-3/4 messages (public domain) by id, for tests that need real multi-report incidents."""
    from harmwatch.evaluation.muc import load

    path = shared / "data" / "eval"
    if not (path / "muc34").is_dir():
        pytest.skip("no muc34 data")
    return {i.id: i.text for i in load(path)}


# --------------------------------------------------------------------------- the database backend
# HARMWATCH_TEST_DB chooses the backend of the store-touching tests: unset (or "sqlite") for SQLite
# files under tmp_path, or the URL of a PostgreSQL server (`bash scripts/pg.sh run pytest ...` sets
# it) on which every test database is created fresh and dropped at the end of the session.
TEST_DB = os.environ.get("HARMWATCH_TEST_DB", "").strip()
BACKEND = "postgresql" if TEST_DB.startswith("postgresql") else "sqlite"


# On PostgreSQL only the tests that touch a database run: by rule, those whose fixtures include
# `databases` (directly, or through db_url / store / sample_url / built_db and the like), so every
# test that stores something takes its URL from that fixture. The others (extraction, ingest,
# scoring, the layout) do not depend on the backend and ran in the SQLite pass already.
def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "sqlite_only: reads or writes the SQLite file itself")


def pytest_collection_modifyitems(config, items) -> None:
    if BACKEND == "sqlite":
        return
    skip = pytest.mark.skip(reason="SQLite-only test (HARMWATCH_TEST_DB is PostgreSQL)")
    kept, dropped = [], []
    for item in items:
        if "databases" not in getattr(item, "fixturenames", ()):
            dropped.append(item)
            continue
        if "sqlite_only" in item.keywords:
            item.add_marker(skip)
        kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_report_header(config) -> str:
    return f"harmwatch test database: {BACKEND}"


class Databases:
    """Fresh databases on the chosen backend: ``new(name)`` a URL nothing exists at yet (harmwatch
    creates it), ``copy(url, name)`` a private copy of a closed store (a file copy on SQLite,
    ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL). PostgreSQL databases are dropped at the end."""

    def __init__(self, tmp_path_factory) -> None:
        self._tmp = tmp_path_factory
        self._made: list[str] = []
        self.backend = BACKEND

    def _pg_url(self, name: str) -> str:
        from sqlalchemy.engine import make_url

        db = f"hwt_{os.getpid()}_{len(self._made)}_{''.join(c for c in name if c.isalnum())[:20]}".lower()
        url = make_url(TEST_DB).set(database=db).render_as_string(hide_password=False)
        self._made.append(url)
        return url

    def new(self, name: str = "hw") -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self._tmp.mktemp(name) / (name + '.sqlite')}"
        return self._pg_url(name)

    def copy(self, url: str, name: str = "copy") -> str:
        if self.backend == "sqlite":
            import shutil

            dst = self._tmp.mktemp(name) / (name + ".sqlite")
            shutil.copyfile(url.removeprefix("sqlite:///"), dst)  # a closed store: WAL checkpointed
            return f"sqlite:///{dst}"
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        new = self._pg_url(name)
        admin = create_engine(make_url(TEST_DB).set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{make_url(new).database}" TEMPLATE "{make_url(url).database}"'))
        finally:
            admin.dispose()
        return new

    def exists(self, url: str) -> bool:
        """Whether a database is at ``url``: the file on SQLite, a ``pg_database`` row on PostgreSQL."""
        from sqlalchemy.engine import make_url

        if self.backend == "sqlite":
            return Path(url.removeprefix("sqlite:///")).exists()
        return bool(self.rows(make_url(TEST_DB).set(database="postgres").render_as_string(hide_password=False),
                              "SELECT 1 FROM pg_database WHERE datname = :n", n=make_url(url).database))

    def rows(self, url: str, sql: str, **params) -> list[tuple]:
        """The rows of one SQL query on the database at ``url``, through SQLAlchemy: the same on
        both backends (JSON columns come back as text on SQLite: use :meth:`json`)."""
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                return [tuple(r) for r in conn.execute(text(sql), params)]
        finally:
            engine.dispose()

    def execute(self, url: str, *statements: str) -> None:
        """Run ``statements`` in one transaction on the database at ``url`` (test set-up)."""
        from sqlalchemy import create_engine, text

        engine = create_engine(url)
        try:
            with engine.begin() as conn:
                for sql in statements:
                    conn.execute(text(sql))
        finally:
            engine.dispose()

    def scalar(self, url: str, sql: str, **params):
        return self.rows(url, sql, **params)[0][0]

    @staticmethod
    def json(value):
        """A JSON column's value: parsed already on PostgreSQL, text on SQLite."""
        import json

        return json.loads(value) if isinstance(value, (str, bytes)) else value

    def drop_all(self) -> None:
        if self.backend == "sqlite":
            return
        from harmwatch.store.engines import drop_database
        from sqlalchemy.engine import make_url

        names = [make_url(url).database for url in self._made]
        for url in self._made:
            drop_database(make_url(url))
        # a PostgreSQL database name taken for a SQLite path leaves an empty file of that name in the
        # working directory (sqlite3.connect creates it): that is a bug of the code or the test
        strays = sorted({str(d / n) for d in (Path.cwd(), ROOT) for n in names if n and (d / n).exists()})
        assert not strays, f"files named like PostgreSQL test databases were created: {strays}"


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    dbs = Databases(tmp_path_factory)
    yield dbs
    dbs.drop_all()


@pytest.fixture
def stall_on(monkeypatch):
    """``stall_on(doc_id, busy=False)``: extraction of that one document takes 30 s (a sleep, or pure
    Python work when ``busy``: what a watchdog off the main thread can interrupt); the others are
    extracted as usual. For the per-item time limit tests."""
    import time

    from harmwatch import pipeline

    real = pipeline.extract_incidents

    def install(doc_id: str, *, busy: bool = False) -> None:
        def stalled(doc):
            if doc.id == doc_id:
                if not busy:
                    time.sleep(30)
                end = time.monotonic() + 30
                while busy and time.monotonic() < end:
                    pass
            return real(doc)

        monkeypatch.setattr(pipeline, "extract_incidents", stalled)

    return install
