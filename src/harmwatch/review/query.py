"""Reading the reviewed incidents: filters, pages, counts, one incident with its evidence,
documents, claims, runs, timeline and map.

Filters run on ``review_index`` (the reviewed values as columns, store/review_sync.py) joined with
``review_states``; the full-text filter looks into the reports' titles and texts. Every value is a
bound parameter; ``LIKE`` patterns are built with SQLAlchemy's ``autoescape`` so ``%`` and ``_``
in a filter match themselves. Full text is portable ``LIKE`` (SQLite and PostgreSQL alike): every
word must occur, case-insensitively, in the title or text of one of the incident's reports.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select

from harmwatch.errors import HarmwatchError
from harmwatch.store.merged_models import MergedIncidentRow, MergedMember
from harmwatch.store.models import Claim, DocumentRow, Evidence, IncidentReport, Run
from harmwatch.store.review_fields import FIELDS, apply_overrides, index_columns, names
from harmwatch.store.spatial import in_bbox, near as within_km
from harmwatch.store.review_models import STATUSES, AuditEntry, FieldOverride, ReviewIndex, ReviewState

SORTS = ("date", "-date", "killed", "-killed")
BUCKETS = ("day", "week", "month")
MAX_PAGE_SIZE = 500
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class QueryError(HarmwatchError):
    """A bad filter or page (``HW-API-FILTER``) or something not found (``HW-API-NOT-FOUND``)."""

    code = "HW-API-FILTER"


def _bad(name: str, why: str) -> QueryError:
    return QueryError(f"bad value for {name!r}: {why}", code="HW-API-FILTER", hint="see docs/API.md")


def not_found(what: str) -> QueryError:
    return QueryError(f"{what} not found", code="HW-API-NOT-FOUND", hint="check the id")


def _str(name: str, value: Any, limit: int = 200) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    if len(value) > limit:
        raise _bad(name, f"longer than {limit} characters")
    return value or None


def _day(name: str, value: Any) -> str | None:
    value = _str(name, value)
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _bad(name, "expected YYYY-MM-DD") from None
    if not _DAY.match(value):
        raise _bad(name, "expected YYYY-MM-DD")
    return value


def _int(name: str, value: Any, lo: int = 0, hi: int = 10**9) -> int | None:
    value = _str(name, value)
    if value is None:
        return None
    if not re.fullmatch(r"-?\d{1,10}", value) or not lo <= int(value) <= hi:
        raise _bad(name, f"expected a whole number from {lo} to {hi}")
    return int(value)


def page_args(page: Any, page_size: Any) -> tuple[int, int]:
    return (_int("page", page, 1, 10**6) or 1, _int("page_size", page_size, 1, MAX_PAGE_SIZE) or 50)


@dataclass(frozen=True)
class IncidentFilters:
    """The incident filters of docs/API.md, validated."""

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    status: str | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    near: tuple[float, float, float] | None = None  # lon, lat, km

    @classmethod
    def parse(cls, params: dict[str, Any]) -> IncidentFilters:
        """From query parameters (strings); ``HW-API-FILTER`` names the bad one."""
        country = _str("country", params.get("country"), 8)
        if country is not None and not re.fullmatch(r"[A-Za-z]{2}", country):
            raise _bad("country", "expected an ISO 3166-1 alpha-2 code such as AF")
        status = _str("status", params.get("status"), 16)
        if status is not None and status not in STATUSES:
            raise _bad("status", "one of " + ", ".join(STATUSES))
        bbox = None
        raw = _str("bbox", params.get("bbox"))
        if raw is not None:
            try:
                nums = [float(x) for x in raw.split(",")]
            except ValueError:
                raise _bad("bbox", "expected minlon,minlat,maxlon,maxlat") from None
            if len(nums) != 4 or not all(math.isfinite(x) for x in nums) or not (
                    -180 <= nums[0] <= 180 and -180 <= nums[2] <= 180 and -90 <= nums[1] <= nums[3] <= 90):
                raise _bad("bbox", "expected minlon,minlat,maxlon,maxlat in degrees (minlat <= maxlat)")
            bbox = (nums[0], nums[1], nums[2], nums[3])
        near = None
        raw = _str("near", params.get("near"))
        if raw is not None:
            try:
                nums = [float(x) for x in raw.split(",")]
            except ValueError:
                raise _bad("near", "expected lon,lat,km") from None
            if len(nums) != 3 or not all(math.isfinite(x) for x in nums) or not (
                    -180 <= nums[0] <= 180 and -90 <= nums[1] <= 90 and 0 <= nums[2] <= 20_040):
                raise _bad("near", "expected lon,lat,km: degrees, and a distance from 0 to 20040 km")
            near = (nums[0], nums[1], nums[2])
        out = cls(
            date_from=_day("date_from", params.get("date_from")),
            date_to=_day("date_to", params.get("date_to")),
            country=None if country is None else country.upper(),
            admin1=_str("admin1", params.get("admin1")),
            actor=_str("actor", params.get("actor")),
            event_type=_str("event_type", params.get("event_type")),
            status=status,
            killed_min=_int("killed_min", params.get("killed_min")),
            killed_max=_int("killed_max", params.get("killed_max")),
            q=_str("q", params.get("q"), 500),
            bbox=bbox,
            near=near,
        )
        return out

    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self))


def _like(column: Any, text: str) -> Any:
    return func.lower(column).contains(text.lower(), autoescape=True)


def _words(q: str) -> list[str]:
    return [w for w in q.split() if w][:20]


def filtered(f: IncidentFilters) -> Select:
    """SELECT of the (review_index, review_states) rows that pass ``f``."""
    I, S = ReviewIndex, ReviewState
    query = select(I, S).join(S, S.incident_id == I.incident_id)
    cond = []
    if f.date_from or f.date_to:
        cond.append(I.date_start >= "0000")  # a date without a year never matches a date filter
    if f.date_from:
        cond.append(I.date_start >= f.date_from)
    if f.date_to:
        cond.append(I.date_start <= f.date_to)
    if f.country:
        cond.append(I.country_code == f.country)
    if f.admin1:
        cond.append(func.lower(I.admin1) == f.admin1.lower())
    if f.actor:
        cond.append(I.actors.contains(f.actor.casefold(), autoescape=True))
    if f.event_type:
        cond.append(I.event_type == f.event_type)
    if f.status:
        cond.append(S.status == f.status)
    if f.killed_min is not None:
        cond.append(I.killed >= f.killed_min)
    if f.killed_max is not None:
        cond.append(I.killed <= f.killed_max)
    if f.bbox:  # PostGIS where the database has it, else lat/lon comparisons (store/spatial.py)
        cond.append(in_bbox(I.lat, I.lon, f.bbox))
    if f.near:
        lon0, lat0, km = f.near
        cond.append(within_km(I.lat, I.lon, lat0, lon0, km))
    for word in _words(f.q or ""):
        in_reports = exists().where(
            MergedMember.merged_incident_id == I.incident_id,
            DocumentRow.id == MergedMember.document_id,
            or_(_like(DocumentRow.title, word), _like(DocumentRow.text, word)),
        )
        cond.append(or_(in_reports, _like(I.title, word), _like(I.location, word)))
    return query.where(and_(*cond)) if cond else query


def _order(query: Select, sort: str) -> Select:
    I = ReviewIndex
    if sort not in SORTS:
        raise _bad("sort", "one of " + ", ".join(SORTS))
    col = I.date_start if sort.lstrip("-") == "date" else I.killed
    key = col.desc() if sort.startswith("-") else col.asc()
    return query.order_by(col.is_(None), key, I.incident_id)


# --------------------------------------------------------------------------- summaries


def _records(s: Any, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Reviewed (edited) records by incident id."""
    if not ids:
        return {}
    records = {i: dict(r or {}) for i, r in s.execute(
        select(MergedIncidentRow.id, MergedIncidentRow.record).where(MergedIncidentRow.id.in_(ids)))}
    edits: dict[str, dict[str, Any]] = {}
    for o in s.scalars(select(FieldOverride).where(FieldOverride.incident_id.in_(ids))):
        edits.setdefault(o.incident_id, {})[o.field] = o.value
    return {i: apply_overrides(r, edits.get(i, {})) for i, r in records.items()}


