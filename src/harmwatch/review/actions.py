"""A reviewer's writes: edit fields, approve, reject, reopen, join and split incidents.

Every write names the version it was made against and runs as a compare-and-set in one
transaction (``UPDATE review_states SET version = version + 1 WHERE incident_id = ? AND version
= ?``): two reviewers cannot overwrite each other silently; the second gets ``HW-API-VERSION``
with the current version. Every change is an audit entry with who, when, the field, before and
after. Edits are overrides (store/review_fields.py), so a re-extraction never overwrites them, and
they follow the incident through re-merges (store/review_sync.py).

Joins and splits are the reviewer decisions of ``store.merged`` (kept across re-merges); the
review state follows the reports into the new incidents.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from harmwatch.errors import HarmwatchError
from harmwatch.store import merged
from harmwatch.store.merged_models import MergedIncidentRow, MergedMember
from harmwatch.store.review_fields import FieldError, apply_overrides, check, check_record, get_value
from harmwatch.store.review_models import STATUSES, FieldOverride, ReviewState
from harmwatch.store.review_sync import add_audit, refresh_index, set_status_column

from .query import not_found


class VersionConflict(HarmwatchError):
    """The version a write was made against is not the current one."""

    code = "HW-API-VERSION"

    def __init__(self, incident_id: str, sent: int, current: int):
        super().__init__(f"incident {incident_id} is at version {current}, not {sent}: someone changed it",
                         hint=f"reload the incident (version {current}) and apply the change again")
        self.current = current


def _bump(s: Any, incident_id: str, version: int) -> ReviewState:
    """Compare-and-set the version; returns the state at the new version."""
    if isinstance(version, bool) or not isinstance(version, int):
        raise HarmwatchError("a write needs the incident's version", code="HW-API-VERSION-REQUIRED",
                             hint='send {"version": N} or If-Match: "N"')
    done = s.execute(update(ReviewState).where(ReviewState.incident_id == incident_id,
                                               ReviewState.version == version)
                     .values(version=ReviewState.version + 1))
    state = s.get(ReviewState, incident_id, populate_existing=True)
    if state is None or s.get(MergedIncidentRow, incident_id) is None:
        raise not_found(f"incident {incident_id!r}")
    if done.rowcount != 1:
        raise VersionConflict(incident_id, version, state.version)
    return state


def edit(store: Any, incident_id: str, *, user: str, version: int, fields: dict[str, Any] | None = None,
         revert: list[str] | None = None) -> None:
    """Set fields (``killed``, ``killed.best``...) and drop edits (``revert``), at ``version``."""
    fields = dict(fields or {})
    revert = list(revert or [])
    if not fields and not revert:
        raise FieldError("nothing to change", hint='send {"version": N, "fields": {"name": value}}')
    clean = {name: check(name, value) for name, value in fields.items()}  # all checked before any write
    for name in revert:
        check(name, None)  # an unknown name is refused
    with store._writing("saving an edit") as s:  # noqa: SLF001
        _bump(s, incident_id, version)
        row = s.get(MergedIncidentRow, incident_id)
        overrides = {o.field: o for o in s.scalars(select(FieldOverride)
                                                   .where(FieldOverride.incident_id == incident_id))}
        extracted = dict(row.record or {})
        for name in revert:
            o = overrides.pop(name, None)
            if o is None:
                continue
            before = get_value(apply_overrides(extracted, {k: v.value for k, v in overrides.items()} | {name: o.value}),
                               name)
            s.delete(o)
            after = get_value(apply_overrides(extracted, {k: v.value for k, v in overrides.items()}), name)
            add_audit(s, user=user, action="revert", incident_id=incident_id, field=name, before=before, after=after)
        for name, value in clean.items():
            current = apply_overrides(extracted, {k: v.value for k, v in overrides.items()})
            before = get_value(current, name)
            o = overrides.get(name)
            if o is None:
                o = FieldOverride(incident_id=incident_id, field=name, value=value, edited_by=user)
                s.add(o)
                overrides[name] = o
            else:
                o.value = value
                o.edited_by = user
            add_audit(s, user=user, action="edit", incident_id=incident_id, field=name, before=before, after=value)
        final = {k: v.value for k, v in overrides.items()}
        check_record(apply_overrides(extracted, final))  # raises before the commit: nothing is saved
        s.flush()
        refresh_index(s, incident_id, extracted, final)


def set_status(store: Any, incident_id: str, *, user: str, version: int, status: str,
               reason: str | None = None) -> None:
    """Approve, reject (with a reason) or reopen (``unreviewed``) an incident, at ``version``."""
    if status not in STATUSES:
        raise FieldError(f"unknown status {status!r}", hint="one of " + ", ".join(STATUSES))
    if reason is not None and (not isinstance(reason, str) or len(reason) > 2000):
        raise FieldError("reason: expected a string of at most 2000 characters")
    from harmwatch.store.models import utcnow

    action = {"approved": "approve", "rejected": "reject", "unreviewed": "reopen"}[status]
    with store._writing(f"saving a {action}") as s:  # noqa: SLF001
        state = _bump(s, incident_id, version)
        before = {"status": state.status, "reason": state.reason}
        state.status = status
        state.reviewed_by = user if status != "unreviewed" else None
        state.reviewed_at = utcnow() if status != "unreviewed" else None
        state.reason = (reason or None) if status == "rejected" else None
        set_status_column(s, incident_id, status)
        add_audit(s, user=user, action=action, incident_id=incident_id, field="status", before=before,
                  after={"status": status, "reason": state.reason})


def _members(store: Any, incident_id: str) -> list[tuple[str, str]]:
    with store._read() as s:  # noqa: SLF001
        rows = [tuple(r) for r in s.execute(select(MergedMember.record_id, MergedMember.document_id)
                                            .where(MergedMember.merged_incident_id == incident_id)
                                            .order_by(MergedMember.record_id))]
    if not rows:
        raise not_found(f"incident {incident_id!r}")
    return rows


def _owner(store: Any, record_id: str) -> str | None:
    with store._read() as s:  # noqa: SLF001
        return s.scalars(select(MergedMember.merged_incident_id).where(MergedMember.record_id == record_id)).first()


def join_incidents(store: Any, incident_ids: list[str], *, user: str) -> str:
    """Join incidents into one (kept across re-merges); returns the joined incident's id."""
    ids = list(dict.fromkeys(i for i in incident_ids if isinstance(i, str)))
    if len(ids) < 2:
        raise FieldError("a merge needs two or more different incident ids", hint='{"ids": [id, id]}')
    groups = {i: _members(store, i) for i in ids}
    merged.join(store, ids, note=f"API merge by {user}")
    new_id = _owner(store, groups[ids[0]][0][0])
    with store._writing("auditing a merge") as s:  # noqa: SLF001
        after = {"incident_id": new_id, "from": ids}
        for i in dict.fromkeys([*ids, new_id]):
            add_audit(s, user=user, action="merge", incident_id=i,
                      before={"reports": [r for r, _ in groups[i]]} if i in groups else None, after=after)
    return new_id or ids[0]


