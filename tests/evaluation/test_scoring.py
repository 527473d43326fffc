"""Scoring primitives on small hand-made cases."""

from __future__ import annotations

import math

import pytest

from harmwatch.evaluation import scoring as S
from harmwatch.evaluation.mappings import strip_leading_date


def test_token_prf_counts_repeated_tokens_as_a_bag():
    p, r, f = S.token_prf("the army shelled the town", "the army shelled the village today")
    # gold 5 tokens, pred 6, shared: the x2, army, shelled -> 4
    assert p == pytest.approx(4 / 6)
    assert r == pytest.approx(4 / 5)
    assert f == pytest.approx(2 * (4 / 6) * (4 / 5) / (4 / 6 + 4 / 5))


def test_token_prf_empty_prediction_is_zero():
    assert S.token_prf("some gold text", "") == (0.0, 0.0, 0.0)


def test_zyte_shingles_reward_full_match_and_penalise_boilerplate():
    gold = "Gunmen attacked a checkpoint near the town on Monday night"
    assert S.zyte_metrics([S.zyte_tp_fp_fn(gold, gold)]) == (1.0, 1.0, 1.0)
    noisy = S.zyte_tp_fp_fn(gold, "Subscribe to our newsletter and share this page " + gold)
    p, r, f = S.zyte_metrics([noisy])
    assert r == pytest.approx(1.0) and p < 0.7 and 0 < f < 1


def test_haversine_km_known_distance():
    # Kabul (34.5553, 69.2075) to Kandahar (31.6133, 65.7101): about 460 km great-circle
    d = S.haversine_km((34.5553, 69.2075), (31.6133, 65.7101))
    assert 440 < d < 480
    assert S.haversine_km((10.0, 10.0), (10.0, 10.0)) == 0.0


def test_interval_overlap_with_open_bounds():
    assert S.overlaps(4, 5, 5, 9)
    assert not S.overlaps(1, 3, 4, 5)
    assert S.overlaps(10, 10, 2, None)  # at least 2
    assert not S.overlaps(1, 1, 2, None)


def test_macro_f1_averages_over_gold_classes():
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", None]
    # A: tp1 fp0 fn1 -> f1 2/3; B: tp1 fp1 fn0 -> 2/3; C: 0
    assert S.macro_f1(gold, pred) == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)


def test_count_scoring_exact_range_and_big_miss():
    row = S.score_count("x", "killed", {"best": 10, "lo": 8, "hi": 12}, {"best": 12, "min": 12, "max": 12}, "")
    assert row.metrics["exact_best"] == 0 and row.metrics["gold_in_range"] == 1 and row.metrics["off_gt_50pct"] == 0
    row = S.score_count("x", "killed", {"best": 2, "lo": 2, "hi": 2}, None, "")
    assert row.metrics["exact_best"] == 0 and row.metrics["off_gt_50pct"] == 1
    row = S.score_count("x", "killed", {"best": 0, "lo": 0, "hi": 0}, None, "")  # no figure counts as 0
    assert row.metrics["exact_best"] == 1


def test_date_scoring_needs_a_full_day():
    gold = {"date": {"start": "2021-01-05", "end": "2021-01-05"}}
    assert S.score_date("x", gold, {"date": {"start": "2021-01-05", "end": "2021-01-05"}}, "").metrics["exact_day"] == 1
    assert S.score_date("x", gold, {"date": {"start": "--01-05", "end": None}}, "").metrics["exact_day"] == 0
    ranged = {"date": {"start": "1989-11-11", "end": "1989-11-12"}}
    m = S.score_date("x", ranged, {"date": {"start": "1989-11-12", "end": "1989-11-12"}}, "").metrics
    assert m["in_range"] == 1 and "exact_day" not in m


def test_place_km_error_and_admin1_keys():
    inc = {"location": {"name": "Lashkar Gah", "country_code": "AF", "admin1": "Helmand", "lat": 31.59, "lon": 64.37}}
    row = S.score_place("x", {"latlon": (31.60, 64.40), "country": "AF", "admin1": "Helmand Province"}, inc, "")
    assert row.metrics["within_25km"] == 1 and row.metrics["km_error"] < 5
    assert row.metrics["country_exact"] == 1 and row.metrics["admin1_exact"] == 1


def test_actor_match_uses_canonical_names():
    row = S.score_actors("x", "perpetrators", [["ISIL"]], [{"name": "Islamic State"}], "")
    assert row.metrics["prf"] == (1, 0, 0)
    row = S.score_actors("x", "perpetrators", [["Taliban"]], [{"name": "Islamic State"}], "")
    assert row.metrics["prf"] == (0, 1, 1)


