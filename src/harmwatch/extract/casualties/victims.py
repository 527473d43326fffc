"""Victims named or described one at a time.

``_singular_claims`` adds the claims the count rules of :mod:`harmwatch.extract.casualties.claims`
cannot see: one victim named or described in the singular ("Aimaq ... was killed", "the
victim died", "shot him dead", "killing the insurgent", "the murder of Msgr Romero";
in ALL CAPS a name with its role: "INSPECTOR EULOGIO FLORES DIED", "KILLED ATTORNEY GENERAL
ROBERTO GARCIA"), "X and N others", and "X was killed (in the attack) along with his three
children" / "... alongside her son, Mahmoud, and her daughter, Rahma" (the companions are
read as a list by :mod:`harmwatch.extract.casualties.lists`). The rules are described in the
casualties module docstring.

Local-news phrasings (issue 15): "the gunfire left a 41-year-old cyclist dead and his 36-year-old
brother hurt" (``_left_claims``), "is in critical condition" (a wounded victim), and "was shot" as a
wound only where the sentence or the lines right after it say the victim is alive ("is recovering",
"flown to a trauma center, expected to survive") and no word of death stands there
(``_shot_claims``); "shot" alone is no figure. A pronoun is no figure: "He died" counts the person
it stands for ("A 52-year-old welder was shot ... He died"), whose words the claim carries.
"""

from __future__ import annotations

import re

from harmwatch.extract.casualties.rules import (
    _AUX, _INJ_T, _KILL_T, _WEEKDAYS_MONTHS, CONDITION_T, _Item, _chain, _claim, hypothetical,
    is_person_noun,
)
from harmwatch.extract.casualties.lists import companions
from harmwatch.extract.fastmatch import led
from harmwatch.types import CasualtyClaim, Span

# "Karim and at least five other guards were killed": the first conjunct is one more
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
    rf"\b(?:was|has\s+been|had\s+been)(?:\s+(?:{_AUX}))*(?:\s+[a-z]+ed\s+and(?:\s+(?:{_AUX}))*)?"
    rf"\s+(?P<trig>(?P<k>shot\s+dead|fatally\s+(?:shot|stabbed|wounded|injured)|(?:shot|stabbed)\s+and\s+killed|"
    r"(?:stabbed|beaten|burned|burnt|hacked|shot|bludgeoned|tortured|clubbed|crushed|hanged|"
    r"strangled)\s+to\s+death|killed|slain|murdered|executed|assassinated|beheaded|lynched|dead)"
    r"|(?P<i>wounded|injured|hurt))\b"
    r"|\b(?P<trig2>died|succumbed|passed\s+away|perished)\b"
    rf"|\b(?:is|was|remains|remained|has\s+been|had\s+been|listed)(?:\s+(?:{_AUX}|listed))*\s+(?P<trig3>{CONDITION_T})\b",
    re.I,
)
_ACT_T = re.compile(
    r"\b(?<!was\s)(?<!were\s)(?<!been\s)(?<!be\s)(?P<trig>shot\s+and\s+killed|stabbed\s+and\s+killed|fatally\s+shot|"
    r"shot\s+dead|gunned\s+down|killed|murdered|assassinated|executed|beheaded|lynched|"
    r"shot\s+killed|killing|murdering|assassinating)\s+",
    re.I,
)
_TRAILING_AUX = re.compile(r"(?:\s+(?:has|have|had|also|reportedly|later|then|allegedly))+$", re.I)
_CLAUSE_CUT = re.compile(
    r"[;:(\[\]]|\b(?:and|but|while|when|after|before|as|where|whereas|because|since|although|"
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
_ALONG_BARE = re.compile(r"(?:\s+(?:in|on|at|during|by|when|after)\b[^,.;:]{0,50}?)?"
                         r"\s+(?:(?:along|together)\s+with|alongside)\s+", re.I)
_ALONG = re.compile(r"(?:\s+(?:in|on|at|during|by|when|after)\b[^,.;:]{0,50}?)?"
                    r"\s+(?:(?:along|together)\s+with|alongside)\s+(?:(?:his|her|their|its)\s+)?", re.I)
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
    r"\b(?P<trig>(?:murder|assassination|killing|slaying|fatal\s+(?:shooting|stabbing)|(?:shooting|stabbing)\s+death)"
    r"\s+of)\s+", re.I)
