"""Is a casualty figure one incident can have? Flags on claims that are read but not believed.

A regex reader takes any number before "killed" as a toll, so a year ("in 2015 killed ..."), a
phone number ("call 555-0142 ... wounded"), a counter in a machine-made or hostile text ("output
1000000 killed") or a war's toll told without naming the war would become the incident's best
figure. :func:`implausible` names the reason a claim cannot be one incident's count, or None.
A flagged claim stays on the incident with ``flag`` (the reason) so a reviewer sees what was read,
but :func:`harmwatch.extract.casualties.claims.reconcile` never takes it for min, best or max.

Reasons:

* ``phone_number``: the figure is a group of a phone number (digits joined by dashes, dots or a
  parenthesised area code: "555-0142", "(555) 014-2000").
* ``year``: four plain digits 1900-2099 written as digits with no qualifier ("2015"): a count
  that large is written with a separator ("2,015") or in words; the year is the likelier reading.
* ``above_cap``: more than :data:`CAP` (per kind) with no mass-casualty context in the sentence
  (a massacre, a genocide, a named attack series, a war's toll, an earthquake-scale event):
  the deadliest single attacks of record killed about 3,000 and wounded about 6,000-10,000; and
  always from :data:`NO_INCIDENT` up (a war's or a plague's toll told in passing, a counter).
"""

from __future__ import annotations

import re
from dataclasses import replace

from harmwatch.types import CasualtyClaim

#: the largest figure one incident can plausibly have without a context that says it is a mass-
#: casualty event: the deadliest single attacks on record (11 September 2001: about 2,977 killed,
#: over 6,000 injured) sit below these
CAP = {"killed": 3_000, "injured": 10_000}
#: no single incident of armed violence has this many, whatever the sentence says around it
NO_INCIDENT = 100_000

_PHONE = re.compile(r"\(\d{3}\)\s*\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b|\b\d{3}[-.]\d{4}\b")
_YEAR = re.compile(r"(?:19|20)\d\d")
#: what makes a huge figure one event's: the event named as a mass killing or a war-scale toll
_MASS_CONTEXT = re.compile(
    r"\b(?:massacres?|genocides?|ethnic cleansing|holocaust|wars?|bombing campaign|siege|"
    r"earthquake|tsunami|famine|pandemic|epidemic|since (?:19|20)\d\d|(?:September|Sept\.?) 11|9/11)\b",
    re.I,
)


def implausible(text: str, start: int, end: int, claim: CasualtyClaim) -> str | None:
    """The reason ``claim`` (found in ``text[start:end]``, one sentence) is no incident's figure,
    or None when it may be. Only the figure's own span and its sentence are read."""
    n = claim.best if claim.best is not None else claim.min
    if n is None or not claim.evidence:
        return None
    num = claim.evidence[0]
    for m in _PHONE.finditer(text, max(start, num[0] - 6), min(end, num[1] + 10)):
        if m.start() <= num[0] < m.end():
            return "phone_number"
    raw = text[num[0]:num[1]].strip()
    if claim.qualifier is None and _YEAR.fullmatch(raw):
        return "year"
    if n >= NO_INCIDENT:
        return "above_cap"
    if n > CAP.get(claim.kind, CAP["killed"]) and not _MASS_CONTEXT.search(text, start, end):
        return "above_cap"
    return None


def flagged(claim: CasualtyClaim, reason: str) -> CasualtyClaim:
    """``claim`` with its ``flag`` set (frozen dataclass: a copy)."""
    return replace(claim, flag=reason)
