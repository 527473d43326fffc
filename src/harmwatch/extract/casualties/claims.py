"""Casualty claims in one sentence, and the rule that turns claims into a figure.

``find_casualty_claims(text, start, end)`` reads ``text[start:end]`` (one sentence of
a document) and returns :class:`~harmwatch.types.CasualtyClaim` objects, kind
``killed`` or ``injured`` (never merged), with min/best/max/qualifier from the number
phrase (:mod:`harmwatch.extract.casualties.numbers`), the number words as written, evidence
``(number span, casualty word span)`` and the victim noun phrase as written.

The rules live in three modules: the count rules below (this module, with the shared
vocabulary in :mod:`harmwatch.extract.casualties.rules`), victims named or described one at a
time (:mod:`harmwatch.extract.casualties.victims`) and lists of victims
(:mod:`harmwatch.extract.casualties.lists`).

How a number is tied to a casualty word (regex only, no parser)
---------------------------------------------------------------
* **N ... T** (passive, intransitive, adjectival, headline): the number, an optional
  victim phrase (at most 7 words, no verbs of other events, no conjunction before a
  further count), an optional appositive (", including women, children and old
  people,"; a plain one with no clause and no count of its own: "At least one man, a
  52-year-old farmer, was killed", "11 villagers, most of them women and children, were
  killed"), an optional relative "who/that" after a count ("14 people who were killed";
  not after "the": "the 12 who were murdered" are known from elsewhere), an optional
  auxiliary chain ("were", "have reportedly been", "were engaged and") and a casualty
  word: "At least 250 civilians, ... were killed", "nearly 30 were wounded", "hundreds
  killed", "3 dead, 12 injured", "left five dead", "7 bodies", "four martyrs", "ONE DEAD
  TERRORIST", "two attackers had lost their lives", "five paramedics sustained minor
  injuries". A transitive verb followed by an object with no passive auxiliary ("20
  gunmen killed 2 villagers", "two bombings have wounded six persons", "gunmen
  reportedly killed a man") is active voice: N counts the attackers and is *not* a claim.
* **T ... N** (active): a casualty verb or noun right before the number: "killing 7
  peasants", "insurgents killed 2", "killed all 5 passengers", "claimed the lives of 7",
  "the death toll rose to 17", "the deaths of two persons", "wounding three or four",
  "killing a family of six", "injuring a further 28".
* **coordination** sums counts joined by "and"/commas before one verb: "two soldiers
  and a civilian were killed" = 3; "killed 2 soldiers and 3 civilians" = 5. An article
  takes part only for a person ("the driver and two passengers" = 3, not "because of
  the strike and four civilians"); persons after a comma that add up to a count of people
  spell it out ("two people, a man and a woman" = 2); "an unknown number of assailants" adds
  no figure (its own vague claim beside the others).
* **singular**: "a/an/another/the <noun phrase> was/has been <T>" is one victim ("a
  policeman was killed", "A SOLDIER WAS WOUNDED", "a 25-year-old man was killed").
* **one named or singular victim** (when no count rule used the casualty word): a
  subject read back over an appositive, a parenthesis or "who" before "was killed /
  has been shot dead / was found dead / died / succumbed" ("Nur, a member of parliament,
  was killed", "the victim ... died", "he died", "he was engaged and killed") is one
  victim; "died" needs a singular subject (article or name, not "the soldiers"; in ALL
  CAPS a name with its role: "INSPECTOR EULOGIO FLORES DIED"). Active: "shot and killed
  Hafizullah, a judge", "killed the driver", "shot him dead", "stabbed a man to death" =
  1 (in ALL CAPS only a role and a name: "KILLED ATTORNEY GENERAL ROBERTO GARCIA", or a
  name and a role: "KILLED ANGELA DE GUERRERO, WIFE OF ..."; plural objects like "Afghan
  soldiers" are not one victim). "X ... was killed (in the attack) along with his three
  children" = 4; "Karim and at least five other guards were killed" = 6 (the first
  conjunct is one more victim when it holds no verb or count).
* **lists**: victims given one by one ("killing Samir, his wife and their three
  children" = 5, "KILLED JUAN PEREZ AND MARIA LOPEZ" = 2): see casualty_lists.
* **subsets**: counts after "including" / "among them" / "five of them" inside the victim
  phrase, or right after the casualty word ("14 villagers were killed, including three
  children and an old man, and 20 others were injured"), are part of the head count, never
  claims of their own; counts of things inside it ("three generations", "two different
  families", "10 raids") are no victims.
* **ranges**: "at least 10 and up to 30" and "between 8 to 14" are one range (numbers.py),
  never a sum.
* **bare plurals**: a plural noun for people with no figure, next to a casualty word
  ("civilians were injured", "injuring some residents") is at least two, a vague claim
  (qualifier ``'plural'``) like "many": never after a determiner ("the civilians"), a
  number or a negation, never the subject of an active verb, never in the present tense
  ("civilians are killed by these devices").
* **none reported**: "no one was killed", "nobody was hurt", "there were no
  casualties/deaths/injuries" give min=best=max=0 with qualifier ``'none reported'``;
  "no casualties" (both senses) gives a killed *and* an injured zero claim. "no one was
  seriously hurt" gives nothing (minor injuries are not excluded).

Not claims (skipped): hypotheticals and threats ("threatening to kill families",
"could kill hundreds", "vowed to kill", "used to kill", "may have been killed", "if 5 are
killed"; but "leading to the deaths of 7" and "managed to kill 1" are reports), negated
verbs ("were not killed"), deaths a protest reacts to ("demonstrated against the killing
of a student": an earlier death, not one of this event), counts of attackers (see above),
arrests and captures ("detained three insurgents": no casualty word), vague words without
a figure ("many were killed": no min/best/max, so no claim; see numbers.py). The
perpetrators' own losses are claims like any other (roles are assigned later).

"casualties": plain "N casualties" is *not* a claim. The word counts killed plus
wounded (and often missing) in military usage but only deaths in much press usage, so
it cannot be put in either column without guessing; only its negation ("no
casualties") is unambiguous. "N injuries" counts injured, "N deaths"/"N fatalities"
count killed.

Background tolls (skipped): a war's, a genocide's or a plague's toll told in an aside ("the Black
Death killed more than 50 million", "some 2 million died in the latest war", "the genocide, in
which 800,000 were killed") is no claim of the incident: see :func:`background_toll`.

``reconcile(claims)`` derives the incident figure; its rule is in its docstring.
"""


