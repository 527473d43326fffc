"""SQLAlchemy models of the harmwatch database.

The same models (and the Alembic migrations written from them) serve SQLite,
the default, and PostgreSQL, so only portable column types are used: String,
Text, Integer, Float, DateTime(timezone=True) and the generic JSON type. Dates
of incidents are ISO strings (``YYYY-MM-DD``, or ``--MM-DD`` when the year is
unknown, see :class:`harmwatch.types.DateMention`): they sort correctly as text
and keep the reduced "no year" form that a SQL DATE cannot hold.

Constraint names follow :data:`NAMING_CONVENTION` so that later migrations can
alter them by name on PostgreSQL and with Alembic batch mode on SQLite.

Keep this file and ``migrations/versions/*`` in step: the test suite compares
the migrated database with this metadata and fails on any difference.

The second half of the module maps an incident record (the extraction output
contract) onto these columns: evidence spans per field, coerced numbers, and
strings cut to their column length (the full value stays in ``record``).
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

RUN_ITEM_STATUSES = ("done", "skipped", "failed")
CLAIM_KINDS = ("killed", "injured")
ACTOR_ROLES = ("perpetrator", "victim")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Run(Base):
    """One invocation of a command that writes to the store."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    harmwatch_version: Mapped[str | None] = mapped_column(String(32))
    command: Mapped[str] = mapped_column(String(64))
    options: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    inputs: Mapped[list[Any] | None] = mapped_column(JSON)
    counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # done / skipped / failed
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class RunItem(Base):
    """One input of a run and what became of it; every input is accounted for."""

    __tablename__ = "run_items"
    __table_args__ = (CheckConstraint(_in("status", RUN_ITEM_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("runs.id", ondelete="CASCADE"), index=True
    )
    ref: Mapped[str] = mapped_column(Text)
    doc_id: Mapped[str | None] = mapped_column(String(255), index=True)
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(64))


class DocumentRow(Base):
    """A clean report; ``text`` is what every evidence offset refers to."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str | None] = mapped_column(String(2048), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(64))  # ISO 8601 as given
    source: Mapped[str | None] = mapped_column(String(255))  # outlet
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    input_format: Mapped[str | None] = mapped_column(String(16))
    origin: Mapped[str | None] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(64))
    # ok | skipped (e.g. unsupported language) | error (extractor bug): stored, no incidents
    extraction_status: Mapped[str] = mapped_column(String(16), default="ok", server_default="ok")
    extraction_error: Mapped[str | None] = mapped_column(Text)
    first_seen_run: Mapped[int | None] = mapped_column(
        ForeignKey("runs.id", ondelete="SET NULL")
    )
    last_seen_run: Mapped[int | None] = mapped_column(
        ForeignKey("runs.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class IncidentRow(Base):
    """The merged level a reviewer works on (for now one per extracted mention)."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(128))
    cameo: Mapped[str | None] = mapped_column(String(16))
    date_start: Mapped[str | None] = mapped_column(String(32), index=True)
    date_end: Mapped[str | None] = mapped_column(String(32))
    date_precision: Mapped[str | None] = mapped_column(String(32))
    location_name: Mapped[str | None] = mapped_column(Text)
    country_code: Mapped[str | None] = mapped_column(String(8), index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[str | None] = mapped_column(String(32))
    geonames_id: Mapped[int | None] = mapped_column(Integer)
    killed_min: Mapped[int | None] = mapped_column(Integer)
    killed_best: Mapped[int | None] = mapped_column(Integer)
    killed_max: Mapped[int | None] = mapped_column(Integer)
    injured_min: Mapped[int | None] = mapped_column(Integer)
    injured_best: Mapped[int | None] = mapped_column(Integer)
    injured_max: Mapped[int | None] = mapped_column(Integer)
    review_status: Mapped[str] = mapped_column(
        String(16), index=True, default="unreviewed", server_default="unreviewed"
    )
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class IncidentReport(Base):
    """One document's account of one incident (the extractor's per-document record)."""

    __tablename__ = "incident_reports"
    __table_args__ = (UniqueConstraint("document_id", "mention_index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    mention_index: Mapped[int] = mapped_column(Integer)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class Claim(Base):
    """One reported casualty figure, with who said it and where."""

    __tablename__ = "claims"
    __table_args__ = (CheckConstraint(_in("kind", CLAIM_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_report_id: Mapped[int] = mapped_column(
        ForeignKey("incident_reports.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    min: Mapped[int | None] = mapped_column(Integer)
    best: Mapped[int | None] = mapped_column(Integer)
    max: Mapped[int | None] = mapped_column(Integer)
    qualifier: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[list[Any] | None] = mapped_column(JSON)


class Evidence(Base):
    """One evidence span: ``quote == documents.text[start:end]``."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_report_id: Mapped[int] = mapped_column(
        ForeignKey("incident_reports.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(128))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)


class IncidentActor(Base):
    """A perpetrator or victim named in one report."""

    __tablename__ = "incident_actors"
    __table_args__ = (CheckConstraint(_in("role", ACTOR_ROLES), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_report_id: Mapped[int] = mapped_column(
        ForeignKey("incident_reports.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str | None] = mapped_column(Text, index=True)
    mention: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(64))


# --------------------------------------------------------------------------- records -> rows
# How an incident record (``Incident.to_dict()``, or the same shape as a plain
# dict from elsewhere) maps onto the columns above. Defensive by design: a
# missing key, a wrong type or a non-finite number becomes None, never an error.


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def jsonable(value: Any) -> Any:
    """A strict-JSON deep copy: tuples -> lists, NaN/inf -> None, anything odd -> str.

    PostgreSQL rejects NaN in JSON, so it never reaches the database.
    """
    return json.loads(json.dumps(_finite(value), default=str, ensure_ascii=False, allow_nan=False))


def fit(column: Any, value: Any) -> str | None:
    """``value`` as a string cut to the column's length (the full value stays in ``record``)."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    length = getattr(column.property.columns[0].type, "length", None)
    return text[:length] if length else text


def as_int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) else None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def as_float(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _is_span(value: Any) -> bool:
    return (
        isinstance(value, (list, tuple))
        and len(value) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in value)
    )


def spans(value: Any) -> list[tuple[int, int]]:
    """Evidence as a list of ``(start, end)``, from ``[[s, e], ...]``, ``[s, e]`` or dicts."""
    if value is None:
        return []
    if _is_span(value):
        return [(value[0], value[1])]
    if isinstance(value, dict) and _is_span([value.get("start"), value.get("end")]):
        return [(value["start"], value["end"])]
    out: list[tuple[int, int]] = []
    if isinstance(value, (list, tuple)):
        for item in value:
            if _is_span(item):
                out.append((item[0], item[1]))
            elif isinstance(item, dict) and _is_span([item.get("start"), item.get("end")]):
                out.append((item["start"], item["end"]))
    return out


def record_evidence(record: dict[str, Any]) -> list[tuple[str, Any]]:
    """(field, evidence value) for every evidence-bearing place in an incident record."""
    found: list[tuple[str, Any]] = [
        ("evidence", record.get("evidence")),
        ("event", record.get("event_evidence")),
        ("date", as_dict(record.get("date")).get("evidence")),
        ("location", as_dict(record.get("location")).get("evidence")),
    ]
    for key in ("perpetrators", "victims", "weapons", "sources"):
        for i, item in enumerate(as_list(record.get(key))):
            found.append((f"{key}[{i}]", as_dict(item).get("evidence")))
    for kind in CLAIM_KINDS:
        figure = as_dict(record.get(kind))
        found.append((kind, figure.get("evidence")))
        for j, claim in enumerate(as_list(figure.get("claims"))):
            claim = as_dict(claim)
            found.append((f"{kind}.claims[{j}]", claim.get("evidence")))
            found.append((f"{kind}.claims[{j}].source", claim.get("source_evidence")))
    return found


def source_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("text") or value.get("mention")
        return None if value is None else str(value)
    return str(value)


def incident_columns(record: dict[str, Any]) -> dict[str, Any]:
    date = as_dict(record.get("date"))
    loc = as_dict(record.get("location"))
    killed = as_dict(record.get("killed"))
    injured = as_dict(record.get("injured"))
    R = IncidentRow
    return {
        "event_type": fit(R.event_type, record.get("event_type")),
        "sub_event_type": fit(R.sub_event_type, record.get("sub_event_type")),
        "cameo": fit(R.cameo, record.get("cameo")),
        "date_start": fit(R.date_start, date.get("start")),
        "date_end": fit(R.date_end, date.get("end")),
        "date_precision": fit(R.date_precision, date.get("precision")),
        "location_name": fit(R.location_name, loc.get("name")),
        "country_code": fit(R.country_code, loc.get("country_code")),
        "admin1": fit(R.admin1, loc.get("admin1")),
        "admin2": fit(R.admin2, loc.get("admin2")),
        "lat": as_float(loc.get("lat")),
        "lon": as_float(loc.get("lon")),
        "geo_precision": fit(R.geo_precision, loc.get("precision")),
        "geonames_id": as_int(loc.get("geonames_id")),
        "killed_min": as_int(killed.get("min")),
        "killed_best": as_int(killed.get("best")),
        "killed_max": as_int(killed.get("max")),
        "injured_min": as_int(injured.get("min")),
        "injured_best": as_int(injured.get("best")),
        "injured_max": as_int(injured.get("max")),
    }


__all__ = [
    "Base",
    "Run",
    "RunItem",
    "DocumentRow",
    "IncidentRow",
    "IncidentReport",
    "Claim",
    "Evidence",
    "IncidentActor",
    "NAMING_CONVENTION",
    "RUN_ITEM_STATUSES",
    "CLAIM_KINDS",
    "ACTOR_ROLES",
    "utcnow",
    "spans",
    "incident_columns",
    "record_evidence",
]

