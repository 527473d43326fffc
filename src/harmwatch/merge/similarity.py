"""Pair scoring: how likely two reports' incidents are the same event.

:func:`compatible` is the hard part: two records that fail it are never in one incident (clustering
checks it for every pair of members, so no chain joins two far-apart incidents through a third),
except that strong name or address evidence lifts its time rule and its type rule
(:meth:`Scorer.name_linked`; places and tolls still apply):

* not the same document (a document's distinct incidents stay distinct), unless both are the same
  incident of two copies of one text (handled by the wire rule below, which needs other documents);
* the date windows overlap, the event types are compatible (blocking.types_compatible);
* time: the event date windows overlap, or the reports were published at most
  blocking.REPORT_DAYS days apart (an extracted date can be wrong; a report date rarely is), or
  the later report names a day of the earlier one's window (:func:`cites`: a follow-up weeks
  later, "was shot on March 3", dated by its own news);
* casualties: the figures can be one toll seen at two times (:func:`tolls_compatible`).

:func:`score` adds the evidence for a match, as log-odds-like points; each feature is general
(no dataset's values), and a pair merges when its score reaches :data:`THRESHOLD`:

* wire copy: the same document text (content hash) from another outlet, same incident position:
  decisive (:data:`W_WIRE`);
* text: TF-IDF cosine of the incidents' sentences (content words, hashed; the document
  frequencies are those of the records being merged, :class:`TextStats`, with a prior of
  :data:`PRIOR_DOCS` documents so that a small batch weighs every word alike);
* named victims shared;
* people named (:data:`records.MergeRecord.names`): the IDF of the rare name tokens two records
  share (:meth:`Scorer.name_evidence`); strong name evidence (:data:`NAME_STRONG`, about a rare
  first and last name) also lifts the time constraint for reports up to :data:`NAME_DAYS` apart
  (a follow-up on an arrest or a funeral weeks later, dated by its own news);
* a street address both name (:data:`W_ADDRESS`; it lifts the time constraint as strong name
  evidence does);
* victim ages (records.victim_ages) shared by two reports of one town (points at most
  :data:`AGE_KM` apart or the same place name): :data:`W_AGE` for the first, half as much for each
  further one (an age alone is common; the same ages in one town within days rarely are);
* place: distance between points, same place name, same admin2;
* date: the same day at day precision;
* casualties: equal specific tolls (more so when not zero);
* actors (named perpetrators) and weapons, shared or contradicting.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from harmwatch.merge.blocking import NAME_DAYS, NAME_MAX_DF, REPORT_DAYS, types_compatible
from harmwatch.merge.records import MergeRecord

#: two points further apart than this count against a match
MAX_KM = 40.0
#: score at or above which a pair merges
THRESHOLD = 2.0
#: pseudo-documents added to the document count of the IDF (small batches: every word alike)
PRIOR_DOCS = 200

W_WIRE = 10.0
W_TEXT = 10.0
W_VICTIMS = 1.5
W_SAME_DAY = 0.6
W_TOLL = 0.6
#: points per unit of shared-name IDF
W_NAME = 0.15
#: one shared street address
W_ADDRESS = 3.0
#: one shared victim age in one town (each further shared age adds half of it)
W_AGE = 1.0
#: "one town" for the age evidence: points at most this far apart
AGE_KM = 12.0
#: shared-name IDF that lifts the time constraint (two rare tokens: a first and a last name)
NAME_STRONG = 11.0
#: TF-IDF norms kept by a :class:`Scorer` before it forgets them all (memory stays bounded)
NORM_CACHE = 200_000


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _interval(f: tuple[int | None, int | None, int | None] | None) -> tuple[float, float] | None:
    if f is None:
        return None
    lo, best, hi = f
    lo = lo if lo is not None else (best if best is not None else 0)
    hi = hi if hi is not None else (best if best is not None else math.inf)
    return float(lo), float(hi)


def tolls_compatible(a: MergeRecord, b: MergeRecord) -> bool:
    """Two reports' killed figures can describe one incident: their ranges overlap, or the later
    report gives more (a toll rises over days as the wounded die and bodies are found); a later
    report with far fewer dead than an earlier one is another incident. Killed plus injured
    follows the same rule (an injured victim who dies moves from one count to the other)."""
    ka, kb = _interval(a.killed), _interval(b.killed)
    if ka is None or kb is None:
        return True
    if ka[0] <= kb[1] and kb[0] <= ka[1]:
        return True
    da, db = a.report_day, b.report_day
    if da is None or db is None or da == db:
        # no order between the reports: tolls differing by more than a few deaths disagree
        return abs(ka[0] - kb[0]) <= 2 or min(ka[0], kb[0]) > 0 and max(ka[0], kb[0]) <= 1.5 * min(ka[0], kb[0])
    early, late = (ka, kb) if da < db else (kb, ka)
    return late[0] >= early[0]


def places_compatible(a: MergeRecord, b: MergeRecord) -> bool:
    if a.has_point and b.has_point:
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= MAX_KM
    if a.country and b.country and a.country != b.country:
        return False
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False
    if a.admin2 and b.admin2 and a.admin2 != b.admin2 and not (a.has_point or b.has_point):
        return False
    return True


def places_agree(a: MergeRecord, b: MergeRecord) -> float:
    """Place evidence: positive when the places agree, negative when they contradict."""
    if a.has_point and b.has_point:
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
        return 0.6 if km <= 3 else 0.3 if km <= 12 else 0.0 if km <= 25 else -0.5 if km <= MAX_KM else -1.0
    if a.country and b.country and a.country != b.country:
        return -1.0
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return -1.0
    if a.admin2 and b.admin2 and a.admin2 != b.admin2 and not (a.has_point or b.has_point):
        return -0.5
    return 0.0


def same_town(a: MergeRecord, b: MergeRecord) -> bool:
    """Points at most AGE_KM apart, or the same place name (and no contradicting unit)."""
    if a.has_point and b.has_point:
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= AGE_KM
    return bool(a.place) and a.place == b.place and places_compatible(a, b)


def cites(a: MergeRecord, b: MergeRecord) -> bool:
    """The later report of the two names a day (records.cited_days) in the earlier one's event
    window, and the two were published at most NAME_DAYS apart (cited days are at most that far
    back) in places that can be one."""
    if a.report_day is None or b.report_day is None or a.report_day == b.report_day:
        return False
    early, late = (a, b) if a.report_day < b.report_day else (b, a)
    return (early.lo is not None and bool(late.cited) and any(early.lo <= d <= early.hi for d in late.cited)
            and places_compatible(a, b))


def times_compatible(a: MergeRecord, b: MergeRecord) -> bool:
    if a.lo is not None and b.lo is not None and a.lo <= b.hi and b.lo <= a.hi:
        return True
    if a.report_day is not None and b.report_day is not None and abs(a.report_day - b.report_day) <= REPORT_DAYS:
        return True
    return cites(a, b)


def compatible(a: MergeRecord, b: MergeRecord) -> bool:
    """The hard constraints (see the module docstring)."""
    if a.doc_id == b.doc_id:
        return False
    return times_compatible(a, b) and types_compatible(a, b) and tolls_compatible(a, b)


def is_wire_copy(a: MergeRecord, b: MergeRecord) -> bool:
    return bool(a.content_hash) and a.content_hash == b.content_hash and a.index == b.index and a.doc_id != b.doc_id


@dataclass
class TextStats:
    """Document frequencies of the hashed words over the records being merged (one count per
    record). A corpus statistic: the same records in any order or partition give the same counts
    (a partitioned run sums its partitions' counts before scoring)."""

    n: int = 0
    df: Counter = field(default_factory=Counter)
    name_df: Counter = field(default_factory=Counter)
    _w2: dict[int, float] = field(default_factory=dict, repr=False)  # idf squared, filled lazily

    @classmethod
    def of(cls, records: Iterable[MergeRecord]) -> TextStats:
        st = cls()
        for r in records:
            st.n += 1
            st.df.update(r.words)
            st.name_df.update(r.names)
            st.name_df.update(r.addresses)
        return st

    def idf(self, h: int) -> float:
        return math.log((self.n + PRIOR_DOCS + 1) / (self.df.get(h, 0) + 1))

    def w2(self, h: int) -> float:
        """idf(h) squared (cached: the hot path of the cosine)."""
        v = self._w2.get(h)
        if v is None:
            v = self._w2[h] = self.idf(h) ** 2
        return v


class Scorer:
    """Scores pairs with one :class:`TextStats`; caches each record's TF-IDF norm."""

    def __init__(self, stats: TextStats):
        self.stats = stats
        self._norm: dict[str, float] = {}

    def norm(self, r: MergeRecord) -> float:
        v = self._norm.get(r.record_id)
        if v is None:
            w2 = self.stats.w2
            v = math.sqrt(math.fsum(w2(h) for h in r.words))
            if len(self._norm) >= NORM_CACHE:  # bounded: a sweep scores the records of its open window
                self._norm.clear()
            self._norm[r.record_id] = v
        return v

    def cosine(self, a: MergeRecord, b: MergeRecord) -> float:
        if not a.words or not b.words:
            return 0.0
        w2 = self.stats.w2
        # fsum: exact, so the score does not depend on the sets' iteration order (a record read
        # back from disk rebuilds its sets in another order)
        dot = math.fsum(w2(h) for h in a.words & b.words)
        if not dot:
            return 0.0
        return dot / (self.norm(a) * self.norm(b))

    def name_evidence(self, a: MergeRecord, b: MergeRecord) -> float:
        """Sum of the IDF of the name tokens both records have and at most NAME_MAX_DF records have,
        times n / (n + PRIOR_DOCS): a batch too small to tell rare names from common ones (a famous
        name in the background of two unrelated reports) gives names little weight."""
        if not a.names or not b.names:
            return 0.0
        df, n = self.stats.name_df, self.stats.n
        shared = [h for h in a.names & b.names if df.get(h, 0) <= NAME_MAX_DF]
        idf = math.fsum(math.log((n + PRIOR_DOCS + 1) / (df.get(h, 0) + 1)) for h in shared)
        return idf * n / (n + PRIOR_DOCS)

    def name_linked(self, a: MergeRecord, b: MergeRecord, names: float) -> bool:
        """The time-lifted link: strong name evidence or a shared street address, reports at most
        NAME_DAYS apart, and nothing else contradicting (other document, tolls and places; an arrest
        typed as a strategic development names the people of the shooting it follows)."""
        return ((names >= NAME_STRONG or bool(a.addresses & b.addresses)) and a.doc_id != b.doc_id and a.report_day is not None
                and b.report_day is not None and abs(a.report_day - b.report_day) <= NAME_DAYS
                and tolls_compatible(a, b) and places_compatible(a, b))

    def score(self, a: MergeRecord, b: MergeRecord) -> float:
        """The evidence that ``a`` and ``b`` are one incident (symmetric); -inf when incompatible."""
        if a.record_id > b.record_id:
            a, b = b, a
        names = self.name_evidence(a, b)
        if not compatible(a, b) and not self.name_linked(a, b, names):
            return -math.inf
        if is_wire_copy(a, b):
            return W_WIRE
        s = W_TEXT * self.cosine(a, b) + W_NAME * names
        if a.addresses & b.addresses:
            s += W_ADDRESS
        if a.victims & b.victims:
            s += W_VICTIMS
        s += places_agree(a, b)
        shared_ages = len(a.ages & b.ages)
        if shared_ages and same_town(a, b):
            s += W_AGE * (1 + 0.5 * (shared_ages - 1))
        if a.place and a.place == b.place:
            s += 0.3
        # date
        if a.lo is not None and b.lo is not None and a.lo <= b.hi and b.lo <= a.hi:
            if a.date_precision == "day" and b.date_precision == "day" and a.date_start and b.date_start:
                s += W_SAME_DAY if a.date_start == b.date_start else -W_SAME_DAY
        elif not cites(a, b):
            s -= 1.0  # linked by report dates only: the extracted event dates disagree
        # casualties
        for fa, fb in ((a.killed, b.killed), (a.injured, b.injured)):
            if fa and fb and fa[1] is not None and fa[1] == fb[1] and fa[0] == fa[2] and fb[0] == fb[2]:
                s += W_TOLL if fa[1] > 0 else 0.2
        ka, kb = _interval(a.killed), _interval(b.killed)
        if ka and kb and not (ka[0] <= kb[1] and kb[0] <= ka[1]):
            s -= 0.4  # compatible only as a rising toll
        # actors and weapons
        if a.actors and b.actors:
            s += 0.5 if a.actors & b.actors else -0.5
        if a.weapons and b.weapons and not (a.weapons & b.weapons):
            s -= 0.2
        if a.sub_event_type and b.sub_event_type and a.sub_event_type != b.sub_event_type:
            s -= 0.2
        return s
