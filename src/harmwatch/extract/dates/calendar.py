"""Calendar arithmetic for date expressions: the month, weekday and number vocabulary, the regexes
that find the expressions, and the resolvers that turn one expression into a date range against the
publication date (the rules are documented in :mod:`.mentions`). No text scanning here beyond the
compiled patterns: :mod:`.mentions` finds the expressions, :mod:`.dateline` reads the report's head."""

from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

from harmwatch.extract.fastmatch import led

_D = _dt.date
_TD = _dt.timedelta

# --------------------------------------------------------------------------- vocabulary

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_FULL_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "couple of": 2,
}
# a weekday followed by one of these is a name, not a date ("Sunday Times")
_WEEKDAY_NAME_NEXT = frozenset(
    "times telegraph express mirror herald post tribune independent mail star world observer "
    "sport people school service prayers prayer mass league club night's".split()
)
# ... and preceded by one of these ("Bloody Sunday", "Good Friday")
_WEEKDAY_NAME_PREV = frozenset(
    "bloody good black easter palm holy ash super cyber shrove maundy whit low".split()
)

_MON = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|"
    r"jul(?:y|\.)?|aug(?:ust|\.)?|sep(?:tember|t\.?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|"
    r"dec(?:ember|\.)?)(?![a-z])"
)
_ORD = r"(?:st|nd|rd|th)?"
_YEAR4 = r"(?:1[89]|20)\d\d"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMW = r"(?:\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s+)?couple\s+of)"

_I = re.IGNORECASE

# prefilter: which families can match in this sentence at all
# Prefilter: which pattern families can match in this sentence at all. Plain substring tests and
# charset-led regexes run at C speed; the alternation-heavy patterns below only run when their
# family is possible. Month and weekday names must be capitalised (or ALL CAPS) to count, so
# "may", "market" and "decided" do not wake the month patterns.
_MON_TRIG = re.compile(r"[JFMASOND](?:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec|AN|EB|AR|PR|AY|UN|UL|UG|EP|CT|OV|EC)")
_WD_KEYS = tuple(w.capitalize() for w in _WEEKDAYS) + tuple(w.upper() for w in _WEEKDAYS)
_REL_KEYS = ("yesterday", "today", "tonight", "overnight", " ago")
_REL_CUES = ("last", "this", "past", "earlier")
_REL_UNITS = ("night", "week", "month", "year", "morning", "afternoon", "evening")
_NUM_TRIG = re.compile(r"\d[/-]\d|(?:1[89]|20)\d\d")

# month family: one day-led and one month-led pattern (ranges and years are optional parts), plus
# the cue-led bare month. Leading words ("the night of", "early", "late on") are checked by a short
# look-back instead of optional leading groups, which would defeat the regex engine's fast scan.
_R_DAYLED = re.compile(
    rf"(?P<d1>\d{{1,2}}){_ORD}(?:\s*(?P<conn>-|–|to|and|until|through)\s*(?P<d2>\d{{1,2}}){_ORD})?\s+"
    rf"(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<y4>{_YEAR4})(?!\d)|\s+(?P<y2>\d\d)(?![\d:.,]\d|\d|%))?",
    _I,
)
_R_MONLED = re.compile(
    rf"(?P<mon>{_MON})(?:\s+(?P<d1>\d{{1,2}}){_ORD}(?:\s*(?P<conn>-|–|to|until|through|and)\s*"
    rf"(?P<d2>\d{{1,2}}){_ORD})?(?![\d:.]\d|\d|%)(?:,?\s+(?P<y4>{_YEAR4})(?!\d))?"
    rf"|,?\s+(?P<ymy>{_YEAR4})(?!\d))",
    _I,
)
_R_MCUE = re.compile(
    rf"\b(?P<cue>in|since|during|until|by|early|late|mid-|mid|end\s+of|beginning\s+of|last|this|next|"
    rf"earlier\s+in|earlier\s+this|later\s+in)\s+(?:(?P<mod>early|late|mid-?)\s*)?(?P<mon>{_MON})",
    _I,
)
_LB_NIGHT = re.compile(r"(?:the\s+)?night\s+of\s+$", _I)
_LB_MOD = re.compile(r"(?:early|late|mid-?)\s*$", _I)
_LB_WD = re.compile(r"(?:(?P<mod>early|late)\s+(?:on\s+)?)?(?:(?P<rel>last|this|next|past)\s+)?$", _I)
# weekday family
_R_WD = re.compile(
    rf"(?P<wd>{_WD})(?P<pl>s)?(?![a-z'])(?:\s+(?P<part>morning|afternoon|evening|night))?\b",
    _I,
)
# relative family
_R_REL = re.compile(
    r"(?:"
    r"(?P<dby>the\s+day\s+before\s+yesterday)"
    r"|(?P<yest>yesterday)(?:\s+(?:morning|afternoon|evening|noon))?"
    r"|(?P<today>today)"
    r"|(?P<tonight>tonight)"
    r"|(?P<overnight>overnight)"
    r"|(?P<lastnight>last\s+night)"
    r"|(?P<thispart>this\s+(?:morning|afternoon|evening))"
    r"|(?P<lw>(?:last|this|past)\s+(?:week(?:end)?|month|year))"
    r"|(?P<earlier>earlier\s+(?:this|in\s+the)\s+(?:week|month|year))"
    rf"|(?P<ago>(?P<n>{_NUMW})\s+(?P<unit>day|week|month|year)s?\s+ago)"
    r")\b",
    _I,
)
# anchored family: days counted from an earlier date of the story, not from publication
_R_ANCH = re.compile(
    r"\b(?:"
    r"(?P<nx>the\s+(?:next|following)\s+(?:day|morning|afternoon|evening|night))"
    r"|(?P<pv>the\s+(?:previous|preceding)\s+(?:day|morning|afternoon|evening|night))"
    r"|(?P<da>the\s+day\s+after)(?!\s+(?:tomorrow|the|a|an|his|her|their|its|this|that)\b)"
    r"|(?P<db>the\s+day\s+before)(?!\s+(?:yesterday|the|a|an|his|her|their|its|this|that)\b)"
    rf"|(?P<n>{_NUMW})\s+days?\s+(?P<dir>later|earlier)"
    r"|(?P<same>(?:later\s+|earlier\s+)?(?:that|the)\s+same\s+day|later\s+that\s+day)"
    r")\b",
    _I,
)
_ANCH_KEYS = ("next", "following", "previous", "preceding", "before", "after", "later", "earlier", "same")

