"""Clustering: candidate pairs with their scores -> incidents (groups of records).

Constrained greedy agglomeration. Pairs at or above the threshold are taken best first; two groups
join only if

* no document has a record in both (a document's distinct incidents never merge),
* every pair of their members passes the hard constraints (similarity.compatible) and scores at
  least :data:`PAIR_FLOOR` (no pair of members contradicts itself on place, date, toll or actors):
  no chain joins two far-apart or differently dated incidents through a third,
* the mean score over all pairs of their members reaches :data:`LINK_SHARE` x threshold (average
  linkage: one strong link does not drag a whole group in), and
* no reviewer's split (a cannot-link pair) separates them.

Reviewer joins (must-link pairs) are applied first and are never undone.

Deterministic and order-independent: pairs are sorted by (score, smaller id, larger id), and the
incident id is derived from the members only (:func:`incident_id`), so the same records in any
order give the same incidents.

Stable ids (:func:`incident_id`, :func:`assign_ids`): an incident is named after its anchor, the
member reported first (report date, then record id; undated members last). News arrives in time
order, so a later report joining an incident never renames it (with the smallest record id as the
name, any report whose doc id sorts first did). With ``previous`` (record id -> incident id of an
earlier merge) each group keeps the earlier id that most of its members had (ties: the id its anchor had, then
the smaller id; an id goes to one group only, the largest): an earlier-dated report arriving late, or a re-merge
that joins two incidents, keeps one of the ids reviewers already link to. Incremental: :func:`cluster` accepts the groups of an earlier merge and the ids
of the new records; only the pairs that involve a new record are scored, the earlier groups are
kept and new records join them (or each other) by the same rule. Earlier groups are not split by
new evidence; a full re-merge (no ``existing``) re-decides everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from harmwatch.merge import similarity
from harmwatch.merge.blocking import candidate_pairs, name_candidate_pairs, text_candidate_pairs
from harmwatch.merge.records import MergeRecord

#: average linkage: the mean score of all member pairs must reach this share of the threshold
LINK_SHARE = 0.75
#: complete-linkage floor: every pair of members must score at least this
PAIR_FLOOR = 0.0


@dataclass(frozen=True)
class Constraints:
    """Reviewer decisions, as record-id pairs (each pair stored smaller id first)."""

    must_link: frozenset[tuple[str, str]] = frozenset()
    cannot_link: frozenset[tuple[str, str]] = frozenset()

    @staticmethod
    def pair(a: str, b: str) -> tuple[str, str]:
        return (a, b) if a < b else (b, a)


@dataclass(frozen=True)
class Group:
    """One merged incident's members."""

    incident_id: str
    record_ids: tuple[str, ...]  # sorted


@dataclass
class _UF:
    parent: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)

    def add(self, x: str) -> None:
        if x not in self.parent:
            self.parent[x] = x
            self.members[x] = [x]

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if ra > rb:
            ra, rb = rb, ra  # the smaller id stays the root: independent of the order of calls
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        return ra


def anchor(records: Iterable[MergeRecord]) -> str:
    """The record id of the member reported first (report day, then record id; undated last)."""
    return min((r.report_day is None, r.report_day or 0, r.record_id) for r in records)[2]


def incident_id(record_ids: Iterable[str], records: dict[str, MergeRecord] | None = None) -> str:
    """``mi-`` + sha1 of the group's anchor record id (see the module docstring); without
    ``records`` of every member (no report dates known) the smallest record id is the anchor."""
    ids = list(record_ids)
    known = [records[x] for x in ids if x in records] if records else []
    a = anchor(known) if known and len(known) == len(ids) else min(ids)
    return "mi-" + hashlib.sha1(a.encode("utf-8")).hexdigest()[:16]


