"""Victims listed one by one: "killing Ahmad, his wife and their three children" = 5.

Reports often give the dead as a list of people rather than a figure: names ("KILLED JUAN
PEREZ AND MARIA LOPEZ"), relatives ("X, his wife and their three children"), roles ("the
mayor of Hostigal, as well as two peasants"), or a mix of these with counts ("rector
Ignacio Ellacuria, five other Jesuits, and two women"). ``list_claims`` reads such a list
where it stands:

* after an active casualty verb: "killed/killing/murdered/shot dead/injuring ... <list>";
* after a casualty noun: "the murder/assassination/killing/death(s) of <list>";
* before a plural passive or intransitive verb: "<list> were killed / were shot to death /
  died / lost their lives / were injured".

The list is cut into conjuncts at commas, "and", "as well as", "along with"; each conjunct
is one person (a name, possibly after a role or an age: "PRCS volunteer Odeh Al-Kurdi",
"16 year old Amani"; or a singular noun phrase with a determiner: "his wife", "the mayor of
the town", "a child named Anas"), a count ("her four sons", "FIVE OTHER JESUITS"), or an
appositive of the conjunct before it, which adds nobody: a determiner phrase after a name
("Qari Ziauddin, the Taliban governor"), a name after an indefinite noun phrase ("a woman,
Ola Aziz,"), an age ("PABLO PELAEZ, 45,"). Names that follow a count belong to it ("their two
sons Hadi and Ali" = 2), and conjuncts after a comma that add up to the count before them
elaborate it ("three civilians, two women and a child" = 3). Parentheses are skipped.

A list needs at least two conjuncts that count and a closing "and" (or "as well as", "along
with"); reading stops at the first piece that is none of the above (a verb, a plural noun
without a figure, a preposition, a clause word), so "killed four insurgents and confirmed
X was killed" is no list. Vague words ("several peasants and a soldier") are no list either:
the claim is a sum of exact parts. In ALL-CAPS text a name cannot be told from a noun by
case, so a name there needs two words, none of them a function word or a verb.

The claim replaces the count and singular claims made with the same casualty word (the list
covers them); its evidence is each conjunct that counts and the casualty word.
"""

from __future__ import annotations

import re

from harmwatch.extract.casualties.rules import (
    _AUX, _BLOCK, _Item, _claim, hypothetical, is_person_noun,
)
from harmwatch.extract.fastmatch import led
from harmwatch.extract.casualties.numbers import VAGUE_QUALIFIERS
from harmwatch.types import CasualtyClaim, Span

__all__ = ["companions", "list_claims"]

