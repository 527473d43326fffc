"""Name and address evidence (the follow-up weeks later) and stable incident ids.

Example sentences are invented."""

from __future__ import annotations

import dataclasses

from harmwatch.merge import assign_ids, cluster, incident_id, merge_results, records_from_result
from harmwatch.merge import similarity as SIM
from harmwatch.merge.blocking import cited_candidate_pairs, cited_order, dated_order, name_candidate_pairs
from harmwatch.merge.records import cited_days, day_ordinal, person_names, street_addresses, word_hash


def test_person_names_keep_people_and_drop_officials_places_and_words():
    s = ["Korvin Maddaleno, 24, was found near Elmsworth Park by his cousin Teodora Maddaleno.",
         "Mayor Quillon Ashgrove said the Violent Crimes Unit had a lead, according to Detective Brisa Yellowell."]
    names = person_names(s, frozenset({"elmsworth"}))
    assert {"korvin", "maddaleno", "teodora"} <= names
    assert not names & {"quillon", "ashgrove", "brisa", "yellowell"}  # officials: quoted in many incidents
    assert not names & {"violent", "crimes", "unit", "park", "elmsworth", "mayor"}  # English and place words


def test_street_addresses_ignore_direction_and_street_type():
    a = street_addresses(["Officers went to the 1400 block of North Quarry Hill Street about 2 a.m."])
    b = street_addresses(["The shooting happened in the 1400 block of Quarry Hill St., neighbours said."])
    assert a == b == {"1400 quarry hill"}


def _base(seed_text, extract_fn):
    return records_from_result(extract_fn("seed", seed_text, published="2017-06-05"))[0]


def test_follow_up_weeks_later_merges_by_rare_names_only(seed_text, extract_fn):
    """A follow-up 60 days later, dated by its own news, joins the first report when both name
    the same rare first and last name in one admin1 unit; without the names it stays apart."""
    base = _base(seed_text, extract_fn)
    rare = frozenset({word_hash("korvin"), word_hash("maddaleno")})
    first = dataclasses.replace(base, record_id="a#0", doc_id="a", names=rare, words=frozenset({1, 2, 3, 4}))
    day = base.report_day + 60
    later = dataclasses.replace(first, record_id="b#0", doc_id="b", report_day=day, lo=day - 7, hi=day,
                                date_start=None, date_end=None, words=frozenset({1, 2, 5, 6}))
    # a corpus around them (other days, other people), so that the two names are rare in it
    others = [dataclasses.replace(base, record_id=f"o{k}#0", doc_id=f"o{k}", names=frozenset({word_hash(f"n{k}")}),
                                  words=frozenset({100 + k}), report_day=base.report_day + 200 + 20 * k,
                                  lo=base.report_day + 190 + 20 * k, hi=base.report_day + 200 + 20 * k)
              for k in range(2000)]
    recs = [first, later, *others]
    stats = SIM.TextStats.of(recs)
    assert not SIM.compatible(first, later)  # the time constraint alone keeps them apart
    assert {(a.record_id, b.record_id) for a, b in name_candidate_pairs(recs, stats.name_df)} == {("a#0", "b#0")}
    assert ("a#0", "b#0") in {g.record_ids for g in cluster(recs)}
    unnamed = [dataclasses.replace(r, names=frozenset()) for r in (first, later)] + others
    assert all(len(g.record_ids) == 1 for g in cluster(unnamed))
    # a far-away place is never lifted by names
    moved = dataclasses.replace(later, lat=(later.lat or 0.0) + 3.0, lon=later.lon)
    if later.has_point:
        assert all(len(g.record_ids) == 1 for g in cluster([first, moved, *others]))


def test_cited_days_are_explicit_earlier_dates_outside_the_records_own_window():
    sents = ["Dana Roe was shot on March 3 outside a bar, prosecutors said Friday.",
             "The trial opened on May 8. A hearing is set for April 30, 2023."]
    got = cited_days(sents, "2023-05-10", None, None)
    # March 3 is cited; Friday (relative), May 8 (two days back) and the future hearing are not
    assert got == {day_ordinal("2023-03-03")}
    # a date inside the record's own event window is its own date, not a citation
    own = day_ordinal("2023-03-03")
    assert cited_days(sents, "2023-05-10", own - 1, own + 1) == frozenset()
    assert cited_days(sents, None, None, None) == frozenset()


