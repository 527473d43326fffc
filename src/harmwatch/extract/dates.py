"""Temporal expressions: find them in a sentence and resolve them against the publication date.

Public API
----------
* :func:`parse_published` - a metadata date string ("2017-06-05", "2017-06-05T10:00Z",
  "Jan. 10, 2011", "10 January 2011", "3 JAN 90") to a :class:`datetime.date`.
* :func:`find_dates` - every date expression inside one sentence range, as
  :class:`~harmwatch.types.DateMention` with evidence offsets into the document text.
* :func:`document_dateline` - the dateline at the head of a report ("SAN SALVADOR, 3 JAN 90 --",
  "KABUL, Afghanistan (Jan. 10, 2011) -") so it can stand in for a missing publication date.
* :func:`is_background` - whether a mention refers to the past rather than to the reported event.

Resolution rules (documented here because they are choices, not facts)
----------------------------------------------------------------------
* Weekday ("Monday", "on Monday", "late Tuesday", "Sunday night"): news convention - the most
  recent such weekday on or before the publication date; a story published on a Monday that says
  "on Monday" means that same day. "last Monday" never means the publication day itself (7 days
  back then); "next Monday" is the next one after it.
* Weekday with an explicit date ("Saturday (June 3rd)", "Saturday, June 3"): the explicit date
  wins; the weekday is only a consistency check (a mismatch is noted in ``reason``). The evidence
  covers both.
* Day and month without a year: the publication year, or the year before when that would put the
  date more than 7 days after publication. Without a publication date the ISO 8601:2000 reduced
  form "--MM-DD" is used and the precision becomes "day-no-year".
* Month alone ("in March", "last March"): the most recent such month not starting after the
  publication date (precision month, "--MM" / "month-no-year" without a publication date).
* "yesterday" = published - 1; "today", "this morning", "tonight" = published; "last night" =
  published - 1 (the evening before a morning story); "overnight" = published - 1 .. published.
* "last week" = Monday-Sunday of the previous calendar week (precision week); "this week" = the
  Monday of the publication week .. published ("this month", "this year" likewise end at
  publication: a report does not date its events in the future); "past week" = published - 7 ..
  published.
* Anchored expressions ("the next day", "the following morning", "the previous day", "a day
  earlier", "two days later", "the same day") count from an earlier date of the *story*, not from
  publication: :func:`find_dates` returns them unresolved with reason :data:`ANCHOR_REASON`, and
  :func:`resolve_anchored` dates them once the caller has picked the anchor (the nearest earlier
  resolved day in the text).
* "N days ago" = published - N (day); "N weeks ago" = the Monday-Sunday week containing
  published - 7N (week); "N months/years ago" = that month/year.
* Ranges ("between 1 and 3 May", "on the night of 2 to 3 May", "May 1-3", "30 April to 2 May"):
  start and end differ, precision stays "day" (the precision of each endpoint).
* Two-digit years (MUC "3 JAN 90") are accepted only after a three-letter month abbreviation;
  the century is chosen so the year is not after the publication year (pivot 1950 without one).
* Numeric dates: ISO "2011-01-10" always; "10/01/2011" only when unambiguous (one part > 12, or
  both parts equal), otherwise skipped.
* Expressions that need a publication date but have none (weekdays, "yesterday", ...) give
  start = end = None with a reason ("weekday without a publication date").

Not dates: times ("3 a.m."), percentages, unit numbers ("Brigade 15") never match because every
pattern needs a month word, a weekday or a relative keyword. Month names must be capitalised in
mixed-case text (so "may" the verb and "a march" are skipped); the ambiguous "May"/"March" alone
need a cue ("in May") in mixed case and a day or a year next to them in ALL-CAPS text.
Weekdays followed by a newspaper/institution word ("Sunday Times") or preceded by a holiday
adjective ("Bloody Sunday", "Good Friday") are skipped.

Speed: one cheap keyword prefilter per sentence decides which pattern families run at all; all
patterns are compiled at import.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

from harmwatch.extract.events import led
from harmwatch.types import DateMention, Span

__all__ = [
    "parse_published", "find_dates", "document_dateline", "is_background",
    "ANCHOR_REASON", "anchor_offset", "resolve_anchored", "year_from_anchor",
]

#: reason of a mention that counts from an earlier date of the story ("the next day")
ANCHOR_REASON = "counts from an earlier date in the text"


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


# --------------------------------------------------------------------------- candidate search


def _candidates(text: str, start: int, end: int) -> list[_Cand]:
    seg = text[start:end]
    low = seg.lower()
    families = []
    if _MON_TRIG.search(seg):
        families += [("dayled", _R_DAYLED), ("monled", _R_MONLED), ("mcue", _R_MCUE)]
    if "day" in low and any(w in seg for w in _WD_KEYS):
        families.append(("wd", _R_WD))
    if any(k in low for k in _REL_KEYS) or (
        any(k in low for k in _REL_CUES) and any(u in low for u in _REL_UNITS)
    ):
        families.append(("rel", _R_REL))
    if "day" in low and any(k in low for k in _ANCH_KEYS):
        families.append(("anch", _R_ANCH))
    if _NUM_TRIG.search(seg):
        families += [("iso", _R_ISO), ("slash", _R_SLASH), ("year", _R_YEAR)]
    out: list[_Cand] = []
    for kind, rx in families:
        for m in rx.finditer(text, start, end):
            out.append(_Cand(m.start(), m.end(), kind, m))
    return out


def _prev_word(text: str, i: int, lo: int) -> str:
    j = i
    while j > lo and text[j - 1] == " ":
        j -= 1
    k = j
    while k > lo and (text[k - 1].isalpha() or text[k - 1] == "'"):
        k -= 1
    return text[k:j]


def _next_word(text: str, i: int, hi: int) -> str:
    j = i
    while j < hi and text[j] == " ":
        j += 1
    k = j
    while k < hi and (text[k].isalpha() or text[k] == "'"):
        k += 1
    return text[j:k]


def _resolve(c: _Cand, text: str, lo: int, hi: int, pub: _D | None, caps: bool) -> tuple[int, int, str, _Res] | None:
    """Validate one candidate and resolve it; None when it is not a date after all.

    Returns (start, end, kind, resolution); kind is normalised to dm | range | my | mcue | wd | ...
    """
    m, kind = c.m, c.kind
    s, e = c.start, c.end
    if kind in ("dayled", "monled", "mcue"):
        if s > lo and text[s - 1].isalnum():  # inside a word or a longer number
            return None
        tok = m.group("mon")
        if not _month_ok(tok, caps, kind != "mcue"):
            return None
        if kind == "mcue":
            low = tok.lower().rstrip(".")
            if low not in _FULL_MONTHS:  # "Mar Elias", "in Jan" abbreviations need a day/year
                return None
            cue = m.group("cue")
            if cue.lower() in _PLAIN_PREP:
                s = m.start("mod") if m.group("mod") else m.start("mon")
            res = _res_month(tok, None, pub, cue if cue.lower() in ("last", "next") else "")
            if pub is not None:
                res = res._replace(relative=True)
            return s, e, "mcue", res
        if kind == "monled" and m.group("ymy"):
            lb = _LB_MOD.search(text, max(lo, s - 8), s)
            if lb:
                s = lb.start()
            return s, e, "my", _res_month(tok, int(m.group("ymy")), pub, "")
        if kind == "monled" and not m.group("d1"):
            return None
        if m.group("d2"):
            lb = _LB_NIGHT.search(text, max(lo, s - 20), s)
            if lb:
                s = lb.start()
            res = _res_range(tok, int(m.group("d1")), int(m.group("d2")), m.group("y4"), pub)
            return (s, e, "range", res) if res else None
        y2 = m.groupdict().get("y2")
        if y2 and (len(tok) != 3 or not tok.isalpha()):
            # two-digit years only after a bare three-letter abbreviation (MUC "3 JAN 90")
            e = m.start("y2")
            while e > s and text[e - 1] == " ":
                e -= 1
            y2 = None
        res = _res_daymonth(tok, int(m.group("d1")), m.group("y4"), y2, pub)
        return (s, e, "dm", res) if res else None
    if kind == "wd":
        if s > lo and text[s - 1].isalpha():
            return None
        tok = m.group("wd")
        if not tok[0].isupper() or m.group("pl"):
            return None
        if _prev_word(text, s, lo).lower() in _WEEKDAY_NAME_PREV:
            return None
        if not m.group("part") and _next_word(text, m.end("wd"), hi).lower() in _WEEKDAY_NAME_NEXT:
            return None
        lb = _LB_WD.search(text, max(lo, s - 20), s)
        rel = ""
        if lb and lb.start() < s:
            rel = (lb.group("rel") or "").lower()
            s = lb.start()
        return s, e, "wd", _res_weekday(tok, rel, pub)
    if kind == "rel":
        if s > lo and text[s - 1].isalpha():
            return None
        res = _res_rel(m, pub)
        lb = _LB_MOD.search(text, max(lo, s - 8), s)
        if lb and not lb.group().lower().startswith("mid"):
            s = lb.start()
        return (s, e, kind, res) if res else None
    if kind == "anch":
        if s > lo and text[s - 1].isalpha():
            return None
        if _anchor_days(m) is None:
            return None
        return s, e, kind, _Res(None, None, None, True, ANCHOR_REASON)
    if kind == "iso":
        dd = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return (s, e, kind, _day(dd)) if dd else None
    if kind == "slash":
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        if a == b:
            dd = _safe_date(y, a, a)
        elif a > 12 >= b:
            dd = _safe_date(y, b, a)  # day/month
        elif b > 12 >= a:
            dd = _safe_date(y, a, b)  # month/day
        else:
            return None  # ambiguous
        return (s, e, kind, _day(dd)) if dd else None
    if kind == "year":
        y = int(m.group("y"))
        if m.group("cue").lower() in _PLAIN_PREP:
            s = m.start("mod") if m.group("mod") else m.start("y")
        return s, e, kind, _Res(_iso(_D(y, 1, 1)), _iso(_D(y, 12, 31)), "year", False, None)
    return None


_WD_GAP = re.compile(r"\s*(?:,|\(|,?\s*the)?\s*$", _I)
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|until|through|and)\s*$", _I)


def find_dates(text: str, start: int, end: int, published: _D | None) -> list[DateMention]:
    """Date expressions in ``text[start:end]`` (one sentence), resolved against ``published``.

    Overlapping candidates keep the longest; a weekday directly followed by an explicit date
    ("Saturday (June 3rd)") becomes one mention resolved from the date; two explicit day dates
    joined by "to"/"-" ("30 April to 2 May") become one range.
    """
    start = max(0, start)
    end = min(len(text), end)
    cands = _candidates(text, start, end)
    if not cands:
        return []
    seg = text[start:end]
    caps = seg.isupper()
    # longest first, then leftmost: "since March 12" beats "since March", "in March 2015" beats "in March"
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, _Res]] = []
    for c in cands:
        if any(c.start < te and ts < c.end for ts, te in taken):
            continue
        r = _resolve(c, text, start, end, published, caps)
        if r is None:
            continue
        s, e, kind, res = r
        taken.append((c.start, c.end))
        found.append((s, e, kind, res))
    found.sort()

    merged: list[tuple[int, int, str, _Res]] = []
    for item in found:
        if merged:
            ps, pe, pk, pr = merged[-1]
            s, e, k, r = item
            gap = text[pe:s]
            if pk == "wd" and k in ("dm", "range") and _WD_GAP.match(gap):
                e2 = e
                if "(" in gap and e2 < end and text[e2] == ")":
                    e2 += 1
                note = _weekday_check(text[ps:pe], r)
                merged[-1] = (ps, e2, k, r._replace(reason=note, relative=False))
                continue
            if (pk == "dm" and k == "dm" and _RANGE_GAP.match(gap) and pr.start and r.end
                    and pr.precision == r.precision and pr.start <= r.end):
                merged[-1] = (ps, e, "range", pr._replace(end=r.end))
                continue
        merged.append(item)

    return [
        DateMention(span=(s, e), text=text[s:e], start=r.start, end=r.end,
                    precision=r.precision, relative=r.relative, reason=r.reason)
        for s, e, _k, r in merged
    ]


def _anchor_days(m: re.Match[str]) -> int | None:
    g = m.group
    if g("nx") or g("da"):
        return 1
    if g("pv") or g("db"):
        return -1
    if g("same"):
        return 0
    nw = " ".join(g("n").lower().split())
    n = int(nw) if nw.isdigit() else _NUMBER_WORDS.get(nw, 0)
    if n <= 0 or n > 60:
        return None
    return n if g("dir").lower() == "later" else -n


def anchor_offset(mention: DateMention) -> int | None:
    """Days from the story's earlier date for an anchored mention ("the next day" = +1), else None."""
    if mention.reason != ANCHOR_REASON:
        return None
    m = _R_ANCH.fullmatch(mention.text)
    return _anchor_days(m) if m else None