def test_lead_incident_is_the_first_in_the_text():
    a = {"evidence": [[200, 260]], "killed": {"best": 9}}
    b = {"evidence": [[10, 80]], "killed": {"best": 1}}
    assert S.lead_incident([a, b]) is b
    assert S.lead_incident([]) is None


def test_aggregate_median_km_and_prf():
    rows = [S.RowScore("a", "place", {"km_error": 1.0, "within_25km": 1}),
            S.RowScore("b", "place", {"km_error": 100.0, "within_25km": 0}),
            S.RowScore("c", "place", {"km_error": 30.0, "within_25km": 0}),
            S.RowScore("a", "perpetrators", {"prf": (1, 0, 0)}),
            S.RowScore("b", "perpetrators", {"prf": (0, 1, 1)})]
    t = S.aggregate(rows).values
    assert t[("place", "median_km")]["value"] == 30.0
    assert t[("place", "within_25km")]["value"] == pytest.approx(1 / 3)
    assert t[("perpetrators", "precision")]["value"] == 0.5
    assert t[("perpetrators", "recall")]["value"] == 0.5


def test_strip_leading_date_phrases():
    assert strip_leading_date("02/14/2022: Gunmen raided a farm.") == "Gunmen raided a farm."
    assert strip_leading_date("On 27 April 2020, rebels attacked.") == "Rebels attacked."
    assert strip_leading_date("Around 3 May 2020 (as reported), police arrested 3.") == "Police arrested 3."
    assert strip_leading_date("Arrests: On 1 May 2020, police arrested 3.") == "Arrests: Police arrested 3."
    assert strip_leading_date("Rebels attacked on 3 May.") == "Rebels attacked on 3 May."


def test_evidence_checks_on_a_real_sentence():
    text = "Two insurgents were killed in Kandahar on Monday."
    inc = {"date": {"start": "2011-01-10", "evidence": [[42, 48]]},
           "location": {"name": "Kandahar", "evidence": [[30, 38]]},
           "killed": {"best": 2, "evidence": [[0, 3], [20, 26]]},
           "perpetrators": [], "victims": [{"name": "Insurgents", "mention": "insurgents", "evidence": [[4, 14]]}]}
    assert S.evidence_checks(inc, text) == {"date": 1, "location": 1, "killed": 1, "victims": 1}
    inc["location"]["evidence"] = [[0, 3]]  # "Two" does not name Kandahar
    assert S.evidence_checks(inc, text)["location"] == 0
    assert math.isfinite(S.haversine_km((0, 0), (0, 1)))


def test_singular_victim_evidence_supports_a_figure_of_one():
    # caps text in the MUC style (public domain) and a Wikinews-style sentence (CC BY 2.5)
    text = "MSGR ARNULFO ROMERO WAS MURDERED. The mayor died today. The attack killed people."

    def span(words):
        s = text.index(words)
        return [s, s + len(words)]

    def check(best, *words):
        return S.evidence_checks({"killed": {"best": best, "evidence": [span(w) for w in words]}}, text)["killed"]

    assert check(1, "ARNULFO ROMERO", "MURDERED") == 1
    assert check(1, "The mayor died") == 1
    assert check(1, "killed people") == 0  # a plural noun with no number is no evidence for a count
    assert check(2, "The mayor died") == 0


def test_same_admin1_compares_units_not_spellings():
    assert S.same_admin1("Nineveh", "Nineveh", "IQ")
    assert S.same_admin1("Ninawa", "Nineveh", "IQ")
    assert not S.same_admin1("Kirkuk", "Nineveh", "IQ")
    assert not S.same_admin1("Nineveh", None, "IQ")


def test_listed_victims_and_bare_plurals_are_evidence_for_their_figures():
    text = "GUNMEN KILLED JUAN PEREZ AND MARIA LOPEZ. Civilians were injured in the raid."

    def span(words):
        s = text.index(words)
        return [s, s + len(words)]

    listed = [span("KILLED"), span("JUAN PEREZ"), span("MARIA LOPEZ")]
    claim = {"best": 2, "qualifier": None, "evidence": listed}
    assert S.evidence_checks({"killed": {"best": 2, "evidence": listed, "claims": [claim]}}, text)["killed"] == 1
    # the same spans do not support three victims
    claim3 = dict(claim, best=3)
    assert S.evidence_checks({"killed": {"best": 3, "evidence": listed, "claims": [claim3]}}, text)["killed"] == 0
    plural = {"best": 2, "qualifier": "plural", "evidence": [span("Civilians were injured")]}
    inc = {"injured": {"best": 2, "evidence": plural["evidence"], "claims": [plural]}}
    assert S.evidence_checks(inc, text)["injured"] == 1