def test_follow_up_that_cites_the_day_joins_the_first_report(seed_text, extract_fn):
    """A follow-up published 70 days later, dated by its own news, that names the day of the attack
    meets the first report through the cited route and merges with it; citing another day, it stays
    apart (its extracted date and the first report's do not overlap)."""
    follow_text = ("Iraqi investigators said on Sunday they had identified the ISIS gunmen who opened fire on "
                   "families fleeing the al-Zanjili neighbourhood of western Mosul on June 3, killing at least "
                   "250 civilians, including women and children, as they escaped towards the security forces.")
    follow = records_from_result(extract_fn("f", follow_text, published="2017-08-13"))
    assert follow and day_ordinal("2017-06-03") in follow[0].cited
    base = _base(seed_text, extract_fn)
    first = dataclasses.replace(base, record_id="a#0", doc_id="a", words=frozenset({1, 2, 3, 4}))
    day = base.report_day + 70
    later = dataclasses.replace(first, record_id="b#0", doc_id="b", report_day=day, lo=day - 1, hi=day + 1,
                                date_start=None, date_end=None, words=frozenset({1, 2, 3, 5}),
                                cited=frozenset({base.lo + 1}))
    others = [dataclasses.replace(base, record_id=f"o{k}#0", doc_id=f"o{k}", words=frozenset({100 + k}),
                                  report_day=base.report_day + 200 + 20 * k,
                                  lo=base.report_day + 190 + 20 * k, hi=base.report_day + 200 + 20 * k)
              for k in range(50)]
    recs = [first, later, *others]
    assert SIM.compatible(first, later) and SIM.cites(later, first)
    citing = [r for r in recs if cited_order(r)]
    dated = [r for r in recs if dated_order(r)]
    stats = SIM.TextStats.of(recs)
    assert [(a.record_id, b.record_id) for a, b in cited_candidate_pairs(citing, dated, stats.name_df)] == [("a#0", "b#0")]
    assert ("a#0", "b#0") in {g.record_ids for g in cluster(recs)}
    elsewhere = dataclasses.replace(later, cited=frozenset({base.lo - 30}))
    assert not SIM.compatible(first, elsewhere)
    assert all(len(g.record_ids) == 1 for g in cluster([first, elsewhere, *others]))


def test_incident_id_survives_a_later_report_whose_doc_id_sorts_first(seed_text, extract_fn):
    a = {**extract_fn("m-outlet", seed_text, published="2017-06-05"), "source": "m"}
    b = {**extract_fn("a-outlet", seed_text, published="2017-06-07"), "source": "a"}
    before = merge_results([a])
    after = merge_results([a, b])
    lead_before = next(m for m in before if "m-outlet#0" in m["record_ids"])
    lead_after = next(m for m in after if "m-outlet#0" in m["record_ids"])
    assert "a-outlet#0" in lead_after["record_ids"]  # the later report joined (and sorts first)
    assert lead_after["incident_id"] == lead_before["incident_id"]


def test_previous_ids_are_kept_when_an_earlier_report_arrives_or_incidents_join():
    groups = [("a#0", "b#0", "c#0"), ("d#0",)]
    previous = {"b#0": "mi-old1", "c#0": "mi-old1", "a#0": "mi-old2", "d#0": "mi-old2"}
    ids = assign_ids(groups, {}, previous)
    assert ids == ["mi-old1", "mi-old2"]  # the majority's id; an id goes to one group only
    # a new group without history gets a fresh id distinct from the kept ones
    from harmwatch.merge.records import MergeRecord

    recs = {x: MergeRecord(record_id=x, doc_id=x.split("#")[0], index=0, lo=1, hi=2, report_day=1)
            for g in groups + [("e#0",)] for x in g}
    ids = assign_ids(groups + [("e#0",)], recs, previous)
    assert ids[:2] == ["mi-old1", "mi-old2"] and ids[2] not in ids[:2]
    assert assign_ids(groups, recs) == [incident_id(g, recs) for g in groups]