# an active verb (not after a passive auxiliary) or a noun, then the list
_FWD = re.compile(
    r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)"
    r"\b(?P<trig>(?P<k>killed|killing|murdered|murdering|assassinated|assassinating|executed|executing|"
    r"shot\s+dead|shot\s+and\s+killed|gunned\s+down|(?:claimed|claiming|took|taking)\s+the\s+lives\s+of|"
    r"(?:the\s+)?(?:murders?|assassinations?|killings?|deaths?|slayings?)\s+of)"
    r"|(?P<i>wounded|wounding|injured|injuring))\s+",
    re.I,
)
# a plural passive or intransitive verb after the list
_BACK = re.compile(
    rf"\b(?:(?P<aux>(?:were|are|have\s+been|had\s+been)(?:\s+(?:{_AUX}))*)\s+"
    r"(?P<trig>(?P<k>killed|shot\s+dead|shot\s+to\s+death|stabbed\s+to\s+death|gunned\s+down|murdered|"
    r"assassinated|executed|found\s+dead|slain)|(?P<i>wounded|injured|hurt))"
    r"|(?:(?:also|later|both|all|reportedly|allegedly|then|subsequently)\s+)*"
    r"(?P<trig2>died|perished|lost\s+their\s+lives))\b",
    re.I,
)
# where a list after its verb ends
_FWD_END = re.compile(
    r"[.;:!?\[\]\"“”–—]|--|"
    r"\s(?:in|on|at|near|during|when|while|after|before|as(?!\s+well\s+as\b)(?<!\swell\sas)|who|whom|"
    r"which|that|whose|by|from|inside|between|toward|towards|around|across|behind|beyond|within|amid|"
    r"under|over|via|through|throughout|"
    r"outside|into|across|for|because|since|until|according|but|or|was|were|is|are|has|have|had|"
    r"(?<!along\s)(?<!together\s)with)(?=\s|$)",
    re.I,
)
# where a list before its verb begins (the clause around it)
_BACK_START = re.compile(
    r"[;:\[\]\"“”–—]|--|\b(?:said|says|told|reported|reports|stated|added|that|when|after|while|"
    r"because|since|although|though|whereas|where|but|if|as(?!\s+well\s+as\b)(?<!\swell\sas)|who|which)\b",
    re.I,
)
_SEP = re.compile(
    r"\s*,\s*(?:(?P<a1>and|as\s+well\s+as|along\s+with|together\s+with)\s+)?"
    r"|\s+(?P<a2>and|as\s+well\s+as|along\s+with|together\s+with)\s+",
    re.I,
)
_PAREN = re.compile(r"\([^()]{0,120}\)|\[[^\[\]]{0,60}\]")
_AGE_ONLY = re.compile(r"(?:aged\s+)?\d{1,3}(?:\s*(?:-|\s)\s*years?(?:\s*(?:-|\s)\s*old)?)?", re.I)
# an age or age phrase inside a conjunct ("16 year old Amani", "a 33-year-old man", "his
# one month old nephew")
_AGE = re.compile(
    r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s]+[a-z]+)?[-\s]+"
    r"(?:years?|months?|weeks?|days?)[-\s]+old\b|\baged\s+\d{1,3}\b",
    re.I,
)
_DET = re.compile(r"(?:a|an|the|his|her|their|its|my|our|another|one|[\w-]+['’]s)\s+", re.I)
_PARTICLE = r"(?:al|el|ad|as|an|ash|at|az|bin|ibn|abu|abo|umm|um|bint|de|del|della|der|des|di|da|du|dos|van|von|la|le)"
_NAME_WORD = re.compile(rf"(?:[A-Z][\w'’.-]*|{_PARTICLE}(?:-[\w'’-]+)?)$")
_PLURAL = re.compile(r"(?:[^su'’]s|ians|ans|ese|men|ren|people|police)$", re.I)
_SURNAME_S = re.compile(r"(?:res|les|yes|ves|ros|mos|tos|los|ios|nes|ez|as|is|os|us)$", re.I)
_PREP_CUT = re.compile(r"\s(?:of|from|in|at|with|near|for)\s", re.I)
# words that are no part of a name or a noun phrase of a victim
_BAD = led(re.compile(rf"\b(?:{_BLOCK})\b", re.I))
_NOT_NAME = frozenset(
    "yesterday today tonight meanwhile however earlier later separately also then now on in at during after "
    "before since while when the this that these those it he she they we police officials sources authorities "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december israeli palestinian afghan iraqi syrian civil local "
    "according".split()
)
_CAPS_STOP = frozenset("in on at of the a an and or by from with for to his her their its".split())
# given names that end like a past tense ("AHMED ALI"), in ALL-CAPS text where case cannot tell
_ED_NAMES = frozenset("""mohammed muhammed mohamed muhamed ahmed hamed saeed sayed majed waleed rashed zayed
khaled fahed javed jawed naveed waheed fareed hameed mahmed""".split())
# words of organisations and places, which an ALL-CAPS name of a person does not hold
_ORG_WORDS = frozenset("""department command ministry party movement front army force forces police university
school church bank company corporation government committee council office battalion brigade division union
federation association newspaper radio television station street avenue city town province region district
village hospital embassy cartel group network agency institute commission center centre headquarters
administration presidency republic state country nation nations area zone sector plant""".split())


class _Conj:
    __slots__ = ("span", "kind", "n", "item", "named", "det", "and_before", "force", "generic")

    def __init__(self, span: Span, kind: str, n: int = 1, item: _Item | None = None, named: bool = False,
                 det: str = "", force: bool = False):
        self.span, self.kind, self.n, self.item, self.named, self.det = span, kind, n, item, named, det
        self.and_before, self.force, self.generic = False, force, False


def _mask(text: str, s: int, e: int) -> str:
    """``text[s:e]`` with parentheses and editors' brackets blanked (offsets kept)."""
    return _PAREN.sub(lambda m: " " * len(m.group(0)), text[s:e])


