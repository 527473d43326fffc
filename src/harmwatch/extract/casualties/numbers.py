"""Number phrases that can count people: "at least 250", "twenty-five", "dozens".

``find_numbers(text, start, end)`` returns every number phrase in ``text[start:end]``
that *could* be a count of people, as :class:`NumberPhrase` (span, text, min, best,
max, qualifier, vague). It is pure regex work (no tokenizer, no model) so it runs on
every sentence of every document within the speed budget.

What is recognised
------------------
* digits: ``250``, ``1,200``, ``1.5 million`` (a decimal only with a scale word);
* words, any case: ``twenty-five``, ``one hundred and twelve``, ``a hundred``,
  ``a dozen``, ``two dozen``, ``half a dozen``, ``TWENTY-FIVE`` (MUC text is all caps);
* ranges: ``between 10 and 15``, ``between 10 to 15``, ``10 to 15``, ``10-15``,
  ``three or four``, and a floor with a ceiling: ``at least 10 and up to 30``, ``more than
  5 but as many as 9``, ``at least two but possibly up to 7`` (one range, never two
  counts to add up);
* qualifiers before a number (see the table below);
* vague quantities: ``dozens``, ``scores``, ``hundreds``, ``thousands``, ``tens``
  (``tens of thousands``), ``several``, ``a few``, ``a handful``, ``a couple``,
  ``a number of``, ``an unknown number of`` (also unspecified, undetermined, undisclosed),
  ``many``, ``numerous`` and ``several dozen``/``a few hundred``.

Qualifier rules (N is the stated figure)
----------------------------------------
=====================================================  =========  =======  ======
qualifier                                              min        best     max
=====================================================  =========  =======  ======
exact ("25")                                           N          N        N
at least, no fewer/less than, a minimum of             N          N        None
more than, over, upwards of, in excess of, just over   N+1        N+1      None
nearly, almost, close to, just under                   None       N        N
up to, as many as, at most, no more than               None       N        N
fewer than, less than, under                           None       None     N-1
about, around, some, approximately, an estimated,      None       N        None
roughly, estimated, approx.
range A-B ("between A and B", "A to B", "A or B")      A          A        B
floor and ceiling ("at least A and up to B")           A          A        B
  ("more than A but as many as B")                     A+1        A+1      B
=====================================================  =========  =======  ======

"more than N" is read literally: the smallest count the statement allows is N+1, and
harmwatch's best figure is never higher than what the text commits to, so best is
N+1 too (Iraq Body Count's practice of coding the lowest figure consistent with the
report). For ranges best is the low end for the same reason: it is the figure every
reading of the sentence supports. "nearly"/"up to" put N as the ceiling and, lacking
anything better, as the best figure; their floor is unknown (None).

Vague words (the numbers harmwatch uses, and why)
-------------------------------------------------
ACLED codes "dozens" as 12 and "hundreds" as 100, a deliberately conservative
convention (the singular unit). harmwatch reads the *plural* literally instead: a
plural of a unit means at least two of that unit, which is still a lower bound the
text commits to, and it is what a reader understands ("dozens" is never 13). The
upper end stays open (max None): writers use these words loosely, and an early lead
figure ("dozens") is often an undercount of a later one ("at least 250"), so a vague
word must not contradict a precise figure. best = min throughout: a vague word's
best figure is the smallest count the word certainly implies.

=========================  =======  =======================================================
vague phrase               min=best  reasoning
=========================  =======  =======================================================
a couple (of)              2        two, loosely
a few                      2        "a few" can be two; never one
a handful                  2        as "a few"
several                    3        more than two (otherwise "a couple"/"two")
tens (of)                  20       at least two tens
dozens                     24       at least two dozen
scores                     40       at least two score
hundreds                   200      at least two hundred
thousands                  2000     at least two thousand
tens/hundreds of thousands 20000 / 200000
several/a few dozen etc.   3x / 2x the unit ("several hundred" = 300)
many, numerous, a number   2        a plural: at least two, and nothing more; the upper
of, countless, untold,              end is open (max None) like every vague word. The
an unknown number of                casualty rules give a bare plural noun ("civilians were
                                    injured") the same figure, qualifier "plural"
=========================  =======  =======================================================

The plural words ("many", "a number of") commit to no more than "more than one", so 2
is their whole figure. As vague claims they never outweigh a stated figure (see
``casualties.reconcile``); they matter only where the text gives no number at all
("a number of bystanders were hurt"), where "at least two" is what it says.

What is *not* a count of people (skipped)
-----------------------------------------
Years ("in 2015", bare 1800-2099 unless a people noun follows), times ("3 a.m.",
"10:30", "AT 2350"), dates ("June 3rd", "12 March", "3 JAN 90", "12/03/2015"),
percentages ("65%", "65 percent"), ordinals ("3rd", "first" is never matched), ages
("a 25-year-old man", "aged 25", "25 years old"), money ("$5", "5 million dollars"),
measures and calibres ("7.62mm", "18 KM", "5 hours"), unit or serial numbers
("Brigade 15", "Route 1", "NO. 4", "M-16"), phone numbers, pronoun "one"
("no one", "the one who") and an age between commas after a name ("Pablo Pelaez, 45, a
former mayor"). The left context that tells these apart never reaches back over the start
of the sentence searched ("... another 15.\nTwenty insurgents were killed": 20 is a count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmwatch.extract.fastmatch import led
from harmwatch.types import Span

__all__ = ["NumberPhrase", "find_numbers", "parse_number_words", "VAGUE_QUALIFIERS"]


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    """One number phrase: ``text == document[span[0]:span[1]]``.

    ``qualifier`` is the normalised lower-case qualifier ("at least", "more than",
    "between", "range", "dozens"), None for an exact figure. ``vague`` is True for
    vague quantities ("dozens", "many"), whose min/best come from the table in the
    module docstring ("many"/"numerous"/"a number of": 2, a plural).
    """

    span: Span
    text: str
    min: int | None
    best: int | None
    max: int | None
    qualifier: str | None
    vague: bool = False


# --------------------------------------------------------------------------- vocabulary

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

_U = "|".join(_UNITS)
_T = "|".join(_TEENS)
_X = "|".join(_TENS)
_SMALL = rf"(?:(?:{_X})(?:[-\s](?:{_U}))?|{_T}|{_U})"
_HUND = rf"(?:(?:{_SMALL}|a|one)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?)"
_WORDNUM = (
    rf"(?:(?:{_HUND}|{_SMALL}|a)\s+(?:thousand|million)(?:,?\s+(?:and\s+)?(?:{_HUND}|{_SMALL}))?"
    rf"|{_HUND}|{_SMALL})"
)
_DOZEN = rf"(?:(?:half\s+a|a|{_SMALL})\s+dozen)"
# "thirty-seven thousand": a tens word, a hyphen and a unit word are one number, never a range 30-7,000
_TENS_END = re.compile(rf"\b(?:{_X})$", re.IGNORECASE)
_UNIT_AFTER = re.compile(rf"-(?:{_U})(?![a-z])", re.IGNORECASE)
_DIGIT_BODY = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s+(?:million|thousand|billion|hundred)\b)?"
    r"(?![\w%/:]|[.,]\d)"
)
_DIGITS = rf"(?:(?<![\w$€£#/:.,-])(?<![A-Za-z]-){_DIGIT_BODY})"
_DIGITS2 = rf"(?:(?<![\w$€£#/:.,]){_DIGIT_BODY})"  # second half of a range ("10-15")
_NUM = rf"(?:{_DIGITS}|\b(?:{_DOZEN}|{_WORDNUM})\b)"
_NUM2 = rf"(?:{_DIGITS2}|\b(?:{_DOZEN}|{_WORDNUM})\b)"

# qualifier -> rule name
_QUALS: dict[str, str] = {
    "at least": "ge", "no fewer than": "ge", "no less than": "ge", "not less than": "ge",
    "a minimum of": "ge", "at a minimum": "ge",
    "more than": "gt", "over": "gt", "upwards of": "gt", "in excess of": "gt",
    "just over": "gt", "well over": "gt",
    "nearly": "le_best", "almost": "le_best", "close to": "le_best", "just under": "le_best",
    "up to": "le_best", "as many as": "le_best", "at most": "le_best", "no more than": "le_best",
    "a maximum of": "le_best",
    "fewer than": "lt", "less than": "lt", "under": "lt",
    "about": "approx", "around": "approx", "some": "approx", "approximately": "approx",
    "an estimated": "approx", "estimated": "approx", "roughly": "approx", "approx.": "approx",
    "an approximate": "approx", "nearly about": "approx", "almost exactly": "approx",
}
_QUAL_RE = "|".join(
    re.escape(q).replace(r"\ ", r"\s+") for q in sorted(_QUALS, key=len, reverse=True)
)

# vague phrase (normalised) -> lower bound (None = no figure)
_VAGUE_UNITS = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
                "millions": 1_000_000}
_VAGUE_FIXED = {"a couple of": 2, "a couple": 2, "a few": 2, "a handful of": 2,
                "a handful": 2, "several": 3}
_VAGUE_NOFIG = ("many", "numerous", "a number of", "countless", "untold", "a lot of",
                "lots of", "a large number of", "large numbers of", "a great many",
                "an unknown number of", "an unspecified number of", "an undetermined number of",
                "an undisclosed number of", "an unconfirmed number of", "an uncertain number of")
_VAGUE = (
    r"\b(?:(?P<vmul>several|a\s+few)\s+(?P<vunit>dozen|hundred|thousand)"
    r"|(?P<vplural>tens|dozens|scores|hundreds|thousands|millions)"
    r"(?:\s+(?:of\s+|and\s+)?(?P<vplural2>thousands|millions|hundreds))?"
    r"|(?P<vfixed>a\s+couple(?:\s+of)?|a\s+few|a\s+handful(?:\s+of)?|several)"
    r"|(?P<vnofig>many|numerous|a\s+number\s+of|countless|untold|a\s+lot\s+of|lots\s+of"
    r"|a\s+large\s+number\s+of|large\s+numbers\s+of|a\s+great\s+many"
    r"|an\s+(?:unknown|unspecified|undetermined|undisclosed|unconfirmed|uncertain)\s+number\s+of))\b"
)

#: qualifier strings that mark a claim as vague (used by casualties.reconcile)
VAGUE_QUALIFIERS = frozenset(
    {"tens", "dozens", "scores", "hundreds", "thousands", "millions", "several", "a few",
     "a handful", "a couple", "plural"} | set(_VAGUE_NOFIG)
)

# "at least 10 and up to 30", "more than 5 but as many as 9": a floor and a ceiling
_LOW_Q = r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|more\s+than|over"
_HIGH_Q = r"up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than|nearly|almost|possibly|perhaps|maybe"
_MASTER = re.compile(
    rf"(?P<lq>{_LOW_Q})\s+(?P<l1>{_NUM})(?:\s*,\s*|\s*,?\s+(?:and|but|to|or)\s+|\s*[-–]\s*)"
    rf"(?:(?:possibly|perhaps|maybe|even)\s+)?(?P<hq>{_HIGH_Q})\s+(?P<l2>{_NUM2})"
    rf"|(?:(?P<qual>{_QUAL_RE})\s+)?"
    rf"(?:between\s+(?P<b1>{_NUM})\s+(?:and|to|-|–)\s+(?P<b2>{_NUM})"
    rf"|(?:from\s+)?(?P<r1>{_NUM})\s*(?:-|–|—|\bto\b|\bor\b)\s*(?P<r2>{_NUM2})"
    rf"|{_VAGUE}"
    rf"|(?P<num>{_NUM}))",
    re.I,
)
_FIRST_WORDS = sorted({q.split()[0] for q in _QUALS} | set(_UNITS) | set(_TEENS) | set(_TENS)
                      | {"between", "from", "a", "an", "half", "tens", "dozens", "scores",
                         "hundreds", "thousands", "millions", "several", "many", "numerous",
                         "countless", "untold", "lots", "large"}, key=len, reverse=True)


def _by_first_letter(words: list[str]) -> str:
    """An alternation of literal words, grouped by first letter behind a one-character lookahead so
    the engine only tries the words that can match at a position. Same matches as the plain
    alternation: a character passes one letter's lookahead at most, and each group keeps its words in
    the original order."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0].lower(), []).append(w)
    for c in groups:
        if not ("a" <= c <= "z"):  # pragma: no cover - the word lists are plain English words
            raise ValueError(f"word starting with {c!r}: not a letter")
    return "|".join(f"(?=[{c}{c.upper()}])(?:{'|'.join(re.escape(w) for w in ws)})" for c, ws in groups.items())


