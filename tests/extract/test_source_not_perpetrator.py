"""Issue 15: the source is not the perpetrator.

Speakers, investigators and responders ("police said", "Police are searching for a suspect",
"deputies responded") are sources, never the agent, unless the text says they used force. The
sentences are invented in the structure of US local news; the last test reads real US shooting
reports (gva_shootings, evaluation only) from the shared folder at test time and copies nothing.
"""

from __future__ import annotations

import gzip
import json
import random

import pytest

from harmwatch.api import extract_text
from harmwatch.extract.actors import find_actors
from harmwatch.extract.actors.responders import is_responder


def _perps(text: str) -> list[list[str]]:
    r = extract_text(text, published="2016-05-02")
    return [[p["name"] for p in i.to_dict()["perpetrators"]] for i in r.incidents]


def _police(text: str, country: str = "US"):
    return next(a for a in find_actors(text, 0, len(text), country_hint=country) if a.category == "state forces")


@pytest.mark.parametrize("text", [
    "Police say a gunman shot two people outside a bar on Sunday.",
    "Riverside Police are searching for a suspect after a man was shot on Main Street.",
    "The Riverside Police Department responded to a report of shots fired near the park.",
    "Police late Tuesday questioned and detained the teen after the shooting.",
    "Officials said the victim was shot twice, according to police.",
    "The man was shot in the chest, said Riverside police.",
    "Two men were shot and the driver was later stopped by police on the highway.",
    "Police have identified the 29-year-old man killed as John Doe.",
    "Police are still investigating what led to the shooting.",
    "Police in Chester are investigating a shooting involving a 5-year-old child.",
])
def test_responder_clause_is_a_source(text):
    assert is_responder(text, (0, len(text)), _police(text))


@pytest.mark.parametrize("text", [
    "Police shot the man after he pointed a rifle at them.",
    "Police responded to the call and opened fire on the gunman.",
    "Police said they fired at the car when it drove at officers.",
    "The suspect died in a shootout with police on Friday.",
    "A man was shot by police on Sunday.",
    "The minister said police arrested 4000 rioters and fired 2000 rounds to control the crowd.",
])
def test_force_clause_is_not_a_source(text):
    assert not is_responder(text, (0, len(text)), _police(text))


def test_arrest_report_keeps_its_police():
    # an arrest with no other harm: the police are the arrest's actor (ACLED "Arrests")
    text = "Police arrested 20 protesters in Nairobi on Monday."
    assert not is_responder(text, (0, len(text)), _police(text, "KE"), harm_incident=False)
    assert any("Police Forces of Kenya" in p for p in _perps(text))


def test_gunman_not_police_is_the_perpetrator():
    got = _perps("Police say a gunman shot two people outside a bar in Dayton, Ohio, on Sunday.")
    assert got == [["Unidentified Armed Group (United States)"]]


def test_suspect_sought_by_police_is_the_perpetrator():
    got = _perps("Riverside Police are searching for a suspect after a man was shot and killed on Main Street "
                 "on Sunday.")
    assert got == [["Unidentified Armed Group (United States)"]]


def test_police_who_shoot_stay_perpetrators():
    got = _perps("A man was shot dead by police in Dallas on Sunday after he fired at officers.")
    assert got and any(any(n.startswith("Police Forces") for n in names) for names in got)


def test_armed_side_located_at_a_place_still_fires():
    # "located at" is where a force stands, not a responder's "located the suspect"
    text = "Military forces of Armenia located at the hills fired on the positions of the army of Azerbaijan."
    mil = find_actors(text, 0, len(text))[0]
    assert not is_responder(text, (0, len(text)), mil)


def test_us_shooting_reports_rarely_name_police_as_perpetrator(shared):
    """Real US shooting reports: before issue 15 about a quarter of their incidents had a police
    perpetrator (nearly all of them the source); now fewer than one in ten may."""
    path = shared / "data/eval/gva_shootings/docs_dev.jsonl.gz"
    if not path.exists():
        pytest.skip("gva_shootings not in the shared folder")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    docs = random.Random(15).sample(docs, 60)
    n_inc = n_police = 0
    for d in docs:
        r = extract_text(d.get("text") or "", published=d.get("published"))
        for inc in r.incidents:
            n_inc += 1
            n_police += any(p["category"] in ("state forces", "external forces")
                            for p in inc.to_dict()["perpetrators"])
    assert n_inc >= 40
    assert n_police / n_inc < 0.10
