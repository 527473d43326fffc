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

import bisect
import hashlib
import itertools
import mmap
import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from harmwatch.merge import similarity
from harmwatch.merge.blocking import (candidate_pairs, cited_candidate_pairs, cited_order, dated_order,
                                      name_candidate_pairs, name_order, place_order, text_candidate_pairs,
                                      text_order)
from harmwatch.merge.records import MergeRecord

#: average linkage: the mean score of all member pairs must reach this share of the threshold
LINK_SHARE = 0.75
#: complete-linkage floor: every pair of members must score at least this
PAIR_FLOOR = 0.0
#: cluster() keeps at most this many records in memory; more go to a temporary file
SPILL_RECORDS = 20_000

_ORDERS = {"place": place_order, "text": text_order, "name": name_order, "cited": cited_order,
           "dated": dated_order}
_NO_DAY = -(2 ** 62)  # "none" in the arrays of day numbers


@dataclass(frozen=True)
class Constraints:
    """Reviewer decisions, as record-id pairs (each pair stored smaller id first)."""

    must_link: frozenset[tuple[str, str]] = frozenset()
    cannot_link: frozenset[tuple[str, str]] = frozenset()

    @staticmethod
    def pair(a: str, b: str) -> tuple[str, str]:
        return (a, b) if a < b else (b, a)


@dataclass(frozen=True, slots=True)
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


class _Stub:
    """What incident ids need of a record: its id and report day."""

    __slots__ = ("record_id", "report_day")

    def __init__(self, record_id: str, report_day: int | None):
        self.record_id, self.report_day = record_id, report_day


class _Records:
    """The records being merged, numbered in record-id order (a later record with the same id
    replaces an earlier one). A list or tuple is used as it is; records from any other iterable are
    held in memory up to :data:`SPILL_RECORDS`, past that they are pickled to a temporary file and
    read back when a sweep or a component needs them, so memory holds a few numbers per record (id,
    report day, the routes' sort keys, file offset), not the records."""

    def __init__(self, records: Iterable[MergeRecord], spill_after: int, want_stats: bool):
        if isinstance(records, (list, tuple)):
            spill_after = 1 << 62  # the caller holds them all already: a copy on disk saves nothing
        ids: list[str] = []
        keys = {name: array("q") for name in _ORDERS}
        report = array("q")
        self._mem: list[MergeRecord] | None = []
        self._file = None
        self._map: mmap.mmap | None = None
        off = array("q")
        self.stats = similarity.TextStats() if want_stats else None
        for r in records:
            ids.append(r.record_id)
            report.append(_NO_DAY if r.report_day is None else r.report_day)
            for name, order in _ORDERS.items():
                k = order(r)
                keys[name].append(_NO_DAY if k is None else k[0])
            if self.stats is not None:
                _add_stats(self.stats, r, 1)
            if self._mem is not None and len(self._mem) >= spill_after:
                self._file = tempfile.TemporaryFile(prefix="harmwatch-merge-")
                for old in self._mem:
                    off.append(self._file.tell())
                    pickle.dump(old, self._file, protocol=pickle.HIGHEST_PROTOCOL)
                self._mem = None
            if self._mem is not None:
                self._mem.append(r)
            else:
                off.append(self._file.tell())
                pickle.dump(r, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        if self._file is not None:
            off.append(self._file.tell())
            self._file.flush()
            self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ) if off[-1] else None
        # record-id order; of equal ids the last one read
        order = sorted(range(len(ids)), key=lambda i: (ids[i], i))
        sel = [i for j, i in enumerate(order) if j + 1 == len(order) or ids[order[j + 1]] != ids[i]]
        if self.stats is not None and len(sel) < len(order):
            kept = set(sel)
            for i in order:
                if i not in kept:
                    _add_stats(self.stats, self._load(i, off), -1)
        self.ids = [ids[i] for i in sel]
        del ids, order
        self._where = array("q", sel)
        self._off = off
        self.report = array("q", (report[i] for i in sel))
        self.keys = {name: array("q", (k[i] for i in sel)) for name, k in keys.items()}

    def __len__(self) -> int:
        return len(self.ids)

    def _load(self, i: int, off: array) -> MergeRecord:
        if self._mem is not None:
            return self._mem[i]
        return pickle.loads(self._map[off[i]:off[i + 1]])

    def get(self, k: int) -> MergeRecord:
        return self._load(self._where[k], self._off)

    def index(self, record_id: str) -> int:
        k = bisect.bisect_left(self.ids, record_id)
        return k if k < len(self.ids) and self.ids[k] == record_id else -1

    def in_order(self, name: str) -> Iterator[MergeRecord]:
        """The records of one route in its sweep order (blocking.place_order etc.), read one by one."""
        key = self.keys[name]
        for k in sorted((k for k in range(len(key)) if key[k] != _NO_DAY), key=key.__getitem__):
            yield self.get(k)

    def stub(self, k: int) -> _Stub:
        d = self.report[k]
        return _Stub(self.ids[k], None if d == _NO_DAY else d)

    def close(self) -> None:
        if self._map is not None:
            self._map.close()
        if self._file is not None:
            self._file.close()


