"""Casualty claims in one sentence, and the rule that turns claims into a figure.

``find_casualty_claims(text, start, end)`` reads ``text[start:end]`` (one sentence of
a document) and returns :class:`~harmwatch.types.CasualtyClaim` objects, kind
``killed`` or ``injured`` (never merged), with min/best/max/qualifier from the number
phrase (:mod:`harmwatch.extract.numbers`), the number words as written, evidence
``(number span, casualty word span)`` and the victim noun phrase as written.

How a number is tied to a casualty word (regex only, no parser)
---------------------------------------------------------------
* **N ... T** (passive, intransitive, adjectival, headline): the number, an optional
  victim phrase (at most 7 words, no verbs of other events, no conjunction before a
  further count), an optional appositive (", including women, children and old
  people,"), an optional auxiliary chain ("were", "have reportedly been", "were found")
  and a casualty word: "At least 250 civilians, ... were killed", "nearly 30 were
  wounded", "hundreds killed", "3 dead, 12 injured", "left five dead", "7 bodies",
  "ONE DEAD TERRORIST", "two attackers had lost their lives". A transitive verb with no
  auxiliary that is followed by an object ("20 gunmen killed 2 villagers") is active
  voice: N counts the attackers and is *not* a claim.
* **T ... N** (active): a casualty verb or noun right before the number: "killing 7
  peasants", "insurgents killed 2", "killed all 5 passengers", "claimed the lives of 7",
  "the death toll rose to 17", "the deaths of two persons", "wounding three or four".
* **coordination** sums counts joined by "and"/commas before one verb: "two soldiers
  and a civilian were killed" = 3; "killed 2 soldiers and 3 civilians" = 5.
* **singular**: "a/an/another/the <noun phrase> was/has been <T>" is one victim ("a
  policeman was killed", "A SOLDIER WAS WOUNDED", "a 25-year-old man was killed").
* **one named or singular victim** (when no count rule used the casualty word): a
  subject read back over an appositive, a parenthesis or "who" before "was killed /
  has been shot dead / was found dead / died / succumbed" ("Nur, a member of parliament,
  was killed", "the victim ... died", "he died") is one victim; "died" needs a singular
  subject (article or name, not "the soldiers"). Active: "shot and killed Hafizullah, a
  judge", "killed the driver", "shot him dead", "stabbed a man to death" = 1 (not in
  ALL-CAPS text, where a name cannot be told from a noun; plural objects like "Afghan
  soldiers" are not one victim). "X ... was killed along with his three children" = 4;
  "Abdunur and at least seven other soldiers were killed" = 8 (the first conjunct is one
  more victim when it holds no verb or count).
* **subsets**: counts after "including" / "among them" inside the victim phrase are
  part of the head count ("Twenty people, including 13 assailants were killed" = 20),
  never claims of their own; counts of things inside it ("three generations") are no
  victims.
* **none reported**: "no one was killed", "nobody was hurt", "there were no
  casualties/deaths/injuries" give min=best=max=0 with qualifier ``'none reported'``;
  "no casualties" (both senses) gives a killed *and* an injured zero claim. "no one was
  seriously hurt" gives nothing (minor injuries are not excluded).

Not claims (skipped): hypotheticals and threats ("threatening to kill families",
"could kill hundreds", "vowed to kill", "may have been killed", "if 5 are killed"),
negated verbs ("were not killed"), counts of attackers (see above), arrests and
captures ("detained three insurgents": no casualty word), vague words without a figure
("many were killed": no min/best/max, so no claim; see numbers.py). The perpetrators'
own losses are claims like any other (roles are assigned later).

"casualties": plain "N casualties" is *not* a claim. The word counts killed plus
wounded (and often missing) in military usage but only deaths in much press usage, so
it cannot be put in either column without guessing; only its negation ("no
casualties") is unambiguous. "N injuries" counts injured, "N deaths"/"N fatalities"
count killed.

``reconcile(claims)`` derives the incident figure; its rule is in its docstring.
"""

from __future__ import annotations

import math
import re
from typing import Any

from harmwatch.extract.events import led
from harmwatch.extract.numbers import VAGUE_QUALIFIERS, NumberPhrase, find_numbers
from harmwatch.types import CasualtyClaim, Span

__all__ = ["find_casualty_claims", "reconcile"]

# cheap keyword prefilter (substring tests on the lower-cased sentence are ~10x faster
# than one case-insensitive regex alternation); only sentences with one go further
_KEYWORDS = ("kill", "dead", "died", "dies", " die", "death", "slain", "slaughter", "massacr",
             "murder", "execut", "lives", "perish", "fatal", "wound", "injur", "hurt",
             "casualt", "bodies", "body", "corpse", "toll", "gunned", "assassin", "behead",
             "lynch", "succumb")


def _has_keyword(sentence: str) -> bool:
    low = sentence.lower()
    return any(k in low for k in _KEYWORDS)

_KILL_T = (
    r"shot\s+(?:dead|and\s+killed)|gunned\s+down|"
    r"(?:stabbed|beaten|burned|burnt|hacked|shot|bludgeoned|tortured|clubbed|crushed|hanged)\s+to\s+death|"
    r"lost\s+their\s+lives|killed|dead|died|slain|slaughtered|massacred|murdered|executed|"
    r"assassinated|beheaded|lynched|perished|deaths|fatalit(?:y|ies)|bodies|corpses"
)
_INJ_T = r"wounded|injured|hurt|injuries"
_TRANSITIVE = {"killed", "slaughtered", "massacred", "murdered", "executed", "wounded",
               "injured", "hurt", "shot dead", "gunned down", "shot and killed", "assassinated",
               "beheaded", "lynched"}

_NUMWORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
             r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?|scores|"
             r"hundreds|thousands|several|many|another")
_BLOCK = (
    rf"(?:or|but|who|whom|whose|which|that|when|while|after|before|as|than|said|says|told|"
    rf"reported|report|attacked|attack|attacks|opened|fired|stormed|raided|ambushed|arrested|"
    rf"detained|captured|kidnapped|abducted|seized|held|took|taken|escaped|fled|surrendered|"
    rf"not|no|never|could|would|might|may|will|can|should|must|shall|if|unless|"
    rf"killing|wounding|injuring|leaving|left|including|"
    rf"were|was|are|is|have|has|had|been|being|be|got|get|"
    rf"{_KILL_T}|{_INJ_T}|killed|casualties|"
    rf"and(?=\s+(?:a|an|the|\d|{_NUMWORDS})\b)|and(?=\s+\w+(?:ed|ing)\b))"
)
_VWORD = rf"(?:\s+(?!{_BLOCK}\b)[\w'’\"“”.-]+)"
_AUX = (r"were|was|are|is|have|has|had|been|being|be|got|get|reportedly|allegedly|also|later|"
        r"all|both|each|instantly|immediately|eventually|subsequently|reported|confirmed|"
        r"believed|feared|thought|said|known|to|initially|officially|now|already|apparently|"
        r"seriously|critically|badly|slightly|lightly|fatally|mortally|severely|gravely|"
        r"either|found|presumed|declared|pronounced|listed|so|far|then|since|just")
