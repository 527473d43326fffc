"""Blocking: the candidate pairs worth scoring, never all pairs.

Two records are candidates when

* their date windows overlap (each window already widened by its date's precision, see
  records.date_window), and
* their places can be the same: two points lie in the same or neighbouring grid cells
  (:data:`CELL_DEG`, about 28 km, so every pair closer than one cell is found); a record known
  only to an admin2 or admin1 unit meets every record of that unit (a record known only to its
  country is left to the text route: a country-day block is most of a day's news, and on
  gva_shootings and MUC it found no pair the text route does not); and
* their event types are compatible (:func:`types_compatible`: violent events with violent events,
  protests and strategic developments with their own kind);

or (the text route, for reports whose extracted date or place is wrong) when

* they were published (else: their event windows centre) at most :data:`REPORT_DAYS` days apart
  and share one of their
  :data:`TEXT_KEYS` rarest words that some other record has (by document frequency over the records
  being merged).

or (the name route, for follow-ups weeks later whose extracted date is the later news') when

* they were published more than :data:`REPORT_DAYS` and at most :data:`NAME_DAYS` days apart, lie in
  the same admin1 unit (else country), and share a name token (records.person_names) that at most
  :data:`NAME_MAX_DF` records have, or a street address (an inverted index of (unit, token) over a sliding window of report
  days: a rare token's postings list is short by definition).

or (the cited route, for follow-ups that name the day of the shooting they follow) when

* the later report cites a day (records.cited_days: "was shot on March 3") that lies in the earlier
  record's event window, they lie in the same admin1 unit (else country), were published more than
  :data:`REPORT_DAYS` and at most :data:`NAME_DAYS` days apart and their own windows do not overlap
  (an index of the citing records by (unit, cited day), then one pass over the dated records; few
  reports cite an earlier day, and with none the pass is skipped).

The sweep walks the records once in order of window start, keeping only the records whose window
is still open (bounded memory: a few weeks of records, whatever the corpus size), with a spatial
index of those active records. Cost: O(n log n) for the sort plus the candidates found. Pairs come
out as (record_id, record_id) with the smaller id first, each once, in an order that depends only
on the records, not on their input order. Two records of one document are never a pair (they never
merge). The records can come already in a route's order (``presorted``), streamed from disk.

Dense blocks (hundreds of near-identical reports of one day and place: a template repeated, a
flood of copies): each route looks at most at the :data:`SCAN` latest open records of a key and
keeps at most :data:`MAX_CANDIDATES` candidates of a record, the most alike by a cheap key
(:func:`nearest`), so a block of n costs about n x MAX_CANDIDATES scores instead of n^2 / 2. No key
of ordinary data comes near either cap (the same pairs on gva_shootings, muc34 and 100k synthetic
records, docs/EVALUATION.md).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from functools import lru_cache

from harmwatch.merge.records import NAME_DAYS, REPORT_DAYS, MergeRecord

#: the text route: each record is indexed under its rarest words, this many
TEXT_KEYS = 12

#: the name route: only tokens of at most this many records are keys
NAME_MAX_DF = 10

#: candidates of one record kept by each route in a dense block (see :func:`nearest`)
MAX_CANDIDATES = 64
#: open records of one key (cell, unit, word) that a record is compared with, the latest first
SCAN = 256

#: grid cell size in degrees of latitude (longitude cells are widened by 1/cos(lat))
CELL_DEG = 0.25

_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})


def type_group(event_type: str | None) -> str | None:
    if not event_type:
        return None
    return "violent" if event_type in _VIOLENT else event_type


def types_compatible(a: MergeRecord, b: MergeRecord) -> bool:
    """Unknown types are compatible with anything; known ones must share a group."""
    ga, gb = type_group(a.event_type), type_group(b.event_type)
    return ga is None or gb is None or ga == gb


@lru_cache(maxsize=1 << 16)
def cell(lat: float, lon: float) -> tuple[int, int]:
    row = math.floor(lat / CELL_DEG)
    width = CELL_DEG / max(0.2, math.cos(math.radians((row + 0.5) * CELL_DEG)))
    return row, math.floor(lon / width)


@lru_cache(maxsize=1 << 16)
def _neighbour_cells(lat: float, lon: float) -> tuple[tuple[int, int], ...]:
    row, _ = cell(lat, lon)
    out = []
    for dr in (-1, 0, 1):
        r = row + dr
        width = CELL_DEG / max(0.2, math.cos(math.radians((r + 0.5) * CELL_DEG)))
        c = math.floor(lon / width)
        out += [(r, c - 1), (r, c), (r, c + 1)]
    return tuple(out)


def unit_key(r: MergeRecord) -> tuple | None:
    """The admin unit a record without a point is known to (its finest one)."""
    if r.country is None:
        return None
    if r.admin2 and r.admin1:
        return ("a2", r.country, r.admin1, r.admin2)
    if r.admin1:
        return ("a1", r.country, r.admin1)
    return None  # a country alone is no place block (the text route still finds its reports)


def _unit_keys(r: MergeRecord) -> list[tuple]:
    """Every unit a record lies in (a point lies in its admin2, admin1 and country)."""
    if r.country is None:
        return []
    out: list[tuple] = []
    if r.admin1:
        out.append(("a1", r.country, r.admin1))
        if r.admin2:
            out.append(("a2", r.country, r.admin1, r.admin2))
    return out


def place_route_pair(a: MergeRecord, b: MergeRecord) -> bool:
    """True if :func:`candidate_pairs` yields (a, b): the text route skips these pairs, so no pair is
    scored twice and no set of all scored pairs is kept."""
    if not (blockable(a) and blockable(b)) or a.hi < b.lo or b.hi < a.lo or not types_compatible(a, b):
        return False
    if a.has_point and b.has_point:
        return cell(b.lat, b.lon) in _neighbour_cells(a.lat, a.lon)
    if not a.has_point and unit_key(a) in _unit_keys(b):
        return True
    return not b.has_point and unit_key(b) in _unit_keys(a)


def blockable(r: MergeRecord) -> bool:
    return r.lo is not None and (r.has_point or unit_key(r) is not None)


def latest(lst) -> Iterable[MergeRecord]:
    """The records of one key (a cell, a unit, a word), at most the :data:`SCAN` that entered the
    sweep last (lists and queues are in sweep order): the work per record stays bounded in a dense
    block, and no key of ordinary data holds that many open records."""
    if len(lst) <= SCAN:
        return lst
    if isinstance(lst, deque):
        return itertools.islice(reversed(lst), SCAN)
    return lst[-SCAN:]


def nearness(r: MergeRecord, o: MergeRecord) -> tuple:
    """A cheap sort key of how alike two candidates are (smaller: more alike): the same toll, then
    the report days' and the event windows' distance, then the id (a total order)."""
    toll = 0 if r.killed and o.killed and r.killed[1] is not None and r.killed[1] == o.killed[1] else 1
    days = abs(r.report_day - o.report_day) if r.report_day is not None and o.report_day is not None else 1 << 20
    lo = abs(r.lo - o.lo) if r.lo is not None and o.lo is not None else 1 << 20
    return (toll, days, lo, o.record_id)


def nearest(r: MergeRecord, cands: list[MergeRecord]) -> list[MergeRecord]:
    """``cands`` by record id, or, when there are more than :data:`MAX_CANDIDATES` (a dense block:
    hundreds of near-identical reports of one day and place), the MAX_CANDIDATES most alike by
    :func:`nearness`: each record is scored against a bounded number of others, so a block of n
    costs n x MAX_CANDIDATES scores, not n^2 / 2. Clustering still checks every pair of members
    before two groups join, so a cut candidate can cost a join, never add a wrong one."""
    if len(cands) <= MAX_CANDIDATES:
        return sorted(cands, key=lambda o: o.record_id)
    near = heapq.nsmallest(MAX_CANDIDATES, cands, key=lambda o: nearness(r, o))
    return sorted(near, key=lambda o: o.record_id)


def place_order(r: MergeRecord) -> tuple | None:
    """The place route's sweep order (None: not in the route)."""
    return (r.lo, r.record_id) if blockable(r) else None


