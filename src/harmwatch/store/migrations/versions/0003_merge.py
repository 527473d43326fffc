"""Merge stage: merged incidents, their members, reviewer join/split decisions.

Revises 0001 for now: the document-identity revision 0002 is being written in parallel; when both
land, this revision's ``down_revision`` becomes "0002" (one line).

Revision ID: 0003_merge
Revises: 0001
Create Date: 2026-12-03 10:00:00
"""
from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003_merge"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "merged_incidents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=True),
        sa.Column("date_start", sa.String(length=32), nullable=True),
        sa.Column("country_code", sa.String(length=8), nullable=True),
        sa.Column("killed_best", sa.Integer(), nullable=True),
        sa.Column("injured_best", sa.Integer(), nullable=True),
        sa.Column("report_count", sa.Integer(), nullable=False),
        sa.Column("review_status", sa.String(length=16), server_default="unreviewed", nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merged_incidents")),
    )
    op.create_index(op.f("ix_merged_incidents_event_type"), "merged_incidents", ["event_type"], unique=False)
    op.create_index(op.f("ix_merged_incidents_date_start"), "merged_incidents", ["date_start"], unique=False)
    op.create_index(op.f("ix_merged_incidents_country_code"), "merged_incidents", ["country_code"], unique=False)
    op.create_table(
        "merged_members",
        sa.Column("record_id", sa.String(length=300), nullable=False),
        sa.Column("merged_incident_id", sa.String(length=64), nullable=False),
        sa.Column("document_id", sa.String(length=255), nullable=False),
        sa.Column("mention_index", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_merged_members")),
    )
    op.create_index(op.f("ix_merged_members_merged_incident_id"), "merged_members", ["merged_incident_id"],
                    unique=False)
    op.create_index(op.f("ix_merged_members_document_id"), "merged_members", ["document_id"], unique=False)
    op.create_table(
        "merge_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("record_a", sa.String(length=300), nullable=False),
        sa.Column("record_b", sa.String(length=300), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('join', 'split')", name=op.f("ck_merge_decisions_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_decisions")),
        sa.UniqueConstraint("kind", "record_a", "record_b", name="uq_merge_decisions_pair"),
    )


def downgrade() -> None:
    op.drop_table("merge_decisions")
    op.drop_index(op.f("ix_merged_members_document_id"), table_name="merged_members")
    op.drop_index(op.f("ix_merged_members_merged_incident_id"), table_name="merged_members")
    op.drop_table("merged_members")
    op.drop_index(op.f("ix_merged_incidents_country_code"), table_name="merged_incidents")
    op.drop_index(op.f("ix_merged_incidents_date_start"), table_name="merged_incidents")
    op.drop_index(op.f("ix_merged_incidents_event_type"), table_name="merged_incidents")
    op.drop_table("merged_incidents")
