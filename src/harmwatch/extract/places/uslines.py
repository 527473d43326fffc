"""US place lines: AP-style state abbreviations, the dateline of a US report, and the state it points to.

US local news opens with a place line ("ALIQUIPPA, Pa. --", "CAMERON, W.Va. (AP) -", "HILLIARD, OH
(WCMH) -", "WARREN, Ohio (WKBN) -", "INDIANAPOLIS (WISH) -") and writes states in AP style after a
town ("a Conyers, Ga., man"). Read as ordinary names, "Pa" is a town in China and "Kan" one in
Jiangxi; read as what they are, they name the state that every other place of the report lies in
("Urbana" is then the Ohio town, not the Illinois one).

* :data:`AP_STATES`: AP abbreviation (as written, with its periods) -> GeoNames admin1 code;
  postal codes (:data:`POSTAL`) count only in a dateline, where capitals after a comma are a state.
* :func:`ap_state_at`: an AP abbreviation right after ``, `` at a position.
* :func:`us_dateline`: the place line at the head of the report: the town's span, the state's span
  and admin1 code (either may be missing: "INDIANAPOLIS (WISH) -" has no state).
* :func:`state_hint`: the admin1 the report points to: the dateline's state, else the one US state
  the report names most (full names and AP abbreviations), when it names one more than any other.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from harmwatch.types import PlaceMention, Span

from .gazetteer import Gazetteer

__all__ = ["AP_STATES", "POSTAL", "STATE_NAMES", "UsDateline", "ap_state_at", "ap_state_of", "county_state",
           "state_hint", "us_dateline", "us_places"]

#: AP style-book state abbreviations (Alaska, Hawaii, Idaho, Iowa, Maine, Ohio, Texas, Utah are written out)
AP_STATES: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS",
    "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS",
    "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ",
    "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Oreg.": "OR",
    "Pa.": "PA", "Penn.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX",
    "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wisc.": "WI",
    "Wyo.": "WY", "D.C.": "DC",
}
#: two-letter postal codes (a state only in a dateline: "HILLIARD, OH (WCMH)")
POSTAL = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH "
    "OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split())
#: full state names (as GeoNames spells the admin1 units; "Washington, D.C." is DC)
STATE_NAMES: dict[str, str] = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA", "Colorado": "CO",
    "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID",
    "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA",
    "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI", "Minnesota": "MN",
    "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE", "Nevada": "NV",
    "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM", "New York": "NY", "North Carolina": "NC",
    "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA",
    "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX",
    "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington": "WA", "West Virginia": "WV",
    "Wisconsin": "WI", "Wyoming": "WY",
}

_AB_ALT = "|".join(re.escape(a) for a in sorted(AP_STATES, key=len, reverse=True))
# ", Pa." right after a name, not the start of a longer word or initials ("Pa. Turnpike" still counts)
_AP_AT = re.compile(r",[ \t]*(?P<ab>" + _AB_ALT + r")(?![A-Za-z])")
_NAME_ALT = "|".join(re.escape(n) for n in sorted(STATE_NAMES, key=len, reverse=True))
_STATE_WORD = re.compile(r"(?<![\w.-])(?:" + _NAME_ALT + r"|" + _NAME_ALT.upper() + r")(?![\w-])")
_AP_ANY = re.compile(r"(?<=,)[ \t]*(?P<ab>" + _AB_ALT + r")(?![A-Za-z])")

_HEAD = 800
# "ALIQUIPPA, Pa. --", "CAMERON, W.Va. (AP) –", "HILLIARD, OH (WCMH) –", "WARREN, Ohio (WKBN) -",
# "INDIANAPOLIS (WISH) —", "FORT WORTH --", "ST. LOUIS COUNTY (KTVI) -": a capitals town at a line start
_DATELINE = re.compile(
    r"(?m)^[ \t\xa0]*(?P<town>(?:[A-Z][A-Z'\u2019.\-]*)(?:[ \t][A-Z][A-Z'\u2019.\-]*){0,3})"
    r"(?:,[ \t]*(?P<state>" + _AB_ALT + r"|[A-Z]{2}(?![\w.])|" + _NAME_ALT + r"|" + _NAME_ALT.upper() + r"))?"
    r"(?:[ \t]*\((?P<paren>[^()\n]{1,40})\))?"
    r"[ \t\xa0]*(?:--|\u2013|\u2014|-(?=[ \t])|:(?=[ \t]))"
)


# US broadcast call signs (K... west, W... east of the Mississippi) and network affiliates
_US_STATION = re.compile(r"\b(?:[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?|(?:CBS|NBC|ABC|FOX|CW)\s?\d{0,2})\b")


class UsDateline(NamedTuple):
    """The place line of a US report: the town's span (None when only a state is given), the state's
    span and admin1 code ("US.PA"; None when the line names no state)."""

    town: Span | None
    state: Span | None
    admin1: str | None
    #: the line names a US broadcaster ("(WISH)", "(KDKA/AP)", "(CBS13)"): a US report even without a state
    us_station: bool = False


def ap_state_at(text: str, end: int) -> tuple[Span, str] | None:
    """(span of the abbreviation, admin1 code) when ``text[end:]`` opens with ", <AP abbreviation>"."""
    m = _AP_AT.match(text, end)
    if not m:
        return None
    return m.span("ab"), f"US.{AP_STATES[m.group('ab')]}"


def ap_state_of(text: str, pm: PlaceMention) -> str | None:
    """The admin1 code of a mention that is an AP abbreviation after a name ("Aliquippa, Pa."), or a
    dateline's postal code ("HILLIARD, OH (WCMH)"), else None."""
    if pm.text in AP_STATES and _AP_AT.match(text, text.rfind(",", 0, pm.span[0] + 1)):
        return f"US.{AP_STATES[pm.text]}"
    if pm.text in POSTAL:
        line = us_dateline(text)
        if line is not None and line.state == pm.span:
            return line.admin1
    return None