from __future__ import annotations

import math
import re
from bisect import bisect_left
from typing import Any

from harmwatch.extract.casualties.rules import (
    _AND, _APP_BAD, _ARTICLE, _COORD_GAP, _EITHER_OR, _IF, _NOT_PEOPLE, _OBJECT, _OTHERS, _OTHERS_LEFT_BAD, _PLUR_AUX,
    _POST, _POST_NEAR, _PRE, _SERIOUS, _SING_AUX, _TRANSITIVE, _VICTIM_AFTER, _ZERO, _chain, _claim, _has_keyword,
    _Item, _kind, bare_plurals, _victim_after, hypothetical, split_unknown,
)
from harmwatch.extract.casualties.lists import list_claims
from harmwatch.extract.casualties.victims import _along_with, _plus_one, _singular_claims
from harmwatch.extract.casualties.numbers import VAGUE_QUALIFIERS, find_numbers
from harmwatch.extract.casualties.plausibility import NO_INCIDENT, flagged, implausible
from harmwatch.types import CasualtyClaim

__all__ = ["background_toll", "find_casualty_claims", "reconcile", "specificity"]

_ART_OF = re.compile(r"\s+(?:further|total\s+of|(?:(?:entire|whole)\s+)?family\s+of|group\s+of|combined|"
                     r"additional|reported)\s+", re.I)
# "IED attacks that are killing Afghan civilians": a bare plural after a present tense is no event
_GENERIC_TENSE = re.compile(r"\b(?:are|is|am|will|would)\s+$", re.I)
# "one of the three top leaders ... has been found dead": the count of a group the victim is from
_PARTITIVE = re.compile(r"\b(?:one|each|any|some|most|none|either|neither)\s+of\s+(?:the|these|those|their|its|his|her)\s+$",
                        re.I)
_THE_END = re.compile(r"\b(?:the|their|his|her|its)\s*$", re.I)
_PAST_PASSIVE = re.compile(r"\b(?:were|been)\b", re.I)
_DEF_BEFORE = re.compile(r"\b(?:the|these|those|its|their|his|her)\s+$", re.I)
_PASSIVE_AUX = re.compile(r"\b(?:were|was|are|is|been|being|be|got|get|found|left|declared|pronounced|listed|"
                          r"presumed)\b", re.I)
# a casualty noun before the count ("the deaths of", "bodies of", "the death toll rose to")
_NOUN_TRIG = re.compile(r"(?:the\s+)?(?:deaths?|bod(?:y|ies)|remains|killings?|massacre|murders?|toll)\b", re.I)