def summary(incident_id: str, record: dict[str, Any], state: ReviewState) -> dict[str, Any]:
    cols = index_columns(record)
    return {
        "id": incident_id, "version": state.version, "status": state.status,
        "event_type": cols["event_type"], "sub_event_type": cols["sub_event_type"],
        "date": cols["date_start"], "date_precision": cols["date_precision"],
        "country_code": cols["country_code"], "admin1": cols["admin1"], "location": cols["location"],
        "latitude": cols["lat"], "longitude": cols["lon"], "killed": cols["killed"], "injured": cols["injured"],
        "perpetrators": names(record.get("perpetrators")), "victims": names(record.get("victims")),
        "report_count": cols["report_count"], "title": cols["title"],
    }


def _summaries(s: Any, rows: list[tuple[ReviewIndex, ReviewState]]) -> list[dict[str, Any]]:
    records = _records(s, [i.incident_id for i, _ in rows])
    return [summary(i.incident_id, records.get(i.incident_id, {}), st) for i, st in rows]


def list_incidents(store: Any, f: IncidentFilters, *, sort: str = "date", page: int = 1,
                   page_size: int = 50) -> dict[str, Any]:
    """One page of incidents that pass ``f``, the total and the counts by status, type and country."""
    query = _order(filtered(f), sort)
    ids = filtered(f).with_only_columns(ReviewIndex.incident_id).subquery()
    with store._read() as s:  # noqa: SLF001
        total = s.scalar(select(func.count()).select_from(ids)) or 0
        rows = [tuple(r) for r in s.execute(query.limit(page_size).offset((page - 1) * page_size))]
        items = _summaries(s, rows)
        counts: dict[str, dict[str, int]] = {}
        for name, column in (("status", ReviewState.status), ("event_type", ReviewIndex.event_type),
                             ("country", ReviewIndex.country_code)):
            q = (filtered(f).with_only_columns(column, func.count()).group_by(column))
            counts[name] = {(k if k is not None else "unknown"): n for k, n in s.execute(q)}
        for st in STATUSES:
            counts["status"].setdefault(st, 0)
    return {"items": items, "total": total, "page": page, "page_size": page_size, "counts": counts}