def resolve_anchored(mention: DateMention, anchor: DateMention, published: _D | None = None) -> DateMention | None:
    """Date an anchored mention from ``anchor`` (a resolved single day earlier in the text).

    None when the anchor is not a full single day, or the result would fall after publication.
    The result keeps the mention's own span; ``reason`` names the anchor.
    """
    off = anchor_offset(mention)
    if off is None or not anchor.start or anchor.start != anchor.end or anchor.start.startswith("--"):
        return None
    try:
        d = _D.fromisoformat(anchor.start) + _TD(days=off)
    except ValueError:
        return None
    if published is not None and d > published:
        return None
    return DateMention(span=mention.span, text=mention.text, start=_iso(d), end=_iso(d), precision="day",
                       relative=True, reason=f"counted from {anchor.text!r}")


def year_from_anchor(start: str, anchor: _D, max_days: int = 92) -> _D | None:
    """A year for a year-less "--MM-DD" from a full date of the same text: the year that puts the
    day nearest the anchor, when that is within ``max_days`` (a report's dates cluster)."""
    if not start.startswith("--") or len(start) != 7:
        return None
    m, d = int(start[2:4]), int(start[5:7])
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        dd = _safe_date(y, m, d)
        if dd is not None and (best is None or abs((dd - anchor).days) < abs((best - anchor).days)):
            best = dd
    if best is None or abs((best - anchor).days) > max_days:
        return None
    return best