_POST = re.compile(
    rf"(?P<victim>(?:\s+of)?{_VWORD}{{0,7}}?)"
    rf"(?P<app>\s*,\s*(?:including|among\s+them|among\s+whom|mostly|most\s+of\s+them|"
    rf"many\s+of\s+them|all\s+of\s+them|some\s+of\s+them|both|mainly|mostly)\b[^.;:]{{0,150}}?,"
    rf"|\s*,?\s+(?:including|among\s+them)\b[^.;:,]{{0,80}}?(?=\s+(?:were|are|have|had)\b))?"
    rf"(?P<aux>(?:\s+(?:{_AUX}))*)"
    rf"\s+(?P<trig>(?P<k>{_KILL_T})|(?P<i>{_INJ_T}))\b",
    re.I,
)
_WEEKDAYS_MONTHS = (r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|"
                    r"May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
                    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_OBJECT = re.compile(
    rf"\s+(?:(?i:the|a|an|his|her|their|its|our|my|your|this|that|these|those|all|both|each|"
    rf"every|him|them|us|me|it|at\s+least|more\s+than|some|several|many|dozens|scores|"
    rf"hundreds|thousands|nearly|about|around|up\s+to|as\s+many\s+as|{_NUMWORDS})\b|\d"
    rf"|(?!(?:{_WEEKDAYS_MONTHS})\b)[A-Z][a-z])"
)

_PRE = re.compile(
    r"(?P<trig>\b(?:(?P<k>kill(?:ed|ing|s)?|slaughter(?:ed|ing|s)?|massacr(?:ed|ing|es)|"
    r"murder(?:ed|ing|s)?|execut(?:ed|ing|es)|shot\s+dead|shooting\s+dead|"
    r"assassinat(?:ed|ing|es)|behead(?:ed|ing|s)?|lynch(?:ed|ing|es)|"
    r"bod(?:y|ies)\s+of|remains\s+of|"
    r"gunn(?:ed|ing)\s+down|annihilat(?:ed|ing)|"
    r"(?:claim(?:ed|ing|s)?|t(?:ook|aking|akes))\s+the\s+lives\s+of|"
    r"(?:the\s+)?deaths?\s+of|killings?\s+of|massacre\s+of|murders?\s+of|"
    r"death\s+tolls?\b[^.;]{0,60}?\b(?:to|at|of|reached|hit|exceeded|is|was|stands|stood|now)|"
    r"toll\s+(?:\w+\s+){0,3}?(?:to|at|of))"
    r"|(?P<i>wound(?:ed|ing|s)?|injur(?:ed|ing|es)|hurt(?:ing|s)?)))"
    r"\s+(?:(?:all|the|some|both|another|of)\s+)?$",
    re.I,
)
_HYPO = re.compile(
    r"\b(?:to|could|would|might|may|will|shall|can|cannot|not|n't|never|threat\w*|vow\w*|"
    r"plan\w*|intend\w*|if|unless|whether|attempt\w*|aim\w*|sought|seek\w*|want\w*|"
    r"tried|trying|try|order\w*|urg\w*|call\w*\s+for)\b[\w\s-]{0,25}$",
    re.I,
)
_IF = re.compile(r"\b(?:if|unless|whether)\b[^,;]{0,60}$", re.I)
_ARTICLE = re.compile(r"\b(?:a|an|another|the)\b", re.I)
_ARTICLE_B = re.compile(r"\b(?:a|an|another)\b", re.I)
# a count directly followed by its own casualty word ("... and 800 wounded")
_POST_NEAR = re.compile(rf"(?:\s+\w+){{0,2}}?\s+(?:{_KILL_T}|{_INJ_T})\b", re.I)
_AND = re.compile(r"\band\b", re.I)
_SING_AUX = re.compile(r"\b(?:was|is|has)\b", re.I)
_PLUR_AUX = re.compile(r"\b(?:were|are|have)\b", re.I)
_COORD_GAP = re.compile(rf"^{_VWORD}{{0,5}}?\s*(?:,\s*(?:and\s+)?|\s+and\s+)$", re.I)
_PREP = r"(?:in|on|at|near|during|and|by|with|from|when|after|for|inside|outside|across|into|to|of)"
_VICTIM_AFTER = re.compile(
    rf"(?:\s+of)?((?:\s+(?!{_PREP}\b|{_BLOCK}\b)(?:[\w'’\"“”-]|\.(?=\w))+){{1,5}}?)"
    rf"(?=\s*(?:[,.;:()]|$)|\s+(?:{_PREP}|{_BLOCK})\b)",
    re.I,
)
_ZERO = re.compile(
    r"\b(?P<neg>no\s+one|no-one|nobody|none)\s+(?:of\s+(?:the\s+)?\w+\s+)?"
    r"(?:(?:was|were|has|have|had|been|being|reportedly|immediately|reported|believed|"
    r"seriously|critically|badly)\s+)*(?P<trig>killed|injured|wounded|hurt|dead|died)\b"
    r"|\b(?P<neg2>no|without|zero)\s+(?:(?:immediate|reported|known|other|further|civilian|"
    r"human|confirmed|reports?\s+of|word\s+of)\s+)*"
    r"(?P<trig2>casualties|deaths|fatalities|injuries|dead|injured|wounded|loss\s+of\s+life)\b",
    re.I,
)
# a count of things, not people, inside a victim phrase ("seven people from three generations")
_NOT_PEOPLE = re.compile(
    r"\s+(?:generations|families|households|houses|homes|buildings|floors|stor(?:e)?ys|villages|"
    r"districts|provinces|towns|cities|vehicles|cars|trucks|days|weeks|months|years|hours)\b",
    re.I,
)
_OTHERS = re.compile(r"\bothers\b", re.I)
# "the others", "among others", "and others said": a known group or no count
_OTHERS_LEFT_BAD = re.compile(r"\b(?:the|among|of|and\s+the|these|those|\w+'s)\s+$", re.I)
# "captured or killed N": the figure is not split between the two, so it is no claim
_EITHER_OR = re.compile(r"\b(?:captured|detained|arrested|wounded|injured|killed)\s+or\s+$", re.I)
_SERIOUS = re.compile(r"seriously|critically|badly|severely", re.I)


class _Item:
    """A count in the sentence: a number phrase or a singular article ("a policeman")."""

    __slots__ = ("span", "text", "min", "best", "max", "qualifier", "article")

    def __init__(self, span: Span, text: str, mn: int | None, best: int | None,
                 mx: int | None, qualifier: str | None, article: str | None = None):
        self.span, self.text = span, text
        self.min, self.best, self.max, self.qualifier = mn, best, mx, qualifier
        self.article = article  # "a", "the", ... for singular items

    @classmethod
    def of(cls, n: NumberPhrase) -> _Item:
        return cls(n.span, n.text, n.min, n.best, n.max, n.qualifier)


def _kind(m: re.Match[str]) -> str:
    return "killed" if m.group("k") else "injured"


def _victim_after(text: str, pos: int, end: int) -> str | None:
    m = _VICTIM_AFTER.match(text, pos, end)
    if not m:
        return None
    v = m.group(1).strip().strip("\"“”.")
    return v or None


def _sum(items: list[_Item]) -> tuple[int | None, int | None, int | None, str | None]:
    def add(vals: list[int | None]) -> int | None:
        return None if any(v is None for v in vals) else sum(v for v in vals if v is not None)

    quals = [i.qualifier for i in items if i.qualifier]
    return (add([i.min for i in items]), add([i.best for i in items]),
            add([i.max for i in items]), "; ".join(quals) if quals else None)


def _claim(kind: str, items: list[_Item], trig: Span, text: str, victim: str | None) -> CasualtyClaim:
    if len(items) == 1:
        it = items[0]
        mn, best, mx, q = it.min, it.best, it.max, it.qualifier
        words = it.text
    else:
        mn, best, mx, q = _sum(items)
        words = victim or text[items[0].span[0]:items[-1].span[1]]
    ev = tuple(i.span for i in items) + (trig,)
    return CasualtyClaim(kind=kind, min=mn, best=best, max=mx, qualifier=q, text=words,
                         evidence=ev, victim_text=victim)


def _chain(text: str, items: list[_Item], i: int, end: int, stop_at_verb: bool = False) -> int:
    """Index of the last item coordinated with items[i] ("two soldiers and a civilian")."""
    j = i
    last_and = i
    while j + 1 < len(items):
        nxt = items[j + 1]
        gap = text[items[j].span[1]:nxt.span[0]]
        if len(gap) > 60 or not _COORD_GAP.match(gap):
            break
        if nxt.article == "the" or (stop_at_verb and _POST_NEAR.match(text, nxt.span[1], end)):
            break
        j += 1
        if _AND.search(gap):
            last_and = j
    # a list needs its closing "and": "two blasts, at least 20" is not one count
    return last_and


def find_casualty_claims(text: str, start: int = 0, end: int | None = None) -> list[CasualtyClaim]:
    """Casualty claims in the sentence ``text[start:end]`` (offsets into ``text``).

    Returns claims in text order; killed and injured are separate claims. Vague words
    without a figure ("many") and plain "casualties" give no claim (module docstring).
    """
    if end is None:
        end = len(text)
    if not _has_keyword(text[start:end]):
        return []
    claims: list[CasualtyClaim] = []

    for m in _ZERO.finditer(text, start, end):
        if m.group("neg"):
            if _SERIOUS.search(m.group(0)):
                continue
            kinds = ["killed" if m.group("trig").lower() in ("killed", "dead", "died") else "injured"]
            neg, trig = m.span("neg"), m.span("trig")
        else:
            t = m.group("trig2").lower()
            if t == "casualties":
                kinds = ["killed", "injured"]
            elif t in ("deaths", "fatalities", "dead") or t.startswith("loss"):
                kinds = ["killed"]
            else:
                kinds = ["injured"]
            neg, trig = m.span("neg2"), m.span("trig2")
        for k in kinds:
            claims.append(CasualtyClaim(kind=k, min=0, best=0, max=0, qualifier="none reported",
                                        text=text[neg[0]:neg[1]], evidence=(neg, trig)))

    all_nums = find_numbers(text, start, end)
    taken = [n.span for n in all_nums]
    # vague words without a figure ("many") give no claim
    items = [_Item.of(n) for n in all_nums if (n.best is not None or n.min is not None)
             and not _NOT_PEOPLE.match(text, n.span[1])]
    for m in _ARTICLE.finditer(text, start, end):
        s, e = m.span()
        if any(a <= s < b for a, b in taken):
            continue
        if any(e < n.span[0] <= e + 1 for n in all_nums):
            continue  # "the two maids": the number is the count
        items.append(_Item((s, e), m.group(0), 1, 1, 1, None, article=m.group(0).lower()))
    # a bare plural "others" ("two were killed and others wounded") is at least two
    for m in _OTHERS.finditer(text, start, end):
        s, e = m.span()
        if any(a <= s < b for a, b in taken) or any(s - 2 <= n.span[1] <= s for n in all_nums):
            continue  # "seven others", "a number of others": the number is the count
        if _OTHERS_LEFT_BAD.search(text, max(start, s - 12), s):
            continue
        items.append(_Item((s, e), m.group(0), 2, 2, None, "others"))
    items.sort(key=lambda it: it.span)

    used: set[int] = set()
    i = 0
    while i < len(items):
        it = items[i]
        if i in used:
            i += 1
            continue
        s, e = it.span
        # T ... N (active voice, nouns like "death toll rose to")
        if it.article in (None, "a", "an", "another"):
            left = text[max(start, s - 90):s]
            pm = _PRE.search(left)
            if pm:
                tstart = s - len(left) + pm.start("trig")
                if not _HYPO.search(text[max(start, tstart - 40):tstart]) \
                        and not _EITHER_OR.search(text, max(start, tstart - 25), tstart):
                    j = _chain(text, items, i, end, stop_at_verb=True)
                    chain = items[i:j + 1]
                    victim = _victim_after(text, chain[-1].span[1], end)
                    if not (len(chain) == 1 and it.article in ("a", "an") and victim is None):
                        if len(chain) > 1:
                            vend = chain[-1].span[1]
                            vm = _VICTIM_AFTER.match(text, vend, end)
                            if vm:
                                vend = vm.end(1)
                            victim = text[chain[0].span[0]:vend].strip()
                        trig = (tstart, s - len(left) + pm.end("trig"))
                        claims.append(_claim(_kind(pm), chain, trig, text, victim))
                        used.update(range(i, j + 1))
                        i = j + 1
                        continue
        # N ... T (passive, intransitive, adjectival)
        j = _chain(text, items, i, end)
        last = items[j]
        pm2 = _POST.match(text, last.span[1], end)
        if pm2:
            chain = items[i:j + 1]
            vs, ve = pm2.span("victim")
            aux = pm2.group("aux")
            trig_word = re.sub(r"\s+", " ", pm2.group("trig").lower())
            ok = True
            # another count inside the victim phrase belongs to the verb, not this one
            if any(vs <= o.span[0] < ve and not o.article and not _NOT_PEOPLE.match(text, o.span[1])
                   for o in items[j + 1:]):
                ok = False
            # a lone article needs a singular auxiliary ("a policeman was killed")
            if ok and len(chain) == 1 and it.article:
                ok = bool(_SING_AUX.search(aux)) and not _PLUR_AUX.search(aux) and ve > vs
            # active voice: "20 gunmen killed 2 villagers" counts attackers
            if ok and not aux.strip() and trig_word in _TRANSITIVE and _OBJECT.match(text, pm2.end(), end):
                ok = False
            if ok and _IF.search(text[max(start, s - 60):s]):
                ok = False  # conditional: "if 5 people are killed"
            if ok:
                vtext = text[vs:ve].strip()
                vtext = re.sub(r"^of\b\s*", "", vtext, flags=re.I).strip("\"“” .")
                app = pm2.group("app")
                if app and vtext:
                    a0 = pm2.start("app")
                    vtext = text[vs:a0 + len(app.rstrip().rstrip(","))].strip()
                    vtext = re.sub(r"^of\s+", "", vtext, flags=re.I)
                if len(chain) > 1:
                    vtext = text[chain[0].span[0]:ve].strip()
                extra = _plus_one(text, items, i, start)
                if extra is not None:
                    chain = [extra] + chain
                chain += _along_with(text, items, pm2.end("trig"), end)
                claims.append(_claim(_kind(pm2), chain, pm2.span("trig"), text, vtext or None))
                used.update(range(i, j + 1))
                if app:  # counts inside "including 13 assailants" are a subset, not claims
                    a0, a1 = pm2.span("app")
                    used.update(k for k in range(j + 1, len(items)) if a0 <= items[k].span[0] < a1)
                i = j + 1
                continue
        i += 1
    _singular_claims(text, start, end, items, claims)
    claims.sort(key=lambda c: c.evidence[0])
    return claims


# --------------------------------------------------------------------------- one named victim

# "Abdunur and at least seven other soldiers were killed": the first conjunct is one more
_AND_BEFORE = re.compile(r"[\w'’.)]\s*,?\s+and\s+$", re.I)
_OTHER_AFTER = re.compile(r"\s+others?\b", re.I)
_VERBISH = re.compile(rf"\b(?:was|were|is|are|has|have|had|been|\w+ed|{_KILL_T}|{_INJ_T})\b", re.I)


def _plus_one(text: str, items: list[_Item], i: int, start: int) -> _Item | None:
    """A one-person item for "X and N other(s) ..." (X names one victim), else None."""
    it = items[i]
    if it.article or it.best is None:
        return None
    om = _OTHER_AFTER.match(text, it.span[1])
    if om is None:
        return None
    s = it.span[0]
    w0 = max(start, s - 150, text.rfind(".", start, s) + 1, text.rfind(";", start, s) + 1)
    left = text[w0:s]
    m = _AND_BEFORE.search(left)
    if m is None:
        return None
    conj = left[:m.start() + 1]
    if not conj.strip() or _VERBISH.search(conj):
        return None
    if any(not o.article and w0 <= o.span[0] < s for o in items[:i]):
        return None
    return _Item(om.span(), "other", 1, 1, 1, None)


_SING_T = re.compile(
    rf"\b(?:was|has\s+been|had\s+been)(?:\s+(?:{_AUX}))*\s+(?P<trig>(?P<k>shot\s+dead|"
    r"(?:stabbed|beaten|burned|burnt|hacked|shot|bludgeoned|tortured|clubbed|crushed|hanged|"
    r"strangled)\s+to\s+death|killed|slain|murdered|executed|assassinated|beheaded|lynched|dead)"
    r"|(?P<i>wounded|injured|hurt))\b"
    r"|\b(?P<trig2>died|succumbed|passed\s+away|perished)\b",
    re.I,
)
_ACT_T = re.compile(
    r"\b(?<!was\s)(?<!were\s)(?<!been\s)(?<!be\s)(?P<trig>shot\s+and\s+killed|stabbed\s+and\s+killed|"
    r"shot\s+dead|gunned\s+down|killed|murdered|assassinated|executed|beheaded|lynched|"
    r"shot\s+killed)\s+",
    re.I,
)
_CLAUSE_CUT = re.compile(
    r"[;:(\[]|\b(?:and|but|while|when|after|before|as|where|whereas|because|since|although|"
    r"though|then|that|which|whom|whose|if|said|says|reported|told|by|of|in|on|at)\b",
    re.I,
)
_SUBJ_BAD = re.compile(
    r"^(?:it|they|we|you|i|this|these|those|there|which|what|nobody|none|no\s+one|no-one|many|"
    r"some|all|several|others?|people|each|every\w*|any\w*|some\w*|nothing|who)\b",
    re.I,
)
_SUBJ_DET = re.compile(r"^(?:a|an|the|his|her|their|its|my|our|this|that|another|he|she)\b", re.I)
_PLURALISH = re.compile(r"(?:[^su]s|ians|ans|ese|men|ren|people|police)$", re.I)
_NAME_OBJ = re.compile(
    r"(?:(?:the|his|her|their|its)\s+)?(?:(?!(?:in|on|at|near|by|with|from|after|during|for|to|into|"
    r"and|or|as|while|when|over|across|since|until)\b)[a-z][\w'’.-]*\s+){0,5}?"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|(?:al|el|bin|ibn|de|van|von|da|abu)\b[\w'’-]*))*)"
    r"(?=\s*(?:[,.;:()]|$)|\s+(?:in|on|at|near|while|and|after|outside|inside|during|with|from|as|"
    r"who|when|because|for|last|this|early|late|earlier)\b)"
)
_NP_OBJ = re.compile(
    r"(?:the|his|her|their|its)\s+(?:(?!(?:in|on|at|near|by|with|from|after|during|for|to|and|or)\b)"
    r"[a-z][\w'’-]*\s+){0,3}?(?P<name>[a-z][\w'’-]*)"
    r"(?=\s*(?:[,.;:()]|$)|\s+(?:in|on|at|near|while|and|after|outside|inside|during|with|from|as|"
    r"who|when|because|for|last|this|early|late|earlier)\b)"
)
_ALONG = re.compile(r"\s+(?:(?:along|together)\s+with|alongside)\s+(?:(?:his|her|their|its)\s+)?", re.I)
# "... alongside his wife, Enas, and their four children": one relative, then a count
_RELATIVE = re.compile(
    r"(?P<rel>wife|husband|son|daughter|mother|father|brother|sister|grandson|granddaughter|"
    r"grandmother|grandfather|nephew|niece|cousin|fiancée?)\b(?:\s*,?\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}\s*,?)?"
    r"\s+and\s+(?:(?:his|her|their)\s+)?")
# "shot him dead", "stabbed a man to death": one victim between verb and result
_VERB_OBJ_DEATH = re.compile(
    r"\b(?:shot|stabbed|beat|hacked|burned|burnt|bludgeoned|clubbed|strangled|tortured|kicked)\s+"
    r"(?P<obj>him|her|an?\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?P<trig>dead|to\s+death)\b",
    re.I,
)
_WEEKDAY_MONTH = re.compile(rf"^(?:{_WEEKDAYS_MONTHS})\b")


# "the murder of Msgr Romero", "THE ASSASSINATION OF HECTOR OQUELI AND OF GILDA FLORES":
# a killing named by its victims, each conjunct one person (counts go to the count rules)
_NOMINAL = re.compile(
    r"\b(?P<trig>(?:murder|assassination|killing|slaying)\s+of)\s+", re.I)
# the object ends at punctuation, a clause word or a preposition of place/time/agent
_NOM_END = re.compile(
    r"[,;:()\"“”]|\.(?=\s|$)|--|\s(?:in|on|at|near|by|from|during|last|this|which|who|whom|that|when|while|"
    r"as|was|were|is|are|has|have|had|for|because|after|before|since|to|with|but|or|"
    r"\d+)(?=\s|$)", re.I)
_BRACKET = re.compile(r"\[[^\]]{0,40}\]\s*")
# Spanish/Portuguese surnames that look plural ("GILDA FLORES", "MORALES", "SANTOS") in
# ALL-CAPS text, where case cannot tell a name from a noun; only after another word
_SURNAME_S = re.compile(r"(?:res|les|yes|ves|ros|mos|tos|los|ios|nes)$")
_NOM_AND = re.compile(r"\s+and\s+(?:of\s+)?", re.I)
_NOM_BAD = re.compile(
    r"^(?:the\s+)?(?:\w+\s+)?(?:attacks?|bombings?|kidnappings?|abductions?|destruction|massacres?|"
    r"burning|wounding|injur\w*|disappearance|torture|assault|arrest|robbery|other|others|"
    r"people|persons|members|civilians|those|these|them|all|many|several|some|both)\b", re.I)


def _nominal_victims(text: str, pos: int, end: int, items: list[_Item]) -> tuple[int, Span] | None:
    """(persons, object span) for the object of "the murder of ..." when every conjunct
    is one person (a name or a singular noun phrase), else None."""
    if any(o.span[0] == pos for o in items if o.article != "the"):
        return None  # "the murder of six Jesuits", "of a judge": the count rules decide
    em = _NOM_END.search(text, pos, min(end, pos + 120))
    oe = em.start() if em else min(end, pos + 120)
    obj = text[pos:oe].rstrip()
    bm = _BRACKET.match(obj)  # "[RETIRED] GENERAL ...": an editor's insertion
    if bm:
        pos, obj = pos + bm.end(), obj[bm.end():]
    if not obj or len(obj.split()) > 10:
        return None
    parts = [p.strip() for p in _NOM_AND.split(obj)]
    if len(parts) > 3:
        return None
    for p in parts:
        words = p.split()
        if not words or len(words) > 6 or _NOM_BAD.match(p) or _SUBJ_BAD.match(p):
            return None
        last = words[-1].strip("'’]").lower()
        if _PLURALISH.search(last) and not (len(words) > 1 and (
                (p[:1].isupper() and not p.isupper())
                or (_SURNAME_S.search(last) and not _SUBJ_DET.match(p)))):
            return None
        if not (p[:1].isupper() or _SUBJ_DET.match(p)):
            return None  # "the killing of time"
    return len(parts), (pos, pos + len(obj))


def _along_with(text: str, items: list[_Item], pos: int, end: int) -> list[_Item]:
    """Counts in "... killed along with his three children" (added to the subject)."""
    am = _ALONG.match(text, pos, end)
    if am is None:
        return []
    k = next((n for n, o in enumerate(items) if o.span[0] == am.end() and not o.article), None)
    if k is None:
        rm = _RELATIVE.match(text, am.end(), end)
        if rm is None:
            return []
        k = next((n for n, o in enumerate(items) if o.span[0] == rm.end() and not o.article), None)
        if k is None:
            return []
        rel = _Item(rm.span("rel"), rm.group("rel"), 1, 1, 1, None, article="one")
        return [rel] + items[k:_chain(text, items, k, end) + 1]
    return items[k:_chain(text, items, k, end) + 1]


def _subject(text: str, start: int, pos: int) -> tuple[int, int] | None:
    """Span of the subject of the verb at ``pos`` (a trailing appositive, parenthesis or
    "who" skipped), or None when it cannot be read."""
    w0 = max(start, pos - 250)
    t = text[w0:pos].rstrip()
    m = re.search(r",?\s*\bwho\s*$", t, re.I)
    if m:
        t = t[:m.start()].rstrip()
    for _ in range(3):
        if t.endswith(")"):
            k = t.rfind("(")
            if k < 0:
                return None
            t = t[:k].rstrip()
        elif t.endswith(","):
            k = t.rfind(",", 0, len(t) - 1)
            if k < 0 or len(t[k:].split()) > 16:
                return None
            t = t[:k].rstrip()
        else:
            break
    cut = max([mm.end() for mm in _CLAUSE_CUT.finditer(t)] + [t.rfind(",") + 1, 0])
    sub = t[cut:]
    ls = len(sub) - len(sub.lstrip())
    s, e = w0 + cut + ls, w0 + len(t)
    if e <= s:
        return None
    return s, e


def _singular_claims(text: str, start: int, end: int, items: list[_Item],
                     claims: list[CasualtyClaim]) -> None:
    """One victim named or described in the singular: "Aimaq ... was killed", "the victim
    died", "a 48-year-old man died", "assailants shot and killed Hafizullah, a judge";
    "X was killed along with his three children" adds the children. Only where no other
    claim already used the casualty word."""
    taken = [sp for c in claims for sp in c.evidence]

    def free(span: Span) -> bool:
        return not any(a < span[1] and span[0] < b for a, b in taken)

    sent = text[start:end]
    caps = sum(map(str.isupper, sent)) > 0.6 * max(1, sum(map(str.isalpha, sent)))
    for m in _SING_T.finditer(text, start, end):
        g = "trig" if m.group("trig") else "trig2"
        tspan = m.span(g)
        if not free(tspan) or _HYPO.search(text[max(start, m.start() - 40):m.start()]):
            continue
        sj = _subject(text, start, m.start())
        if sj is None:
            continue
        subj = text[sj[0]:sj[1]]
        pm = re.search(r"\b(?:he|she)$", subj, re.I)
        if pm:  # "Days later he died"
            sj = (sj[0] + pm.start(), sj[1])
            subj = text[sj[0]:sj[1]]
        words = subj.split()
        if not 1 <= len(words) <= 8 or _SUBJ_BAD.match(subj):
            continue
        inner = [o for o in items if sj[0] <= o.span[0] < sj[1] and not o.article]
        if inner:
            continue  # a count in the subject: the count rules decide
        low = words[-1].lower().strip(".,'’")
        if g == "trig2" and _PLURALISH.search(low) and (
                _SUBJ_DET.match(subj) or not (subj[:1].isupper() and len(words) > 1)):
            continue
        if not (_SUBJ_DET.match(subj) or (subj[:1].isupper() and not _WEEKDAY_MONTH.match(subj))):
            continue
        if caps and g == "trig2" and not _SUBJ_DET.match(subj):
            continue
        kind = "injured" if g == "trig" and m.group("i") else "killed"
        if subj.lower() in ("he", "she"):
            ev: tuple[Span, ...] = (sj, tspan)
        else:
            ev = (sj, tspan)
        chain: list[_Item] = [_Item(sj, subj, 1, 1, 1, None, article="one")]
        chain += _along_with(text, items, tspan[1], end)
        c = _claim(kind, chain, tspan, text, subj)
        claims.append(CasualtyClaim(kind=c.kind, min=c.min, best=c.best, max=c.max,
                                    qualifier=c.qualifier, text=subj if len(chain) == 1 else c.text,
                                    evidence=ev if len(chain) == 1 else c.evidence,
                                    victim_text=subj))
        taken.append(tspan)
    for m in _VERB_OBJ_DEATH.finditer(text, start, end):
        tspan, osp = m.span("trig"), m.span("obj")
        if free(tspan) and not _HYPO.search(text[max(start, m.start() - 40):m.start()]):
            claims.append(CasualtyClaim(kind="killed", min=1, best=1, max=1, qualifier=None,
                                        text=m.group("obj"), evidence=(osp, tspan),
                                        victim_text=m.group("obj")))
            taken.append(tspan)
    for m in _NOMINAL.finditer(text, start, end):
        tspan = m.span("trig")
        if not free(tspan) or _HYPO.search(text[max(start, m.start() - 40):m.start()]):
            continue
        c = _nominal_victims(text, m.end(), end, items)
        if c is None:
            continue
        n, osp = c
        claims.append(CasualtyClaim(kind="killed", min=n, best=n, max=n, qualifier=None,
                                    text=text[osp[0]:osp[1]], evidence=(tspan, osp),
                                    victim_text=text[osp[0]:osp[1]]))
        taken.append(tspan)
    if caps:
        return
    for m in _ACT_T.finditer(text, start, end):
        tspan = m.span("trig")
        if not free(tspan) or _HYPO.search(text[max(start, m.start() - 40):m.start()]):
            continue
        pos = m.end()
        if any(o.span[0] == pos for o in items):
            continue  # a count or article: the count rules decide
        om = re.match(r"(?:him|her)\b", text[pos:end])
        if om:
            osp = (pos, pos + om.end())
        else:
            om = _NAME_OBJ.match(text, pos, end)
            if om:
                name = om.group("name")
                nw = name.split()
                if _WEEKDAY_MONTH.match(name) or (len(nw) == 1 and _PLURALISH.search(name)):
                    continue
            else:
                om = _NP_OBJ.match(text, pos, end)
                if om is None or _PLURALISH.search(om.group("name")):
                    continue
            osp = om.span()
        claims.append(CasualtyClaim(kind="killed", min=1, best=1, max=1, qualifier=None,
                                    text=text[osp[0]:osp[1]], evidence=(tspan, osp),
                                    victim_text=text[osp[0]:osp[1]]))
        taken.append(tspan)


# --------------------------------------------------------------------------- reconcile


def specificity(c: CasualtyClaim) -> int:
    """How specific a claim is: 3 exact, 2 bounded/approximate, 1 vague, 0 none reported."""
    return _specificity(c)


def _specificity(c: CasualtyClaim) -> int:
    """3 exact, 2 bounded/approximate, 1 vague, 0 none reported."""
    if c.qualifier == "none reported":
        return 0
    q = c.qualifier or ""
    if c.qualifier and (q in VAGUE_QUALIFIERS or q.split(" ")[-1] in VAGUE_QUALIFIERS
                        or any(q.endswith(v) for v in VAGUE_QUALIFIERS)):
        return 1
    if q == "others":
        return 1
    if c.min is not None and c.min == c.best == c.max:
        return 3
    return 2


def _interval(c: CasualtyClaim) -> tuple[float, float]:
    lo = c.min if c.min is not None else (c.best if c.best is not None else 0)
    hi = c.max if c.max is not None else math.inf
    return float(lo), hi


def _claim_dict(c: CasualtyClaim) -> dict[str, Any]:
    return {
        "kind": c.kind, "min": c.min, "best": c.best, "max": c.max, "qualifier": c.qualifier,
        "text": c.text, "victim_text": c.victim_text, "source": c.source,
        "evidence": [list(s) for s in c.evidence],
        "source_evidence": [list(s) for s in c.source_evidence],
    }


def reconcile(claims: list[CasualtyClaim]) -> dict[str, Any] | None:
    """The incident figure {min, best, max, claims, evidence, disagreement} from claims.

    All claims must have the same kind (killed or injured); None when there are none.
    Each claim is the interval [lo, hi]: lo = min, else best, else 0; hi = max, else
    +inf ("at least 250" = [250, inf), "nearly 30" = [30, 30], "dozens" = [24, inf)).

    * The intervals intersect (the claims can all be true): min = the highest lower
      bound, max = the lowest upper bound (None if unbounded), best = the highest best
      figure among the most specific claims (exact > bounded/approximate > vague >
      none reported), kept inside [min, max]. disagreement = False.
    * They do not: disagreement = True (stays visible), min = the lowest lower bound,
      max = the highest upper bound (None if any is unbounded), best = the highest best
      figure among the specific (exact or bounded) claims, else among all claims.

    Why the highest specific figure and not the sourced one: within one incident the
    claims that disagree are mostly partial counts (subsets, "four of them children",
    a named victim = 1, an early lead figure) beside the total, and the total is the
    largest; the attributed sentence is as often the partial one ("police said two of
    the dead were officers"). Preferring sourced claims made ``best`` a subset figure
    (measured: Airwars killed exact 0.58 -> 0.69 without the preference, GTD/ACLED/ISAF
    unchanged). Tolls of other incidents or of a whole war must be kept out of the
    incident by the assembler, not by this rule.

    Every claim is kept (as a dict) with its evidence; ``evidence`` lists all claim
    spans, sorted and without duplicates.
    """
    if not claims:
        return None
    kinds = {c.kind for c in claims}
    if len(kinds) > 1:
        raise ValueError(f"reconcile() takes claims of one kind, got {sorted(kinds)}")
    ivs = [_interval(c) for c in claims]
    lo_max = max(lo for lo, _ in ivs)
    hi_min = min(hi for _, hi in ivs)
    bests = [c for c in claims if c.best is not None]

    def highest(cs: list[CasualtyClaim]) -> int | None:
        vals = [c.best for c in cs if c.best is not None]
        return max(vals) if vals else None

    if lo_max <= hi_min:
        mn: int | None = int(lo_max)
        mx: int | None = None if hi_min == math.inf else int(hi_min)
        top = max((_specificity(c) for c in bests), default=0)
        best = highest([c for c in bests if _specificity(c) == top])
        if best is not None:
            best = max(best, mn) if mn is not None else best
            best = min(best, mx) if mx is not None else best
        else:
            best = mn
        disagreement = False
    else:
        mn = int(min(lo for lo, _ in ivs))
        his = [hi for _, hi in ivs]
        mx = None if math.inf in his else int(max(his))
        specific = [c for c in bests if _specificity(c) >= 2]
        best = highest(specific) or highest(bests)
        disagreement = True
    evidence = sorted({tuple(s) for c in claims for s in c.evidence})
    return {
        "min": mn,
        "best": best,
        "max": mx,
        "claims": [_claim_dict(c) for c in claims],
        "evidence": [list(s) for s in evidence],
        "disagreement": disagreement,
    }


# Patterns searched over sentences or look-back windows: behind their first-character lookahead
# (events.led; the matches are the same).
(
    _PRE, _HYPO, _ZERO, _SERIOUS, _VERBISH, _SING_T, _ACT_T, _CLAUSE_CUT, _VERB_OBJ_DEATH, _NOMINAL,
    _NOM_END, _EITHER_OR, _IF, _OTHERS, _ARTICLE, _AND, _SING_AUX, _PLUR_AUX,
) = (
    led(rx)
    for rx in (
        _PRE, _HYPO, _ZERO, _SERIOUS, _VERBISH, _SING_T, _ACT_T, _CLAUSE_CUT, _VERB_OBJ_DEATH,
        _NOMINAL, _NOM_END, _EITHER_OR, _IF, _OTHERS, _ARTICLE, _AND, _SING_AUX, _PLUR_AUX,
    )
)
