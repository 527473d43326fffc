"""Alembic environment shipped inside the package.

Configured programmatically by :func:`harmwatch.store.db.upgrade_schema`: no
``alembic.ini`` is needed. The caller passes an open connection in
``config.attributes["connection"]``; the migrations run inside that
connection's transaction, so a failed upgrade leaves the database unchanged
(on SQLite too, because the store's engine emits its own BEGIN).

For developers, ``sqlalchemy.url`` may be set on the Config instead (online
mode opens its own engine), and offline mode (``--sql``) renders the DDL for
any dialect, e.g. ``postgresql://`` to review what PostgreSQL will get.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from harmwatch.store import merged_models as _merged_models  # noqa: F401 - its tables join Base.metadata
from harmwatch.store import review_models as _review_models  # noqa: F401 - the review tables too
from harmwatch.store.models import Base
from harmwatch.store.spatial import include_object

config = context.config
target_metadata = Base.metadata


def _configure_kwargs(dialect_name: str) -> dict:
    return {
        "target_metadata": target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead
        "render_as_batch": dialect_name == "sqlite",
        "compare_type": True,
        "include_object": include_object,  # PostGIS's table and the spatial indexes are not models
    }


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url")
    dialect = url.split(":", 1)[0].split("+", 1)[0] if url else ""
    context.configure(
        url=url,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **_configure_kwargs(dialect),
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_with(connection) -> None:
    context.configure(connection=connection, **_configure_kwargs(connection.dialect.name))
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_with(connection)
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.begin() as conn:
        _run_with(conn)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