def _weekday_check(wd_text: str, r: _Res) -> str | None:
    """Note when "Saturday (June 4th)" names a weekday that does not match the date."""
    if not r.start or r.start.startswith("--"):
        return None
    low = wd_text.lower()
    for name, num in _WEEKDAYS.items():
        if name in low:
            d = _D.fromisoformat(r.start)
            if d.weekday() != num:
                return f"weekday {name.capitalize()} does not match {r.start}"
            return None
    return None


# --------------------------------------------------------------------------- published / dateline

_R_ISO_PREFIX = re.compile(r"^\s*((?:1[89]|20)\d\d)-(\d\d)-(\d\d)(?:[T\s]|$|Z|[+-]\d)")
_R_COMPACT = re.compile(r"^\s*((?:1[89]|20)\d\d)(\d\d)(\d\d)\s*$")


def parse_published(value: str | None) -> _D | None:
    """A publication date from metadata: ISO date/datetime, or a written date with a year.

    Returns None when the string holds no complete date (no guessing of the year).
    """
    if not value or not isinstance(value, str):
        return None
    m = _R_ISO_PREFIX.match(value) or _R_COMPACT.match(value)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for dm in find_dates(value, 0, len(value), None):
        if dm.precision == "day" and dm.start and not dm.start.startswith("--") and not dm.relative:
            return _D.fromisoformat(dm.start)
    return None


