"""Dates on full news pages: the byline, the event's own name, later steps and follow-ups.

Invented reports written for these tests (no evaluation page is quoted)."""

from __future__ import annotations

import pytest

from harmwatch import extract_text

CASES = {
    # the byline dates the page, never the event
    "byline": ("Posted: Tuesday, April 11, 2023 9:14 AM CDT\n\n"
               "Gunfire outside a gas station on Elm Road in Marlow killed a 24-year-old man Sunday night, "
               "police said.", "2023-04-11", "2023-04-09"),
    # a date in the event's own name beats the court's day
    "event name": ("A Marlow man appeared in court on Monday, charged in the March 30 shooting in which two "
                   "teenagers were wounded outside a school.", "2023-04-04", "2023-03-30"),
    # the plea is this report's news; the shooting it follows is dated in its own sentence, two months back
    "follow-up": ("A Marlow man pleaded guilty on Tuesday to manslaughter.\n\n"
                  "Prosecutors said Dale Okafor, 31, died after he was shot on Feb. 11 during a quarrel over a "
                  "debt outside a laundromat on Birch Street. A second man was wounded.", "2023-04-19", "2023-02-11"),
    # an arrest weeks later, dated by the act it names
    "arrest": ("A 19-year-old was taken into custody Saturday and charged with murder. Deputies say he opened fire "
               "on January 8 at a house party near Route 9, killing one man and wounding four people.",
               "2023-02-26", "2023-01-08"),
    # the lead is a new shooting; an older killing with arrests is told further down the page
    "fresh report": ("Detectives are looking into a Friday night shooting on Oak Avenue in Marlow that killed one "
                     "man and hurt a woman.\n\n"
                     "Officers found the two in a parked van about 9 p.m. The man died at the scene.\n\n"
                     "In an unrelated case, detectives on Friday announced two arrests over a homicide last month: "
                     "Ray Pemberton, 40, was gunned down Feb. 1 following a dispute at a bowling alley.",
                     "2023-03-18", "2023-03-17"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_lead_incident_date(case):
    text, published, want = CASES[case]
    incs = extract_text(text, published=published).to_dict()["incidents"]
    assert incs, "no incident"
    lead = min(incs, key=lambda i: min((s[0] for s in i.get("evidence") or []), default=10**9))
    assert lead["date"]["start"] == want, lead["date"]


def test_an_old_date_more_than_400_days_back_is_history_not_the_act():
    text = ("A Marlow man was sentenced on Monday to 20 years in prison.\n\n"
            "He shot and killed a neighbour on June 2, 2019, during a dispute over a fence.")
    incs = extract_text(text, published="2023-05-08").to_dict()["incidents"]
    assert all((i["date"] or {}).get("start") != "2019-06-02" for i in incs)
