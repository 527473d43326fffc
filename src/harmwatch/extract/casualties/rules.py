"""Shared vocabulary of the casualty rules: casualty words, number-phrase items, coordination.

:mod:`harmwatch.extract.casualties.claims` (count rules, reconciliation),
:mod:`harmwatch.extract.casualties.victims` (victims named or described one at a time) and
:mod:`harmwatch.extract.casualties.lists` (lists of victims) read a sentence with these
patterns; see the casualties module docstring for what each rule does. Here too: the nouns
for a person (``PERSON_NOUNS``: general English vocabulary of kin, age, trade, office and
rank, used to tell "a policeman" from "a result"), the plural nouns for people, and the bare
plurals ("civilians were injured": at least two).
"""

from __future__ import annotations

import re

from harmwatch.extract.fastmatch import led
from harmwatch.extract.casualties.numbers import NumberPhrase
from harmwatch.extract.lexicon import PERSON_NOUNS
from harmwatch.types import CasualtyClaim, Span

# cheap keyword prefilter (substring tests on the lower-cased sentence are ~10x faster
# than one case-insensitive regex alternation); only sentences with one go further
_KEYWORDS = ("kill", "dead", "died", "dies", " die", "death", "slain", "slaying", "slaughter", "massacr",
             "murder", "execut", "lives", "perish", "fatal", "wound", "injur", "hurt",
             "casualt", "bodies", "body", "corpse", "toll", "gunned", "assassin", "behead",
             "lynch", "succumb", "martyr", "MARTYR", "condition", "shot")


def _has_keyword(sentence: str) -> bool:
    low = sentence.lower()
    return any(k in low for k in _KEYWORDS)

_KILL_T = (
    r"shot\s+(?:dead|and\s+killed)|gunned\s+down|fatally\s+(?:shot|stabbed|wounded|injured)|"
    r"(?:stabbed|beaten|burned|burnt|hacked|shot|bludgeoned|tortured|clubbed|crushed|hanged)\s+to\s+death|"
    r"lost\s+their\s+lives|killed|dead|died|slain|slaughtered|massacred|murdered|executed|"
    r"assassinated|beheaded|lynched|perished|deaths|fatalit(?:y|ies)|bodies|corpses|"
    r"(?-i:martyr(?:s|ed)|MARTYR(?:S|ED))"  # "four martyrs"; not "the Al-Aqsa Martyrs Brigade"
)
#: "in critical condition" (local news: a victim alive in hospital) is a wounded victim
CONDITION_T = r"in\s+(?:critical|serious|grave|stable|guarded|fair|life-threatening)(?:\s+(?:but|and)\s+stable)?\s+condition"
_INJ_T = (r"(?:sustained|suffered)\s+(?:\w+\s+)?(?:injuries|wounds)|wounded|injured|hurt|injuries|" + CONDITION_T)
_TRANSITIVE = {"killed", "slaughtered", "massacred", "murdered", "executed", "wounded",
               "injured", "hurt", "shot dead", "gunned down", "shot and killed", "assassinated",
               "beheaded", "lynched"}

_NUMWORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
             r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozens?|scores|"
             r"hundreds|thousands|several|many|another")
_BLOCK = (
    rf"(?:or|but|who|whom|whose|which|that|when|where|while|after|before|as|than|said|says|told|"
    rf"reported|report|attacked|attack|attacks|opened|fired|stormed|raided|ambushed|arrested|"
    rf"detained|captured|kidnapped|abducted|seized|held|took|taken|escaped|fled|surrendered|"
    rf"not|no|never|could|would|might|may|will|can|should|must|shall|if|unless|"
    rf"killing|wounding|injuring|leaving|left|including|"
    rf"were|was|are|is|have|has|had|been|being|be|got|get|"
    rf"{_KILL_T}|{_INJ_T}|killed|casualties|"
    rf"and(?=\s+(?:a|an|the|\d|{_NUMWORDS})\b)|and(?=\s+\w+(?:ed|ing)\b))"
)
_VWORD = rf"(?:\s+(?!{_BLOCK}\b)(?:[\w'’\"“”.-]+|\([A-Z]{{2,8}}\)))"  # "(PRCS)": an acronym
_AUX = (r"were|was|are|is|have|has|had|been|being|be|got|get|reportedly|allegedly|also|later|"
        r"all|both|each|instantly|immediately|eventually|subsequently|reported|confirmed|"
        r"believed|feared|thought|said|known|to|initially|officially|now|already|apparently|"
        r"seriously|critically|badly|slightly|lightly|fatally|mortally|severely|gravely|"
        r"either|found|presumed|declared|pronounced|listed|so|far|then|since|just|accidentally|"
        r"unintentionally")
