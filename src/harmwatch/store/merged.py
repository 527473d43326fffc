"""Merging what is in the store, reading merged incidents, and the reviewer's joins and splits.

:func:`merge_store` reads every extracted report (documents with status ok and their incident
records), merges them with :mod:`harmwatch.merge` and writes ``merged_incidents`` and
``merged_members`` (tables in merged_models.py). With ``changed_only`` the groups of unchanged
documents are kept as they are and only the reports of new or re-extracted documents are scored
and placed (the incremental mode of merge.cluster); without it everything is re-merged. Either
way the reviewer's decisions (``merge_decisions``) are applied, so hand joins and splits survive
re-runs and re-merges, and the stored ids are passed as ``previous`` (merge.cluster.assign_ids): a
re-merge keeps each incident's id, also when a report dated earlier arrives late or a join or split
changes its members. A merged incident keeps its review status while its id lives.

:func:`join` and :func:`split` record decisions on merged incident ids (a join: must-link between
the incidents' reports; a split: cannot-link between every two reports of the incident) and
re-merge.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, select

from harmwatch.errors import StoreError

from .db import Store
from .merged_models import MergeDecision, MergedIncidentRow, MergedMember
from .models import DocumentRow, IncidentReport, as_int, fit, jsonable


@dataclass(frozen=True)
class MergeSummary:
    records: int  # extracted reports merged
    incidents: int  # merged incidents
    multi_report: int  # merged incidents with 2+ reports
    written: int  # merged incidents inserted or changed
    removed: int  # merged incidents that no longer exist
    mode: str  # all | changed
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _load(store: Store) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Extraction results as merge inputs, and each document's content hash."""
    with store._read() as s:  # noqa: SLF001 - the store's own module family
        docs = {
            row.id: {"doc_id": row.id, "text": row.text, "published": row.published, "source": row.source,
                     "title": row.title, "url": row.url, "incidents": [], "_hash": row.content_hash}
            for row in s.scalars(select(DocumentRow).where(DocumentRow.extraction_status == "ok"))
        }
        for doc_id, index, record in s.execute(
            select(IncidentReport.document_id, IncidentReport.mention_index, IncidentReport.record)
            .order_by(IncidentReport.document_id, IncidentReport.mention_index)
        ):
            d = docs.get(doc_id)
            if d is not None:
                while len(d["incidents"]) < index:
                    d["incidents"].append({})  # a gap in the mention indexes keeps positions aligned
                d["incidents"].append(dict(record or {}))
    hashes = {k: v.pop("_hash") for k, v in docs.items()}
    return [docs[k] for k in sorted(docs)], hashes


def _constraints(store: Store):
    from harmwatch.merge import Constraints

    must, cannot = set(), set()
    with store._read() as s:  # noqa: SLF001
        for d in s.scalars(select(MergeDecision)):
            (must if d.kind == "join" else cannot).add(Constraints.pair(d.record_a, d.record_b))
    return Constraints(must_link=frozenset(must), cannot_link=frozenset(cannot))


def merge_store(store: Store, *, changed_only: bool = False) -> MergeSummary:
    """Merge the store's reports into merged incidents (see the module docstring)."""
    from harmwatch.merge import cluster, reconcile, records_from_result
    from harmwatch.merge.similarity import TextStats

    t0 = time.perf_counter()
    results, hashes = _load(store)
    records, members = [], {}
    for res in results:
        for rec, inc in zip(records_from_result(res), res["incidents"]):
            if not inc:
                continue
            records.append(rec)
            members[rec.record_id] = {"record_id": rec.record_id, "doc_id": rec.doc_id, "index": rec.index,
                                      "incident": inc, "published": res.get("published"), "source": res.get("source"),
                                      "url": res.get("url"), "title": res.get("title")}
    with store._read() as s:  # noqa: SLF001
        old_members = {m.record_id: m for m in s.scalars(select(MergedMember))}
        old_rows = {r.id: (r.review_status, r.record) for r in s.scalars(select(MergedIncidentRow))}
    existing = None
    new_ids = None
    if changed_only and old_members:
        keep: dict[str, list[str]] = {}
        for rid, m in old_members.items():
            if rid in members and hashes.get(m.document_id) == m.content_hash:
                keep.setdefault(m.merged_incident_id, []).append(rid)
        existing = list(keep.values())
        kept = {rid for g in existing for rid in g}
        new_ids = {rid for rid in members if rid not in kept}
    previous = {rid: m.merged_incident_id for rid, m in old_members.items()}
    groups = cluster(records, constraints=_constraints(store), existing=existing, new_ids=new_ids,
                     stats=TextStats.of(records), previous=previous)
    merged = [reconcile(g.incident_id, [members[r] for r in g.record_ids]) for g in groups]
    written = 0
    new_id_set = {m["incident_id"] for m in merged}
    with store._writing("saving merged incidents") as s:  # noqa: SLF001
        removed = [i for i in old_rows if i not in new_id_set]
        if removed:
            s.execute(delete(MergedIncidentRow).where(MergedIncidentRow.id.in_(removed)))
        s.execute(delete(MergedMember))
        for m in merged:
            record = jsonable(m)
            old = old_rows.get(m["incident_id"])
            if old is None or old[1] != record:
                written += 1
                cols = _columns(record)
                row = s.get(MergedIncidentRow, m["incident_id"])
                if row is None:
                    s.add(MergedIncidentRow(id=m["incident_id"], record=record, review_status="unreviewed", **cols))
                else:
                    row.record = record
                    for k, v in cols.items():
                        setattr(row, k, v)
            for link in m["report_links"]:
                s.add(MergedMember(record_id=link["record_id"], merged_incident_id=m["incident_id"],
                                   document_id=link["doc_id"], mention_index=link["incident_index"],
                                   content_hash=hashes.get(link["doc_id"])))
    from .review_sync import sync_review

    sync_review(store)  # reviewer state, edits and the review index follow the incidents (review_sync.py)
    return MergeSummary(records=len(records), incidents=len(merged),
                        multi_report=sum(1 for m in merged if len(m["reports"]) > 1), written=written,
                        removed=len(removed), mode="changed" if new_ids is not None else "all",
                        seconds=round(time.perf_counter() - t0, 3))