# the stems of every casualty word of the count rules (a superset: "lives" for "lost their lives"
# and "the lives of", "death" for "stabbed to death", "dead" for "shot dead")
_STEMS = ("kill", "slaughter", "massacr", "murder", "execut", "assassin", "behead", "lynch", "bod", "remains",
          "gunn", "annihilat", "lives", "death", "toll", "wound", "injur", "hurt", "dead", "died", "slain",
          "perish", "fatal", "corpse", "martyr", "slaying")


def _stem_positions(low: str, offset: int) -> list[int]:
    """Sorted start offsets of the casualty stems in ``low`` (a lower-cased sentence; plain
    substring search, much cheaper than a regex over the sentence)."""
    out: list[int] = []
    for stem in _STEMS:
        k = low.find(stem)
        while k >= 0:
            out.append(offset + k)
            k = low.find(stem, k + 1)
    out.sort()
    return out
_SUBSET_AFTER = re.compile(r"\s*,?\s*(?:including|among\s+them|among\s+whom|of\s+whom)\s+", re.I)


def _subset_after(text: str, pos: int, items: list[_Item], k: int, end: int) -> range:
    """Indices of the items of a subset right after a claim ("killed 14 villagers, including
    three children and an old man, and ..."; "were killed, including three attackers, and six
    guards were wounded"): part of the claim's count, so no claims of their own. A subset of
    one piece ends at a comma-and, a list at its own closing "and"; a count with its own verb
    is never in it."""
    m = _SUBSET_AFTER.match(text, pos, end)
    if m is None or k >= len(items) or items[k].span[0] != m.end():
        return range(0)
    last, closed = k, False
    while last + 1 < len(items):
        nxt = items[last + 1]
        gap = text[items[last].span[1]:nxt.span[0]]
        if len(gap) > 60 or not _COORD_GAP.match(gap) or _POST_NEAR.match(text, nxt.span[1], end):
            break
        comma, conj = "," in gap, bool(_AND.search(gap))
        if closed or (comma and conj and last == k):
            break
        last += 1
        closed = conj
    return range(k, last + 1)


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
             and not _NOT_PEOPLE.match(text, n.span[1])
             and not _PARTITIVE.search(text, max(start, n.span[0] - 30), n.span[0])]
    for m in _ARTICLE.finditer(text, start, end):
        s, e = m.span()
        if any(a <= s < b for a, b in taken):
            continue
        if any(e < n.span[0] <= e + 1 for n in all_nums):
            continue  # "the two maids": the number is the count
        am = _ART_OF.match(text, e)
        if am and any(n.span[0] == am.end() for n in all_nums):
            continue  # "a total of 12", "a family of six", "a further 28": the number is the count
        items.append(_Item((s, e), m.group(0), 1, 1, 1, None, article=m.group(0).lower()))
    # a bare plural "others" ("two were killed and others wounded") is at least two
    for m in _OTHERS.finditer(text, start, end):
        s, e = m.span()
        if any(a <= s < b for a, b in taken) or any(s - 2 <= n.span[1] <= s for n in all_nums):
            continue  # "seven others", "a number of others": the number is the count
        if _OTHERS_LEFT_BAD.search(text, max(start, s - 12), s):
            continue
        items.append(_Item((s, e), m.group(0), 2, 2, None, "others"))
    items += bare_plurals(text, start, end, [it.span for it in items])
    items.sort(key=lambda it: it.span)

    used: set[int] = set()
    # where casualty words start: a count far from all of them needs no pattern tried
    tpos = _stem_positions(text[start:end].lower(), start)
    i = 0
    while i < len(items):
        it = items[i]
        if i in used:
            i += 1
            continue
        s, e = it.span
        k = bisect_left(tpos, max(start, s - 90))
        if k == len(tpos) or tpos[k] > e + 400:
            i += 1
            continue  # no casualty word in reach
        # T ... N (active voice, nouns like "death toll rose to")
        if it.article in (None, "a", "an", "another") and tpos[k] < s:
            left = text[max(start, s - 90):s]
            pm = _PRE.search(left)
            if pm:
                tstart = s - len(left) + pm.start("trig")
                noun = bool(_NOUN_TRIG.match(pm.group("trig")))
                if not hypothetical(text, start, tstart, noun) \
                        and not _EITHER_OR.search(text, max(start, tstart - 25), tstart) \
                        and not (it.qualifier == "plural" and _GENERIC_TENSE.search(text, max(start, tstart - 12), tstart)):
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
                        chain, unknown = split_unknown(chain)
                        claims.append(_claim(_kind(pm), chain, trig, text, victim))
                        claims.extend(_claim(_kind(pm), [u], trig, text, victim) for u in unknown)
                        used.update(range(i, j + 1))
                        vm = _VICTIM_AFTER.match(text, items[j].span[1], end)
                        used.update(_subset_after(text, vm.end(1) if vm else items[j].span[1], items, j + 1, end))
                        i = j + 1
                        continue
        # N ... T (passive, intransitive, adjectival)
        j = _chain(text, items, i, end)
        last = items[j]
        le = last.span[1]
        k = bisect_left(tpos, le)
        # the verb is near, or an appositive (which opens with a comma) stands between
        near = k < len(tpos) and (tpos[k] <= le + 120 or tpos[k] <= le + 400 and "," in text[le:tpos[k]])
        pm2 = _POST.match(text, le, end) if near else None
        if pm2:
            chain = items[i:j + 1]
            vs, ve = pm2.span("victim")
            aux = pm2.group("aux")
            if pm2.group("coord") and not aux[:pm2.start("coord") - pm2.start("aux")].strip():
                pm2 = None  # "3 insurgents engaged and killed 2": no auxiliary, so no passive
        if pm2:
            trig_word = re.sub(r"\s+", " ", pm2.group("trig").lower())
            ok = True
            # another count inside the victim phrase belongs to the verb, not this one
            if any(vs <= o.span[0] < ve and not o.article and not _NOT_PEOPLE.match(text, o.span[1])
                   for o in items[j + 1:]):
                ok = False
            # a plain appositive ("11 villagers, most of them women and children, were killed") holds
            # no clause and no count of its own
            if ok and pm2.group("gen") is not None:
                gs, ge = pm2.span("gen")
                ok = not (len(chain) == 1 and it.article) and not _APP_BAD.search(text, gs, ge) \
                    and not any(gs <= o.span[0] < ge and not o.article and o.qualifier != "plural" for o in items)
            # "the 12 who were murdered": a relative clause after a count (one person with "who
            # was" is left to the rules for named victims, which read the subject)
            if ok and pm2.group("rel") and (it.article or not _PLUR_AUX.search(aux) and "died" not in trig_word
                                            or _DEF_BEFORE.search(text, max(start, s - 12), s)):
                ok = False  # "the 12 who were murdered": victims known from elsewhere
            # "evacuate the wounded": a noun phrase, not a predicate of the count
            if ok and not aux.strip() and _THE_END.search(text, vs, ve) \
                    and not text[vs:ve].lstrip().lower().startswith("of "):  # but "one of the injured"
                ok = False
            # a lone article needs a singular auxiliary ("a policeman was killed")
            if ok and len(chain) == 1 and it.article:
                ok = bool(_SING_AUX.search(aux)) and not _PLUR_AUX.search(aux) and ve > vs
            # active voice: "20 gunmen killed 2 villagers" counts attackers
            # (also in the perfect or after an adverb: "two bombings have wounded six persons",
            # "gunmen reportedly killed a man"); a bare plural takes no transitive verb without "were"
            # a bare plural before the verb takes any object ("militants killed civilians", but
            # "civilians killed in the blast")
            if ok and trig_word in _TRANSITIVE and not _PASSIVE_AUX.search(aux) and (
                    _OBJECT.match(text, pm2.end(), end) or all(o.qualifier == "plural" for o in chain)):
                ok = False
            # a bare plural needs a past passive: "civilians were injured", not the generic
            # "civilians are killed by these devices"
            if ok and all(o.qualifier == "plural" for o in chain) and not (
                    trig_word in _TRANSITIVE and _PAST_PASSIVE.search(aux)
                    or trig_word in ("died", "perished") and not pm2.group("victim").strip()):
                ok = False  # nor a noun: "neighbours grieved over the deaths"
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
                chain, unknown = split_unknown(chain)
                claims.append(_claim(_kind(pm2), chain, pm2.span("trig"), text, vtext or None))
                claims.extend(_claim(_kind(pm2), [u], pm2.span("trig"), text, None) for u in unknown)
                used.update(range(i, j + 1))
                if app:  # counts inside "including 13 assailants" are a subset, not claims
                    a0, a1 = pm2.span("app")
                    used.update(k for k in range(j + 1, len(items)) if a0 <= items[k].span[0] < a1)
                used.update(_subset_after(text, pm2.end("trig"), items, j + 1, end))
                i = j + 1
                continue
        i += 1
    _singular_claims(text, start, end, items, claims)
    list_claims(text, start, end, items, claims)
    claims = [c for c in claims if not background_toll(text, start, end, c)]
    claims = [flagged(c, why) if (why := implausible(text, start, end, c)) else c for c in claims]
    claims.sort(key=lambda c: c.evidence[0])
    return claims


