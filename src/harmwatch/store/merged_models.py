"""Tables of the merge stage (revision 0003_merge): merged incidents, their members, and the
reviewer's join/split decisions.

``merged_incidents``
    One row per merged incident (id ``mi-`` + sha1 of its first-reported member record id, kept across
    re-merges, see merge/cluster.py): filterable columns, the number of reports, the review status, and the
    reconciled ``record`` (merge/reconcile.py: every report and claim linked, figures by the
    documented rule, ``disagreement``).
``merged_members``
    Which report (document id, mention index; ``record_id`` = ``doc_id#index``) belongs to which
    merged incident, with the document's content hash at merge time, so that ``harmwatch merge
    --changed`` knows what changed since.
``merge_decisions``
    A reviewer's join (must-link) or split (cannot-link) of two reports, by record id. Kept across
    re-runs and re-merges: every merge applies them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow

DECISION_KINDS = ("join", "split")


class MergedIncidentRow(Base):
    __tablename__ = "merged_incidents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    date_start: Mapped[str | None] = mapped_column(String(32), index=True)
    country_code: Mapped[str | None] = mapped_column(String(8), index=True)
    killed_best: Mapped[int | None] = mapped_column(Integer)
    injured_best: Mapped[int | None] = mapped_column(Integer)
    report_count: Mapped[int] = mapped_column(Integer, default=1)
    review_status: Mapped[str] = mapped_column(String(16), default="unreviewed", server_default="unreviewed")
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class MergedMember(Base):
    __tablename__ = "merged_members"

    record_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    merged_incident_id: Mapped[str] = mapped_column(String(64), index=True)
    document_id: Mapped[str] = mapped_column(String(255), index=True)
    mention_index: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str | None] = mapped_column(String(64))


class MergeDecision(Base):
    __tablename__ = "merge_decisions"
    __table_args__ = (
        UniqueConstraint("kind", "record_a", "record_b", name="uq_merge_decisions_pair"),
        CheckConstraint("kind IN ('join', 'split')", name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))
    record_a: Mapped[str] = mapped_column(String(300))
    record_b: Mapped[str] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