def text_order(r: MergeRecord) -> tuple | None:
    """The text route's sweep order (None: not in the route)."""
    if not r.words or (r.report_day is None and r.lo is None):
        return None
    return (_text_day(r), r.record_id)


def _text_day(r: MergeRecord) -> int:
    return r.report_day if r.report_day is not None else (r.lo + r.hi) // 2


def _name_unit(r: MergeRecord) -> tuple | None:
    return (r.country, r.admin1) if r.admin1 else (r.country,) if r.country else None


def name_order(r: MergeRecord) -> tuple | None:
    """The name route's sweep order (None: not in the route)."""
    if r.report_day is None or not (r.names or r.addresses) or _name_unit(r) is None:
        return None
    return (r.report_day, r.record_id)


def cited_order(r: MergeRecord) -> tuple | None:
    """The cited route's citing records (None: cites no day or has no unit)."""
    if not r.cited or r.report_day is None or _name_unit(r) is None:
        return None
    return (r.report_day, r.record_id)


def dated_order(r: MergeRecord) -> tuple | None:
    """The records the cited route looks up (None: no event window or no unit)."""
    if r.lo is None or r.report_day is None or _name_unit(r) is None:
        return None
    return (r.lo, r.record_id)


def _name_route_pair(a: MergeRecord, b: MergeRecord, name_df: dict[int, int]) -> bool:
    """True if :func:`name_candidate_pairs` yields (a, b) (same unit and report days already checked)."""
    shared = (a.names | a.addresses) & (b.names | b.addresses)
    return any(2 <= name_df.get(h, 0) <= NAME_MAX_DF for h in shared)