def _columns(record: dict[str, Any]) -> dict[str, Any]:
    R = MergedIncidentRow
    date = record.get("date") or {}
    loc = record.get("location") or {}
    return {
        "event_type": fit(R.event_type, record.get("event_type")),
        "date_start": fit(R.date_start, date.get("start")),
        "country_code": fit(R.country_code, loc.get("country_code")),
        "killed_best": as_int((record.get("killed") or {}).get("best")),
        "injured_best": as_int((record.get("injured") or {}).get("best")),
        "report_count": len(record.get("reports") or []),
    }


def iter_merged(store: Store) -> Iterator[dict[str, Any]]:
    """Merged incidents (record fields plus ``incident_id``, ``reports``, ``review_status``), ordered
    by date (unknown last), then id. A reviewer's edits (review_models.FieldOverride) are applied
    over the extracted values, so exports give what the reviewer decided; ``edited`` lists them."""
    from .review_fields import apply_overrides
    from .review_models import FieldOverride

    R = MergedIncidentRow
    with store._read() as s:  # noqa: SLF001
        q = select(R).order_by(R.date_start.is_(None), R.date_start, R.id).execution_options(yield_per=500)
        for partition in s.scalars(q).partitions():
            edits: dict[str, dict[str, Any]] = {}
            for o in s.scalars(select(FieldOverride).where(FieldOverride.incident_id.in_([r.id for r in partition]))):
                edits.setdefault(o.incident_id, {})[o.field] = o.value
            for row in partition:
                record = dict(row.record or {})
                if row.id in edits:
                    record = apply_overrides(record, edits[row.id])
                    record["edited"] = sorted(edits[row.id])
                record["incident_id"] = row.id
                record["review_status"] = row.review_status
                yield record


def has_merged(store: Store) -> bool:
    with store._read() as s:  # noqa: SLF001
        return s.scalars(select(MergedIncidentRow.id).limit(1)).first() is not None


def _members_of(store: Store, incident_id: str) -> list[str]:
    with store._read() as s:  # noqa: SLF001
        ids = sorted(s.scalars(select(MergedMember.record_id).where(MergedMember.merged_incident_id == incident_id)))
    if not ids:
        raise StoreError(f"no merged incident {incident_id!r}", code="HW-MERGE-UNKNOWN",
                         hint="list merged incidents with `harmwatch export --format jsonl`")
    return ids


def _decide(store: Store, kind: str, pairs: list[tuple[str, str]], undo: str, note: str | None) -> None:
    from harmwatch.merge import Constraints

    pairs = sorted({Constraints.pair(a, b) for a, b in pairs if a != b})
    with store._writing(f"saving a {kind}") as s:  # noqa: SLF001
        for a, b in pairs:
            s.execute(delete(MergeDecision).where(MergeDecision.kind == undo, MergeDecision.record_a == a,
                                                  MergeDecision.record_b == b))
            exists = s.scalars(select(MergeDecision.id).where(MergeDecision.kind == kind, MergeDecision.record_a == a,
                                                              MergeDecision.record_b == b)).first()
            if exists is None:
                s.add(MergeDecision(kind=kind, record_a=a, record_b=b, note=note))


def join(store: Store, incident_ids: list[str], *, note: str | None = None) -> MergeSummary:
    """Join merged incidents into one (a reviewer's decision, kept across re-merges), then re-merge."""
    if len(incident_ids) < 2:
        raise StoreError("a join needs two or more incident ids", code="HW-MERGE-JOIN",
                         hint="harmwatch merge --join ID ID")
    groups = [_members_of(store, i) for i in incident_ids]
    anchor = groups[0][0]
    pairs = [(anchor, g[0]) for g in groups[1:]]
    # a join also lifts earlier splits between the reports it joins
    everyone = [r for g in groups for r in g]
    lifted = [(a, b) for k, a in enumerate(everyone) for b in everyone[k + 1:]]
    _decide(store, "join", pairs, "split", note)
    with store._writing("lifting splits") as s:  # noqa: SLF001
        from harmwatch.merge import Constraints

        for a, b in (Constraints.pair(x, y) for x, y in lifted):
            s.execute(delete(MergeDecision).where(MergeDecision.kind == "split", MergeDecision.record_a == a,
                                                  MergeDecision.record_b == b))
    return merge_store(store)


def split(store: Store, incident_id: str, *, note: str | None = None) -> MergeSummary:
    """Split a merged incident into its reports (kept across re-merges), then re-merge."""
    ids = _members_of(store, incident_id)
    pairs = [(a, b) for k, a in enumerate(ids) for b in ids[k + 1:]]
    _decide(store, "split", pairs, "join", note)
    return merge_store(store)


def split_off(store: Store, record_ids: list[str], rest: list[str], *, note: str | None = None) -> MergeSummary:
    """Take some reports out of a merged incident: a split (cannot-link) between each of
    ``record_ids`` and each of ``rest`` (kept across re-merges), then re-merge."""
    pairs = [(a, b) for a in record_ids for b in rest]
    _decide(store, "split", pairs, "join", note)
    return merge_store(store)
