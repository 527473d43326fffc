"""Issue 15, "no incident without armed violence": violence words of sport, markets, debate, the sky and
idioms, disease tolls, suicide and history open no incident; the same words in reports of violence
still do. Every sentence here is invented for the test (none comes from an evaluation set)."""

from __future__ import annotations

import pytest

import harmwatch
from harmwatch.extract.events import find_triggers, history_sentence, non_conflict_kind, register_density
from harmwatch.extract.events.nonconflict import suicide_near


def _realis(sentence: str) -> list[str]:
    return [t.text for t in find_triggers(sentence, 0, len(sentence)) if t.realis and t.strength >= 2]


def _incidents(text: str, published: str = "2024-03-12") -> list:
    return harmwatch.extract_text(text, published=published).incidents


@pytest.mark.parametrize("sentence", [
    "The Rockets shot 48 percent from the field and won by twelve.",
    "Her second effort was a shot on goal that the keeper tipped wide.",
    "The mayor took a veiled shot at his rival in the speech.",
    "The forwards attacked the rim all night in the 101-97 win.",
    "Two senators attacked the spending bill on Tuesday.",
    "The results killed the fears of a recession, analysts said.",
    "The grandmaster launched a fierce attack on the king side in the second game.",
    "The defender was beaten out by a younger rival for first place.",
    "The index rallied after the bank posted record earnings, and shares closed 3 percent higher.",
    "She rallied to beat the top seed 6-4, 6-3 in the semifinal.",
    "The new tool lets teams demonstrate ways to cut their cloud bills.",
    "Astronomers traced the stellar explosions that shaped the galaxy.",
    "Fireworks explosions lit up the sky throughout the festival.",
    "The company reached an agreement with its landlord to cut the rent.",
    "The city imposed a curfew on alcohol sales after ten at night.",
    "The pop-up cafe was a blast, and the queue ran around the block.",
    "[Related: Keynote highlights, new chips and protesters outside the hall]",
    "Buses rolled through eerily deserted streets at dawn.",
    "The report said 40% of \u201cshootings and shooting victims\u201d were in two districts.",
    "Alarms captured by these bedside systems are sent to the nurses' phones.",
    "The new funding is a shot in the arm for the city.",
])
def test_figurative_violence_words_are_no_events(sentence):
    assert _realis(sentence) == [], sentence


@pytest.mark.parametrize("sentence, word", [
    ("A gunman shot a fan outside the stadium after the match.", "shot"),
    ("Militants attacked an army post near the border on Monday.", "attacked"),
    ("Assailants attacked the centre of the district and burned the market.", "attacked"),
    ("On Sunday, a man was attacked in a market.", "attacked"),
    ("Gunmen attacked the market in the town.", "attacked"),
    ("Protesters rallied outside parliament on Friday to demand new elections.", "rallied"),
    ("About 200 workers demonstrated calling for state support.", "demonstrated"),
    ("A bomb explosion at the festival killed four people.", "killed"),
    ("The rebels and the government reached a ceasefire agreement in the capital.", "reached a ceasefire"),
    ("Government forces liberated the town from the insurgents.", "liberated"),
    ("Five soldiers deserted their posts on Monday.", "deserted"),
    ("Half of those hurt were shot in the legs.", "were shot"),
    ("Two cousins were each shot in the knee, police said.", "shot"),
    ("Anyone who saw the shooting is asked to phone 555-0100 or 555-0199.", "shooting"),
    ("Rebels captured by the army on Monday were taken to the capital.", "captured"),
])
def test_the_same_words_in_reports_of_violence_stay_events(sentence, word):
    assert any(word.lower() in w.lower() for w in _realis(sentence)), (sentence, _realis(sentence))