# numeric family
_R_ISO = re.compile(r"\b(?P<y>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")
_R_SLASH = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:1[89]|20)\d\d)(?![\d/])")
_R_YEAR = re.compile(
    rf"\b(?P<cue>in|since|during|until|throughout|early|late|mid-?)\s+(?:(?P<mod>early|late|mid-?)\s*)?"
    rf"(?P<y>{_YEAR4})(?![\d%]|[.,:]\d|-\d|\s*(?:people|persons|men|troops|soldiers|civilians|homes|houses|km|kilometres|kilometers|miles|metres|meters|feet|families)\b)",
    _I,
)


# The patterns that open with an alternation, behind a lookahead for the characters their matches can
# start with (events.led): the same matches, but the engine skips most positions with one test
# instead of trying every alternative there.
_R_MONLED, _R_MCUE, _R_WD, _R_REL, _R_ANCH, _R_YEAR = (
    led(rx) for rx in (_R_MONLED, _R_MCUE, _R_WD, _R_REL, _R_ANCH, _R_YEAR)
)

_PLAIN_PREP = frozenset({"in", "since", "during", "until", "by", "throughout", "between", "from"})


# --------------------------------------------------------------------------- helpers


class _Cand(NamedTuple):
    start: int
    end: int
    kind: str
    m: re.Match[str]


def _month_num(tok: str) -> int:
    return _MONTHS[tok[:3].lower()]


def _month_ok(tok: str, caps: bool, need_day_or_year: bool) -> bool:
    """Case rules for a month token: capitalised; ambiguous words need day/year in ALL CAPS."""
    if not tok[0].isupper():
        return False
    low = tok.lower().rstrip(".")
    if caps and not need_day_or_year and low in ("may", "march", "mar"):
        return False
    return True


def _safe_date(y: int, m: int, d: int) -> _D | None:
    try:
        return _D(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, pub: _D) -> _D | None:
    """Publication year, or the one before when the date would be > 7 days after publication."""
    for y in (pub.year, pub.year - 1, pub.year - 2, pub.year - 3, pub.year - 4):
        dd = _safe_date(y, m, d)
        if dd is not None and dd <= pub + _TD(days=7):
            return dd
    return None


def _month_year(m: int, pub: _D) -> int:
    return pub.year if m <= pub.month else pub.year - 1


def _two_digit_year(yy: int, pub: _D | None) -> int:
    if pub is None:
        return 1900 + yy if yy >= 50 else 2000 + yy
    y = pub.year // 100 * 100 + yy
    return y - 100 if y > pub.year + 1 else y


def _month_end(y: int, m: int) -> _D:
    return (_D(y + (m == 12), m % 12 + 1, 1)) - _TD(days=1)


def _week_of(d: _D) -> tuple[_D, _D]:
    mon = d - _TD(days=d.weekday())
    return mon, mon + _TD(days=6)


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _iso(d: _D) -> str:
    return d.isoformat()


class _Res(NamedTuple):
    start: str | None
    end: str | None
    precision: str | None
    relative: bool
    reason: str | None


def _unresolved(what: str) -> _Res:
    return _Res(None, None, None, True, f"{what} without a publication date")


def _day(d: _D, relative: bool = False) -> _Res:
    return _Res(_iso(d), _iso(d), "day", relative, None)


# --------------------------------------------------------------------------- resolvers


def _res_daymonth(mon_tok: str, d: int, y4: str | None, y2: str | None, pub: _D | None) -> _Res | None:
    m = _month_num(mon_tok)
    if y4:
        dd = _safe_date(int(y4), m, d)
        return _day(dd) if dd else None
    if y2:
        dd = _safe_date(_two_digit_year(int(y2), pub), m, d)
        return _day(dd) if dd else None
    if pub is None:
        if _safe_date(2000, m, d) is None:  # 2000 is a leap year: accepts 29 Feb
            return None
        s = f"--{m:02d}-{d:02d}"
        return _Res(s, s, "day-no-year", False, None)
    dd = _infer_year(m, d, pub)
    return _day(dd) if dd else None