_START = re.compile(r"(?<![\w.])(?:\d|(?:" + _by_first_letter(_FIRST_WORDS) + r")\b)", re.I)
_SINGLE = re.compile(rf"(?:(?P<qual>{_QUAL_RE})\s+)?(?P<num>{_NUM})", re.I)

_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?"
           r"|may(?!\s+(?:have|has|be|not|also|still|well|rise|never|yet|die|be|all|soon))|june?|july?|aug(?:ust)?"
           r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_UNITWORDS = (
    r"(?:mm|cm|km|m|kg|g|lb|lbs|kms|ft|mph|kph|km/h|millimet(?:er|re)s?|centimet(?:er|re)s?"
    r"|kilomet(?:er|re)s?|met(?:er|re)s?|miles?|feet|foot|inch(?:es)?|yards?|kilos?|kilograms?"
    r"|grams?|pounds?|tons?|tonnes?|liters?|litres?|gallons?|acres?|hectares?|square"
    r"|calib(?:er|re)|gauge|hours?|hrs|minutes?|mins|seconds?|secs|days?|weeks?|months?"
    r"|years?|decades?|centur(?:y|ies)|times|dollars?|euros?|cents?|pesos?|colones|colon"
    r"|soles|intis?|quetzal(?:es)?|cordobas?|rupees?|afghanis?|dinars?|riyals?|yuan|yen"
    r"|bolivars?|sucres?|francs?|marks?|rand|pounds?\s+sterling|bn|percent|per\s*cent|pct"
    r"|points?|votes?|seats?|o'clock)"
)
_RIGHT_SKIP = re.compile(
    rf"(?:\s*(?:%|‰)"
    rf"|(?:st|nd|rd|th)\b"
    rf"|[-\s]+(?:year|month|week|day)s?[-\s]+old"
    rf"|\s+(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?|gmt|utc|local\s+time|hrs?\b)"
    rf"|[-\s]*{_UNITWORDS}\b"
    rf"|\s+(?:of\s+)?{_MONTHS}\b\.?(?!\s+(?:people|persons))"
    rf"|\s*[-–]\s*(?:{_UNITWORDS})\b)",
    re.I,
)
_LEFT_SKIP = re.compile(
    rf"(?:\b{_MONTHS}\.?\s+(?:the\s+)?"
    rf"|[$€£¥]\s*|\b(?:us\$|usd|eur|rs\.?|inr|afn)\s*"
    rf"|\b(?:aged?|age\s+of|ages|aged\s+between)\s+"
    rf"|\b(?:brigade|battalion|division|regiment|unit|company|platoon|squad|corps|detachment"
    rf"|no\.?|nos\.?|number|route|highway|road|street|st\.|avenue|ave\.|room|flight|bus"
    rf"|line|article|section|chapter|page|resolution|law|decree|channel|zone|district"
    rf"|sector|block|building|apartment|box|code|phase|level|grade|class|group|team|cell"
    rf"|front|fleet|wing|squadron|camp|post|checkpoint|vol\.?|tel\.?|telephone|phone|fax"
    rf"|ext\.?|kilometer|km|mile|marker|lot|house|gate|terminal|platform|ward|bed|cell"
    rf"|hill|height|paragraph|item|model|type|version|grade|#)\s*"
    rf"|\d\s*[-–/.:]\s*)$",
    re.I,
)
_LEFT_YEAR = re.compile(
    r"\b(?:in|since|of|by|until|till|from|year|early|late|mid-?|before|after|during|circa|"
    r"c\.|fiscal|spring|summer|autumn|fall|winter|the|between|through|and|to)\s+$", re.I
)
_PEOPLE_NOUN = re.compile(
    r"\s+(?:people|persons|civilians|men|women|children|soldiers|troops|fighters|"
    r"militants|insurgents|rebels|guerrillas|policemen|police|officers|residents|victims|"
    r"villagers|peasants|refugees|students|workers|passengers|prisoners|members|bodies|"
    r"of\s+(?:them|the|whom))\b",
    re.I,
)
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\d{3,4}[.-]\d{3,4}(?:[.-]\d{2,4})?"
                    r"|\+\d[\d\s().-]{6,}\d")