# an appositive that says who among the counted were who ("including 13 assailants")
_SUBSET = (r"(?:including|among\s+them|among\s+whom|of\s+whom|mostly|mainly|both|"
           r"[\w-]+\s+of\s+(?:them|whom))")  # "most of them", "five of them"
_POST = re.compile(
    rf"(?P<victim>(?:\s+of)?{_VWORD}{{0,9}}?)"
    rf"(?P<app>\s*,\s*{_SUBSET}\b[^.;:]{{0,150}}?,"
    rf"|\s*,\s*(?P<gen>[^.;:,]{{2,100}}?)(?:\s*,\s*{_SUBSET}\b[^.;:]{{0,150}}?)?\s*,"
    rf"|\s*,?\s+(?:including|among\s+them)\b[^.;:,]{{0,80}}?(?=\s+(?:were|are|have|had)\b))?"
    rf"(?P<rel>\s*,?\s+(?:who|that)(?=\s+(?:were|was|are|is|have|has|had|died|perished)\b))?"
    rf"(?P<aux>(?:\s+(?:{_AUX}))*(?P<coord>\s+(?!{_KILL_T}|{_INJ_T})(?:[a-z]+ed|shot|hit|struck)\s+and(?:\s+(?:{_AUX}))*)?)"
    rf"\s+(?P<trig>(?P<k>{_KILL_T})|(?P<i>{_INJ_T}))\b",
    re.I,
)
# a plain appositive between the count and its verb ("At least one man, 52-year-old Omar X, was
# killed", "11 villagers, most of them women and children, were killed") holds no clause of its own
_APP_BAD = re.compile(
    rf"\b(?:was|were|is|are|has|have|had|been|being|be|who|whom|which|that|when|while|after|before|"
    rf"if|then|{_KILL_T}|{_INJ_T}|killing|wounding|injuring)\b",
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
    r"(?:the\s+)?deaths?\s+of|killings?\s+of|slayings?\s+of|massacre\s+of|murders?\s+of|fatal\s+(?:shooting|stabbing)s?\s+of|"
    r"death\s+tolls?\b[^.;]{0,60}?\b(?:to|at|of|reached|hit|exceeded|is|was|stands|stood|now)|"
    r"toll\s+(?:\w+\s+){0,3}?(?:to|at|of))"
    r"|(?P<i>wound(?:ed|ing|s)?|injur(?:ed|ing|es)|hurt(?:ing|s)?)))"
    r"\s+(?:(?:all|the|some|both|another|of)\s+|(?:(?:an?|the)\s+)?(?:further|(?:(?:entire|whole)\s+)?family\s+of|"
    r"total\s+of|group\s+of|combined|additional|reported|more|other)\s+)?$",
    re.I,
)
# what comes right before a casualty word that makes it no report of one: a modal, a threat,
# a plan, a negation, a condition; and an infinitive "to (be) killed" ("used to kill civilians",
# "threatening to kill") -- but not "leading to the deaths of" or "managed to kill" (see
# ``hypothetical``)
_HYPO = re.compile(
    r"\b(?:could|would|might|may|will|shall|can|cannot|not|n't|never|threat\w*|vow\w*|"
    r"plan\w*|intend\w*|if|unless|whether|attempt\w*|aim\w*|sought|seek\w*|want\w*|"
    r"tried|trying|try|order\w*|urg\w*|call\w*\s+for)\b[\w\s-]{0,25}$"
    r"|(?<!managed\s)\b(?P<to>to)(?:\s+(?:be|have|been|get|\w+ly))*\s+$",
    re.I,
)
_REACTION = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|aveng\w*|against|justice\s+for|rall(?:y|ied|ies|ying))\b"
    r"[\w\s'’-]{0,30}$",
    re.I,
)
_IF = re.compile(r"\b(?:if|unless|whether)\b[^,;]{0,60}$", re.I)
_ARTICLE = re.compile(r"\b(?:a|an|another|the)\b", re.I)
# a count directly followed by its own casualty word ("... and 800 wounded")
_POST_NEAR = re.compile(rf"(?:\s+\w+){{0,2}}?\s+(?:{_KILL_T}|{_INJ_T})\b", re.I)
_AND = re.compile(r"\band\b", re.I)
_SING_AUX = re.compile(r"\b(?:was|is|has)\b", re.I)
_PLUR_AUX = re.compile(r"\b(?:were|are|have)\b", re.I)
_COORD_GAP = re.compile(rf"^{_VWORD}{{0,5}}?\s*(?:,\s*(?:and\s+)?|\s+and\s+)$", re.I)
_PREP = r"(?:in|on|at|near|during|and|by|with|from|when|after|for|inside|outside|across|into|to|of)"
_VICTIM_AFTER = re.compile(
    rf"(?:\s+of)?((?:\s+(?!{_PREP}\b|{_BLOCK}\b)(?:[\w'’\"“”-]|\.(?=\w))+){{1,8}}?)"
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
# a count of things, not people, inside a victim phrase ("seven people from three generations",
# "eight civilians from two different families")
_NOT_PEOPLE = re.compile(
    rf"(?:\s+(?!(?:people|persons|men|women|children|and|or|of|in|on|at|by|from|with|for|to|during|after|"
    rf"near|were|was|had|have|{_KILL_T}|{_INJ_T}|\w+s)\b)[\w'’-]+){{0,2}}?(?:\s+of)?"  # "two different"
    r"\s+(?:generations|families|households|houses|homes|buildings|floors|stor(?:e)?ys|villages|"
    r"districts|provinces|towns|cities|vehicles|cars|trucks|days|weeks|months|years|hours|"
    r"raids|strikes|airstrikes|attacks|bombs|bombings|missiles|rockets|shells|mortars|explosions|blasts|"
    r"clashes|incidents|operations|shots|bullets|rounds|grenades|mines|drones|aircraft|planes|"
    r"helicopters|tanks|weapons|guns|rifles|ambulances|shops|schools|mosques|churches|blocks|streets|"
    r"roads|meters|metres|kilometers|kilometres|miles|"
    # "one family", but "eight family members", "three village chiefs"
    r"(?:family|household|house|home|village|generation|town|district)(?=\s*(?:[,.;:)]|$)|\s+(?:of|in|on|at|"
    r"and|or|were|was|who|which|that|from|with)\b))\b",
    re.I,
)
_OTHERS = re.compile(r"\bothers\b", re.I)
# "the others", "among others", "and others said": a known group or no count
_OTHERS_LEFT_BAD = re.compile(r"\b(?:the|among|of|and\s+the|these|those|\w+'s)\s+$", re.I)
# "captured or killed N": the figure is not split between the two, so it is no claim
_EITHER_OR = re.compile(r"\b(?:captured|detained|arrested|wounded|injured|killed)\s+or\s+$", re.I)
_SERIOUS = re.compile(r"seriously|critically|badly|severely", re.I)


def hypothetical(text: str, lo: int, pos: int, noun: bool = False) -> bool:
    """Whether the casualty word at ``pos`` is hypothetical, threatened or negated (the 40
    characters before it, not before ``lo``). After a noun ("the deaths of") an infinitive
    marker is no such sign: "leading to the deaths of 7" reports seven deaths."""
    m = _HYPO.search(text, max(lo, pos - 40), pos)
    if noun and m is None:
        # "crowds marched over the killing of a student last month": an earlier death
        # the event reacts to, not one of its own
        return _REACTION.search(text, max(lo, pos - 50), pos) is not None
    return m is not None and not (noun and m.group("to"))


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


def split_unknown(items: list[_Item]) -> tuple[list[_Item], list[_Item]]:
    """(counted, unknown): "a guard and an unknown number of attackers" adds no figure to
    one, so the guard is one claim and the attackers a vague one of their own."""
    unknown = [o for o in items if o.qualifier in UNKNOWN_COUNT]
    if not unknown or len(unknown) == len(items):
        return items, []
    return [o for o in items if o.qualifier not in UNKNOWN_COUNT], unknown


def _claim(kind: str, items: list[_Item], trig: Span, text: str, victim: str | None) -> CasualtyClaim:
    if len(items) == 1:
        it = items[0]
        mn, best, mx, q = it.min, it.best, it.max, it.qualifier
        words = it.text
        if it.article and victim and it.article in ("a", "an", "the", "another", "one"):
            words = figure_words(text, it.span, victim)  # "A 52-year-old welder", not "A"
    else:
        mn, best, mx, q = _sum(items)
        words = victim or text[items[0].span[0]:items[-1].span[1]]
    ev = tuple(i.span for i in items) + (trig,)
    return CasualtyClaim(kind=kind, min=mn, best=best, max=mx, qualifier=q, text=words,
                         evidence=ev, victim_text=victim)


def figure_words(text: str, span: Span, victim: str) -> str:
    """The words that state a one-person figure: the article with its noun phrase ("a 52-year-old
    welder", "the driver"), as written when the victim follows the article, else joined."""
    rest = text[span[1]:span[1] + len(victim) + 3]
    k = rest.find(victim)
    if 0 <= k <= 2:
        return text[span[0]:span[1] + k + len(victim)]
    return f"{text[span[0]:span[1]]} {victim}"


# nouns for a person: the shared vocabulary (extract/lexicon.py, data/lexicon/person_nouns.tsv)



def is_person_noun(word: str) -> bool:
    """Whether ``word`` names a person ("wife", "policeman", "brother-in-law", "officer-in-charge",
    "MAYOR")."""
    w = word.lower().strip(".,'’")
    return w in PERSON_NOUNS or w.split("-")[0] in PERSON_NOUNS


_WORD = re.compile(r"[\w'’-]+")
_CASUALTY_WORD = re.compile(rf"(?:{_KILL_T}|{_INJ_T})", re.I)


_NATIONALITY = re.compile(r"(?:an|ian|ese|i|ish|ean|ite|ch)$")
_NP_STOP = frozenset("and or of in on at near with by from who whom which that was were is are has have had "
                     "named identified called known aged".split())
_PARENS = re.compile(r"\([^()]{0,40}\)")
_NP_END = re.compile(r"[,.;:!?()\"“”]")


def is_people_plural(word: str) -> bool:
    """Whether ``word`` is a plural noun for people ("civilians", "policemen", "children")."""
    w = word.lower()
    if w in ("people", "persons", "children", "men", "women", "others", "passers-by", "police"):
        return True
    for pl, sg in (("men", "man"), ("ies", "y"), ("s", "")):
        if w.endswith(pl) and w[: len(w) - len(pl)] + sg in PERSON_NOUNS:
            return True
    return False


# where a bare plural noun phrase may begin: after these words, punctuation or the sentence start
# (not after a determiner, "the civilians": a group counted elsewhere, nor after a number)
_BARE_OK_BEFORE = frozenset("""and or but that while when where as also killing injuring wounding leaving hurting
including""".split())
_BARE_SKIP = re.compile(r"[A-Z][\w'’-]*|[a-z][\w'’-]*(?:ian|ese|ish|an|i|al|ed|ous|ive|ful|less|ic)$")


def bare_plurals(text: str, start: int, end: int, taken: list[Span]) -> list[_Item]:
    """Items for plural nouns for people with no figure ("civilians were injured", "injuring
    Palestinian civilians", "some residents"): a plural is at least two (qualifier "plural",
    min = best = 2, max open, vague like "many"). The noun phrase (at most two adjectives) must
    begin at the sentence start, after punctuation or after a verb or conjunction: not after a
    determiner ("the civilians": a group counted elsewhere), a number ("two other soldiers") or a
    negation ("no women or children were injured")."""
    out: list[_Item] = []
    for m in _WORD_CAS.finditer(text, start, end):
        w = m.group(0)
        if not is_people_plural(w) or w.lower() == "others":
            continue
        s, e = m.span()
        if any(a < e and s < b for a, b in taken) or _NEG_BEFORE.search(text, max(start, s - 40), s):
            continue
        k = s
        for _ in range(3):  # adjectives: "Palestinian civilians", "some other residents"
            pm = _PREV_WORD.search(text, max(start, k - 30), k)
            if pm is None or pm.group(1) is None:
                break
            pw = pm.group(1)
            if pw.lower() in ("some", "other") or (
                    _BARE_SKIP.fullmatch(pw) and pw.lower() not in _NOT_ADJ and pw.lower() not in _BARE_OK_BEFORE
                    and not is_person_noun(pw)
                    and not _CASUALTY_VERB.fullmatch(pw)
                    and not any(a < pm.end(1) and pm.start(1) < b for a, b in taken)):
                k = pm.start(1)
                continue
            break
        pm = _PREV_WORD.search(text, max(start, k - 30), k)
        if pm is None:
            if text[start:k].strip():
                continue  # after a closing bracket or a symbol
        elif pm.group(1) is not None and pm.group(1).lower() in ("and", "or") and _COUNT_BEFORE.search(
                text, max(start, pm.start(1) - 40), pm.start(1)):
            continue  # "13 soldiers and fighters", "five JTF and Kamuku militiamen": one counted phrase
        elif pm.group(1) is not None and pm.group(1).lower() not in _BARE_OK_BEFORE:
            if not _CASUALTY_VERB.fullmatch(pm.group(1)):
                continue
            # "and injured civilians": the verb; "critically injured patients", "three wounded
            # insurgents", "transporting wounded members": an adjective
            bm = _PREV_WORD.search(text, max(start, pm.start(1) - 30), pm.start(1))
            bw = (bm.group(1) or "") if bm else ""
            if bw.lower() in _NOT_ADJ or bw.lower() in _PREPS or re.search(r"(?:ly|ing|ent|al|ous|ive|ful|ic|ble|ary)$", bw) \
                    or any(a < pm.start(1) and pm.start(1) - len(bw) - 2 < b for a, b in taken):
                continue
        # only where a casualty word is next to it: "civilians were injured", "injuring civilians"
        if not (_PLURAL_VERB_AFTER.match(text, e, end) or _PRE.search(text, max(start, k - 60), k)):
            continue
        out.append(_Item((k, e), text[k:e], 2, 2, None, "plural"))
    return out


_CASUALTY_VERB = re.compile(r"killed|injured|wounded|hurt|slain|murdered|executed", re.I)
_PREPS = frozenset("of to for with from on in at by into after before".split())
_COUNT_BEFORE = re.compile(
    r"(?:\d+|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|"
    r"forty|fifty|hundreds?|dozens?|number\s+of|several|many|multiple))"
    r"(?:\s+(?!(?:were|was|are|is|had|have|has|been|killed|injured|wounded|hurt|dead|died)\b)[\w'’().-]+){1,3}"
    r"\s*$", re.I)
_NEG_BEFORE = re.compile(r"\b(?:no|not|nor|neither|never|without|none)\b[^.;]*$", re.I)
# capitalised or adjective-like words that are no adjectives of a bare plural
_NOT_ADJ = frozenset("""no the a an these those their his her its our my your both all each every any several many few
one two three four five six seven eight nine ten only additional further more other some multiple""".split())
_PLURAL_VERB_AFTER = re.compile(
    rf"(?:\s+(?:{_AUX}))*(?:\s+[a-z]+ed\s+and)?\s+(?:{_KILL_T}|{_INJ_T})\b|\s*,?\s+who\s+(?:were|had|have|died)\b",
    re.I)
_WORD_CAS = re.compile(r"\b[A-Za-z][\w'’-]*(?:s|men|ren|people|police)\b")
_PREV_WORD = re.compile(r"([\w'’-]+)\s+$|[,;:(\"“]\s*$")


def _personal(text: str, pos: int, end: int) -> bool:
    """Whether the noun phrase after an article at ``pos`` is one person: its head (the last
    word before a preposition, a conjunction, a verb or punctuation, at most seven words on) is
    a singular noun for a person ("a 25-year-old man", "the local police chief"), not a thing
    ("the strike") or a plural ("the Jesuit priests")."""
    np = _PARENS.sub(" ", text[pos:min(end, pos + 80)])
    m = _NP_END.search(np)
    words = _WORD.findall(np[:m.start()] if m else np)[:8]
    head = None
    k = 0
    for k, w in enumerate(words[:7]):
        if w.lower() in _NP_STOP or _CASUALTY_WORD.fullmatch(w):
            break
        head = w
    else:
        k = len(words)
    if head is None:
        return False
    if is_person_noun(head):
        return True
    # "an Afghani injured": one capitalised word (a nationality or a name), then the verb
    return k == 1 and head[:1].isupper() and not head.isupper() and bool(_NATIONALITY.search(head))


#: vague phrases that give no figure to add to another ("an unknown number of assailants")
UNKNOWN_COUNT = frozenset({"an unknown number of", "an unspecified number of", "an undetermined number of",
                           "an undisclosed number of", "an unconfirmed number of", "an uncertain number of"})
_SPELLED = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}?(?:people|persons|civilians|victims|individuals|members|"
                      r"residents|villagers|relatives|siblings|others|casualties)\s*,\s*$", re.I)