_DATELINE_HEAD = 700
# "SAN SALVADOR, 3 JAN 90 (RADIO ...) --", "KABUL, Afghanistan (Jan. 10, 2011) -", "TEGUCIGALPA, 7 FEB (REUTER) --"
_R_DATELINE = re.compile(
    r"(?m)(?:^|[\u2028\n]|\xa0|[ \t]{2,}|\bRelease[ \t]+|\bPDF[ \t]+)[ \t\xa0]*[A-Z][A-Za-z.'\- ]{1,40}(?:\([A-Za-z .'-]{2,30}\))?"
    r"(?:,[ \t]*[A-Z][A-Za-z.'\- ]{1,30})?(?:,[ \t]*|[ \t]*\()"
    r"(?P<date>[A-Za-z]{3,9}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?|\d{1,2}[ \t]+[A-Za-z]{3,9}\.?(?:[ \t]+\d{2,4})?)\)?"
    r"(?:[ \t]*\([^()\n\u2028]{1,60}\))?[ \t\xa0]*(?:--|–|—|-[ \t]|\u2028|$)"
)
# "Dec. 6: Operations ..." (a date that opens a title line)
_R_DATE_TITLE = re.compile(r"(?m)^\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?):\s")
# "ISAF Joint Command Operational Update, Jan. 10, 2011" (a header line ending in a full date)
_R_DATE_EOL = re.compile(r"(?m),\s*(?P<date>[A-Z][A-Za-z]{2,8}\.?\s+\d{1,2},\s*\d{4}|\d{1,2}\s+[A-Z][A-Za-z]{2,8}\.?\s+\d{4})\s*$")


