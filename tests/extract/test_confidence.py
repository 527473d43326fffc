"""``confidence`` (issue 15): a documented logistic model of interpretable features, on real text."""

from __future__ import annotations

import math

import harmwatch
from harmwatch.extract import confidence as C


def test_the_model_is_the_documented_logistic_of_its_features():
    assert set(C.WEIGHTS) == set(C.FEATURES)
    assert all(w > 0 for w in C.WEIGHTS.values())  # every feature is evidence for a real record
    none = dict.fromkeys(C.FEATURES, 0.0)
    assert abs(C.score(none) - 1 / (1 + math.exp(-C.INTERCEPT))) < 1e-12
    full = dict.fromkeys(C.FEATURES, 1.0)
    assert C.score(none) < 0.2 < 0.9 < C.score(full) < 1.0
    for f in C.FEATURES:  # each feature raises the probability on its own
        assert C.score({**none, f: 1.0}) > C.score(none)


def test_the_founding_example_is_confident_and_its_features_say_why(seed_text):
    res = harmwatch.extract_text(seed_text, published="2017-06-05")
    assert len(res.incidents) == 1
    inc = res.incidents[0]
    f = C.features(inc, res.text, 1)
    assert f == {"lead": 1.0, "only": 1.0, "place": 1.0, "weapon": 1.0, "victims": 1.0, "perpetrator": 1.0,
                 "figure": 1.0}
    assert inc.confidence == round(C.score(f), 3) > 0.9
    # the same record as a dict (what `extract` writes) gives the same features
    assert C.features(inc.to_dict(), res.text, 1) == f


def test_a_second_record_of_a_report_and_a_bare_one_score_low():
    text = ("Gunmen killed four soldiers at a checkpoint near Kandahar on Monday, the army said. The attackers "
            "fled into the hills after a long gun battle with the troops.")
    res = harmwatch.extract_text(text, published="2024-03-12")
    inc = res.incidents[0]
    assert inc.confidence > 0.9
    assert C.confidence(inc, res.text, 2) < inc.confidence  # one of two records of the report
    bare = harmwatch.extract_text("Later, one of them was attacked.", published="2024-03-12").incidents
    assert len(bare) == 1 and bare[0].confidence < 0.6  # only lead and only: no place, victims, weapon, figure or actor
