"""Issue 15: casualty phrasings common in local news, and claims that carry real figure words.

Invented sentences in the structure of US local news ("left a 41-year-old cyclist dead and his 36-year-old
brother hurt", "was pronounced dead", "is in critical condition"); a pronoun is no figure, and a
claim's text is never a bare "a", "the" or page furniture ("Posted").
"""

from __future__ import annotations

import pytest

from harmwatch.api import extract_text
from harmwatch.extract.casualties import find_casualty_claims


def _counts(text: str) -> tuple[int | None, int | None]:
    r = extract_text(text, published="2016-05-02")
    assert r.incidents, text
    d = r.incidents[0].to_dict()
    return ((d["killed"] or {}).get("best"), (d["injured"] or {}).get("best"))


def _claims(text: str):
    return [(c.kind, c.best, c.text) for c in find_casualty_claims(text)]


@pytest.mark.parametrize("text,killed,injured", [
    ("Gunfire near the grain depot left a 41-year-old cyclist dead and his 36-year-old brother hurt.", 1, 1),
    ("The volley outside the bowling alley left two guests dead and three others wounded in Dayton.", 2, 3),
    ("Two service members have been killed in a rocket strike on a Kandahar outpost.", 2, None),
    ("A welder was shot beside the Dayton grain depot. He was pronounced dead where he fell.", 1, None),
    ("A welder was shot beside the Dayton grain depot. He died at the hospital that night.", 1, None),
    ("A retired nurse was fatally shot in her Dayton kitchen.", 1, None),
    ("A grocer was shot beside the Dayton grain depot and is in critical condition.", None, 1),
    ("A 60-year-old grocer is recovering after being shot behind his Dayton shop.", None, 1),
    ("Two bakers were shot behind a Dayton bakery and flown to a trauma center with minor wounds.", None, 2),
    ("Ann Example, 47, was shot and killed beside a Dayton grain silo.", 1, None),
    ("Detectives are looking into the fatal shooting of two bakers near the Dayton silo.", 2, None),
    (("A 16-year-old cadet was shot outside the Dayton armory late on Saturday. "
      "Medics say the cadet is expected to survive."), None, 1),
])
def test_local_news_phrasings(text, killed, injured):
    assert _counts(text) == (killed, injured)


def test_shot_with_no_word_of_survival_is_no_figure():
    # "shot" alone says neither killed nor wounded: no figure without the lines that say which
    assert _claims("A welder was shot beside the grain depot.") == []
    text = "A welder was shot beside the grain depot. He died later that week."
    assert [c.kind for c in find_casualty_claims(text, 0, text.index(".") + 1)] == []


def test_shot_and_dead_is_not_also_wounded():
    # a word of death in the sentence: "shot" is how they died, not a wound
    assert _counts("Two bakers were shot and flown to a Dayton trauma center, where both died.")[1] is None


def test_one_person_figure_carries_its_noun_phrase():
    got = _claims("A 52-year-old welder was killed in the volley.")
    assert got == [("killed", 1, "A 52-year-old welder")]
    assert all(t.lower() not in ("a", "an", "the", "posted") for _, _, t in
               _claims("Posted: Friday, March 3. The tram driver was killed and a conductor was injured."))


def test_pronoun_figure_is_the_person_it_stands_for():
    text = "A 52-year-old welder was shot beside the depot. He died at the hospital that night."
    got = [(c.kind, c.best, c.text) for c in find_casualty_claims(text, text.index("He"), len(text))]
    assert got == [("killed", 1, "A 52-year-old welder")]


def test_pronoun_without_a_person_states_the_clause():
    got = _claims("He died today.")
    assert got == [("killed", 1, "He died")]


def test_page_furniture_is_no_victim():
    assert _claims("Posted was killed") == []