def us_dateline(text: str) -> UsDateline | None:
    """The US place line in the first lines of the report (see module docstring), or None.

    The town must be written in capitals (a dateline, not a sentence opening with a name); a line
    without a state needs the station in parentheses or the dash right after the town, and a
    two-letter state must be a postal code."""
    for m in _DATELINE.finditer(text, 0, min(len(text), _HEAD)):
        town = m.group("town").rstrip(" .-")
        if len(town) < 3 or not any(c.isalpha() for c in town):
            continue
        st = m.group("state")
        if st is None and m.group("paren") is None and not re.match(r"[ \t\xa0]*(?:--|\u2013|\u2014)",
                                                                      text[m.end("town"):m.end()]):
            continue
        if st is None and len(town) <= 3:
            continue  # "UPDATE -", "AP -": too short to be a town
        code = None
        if st is not None:
            if st in AP_STATES:
                code = AP_STATES[st]
            elif st in POSTAL:
                code = st
            elif st.upper() == st and len(st) == 2:
                continue  # two capitals that are no state
            else:
                code = STATE_NAMES.get(st) or STATE_NAMES.get(st.title())
                if code is None:
                    code = next((c for n, c in STATE_NAMES.items() if n.upper() == st), None)
        ts = m.start("town")
        tspan = (ts, ts + len(town))
        station = bool(m.group("paren")) and _US_STATION.search(m.group("paren")) is not None
        return UsDateline(tspan, m.span("state") if st else None, f"US.{code}" if code else None, station)
    return None


# a state's name used for a street, a park, an institution, a person or the capital: not the state
_NOT_THE_STATE = re.compile(
    r"[ \t]+(?:St\.?|Street|Ave\.?|Avenue|Blvd\.?|Boulevard|Road|Rd\.?|Drive|Dr\.?|Park|Place|Square|Hall|"
    r"Heights|Court|Ct\.?|Lane|Way|Parkway|Pkwy\.?|Highway|Hwy\.?|Bridge|Center|Centre|Hospital|Mall|"
    r"Elementary|High|Middle|Township|Terrace|Circle|Plaza)\b"
    r"|,?[ \t]+D\.?C\.?\b|[ \t]+(?:Redskins|Nationals|Wizards|Capitals|Post|Times)\b"
)
_NOT_THE_STATE_BEFORE = re.compile(r"\b(?:George|Booker[ \t]+T\.|Denzel|Kerry|Martha|Lake|Mount|Mt\.|Fort|Ft\.)[ \t]+$")