def incident_ids(store: Any) -> list[str]:
    with store._read() as s:  # noqa: SLF001
        return list(s.scalars(select(ReviewIndex.incident_id).order_by(ReviewIndex.incident_id)))


# --------------------------------------------------------------------------- one incident

#: evidence field of a report (store ``evidence.field``) -> the record field it supports
def _field_of(evidence_field: str) -> tuple[str, ...]:
    head = evidence_field.split("[", 1)[0].split(".", 1)[0]
    if head == "event":
        return ("event_type", "sub_event_type", "cameo")
    if head in ("date", "location", "killed", "injured", "perpetrators", "victims", "weapons", "evidence"):
        return (head,)
    return ()


def _member_reports(s: Any, incident_id: str) -> list[tuple[int, str, int]]:
    """(incident_reports.id, doc id, mention index) of the incident's member reports."""
    return [tuple(r) for r in s.execute(
        select(IncidentReport.id, IncidentReport.document_id, IncidentReport.mention_index)
        .join(MergedMember, and_(MergedMember.document_id == IncidentReport.document_id,
                                 MergedMember.mention_index == IncidentReport.mention_index))
        .where(MergedMember.merged_incident_id == incident_id)
        .order_by(IncidentReport.document_id, IncidentReport.mention_index))]


def evidence_rows(s: Any, incident_id: str) -> list[dict[str, Any]]:
    reports = _member_reports(s, incident_id)
    docs = {rid: doc for rid, doc, _ in reports}
    if not docs:
        return []
    rows = s.execute(select(Evidence.incident_report_id, Evidence.field, Evidence.start, Evidence.end, Evidence.quote)
                     .where(Evidence.incident_report_id.in_(list(docs))).order_by(Evidence.id))
    return [{"field": fld, "doc_id": docs[rid], "start": a, "end": b, "text": quote} for rid, fld, a, b, quote in rows]