class _Stubs:
    """record id -> :class:`_Stub`, for :func:`assign_ids` (read-only, no copy of the records)."""

    def __init__(self, store: _Records):
        self._s = store

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and self._s.index(record_id) >= 0

    def __getitem__(self, record_id: str) -> _Stub:
        k = self._s.index(record_id)
        if k < 0:
            raise KeyError(record_id)
        return self._s.stub(k)

    def __bool__(self) -> bool:
        return len(self._s) > 0


def _add_stats(st: similarity.TextStats, r: MergeRecord, sign: int) -> None:
    st.n += sign
    if sign > 0:
        st.df.update(r.words)
        st.name_df.update(r.names)
        st.name_df.update(r.addresses)
    else:
        st.df.subtract(r.words)
        st.name_df.subtract(r.names)
        st.name_df.subtract(r.addresses)


def _find(parent: array, x: int) -> int:
    root = x
    while parent[root] != root:
        root = parent[root]
    while parent[x] != root:
        parent[x], x = root, parent[x]
    return root


def cluster(records: Iterable[MergeRecord], *, constraints: Constraints | None = None,
            existing: Iterable[Iterable[str]] | None = None, new_ids: set[str] | None = None,
            threshold: float | None = None, stats: similarity.TextStats | None = None,
            previous: dict[str, str] | None = None) -> list[Group]:
    """Group ``records`` into incidents (see the module docstring); groups sorted by first member id.

    ``previous``: record id -> incident id of an earlier merge (ids are kept, :func:`assign_ids`).

    ``stats``: the document frequencies to score with (default: those of ``records``; an
    incremental or partitioned run passes the whole corpus's).

    Bounded work and memory: ``records`` is read once (any iterable; past :data:`SPILL_RECORDS` the
    records go to a temporary file), each route sweeps them in its order holding only its open
    window, only the pairs at or above the threshold are kept (as numbers), and the greedy runs on
    each connected component of those pairs (plus earlier groups and reviewer joins) on its own,
    with its own score cache: a component's joins only ever read its own members, so the groups
    are the same as one greedy over all pairs sorted together."""
    threshold = similarity.THRESHOLD if threshold is None else threshold
    cons = constraints or Constraints()
    store = _Records(records, SPILL_RECORDS, stats is None)
    try:
        return _cluster(store, cons, existing, new_ids, threshold, stats or store.stats, previous)
    finally:
        store.close()