_HAS_DIGIT = re.compile(r"\d")
_DATE_NUMERIC = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")
_QUICK = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|fou?rty|fifty|"
    r"sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|dozens?|scores|tens|several|"
    r"few|handful|couple|many|numerous|number|countless|untold|lots?|great)\b",
    re.I,
)


# --------------------------------------------------------------------------- parsing


_WORD_SPLIT = re.compile(r"[\s,-]+")


def parse_number_words(s: str) -> int | None:
    """Value of a cardinal written in words or digits ("one hundred and twelve" -> 112,
    "1,200" -> 1200, "1.5 million" -> 1500000, "two dozen" -> 24). None if not a number."""
    s = s.strip().lower()
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|thousand|billion|hundred))?", s)
    if m:
        digits = m.group(1).replace(",", "")
        if len(digits.split(".")[0]) > 12:
            return None  # hundreds of digits are an identifier or noise, never a head count (and overflow)
        val = float(digits)
        if m.group(2):
            val *= _SCALES[m.group(2)]
        elif "." in m.group(1):
            return None  # a bare decimal is never a head count
        return int(round(val))
    m = re.fullmatch(r"(.+?)\s+dozen", s)
    if m:
        head = m.group(1)
        if head in ("a", "one"):
            return 12
        if re.fullmatch(r"half\s+a", head):
            return 6
        v = parse_number_words(head)
        return v * 12 if v is not None else None
    total = 0
    current = 0
    seen = False
    for tok in _WORD_SPLIT.split(s):
        if not tok or tok == "and":
            continue
        if tok == "a":
            current = max(current, 1)
            continue
        if tok in _UNITS:
            current += _UNITS[tok]
        elif tok in _TEENS:
            current += _TEENS[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok == "hundred":
            current = max(current, 1) * 100
        elif tok in _SCALES:
            total += max(current, 1) * _SCALES[tok]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_LEFT_PRONOUN_ONE = re.compile(r"\b(?:no|any|every|each|the|some)\s+$", re.I)
_LEFT_DAY_MONTH = re.compile(rf"\b\d{{1,2}}\s+{_MONTHS}\.?\s+$", re.I)
_LEFT_AT = re.compile(r"\bat\s+$", re.I)
_LEFT_NAME_COMMA = re.compile(r"\b[A-Z][\w'’.-]*\s*,\s*$")
_RIGHT_COMMA = re.compile(r"\s*,")


def _plain_number(text: str, s: int, e: int, *, left_check: bool = True,
                  right_check: bool = True, lo: int = 0) -> int | None:
    """Value of the number at text[s:e] unless its context says it is not a count."""
    raw = text[s:e]
    val = parse_number_words(raw)
    if val is None:
        return None
    if right_check and _RIGHT_SKIP.match(text, e):
        return None
    left = text[max(lo, s - 30):s]  # not across the start of the sentence ("... another 15.\nTwenty")
    if left_check and _LEFT_SKIP.search(left):
        # "ON 23 SEPTEMBER 28 BODIES": the day is already given, so 28 counts bodies
        if not (_LEFT_DAY_MONTH.search(left) and _PEOPLE_NOUN.match(text, e)):
            return None
    if raw.lower() == "one" and _LEFT_PRONOUN_ONE.search(left):
        return None
    if val < 120 and _LEFT_NAME_COMMA.search(left) and _RIGHT_COMMA.match(text, e):
        return None  # an age between commas after a name: "Pablo Pelaez, 45, a former mayor"
    if re.fullmatch(r"\d{4}", raw) and _LEFT_AT.search(left) and int(raw[:2]) < 24 and int(raw[2:]) < 60:
        return None  # military time "AT 2350"
    if re.fullmatch(r"\d{4}", raw) and 1800 <= val <= 2099:
        # a year, unless a people noun follows ("2000 people") and no year cue precedes
        if not _PEOPLE_NOUN.match(text, e) or _LEFT_YEAR.search(left):
            return None
    if raw.lower() == "one" and re.match(r"\s+(?:another|day|by\s+one|of\s+(?:the\s+)?(?:few|best|most|main|largest|biggest|worst|first|last|reasons?|ways?)\b)", text[e:e + 40], re.I):
        return None
    return val


def _apply_qualifier(q: str | None, n: int) -> tuple[int | None, int | None, int | None]:
    if q is None:
        return n, n, n
    rule = _QUALS[q]
    if rule == "ge":
        return n, n, None
    if rule == "gt":
        return n + 1, n + 1, None
    if rule == "le_best":
        return None, n, n
    if rule == "lt":
        return None, None, max(n - 1, 0)
    return None, n, None  # approx


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def _vague_values(m: re.Match[str]) -> tuple[str, int | None] | None:
    if m.group("vmul"):
        mul = 3 if m.group("vmul").lower() == "several" else 2
        unit = m.group("vunit").lower()
        base = 12 if unit == "dozen" else _SCALES[unit]
        return f"{_norm(m.group('vmul'))} {unit}", mul * base
    if m.group("vplural"):
        p = m.group("vplural").lower()
        val = 2 * _VAGUE_UNITS[p]
        q = p
        if m.group("vplural2"):
            p2 = m.group("vplural2").lower()
            val = val * _VAGUE_UNITS[p2]
            q = f"{p} of {p2}"
        return q, val
    if m.group("vfixed"):
        q = _norm(m.group("vfixed"))
        return q.removesuffix(" of"), _VAGUE_FIXED[q]
    if m.group("vnofig"):
        return _norm(m.group("vnofig")), 2  # a plural: at least two
    return None


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberPhrase]:
    """All number phrases in ``text[start:end]`` that may count people, in text order.

    Offsets are into ``text``. Years, times, dates, percentages, ordinals, ages, money,
    measures, unit numbers and phone numbers are skipped (see the module docstring).
    """
    if end is None:
        end = len(text)
    if start >= end or not _QUICK.search(text, start, end):
        return []
    blocked: list[Span] = []
    if _HAS_DIGIT.search(text, start, end):
        blocked = [m.span() for m in _PHONE.finditer(text, start, end)]
        blocked += [m.span() for m in _DATE_NUMERIC.finditer(text, start, end)]
    out: list[NumberPhrase] = []
    pos = start
    while pos < end:
        # cheap scan for a token that can start a phrase, then the full pattern there
        c = _START.search(text, pos, end)
        if c is None:
            break
        m = _MASTER.match(text, c.start(), end)
        if m is None:
            pos = c.end()
            continue
        s, e = m.span()
        hit = [be for bs, be in blocked if bs < e and s < be]
        if hit:
            pos = max(max(hit), s + 1)
            continue
        qual = _norm(m.group("qual")) if m.group("qual") else None
        phrase: NumberPhrase | None = None
        if m.group("l1") is not None:
            a = _plain_number(text, m.start("l1"), m.end("l1"), right_check=False, lo=start)
            b = _plain_number(text, m.start("l2"), m.end("l2"), left_check=False)
            if a is not None and b is not None and a < b:
                lq, hq = _norm(m.group("lq")), _norm(m.group("hq"))
                lo = a + 1 if _QUALS.get(lq) == "gt" else a
                phrase = NumberPhrase((s, e), text[s:e], lo, lo, b, f"{lq} ... {hq}")
            # else: not a floor and a ceiling: read the first number alone (below)
        elif m.group("b1") is not None or m.group("r1") is not None:
            g1, g2 = ("b1", "b2") if m.group("b1") is not None else ("r1", "r2")
            a = _plain_number(text, m.start(g1), m.end(g1), right_check=False, lo=start)
            b = _plain_number(text, m.start(g2), m.end(g2), left_check=False)
            # the range cut "thirty-seven" (or "four hundred sixty-one thousand") in two
            compound = g1 == "r1" and _TENS_END.search(text, m.start(g1), m.end(g1)) is not None \
                and _UNIT_AFTER.match(text, m.end(g1)) is not None
            if a is not None and b is not None and a < b and not compound:
                q = "between" if g1 == "b1" else "range"
                phrase = NumberPhrase((s, e), text[s:e], a, a, b, q if qual is None else f"{qual} {q}")
            # else: not a valid range ("TWENTY-FIVE", "2011-01"): read a single number here (below)
        if phrase is None and (m.group("l1") is not None or m.group("b1") is not None or m.group("r1") is not None):
            m2 = _SINGLE.match(text, s, end)
            if m2 is None:
                pos = s + 1
                continue
            m = m2
            s, e = m.span()
        if phrase is not None:
            pass
        elif m.group("num") is not None:
            v = _plain_number(text, m.start("num"), m.end("num"), lo=start)
            if v is not None:
                mn, best, mx = _apply_qualifier(qual, v)
                phrase = NumberPhrase((s, e), text[s:e], mn, best, mx, qual)
        elif m.re is _MASTER:
            vv = _vague_values(m)
            if vv is not None and not _RIGHT_SKIP.match(text, e):
                q, val = vv
                if qual:
                    q = f"{qual} {q}"
                phrase = NumberPhrase((s, e), text[s:e], val, val, None, q, True)
        if phrase is not None:
            out.append(phrase)
            pos = e
        else:
            pos = max(e, s + 1)
    return out


# Patterns searched over sentences or look-back windows: behind their first-character lookahead
# (events.led; the matches are the same).
(
    _QUICK, _LEFT_SKIP, _LEFT_YEAR, _PHONE, _WORD_SPLIT, _LEFT_PRONOUN_ONE, _LEFT_AT,
) = (
    led(rx)
    for rx in (
        _QUICK, _LEFT_SKIP, _LEFT_YEAR, _PHONE, _WORD_SPLIT, _LEFT_PRONOUN_ONE, _LEFT_AT,
    )
)