def test_disease_tolls_are_excluded_harm_not_incidents():
    text = ("Health officials said the death toll from the virus outbreak rose to 120 on Monday. "
            "The pandemic has killed thousands of people across the region this year.")
    assert _incidents(text) == []
    kind, _ = non_conflict_kind(text)
    assert kind == "disease"
    res = harmwatch.extract_text(text, published="2024-03-12")
    assert res.excluded and res.excluded[0]["kind"] == "disease"
    # an attack on a clinic during an outbreak is still an attack
    attack = "Gunmen attacked a cholera clinic in the town on Monday, killing two nurses, officials said."
    assert [i.sub_event_type for i in _incidents(attack)] == ["Attack"]


def test_suicide_is_no_incident_but_a_murder_suicide_or_a_suicide_bombing_is():
    text = ("A 51-year-old man was found dead at his flat on Tuesday. Police said there were no suspicious "
            "circumstances and that he had taken his own life.")
    assert suicide_near(text, 0, text.index(".") + 1) is not None
    assert _incidents(text) == []
    murder = ("A man shot his wife and their two sons before killing himself at their home on Tuesday, police said. "
              "Officers found the bodies in the kitchen.")
    assert _incidents(murder)
    accident = "Deputies said a 15-year-old teenager accidentally shot and killed himself while cleaning a rifle on Sunday."
    assert suicide_near(accident, 0, len(accident)) is None  # an unintentional shooting, not a suicide
    bombing = "A suicide bomber killed nine people at a checkpoint outside the city on Tuesday, police said."
    assert [i.sub_event_type for i in _incidents(bombing)] == ["Suicide bomb"]


def test_history_told_in_a_report_is_background():
    assert history_sentence("Plague reached the port in 1347 and killed half the town.", 0, 56, 2024)
    assert history_sentence("Rebels seized the province in the 1967 war.", 0, 43, 2024)
    assert not history_sentence("Rebels seized the province in 2023.", 0, 35, 2024)
    assert not history_sentence("Rebels seized it in 1994 and again in 2023.", 0, 43, 2024)
    assert history_sentence("Rebels seized it in 1850.", 0, 25, None)
    assert not history_sentence("Rebels seized it in 1994.", 0, 25, None)  # unknown publication year: only before 1900
    # not years: an address, a name, an hour; and a day of this report makes the clause recent
    for s in ("Police found 5 people shot near 2318 West 41 Ave.", "The officers of the 1966 class fled.",
              "The post was attacked between 1310 and 1350 hours.", "He died Thursday at the clinic where he met her in 1975."):
        assert not history_sentence(s, 0, len(s), 2024), s
    # one sentence the segmenter did not split: each trigger is judged in its own clause
    s = "police shot dead 98 rioters. against this, in november 1984 some 3,000 people were massacred."
    trig = [t for t in find_triggers(s, 0, len(s)) if t.realis]
    assert not history_sentence(s, 0, len(s), 2002, trig)
    assert history_sentence(s, s.index("against"), len(s), 2002, [t for t in trig if t.span[0] > s.index("against")])
    text = ("In March 1921 the rebels tried to take the capital. Two days later troops arrested the leaders "
            "and sentenced them to prison. In the 14th century the town was sacked and burned by raiders.")
    assert _incidents(text) == []
    # a report of today that recalls history keeps today's incident
    today = ("Gunmen killed four soldiers at a checkpoint near the town on Monday, the army said. The town was "
             "sacked by raiders in 1921, and its walls were burned in the 14th century.")
    incs = _incidents(today)
    assert len(incs) == 1 and incs[0].killed["best"] == 4 and incs[0].date["start"] == "2024-03-11"


def test_register_density_separates_a_match_report_from_an_attack_report():
    match = ("The visitors won 3-1 on Sunday. Their striker scored twice and the goalkeeper saved a penalty in "
             "the second half, and the coach praised the fans after the league match.")
    attack = ("Gunmen attacked a police post on Sunday, killing three officers, and fled with their rifles; "
              "soldiers chased the attackers into the hills.")
    assert register_density(match) > 10 > 0 >= register_density(attack)