def _singular(word: str) -> str:
    w = word.lower().strip(".,'’")
    for pl, sg in (("children", "child"), ("grandchildren", "grandchild"), ("men", "man"), ("women", "woman"),
                   ("people", "person"), ("wives", "wife"), ("ies", "y"), ("es", "e"), ("s", "")):
        if w.endswith(pl):
            return w[: len(w) - len(pl)] + sg
    return w


def _count_conj(text: str, raw: str, s: int, e: int, o: _Item, caps: bool) -> _Conj | None:
    """A conjunct holding the count ``o``: "her four sons", "FIVE OTHER JESUITS"."""
    dm = _DET.match(raw) or _POSS_NAME.match(raw)
    lead = raw[dm.end():] if dm and not dm.group(0).lower().startswith("one") else raw
    q = o.qualifier or ""
    if o.min is None or o.best is None or o.span[0] != e - len(lead) \
            or q == "others" or any(q.endswith(v) for v in VAGUE_QUALIFIERS):
        return None
    rest = text[o.span[1]:e]
    words = rest.split()
    if not words or len(words) > 8 or _BAD.search(rest):
        return None
    c = _Conj((s, e), "count", n=o.best, item=o)
    c.named = not caps and any(w[:1].isupper() and _NAME_WORD.match(w) for w in words[1:])
    head = words[0] if words[0].lower() != "other" or len(words) < 2 else words[1]
    c.force, c.generic = bool(_FORCE.match(head)), bool(_GENERIC.match(head))
    return c


def _classify(text: str, masked: str, s: int, e: int, items: list[_Item], caps: bool) -> _Conj | None:
    """One conjunct ``masked[s:e]`` (``masked`` is ``text`` with parentheses blanked): a person,
    a count, a group named member by member ("her children, A, B and C"), an age, or None."""
    raw = masked[s:e]
    ls = len(raw) - len(raw.lstrip())
    s, raw = s + ls, raw.strip()
    e = s + len(raw)
    if not raw:
        return None
    if _AGE_ONLY.fullmatch(raw) or _SUBSET_START.match(raw):
        return _Conj((s, e), "age")  # "45"; "including a commander named X": adds nobody
    inner = [o for o in items if s <= o.span[0] < e and not o.article and o.qualifier != "plural"]
    if inner:
        return _count_conj(text, raw, s, e, inner[0], caps) if len(inner) == 1 else None
    body = re.sub(r"\s+-\s+", "-", _AGE.sub(" ", raw)).strip()  # "BROTHER - IN - LAW"
    dm = _DET.match(body + " ") or (None if caps else _POSS_NAME.match(body + " "))
    det = dm.group(0).strip().lower() if dm else ""
    if det == "one":
        return None
    if dm:
        body = body[dm.end():].strip() if dm.end() <= len(body) else ""
        pm = _POSS.match(body + " ")
        if pm and det in ("a", "an", "the"):  # "A REPORTER'S WIFE": the possessive determines
            det, body = pm.group(0).strip().lower(), body[pm.end():].strip()
    if not body:
        return None
    cut = _PREP_CUT.search(" " + body + " ")
    head_part = (" " + body + " ")[:cut.start()].strip() if cut else body
    words = head_part.split()
    if not words or len(words) > 9 or _BAD.search(head_part):
        return None
    if caps:
        if any(w.lower() in _CAPS_STOP for w in words) or not all(re.fullmatch(r"[A-Z][A-Z'’.-]*", w) for w in words):
            return None
        # an optional role ("PRESIDENCY MINISTER", "HIS BODYGUARD"), then an optional name
        ridx = max((k for k, w in enumerate(words) if is_person_noun(w)), default=-1)
        name = words[ridx + 1:]
        if not name:
            return _Conj((s, e), "person", det=det)
        last = name[-1].strip(".'’")
        if ridx < 0 and det:
            if det not in ("a", "an") and len(words) <= 3 and is_person_noun(_singular(last)):
                return _Conj((s, e), "group", n=0, det=det)
            return None  # "THE FACT", "THE EXTENSION OF THE STATE OF SIEGE"
        if ridx < 0 and (len(name) < 2 or name[0].lower() in _NOT_NAME):
            return None
        if any(w.lower() in _ORG_WORDS or w.endswith("ING") for w in name) \
                or (_PLURAL.search(last) and not _SURNAME_S.search(last)) \
                or (ridx < 0 and name[0].endswith("ED") and name[0].lower() not in _ED_NAMES):
            return None  # "CAUSED CONSIDERABLE DAMAGE", "CAUSING DAMAGE": a verb phrase
        return _Conj((s, e), "person", named=True, det=det)
    # mixed case: an optional lower-case prefix (role, relation, adjectives), then an optional name;
    # a capitalised plural at the start is a label ("Brothers Hammad and Taha Harara")
    if words[0][:1].isupper() and _PLURAL.search(words[0]) and is_person_noun(_singular(words[0])):
        words = [words[0].lower()] + words[1:]
    k = len(words)
    while k > 0 and _NAME_WORD.match(words[k - 1]):
        k -= 1
    name, prefix = words[k:], words[:k]
    if name and all(_PARTICLE_RE.fullmatch(w) for w in name):
        return None
    if name and name[0].lower() in _NOT_NAME and not prefix and not det:
        return None
    if any(not re.fullmatch(r"[a-z][\w'’-]*|[A-Z]{2,}|\d[\w-]*", w) for w in prefix):
        return None
    if prefix and not det and re.search(r"(?:ed|ing)$", prefix[0]):
        return None  # "... and confirmed Qari Ziauddin": a verb, not a role
    if name:
        if any(w.lower() in _ORG_WORDS for w in name):
            return None  # "Training Center", "Safety Office"
        return _Conj((s, e), "person", named=True, det=det)
    last = prefix[-1]
    if is_person_noun(last):
        return _Conj((s, e), "person", det=det)  # det "" = "his wife, son and daughter"
    if det and det not in ("a", "an") and (is_person_noun(_singular(last)) or last == "members"):
        return _Conj((s, e), "group", n=0, det=det)
    return None