def assign_ids(groups: list[tuple[str, ...]], records: dict[str, MergeRecord],
               previous: dict[str, str] | None = None) -> list[str]:
    """The incident id of each group (see the module docstring): the earlier id most of its members
    had, when ``previous`` is given and that id is not taken by a larger group; else
    :func:`incident_id`."""
    out = [incident_id(g, records) for g in groups]
    if not previous:
        return out
    kept: dict[int, str] = {}
    taken: set[str] = set()
    def first_reported(k: int) -> tuple[bool, int, str]:
        known = [records[x] for x in groups[k] if x in records]
        return min((r.report_day is None, r.report_day or 0, r.record_id) for r in known) if known \
            else (True, 0, groups[k][0])

    # larger groups first, then the earliest-reported: of two halves of a split, the one holding
    # the first report keeps the id
    order = sorted(range(len(groups)), key=lambda k: (-len(groups[k]), first_reported(k)))
    for k in order:
        votes: dict[str, int] = {}
        for x in groups[k]:
            if x in previous:
                votes[previous[x]] = votes.get(previous[x], 0) + 1
        known = [records[x] for x in groups[k] if x in records]
        first = previous.get(anchor(known)) if known else None  # ties: the id its first-reported member had
        for old, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0] != first, kv[0])):
            if old not in taken:
                kept[k] = old
                taken.add(old)
                break
    for k in order:
        if k in kept:
            out[k] = kept[k]
        elif out[k] in taken:  # its anchor's id is kept by another group: name it by its smallest member
            out[k] = incident_id(groups[k])
        taken.add(out[k])
    return out


def _can_join(ga: list[str], gb: list[str], recs: dict[str, MergeRecord], cons: Constraints, threshold: float,
              cache: dict[tuple[str, str], float], scorer: similarity.Scorer) -> bool:
    docs_a = {recs[x].doc_id for x in ga}
    if any(recs[y].doc_id in docs_a for y in gb):
        return False
    total = 0.0
    for x in ga:
        for y in gb:
            p = Constraints.pair(x, y)
            if p in cons.cannot_link:
                return False
            s = cache.get(p)
            if s is None:
                s = cache[p] = scorer.score(recs[p[0]], recs[p[1]])
            if s < PAIR_FLOOR:
                return False
            total += s
    return total / (len(ga) * len(gb)) >= LINK_SHARE * threshold


def cluster(records: Iterable[MergeRecord], *, constraints: Constraints | None = None,
            existing: Iterable[Iterable[str]] | None = None, new_ids: set[str] | None = None,
            threshold: float | None = None, stats: similarity.TextStats | None = None,
            previous: dict[str, str] | None = None) -> list[Group]:
    """Group ``records`` into incidents (see the module docstring); groups sorted by first member id.

    ``previous``: record id -> incident id of an earlier merge (ids are kept, :func:`assign_ids`).

    ``stats``: the document frequencies to score with (default: those of ``records``; an
    incremental or partitioned run passes the whole corpus's)."""
    threshold = similarity.THRESHOLD if threshold is None else threshold
    cons = constraints or Constraints()
    recs = {r.record_id: r for r in records}
    uf = _UF()
    for rid in sorted(recs):
        uf.add(rid)
    for grp in existing or ():
        ids = sorted(x for x in grp if x in recs)
        for x in ids[1:]:
            uf.union(ids[0], x)
    for a, b in sorted(cons.must_link):
        if a in recs and b in recs:
            uf.union(a, b)
    stats = stats or similarity.TextStats.of(recs.values())
    scorer = similarity.Scorer(stats)
    edges: list[tuple[float, str, str]] = []
    cache: dict[tuple[str, str], float] = {}
    for route in (candidate_pairs(recs.values(), only=new_ids),
                  text_candidate_pairs(recs.values(), stats.df, only=new_ids),
                  name_candidate_pairs(recs.values(), stats.name_df, only=new_ids)):
        for a, b in route:  # the routes never yield the same pair twice
            s = scorer.score(a, b)
            if s >= threshold:
                edges.append((-s, a.record_id, b.record_id))
                cache[(a.record_id, b.record_id)] = s
    edges.sort()
    # Two groups that could not join cannot join on a later edge between them either while neither
    # has changed (the test reads only their members): remembered by the groups' sizes, which grow
    # with every union. With every pair's score kept in ``cache``, each pair is scored once, so
    # many edges between two large groups (hundreds of reports of one template) cost no more.
    refused: set[tuple[str, int, str, int]] = set()
    for _, x, y in edges:
        rx, ry = uf.find(x), uf.find(y)
        if rx == ry:
            continue
        key = (rx, len(uf.members[rx]), ry, len(uf.members[ry])) if rx < ry else \
            (ry, len(uf.members[ry]), rx, len(uf.members[rx]))
        if key in refused:
            continue
        if _can_join(uf.members[rx], uf.members[ry], recs, cons, threshold, cache, scorer):
            uf.union(rx, ry)
        else:
            refused.add(key)
    member_sets = sorted((tuple(sorted(m)) for m in uf.members.values()), key=lambda ids: ids[0])
    return [Group(i, ids) for i, ids in zip(assign_ids(member_sets, recs, previous), member_sets)]
