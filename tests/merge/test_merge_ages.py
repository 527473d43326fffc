"""Victim ages as merge evidence: the ages news gives for people, and their weight in one town.
(Invented sentences.)"""

from __future__ import annotations

from harmwatch.merge import similarity
from harmwatch.merge.records import MergeRecord, victim_ages


def test_victim_ages_reads_the_news_forms_and_not_dates_or_counts():
    assert victim_ages(["Police identified the victim as Dana Kell, 31, of Elm Grove."]) == {31}
    assert victim_ages(["A 27-year-old man and a 9-year-old girl were hit."]) == {27, 9}
    assert victim_ages(["The boy, aged 14, was taken to a hospital.", "Ann Moe (62) died."]) == {14, 62}
    assert victim_ages(["On June 5, 2016, 12 shots were fired at 3 cars; 145 rounds were found."]) == frozenset()


def _rec(rid: str, lat: float, lon: float, ages: frozenset[int]) -> MergeRecord:
    return MergeRecord(record_id=rid, doc_id=rid.split("#")[0], index=0, lo=100, hi=102, report_day=102,
                       event_type="Violence against civilians", country="US", admin1="ohio", place="dayton",
                       lat=lat, lon=lon, place_precision="town", ages=ages)


def test_shared_ages_count_in_one_town_only():
    a = _rec("a#0", 39.76, -84.19, frozenset({31, 27}))
    scorer = similarity.Scorer(similarity.TextStats.of([a]))
    none = scorer.score(a, _rec("b#0", 39.76, -84.19, frozenset({45})))
    one = scorer.score(a, _rec("b#0", 39.76, -84.19, frozenset({31})))
    two = scorer.score(a, _rec("b#0", 39.76, -84.19, frozenset({31, 27})))
    assert none < one < two
    assert abs(one - none - similarity.W_AGE) < 1e-9
    # 30 km away (same place name, another town's point): the ages say nothing
    far_none = scorer.score(a, _rec("b#0", 39.76, -83.84, frozenset({45})))
    far_two = scorer.score(a, _rec("b#0", 39.76, -83.84, frozenset({31, 27})))
    assert far_two == far_none
