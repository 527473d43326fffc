"""The schema comes from the packaged Alembic migrations and matches the models."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from harmwatch.errors import StoreError
from harmwatch.store import DEFAULT_URL, ENV_VAR, alembic_config, open_store, resolve_url
from harmwatch.store.models import Base
from harmwatch.store.spatial import include_object

TABLES = {
    "runs",
    "run_items",
    "documents",
    "incidents",
    "incident_reports",
    "claims",
    "evidence",
    "incident_actors",
}


def head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_open_creates_schema_at_head(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "hw.sqlite"  # parent dirs do not exist yet
    with open_store(f"sqlite:///{path}") as st:
        assert path.exists()
        names = set(inspect(st.engine).get_table_names())
        assert TABLES <= names
        assert "alembic_version" in names
    # read back with the plain sqlite3 module, independent of SQLAlchemy
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(head(),)]
        assert head() == "0005_spatial"  # 0005_spatial revises 0004_review, 0003_merge, 0001 (0002 not landed)
    finally:
        con.close()


def test_reviewer_filter_columns_are_indexed(store) -> None:
    indexed = {
        tuple(ix["column_names"]) for ix in inspect(store.engine).get_indexes("incidents")
    }
    for column in ("date_start", "country_code", "event_type", "review_status"):
        assert (column,) in indexed, column


def test_migrations_match_models(store) -> None:
    """Autogenerate finds nothing to do: models.py and versions/ agree."""
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


@pytest.mark.sqlite_only
def test_sqlite_pragmas(store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_foreign_keys_are_enforced(store) -> None:
    with pytest.raises(StoreError) as info:
        store.record_item(999, "nowhere.jsonl:1", "done")
    assert info.value.code == "HW-STORE-DB"


def test_reopen_keeps_data_and_does_not_remigrate(db_url, seed_result) -> None:
    with open_store(db_url) as st:
        run = st.begin_run("run", ["seed"], {})
        assert st.save_result(run, seed_result, extractor_version="1") == "inserted"
        before = st.stats()
    for _ in range(2):
        with open_store(db_url) as st:
            assert st.stats() == {**before, "runs": 1}
            assert st.get_document(seed_result.doc_id)["text"] == seed_result.text
            with st.engine.connect() as conn:
                versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
            assert versions == [(head(),)]
            assert st.save_result(run, seed_result, extractor_version="1") == "unchanged"


def test_downgrade_and_upgrade_round_trip(store) -> None:
    cfg = alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert set(inspect(store.engine).get_table_names()) & TABLES == set()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert TABLES <= set(inspect(store.engine).get_table_names())


def test_database_from_a_newer_harmwatch_is_refused(db_url) -> None:
    with open_store(db_url) as st:
        with st.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": "9999"})
    with pytest.raises(StoreError) as info:
        open_store(db_url)
    assert info.value.code == "HW-STORE-MIGRATE"


def test_foreign_database_is_refused_without_damage(tmp_path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE documents (x TEXT)")
    con.execute("INSERT INTO documents VALUES ('keep me')")
    con.commit()
    con.close()
    with pytest.raises(StoreError):
        open_store(str(path))
    con = sqlite3.connect(path)
    try:
        # the failed migration was rolled back as a whole: no half-built schema
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert names == {"documents"}
        assert con.execute("SELECT x FROM documents").fetchall() == [("keep me",)]
    finally:
        con.close()


def test_postgresql_ddl_renders_from_the_same_migrations() -> None:
    cfg = alembic_config()
    cfg.set_main_option("sqlalchemy.url", "postgresql://harmwatch@localhost/harmwatch")
    buf = io.StringIO()
    cfg.output_buffer = buf
    command.upgrade(cfg, "head", sql=True)
    ddl = buf.getvalue()
    assert "CREATE TABLE incidents" in ddl
    assert "TIMESTAMP WITH TIME ZONE" in ddl
    assert '"end" INTEGER NOT NULL' in ddl  # reserved word quoted
    assert "record JSON NOT NULL" in ddl
    assert "PRAGMA" not in ddl
    assert "USING gist ((geography(ST_SetSRID(ST_MakePoint(lon, lat), 4326))))" in ddl  # 0005_spatial


def test_resolve_url(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_url(None).render_as_string() == DEFAULT_URL
    monkeypatch.setenv(ENV_VAR, f"sqlite:///{tmp_path}/env.db")
    assert resolve_url(None).database == f"{tmp_path}/env.db"
    assert resolve_url(str(tmp_path / "bare.db")).database == str(tmp_path / "bare.db")
    assert resolve_url(str(tmp_path / "bare.db")).get_backend_name() == "sqlite"


def test_env_var_and_bare_path_open(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from_env.sqlite"))
    with open_store() as st:
        st.begin_run("run", [], {})
    assert (tmp_path / "from_env.sqlite").exists()
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.chdir(tmp_path)
    with open_store() as st:
        assert st.url == DEFAULT_URL
    assert (tmp_path / "harmwatch.sqlite").exists()


def test_unreachable_database_error_hides_password() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://analyst:s3cret@127.0.0.1:1/harmwatch")
    assert info.value.code in ("HW-STORE-OPEN", "HW-STORE-MIGRATE")
    assert "s3cret" not in info.value.one_line()


def test_memory_database(tmp_path) -> None:
    with open_store("sqlite://") as st:
        run = st.begin_run("run", [], {})
        assert st.get_run(run)["command"] == "run"


@pytest.mark.sqlite_only
def test_opening_does_not_wait_for_a_running_writer(db_url) -> None:
    """`harmwatch serve` opening the file while `harmwatch run` holds a write transaction."""
    import time

    open_store(db_url).close()
    # mode=rw: never creates a file (a PostgreSQL database name taken as a path once left an empty
    # file named like the test database in the working directory)
    path = Path(resolve_url(db_url).database).resolve()
    writer = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO runs (started_at, command) VALUES ('2026-01-01', 'run')")
        t0 = time.monotonic()
        with open_store(db_url) as reader:
            assert reader.stats()["runs"] == 0  # sees the last committed state
        assert time.monotonic() - t0 < 5
    finally:
        writer.execute("ROLLBACK")
        writer.close()
