"""Harm outside armed conflict: disasters and accidents are no incidents; crowds are typed by who
fought (harmwatch.extract.nonconflict).

Sentences are invented unless marked as MUC-3/4 (public domain).
"""

from __future__ import annotations

import gzip
import itertools
import json
import re

import pytest

import harmwatch
from harmwatch.extract.events import nonconflict as nc
from harmwatch.extract.events import find_triggers
from harmwatch.extract.events import non_conflict_kind, non_conflict_sentence
from harmwatch.extract.segment import split_sentences


def _kind(text):
    got = non_conflict_kind(text)
    return got and (got[0], text[got[1][0] : got[1][1]])


def _incidents(text):
    return harmwatch.extract_text(text).incidents


# --------------------------------------------------------------------------- the cause and its words


@pytest.mark.parametrize(
    "text, kind, words",
    [
        ("A powerful earthquake struck the province on Sunday, killing at least 12 people.", "natural disaster",
         "powerful earthquake"),
        ("Floods killed 25 people and destroyed 300 homes in the province.", "natural disaster", "Floods"),
        ("Two hikers died when an avalanche swept down the slope.", "natural disaster", "avalanche"),
        ("The volcano erupted on Monday, injuring several tourists on the crater rim.", "natural disaster",
         "volcano erupted"),
        ("A boiler exploded at a textile factory on Monday, killing two workers.", "accident", "boiler exploded"),
        ("A bus plunged into a gorge, killing 19 passengers and injuring 22.", "accident", "bus plunged"),
        ("A gas cylinder exploded in a restaurant kitchen, killing three people.", "accident", "gas cylinder exploded"),
        ("Six workers were hurt when a furnace at a steel plant exploded on Thursday.", "accident",
         "furnace at a steel plant exploded"),
        ("Eleven people died after a five-storey building collapsed in the old town.", "accident", "building collapsed"),
        ("Forty workers were taken to hospital after a chemical leak at the plant.", "accident", "chemical leak"),
    ],
)
def test_causes_of_non_conflict_harm(text, kind, words):
    assert _kind(text) == (kind, words)


@pytest.mark.parametrize(
    "text",
    [
        # an attacker, a weapon of war or a deliberate act: violence, whatever else the sentence says
        "A car bomb exploded near a police checkpoint, killing five officers.",
        "A suicide bomber detonated a gas cylinder packed with explosives at a checkpoint, killing four soldiers.",
        "Rioters set fire to a bus, and the blaze killed two passengers.",
        "Militants attacked the village after the floods, killing six people.",
        "The plane was shot down by rebels near the airport, killing all 30 on board.",
        # no such cause at all, or a cause that is denied or only a simile
        "Gunmen killed three people in the market on Monday.",
        "Officials said the crash was caused by a bomb rather than an accident.",
        "The blast shook the houses; it felt like an earthquake.",
    ],
)
def test_violence_and_denied_causes_are_not_non_conflict(text):
    assert non_conflict_kind(text) is None


def test_a_document_with_a_disaster_and_an_attack_names_the_disaster():
    text = ("Heavy flooding killed 12 people in the north on Monday. "
            "In a separate incident, gunmen killed two farmers in the south.")
    assert _kind(text) == ("natural disaster", "flooding")


# --------------------------------------------------------------------------- no incidents from them


@pytest.mark.parametrize(
    "text",
    [
        "A boiler exploded at a textile factory on Monday, killing two workers.",
        "A powerful earthquake struck the province on Sunday, killing at least 12 people.",
        "A bus plunged into a gorge on Friday, killing 19 passengers and injuring 22.",
        "A fire broke out at a hotel in the city centre on Sunday night, killing six guests.",
        # the blast of the sentence before: "the blast" is the boiler's
        "A boiler exploded at a dye factory on Monday. The blast killed two workers and injured nine.",
    ],
)
def test_disasters_and_accidents_open_no_incident(text):
    assert _incidents(text) == []


def test_harm_words_of_an_accident_sentence_are_not_realis():
    text = "A gas cylinder exploded in a restaurant kitchen, killing three people."
    trig = find_triggers(text, 0, len(text))
    assert trig and not any(t.realis for t in trig if t.cls in ("kill", "explosive"))


@pytest.mark.parametrize(
    "text, sub",
    [
        ("A car bomb exploded near a police checkpoint on Monday, killing five officers.", "Remote explosive/landmine/IED"),
        # the fire of an attack told just before is part of that attack
        ("Assailants fired rockets into a warehouse on Monday. Twelve people were killed when the building caught fire.",
         "Shelling/artillery/missile attack"),
    ],
)
def test_violence_with_fire_and_explosions_stays_an_incident(text, sub):
    incs = _incidents(text)
    assert incs and incs[0].sub_event_type == sub


