"""What a date phrase dates, read from the words around it: the page's byline (when the report was
posted), or the event's own name ("the June 3 killing"). Used by the incident assembly."""

from __future__ import annotations

import re

from harmwatch.types import DateMention

__all__ = ["is_byline", "names_the_event"]

# a page's byline: "Posted: Friday, June 9, 2023 8:05 AM CDT", "Updated Feb. 2, 2021",
# "April 4, 2022 6:12 PM" (a full date straight followed by a clock time, no "at")
_BYLINE_BEFORE = re.compile(r"\b(?:posted|updated|published|modified|created)(?:\s+(?:on|at))?\s*:?\s*$", re.IGNORECASE)
_BYLINE_AFTER = re.compile(r"^,?[ \t]*\d{1,2}:\d\d(?::\d\d)?[ \t]*(?:[ap]\.?[ \t]?m\b\.?|[ECMP][SD]?T\b|UTC\b|GMT\b)",
                           re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")

# a date written into the event's own noun phrase: "a May 25 shooting", "the Oct. 4 killings",
# "Saturday's shooting", "the shooting on May 25", "the slaying of Jan. 3"
_EVENT_NOUNS = r"(?:shootings?|killings?|slayings?|murders?|homicides?|stabbings?|attacks?|shootouts?|ambush(?:es)?|" \
    r"gunfire|massacres?|bombings?|explosions?|blasts?|raids?|clash(?:es)?)"
_EVENT_AFTER = re.compile(rf"^(?:'s|\u2019s)?\s+(?:(?:double|triple|fatal|deadly|drive-by|mass|police|accidental|"
                          rf"officer-involved)\s+)*{_EVENT_NOUNS}\b", re.IGNORECASE)
_EVENT_BEFORE = re.compile(rf"\b{_EVENT_NOUNS}\s+(?:on|of)\s+$", re.IGNORECASE)


def names_the_event(text: str, d: DateMention) -> bool:
    """Is the date part of the event's own name ("the May 25 shooting", "the attack on Monday")?
    Such a date dates the event even in a report of a later step ("charged in the June 3 killing,
    he appeared in court today")."""
    if d.start != d.end or d.precision != "day":  # "an overnight shooting", "this weekend's killing": spans
        return False
    s, e = d.span
    return bool(_EVENT_AFTER.match(text[e : e + 40]) or _EVENT_BEFORE.search(text, max(0, s - 24), s))


def is_byline(text: str, d: DateMention) -> bool:
    """Is this date the page's byline (when the report was posted or updated), not an event's date?"""
    s, e = d.span
    if _BYLINE_BEFORE.search(text, max(0, s - 24), s):
        return True
    return bool(_YEAR.search(d.text or "") and _BYLINE_AFTER.match(text[e : e + 24]))
