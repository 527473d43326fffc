"""Merge: the reports of one incident, across outlets and days, become one incident.

Stages (each a pure function of its input, so merging runs the same in one process or partitioned,
for example by country, on a cluster):

``records``    an extracted incident (contract record + its document) -> :class:`MergeRecord`
``blocking``   candidate pairs: overlapping date windows, nearby places or shared admin units,
               compatible event types; a sweep in date order, never all pairs
``similarity`` hard constraints and the pair score
``cluster``    constrained average-linkage agglomeration, deterministic, incremental, with reviewer
               joins and splits; run per connected component of the kept pairs, with the records
               of a long stream kept in a temporary file (memory: a few numbers per record)
``reconcile``  the merged incident record: every report and claim linked, figures by a documented
               rule, disagreement visible

:func:`merge_results` is the one-call entry point over extraction output lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from harmwatch.merge.cluster import Constraints, Group, assign_ids, cluster, incident_id
from harmwatch.merge.records import MergeRecord, record_from_incident, records_from_result
from harmwatch.merge.reconcile import reconcile

__all__ = ["Constraints", "Group", "assign_ids", "MergeRecord", "cluster", "incident_id", "merge_results", "reconcile",
           "record_from_incident", "records_from_result"]


def merge_results(results: Iterable[dict[str, Any]], *, constraints: Constraints | None = None,
                  threshold: float | None = None, previous: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Merge the incidents of extraction output lines (``DocumentResult.to_dict()`` shape, with
    ``doc_id``, ``text``, ``incidents`` and optionally ``published``, ``source``, ``url``, ``title``)
    into merged incident records, sorted by incident id. ``previous``: record id -> incident id of
    an earlier merge, whose ids are kept (cluster.assign_ids)."""
    records: list[MergeRecord] = []
    members: dict[str, dict[str, Any]] = {}
    for res in results:
        if not res.get("incidents"):
            continue
        for rec, inc in zip(records_from_result(res), res["incidents"]):
            records.append(rec)
            members[rec.record_id] = {"record_id": rec.record_id, "doc_id": rec.doc_id, "index": rec.index,
                                      "incident": inc, "published": res.get("published"),
                                      "source": res.get("source"), "url": res.get("url"), "title": res.get("title")}
    groups = cluster(records, constraints=constraints, threshold=threshold, previous=previous)
    out = [reconcile(g.incident_id, [members[r] for r in g.record_ids]) for g in groups]
    out.sort(key=lambda m: m["incident_id"])
    return out