def state_hint(text: str) -> str | None:
    """The US admin1 code ("US.OH") the report points to: the dateline's state, else the state named
    most often (full names, and AP abbreviations after a comma), when no other state is named as often."""
    dl = us_dateline(text)
    if dl is not None and dl.admin1:
        return dl.admin1
    counts: Counter[str] = Counter()
    for m in _STATE_WORD.finditer(text):
        if _NOT_THE_STATE.match(text, m.end()) or _NOT_THE_STATE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue  # "Michigan Avenue", "Washington Park", "George Washington", "Washington, D.C."
        w = m.group()
        code = STATE_NAMES.get(w) or STATE_NAMES.get(w.title())
        if code is None:
            code = next((c for n, c in STATE_NAMES.items() if n.upper() == w), None)
        if code:
            counts[code] += 1
    for m in _AP_ANY.finditer(text):
        counts[AP_STATES[m.group("ab")]] += 1
    if not counts:
        return None
    top = counts.most_common(2)
    if len(top) > 1 and top[1][1] == top[0][1]:
        return None
    return f"US.{top[0][0]}"


_COUNTY = re.compile(r"\b(?:[A-Z][a-z]+|St\.)(?:[ \t][A-Z][a-z]+)?[ \t]County\b")


def county_state(text: str, gz: Gazetteer) -> str | None:
    """The US admin1 code the report's counties point to, for a report that names no state: every
    "<Name> County" whose US namesakes all lie in one state ("Navarro County" is only in Texas;
    "Marshall County", in twelve states, says nothing) counts for that state; the state with most
    such counties, when no other has as many."""
    counts: Counter[str] = Counter()
    for m in _COUNTY.finditer(text):
        words = m.group().split()
        states: set[str | None] = set()
        # "The Navarro County" -> "Navarro County" first; "St. Louis County" and "San Juan County" as found
        names = [m.group()] if words[0] == "St." else [" ".join(words[-2:]), m.group()]
        for name in names:
            states = {p.admin1_code for p in gz.lookup(name, fuzzy=False)
                      if p.country_code == "US" and p.kind == "admin2"}
            if states:
                break
        if len(states) == 1:
            counts[next(iter(states))] += 1
    top = counts.most_common(2)
    if not top or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return top[0][0]


_AP_IN = re.compile(r",[ \t]*[A-Z]")


def us_places(text: str, gz: Gazetteer, line: UsDateline | None, start: int, end: int,
              found: list[PlaceMention]) -> list[PlaceMention]:
    """US place lines in one sentence: an AP state abbreviation after a name ("Aliquippa, Pa.") is
    the state (its text the state's name; never the Chinese town "Pa"), and the dateline's town and
    state are mentions even when the capitals scan left them out ("ALIQUIPPA, Pa. --")."""
    out = list(found)
    for m in _AP_IN.finditer(text, start, end):
        ap = ap_state_at(text, m.start())
        if ap is None:
            continue
        (a, b), code = ap
        out = [pm for pm in out if not (pm.span[0] < b and a < pm.span[1])]
        out.append(PlaceMention(span=(a, b), text=text[a:b], kind="toponym"))  # resolved by ap_state_of
    if line is not None:
        for span, kind in ((line.town, "town"), (line.state, "state")):
            if span is None or not (start <= span[0] and span[1] <= end):
                continue
            if any(pm.span[0] < span[1] and span[0] < pm.span[1] for pm in out):
                continue
            nm = text[span[0]:span[1]]
            if kind == "state":
                if line.admin1 is None:
                    continue
            elif not any(p.country_code == "US" and (line.admin1 is None or p.admin1_code == line.admin1)
                         for p in gz.lookup(nm, fuzzy=False)):
                continue
            out.append(PlaceMention(span=span, text=nm, kind="toponym"))
    return sorted(out, key=lambda pm: pm.span)