# --------------------------------------------------------------------------- background tolls

#: no single incident of armed violence kills this many: a figure this large is a war's, a
#: genocide's or a plague's toll told in passing ("more than 50 million", "some 2 million")
BACKGROUND_TOLL = NO_INCIDENT
#: a figure at least this large in a clause about a war, a genocide, a pandemic or a famine is that
#: toll, not the incident's ("the war, which has killed more than 10,000 people")
WAR_TOLL = 1_000
_TOLL_OF = re.compile(
    r"\b(?:wars?|warfare|genocides?|holocaust|pogroms?|pandemics?|epidemics?|plagues?|famines?|black death|civil war|"
    r"(?:in|of|since|during|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*) (?:19|20)\d\d|"
    r"conflict|insurgency|occupation|centur(?:y|ies)|decades?|since (?:the )?(?:start|beginning|outbreak)|"
    r"since (?:19|20)\d\d|over the (?:past|last) (?:\w+ )?(?:years|decades|months))\b",
    re.I,
)
_CLAUSE_CUT = re.compile(r"[.;:()\u2014]|\s[-\u2013]\s")


def background_toll(text: str, start: int, end: int, c: CasualtyClaim) -> bool:
    """Is the claim an aside's toll, not the incident's? A figure of :data:`BACKGROUND_TOLL` or more,
    or of :data:`WAR_TOLL` or more in a clause (between stops, semicolons, colons, parentheses and
    dashes) that names a war, a genocide, a pandemic, a century, a period ("since 2011") or a year ("the
    November 1984 pogrom"): a report dates its own event by day, not by year. Such
    claims are never made: the incident's figure and the store's totals keep to the event. A figure
    of :data:`BACKGROUND_TOLL` or more outside such a clause is made but flagged ``above_cap`` by
    :mod:`~harmwatch.extract.casualties.plausibility` (shown, never the incident's figure)."""
    n = c.best if c.best is not None else c.min
    if n is None or n < WAR_TOLL:
        return False
    lo = min(s for s, _ in c.evidence)
    hi = max(e for _, e in c.evidence)
    a = start
    for m in _CLAUSE_CUT.finditer(text, start, lo):
        a = m.end()
    m = _CLAUSE_CUT.search(text, hi, end)
    b = m.start() if m else end
    return _TOLL_OF.search(text, a, b) is not None


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
    if q in ("others", "plural"):
        return 1
    if c.min is not None and c.min == c.best == c.max:
        return 3
    return 2