def _figure_span(spans: list[list[int]], text: str | None) -> list[int | None]:
    """The words of the figure itself among a claim's evidence spans (for the highlight).

    The spans come in the order the rule found them: the number first ("at least 250 ... killed"),
    or the trigger first ("killed Qasem Soleimani"), and a phrase's span may hold only its first
    word ("A" of "A soldier ... wounded"). ``text`` is the figure as written, one stretch of the
    document: the span of exactly its length, else the earliest span stretched to its length.
    """
    if not spans:
        return [None, None]
    if not text:
        return spans[0]
    for sp in spans:
        if sp[1] - sp[0] == len(text):
            return sp
    start = min(sp[0] for sp in spans)
    return [start, start + len(text)]


def claim_rows(s: Any, *, incident_id: str | None = None, doc_id: str | None = None) -> list[dict[str, Any]]:
    query = (select(Claim, IncidentReport.document_id, DocumentRow.published)
             .join(IncidentReport, IncidentReport.id == Claim.incident_report_id)
             .join(DocumentRow, DocumentRow.id == IncidentReport.document_id))
    if incident_id is not None:
        query = query.join(MergedMember, and_(MergedMember.document_id == IncidentReport.document_id,
                                              MergedMember.mention_index == IncidentReport.mention_index)
                           ).where(MergedMember.merged_incident_id == incident_id)
    if doc_id is not None:
        query = query.where(IncidentReport.document_id == doc_id)
    out = []
    for c, doc, published in s.execute(query.order_by(IncidentReport.document_id, Claim.id)):
        spans = [sp for sp in (c.evidence or []) if isinstance(sp, list) and len(sp) == 2]
        first = _figure_span(spans, c.text)
        out.append({"kind": c.kind, "min": c.min, "best": c.best, "max": c.max, "qualifier": c.qualifier,
                    "text": c.text, "doc_id": doc, "start": first[0], "end": first[1], "evidence": spans,
                    "source": c.source, "reported": published})
    return out


def get_incident(store: Any, incident_id: str) -> dict[str, Any]:
    """Summary plus every field with its evidence, the reports, the claims and the review."""
    with store._read() as s:  # noqa: SLF001
        state = s.get(ReviewState, incident_id)
        row = s.get(MergedIncidentRow, incident_id)
        if state is None or row is None:
            raise not_found(f"incident {incident_id!r}")
        edits = {o.field: o.value for o in s.scalars(select(FieldOverride)
                                                     .where(FieldOverride.incident_id == incident_id))}
        record = apply_overrides(dict(row.record or {}), edits)
        out = summary(incident_id, record, state)
        evidence: dict[str, list[dict[str, Any]]] = {name: [] for name in (*FIELDS, "evidence")}
        seen = set()
        for ev in evidence_rows(s, incident_id):
            for name in _field_of(ev["field"]):
                key = (name, ev["doc_id"], ev["start"], ev["end"])
                if key not in seen:
                    seen.add(key)
                    evidence[name].append({k: ev[k] for k in ("doc_id", "start", "end", "text")})
        edited_fields = {name.split(".", 1)[0] for name in edits}
        out["fields"] = {name: {"value": record.get(name) if name != "evidence" else None,
                                "evidence": evidence[name], "edited": name in edited_fields}
                         for name in (*FIELDS, "evidence")}
        out["edits"] = edits
        reports = []
        docs = {d.id: d for d in s.scalars(select(DocumentRow).where(
            DocumentRow.id.in_([link.get("doc_id") for link in record.get("report_links") or []])))}
        for link in record.get("report_links") or []:
            d = docs.get(link.get("doc_id"))
            reports.append({"doc_id": link.get("doc_id"), "title": d.title if d else link.get("title"),
                            "outlet": d.source if d else link.get("outlet"), "url": d.url if d else link.get("url"),
                            "published": d.published if d else link.get("report_date"),
                            "mention_index": link.get("incident_index")})
        out["reports"] = reports
        out["claims"] = claim_rows(s, incident_id=incident_id)
        out["disagreement"] = record.get("disagreement") or {}
        out["review"] = {"status": state.status, "by": state.reviewed_by,
                         "at": _iso(state.reviewed_at), "reason": state.reason}
    return out


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    from datetime import timezone

    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()