_PARTICLE_RE = re.compile(_PARTICLE, re.I)
# a count of people in general, which the conjuncts after a comma may spell out
_GENERIC = re.compile(r"(?:people|persons|civilians|victims|individuals|members|residents|villagers|"
                      r"relatives|family|siblings|others|casualties)\b", re.I)
_HAS_AND = re.compile(r"\b(?:and|as\s+well\s+as|along\s+with|together\s+with)\b", re.I)
_AUX_END = re.compile(r"\s(?:was|were|is|are|has|have|had)$", re.I)
_SUBSET_START = re.compile(r"(?:including|among\s+them|among\s+whom|of\s+whom|mostly|mainly)\b", re.I)
_POSS = re.compile(r"[\w-]+['’]s\s+")
_POSS_NAME = re.compile(r"(?:[A-Z][\w'’-]*\s+){0,3}[\w-]+['’]s\s+")
# fighters and forces: a count of them is its own group, which the persons after it do not spell out
_FORCE = re.compile(r"(?:soldiers|troops|policemen|police|officers|militants|insurgents|rebels|guerrillas|"
                    r"fighters|attackers|gunmen|terrorists|assailants|guards|militiamen|members\s+of)\b", re.I)


def _conjuncts(text: str, lo: int, hi: int, items: list[_Item], caps: bool, backward: bool) -> list[_Conj]:
    """The conjuncts of the list in ``text[lo:hi]``, read from the verb outwards (forward: from
    ``lo``; backward: from ``hi``) until a piece is no conjunct. A subset after "including"
    ("14 villagers, among them three children and an old man, and ...") adds nobody: it runs to its
    own closing "and" (or to the comma-and after a single piece)."""
    masked = " " * lo + _mask(text, lo, hi)
    pieces: list[tuple[int, int, str]] = []  # (start, end, separator before it: "", ",", ",and", "and")
    pos, sep = lo, ""
    for m in _SEP.finditer(masked, lo, hi):
        pieces.append((pos, m.start(), sep))
        pos = m.end()
        sep = ("and" if not m.group(0).lstrip().startswith(",") else ",and" if m.group("a1") else ",")
    pieces.append((pos, hi, sep))
    order = range(len(pieces) - 1, -1, -1) if backward else range(len(pieces))
    got: dict[int, _Conj] = {}
    for n in order:
        a, b, sp = pieces[n]
        c = _classify(text, masked, a, b, items, caps)
        if c is None:
            if backward and got and masked[a:b].strip():
                k = min(got)
                edge = got[k]
                if edge.named and not edge.det and pieces[k][2] == "," and " " not in masked[edge.span[0]:edge.span[1]].strip():
                    del got[k]  # "In Ixtapa municipality, Guerrero, three farmers ...": a place
            break
        c.and_before = "and" in sp
        got[n] = c
    out: list[_Conj] = []
    state = ""  # of an "including" subset: open (one piece), list (more, by commas), closed
    for n in sorted(got):
        c, sp = got[n], pieces[n][2]
        if c.kind == "age" and _SUBSET_START.match(masked, c.span[0]):
            state = "open"
        elif state == "open":
            state = "" if sp == ",and" else ("list" if sp == "," else "closed")
            if state:
                c = _Conj(c.span, "age")
        elif state == "list":
            state = "list" if sp == "," else "closed"
            c = _Conj(c.span, "age")
        elif state == "closed":
            if sp == "and":  # "including his wife and six children and her wife and five children"
                c = _Conj(c.span, "age")
            else:
                state = ""
        out.append(c)
    return out