def document_dateline(text: str, published: _D | None = None) -> tuple[_D | None, Span | None]:
    """The dateline date at the head of a report and the span of its date words.

    Looks at the first ~700 characters for, in order: a wire dateline ("PLACE, DATE --",
    "PLACE, Country (DATE) -"), a title line opening with a date ("Dec. 6: ..."), a header line
    ending with a full date. The date is returned only when the dateline has a year (two-digit
    MUC years count), or when ``published`` is given to supply one, or when an ISO year-month
    stamp above the dateline ("2010-09-CA-005", a release number) agrees with the dateline month
    to within one month; otherwise ``(None, span)`` -
    the span still tells the caller which words are the dateline and not an event date.
    ``(None, None)`` when there is no dateline.
    """
    head = text[:_DATELINE_HEAD]
    yearless: Span | None = None
    for rx in (_R_DATELINE, _R_DATE_TITLE, _R_DATE_EOL):
        for m in rx.finditer(head):
            ds, de = m.span("date")
            for dm in find_dates(text, ds, de, None):
                if dm.precision == "day" and dm.start:
                    if not dm.start.startswith("--"):
                        return _D.fromisoformat(dm.start), dm.span
                    if yearless is None:
                        yearless = dm.span
                    break
                if dm.precision == "day-no-year" and yearless is None:
                    yearless = dm.span
        if yearless is not None:
            break
    if yearless is None:
        return None, None
    if published is not None:
        for dm in find_dates(text, yearless[0], yearless[1], published):
            if dm.start and dm.precision == "day":
                return _D.fromisoformat(dm.start), yearless
    stamped = _header_stamp_date(text, yearless)
    return stamped, yearless


# "2010-09-CA-005", "2010-09-12": an ISO year-month stamp in the header above the dateline
_R_YM_STAMP = re.compile(r"\b((?:19|20)\d\d)-([01]\d)(?!\d)")


def _header_stamp_date(text: str, span: Span) -> _D | None:
    """Year for a year-less dateline from an ISO year-month stamp in the header (release numbers).

    Used only when the stamp's month is the dateline month or next to it (so the stamp is about
    the same time); the stamp year is then adjusted across a December/January boundary.
    """
    dm = find_dates(text, span[0], span[1], None)
    if not dm or not dm[0].start or not dm[0].start.startswith("--"):
        return None
    m, d = int(dm[0].start[2:4]), int(dm[0].start[5:7])
    years = set()
    for st in _R_YM_STAMP.finditer(text, 0, min(len(text), _DATELINE_HEAD)):
        sy, sm = int(st.group(1)), int(st.group(2))
        diff = (m - sm) % 12
        if diff == 0:
            years.add(sy)
        elif diff == 1:
            years.add(sy + 1 if m == 1 else sy)
        elif diff == 11:
            years.add(sy - 1 if m == 12 else sy)
    if len(years) != 1:
        return None
    return _safe_date(years.pop(), m, d)


# --------------------------------------------------------------------------- background

_R_BACKGROUND_WORDS = re.compile(
    r"\b(?:last|previous|past)\s+year\b|\byears?\s+ago\b|\b(?:a|one|two|three|several|many|\d+)\s+years?\s+ago\b",
    _I,
)


def is_background(mention: DateMention, published: _D | None, *, days: int = 31) -> bool:
    """True when the mention points to the past rather than the reported event.

    Resolved end more than ``days`` before ``published``; or wording that is past by itself
    ("last year", "a year ago") even without a publication date. A mention without a resolved,
    full date and without such wording is not background (unknown is not old).
    """
    if _R_BACKGROUND_WORDS.search(mention.text):
        return True
    if published is None or not mention.end or mention.end.startswith("--"):
        return False
    try:
        end = _D.fromisoformat(mention.end)
    except ValueError:
        return False
    return end < published - _TD(days=days)
