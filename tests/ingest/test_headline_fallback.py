"""A page whose body came out as boilerplate still reports what its headline says.

Invented pages (no evaluation page is quoted)."""

from __future__ import annotations

import hashlib

import harmwatch
from harmwatch.merge import records_from_result
from harmwatch.merge.records import word_hash
from harmwatch.pipeline import headline

BOILERPLATE = ("Sign in to get alerts from this writer.\n\nYour alert settings were saved.\n\n"
               "We write at most daily, whenever something new has appeared.")


def test_headline_drops_the_outlets_name():
    assert headline("Two wounded in shooting at Marlow bus stop - KXYZ") == "Two wounded in shooting at Marlow bus stop"
    assert headline("Man shot dead on Elm Road | Local News | marlowtimes.example") == "Man shot dead on Elm Road"
    assert headline("Police - KXYZ") is None  # nothing of a sentence left
    assert headline(None) is None
    assert headline("Gunman kills one " * 40) is None  # no headline is that long


def test_a_boilerplate_page_takes_its_incident_from_the_headline():
    r = harmwatch.extract_text(BOILERPLATE, published="2023-06-05", doc_id="p1",
                               title="Gunman kills one, wounds three at Marlow tavern - KXYZ")
    assert r.status == "ok" and r.incidents
    head = "Gunman kills one, wounds three at Marlow tavern"
    assert r.text.startswith(head + "\n\n") and r.text.endswith(BOILERPLATE)
    inc = r.incidents[0].to_dict()
    assert inc["killed"]["best"] == 1 and inc["injured"]["best"] == 3
    # every evidence offset counts from the text as returned (headline first)
    s, e = inc["killed"]["evidence"][0]
    assert r.text[s:e] in head
    assert any("headline" in w for w in r.warnings)
    assert r.document.content_hash == hashlib.sha256(r.text.encode("utf-8")).hexdigest()
    # merging reads the headline, not the page's boilerplate, as the incident's words
    lead = records_from_result({"doc_id": "p1", "text": r.text, "incidents": [inc], "published": "2023-06-05"})[0]
    assert lead.words and word_hash("tavern") in lead.words
    assert word_hash("alerts") not in lead.words and word_hash("writer") not in lead.words


def test_a_quiet_headline_or_one_the_text_already_opens_with_changes_nothing():
    quiet = harmwatch.extract_text(BOILERPLATE, published="2023-06-05", title="Marlow library opens new wing - KXYZ")
    assert not quiet.incidents and quiet.text == BOILERPLATE
    body = "Gunman kills one at Marlow tavern\n\nPolice said a man opened fire inside the bar late Sunday, killing one."
    same = harmwatch.extract_text(body, published="2023-06-05", title="Gunman kills one at Marlow tavern - KXYZ")
    assert same.text == body and same.incidents