def _res_range(mon_tok: str, d1: int, d2: int, y4: str | None, pub: _D | None) -> _Res | None:
    if d2 < d1:
        return None
    a = _res_daymonth(mon_tok, d1, y4, None, pub)
    b = _res_daymonth(mon_tok, d2, y4, None, pub)
    if a is None or b is None:
        return None
    if pub is not None and not y4 and a.start and b.start and a.start[:4] != b.start[:4]:
        # keep both ends in one year (the start's year)
        m = _month_num(mon_tok)
        bb = _safe_date(int(a.start[:4]), m, d2)
        if bb is None:
            return None
        b = _day(bb)
    return _Res(a.start, b.end, a.precision, False, None)


def _res_month(mon_tok: str, y: int | None, pub: _D | None, cue: str) -> _Res:
    m = _month_num(mon_tok)
    if y is None and pub is not None:
        cue = cue.lower()
        if cue == "next":
            y = pub.year if m > pub.month else pub.year + 1
        elif cue == "last":
            y = pub.year if m < pub.month else pub.year - 1
        else:
            y = _month_year(m, pub)
    if y is None:
        s = f"--{m:02d}"
        return _Res(s, s, "month-no-year", False, None)
    return _Res(_iso(_D(y, m, 1)), _iso(_month_end(y, m)), "month", cue != "", None)


def _res_weekday(tok: str, rel: str, pub: _D | None) -> _Res:
    if pub is None:
        return _unresolved("weekday")
    wd = _WEEKDAYS[tok.lower()]
    delta = (pub.weekday() - wd) % 7
    if rel == "next":
        d = pub + _TD(days=(wd - pub.weekday()) % 7 or 7)
    else:
        if rel in ("last", "past") and delta == 0:
            delta = 7
        d = pub - _TD(days=delta)
    return _day(d, True)


def _res_rel(m: re.Match[str], pub: _D | None) -> _Res | None:
    g = m.group
    if pub is None:
        if g("lw") or g("earlier") or g("ago"):
            return _unresolved("relative period")
        return _unresolved("relative day")
    one = _TD(days=1)
    if g("dby"):
        return _day(pub - 2 * one, True)
    if g("yest") or g("lastnight"):
        return _day(pub - one, True)
    if g("today") or g("tonight") or g("thispart"):
        return _day(pub, True)
    if g("overnight"):
        return _Res(_iso(pub - one), _iso(pub), "day", True, None)
    if g("lw") or g("earlier"):
        words = (g("lw") or g("earlier")).lower().split()
        which, unit = words[0], words[-1]
        if unit == "weekend":
            sat = pub - _TD(days=(pub.weekday() - 5) % 7 or 7) if which == "last" else pub - _TD(days=(pub.weekday() - 5) % 7)
            return _Res(_iso(sat), _iso(sat + one), "day", True, None)
        if unit == "week":
            if which == "past":
                return _Res(_iso(pub - 7 * one), _iso(pub), "week", True, None)
            if which == "earlier":
                mon, _ = _week_of(pub)
                return _Res(_iso(mon), _iso(pub), "week", True, None)
            mon, sun = _week_of(pub - 7 * one if which == "last" else pub)
            # "this week" in a report: the part of the week up to publication (events are not in the future)
            return _Res(_iso(mon), _iso(min(sun, pub)), "week", True, None)
        if unit == "month":
            if which == "past":
                return _Res(_iso(pub - 30 * one), _iso(pub), "month", True, None)
            y, mo = _add_months(pub.year, pub.month, -1 if which == "last" else 0)
            end = pub if which in ("earlier", "this") else _month_end(y, mo)
            return _Res(_iso(_D(y, mo, 1)), _iso(end), "month", True, None)
        # year
        if which == "past":
            return _Res(_iso(pub - 365 * one), _iso(pub), "year", True, None)
        y = pub.year - 1 if which == "last" else pub.year
        end = pub if which in ("earlier", "this") else _D(y, 12, 31)
        return _Res(_iso(_D(y, 1, 1)), _iso(end), "year", True, None)
    if g("ago"):
        nw = " ".join(g("n").lower().split())
        n = int(nw) if nw.isdigit() else _NUMBER_WORDS.get(nw, 0)
        if n <= 0:
            return None
        unit = g("unit").lower()
        if unit == "day":
            return _day(pub - n * one, True)
        if unit == "week":
            mon, sun = _week_of(pub - 7 * n * one)
            return _Res(_iso(mon), _iso(sun), "week", True, None)
        if unit == "month":
            y, mo = _add_months(pub.year, pub.month, -n)
            return _Res(_iso(_D(y, mo, 1)), _iso(_month_end(y, mo)), "month", True, None)
        y = pub.year - n
        return _Res(_iso(_D(y, 1, 1)), _iso(_D(y, 12, 31)), "year", True, None)
    return None