def _value(conjs: list[_Conj]) -> list[_Conj] | None:
    """The conjuncts that count, each once: appositives ("Qari Ziauddin, the Taliban governor";
    "a woman, Ola Aziz,"), ages, names of a count's members ("their two sons Hadi and Ali") and
    conjuncts that spell out a count ("three civilians, two women and a child") dropped. None
    when the list cannot be read (a group without its members, a bare noun without a
    determiner to share)."""
    keep: list[_Conj] = []
    last: _Conj | None = None  # the last conjunct that counts or introduces members
    absorb = 0  # members of ``last`` still to be named
    appos = False  # the conjunct before was an appositive (which may go on: "a priest, teacher, and ...")
    i = 0
    while i < len(conjs):
        c = conjs[i]
        i += 1
        if c.kind == "age":
            continue
        comma = last is not None and not c.and_before
        if c.kind == "count":
            if i < len(conjs) and not conjs[i].and_before and conjs[i].kind != "age" and not c.force:
                tail = _value(conjs[i:])
                if tail is not None and sum(t.n for t in tail) == c.n and any(t.and_before for t in conjs[i:]) \
                        and (c.generic or all(t.named for t in tail)):
                    keep.append(c)  # the rest of the list spells the count out
                    return keep
            keep.append(c)
            last, absorb = c, c.n - (1 if c.named else 0)
            continue
        if c.kind == "group":
            if absorb and last is not None and last.kind == "group":
                return None
            last, absorb = c, 10 ** 6
            continue
        if c.named and not c.det and absorb and last is not None and last.kind in ("count", "group") \
                and (comma or last.named or keep[-1:] != [last]):
            absorb -= 1
            if last.kind == "group":
                keep.append(c)
            last.named = True
            continue  # "their two sons Hadi and Ali", "her children, Yahya, Hala and Anas"
        if last is not None and last.kind == "group" and not last.named:
            return None  # "his wife and children": how many is not said
        if appos and not c.named and c.det in ("", "a", "an"):
            continue  # "IGNACIO ELLACURIA, A PRIEST, TEACHER, AND A SOCIAL FIGHTER"
        appos = False
        if comma and last is not None and last.kind == "person":
            if last.named and c.det in ("a", "an", "the", "") and not c.named:
                appos = True
                continue  # "Qari Ziauddin, the Taliban governor"; "X, director of the newspaper"
            if not last.named and c.named and not c.det:
                continue  # "a woman, Ola Aziz,"; "Raafat's wife, Israa Ahmed,"
        if not c.det and not c.named:
            if not (keep and keep[-1].det and keep[-1].det not in ("a", "an")):
                return None  # a bare noun with no determiner to share ("a leader and president": one)
            c.det = keep[-1].det  # "his wife, son and granddaughter"
        keep.append(c)
        last, absorb = c, 0
    if last is not None and last.kind == "group" and not last.named:
        return None
    return keep


def _total(conjs: list[_Conj]) -> list[_Conj] | None:
    """The conjuncts of a list of victims that count (see ``_value``), or None when the text is
    no such list: fewer than two that count, or no "and" ("two blasts, at least 20")."""
    keep = _value(conjs)
    if keep is None or len(keep) < 2 and not (len(keep) == 1 and keep[0].kind == "count" and len(conjs) > 2):
        return None
    if not any(c.and_before for c in conjs[1:]):
        return None
    return keep


