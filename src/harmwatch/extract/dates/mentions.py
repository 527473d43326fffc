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

import re

from harmwatch.extract.dates.calendar import (
    _ANCH_KEYS,
    _Cand,
    _D,
    _FULL_MONTHS,
    _I,
    _LB_MOD,
    _LB_NIGHT,
    _LB_WD,
    _MON_TRIG,
    _NUMBER_WORDS,
    _NUM_TRIG,
    _PLAIN_PREP,
    _REL_CUES,
    _REL_KEYS,
    _REL_UNITS,
    _R_ANCH,
    _R_DAYLED,
    _R_ISO,
    _R_MCUE,
    _R_MONLED,
    _R_REL,
    _R_SLASH,
    _R_WD,
    _R_YEAR,
    _Res,
    _TD,
    _WD_KEYS,
    _WEEKDAYS,
    _WEEKDAY_NAME_NEXT,
    _WEEKDAY_NAME_PREV,
    _day,
    _iso,
    _month_ok,
    _res_daymonth,
    _res_month,
    _res_range,
    _res_rel,
    _res_weekday,
    _safe_date,
)
from harmwatch.types import DateMention

__all__ = ["find_dates", "is_background", "ANCHOR_REASON", "anchor_offset", "resolve_anchored", "year_from_anchor"]

#: reason of a mention that counts from an earlier date of the story ("the next day")
ANCHOR_REASON = "counts from an earlier date in the text"


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
