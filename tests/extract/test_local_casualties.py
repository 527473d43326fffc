"""Issue 15: casualty phrasings common in local news, and claims that carry real figure words.

Invented sentences in the structure of US local news ("left a 19-year-old man dead and a 17-year-old
boy injured", "was pronounced dead", "is in critical condition"); a pronoun is no figure, and a
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
    ("A shooting early Sunday left a 19-year-old man dead and a 17-year-old boy injured, police said.", 1, 1),
    ("The gunfire left two people dead and three others wounded on Friday night in Dayton.", 2, 3),
    ("Two service members have been killed in an attack in Kandahar province on Monday.", 2, None),
    ("A man was shot on Main Street in Dayton on Sunday. He was pronounced dead at the scene.", 1, None),
    ("A man was shot on Main Street in Dayton on Sunday. He died at the hospital.", 1, None),
    ("A woman was fatally shot in her home in Dayton on Friday.", 1, None),
    ("A man was shot on Main Street in Dayton on Sunday and is in critical condition.", None, 1),
    ("A 15-year-old boy is recovering after being shot in the upper body in Dayton on Wednesday.", None, 1),
    ("Two men were shot in Dayton on Friday and taken to a hospital with non-life-threatening wounds.", None, 2),
    ("John Doe, 17, was shot and killed at a skate park in Dayton on Sunday.", 1, None),
    ("Police are investigating the fatal shooting of two men in Dayton on Friday.", 2, None),
    ("A 17-year-old girl was accidentally shot in the abdomen in Dayton on Sunday, police said. "
     "The girl is in stable condition at an area hospital.", None, 1),
])
def test_local_news_phrasings(text, killed, injured):
    assert _counts(text) == (killed, injured)


def test_shot_with_no_word_of_survival_is_no_figure():
    # "shot" alone says neither killed nor wounded: no figure without the lines that say which
    assert _claims("A man was shot on Main Street on Sunday.") == []
    text = "A man was shot on Main Street on Sunday. He died later at a hospital."
    assert [c.kind for c in find_casualty_claims(text, 0, text.index(".") + 1)] == []


def test_shot_and_dead_is_not_also_wounded():
    # a word of death in the sentence: "shot" is how they died, not a wound
    assert _counts("Two men were shot and taken to a hospital in Dayton, where both died on Friday.")[1] is None


def test_one_person_figure_carries_its_noun_phrase():
    got = _claims("A 19-year-old man was killed in the shooting.")
    assert got == [("killed", 1, "A 19-year-old man")]
    assert all(t.lower() not in ("a", "an", "the", "posted") for _, _, t in
               _claims("Posted: Friday, March 3. The driver was killed and a passenger was injured."))


def test_pronoun_figure_is_the_person_it_stands_for():
    text = "A 23-year-old man was shot on Friday night. He died at the hospital."
    got = [(c.kind, c.best, c.text) for c in find_casualty_claims(text, text.index("He"), len(text))]
    assert got == [("killed", 1, "A 23-year-old man")]


def test_pronoun_without_a_person_states_the_clause():
    got = _claims("He died today.")
    assert got == [("killed", 1, "He died")]


def test_page_furniture_is_no_victim():
    assert _claims("Posted was killed") == []