def _parts(text: str, kept: list[_Conj]) -> list[_Item]:
    out: list[_Item] = []
    for c in kept:
        if c.kind == "count" and c.item is not None:
            out.append(_Item(c.span, text[c.span[0]:c.span[1]], c.item.min, c.item.best, c.item.max,
                             c.item.qualifier))
        else:
            out.append(_Item(c.span, text[c.span[0]:c.span[1]], 1, 1, 1, None, article="one"))
    return out


def companions(text: str, pos: int, end: int, items: list[_Item]) -> list[_Item]:
    """The people of "... was killed along with <list>" read as a list from ``pos`` ("her
    son, Mahmoud, and her daughter, Rahma" = 2; "his wife" = 1): one item per person or
    count, or [] when the words there are no such list."""
    sent_caps = text[pos:end]
    caps = sum(map(str.isupper, sent_caps)) > 0.6 * max(1, sum(map(str.isalpha, sent_caps)))
    em = _FWD_END.search(text, pos, min(end, pos + 300))
    hi = em.start() if em else min(end, pos + 300)
    conjs = _conjuncts(text, pos, hi, items, caps, backward=False)
    kept = _value(conjs) if conjs else None
    if not kept or any(c.kind == "group" for c in kept):
        return []
    return _parts(text, kept)


def list_claims(text: str, start: int, end: int, items: list[_Item],
                claims: list[CasualtyClaim]) -> None:
    """Add the claims of victim lists in ``text[start:end]`` to ``claims`` (module docstring)."""
    if not _HAS_AND.search(text, start, end):
        return  # no list without its "and"
    sent = text[start:end]
    caps = sum(map(str.isupper, sent)) > 0.6 * max(1, sum(map(str.isalpha, sent)))
    found: list[tuple[str, Span, list[_Conj]]] = []
    for m in _FWD.finditer(text, start, end):
        tspan = m.span("trig")
        noun = bool(re.match(r"(?:the\s+)?(?:murd|assa|kill\w*\s+of|death|slay)", m.group("trig"), re.I)) \
            and m.group("trig").lower().endswith("of")
        if hypothetical(text, start, tspan[0], noun):
            continue
        em = _FWD_END.search(text, m.end(), min(end, m.end() + 300))
        hi = em.start() if em else min(end, m.end() + 300)
        conjs = _conjuncts(text, m.end(), hi, items, caps, backward=False)
        if em and conjs and not noun and _AUX_END.match(em.group(0)) and not text[conjs[-1].span[1]:em.start()].strip():
            conjs.pop()  # "killed 18 civilians, ..., and 25 others were injured": a new clause
        kept = _total(conjs) if len(conjs) >= 2 else None
        if kept:
            found.append(("killed" if m.group("k") else "injured", tspan, kept))
    for m in _BACK.finditer(text, start, end):
        g = "trig" if m.group("trig") else "trig2"
        tspan = m.span(g)
        lo = max(start, m.start() - 300)
        cuts = [c.end() for c in _BACK_START.finditer(text, lo, m.start())]
        lo = max([lo] + cuts)
        if hypothetical(text, start, m.start()):
            continue
        hi = m.start()
        while hi > lo and text[hi - 1] in " ,\n":
            hi -= 1  # "Two people, a farmer and his son, died"
        conjs = _conjuncts(text, lo, hi, items, caps, backward=True)
        kept = _total(conjs) if len(conjs) >= 2 else None
        if kept:
            found.append(("injured" if g == "trig" and m.group("i") else "killed", tspan, kept))
    for kind, tspan, kept in found:
        parts = _parts(text, kept)
        a, b = kept[0].span[0], kept[-1].span[1]
        new = _claim(kind, parts, tspan, text, " ".join(text[a:b].split()))
        old = [c for c in claims if c.kind == kind and any(x < tspan[1] and tspan[0] < y for x, y in c.evidence)]
        spelled = len(kept) == 1  # "two people, a man and a woman": the count, spelled out
        if not spelled and any(c.best is not None and new.best is not None and c.best >= new.best for c in old):
            continue  # the count rules read as much already (or more)
        for c in old:
            claims.remove(c)
        claims.append(new)


# Patterns searched over sentences: behind their first-character lookahead (events.led; the matches
# are the same)
_FWD, _BACK, _FWD_END, _BACK_START, _SEP = (led(rx) for rx in (_FWD, _BACK, _FWD_END, _BACK_START, _SEP))