def _interval(c: CasualtyClaim) -> tuple[float, float]:
    lo = c.min if c.min is not None else (c.best if c.best is not None else 0)
    hi = c.max if c.max is not None else math.inf
    return float(lo), hi


def _claim_dict(c: CasualtyClaim) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": c.kind, "min": c.min, "best": c.best, "max": c.max, "qualifier": c.qualifier,
        "text": c.text, "victim_text": c.victim_text, "source": c.source,
        "evidence": [list(s) for s in c.evidence],
        "source_evidence": [list(s) for s in c.source_evidence],
    }
    if c.flag:  # only when set: an unflagged claim's output is unchanged
        out["flag"] = c.flag
    return out


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
    incident by the assembler, not by this rule. Nor does a vague floor above the specific
    figure raise it ("several insurgents were killed" beside "the commander was killed"):
    measured, best = the highest vague floor lost on every set (Airwars, GTD, ISAF, MUC).

    Every claim is kept (as a dict) with its evidence; ``evidence`` lists all claim
    spans, sorted and without duplicates.
    """
    if not claims:
        return None
    kinds = {c.kind for c in claims}
    if len(kinds) > 1:
        raise ValueError(f"reconcile() takes claims of one kind, got {sorted(kinds)}")
    every = claims
    claims = [c for c in claims if not c.flag]  # implausible figures are shown, never the figure
    if not claims:
        return {"min": None, "best": None, "max": None, "claims": [_claim_dict(c) for c in every],
                "evidence": [list(s) for s in sorted({tuple(s) for c in every for s in c.evidence})],
                "disagreement": False}
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
    evidence = sorted({tuple(s) for c in every for s in c.evidence})
    return {
        "min": mn,
        "best": best,
        "max": mx,
        "claims": [_claim_dict(c) for c in every],
        "evidence": [list(s) for s in evidence],
        "disagreement": disagreement,
    }


# Patterns searched over sentences or look-back windows: behind their first-character lookahead
