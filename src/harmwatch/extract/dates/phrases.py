"""What a date phrase dates, read from the words around it: the page's byline (when the report was
posted), the event's own name ("the June 3 killing") or its act ("was shot on May 25"), the reporting
("police said Monday") or a later step of the case ("pleaded guilty Tuesday"). Used by the incident
assembly."""

from __future__ import annotations

import re
from datetime import date as _date

from harmwatch.types import DateMention

__all__ = ["FOLLOW_UP_DAYS", "dates_a_procedure", "dates_the_act", "follow_up_date", "is_byline", "is_report_date",
           "names_the_event"]

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


# the act itself dated: "was shot on May 25", "were gunned down Jan. 3", "killed early on June 2"
_ACT_BEFORE = re.compile(r"\b(?:shot|killed|gunned\s+down|slain|murdered|stabbed|wounded|ambushed|opened\s+fire)"
                         r"(?:\s+(?:and|to|dead|death|killed|wounded|fatally|multiple|several|times|twice|once|\w+ly)){0,3}"
                         r"(?:\s+(?:early|late))?(?:\s+(?:on|in|of|the|morning|night|evening|afternoon))*\s*$", re.IGNORECASE)


def dates_the_act(text: str, d: DateMention) -> bool:
    """Does the date name the event ("the May 25 shooting") or straight follow its act ("was shot
    and killed on May 25", "were gunned down Jan. 3")? Such a date is the event's even when it lies
    weeks before a follow-up's publication (an arrest, a plea, a trial)."""
    if names_the_event(text, d):
        return True
    if d.start != d.end or d.precision != "day":
        return False
    return bool(_ACT_BEFORE.search(text, max(0, d.span[0] - 48), d.span[0]))


def is_byline(text: str, d: DateMention) -> bool:
    """Is this date the page's byline (when the report was posted or updated), not an event's date?"""
    s, e = d.span
    if _BYLINE_BEFORE.search(text, max(0, s - 24), s):
        return True
    return bool(_YEAR.search(d.text or "") and _BYLINE_AFTER.match(text[e : e + 24]))


_REPORT_VERBS = (
    r"said|says|told|tells|reported|reports|announced|stated|added|confirmed|arrived|released|issued|"
    r"published|quoted|cited|declared|disclosed|revealed|asked|urged|denounced|condemned|denied|"
    r"warned|accused|demanded|claimed|explained|indicated|acknowledged|admitted|insisted|stressed|"
    r"reiterated|rejected|appealed|repudiated|blamed"
)  # speech acts only; participles that are also adjectives ("an alleged strike") stay out
# the later steps of the case, which date the procedure, not the event: "the victim was identified
# Tuesday", "arraigned Monday", "appeared in court Friday", "was charged on Sunday"
# (the steps of the case: a date of one of them alone marks a follow-up, assemble._follow_up_doc_date)
_PROCEDURE_VERBS = (
    r"arraigned|charged|indicted|booked|sentenced|convicted|pleaded|appeared|testified|remanded|extradited|"
    r"pleas?|sentencing|arraignment|hearing|arrested|surrendered"
)
_LATER_STEP_VERBS = _PROCEDURE_VERBS + r"|identified|buried|remained|remains|condition|discharged|investigating|underway|died"

_PROCEDURE_BEFORE = re.compile(rf"\b(?:{_PROCEDURE_VERBS})\b[^.;\n]{{0,18}}$", re.IGNORECASE)
_PROCEDURE_AFTER = re.compile(rf"^[^.;]{{0,14}}\b(?:{_PROCEDURE_VERBS})\b", re.IGNORECASE)
_REPORT_BEFORE = re.compile(rf"\b(?:{_REPORT_VERBS}|{_LATER_STEP_VERBS})\b[^.;\n]{{0,18}}$", re.IGNORECASE)
_REPORT_AFTER = re.compile(rf"^[^.;]{{0,14}}\b(?:{_REPORT_VERBS}|{_LATER_STEP_VERBS})\b", re.IGNORECASE)


def is_report_date(text: str, d: DateMention) -> bool:
    """Does this date phrase date the reporting ("police said on Monday") or a later step of the case
    ("identified Tuesday", "arraigned Monday") rather than the event?"""
    s, e = d.span
    return bool(_REPORT_BEFORE.search(text, max(0, s - 40), s) or _REPORT_AFTER.match(text[e : e + 40]))


def dates_a_procedure(text: str, span) -> bool:
    """Does the date phrase at ``span`` date a step of the case ("pleaded guilty on Tuesday",
    "arrested Saturday", "at a hearing Monday"), not the event or the reporting?"""
    s, e = span
    return bool(_PROCEDURE_BEFORE.search(text, max(0, s - 40), s) or _PROCEDURE_AFTER.match(text[e : e + 40]))


#: a follow-up names the event's date at most this many days before its publication
FOLLOW_UP_DAYS = 400


def follow_up_date(text: str, d: DateMention, published: _date | None) -> bool:
    """A date more than a month before publication that names the event or dates its act ("in
    the May 25 shooting", "was shot on Jan. 11"), written out (not "last year"), at most
    FOLLOW_UP_DAYS back: in a report of a later step (an arrest, a plea, a sentence) it is the
    date of the event, which the later step's date must not replace."""
    if published is None or d.relative or not d.end or d.end.startswith("--") or not dates_the_act(text, d):
        return False
    try:
        end = _date.fromisoformat(d.end)
    except ValueError:
        return False
    return 0 < (published - end).days <= FOLLOW_UP_DAYS
