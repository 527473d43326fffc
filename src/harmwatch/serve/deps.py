"""Request dependencies: the store, the logged-in session, the writer check (role + CSRF), filters."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from harmwatch.review.accounts import SessionInfo, session_of
from harmwatch.review.query import IncidentFilters

from .errors import ApiError

COOKIE = "hw_session"
CSRF_HEADER = "X-CSRF-Token"
WRITERS = ("reviewer", "admin")


def get_store(request: Request) -> Any:
    return request.app.state.store


def current_session(request: Request) -> SessionInfo:
    """The live session of the ``hw_session`` cookie, or 401 ``HW-AUTH-REQUIRED``."""
    info = session_of(request.app.state.store, request.cookies.get(COOKIE))
    if info is None:
        raise ApiError("not logged in", code="HW-AUTH-REQUIRED", hint="POST /api/v1/auth/login")
    return info


def writer(request: Request, info: Annotated[SessionInfo, Depends(current_session)]) -> SessionInfo:
    """A reviewer or admin session with the right ``X-CSRF-Token`` header (else 403)."""
    if info.user.role not in WRITERS:
        raise ApiError(f"role {info.user.role!r} cannot change anything", code="HW-AUTH-ROLE",
                       hint="a reviewer or admin account is needed (harmwatch user add NAME --role reviewer)")
    sent = request.headers.get(CSRF_HEADER) or ""
    if not hmac.compare_digest(sent.encode("utf-8", "replace"), info.csrf_token.encode("utf-8")):
        raise ApiError("missing or wrong CSRF token", code="HW-AUTH-CSRF",
                       hint=f"send the header {CSRF_HEADER} with the csrf_token of /api/v1/auth/me")
    return info


def reviewer_reader(info: Annotated[SessionInfo, Depends(current_session)]) -> SessionInfo:
    if info.user.role not in WRITERS:
        raise ApiError(f"role {info.user.role!r} cannot read the audit log", code="HW-AUTH-ROLE",
                       hint="a reviewer or admin account is needed")
    return info


def incident_filters(
    date_from: Annotated[str | None, Query(description="YYYY-MM-DD, start date from")] = None,
    date_to: Annotated[str | None, Query(description="YYYY-MM-DD, start date up to")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2")] = None,
    admin1: Annotated[str | None, Query(description="admin-1 name (exact, any case)")] = None,
    actor: Annotated[str | None, Query(description="part of a perpetrator's or victim's name")] = None,
    event_type: Annotated[str | None, Query(description="ACLED event type")] = None,
    status: Annotated[str | None, Query(description="unreviewed | approved | rejected")] = None,
    killed_min: Annotated[str | None, Query(description="best killed figure at least")] = None,
    killed_max: Annotated[str | None, Query(description="best killed figure at most")] = None,
    q: Annotated[str | None, Query(description="full text: every word in a report's title or text")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    near: Annotated[str | None, Query(description="lon,lat,km: within km of the point (great circle)")] = None,
) -> IncidentFilters:
    return IncidentFilters.parse(dict(locals()))


Session = Annotated[SessionInfo, Depends(current_session)]
Writer = Annotated[SessionInfo, Depends(writer)]
Store = Annotated[Any, Depends(get_store)]
Filters = Annotated[IncidentFilters, Depends(incident_filters)]