# --------------------------------------------------------------------------- audit


def _audit_item(a: AuditEntry, with_incident: bool) -> dict[str, Any]:
    item = {"at": _iso(a.at), "user": a.username, "action": a.action, "field": a.field, "before": a.before,
            "after": a.after}
    if with_incident:
        item["incident_id"] = a.incident_id
    return item


def incident_audit(store: Any, incident_id: str) -> dict[str, Any]:
    with store._read() as s:  # noqa: SLF001
        rows = list(s.scalars(select(AuditEntry).where(AuditEntry.incident_id == incident_id)
                              .order_by(AuditEntry.id)))
        if not rows and s.get(ReviewState, incident_id) is None:
            raise not_found(f"incident {incident_id!r}")
    return {"items": [_audit_item(a, False) for a in rows]}


def audit_log(store: Any, *, user: str | None = None, incident_id: str | None = None, page: int = 1,
              page_size: int = 50) -> dict[str, Any]:
    query = select(AuditEntry)
    if user:
        query = query.where(AuditEntry.username == user)
    if incident_id:
        query = query.where(AuditEntry.incident_id == incident_id)
    with store._read() as s:  # noqa: SLF001
        total = s.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = s.scalars(query.order_by(AuditEntry.id.desc()).limit(page_size).offset((page - 1) * page_size))
        items = [_audit_item(a, True) for a in rows]
    return {"items": items, "total": total, "page": page, "page_size": page_size}


# --------------------------------------------------------------------------- documents, claims, runs


def list_documents(store: Any, *, q: str | None = None, page: int = 1, page_size: int = 50) -> dict[str, Any]:
    D = DocumentRow
    query = select(D.id, D.title, D.source, D.url, D.published, D.language)
    for word in _words(q or ""):
        query = query.where(or_(_like(D.title, word), _like(D.text, word)))
    with store._read() as s:  # noqa: SLF001
        total = s.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = s.execute(query.order_by(D.id).limit(page_size).offset((page - 1) * page_size))
        items = [{"doc_id": i, "title": t, "outlet": o, "url": u, "published": p, "language": lang}
                 for i, t, o, u, p, lang in rows]
    return {"items": items, "total": total, "page": page, "page_size": page_size}


def get_document(store: Any, doc_id: str) -> dict[str, Any]:
    with store._read() as s:  # noqa: SLF001
        d = s.get(DocumentRow, doc_id)
        if d is None:
            raise not_found(f"document {doc_id!r}")
        incidents = sorted(set(s.scalars(select(MergedMember.merged_incident_id)
                                         .where(MergedMember.document_id == doc_id))))
        return {"doc_id": d.id, "title": d.title, "outlet": d.source, "url": d.url, "published": d.published,
                "language": d.language, "text": d.text, "extraction_status": d.extraction_status,
                "incidents": incidents}


def claims(store: Any, *, incident_id: str | None = None, doc_id: str | None = None) -> dict[str, Any]:
    if not incident_id and not doc_id:
        raise _bad("incident_id", "give incident_id or doc_id")
    with store._read() as s:  # noqa: SLF001
        return {"items": claim_rows(s, incident_id=incident_id, doc_id=doc_id)}


def evidence(store: Any, incident_id: str) -> dict[str, Any]:
    with store._read() as s:  # noqa: SLF001
        if s.get(MergedIncidentRow, incident_id) is None:
            raise not_found(f"incident {incident_id!r}")
        return {"items": evidence_rows(s, incident_id)}


