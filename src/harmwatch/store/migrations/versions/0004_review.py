"""Review stage: accounts, sessions, failed logins, review state, field edits, audit log, review index.

See store/review_models.py for what each table holds. Only new tables: 0001 and 0003 are untouched.

Revision ID: 0004_review
Revises: 0003_merge
Create Date: 2026-12-03 12:20:00
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004_review"
down_revision: Union[str, Sequence[str], None] = "0003_merge"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.CheckConstraint("role IN ('viewer', 'reviewer', 'admin')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "auth_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("last_seen_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_auth_sessions_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_auth_sessions")),
    )
    op.create_index(op.f("ix_auth_sessions_user_id"), "auth_sessions", ["user_id"], unique=False)
    op.create_index(op.f("ix_auth_sessions_expires_at"), "auth_sessions", ["expires_at"], unique=False)
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    for col in ("username", "client", "at"):
        op.create_index(op.f(f"ix_login_failures_{col}"), "login_failures", [col], unique=False)
    op.create_table(
        "review_states",
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="unreviewed", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("reviewed_by", sa.String(length=64), nullable=True),
        sa.Column("reviewed_at", TZ, nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("record_ids", sa.JSON(), nullable=False),
        sa.Column("record_hash", sa.String(length=64), nullable=True),
        sa.Column("updated_at", TZ, nullable=False),
        sa.CheckConstraint("status IN ('unreviewed', 'approved', 'rejected')", name=op.f("ck_review_states_status")),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_review_states")),
    )
    op.create_index(op.f("ix_review_states_status"), "review_states", ["status"], unique=False)
    op.create_table(
        "field_overrides",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("edited_by", sa.String(length=64), nullable=True),
        sa.Column("edited_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_overrides")),
        sa.UniqueConstraint("incident_id", "field", name="uq_field_overrides_incident_field"),
    )
    op.create_index(op.f("ix_field_overrides_incident_id"), "field_overrides", ["incident_id"], unique=False)
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    for col in ("at", "username", "incident_id"):
        op.create_index(op.f(f"ix_audit_log_{col}"), "audit_log", [col], unique=False)
    op.create_table(
        "review_index",
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=True),
        sa.Column("sub_event_type", sa.String(length=128), nullable=True),
        sa.Column("date_start", sa.String(length=32), nullable=True),
        sa.Column("date_end", sa.String(length=32), nullable=True),
        sa.Column("date_precision", sa.String(length=32), nullable=True),
        sa.Column("country_code", sa.String(length=8), nullable=True),
        sa.Column("admin1", sa.String(length=255), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("actors", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("report_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_review_index")),
    )
    for col in ("event_type", "date_start", "country_code"):
        op.create_index(op.f(f"ix_review_index_{col}"), "review_index", [col], unique=False)


def downgrade() -> None:
    for table in ("review_index", "audit_log", "field_overrides", "review_states", "login_failures",
                  "auth_sessions", "users"):
        op.drop_table(table)  # their indexes go with them
