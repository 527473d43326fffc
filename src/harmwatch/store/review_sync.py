"""Keeping the reviewer's work attached to the incidents across re-runs and re-merges.

A merged incident's id is named after its first-reported member and kept across re-merges
(merge/cluster.py assign_ids, given the stored ids by store/merged.py), but members change and a
join or a split leaves one id to one part only, so the others get new ids. Reviewer state is therefore keyed by the incident id *and* remembers the member record ids it
was last synced with (``review_states.record_ids``). After every merge :func:`sync_review`
(called at the end of ``store.merged.merge_store``, and when ``harmwatch serve`` starts):

1. A state whose incident still exists with the same members stays; when its record changed (a
   re-extraction) its version goes up (with an audit entry ``rerun`` when the incident was
   reviewed or edited: the edits stay, the extracted values under them changed).
2. A state whose incident is gone or whose members changed goes to its *heir*: the current
   incident that holds most of its old records (ties: the one holding its smallest record id).
   An incident that is heir to several states (a join) takes status and review from the one it
   shares most records with, and the edits of all of them (that one's first). The version goes
   up; an audit entry ``carry`` (id changed) or ``members`` (same id) records old and new ids and
   reports, on both the old and the new id.
3. A state with no heir (its reports are gone) is dropped; if it held a review or edits, an audit
   entry ``removed`` keeps them.
4. Incidents without a state get one (unreviewed, version 1), and ``review_index`` is rebuilt for
   every incident whose record, members or edits changed, so filters see the reviewed values.

Edits are overrides applied over the extracted record (store/review_fields.py): a re-extraction
replaces the record underneath and never the edit.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from .merged_models import MergedIncidentRow, MergedMember
from .review_fields import apply_overrides, index_columns
from .review_models import AuditEntry, FieldOverride, ReviewIndex, ReviewState


@dataclass(frozen=True)
class SyncSummary:
    incidents: int  # merged incidents now
    created: int  # states created (new incidents with no predecessor)
    carried: int  # states moved to an incident with another id or other members
    removed: int  # states dropped (their reports are gone)
    rerun: int  # incidents whose record changed under the same members
    indexed: int  # review_index rows written

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _aware(value: datetime | None) -> datetime:
    if value is None:
        return datetime.min.replace(tzinfo=timezone.utc)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)  # SQLite drops the offset


def record_hash(record: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def add_audit(s: Session, *, user: str | None, action: str, incident_id: str | None, field: str | None = None,
              before: Any = None, after: Any = None) -> None:
    s.add(AuditEntry(username=user, action=action, incident_id=incident_id, field=field, before=before, after=after))


def overrides_of(s: Session, incident_id: str) -> dict[str, Any]:
    rows = s.scalars(select(FieldOverride).where(FieldOverride.incident_id == incident_id))
    return {o.field: o.value for o in rows}


def refresh_index(s: Session, incident_id: str, record: dict[str, Any] | None = None,
                  overrides: dict[str, Any] | None = None) -> None:
    """Rewrite one incident's ``review_index`` row from its record and edits."""
    if record is None:
        row = s.get(MergedIncidentRow, incident_id)
        if row is None:
            s.execute(delete(ReviewIndex).where(ReviewIndex.incident_id == incident_id))
            return
        record = row.record or {}
    if overrides is None:
        overrides = overrides_of(s, incident_id)
    cols = index_columns(apply_overrides(record, overrides))
    idx = s.get(ReviewIndex, incident_id)
    if idx is None:
        s.add(ReviewIndex(incident_id=incident_id, **cols))
    else:
        for k, v in cols.items():
            setattr(idx, k, v)


def sync_review(store: Any) -> SyncSummary:
    """Bring review state, edits and the review index in line with the merged incidents (see above)."""
    with store._writing("syncing review state") as s:  # noqa: SLF001 - the store's own module family
        return _sync(s)


