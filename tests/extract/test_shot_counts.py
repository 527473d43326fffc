"""How many were hit by gunfire, and the wounded derived from it; follow-up sentences of a case.

Invented sentences in the structure of US local news. "Shot" alone is neither killed nor wounded
(test_local_casualties), but it counts the hit: six shot and one killed is five wounded.
"""

from __future__ import annotations

import pytest

from harmwatch.api import extract_text
from harmwatch.extract.casualties.shot import find_shot_counts, injured_from_shot


def _shot(sentence: str) -> list[tuple[str, int, str]]:
    return [(c.kind, c.best, sentence[c.evidence[0][0]:c.evidence[0][1]])
            for c in find_shot_counts(sentence, 0, len(sentence))]


@pytest.mark.parametrize("sentence,expected", [
    ("Six people were shot early Sunday near the Dayton grain depot.", [("shot", 6, "Six")]),
    ("Five cadets – ages 17 to 19 – were shot outside the armory.", [("shot", 5, "Five")]),
    ("Police found two welders shot inside a van.", [("shot", 2, "two")]),
    ("A pair of gunmen shot seven people at a birthday party.", [("shot", 7, "seven")]),
    ("Three bakers were shot, one fatally, behind the bakery.", [("shot", 3, "Three"), ("killed", 1, "one")]),
    ("A 16-year-old cadet was accidentally shot in the foot.", [("shot", 1, "A")]),
    ("Four guests were hit by bullets at the bowling alley.", [("shot", 4, "Four")]),
    # the count of shooters, fire that hit nobody, and deaths are no count of the hit
    ("Two gunmen shot a guard at the depot.", []),
    ("Shots were fired at two officers.", []),
    ("Two welders were shot dead behind the depot.", []),
    ("Two welders were fatally shot behind the depot.", []),
    ("Two helicopters were shot down.", []),
])
def test_shot_counts(sentence, expected):
    assert _shot(sentence) == expected


def test_wounded_are_the_hit_less_the_killed():
    shot = find_shot_counts("Six people were shot near the depot.")
    derived = injured_from_shot(shot, 1, [[40, 44]])
    assert (derived.kind, derived.best) == ("injured", 5)
    assert injured_from_shot(shot, 6) is None  # all six died: no wounded
    assert injured_from_shot([], 0) is None


def _counts(text: str) -> tuple[int | None, int | None, int]:
    incs = extract_text(text, published="2016-05-02").incidents
    d = incs[0].to_dict() if hasattr(incs[0], "to_dict") else incs[0].__dict__
    return (d["killed"] or {}).get("best"), (d["injured"] or {}).get("best"), len(incs)


@pytest.mark.parametrize("text,killed,injured", [
    ("Six people were shot early Sunday outside a Dayton bowling alley. One of them, a 19-year-old welder, "
     "later died in surgery, medics said.", 1, 5),
    ("Three bakers were shot, one fatally, behind a Dayton bakery on Saturday night.", 1, 2),
    ("Two welders were shot and wounded early Saturday outside a Dayton grain depot.", None, 2),
    ("A 16-year-old cadet was shot late on Saturday outside a Dayton armory, medics said.", None, 1),
    # a sentence that names the wounded wins over the derivation
    ("Five people were shot near a Dayton bar on Friday. Three were wounded and two died.", 2, 3),
])
def test_incident_wounded_from_the_hit(text, killed, injured):
    k, i, n = _counts(text)
    assert (k, i, n) == (killed, injured, 1)


def test_the_derived_figure_shows_its_evidence_and_how_it_was_derived():
    text = "Six people were shot early Sunday outside a Dayton bowling alley. One of them later died in surgery."
    inc = extract_text(text, published="2016-05-02").incidents[0]
    claim = inc.injured["claims"][0]
    assert "6 shot, 1 killed" == claim["qualifier"]
    spans = [text[a:b] for a, b in claim["evidence"]]
    assert "Six" in spans and "shot" in spans


@pytest.mark.parametrize("text,n", [
    # an arrest, a charge, the victim named days later: steps of the same case, one incident
    ("A 16-year-old cadet was shot late on Saturday beside the armory in Springfield, Illinois, medics said. "
     "His 19-year-old cousin was arrested on Sunday over that shooting. "
     "He was arraigned Monday on an attempted murder charge.", 1),
    ("Two men were shot and wounded early Saturday in Dayton, Ohio. Police arrested a 22-year-old "
     "suspect Monday. He faces two counts of felonious assault.", 1),
    # another shooting on another day stays another incident
    ("A man was shot dead Monday in Dayton, Ohio. In a second shooting on Tuesday, a woman was "
     "wounded in Dayton.", 2),
    # an arrest far away on another day is an event of its own
    ("Gunmen killed five soldiers in an attack on a checkpoint in Mosul on Monday. On Wednesday, "
     "security forces arrested 20 protesters in Baghdad.", 2),
])
def test_follow_up_sentences_of_a_case(text, n):
    incs = extract_text(text, published="2024-05-10").incidents
    assert len(incs) == n
    if n == 1:
        assert incs[0].date["start"] == "2024-05-04"  # the shooting's Saturday, not the arrest's day


@pytest.mark.parametrize("sentence,kind,best", [
    ("A 16-year-old cadet was accidentally shot and killed late on Monday.", "killed", 1),
    ("A welder has been charged in the slayings of three bakers at a Dayton home.", "killed", 3),
    ("Both welders died beside the grain depot.", "killed", 2),
])
def test_killed_phrasings_of_local_news(sentence, kind, best):
    from harmwatch.extract.casualties import find_casualty_claims

    got = [(c.kind, c.best) for c in find_casualty_claims(sentence, 0, len(sentence))]
    assert got == [(kind, best)]
