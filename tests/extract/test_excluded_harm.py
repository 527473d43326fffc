"""Reports of harm that is not armed violence: no incident, and the output says why."""

from __future__ import annotations

import json

import harmwatch


def test_disaster_and_accident_reports_give_no_incident_but_an_excluded_cause():
    quake = "A strong earthquake on Indonesia's main island of Java killed eight people, officials said."
    r = harmwatch.extract_text(quake)
    assert r.incidents == []
    (x,) = r.to_dict()["excluded"]
    assert x["kind"] == "natural disaster"
    s, e = x["evidence"][0]
    assert quake[s:e] == x["text"] and "earthquake" in x["text"]
    json.dumps(r.to_dict())  # part of the JSON contract

    blast = "Two workers were killed when a boiler exploded at a chemical factory in Multan on Monday."
    r = harmwatch.extract_text(blast)
    assert r.incidents == [] and r.to_dict()["excluded"][0]["kind"] == "accident"


def test_violence_is_not_excluded():
    r = harmwatch.extract_text("A roadside bomb exploded near a police checkpoint in Kandahar, killing two officers.")
    assert len(r.incidents) == 1
    assert "excluded" not in r.to_dict()