def _cluster(store: _Records, cons: Constraints, existing: Iterable[Iterable[str]] | None, new_ids: set[str] | None,
             threshold: float, stats: similarity.TextStats, previous: dict[str, str] | None) -> list[Group]:
    n = len(store)
    ids = store.ids
    scorer = similarity.Scorer(stats)
    neg, ea, eb = array("d"), array("q"), array("q")  # the pairs at or above the threshold
    for route, name in ((candidate_pairs(store.in_order("place"), only=new_ids, presorted=True), "place"),
                        (text_candidate_pairs(store.in_order("text"), stats.df, only=new_ids, presorted=True), "text"),
                        (name_candidate_pairs(store.in_order("name"), stats.name_df, only=new_ids, presorted=True),
                         "name"),
                        (cited_candidate_pairs(store.in_order("cited"), store.in_order("dated"), stats.name_df,
                                               only=new_ids), "cited")):
        for a, b in route:  # the routes never yield the same pair twice
            s = scorer.score(a, b)
            if s >= threshold:
                neg.append(-s)
                ea.append(store.index(a.record_id))
                eb.append(store.index(b.record_id))
    # links that join records whatever their scores: earlier groups, then reviewer joins
    links: list[tuple[int, int]] = []
    for grp in existing or ():
        ks = sorted(k for k in (store.index(x) for x in grp) if k >= 0)
        links += [(ks[0], k) for k in ks[1:]]
    for a, b in sorted(cons.must_link):
        ka, kb = store.index(a), store.index(b)
        if ka >= 0 and kb >= 0:
            links.append((ka, kb))
    # connected components of the kept pairs and the links
    parent = array("q", range(n))
    for x, y in itertools.chain(zip(ea, eb), links):
        rx, ry = _find(parent, x), _find(parent, y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    size = array("q", bytes(8 * n))
    for k in range(n):
        size[_find(parent, k)] += 1  # and now parent[k] is k's root
    groups: list[tuple[str, ...]] = []
    comp_members: dict[int, list[int]] = {}
    for k in range(n):
        if size[parent[k]] == 1:
            groups.append((ids[k],))
        else:
            comp_members.setdefault(parent[k], []).append(k)
    del size
    comp_edges: dict[int, list[int]] = {}
    for e in range(len(neg)):
        comp_edges.setdefault(parent[ea[e]], []).append(e)
    comp_links: dict[int, list[tuple[int, int]]] = {}
    for x, y in links:
        comp_links.setdefault(parent[x], []).append((x, y))
    for root, members in comp_members.items():
        es = comp_edges.get(root, ())
        if len(members) == 2 and len(es) == 1 and root not in comp_links:
            # one kept pair and nothing else: the join test needs no record (the pair's score is
            # finite, so its documents differ), so none is read back
            x, y = ids[members[0]], ids[members[1]]
            sc = -neg[es[0]]
            if (x, y) not in cons.cannot_link and sc >= PAIR_FLOOR and sc >= LINK_SHARE * threshold:
                groups.append((x, y))
            else:
                groups += [(x,), (y,)]
            continue
        groups += _greedy(store, members, comp_links.get(root, ()), comp_edges.get(root, ()), neg, ea, eb,
                          cons, threshold, scorer)
    del comp_members, comp_edges, comp_links
    groups.sort(key=lambda g: g[0])
    return [Group(i, g) for i, g in zip(assign_ids(groups, _Stubs(store), previous), groups)]


def _greedy(store: _Records, members: list[int], links: Iterable[tuple[int, int]], edges: list[int], neg: array,
            ea: array, eb: array, cons: Constraints, threshold: float, scorer: similarity.Scorer
            ) -> list[tuple[str, ...]]:
    """The constrained greedy agglomeration of one connected component (members in record-id
    order, as their index is): earlier groups and reviewer joins first, then the kept pairs best
    first, ties by ids."""
    ids = store.ids
    recs = {ids[k]: store.get(k) for k in members}
    uf = _UF()
    for k in members:
        uf.add(ids[k])
    for x, y in links:
        uf.union(ids[x], ids[y])
    cache: dict[tuple[str, str], float] = {}
    order = sorted(edges, key=lambda e: (neg[e], ea[e], eb[e]))
    for e in order:
        cache[(ids[ea[e]], ids[eb[e]])] = -neg[e]
    # Two groups that could not join cannot join on a later edge between them either while neither
    # has changed (the test reads only their members): remembered by the groups' sizes, which grow
    # with every union. With every pair's score kept in ``cache``, each pair is scored once, so
    # many edges between two large groups (hundreds of reports of one template) cost no more.
    refused: set[tuple[str, int, str, int]] = set()
    for e in order:
        x, y = ids[ea[e]], ids[eb[e]]
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
    return [tuple(sorted(m)) for m in uf.members.values()]