def runs(store: Any) -> dict[str, Any]:
    with store._read() as s:  # noqa: SLF001
        rows = s.scalars(select(Run).order_by(Run.id.desc()).limit(500))
        return {"items": [{"id": r.id, "command": r.command, "started": _iso(r.started_at),
                           "finished": _iso(r.finished_at), "counts": r.counts or {}} for r in rows]}


# --------------------------------------------------------------------------- aggregates


def _period(day: str, bucket: str) -> str:
    if bucket == "day":
        return day
    if bucket == "month":
        return day[:7]
    y, w, _ = date.fromisoformat(day).isocalendar()
    return f"{y}-W{w:02d}"


def timeline(store: Any, f: IncidentFilters, bucket: str = "month") -> dict[str, Any]:
    if bucket not in BUCKETS:
        raise _bad("bucket", "one of " + ", ".join(BUCKETS))
    query = filtered(f).with_only_columns(ReviewIndex.date_start, ReviewIndex.killed, ReviewIndex.injured)
    out: dict[str, dict[str, Any]] = {}
    with store._read() as s:  # noqa: SLF001
        for day, killed, injured in s.execute(query):
            if not day or not _DAY.match(day):
                continue
            try:
                period = _period(day, bucket)
            except ValueError:
                continue
            b = out.setdefault(period, {"period": period, "incidents": 0, "killed": 0, "injured": 0})
            b["incidents"] += 1
            b["killed"] += killed or 0
            b["injured"] += injured or 0
    return {"bucket": bucket, "items": [out[k] for k in sorted(out)]}


def feature_collection(store: Any, f: IncidentFilters, *, limit: int = 10_000) -> dict[str, Any]:
    """GeoJSON (RFC 7946): one Point [longitude, latitude] per incident with coordinates."""
    I = ReviewIndex
    query = _order(filtered(f).where(I.lat.is_not(None), I.lon.is_not(None)), "date")
    with store._read() as s:  # noqa: SLF001
        rows = [tuple(r) for r in s.execute(query.limit(limit + 1))]
        items = _summaries(s, rows[:limit])
    feats = [{"type": "Feature", "id": it["id"],
              "geometry": {"type": "Point", "coordinates": [it["longitude"], it["latitude"]]},
              "properties": it} for it in items if it["longitude"] is not None and it["latitude"] is not None]
    return {"type": "FeatureCollection", "features": feats, "truncated": len(rows) > limit}


def iter_reviewed(store: Any, *, approved_only: bool = False, batch: int = 500):
    """Merged incidents as the reviewer left them: the record with every edit applied, plus
    ``incident_id``, ``review_status``, ``version`` and ``edited`` (the edited field names), ordered
    by date (unknown last), then id. What exports should write, so that an edit reaches them too."""
    S = ReviewState
    query = select(S.incident_id).join(ReviewIndex, ReviewIndex.incident_id == S.incident_id)
    if approved_only:
        query = query.where(S.status == "approved")
    query = query.order_by(ReviewIndex.date_start.is_(None), ReviewIndex.date_start, S.incident_id)
    with store._read() as s:  # noqa: SLF001
        ids = list(s.scalars(query))
    for k in range(0, len(ids), batch):
        chunk = ids[k:k + batch]
        with store._read() as s:  # noqa: SLF001
            records = _records(s, chunk)
            states = {st.incident_id: st for st in s.scalars(select(S).where(S.incident_id.in_(chunk)))}
            edited: dict[str, set[str]] = {}
            for iid, name in s.execute(select(FieldOverride.incident_id, FieldOverride.field)
                                       .where(FieldOverride.incident_id.in_(chunk))):
                edited.setdefault(iid, set()).add(name)
        for iid in chunk:
            if iid in records and iid in states:
                out = dict(records[iid])
                out.update(incident_id=iid, review_status=states[iid].status, version=states[iid].version,
                           edited=sorted(edited.get(iid, ())))
                yield out


def matching_ids(store: Any, f: IncidentFilters) -> set[str]:
    """The ids of the incidents that pass ``f`` (for an export of what a filtered list shows)."""
    with store._read() as s:  # noqa: SLF001
        return set(s.scalars(filtered(f).with_only_columns(ReviewIndex.incident_id)))
