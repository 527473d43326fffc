"""Tables of the review stage (revision 0004_review): accounts, sessions, review state, edits, audit.

``users``
    One row per account: unique name, role (viewer | reviewer | admin), argon2id password hash.
``auth_sessions``
    A logged-in session: the SHA-256 of its random token (the token itself is never stored),
    the user, when it was created, last seen and when it expires.
``login_failures``
    One row per failed login (user name as typed, client address, when): the failed-login limit
    counts these in a window; a successful login clears the user's.
``review_states``
    The reviewer's state of one merged incident: status (unreviewed | approved | rejected), an
    integer ``version`` that every change bumps (the API's ETag, so two reviewers cannot overwrite
    each other silently), who reviewed it and when, and the member record ids and record hash it
    was last synced with. When a re-merge gives the incident's reports another id, the state moves
    to the incident that holds most of them (store/review_sync.py), so it follows the incident.
``field_overrides``
    A reviewer's edit of one record field (``killed``, ``killed.best``, ``location.name``...):
    the value as JSON. Applied over the extracted record on every read, so a re-extraction never
    overwrites it.
``audit_log``
    Who did what, when, to which incident and field, with the value before and after (JSON).
``review_index``
    One row per merged incident with the reviewed (edited) values as filterable columns: what the
    API's filters and sorts run on. Derived: store/review_sync.py rebuilds it from the merged
    record and the overrides.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, utcnow

ROLES = ("viewer", "reviewer", "admin")
STATUSES = ("unreviewed", "approved", "rejected")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class AuthSession(Base):
    __tablename__ = "auth_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class LoginFailure(Base):
    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class ReviewState(Base):
    __tablename__ = "review_states"
    __table_args__ = (CheckConstraint(_in("status", STATUSES), name="status"),)

    incident_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="unreviewed", server_default="unreviewed", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(Text)
    record_ids: Mapped[list[Any]] = mapped_column(JSON)
    record_hash: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class FieldOverride(Base):
    __tablename__ = "field_overrides"
    __table_args__ = (UniqueConstraint("incident_id", "field", name="uq_field_overrides_incident_field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(64), index=True)
    field: Mapped[str] = mapped_column(String(64))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    edited_by: Mapped[str | None] = mapped_column(String(64))
    edited_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    username: Mapped[str | None] = mapped_column(String(64), index=True)  # None: the pipeline
    action: Mapped[str] = mapped_column(String(16))
    incident_id: Mapped[str | None] = mapped_column(String(64), index=True)
    field: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)


class ReviewIndex(Base):
    __tablename__ = "review_index"

    incident_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(128))
    date_start: Mapped[str | None] = mapped_column(String(32), index=True)
    date_end: Mapped[str | None] = mapped_column(String(32))
    date_precision: Mapped[str | None] = mapped_column(String(32))
    country_code: Mapped[str | None] = mapped_column(String(8), index=True)
    admin1: Mapped[str | None] = mapped_column(String(255))
    location: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    killed: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    actors: Mapped[str | None] = mapped_column(Text)  # canonical names and mentions, casefolded, one a line
    title: Mapped[str | None] = mapped_column(Text)
    report_count: Mapped[int] = mapped_column(Integer, default=1)