def split_incident(store: Any, incident_id: str, *, user: str, doc_ids: list[str] | None = None) -> list[str]:
    """Take the reports of ``doc_ids`` out of an incident (all reports apart when none or all are
    given; kept across re-merges). Returns the ids of the incidents that now hold its reports."""
    members = _members(store, incident_id)
    wanted = set(doc_ids or [])
    unknown = wanted - {d for _, d in members}
    if unknown:
        raise FieldError(f"not reports of incident {incident_id}: {', '.join(sorted(unknown))}",
                         hint=f"GET /api/v1/incidents/{incident_id} lists its reports")
    out_ids = [r for r, d in members if d in wanted]
    keep = [r for r, d in members if d not in wanted]
    if not wanted or not keep:
        merged.split(store, incident_id, note=f"API split by {user}")
    else:
        merged.split_off(store, out_ids, keep, note=f"API split by {user}")
    now = sorted({o for o in (_owner(store, r) for r, _ in members) if o})
    with store._writing("auditing a split") as s:  # noqa: SLF001
        for i in dict.fromkeys([incident_id, *now]):
            add_audit(s, user=user, action="split", incident_id=i,
                      before={"incident_id": incident_id, "reports": [r for r, _ in members]},
                      after={"incidents": now, "split_off": sorted(wanted)})
    return now
