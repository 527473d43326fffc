"""An incident whose own place does not resolve takes the country its whole document points to,
with the words that point there as evidence; a document that points nowhere gives none.

Invented sentences in the structure of US local news and of conflict reports."""

from __future__ import annotations

from harmwatch.api import extract_text
from harmwatch.extract.places.mentions import us_usage


def _loc(text: str) -> dict:
    return extract_text(text, published="2016-05-02").incidents[0].location


def test_us_usage_counts_kinds_not_words():
    assert us_usage("Deputies found him in the 4200 block of Elm Road. The sheriff's office said ...") == 2
    assert us_usage("The block of flats was hit. The deputies of parliament met.") == 0


def test_unresolved_place_takes_the_documents_country_with_evidence():
    text = ("A welder was shot and wounded late on Saturday in the 4200 block of their street, the county "
            "sheriff's office said. Deputies said the welder was taken to a trauma center.")
    loc = _loc(text)
    assert loc["country_code"] == "US"
    assert loc["precision"] == "country"
    assert "inferred from the document" in loc["reason"]
    said = [text[a:b] for a, b in loc["evidence"]]
    assert any("block of" in s for s in said) and any("heriff" in s for s in said)


def test_a_document_that_names_no_country_gains_none():
    loc = _loc("Gunmen shot and wounded a guard at the depot gate late on Saturday, witnesses said.")
    assert loc["country_code"] is None


def test_a_named_place_is_not_replaced():
    text = "Gunmen killed five soldiers at a checkpoint in Mosul, Iraq, on Monday, Iraqi officials said."
    loc = _loc(text)
    assert loc["name"] == "Mosul" and loc["country_code"] == "IQ" and "reason" not in loc
