"""Property: whatever re-merges do to the reports (ids change, incidents join, split, lose
reports), review state stays one-per-incident and no reviewer's edit or decision is lost silently:
it is on the incident that holds most of its reports, or written in the audit log."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from harmwatch.merge.cluster import incident_id
from harmwatch.review.actions import edit, set_status
from harmwatch.store import open_store
from harmwatch.store.merged_models import MergedIncidentRow, MergedMember
from harmwatch.store.review_models import AuditEntry, FieldOverride, ReviewIndex, ReviewState
from harmwatch.store.review_sync import sync_review

RECORDS = [f"d{k}#0" for k in range(7)]

# one merge's outcome: each record is in group 0-3, or gone (None)
partition = st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=len(RECORDS), max_size=len(RECORDS))
steps = st.lists(st.tuples(partition, st.lists(st.integers(0, 3), max_size=3)), min_size=2, max_size=4)


def _write_merge(store, labels: list[int | None]) -> None:
    groups: dict[int, list[str]] = {}
    for rid, g in zip(RECORDS, labels):
        if g is not None:
            groups.setdefault(g, []).append(rid)
    with store._writing("test merge") as s:  # noqa: SLF001
        ids = {incident_id(rids): rids for rids in groups.values()}
        s.execute(delete(MergedMember))
        s.execute(delete(MergedIncidentRow).where(MergedIncidentRow.id.not_in(list(ids))))
        for iid, rids in ids.items():
            record = {"reports": [r.split("#")[0] for r in rids], "record_ids": rids, "event_type": "Battles",
                      "summary": "extracted " + "+".join(rids)}
            row = s.get(MergedIncidentRow, iid)
            if row is None:
                s.add(MergedIncidentRow(id=iid, record=record, report_count=len(rids)))
            elif row.record != record:
                row.record = record
            for r in rids:
                s.add(MergedMember(record_id=r, merged_incident_id=iid, document_id=r.split("#")[0], mention_index=0))
    sync_review(store)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_review_state_follows_the_reports_and_nothing_is_lost(plan):
    store = open_store("sqlite://")  # in memory: no fsync per write, the same schema and SQL
    made: list[tuple[str, str]] = []  # (edit value, incident it was made on)
    try:
        for n, (labels, picks) in enumerate(plan):
            _write_merge(store, labels)
            with store._read() as s:  # noqa: SLF001
                current = sorted(s.scalars(select(MergedIncidentRow.id)))
                states = {st.incident_id: st for st in s.scalars(select(ReviewState))}
                indexed = set(s.scalars(select(ReviewIndex.incident_id)))
                members = {}
                for rid, iid in s.execute(select(MergedMember.record_id, MergedMember.merged_incident_id)):
                    members.setdefault(iid, []).append(rid)
            # one state and one index row per incident, none for incidents that are gone
            assert set(states) == set(current) == indexed
            assert all(sorted(states[i].record_ids) == sorted(members[i]) for i in current)
            # every edit made so far is on an incident now, or in the audit log
            with store._read() as s:  # noqa: SLF001
                live = {o.value for o in s.scalars(select(FieldOverride))}
                logged = set()  # an edit replaced by a later one, carried, outvoted or removed
                for a in s.scalars(select(AuditEntry)):
                    if a.action == "edit":
                        logged.add(a.before)
                    logged |= set(((a.before or {}).get("edits") or {}).values()) if isinstance(a.before, dict) \
                        else set()
            for value, _ in made:
                assert value in live or value in logged, value
            # review some incidents at this step
            for k in picks:
                if not current:
                    break
                iid = current[k % len(current)]
                value = f"edit {n}.{k} on {iid}"
                with store._read() as s:  # noqa: SLF001
                    version = s.get(ReviewState, iid).version
                edit(store, iid, user="prop", version=version, fields={"summary": value})
                set_status(store, iid, user="prop", version=version + 1, status="approved")
                made.append((value, iid))
    finally:
        store.close()