def test_muc_fire_after_a_bomb_stays_the_bombing():
    # DEV-MUC3 message on the Monteria airport bombing (public domain): "the fire broke out after an
    # explosion" names what followed the bomb, not an accidental cause of it
    text = ("A SPOKESMAN FOR THE MONTERIA POLICE ADVISED AFP VIA TELEPHONE THAT THE FRONT PART OF THE PLANE WERE "
            "BURNED WHEN A BOMB, PLANTED BY UNIDENTIFIED PERSONS, EXPLODED. ACCORDING TO THE MONTERIA POLICE, THE "
            "FIRE BROKE OUT AFTER AN EXPLOSION WAS HEARD.")
    s = split_sentences(text)[1]
    assert non_conflict_sentence(text, s.start, s.end, 300) is None


def test_muc_plane_accident_is_no_incident():
    # MUC-3/4 message (public domain): a cargo plane crash, no attacker named
    text = ("CIVIL AERONAUTICS AUTHORITIES HAVE REPORTED THAT FOUR PLANE ACCIDENTS HAVE BROUGHT DESTRUCTION AND DEATH "
            "TO GUATEMALA IN LESS THAN 24 HOURS. THE MOST SERIOUS ACCIDENT TOOK PLACE IN A NEIGHBORHOOD JUST OUTSIDE "
            "THE CAPITAL WHEN A CARGO PLANE CRASHED INTO A RESIDENTIAL AREA DESTROYING SEVERAL HOMES AND KILLING 17 "
            "PEOPLE INCLUDING CHILDREN.")
    assert _incidents(text) == []
    assert non_conflict_kind(text)[0] == "accident"


# --------------------------------------------------------------------------- crowds


def _ctx(text, word, cls):
    s = text.index(word)
    return nc.context_class(text, 0, s, s + len(word), cls, nc.crowd_flags(text, 0, len(text)))


def test_crowd_context_classes():
    # a demonstration's own acts stay a violent demonstration; vandalism with no crowd is property destruction
    assert _ctx("Workers burned tyres on the highway to demand their wages.", "burned tyres", "vdemo") is None
    assert _ctx("Unknown men vandalised a cafe overnight.", "vandalised", "vdemo") == "arson"
    assert _ctx("An angry mob pelted stones at two traffic wardens.", "pelted stones", "vdemo") == "mob"
    # a brawl between civilian groups, and a beating by locals behind a passive
    assert _ctx("Two groups of villagers clashed with sticks over a land dispute.", "clashed", "clash") == "mob"
    assert _ctx("A pickpocket was beaten up by locals at the bus stand.", "was beaten", "attack") == "mob"
    # a clash between the army and militants is a battle
    assert _ctx("Heavy clashes broke out between the army and militants.", "clashes", "clash") is None
    # one person's arrest, what a protest may be about
    assert _ctx("He was arrested over a tax case last week.", "arrested", "arrest") == "arrest_one"
    # an attack on an installation, not on people
    assert _ctx("Gunmen attacked a telecommunications mast on the hill.", "attacked", "attack") == "arson"


def test_injured_residents_are_not_the_mob():
    assert not nc._mob_agent("Soldiers fired back; 16 residents injured.", 0, 36, 43)


# --------------------------------------------------------------------------- the fast pattern is exact


@pytest.fixture(scope="module")
def sentences(shared):
    from harmwatch.api import sample_corpus_path

    with gzip.open(sample_corpus_path(), "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    with gzip.open(shared / "data" / "eval" / "muc34" / "muc34_dev_tst1_tst2.jsonl.gz", "rt", encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in itertools.islice(fh, 300)]
    return [(t, s.start, s.end) for t in texts for s in split_sentences(t)]


def test_grouped_cause_pattern_finds_what_the_plain_one_finds(sentences):
    plain = re.compile(rf"(?<![\w-])(?:(?:{nc._NATURAL})|(?:{nc._ACCIDENT}))(?![\w-])", re.IGNORECASE)
    extra = ["A boiler exploded at a dye factory.", "Floods and landslides hit the valley.", "the bus overturned"]
    hits = 0
    for text, s, e in sentences + [(x, 0, len(x)) for x in extra]:
        got = [m.span() for m in nc._CAUSE.finditer(text, s, e)]
        assert got == [m.span() for m in plain.finditer(text, s, e)]
        hits += len(got)
    assert hits > 3


def test_key_word_filter_never_hides_a_cause(sentences):
    # _may_have_cause is a necessary condition for a cause match
    for text, s, e in sentences:
        if nc._CAUSE.search(text, s, e):
            assert nc._may_have_cause(text, s, e), text[s:e]


def test_what_people_do_after_an_accident_stays_an_event():
    # the accident's damage is no event; the drivers who torched a truck over it acted
    assert _incidents("Floods destroyed 300 homes in the province on Monday.") == []
    incs = _incidents("Angry drivers torched a truck after a road accident killed one of their colleagues.")
    assert incs and incs[0].event_type in ("Riots", "Strategic developments")