def _in_order(records: Iterable[MergeRecord], order, presorted: bool) -> Iterable[MergeRecord]:
    """The records of a route in its order: sorted here, or (``presorted``) already in that order and
    only filtered, so that a caller streaming them from disk holds only each sweep's open window."""
    if presorted:
        return (r for r in records if order(r) is not None)
    return sorted((r for r in records if order(r) is not None), key=order)


def candidate_pairs(records: Iterable[MergeRecord], *, only: set[str] | None = None,
                    presorted: bool = False) -> Iterator[tuple[MergeRecord, MergeRecord]]:
    """Candidate pairs (a, b), a.record_id < b.record_id, each once.

    ``only``: when given, only pairs with at least one record id in it (incremental merging: the
    pairs that involve new records). ``presorted``: the records come in :func:`place_order`."""
    recs = _in_order(records, place_order, presorted)
    # active records, keyed by spatial key; expiry by window end
    by_cell: dict[tuple[int, int], list[MergeRecord]] = defaultdict(list)
    by_unit: dict[tuple, list[MergeRecord]] = defaultdict(list)
    coarse_by_unit: dict[tuple, list[MergeRecord]] = defaultdict(list)
    heap: list[tuple[int, str, int]] = []  # (hi, record_id, serial)
    serial = 0
    alive: dict[int, MergeRecord] = {}

    def expire(before: int) -> None:
        while heap and heap[0][0] < before:
            _, _, s = heapq.heappop(heap)
            r = alive.pop(s)
            if r.has_point:
                lst = by_cell[cell(r.lat, r.lon)]
                lst.remove(r)
                if not lst:
                    del by_cell[cell(r.lat, r.lon)]
            for k in _unit_keys(r):
                lst = by_unit[k]
                lst.remove(r)
                if not lst:
                    del by_unit[k]
            if not r.has_point:
                k = unit_key(r)
                lst = coarse_by_unit[k]
                lst.remove(r)
                if not lst:
                    del coarse_by_unit[k]

    for r in recs:
        expire(r.lo)
        found: dict[str, MergeRecord] = {}
        if r.has_point:
            for c in _neighbour_cells(r.lat, r.lon):
                for o in latest(by_cell.get(c, ())):
                    found[o.record_id] = o
            # coarse records of the units this point lies in
            for k in _unit_keys(r):
                for o in latest(coarse_by_unit.get(k, ())):
                    found[o.record_id] = o
        else:
            k = unit_key(r)
            for o in latest(by_unit.get(k, ())):
                found[o.record_id] = o
            # coarser records of the units above this one (an admin1-only record meets admin2 ones)
            for kk in _unit_keys(r):
                if kk != k:
                    for o in latest(coarse_by_unit.get(kk, ())):
                        found[o.record_id] = o
        cands = [o for o in found.values()  # active, so o.lo <= r.lo <= o.hi: the windows overlap
                 if o.doc_id != r.doc_id and (only is None or r.record_id in only or o.record_id in only)
                 and types_compatible(r, o)]
        for o in nearest(r, cands):
            yield (o, r) if o.record_id < r.record_id else (r, o)
        serial += 1
        alive[serial] = r
        heapq.heappush(heap, (r.hi, r.record_id, serial))
        if r.has_point:
            by_cell[cell(r.lat, r.lon)].append(r)
        else:
            coarse_by_unit[unit_key(r)].append(r)
        for k in _unit_keys(r):
            by_unit[k].append(r)


