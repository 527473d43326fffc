"""Spatial: PostGIS and GiST indexes on the reviewed incidents' coordinates (PostgreSQL only).

On PostgreSQL with the PostGIS extension available on the server, this revision creates the
extension in the database (when the role may: a superuser, or the database's owner where PostGIS
is trusted) and two expression indexes on ``review_index``: the point as ``geometry`` (bounding-box
filters, ``ST_Intersects``) and as ``geography`` (distance filters, ``ST_DWithin``). The expressions
are exactly those store/spatial.py filters with, or the planner could not use them. Without PostGIS
(and on SQLite) it changes nothing: the filters use plain lat/lon comparisons and give the same
incidents. No column is added, so nothing has to be kept in step when coordinates are edited.

Revision ID: 0005_spatial
Revises: 0004_review
Create Date: 2026-12-03 13:40:00
"""
from __future__ import annotations

import logging
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import context, op

revision: str = "0005_spatial"
down_revision: Union[str, Sequence[str], None] = "0004_review"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

log = logging.getLogger(__name__)

POINT = "ST_SetSRID(ST_MakePoint(lon, lat), 4326)"
INDEXES = {
    "ix_review_index_geom": POINT,
    "ix_review_index_geog": f"geography({POINT})",
}


def _postgis(bind: sa.Connection) -> bool:
    """PostGIS is (now) installed in this database; tries to create it when the server has it."""
    if bind.scalar(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")):
        return True
    if not bind.scalar(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")):
        log.info("PostGIS is not installed on this server: spatial filters use lat/lon comparisons")
        return False
    try:
        with bind.begin_nested():  # a savepoint: a refusal must not abort the whole upgrade
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS postgis"))
    except sa.exc.DBAPIError as exc:
        log.warning("cannot create the PostGIS extension (%s): spatial filters use lat/lon comparisons",
                    str(exc.orig).strip().splitlines()[0])
        return False
    return True


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if context.is_offline_mode():  # rendering the DDL (--sql): what a server with PostGIS gets
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    elif not _postgis(bind):
        return
    for name, expr in INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON review_index USING gist (({expr}))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
