"""The review library: accounts and sessions, reading the reviewed incidents, a reviewer's writes.

``harmwatch serve`` (harmwatch.serve) is a thin HTTP layer over it, and ``harmwatch user`` over
:mod:`.accounts`. The tables are in store/review_models.py; keeping reviewer state attached to
incidents across re-runs and re-merges is store/review_sync.py.
"""

from __future__ import annotations

from .accounts import (
    AuthError,
    SessionInfo,
    UserInfo,
    add_user,
    list_users,
    login,
    logout,
    remove_user,
    session_of,
    set_password,
)
from .actions import VersionConflict, edit, join_incidents, set_status, split_incident
from .query import IncidentFilters, QueryError, get_document, get_incident, iter_reviewed, list_incidents

__all__ = [
    "AuthError",
    "IncidentFilters",
    "QueryError",
    "SessionInfo",
    "UserInfo",
    "VersionConflict",
    "add_user",
    "edit",
    "get_document",
    "get_incident",
    "iter_reviewed",
    "join_incidents",
    "list_incidents",
    "list_users",
    "login",
    "logout",
    "remove_user",
    "session_of",
    "set_password",
    "set_status",
    "split_incident",
]