def text_candidate_pairs(records: Iterable[MergeRecord], df: dict[int, int], *, only: set[str] | None = None,
                         presorted: bool = False) -> Iterator[tuple[MergeRecord, MergeRecord]]:
    """The text route: pairs published at most REPORT_DAYS apart sharing one of their rarest words
    (ties between equally rare words broken by hash value, so keys do not depend on input order).
    ``presorted``: the records come in :func:`text_order`."""
    day = _text_day
    recs = _in_order(records, text_order, presorted)
    # records enter in time order and leave in time order: each postings list is a queue
    post: dict[int, deque[MergeRecord]] = defaultdict(deque)
    window: deque[tuple[MergeRecord, tuple[int, ...]]] = deque()
    for r in recs:
        while window and day(window[0][0]) < day(r) - REPORT_DAYS:
            old, keys = window.popleft()
            for k in keys:
                lst = post[k]
                lst.popleft()
                if not lst:
                    del post[k]
        # a word no other record has cannot pair: the keys are the rarest shared words
        keys = tuple(sorted((h for h in r.words if df.get(h, 0) >= 2), key=lambda h: (df[h], h))[:TEXT_KEYS])
        found: dict[str, MergeRecord] = {}
        for k in keys:
            for o in latest(post.get(k, ())):
                found[o.record_id] = o
        cands = [o for o in found.values()
                 if o.doc_id != r.doc_id and (only is None or r.record_id in only or o.record_id in only)
                 and types_compatible(r, o) and not place_route_pair(o, r)]
        for o in nearest(r, cands):
            yield (o, r) if o.record_id < r.record_id else (r, o)
        window.append((r, keys))
        for k in keys:
            post[k].append(r)


def name_candidate_pairs(records: Iterable[MergeRecord], name_df: dict[int, int], *, only: set[str] | None = None,
                         presorted: bool = False) -> Iterator[tuple[MergeRecord, MergeRecord]]:
    """The name route (see the module docstring): pairs published more than REPORT_DAYS and at most
    NAME_DAYS apart, in one admin1 unit (else country), sharing a name token of at most NAME_MAX_DF
    records. Disjoint from the other routes (they only pair reports at most REPORT_DAYS apart).
    ``presorted``: the records come in :func:`name_order`."""
    unit = _name_unit
    recs = _in_order(records, name_order, presorted)
    post: dict[tuple, deque[MergeRecord]] = defaultdict(deque)
    window: deque[tuple[MergeRecord, tuple[tuple, ...]]] = deque()
    for r in recs:
        while window and window[0][0].report_day < r.report_day - NAME_DAYS:
            _, keys = window.popleft()
            for k in keys:
                lst = post[k]
                lst.popleft()
                if not lst:
                    del post[k]
        u = unit(r)
        keys = tuple(sorted((u, h) for h in r.names | r.addresses if 2 <= name_df.get(h, 0) <= NAME_MAX_DF))
        found: dict[str, MergeRecord] = {}
        for k in keys:
            for o in post.get(k, ()):
                if r.report_day - o.report_day > REPORT_DAYS:
                    found[o.record_id] = o
        for oid in sorted(found):
            o = found[oid]
            if o.doc_id == r.doc_id:
                continue
            if only is not None and r.record_id not in only and o.record_id not in only:
                continue
            yield (o, r) if o.record_id < r.record_id else (r, o)
        window.append((r, keys))
        for k in keys:
            post[k].append(r)


def cited_candidate_pairs(citing: Iterable[MergeRecord], dated: Iterable[MergeRecord], name_df: dict[int, int], *,
                          only: set[str] | None = None) -> Iterator[tuple[MergeRecord, MergeRecord]]:
    """The cited route (see the module docstring): ``citing`` are the records of :func:`cited_order`,
    ``dated`` those of :func:`dated_order` (any order). Disjoint from the other routes: the place and
    text routes pair overlapping windows or reports at most REPORT_DAYS apart, and the pairs of the
    name route are skipped here."""
    index: dict[tuple, list[MergeRecord]] = defaultdict(list)
    for b in citing:
        u = _name_unit(b)
        for d in sorted(b.cited):
            index[(u, d)].append(b)
    if not index:
        return
    for a in dated:
        u = _name_unit(a)
        found: dict[str, MergeRecord] = {}
        for d in range(a.lo, a.hi + 1):
            for b in latest(index.get((u, d), ())):
                found[b.record_id] = b
        cands = [b for b in found.values()
                 if b.doc_id != a.doc_id and REPORT_DAYS < b.report_day - a.report_day <= NAME_DAYS
                 and not (b.lo is not None and b.lo <= a.hi and a.lo <= b.hi)
                 and (only is None or a.record_id in only or b.record_id in only)
                 and types_compatible(a, b) and not _name_route_pair(a, b, name_df)]
        for b in nearest(a, cands):
            yield (a, b) if a.record_id < b.record_id else (b, a)
