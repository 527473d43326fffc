"""``/api/v1/incidents``: list with filters and counts, one incident, edit, approve, reject,
reopen, merge, split, audit. Writes need a reviewer, the CSRF header and the version."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response
from pydantic import BaseModel, Field

from harmwatch.errors import HarmwatchError
from harmwatch.review import actions, query

from ..deps import Filters, Session, Store, Writer

router = APIRouter(prefix="/api/v1/incidents", tags=["incidents"])


class VersionBody(BaseModel):
    version: int | None = None


class RejectBody(VersionBody):
    reason: str | None = Field(default=None, max_length=2000)


class PatchBody(VersionBody):
    fields: dict[str, Any] = Field(default_factory=dict)
    revert: list[str] = Field(default_factory=list)


class MergeBody(BaseModel):
    ids: list[str]


class SplitBody(BaseModel):
    doc_ids: list[str] = Field(default_factory=list)


def _version(body_version: int | None, if_match: str | None) -> int:
    if body_version is not None:
        return body_version
    if if_match:
        raw = if_match.strip().removeprefix("W/").strip('"')
        if raw.isdigit():
            return int(raw)
    raise HarmwatchError("a write needs the incident's version", code="HW-API-VERSION-REQUIRED",
                         hint='send {"version": N} or If-Match: "N" (the ETag of GET /api/v1/incidents/{id})')


def _incident(store: Any, incident_id: str, response: Response) -> dict:
    out = query.get_incident(store, incident_id)
    response.headers["ETag"] = f'"{out["version"]}"'
    return out


@router.get("")
def list_incidents(
    _s: Session, store: Store, filters: Filters,
    sort: Annotated[str, Query(description="date | -date | killed | -killed")] = "date",
    page: Annotated[str | None, Query()] = None,
    page_size: Annotated[str | None, Query(description="1-500, default 50")] = None,
) -> dict:
    """Incidents that pass the filters, a page of them, the total and counts by status, type, country."""
    p, size = query.page_args(page, page_size)
    return query.list_incidents(store, filters, sort=sort, page=p, page_size=size)


@router.post("/merge")
def merge(body: MergeBody, who: Writer, store: Store, response: Response) -> dict:
    """Join incidents into one (a reviewer decision kept across re-merges); answers the joined one."""
    new_id = actions.join_incidents(store, body.ids, user=who.user.name)
    return _incident(store, new_id, response)


@router.get("/{incident_id}")
def get_incident(incident_id: str, _s: Session, store: Store, response: Response) -> dict:
    """One incident: every field with its evidence, its reports, all their claims, the review."""
    return _incident(store, incident_id, response)


@router.patch("/{incident_id}")
def patch_incident(incident_id: str, body: PatchBody, who: Writer, store: Store, response: Response,
                   if_match: Annotated[str | None, Header()] = None) -> dict:
    """Edit fields (kept across re-runs and re-merges); 409 when the version is not current."""
    actions.edit(store, incident_id, user=who.user.name, version=_version(body.version, if_match),
                 fields=body.fields, revert=body.revert)
    return _incident(store, incident_id, response)


@router.post("/{incident_id}/approve")
def approve(incident_id: str, body: VersionBody, who: Writer, store: Store, response: Response,
            if_match: Annotated[str | None, Header()] = None) -> dict:
    actions.set_status(store, incident_id, user=who.user.name, version=_version(body.version, if_match),
                       status="approved")
    return _incident(store, incident_id, response)


@router.post("/{incident_id}/reject")
def reject(incident_id: str, body: RejectBody, who: Writer, store: Store, response: Response,
           if_match: Annotated[str | None, Header()] = None) -> dict:
    actions.set_status(store, incident_id, user=who.user.name, version=_version(body.version, if_match),
                       status="rejected", reason=body.reason)
    return _incident(store, incident_id, response)


@router.post("/{incident_id}/reopen")
def reopen(incident_id: str, body: VersionBody, who: Writer, store: Store, response: Response,
           if_match: Annotated[str | None, Header()] = None) -> dict:
    actions.set_status(store, incident_id, user=who.user.name, version=_version(body.version, if_match),
                       status="unreviewed")
    return _incident(store, incident_id, response)


@router.post("/{incident_id}/split")
def split(incident_id: str, body: SplitBody, who: Writer, store: Store) -> dict:
    """Take the reports of ``doc_ids`` out (every report apart without doc_ids); kept across re-merges."""
    ids = actions.split_incident(store, incident_id, user=who.user.name, doc_ids=body.doc_ids)
    items = [query.get_incident(store, i) for i in ids]
    keys = ("id", "version", "status", "event_type", "sub_event_type", "date", "date_precision", "country_code",
            "admin1", "location", "latitude", "longitude", "killed", "injured", "perpetrators", "victims",
            "report_count", "title")
    return {"incidents": [{k: it[k] for k in keys} for it in items]}


@router.get("/{incident_id}/audit")
def incident_audit(incident_id: str, _s: Session, store: Store) -> dict:
    """Who changed what, when, before and after (oldest first)."""
    return query.incident_audit(store, incident_id)