# the object ends at punctuation, a clause word or a preposition of place/time/agent
_NOM_END = re.compile(
    r"[,;:()\"“”]|\.(?=\s|$)|--|\s(?:in|on|at|near|by|from|during|last|this|which|who|whom|that|when|while|"
    r"as|was|were|is|are|has|have|had|for|because|after|before|since|to|with|but|or|should|would|"
    r"could|will|can|must|may|might|did|does|do|perpetrated|committed|carried|today|yesterday|tonight|"
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
    tm = re.search(r"\s+(?:and|or)$", obj, re.I)  # "THE MURDER OF X AND [...]"
    if tm:
        obj = obj[:tm.start()]
    if any(pos <= o.span[0] < oe and not o.article for o in items):
        return None  # "the assassination of the six Jesuit priests": a count
    bm = _BRACKET.match(obj)  # "[RETIRED] GENERAL ...": an editor's insertion
    if bm:
        pos, obj = pos + bm.end(), obj[bm.end():]
    if not obj or len(obj.split()) > 10:
        return None
    parts = [p.strip() for p in _NOM_AND.split(obj)]
    if len(parts) > 3:
        return None
    # "SENATOR AND PRESIDENTIAL CANDIDATE LUIS CARLOS GALAN": a bare role shares the next person
    roles = [p for p in parts[:-1] if len(p.split()) == 1 and is_person_noun(p)]
    parts = [p for p in parts if p not in roles]
    for p in parts:
        words = p.split()
        if not words or len(words) > 8 or _NOM_BAD.match(p) or _SUBJ_BAD.match(p):
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
    """Counts in "... died along with her two brothers" (added to the subject)."""
    am = _ALONG.match(text, pos, end)
    if am is None:
        return []
    k = next((n for n, o in enumerate(items) if o.span[0] == am.end() and not o.article
              and o.qualifier != "plural"), None)
    if k is None:
        rm = _RELATIVE.match(text, am.end(), end)
        k = None if rm is None else next((n for n, o in enumerate(items) if o.span[0] == rm.end()
                                          and not o.article and o.qualifier != "plural"), None)
        if rm is None or k is None:
            # "alongside her son, Mahmoud, and her daughter, Rahma": a list of its own
            bm = _ALONG_BARE.match(text, pos, end)
            return companions(text, bm.end(), end, items) if bm else []
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
    died", "a 48-year-old man died", "gunmen shot dead Karimov, a teacher";
    "X died together with his two sons" adds the children. Only where no other
    claim already used the casualty word."""
    taken = [sp for c in claims for sp in c.evidence]

    def free(span: Span) -> bool:
        return not any(a < span[1] and span[0] < b for a, b in taken)

    sent = text[start:end]
    caps = sum(map(str.isupper, sent)) > 0.6 * max(1, sum(map(str.isalpha, sent)))
    for m in _SING_T.finditer(text, start, end):
        g = "trig" if m.group("trig") else "trig2" if m.group("trig2") else "trig3"
        tspan = m.span(g)
        if not free(tspan) or hypothetical(text, start, m.start()):
            continue
        sj = _subject(text, start, m.start())
        if sj is None or (sj[1] - sj[0] < 1 and _AND_END.search(text, start, m.start())):
            sj = _lead_subject(text, start, m.start())  # "A man was shot ... and is in critical condition"
        if sj is None:
            continue
        subj = text[sj[0]:sj[1]]
        am = _TRAILING_AUX.search(subj)
        if am and am.start() > 0:  # "FORMER PRESIDENT DUARTE HAS DIED"
            sj = (sj[0], sj[0] + am.start())
            subj = text[sj[0]:sj[1]]
        pm = re.search(r"\b(?:he|she)$", subj, re.I)
        if pm:  # "Days later he died"
            sj = (sj[0] + pm.start(), sj[1])
            subj = text[sj[0]:sj[1]]
        words = subj.split()
        if not 1 <= len(words) <= 8 or _SUBJ_BAD.match(subj) or _BOILERPLATE.match(subj):
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
        if caps and g == "trig2" and not _SUBJ_DET.match(subj) and not (
                any(_role(w) for w in words[:3]) and not is_person_noun(words[-1])
                or any(_role(w) for w in text[sj[1]:m.start()].split()[:4])):
            continue  # ALL CAPS: a name needs its role ("INSPECTOR EULOGIO FLORES DIED",
            # "CARLOS PIZARRO, PRESIDENTIAL CANDIDATE ..., DIED")
        kind = "injured" if (g == "trig" and m.group("i")) or g == "trig3" else "killed"
        ev: tuple[Span, ...] = (sj, tspan)
        if subj.lower() in ("he", "she"):
            # a pronoun is no figure: the person it stands for is ("A man was shot ... He died")
            ante = _antecedent(text, sj[0])
            if ante is not None:
                sj, subj = ante, text[ante[0]:ante[1]]
                ev = (ante, tspan)
        n = 2 if words[0].lower() == "both" else 1  # "Both victims died": two
        chain: list[_Item] = [_Item(sj, subj, n, n, n, None, article="one")]
        chain += _along_with(text, items, tspan[1], end)
        c = _claim(kind, chain, tspan, text, subj)
        figure = subj
        if subj.lower() in ("he", "she"):  # no antecedent: the clause states the one victim ("He died")
            figure = text[sj[0]:tspan[1]]
        claims.append(CasualtyClaim(kind=c.kind, min=c.min, best=c.best, max=c.max,
                                    qualifier=c.qualifier, text=figure if len(chain) == 1 else c.text,
                                    evidence=ev if len(chain) == 1 else c.evidence,
                                    victim_text=subj))
        taken.append(tspan)
    for m in _VERB_OBJ_DEATH.finditer(text, start, end):
        tspan, osp = m.span("trig"), m.span("obj")
        if free(tspan) and not hypothetical(text, start, m.start()):
            claims.append(CasualtyClaim(kind="killed", min=1, best=1, max=1, qualifier=None,
                                        text=m.group("obj"), evidence=(osp, tspan),
                                        victim_text=m.group("obj")))
            taken.append(tspan)
    for m in _NOMINAL.finditer(text, start, end):
        tspan = m.span("trig")
        if not free(tspan) or hypothetical(text, start, m.start(), noun=True):
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
        _caps_objects(text, start, end, items, claims, free, taken)
        return
    _left_claims(text, start, end, items, claims, free, taken)
    _shot_claims(text, start, end, items, claims, free, taken)
    for m in _ACT_T.finditer(text, start, end):
        tspan = m.span("trig")
        if not free(tspan) or hypothetical(text, start, m.start()):
            continue
        pos = m.end()
        if any(o.span[0] == pos and o.article != "the" for o in items):
            continue  # a count or "a": the count rules decide ("the driver" is read below)
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
                if _GROUP_HEAD.search(text, pos, om.start("name")):
                    continue  # "killed the family of the mayor": a group
            else:
                om = _NP_OBJ.match(text, pos, end)
                if om is None or _PLURALISH.search(om.group("name")):
                    continue
            osp = om.span()
        claims.append(CasualtyClaim(kind="killed", min=1, best=1, max=1, qualifier=None,
                                    text=text[osp[0]:osp[1]], evidence=(tspan, osp),
                                    victim_text=text[osp[0]:osp[1]]))
        taken.append(tspan)



# --------------------------------------------------------------------------- local-news phrasings

_AND_END = re.compile(r"\band\s*$", re.I)
# the subject that opens the sentence ("A 60-year-old grocer was shot ... and is in critical condition")
_LEAD_SUBJ = re.compile(r"\s*(?P<s>(?i:an?|the|one)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+"
                        r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
                        r"(?:\s*,\s*\d{1,3}\s*,)?\s+(?:was|is|has\s+been)\b")
#: page furniture that opens a line and is no victim ("Posted: ...", "Updated ...")
_BOILERPLATE = re.compile(r"(?:posted|updated|published|share|photo|video|watch|advertisement|related|"
                          r"comments?|close|menu|breaking|copyright|email|print)\b", re.I)


# a noun phrase for one person that the person-noun list lacks: an age ("a 52-year-old welder") or an
# agent noun ("grocer", "cyclist", "janitor", "guardian")
_AGE = re.compile(r"\b\d{1,3}-year-old\b", re.I)
_AGENT = re.compile(r"(?:er|or|ist|ian|ant|ent)$", re.I)


def _personish(np: str) -> bool:
    """Does the singular noun phrase ``np`` name one person?"""
    words = np.split()
    head = words[-1].strip(".,'’").lower() if words else ""
    if not head or head.endswith("s") and not head.endswith("ss"):
        return False
    return is_person_noun(head) or bool(_AGE.search(np)) or bool(_AGENT.search(head) and len(head) > 4)


def _lead_subject(text: str, start: int, pos: int) -> Span | None:
    m = _LEAD_SUBJ.match(text, start, pos)
    if m is None or not (_personish(m.group("s")) or m.group("s")[:1].isupper()
                         and not _SUBJ_DET.match(m.group("s"))):
        return None
    return m.span("s")


# the person a "he" / "she" stands for: the last singular person phrase of the text before it
# ("a 52-year-old welder", "the victim", "Ann Example, 47,")
_ANTE = re.compile(r"\b(?i:an?|the)\s+(?P<np>(?:[\w'’-]+\s+){0,3}[\w'’-]+)"
                   r"|\b[A-Z][a-z'’]+\s+[A-Z][a-z'’-]+(?=\s*,\s*\d{1,3}\b)")
_HE_SHE = {"he": ("man", "boy", "father", "son", "brother", "husband", "boyfriend", "teen", "teenager", "victim",
                  "driver", "officer", "suspect", "student", "person", "child", "uncle", "nephew", "grandfather"),
           "she": ("woman", "girl", "mother", "daughter", "sister", "wife", "girlfriend", "teen", "teenager",
                   "victim", "driver", "officer", "student", "person", "child", "aunt", "niece", "grandmother")}


def _antecedent(text: str, pos: int) -> Span | None:
    """Span of the person a pronoun at ``pos`` stands for, within the 400 characters before it."""
    pron = text[pos:pos + 3].strip().lower()
    want = _HE_SHE["he" if pron.startswith("he") else "she"]
    best = None
    for m in _ANTE.finditer(text, max(0, pos - 400), pos):
        if m.group("np") is None:
            best = m.span()  # "Randy Chapman, 23,"
            continue
        off = m.start("np")
        for w in re.finditer(r"[\w'’-]+", m.group("np")):
            n = w.group().lower()
            if n in want or _personish(text[m.start():off + w.end()]) and not _AGE.fullmatch(n):
                best = (m.start(), off + w.end())
                break
    return best


# "left a 41-year-old cyclist dead and his brother hurt", "left three guests wounded"
_LEFT = re.compile(r"\bleft\s+(?P<rest>[^.;:]{1,160})", re.I)
_LEFT_STATE = re.compile(rf"\s+(?:(?P<k>dead)|(?P<i>injured|wounded|hurt|{CONDITION_T}))\b", re.I)


_POSSESSIVE = re.compile(r"\s*(?P<det>his|her|their|its)\s+(?P<np>(?:[\w'’-]+\s+){0,2}?[\w'’-]+)"
                         r"(?=\s+(?:dead|injured|wounded|hurt|in\s+\w+\s+condition)\b)", re.I)


def _left_claims(text: str, start: int, end: int, items: list[_Item], claims: list[CasualtyClaim],
                 free, taken: list[Span]) -> None:
    """"(The shooting) left X dead and Y injured": each count with the state after its noun phrase."""
    for m in _LEFT.finditer(text, start, end):
        pos = m.start("rest")
        while True:
            it = next((o for o in items if pos <= o.span[0] <= pos + 1), None)
            if it is None:
                pm = _POSSESSIVE.match(text, pos, end)  # "and his 36-year-old brother hurt": one person
                if pm is None or not _personish(pm.group("np")):
                    break
                it = _Item(pm.span("det"), pm.group("det"), 1, 1, 1, None, article="one")
            np = re.match(r"(?:\s+(?!dead\b|injured\b|wounded\b|hurt\b|in\b|and\b)[\w'’-]+){0,4}", text[it.span[1]:end])
            vend = it.span[1] + np.end()
            sm = _LEFT_STATE.match(text, vend, end)
            if sm is None:
                break
            tspan = (sm.start() + len(sm.group()) - len(sm.group().lstrip()), sm.end())
            if free(tspan):
                victim = text[it.span[1]:vend].strip() or None
                kind = "killed" if sm.group("k") else "injured"
                claims.append(_claim(kind, [it], tspan, text, victim))
                taken.append(tspan)
            nxt = re.match(r"\s*,?\s+and\s+", text[sm.end():end])
            if nxt is None:
                break
            pos = sm.end() + nxt.end()


# "he accidentally shot himself while cleaning a rifle": the shooter is the one hurt
_SHOT_SELF = re.compile(r"\b(?P<trig>shot)\s+(?:him|her)self\b", re.I)
# "was shot", "were shot", "after being shot": hit, and alive where the sentence says so (see _SURVIVED)
_SHOT = re.compile(r"\b(?P<aux>was|were|been|being|got|get)\s+(?:\w+ly\s+)?(?P<trig>shot)\b"
                   r"(?!\s+(?:dead|and\s+killed|to\s+death|and\s+wounded|and\s+injured|and\s+hurt|at\b|by\s+police))",
                   re.I)
#: the sentence says the one shot is alive: recovering, in hospital, hit in a limb, not life-threatening
_SURVIVED = re.compile(
    r"\b(?:recover\w*|surviv\w+|hospitali[sz]ed|(?:taken|transported|rushed|airlifted|flown|driven|drove)\s+"
    r"(?:\w+\s+){0,2}?to\s+(?:a\s+|the\s+)?(?:[\w'’-]+\s+){0,4}?(?:hospital|medical\s+center|trauma\s+center)|"
    r"non-?\s*life-?\s*threatening|not\s+life-?\s*threatening|expected\s+to\s+(?:survive|recover|be\s+(?:ok|okay|fine))|"
    r"in\s+the\s+(?:leg|legs|arm|arms|hand|hands|foot|feet|shoulder|thigh|knee|ankle|buttocks?|hip|wrist|elbow|"
    r"finger|calf|lower\s+body)|treated\s+(?:and\s+released|for)|grazed|minor\s+injur\w+|"
    r"in\s+(?:critical|serious|stable|fair|good|guarded)\s+condition|surgery|lucky\s+to\s+be\s+alive|"
    r"(?:minor|non-?\s*life-?\s*threatening|superficial)\s+(?:injur\w+|wounds?)|remains?\s+(?:in|at)\s+(?:the\s+|a\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?hospital)\b", re.I)
# how far after the sentence a survival cue may stand ("... was shot near the depot. Medics flew the welder
# to a trauma center; he is expected to survive.")
_AFTER_CHARS = 300
_ADVERB_END = re.compile(r"(?:\s+\w+ly)+$")
_DEATH_WORD = re.compile(rf"\b(?:{_KILL_T}|fatal\w*|die|dies|dying|deadly|homicide|murder\w*)\b", re.I)
_SUBJ_PRON = re.compile(r"^(?:he|she)$", re.I)


def _shot_claims(text: str, start: int, end: int, items: list[_Item], claims: list[CasualtyClaim],
                 free, taken: list[Span]) -> None:
    """Wounded by gunfire: "A 60-year-old grocer is recovering after being shot", "Two men were shot ...
    and taken to a hospital", "She was shot in the leg". A sentence with no word of death that says
    the people shot are alive (recovering, in hospital, hit in a limb, "non-life-threatening") counts
    them as injured; the count is the subject's figure (a pronoun's person counts one)."""
    sent = text[start:end]
    if "shot" not in sent.lower() or _DEATH_WORD.search(sent):
        return
    if not _SURVIVED.search(sent):
        nxt = text[end:min(len(text), end + _AFTER_CHARS)]
        cut = nxt.find("\n\n")
        nxt = nxt[:cut] if cut >= 0 else nxt
        if not _SURVIVED.search(nxt) or _DEATH_WORD.search(nxt):
            return  # the next lines say nothing of the victim being alive (or say someone died)
    for m in list(_SHOT.finditer(text, start, end)) + list(_SHOT_SELF.finditer(text, start, end)):
        tspan = m.span("trig")
        if not free(tspan) or hypothetical(text, start, m.start()):
            continue
        if m.re is _SHOT_SELF:
            sj = _subject(text, start, m.start())
            if sj is not None:
                sj = (sj[0], sj[1] - len(text[sj[0]:sj[1]]) + len(_ADVERB_END.sub("", text[sj[0]:sj[1]])))
        elif m.group("aux").lower() == "being":
            sj = _lead_subject(text, start, m.start()) or _subject(text, start, m.start())
        else:
            sj = _subject(text, start, m.start())
        if sj is None or sj[1] <= sj[0]:
            continue
        subj = text[sj[0]:sj[1]]
        if _SUBJ_PRON.match(subj):
            ante = _antecedent(text, sj[0])
            if ante is None:
                continue
            it = _Item(ante, text[ante[0]:ante[1]], 1, 1, 1, None, article="one")
            claims.append(CasualtyClaim(kind="injured", min=1, best=1, max=1, qualifier=None, text=it.text,
                                        evidence=(ante, tspan), victim_text=it.text))
            taken.append(tspan)
            continue
        if _SUBJ_BAD.match(subj) or _BOILERPLATE.match(subj) or len(subj.split()) > 8:
            continue
        inner = [o for o in items if sj[0] <= o.span[0] < sj[1]]
        if inner:
            it = inner[0]
            victim = text[it.span[1]:sj[1]].strip() or None
            if it.best is None and it.min is None:
                continue
            claims.append(_claim("injured", [it], tspan, text, victim))
        elif subj[:1].isupper() and not _WEEKDAY_MONTH.match(subj):
            claims.append(CasualtyClaim(kind="injured", min=1, best=1, max=1, qualifier=None, text=subj,
                                        evidence=(sj, tspan), victim_text=subj))  # a named victim
        else:
            continue
        taken.append(tspan)


_CAPS_OBJ = re.compile(r"(?P<obj>[A-Z][A-Z'’.-]*(?:\s+[A-Z][A-Z'’.-]*){1,7})(?P<after>\s*,\s*(?:A\s+|AN\s+|THE\s+)?"
                       r"(?:[A-Z][A-Z'’-]*\s+){0,2}[A-Z][A-Z'’-]*)?")
_CAPS_FUNC = frozenset("IN ON AT OF THE A AN AND OR BY FROM WITH FOR TO HIS HER THEIR ITS WHO WHICH THAT WHEN "
                       "WHILE AFTER BEFORE DURING NEAR TODAY YESTERDAY LAST THIS WAS WERE IS ARE HAS HAVE HAD".split())
_DET_BEFORE = re.compile(r"\b(?:THE|A|AN|HIS|HER|THEIR|ITS)\s+(?:[A-Z]+LY\s+)?$")


_GROUP_HEAD = re.compile(r"\b(?:family|families|group|crew|team|unit|household|members|relatives|children|"
                         r"residents|people)\b", re.I)


def _role(word: str) -> bool:
    """A noun for a person that names a role before a name ("INSPECTOR", "MINISTER"), not an
    adjective that happens to be one ("NATIONAL", "LOCAL")."""
    return is_person_noun(word) and word.lower() not in ("national", "local", "civilian", "private", "head")


def _caps_objects(text: str, start: int, end: int, items: list[_Item], claims: list[CasualtyClaim],
                  free, taken: list[Span]) -> None:
    """ALL-CAPS text, where a name cannot be told from a noun by case: "KILLED PRESIDENCY
    MINISTER ANTONIO RODRIGUEZ PORTH" (a role, then a name) or "KILLED ANGELA DE GUERRERO, WIFE
    OF COLONEL ..." (a name, then a role after a comma) is one victim."""
    for m in _ACT_T.finditer(text, start, end):
        tspan = m.span("trig")
        pos = m.end()
        if not free(tspan) or hypothetical(text, start, m.start()) or any(o.span[0] == pos for o in items):
            continue
        if _DET_BEFORE.search(text, max(start, m.start() - 25), m.start()):
            continue  # "THE MURDERED MAGISTRATE", "THE RECENTLY ASSASSINATED CANDIDATE": an adjective
        om = _CAPS_OBJ.match(text, pos, end)
        if om is None:
            continue
        words = [w.rstrip(".") for w in om.group("obj").split()]
        k = next((n for n, w in enumerate(words) if w in _CAPS_FUNC), len(words))
        words = words[:k]
        if len(words) < 2:
            continue
        roles = [n for n, w in enumerate(words) if _role(w)]
        after = om.group("after") or ""
        if any(w.endswith(".") for w in om.group("obj").split()[:len(words) - 1]):
            continue  # a sentence ended inside
        if roles and roles[-1] < len(words) - 1 and roles[0] <= 2:
            pass  # a role, then a name
        elif not roles and k == len(om.group("obj").split()) and any(_role(w) for w in after.split()[-3:]):
            pass  # a name, then ", WIFE OF ..."
        else:
            continue
        if _PLURALISH.search(words[-1]) and not _SURNAME_S.search(words[-1].lower()):
            continue
        ends = [w.end() for w in re.finditer(r"\S+", text[pos:om.end("obj")])]
        osp = (pos, pos + ends[len(words) - 1])
        if text[osp[1] - 1] == ".":
            osp = (osp[0], osp[1] - 1)
        claims.append(CasualtyClaim(kind="killed", min=1, best=1, max=1, qualifier=None,
                                    text=text[osp[0]:osp[1]], evidence=(tspan, osp),
                                    victim_text=text[osp[0]:osp[1]]))
        taken.append(tspan)


# Patterns searched over sentences or look-back windows: behind their first-character lookahead
# (events.led; the matches are the same).
_VERBISH, _SING_T, _ACT_T, _CLAUSE_CUT, _VERB_OBJ_DEATH, _NOMINAL, _NOM_END = (
    led(rx) for rx in (_VERBISH, _SING_T, _ACT_T, _CLAUSE_CUT, _VERB_OBJ_DEATH, _NOMINAL, _NOM_END)
)