def _sync(s: Session) -> SyncSummary:
    members: dict[str, list[str]] = {}
    for rid, iid in s.execute(select(MergedMember.record_id, MergedMember.merged_incident_id)):
        members.setdefault(iid, []).append(rid)
    for v in members.values():
        v.sort()
    owner = {rid: iid for iid, rids in members.items() for rid in rids}
    R = MergedIncidentRow
    rows = {i: (changed, status) for i, changed, status in s.execute(select(R.id, R.updated_at, R.review_status))}
    states = {st.incident_id: st for st in s.scalars(select(ReviewState))}
    edits: dict[str, dict[str, FieldOverride]] = {}
    for o in s.scalars(select(FieldOverride)):
        edits.setdefault(o.incident_id, {})[o.field] = o
    indexed = set(s.scalars(select(ReviewIndex.incident_id)))
    to_index: set[str] = set()
    rerun = carried = removed = created = 0

    # records are read only where needed: a state older than its merged row, a moved or new incident
    same = {iid for iid, st in states.items() if iid in rows and sorted(st.record_ids or []) == members.get(iid, [])}
    need = {iid for iid in rows if iid not in same or iid not in indexed or states[iid].record_hash is None
            or _aware(rows[iid][0]) >= _aware(states[iid].updated_at)}
    records: dict[str, dict[str, Any]] = {}
    ordered = sorted(need)
    for k in range(0, len(ordered), 500):
        records.update({i: r or {} for i, r in s.execute(select(R.id, R.record).where(R.id.in_(ordered[k:k + 500])))})

    # 1. the same incident with the same members: only its record may have changed
    moved: list[ReviewState] = []
    for iid, st in list(states.items()):
        if iid in same:
            if iid not in records:
                continue
            digest = record_hash(records[iid])
            if digest != st.record_hash:
                if st.record_hash is not None:
                    rerun += 1
                    st.version += 1
                    if st.status != "unreviewed" or edits.get(iid):
                        add_audit(s, user=None, action="rerun", incident_id=iid,
                                  after={"reports": members.get(iid, []), "edited": sorted(edits.get(iid, {}))})
                st.record_hash = digest
                to_index.add(iid)
        else:
            moved.append(st)

    # 2. heirs of the moved states: snapshot them, drop their rows, write the heirs' rows afresh
    snaps = []
    for st in moved:
        ed = edits.pop(st.incident_id, {})
        snaps.append({"incident_id": st.incident_id, "status": st.status, "reviewed_by": st.reviewed_by,
                      "reviewed_at": st.reviewed_at, "reason": st.reason, "version": st.version,
                      "record_ids": sorted(st.record_ids or []),
                      "edits": {f: (o.value, o.edited_by, o.edited_at) for f, o in ed.items()}})
        for o in ed.values():
            s.delete(o)
        s.delete(st)
        del states[st.incident_id]
    s.flush()
    heirs: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for snap in snaps:
        old = snap["record_ids"]
        counts: dict[str, int] = {}
        for rid in old:
            if rid in owner:
                counts[owner[rid]] = counts.get(owner[rid], 0) + 1
        if not counts:
            removed += 1
            if snap["status"] != "unreviewed" or snap["edits"]:
                add_audit(s, user=None, action="removed", incident_id=snap["incident_id"],
                          before={"status": snap["status"], "reviewed_by": snap["reviewed_by"], "reports": old,
                                  "edits": {f: v[0] for f, v in snap["edits"].items()}})
            continue
        first_owner = owner.get(old[0]) if old else None
        heir = max(counts, key=lambda i: (counts[i], i == first_owner, i))
        heirs.setdefault(heir, []).append((counts[heir], snap))

    for iid, preds in sorted(heirs.items()):
        preds.sort(key=lambda p: (p[0], p[1]["status"] != "unreviewed" or bool(p[1]["edits"]),
                                  p[1]["reviewed_at"].isoformat() if p[1]["reviewed_at"] else "",
                                  p[1]["incident_id"]), reverse=True)
        primary = preds[0][1]
        merged_edits: dict[str, Any] = {}
        for _, snap in preds:
            for field, value in snap["edits"].items():
                merged_edits.setdefault(field, value)  # the primary's edit of a field wins
        info_new = {"incident_id": iid, "reports": members[iid]}
        for _, snap in preds:
            info_old = {"incident_id": snap["incident_id"], "reports": snap["record_ids"], "status": snap["status"],
                        "edits": {f: v[0] for f, v in snap["edits"].items()}}  # an edit a join outvotes stays here
            action = "members" if snap["incident_id"] == iid else "carry"
            add_audit(s, user=None, action=action, incident_id=iid, before=info_old, after=info_new)
            if snap["incident_id"] != iid:
                add_audit(s, user=None, action=action, incident_id=snap["incident_id"], before=info_old,
                          after=info_new)
        st = ReviewState(incident_id=iid, status=primary["status"], reviewed_by=primary["reviewed_by"],
                         reviewed_at=primary["reviewed_at"], reason=primary["reason"],
                         version=max(p["version"] for _, p in preds) + 1, record_ids=members[iid],
                         record_hash=record_hash(records[iid]))
        s.add(st)
        states[iid] = st
        edits[iid] = {}
        for field, (value, by, at) in merged_edits.items():
            o = FieldOverride(incident_id=iid, field=field, value=value, edited_by=by, edited_at=at)
            s.add(o)
            edits[iid][field] = o
        carried += len(preds)
        to_index.add(iid)

    # 3. new incidents, and the status column of merged_incidents (read by `harmwatch export`)
    for iid, (_changed, status) in rows.items():
        st = states.get(iid)
        if st is None:
            st = ReviewState(incident_id=iid, status="unreviewed", version=1, record_ids=members.get(iid, []),
                             record_hash=record_hash(records[iid]))
            s.add(st)
            states[iid] = st
            created += 1
            to_index.add(iid)
        if status != st.status:
            set_status_column(s, iid, st.status)
        if iid not in indexed:
            to_index.add(iid)
    s.flush()

    # 4. the index
    gone = indexed - set(rows)
    if gone:
        s.execute(delete(ReviewIndex).where(ReviewIndex.incident_id.in_(sorted(gone))))
    fresh, known = [], []  # bulk writes: one statement each, not a SELECT and a flush per row
    for iid in sorted(to_index):
        cols = index_columns(apply_overrides(records[iid], {f: o.value for f, o in edits.get(iid, {}).items()}))
        (known if iid in indexed else fresh).append({"incident_id": iid, **cols})
    if fresh:
        s.execute(insert(ReviewIndex), fresh)
    if known:
        s.execute(update(ReviewIndex), known)
    return SyncSummary(incidents=len(rows), created=created, carried=carried, removed=removed, rerun=rerun,
                       indexed=len(to_index))


def set_status_column(s: Session, incident_id: str, status: str) -> None:
    """Keep ``merged_incidents.review_status`` (what exports read) equal to the review state."""
    s.execute(update(MergedIncidentRow).where(MergedIncidentRow.id == incident_id).values(review_status=status))