def _chain(text: str, items: list[_Item], i: int, end: int, stop_at_verb: bool = False) -> int:
    """Index of the last item coordinated with items[i] ("two soldiers and a civilian")."""
    j = i
    last_and = i
    first = items[i]
    if first.article and not _personal(text, first.span[1], end) or first.qualifier == "plural":
        return i  # "after the raid and at least three villagers"; a bare plural adds no figure
    while j + 1 < len(items):
        nxt = items[j + 1]
        gap = text[items[j].span[1]:nxt.span[0]]
        if len(gap) > 60 or not _COORD_GAP.match(gap):
            break
        if nxt.article == "the" or (stop_at_verb and _POST_NEAR.match(text, nxt.span[1], end)):
            break
        if nxt.article and not _personal(text, nxt.span[1], end) or nxt.qualifier == "plural":
            break
        j += 1
        if _AND.search(gap):
            last_and = j
    # "two people, a man and a woman": the persons after the comma spell the count out
    if last_and > i and not first.article and first.best is not None \
            and _SPELLED.match(text[first.span[1]:items[i + 1].span[0]]) \
            and sum(o.best or 0 for o in items[i + 1:last_and + 1]) == first.best:
        return i
    # a list needs its closing "and": "two blasts, at least 20" is not one count
    return last_and

# Patterns searched over sentences or look-back windows: behind their first-character lookahead
# (events.led; the matches are the same).
(
    _PRE, _HYPO, _ZERO, _SERIOUS, _EITHER_OR, _IF, _OTHERS, _ARTICLE, _AND, _SING_AUX, _PLUR_AUX,
) = (
    led(rx)
    for rx in (
        _PRE, _HYPO, _ZERO, _SERIOUS, _EITHER_OR, _IF, _OTHERS, _ARTICLE, _AND, _SING_AUX, _PLUR_AUX,
    )
)
