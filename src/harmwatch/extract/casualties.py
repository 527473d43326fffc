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

from harmwatch.extract.numbers import VAGUE_QUALIFIERS, NumberPhrase, find_numbers
from harmwatch.types import CasualtyClaim, Span

__all__ = ["find_casualty_claims", "reconcile"]

# cheap keyword prefilter (substring tests on the lower-cased sentence are ~10x faster
# than one case-insensitive regex alternation); only sentences with one go further
_KEYWORDS = ("kill", "dead", "died", "dies", " die", "death", "slain", "slaughter", "massacr",
             "murder", "execut", "lives", "perish", "fatal", "wound", "injur", "hurt",
             "casualt", "bodies", "corpse", "toll", "gunned")


def _has_keyword(sentence: str) -> bool:
    low = sentence.lower()
    return any(k in low for k in _KEYWORDS)

_KILL_T = (
    r"shot\s+(?:dead|and\s+killed)|gunned\s+down|"
    r"(?:stabbed|beaten|burned|burnt|hacked|shot|bludgeoned|tortured|clubbed|crushed|hanged)\s+to\s+death|"
    r"lost\s+their\s+lives|killed|dead|died|slain|slaughtered|massacred|murdered|executed|"
    r"perished|deaths|fatalities|bodies|corpses"
)
_INJ_T = r"wounded|injured|hurt|injuries"
_TRANSITIVE = {"killed", "slaughtered", "massacred", "murdered", "executed", "wounded",
               "injured", "hurt", "shot dead", "gunned down", "shot and killed"}

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
    rf"many\s+of\s+them|all\s+of\s+them|some\s+of\s+them|both|mainly|mostly)\b[^.;:]{{0,150}}?,)?"
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
    items = [_Item.of(n) for n in all_nums if n.best is not None or n.min is not None]
    for m in _ARTICLE.finditer(text, start, end):
        s, e = m.span()
        if any(a <= s < b for a, b in taken):
            continue
        if any(e < n.span[0] <= e + 1 for n in all_nums):
            continue  # "the two maids": the number is the count
        items.append(_Item((s, e), m.group(0), 1, 1, 1, None, article=m.group(0).lower()))
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
                if not _HYPO.search(text[max(start, tstart - 40):tstart]):
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
            if any(vs <= o.span[0] < ve and not o.article for o in items[j + 1:]):
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
                claims.append(_claim(_kind(pm2), chain, pm2.span("trig"), text, vtext or None))
                used.update(range(i, j + 1))
                i = j + 1
                continue
        i += 1
    claims.sort(key=lambda c: c.evidence[0])
    return claims


# --------------------------------------------------------------------------- reconcile


def _specificity(c: CasualtyClaim) -> int:
    """3 exact, 2 bounded/approximate, 1 vague, 0 none reported."""
    if c.qualifier == "none reported":
        return 0
    q = c.qualifier or ""
    if c.qualifier and (q in VAGUE_QUALIFIERS or q.split(" ")[-1] in VAGUE_QUALIFIERS
                        or any(q.endswith(v) for v in VAGUE_QUALIFIERS)):
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
      figure among the specific (exact or bounded) claims that name a source, else among
      all specific claims, else among all claims.

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
        sourced = [c for c in specific if c.source]
        best = highest(sourced) or highest(specific) or highest(bests)
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
