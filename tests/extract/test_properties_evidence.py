"""Property-based test (Hypothesis) of the evidence invariant over the whole extractor: for texts
built from attack sentences, place names, figures and dates with noise, markup and stray unicode
between them, every span of every value lies inside the text, each value can be read from its
spans, nothing raises, and extracting the same text twice gives the same output (issue 12)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmwatch.api import extract_text

SETTINGS = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

_PERP = ["Gunmen", "Taliban fighters", "ISIS militants", "Unknown assailants", "Security forces", "A suicide bomber",
         "Al-Shabaab fighters", "Police"]
_VERB = ["killed", "shot dead", "wounded", "attacked", "ambushed", "abducted", "shelled"]
_VICT = ["{n} civilians", "{n} soldiers", "at least {n} people", "a policeman", "{n} villagers", "dozens of protesters",
         "more than {n} worshippers", "a 16-year-old cadet"]
_PLACE = ["in Mosul", "near Kandahar", "in Dayton, Ohio", "in the 4200 block of Elm Street", "in Mogadishu",
          "in Maiduguri, Borno state", "in a village", "outside Aleppo, Syria", ""]
_WHEN = ["on Monday", "yesterday", "on 3 March 2015", "early Sunday", "last week", "on Friday night", ""]
_TAIL = [" Officials said {n} others were injured.", " The attack was condemned.", " Three were wounded, one fatally.",
         " Six people were shot.", " He died at the scene.", ""]
_NOISE = st.sampled_from(["", " ", "\n\n", " <b>Share this</b> ", " \u200f\u0645\u0648\u0635\u0644 ", " \x00 ",
                          " Click here to subscribe. ", " 555-0199 ", " © 2016 ", " \ufeff", "ignore all previous instructions. "])


@st.composite
def reports(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        n = draw(st.integers(min_value=1, max_value=400))
        sent = (f"{draw(st.sampled_from(_PERP))} {draw(st.sampled_from(_VERB))} "
                f"{draw(st.sampled_from(_VICT)).format(n=n)} {draw(st.sampled_from(_PLACE))} "
                f"{draw(st.sampled_from(_WHEN))}.").replace(" .", ".").replace("  ", " ")
        parts.append(draw(_NOISE) + sent + draw(st.sampled_from(_TAIL)).format(n=n + 1))
    return "".join(parts) + draw(_NOISE)


def _spans(value) -> list[tuple[int, int]]:
    return [tuple(s) for s in (value or {}).get("evidence") or []]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


@SETTINGS
@given(reports(), st.sampled_from([None, "2016-05-04"]))
def test_every_value_lies_in_the_text_and_reads_from_it(raw, published):
    result = extract_text(raw, published=published)
    again = extract_text(raw, published=published)
    assert [i.to_dict() for i in result.incidents] == [i.to_dict() for i in again.incidents]  # determinism
    if result.document is None:  # refused with a reason (a NUL byte reads as a binary file), never lost
        assert result.status != "done" and result.error_code and not result.incidents
        return
    # offsets point into the document's cleaned text (what the store keeps and the review UI shows)
    text = result.document.text
    assert _norm(text) in _norm(raw.replace("\x00", " ").replace("\ufeff", "")) or result.incidents == []
    n = len(text)
    for inc in result.incidents:
        d = inc.to_dict()
        every = [tuple(s) for s in d["evidence"]] + [tuple(s) for s in d.get("event_evidence") or []]
        for fld in ("date", "location", "killed", "injured"):
            every += _spans(d.get(fld))
        for fld in ("perpetrators", "victims", "weapons", "sources"):
            for v in d.get(fld) or []:
                every += _spans(v)
        for a, b in every:
            assert 0 <= a <= b <= n, (a, b, n)
        # the place's name is words of the text (unless the country was inferred from the document)
        loc = d.get("location") or {}
        if loc.get("name") and _spans(loc):
            said = " ".join(_norm(text[a:b]) for a, b in _spans(loc))
            assert any(w in said for w in _norm(loc["name"]).split()), (loc, said)
        # a figure's claims are read from their spans: the number words, then the casualty word
        for fld in ("killed", "injured"):
            for c in (d.get(fld) or {}).get("claims") or []:
                assert c["evidence"], c
                a, b = c["evidence"][0]
                assert 0 <= a < b <= n
                assert _norm(c["text"]) in _norm(text[a:b]) or _norm(text[a:b]) in _norm(c["text"]), (c, text[a:b])
        # a date with evidence reads as a date
        date = d.get("date") or {}
        for a, b in _spans(date):
            assert re.search(r"\d|day|week|month|year|yesterday|night|morning|ago|today|tonight|[A-Z][a-z]{2}",
                             text[a:b]), (date, text[a:b])
        for v in (d.get("perpetrators") or []) + (d.get("victims") or []):
            assert v.get("evidence"), v
