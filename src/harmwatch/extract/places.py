"""Place mentions in a sentence, and the event location of an incident.

``find_places`` finds candidate toponyms cheaply: a word regex over one sentence, runs of capitalised
tokens (``al-``/``el-`` prefixed names included), and dict look-ups of their n-grams in the compiled
gazetteer (:mod:`harmwatch.extract.gazetteer`). Context patterns add place names the gazetteer lacks
("al-Zanjili neighbourhood", "the village of Yusof Kheyl") as ``neighbourhood`` mentions, and widen a
match to a ``direction`` mention ("western Mosul", "north of Baghdad", "near Kandahar"). Spurious
matches are dropped: common words at sentence start, names inside longer person/organisation names
("Georgia Smith", "Michael Jordan", "Baghdad Operations Command"), names after a title, nationality
adjectives (those feed :func:`find_country_hints` instead). All-caps text (MUC) is matched
case-insensitively with a stop-word filter and stricter acceptance.

``resolve_location`` picks the event place among an incident's mentions: the most specific mention
that resolves (neighbourhood > town > admin2 > admin1 > country), ambiguity broken by the document's
country hints, then by kind (what the text calls it) and population.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

from harmwatch.types import Location, PlaceMention, Span

from .gazetteer import GENERIC_WORDS, Gazetteer, Place, get_gazetteer, normalize

# --------------------------------------------------------------------------- word lists

#: function words and frequent news words (lower case) that GeoNames also has as place names; a
#: capitalised one is a place only in a place context ("in Reading", "Police, Poland")
COMMON_WORDS = frozenset("""
a about above across after again against all along also although among an and another any are
around as at away back be because been before being below between both but by can could did do
does down during each early either even ever every few for from further had has have he her here
him his how however i if in into is it its just last late later least less many may me meanwhile
more most much must my near neither never new next no nor not now of off on once one only or other
our out over own per same she should since so some still such than that the their them then there
these they this those though three through thus to today together too two under until up upon us
very was we well were what when where whether which while who whom whose why will with within
without would yet you your monday tuesday wednesday thursday friday saturday sunday january february
march april june july august september october november december police army security forces
force government minister president general officials official reports report source sources
witnesses people man men woman women children soldiers troops fighters gunmen militants rebels
state national islamic republic union liberty victory hope unity independence freedom justice
media news agency press mayor chief commander spokesman governor authorities ministry council
court judge officer officers attack attacks bomb bombs fire explosion blast clash clashes
killed dead wounded injured eight five four nine seven six ten twelve twenty hundred thousand
dozens several both first second third north south east west central northern southern eastern
western upper lower old great little big long high white black red green blue gold golden
jan feb mar apr jun jul aug sep sept oct nov dec
taliban hamas hezbollah hizbollah isis isil daesh qaeda shabaab boko haram houthi houthis fmln farc
christmas easter ramadan eid good best bad worse major minor saint mount lake river sea bay port
university hospital school church mosque market street road bridge square airport station
center centre park hall house home office building camp base city town village district province
sunni shia shiite christian muslim jewish arab kurdish according said says told added
""".split())

#: actor names that GeoNames also has as villages: never a place
NOT_PLACES = frozenset("taliban hamas hezbollah isis isil daesh qaeda shabaab boko houthi houthis fmln farc".split())

#: words after which a capitalised name is a person ("Gen. Yahya Rasul", "President Trump")
TITLES = frozenset("""
mr mrs ms miss dr prof sir lord lady gen general brig brigadier col colonel lt lieutenant maj major
capt captain sgt sergeant cpl corporal pvt adm admiral cmdr commander president minister premier
king queen prince princess sheikh shaikh imam mullah emir judge senator rep representative gov
governor mayor pope cardinal bishop father sister brother st saint chief spokesman spokeswoman
""".split())

#: words that may sit next to a place name in a capitalised run without making it a person/organisation
PLACE_WORDS = frozenset("""
province provinces governorate governorates district districts region regions state states county
counties department departments city town village municipality republic kingdom emirate oblast
north south east west northern southern eastern western central northeast northwest southeast
southwest north-east north-west south-east south-west upper lower greater old new
airport airfield airbase base bridge dam square street road highway market mosque hospital
university stadium station port harbour harbor camp valley river lake mountains mountain hills
border crossing gate checkpoint prison court neighbourhood neighborhood quarter area plaza
""".split())

#: keywords after a name: "<Name> neighbourhood" (name not needed in the gazetteer)
_LOCAL_KEYWORDS = ("neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods", "district",
                   "districts", "area", "camp", "quarter", "village", "town", "suburb")
#: keywords that say which admin level a following/preceding name is
ADMIN1_WORDS = frozenset({"province", "provinces", "governorate", "governorates", "department",
                          "departments", "state", "region", "oblast", "wilaya", "provincial"})
ADMIN2_WORDS = frozenset({"district", "districts", "county", "municipality", "sub-district"})
TOWN_WORDS = frozenset({"city", "town", "village"})
#: lower-case words allowed inside a multi-word name when the whole n-gram is in the gazetteer
CONNECTORS = frozenset({"de", "del", "la", "las", "los", "da", "do", "di", "of", "and", "the", "y",
                        "al", "el", "upon", "bin", "ibn", "e"})
_CAPS_ARTICLES = frozenset({"la", "el", "los", "las", "al", "san", "santa", "los"})
_ARTICLE_PREFIX = re.compile(r"(?i)^(?:al|el|ad|ar|as|an|at|az|ash|adh|ath|ul)[-‐‑‘’'ʿ]")

# --------------------------------------------------------------------------- regexes (compiled once)

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[^\W\d_]|['’‘ʿʾ`])*(?:[-‐‑][^\W\d_](?:[^\W\d_]|['’‘ʿʾ`])*)*")
_DIRECTION_BEFORE = re.compile(
    r"(?i)(?:\b(?:\d+(?:\.\d+)?\s*(?:km|kilometres|kilometers|miles|mi)\s+)?"
    r"(?:north|south|east|west|north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west)"
    r"(?:ern)?(?:\s+of)?|\bnear(?:by)?|\boutside(?:\s+of)?|\boutskirts\s+of|\bcentral|\bdowntown"
    r"|\bsuburbs?\s+of|\bcentre\s+of|\bcenter\s+of)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?$")
_DIRECTION_HEAD = re.compile(
    r"(?i)^(?:(?:\d+(?:\.\d+)?\s*(?:km|kilometres|kilometers|miles|mi)\s+)?"
    r"(?:north|south|east|west|north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west)(?:ern)?"
    r"(?:\s+of)?|near(?:by)?|outside(?:\s+of)?|outskirts\s+of|central|downtown|suburbs?\s+of|"
    r"centre\s+of|center\s+of)\s+(?:the\s+)?(?:city\s+of\s+|town\s+of\s+)?")
_PLACE_PREP_BEFORE = re.compile(r"(?i)\b(?:in|at|near|from|to|outside|across|into|of)\s+(?:the\s+)?$")
_OF_PATTERN_BEFORE = re.compile(
    r"(?i)\b(?:village|town|city|district|province|governorate|department|neighbou?rhood|area|region|"
    r"suburb|camp)\s+of\s+$")
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“'‘(\[]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[^\W\d_]+")


class _Tok:
    __slots__ = ("s", "e", "w", "low", "name", "conn", "acr")

    def __init__(self, s: int, e: int, w: str, caps: bool):
        if len(w) > 3 and w[-1] in "sS" and w[-2] in "'’":  # possessive: "Lebanon's"
            w, e = w[:-2], e - 2
        self.s, self.e, self.w = s, e, w
        self.low = w.lower()
        self.conn = self.low in CONNECTORS and (w.islower() or (caps and self.low not in _CAPS_ARTICLES))
        self.acr = False
        if caps:
            self.name = not self.conn and len(w) > 1 and (
                self.low not in COMMON_WORDS or self.low in PLACE_WORDS or self.low in _CAPS_ARTICLES)
        else:
            first = w[0]
            self.acr = w.isupper() and len(w) > 1
            self.name = first.isupper() or bool(_ARTICLE_PREFIX.match(w) and w[3:4].isupper()) or (
                bool(_ARTICLE_PREFIX.match(w)) and any(c.isupper() for c in w[2:5]))


@lru_cache(maxsize=16)
def _lower_words(text: str) -> frozenset[str]:
    """Words that occur in lower case somewhere in the document ("police" -> "Police" is a word)."""
    return frozenset(m.group() for m in _WORD.finditer(text) if m.group()[0].islower())


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 12:
        return False
    return sum(c.isupper() for c in letters) / len(letters) > 0.85


# --------------------------------------------------------------------------- find_places


def find_places(text: str, start: int = 0, end: int | None = None, *,
                gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Candidate toponyms in ``text[start:end]`` (one sentence), in text order, spans into ``text``."""
    return _scan(text, start, len(text) if end is None else end, gazetteer or get_gazetteer())[0]


def _scan(text: str, start: int, end: int, gz: Gazetteer) -> tuple[list[PlaceMention], list[str]]:
    """Mentions and country hints (ISO2 from nationality adjectives and country names) of one span."""
    sent = text[start:end]
    caps = _is_caps(sent)
    toks = [_Tok(m.start() + start, m.end() + start, m.group(), caps) for m in _TOKEN.finditer(sent)]
    hints: list[str] = []
    mentions: dict[Span, PlaceMention] = {}
    lower_doc = None if caps else _lower_words(text)
    n = len(toks)
    first_idx = next((i for i, t in enumerate(toks)), None)
    i = 0
    while i < n:
        t = toks[i]
        if not t.name:
            i += 1
            continue
        # the run: name tokens joined by single spaces (connectors allowed when followed by a name)
        j = i
        while j + 1 < n and _joins(text[toks[j].e:toks[j + 1].s]) and (
                toks[j + 1].name or (toks[j + 1].conn and j + 2 < n and toks[j + 2].name
                                     and _joins(text[toks[j + 1].e:toks[j + 2].s]))):
            j += 1
        run = toks[i:j + 1]
        _match_run(text, start, run, toks, i, first_idx, caps, gz, lower_doc, mentions, hints)
        i = j + 1
    _local_patterns(text, toks, caps, gz, mentions)
    return sorted(mentions.values(), key=lambda m: m.span), hints


def _joins(gap: str) -> bool:
    """Tokens separated by one space (or a line break in wrapped MUC text) belong to one name."""
    return gap in (" ", "\n", " \n", "\n ")


def _match_run(text, s0, run, toks, run_i, first_idx, caps, gz, lower_doc, mentions, hints) -> None:
    k = 0
    matches: list[tuple[int, int]] = []  # (a, b) token indices into run, inclusive
    while k < len(run):
        if run[k].conn or (run[k].acr and not caps):
            if run[k].acr and not caps:
                cc = gz.country_code_for(run[k].w)
                if cc:
                    hints.append(cc)
            k += 1
            continue
        hit = -1
        for b in range(min(len(run) - 1, k + 5), k - 1, -1):
            if run[b].conn:
                continue
            if _ngram_matches(gz, run, k, b, text):
                hit = b
                break
        if hit < 0:
            nat = gz.nationality(run[k].w) or gz.nationality(run[k].w.rstrip("s"))
            if nat:
                hints.append(nat)
            k += 1
            continue
        matches.append((k, hit))
        k = hit + 1
    if not matches:
        return
    if len(matches) > 1 and not caps and any(
            m2[0] == m1[1] + 1 for m1, m2 in zip(matches, matches[1:])):
        return  # "Michael Jordan", "Georgia Smith": adjacent names without a comma are a person
    covered = {x for a, b in matches for x in range(a, b + 1)}
    residue = [run[x].low for x in range(len(run))
               if x not in covered and not run[x].conn and run[x].low not in COMMON_WORDS]
    person_like = any(r not in PLACE_WORDS for r in residue)
    for a, b in matches:
        ta, tb = run[a], run[b]
        name = text[ta.s:tb.e]
        multi = b > a
        before = text[max(s0, ta.s - 40):ta.s]
        after = text[tb.e:tb.e + 25].lower()
        nat = gz.nationality(name)
        ccode = gz.country_code_for(name)
        if nat and not ccode:  # "Iraqi" is a hint, never a place
            hints.append(nat)
            continue
        place_ctx = bool(_PLACE_PREP_BEFORE.search(before) or _DIRECTION_BEFORE.search(before)
                         or _OF_PATTERN_BEFORE.search(before))
        typed_after = after.split(" ", 2)[1] if after.startswith(" ") and len(after.split(" ", 2)) > 1 else ""
        place_ctx = place_ctx or typed_after.strip(",.;") in (ADMIN1_WORDS | ADMIN2_WORDS | TOWN_WORDS)
        prev_tok = toks[run_i - 1] if run_i > 0 else None
        if caps:
            # no lexicon to tell "FRONT" from a town: a single upper-case word needs a place context
            # (a preposition right before it, "DEPARTMENT OF X", "X DEPARTMENT") or the dateline slot
            strict_ctx = bool(re.search(r"(?i)\b(?:in|at|near|from|of|outside|to)\s+$", before)
                              or _OF_PATTERN_BEFORE.search(before) or _DIRECTION_BEFORE.search(before)
                              or typed_after.strip(",.;") in (ADMIN1_WORDS | ADMIN2_WORDS | TOWN_WORDS))
            dateline = run_i == first_idx and text[tb.e:tb.e + 1] == ","
            if not multi and not ccode and not (strict_ctx or dateline):
                continue
            if not multi and not ccode and not any(p.population >= 1000 or p.kind != "city"
                                                   for p in gz.lookup(name, fuzzy=False)):
                continue
        else:
            low = ta.low
            if not multi and low in COMMON_WORDS and not place_ctx:
                continue
            if not multi and (low in NOT_PLACES or (low in TITLES and text[tb.e:tb.e + 1] == ".")):
                continue  # "Taliban", "Brig. Gen."
            at_start = run_i + a == first_idx or text[max(s0, ta.s - 2):ta.s].strip() in ('"', "“", "'", "(")
            if not multi and at_start and lower_doc is not None and low in lower_doc and not place_ctx:
                continue
            if not ccode and person_like and not place_ctx and not multi:
                continue  # "Georgia Smith", "Michael Jordan", "Baghdad Operations Command"
            if prev_tok is not None and a == 0 and prev_tok.low.rstrip(".") in TITLES and not ccode:
                continue  # "Gen. Yahya", "President Kennedy"
            if a == 0 and prev_tok is not None and prev_tok.s < ta.s and re.search(
                    r"\b[A-Z][a-z]+\s+of\s+(?:the\s+)?$", before) and _org_before(before):
                if ccode:
                    hints.append(ccode)
                continue  # "Islamic State of Iraq"
        if ccode:
            hints.append(ccode)
        dm = _DIRECTION_BEFORE.search(before)
        if dm:
            ds = ta.s - (len(before) - dm.start())
            span = (ds, tb.e)
            mentions[span] = PlaceMention(span=span, text=text[ds:tb.e], kind="direction")
        else:
            mentions[(ta.s, tb.e)] = PlaceMention(span=(ta.s, tb.e), text=name, kind="toponym")


def _ngram_matches(gz: Gazetteer, run: list[_Tok], a: int, b: int, text: str) -> bool:
    """Is ``run[a..b]`` a gazetteer name? Multi-word: the exact key, or the article key when the
    n-gram neither starts nor ends with a generic word ("State of Iraq" must not match "Iraq"); an
    n-gram of common/place words only ("Old City") never matches."""
    name = text[run[a].s:run[b].e]
    if a == b:
        if run[a].low in PLACE_WORDS or run[a].low in NOT_PLACES:
            return False
        if run[a].low in COMMON_WORDS and not run[a].w.isupper():
            return False  # "In", "The", "May": a common word, not a town (see module docstring)
        return gz.contains(name)
    if all(t.low in COMMON_WORDS or t.low in PLACE_WORDS or t.conn for t in run[a:b + 1]):
        return False
    rows, tier = gz.rows(name, fuzzy=False)
    if not rows:
        return False
    if tier == "exact":
        return True
    return run[a].low not in PLACE_WORDS and run[b].low not in PLACE_WORDS and \
        run[a].low not in GENERIC_WORDS and run[b].low not in GENERIC_WORDS


_ORG_WORDS = frozenset("""state army front party movement council command ministry organization
organisation brigade brigades police agency forces force committee union university bank company
group league coalition alliance office embassy""".split())


def _org_before(before: str) -> bool:
    m = re.search(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s+of\s+(?:the\s+)?$", before)
    return bool(m) and any(w.lower() in _ORG_WORDS for w in m.group(1).split())


def _local_patterns(text: str, toks: list[_Tok], caps: bool, gz: Gazetteer,
                    mentions: dict[Span, PlaceMention]) -> None:
    """"al-Zanjili neighbourhood", "al-Shefaa and al-Seha neighbourhoods", "the village of X"."""
    taken = [m.span for m in mentions.values()]

    def free(s: int, e: int) -> bool:
        return not any(s < b and a < e for a, b in taken)

    def add(names: list[tuple[int, int]]) -> None:
        for s, e in names:
            if free(s, e):
                name = text[s:e]
                if gz.nationality(name):
                    continue
                mentions[(s, e)] = PlaceMention(span=(s, e), text=name, kind="neighbourhood")
                taken.append((s, e))

    n = len(toks)
    for idx, t in enumerate(toks):
        low = t.low
        if low in _LOCAL_KEYWORDS and idx > 0:
            # names before the keyword, back over "and" / ","
            names = []
            k = idx - 1
            while k >= 0:
                e_tok = toks[k]
                if not e_tok.name or text[e_tok.e:toks[k + 1].s].strip() not in ("", ","):
                    break
                if caps and e_tok.low in PLACE_WORDS:
                    break
                b = k
                while b - 1 >= 0 and toks[b - 1].name and text[toks[b - 1].e:toks[b].s] == " " \
                        and toks[b - 1].low not in TITLES:
                    b -= 1
                if not caps and toks[b].w.isupper():
                    break
                while b < k and toks[b].low in COMMON_WORDS:  # "In Nahr-e Saraj district"
                    b += 1
                if toks[b].low in COMMON_WORDS:
                    break
                names.append((toks[b].s, e_tok.e))
                k = b - 1
                if k >= 0 and toks[k].low in ("and", "or") and text[toks[k].e:toks[k + 1].s] == " ":
                    k -= 1
                    continue
                if k >= 0 and text[toks[k].e:toks[k + 1].s].strip() == ",":
                    continue
                break
            if names and low not in ("district", "districts", "area", "town", "village") or (
                    names and all(not gz.contains(text[s:e]) for s, e in names)):
                add(names)
        elif low == "of" and 0 < idx < n - 1 and toks[idx - 1].low in ("village", "town", "neighbourhood",
                                                                         "neighborhood", "area", "camp"):
            b = idx + 1
            if not toks[b].name:
                continue
            e = b
            while e + 1 < n and toks[e + 1].name and text[toks[e].e:toks[e + 1].s] == " ":
                e += 1
            add([(toks[b].s, toks[e].e)])


# --------------------------------------------------------------------------- country hints


def find_country_hints(text: str, *, gazetteer: Gazetteer | None = None) -> Counter[str]:
    """ISO2 counts from country names, nationality adjectives and unambiguous city names in ``text``."""
    gz = gazetteer or get_gazetteer()
    out: Counter[str] = Counter()
    pos = 0
    for m in list(_SENT_SPLIT.finditer(text)) + [None]:
        e = m.start() if m else len(text)
        if e > pos:
            mentions, hints = _scan(text, pos, e, gz)
            out.update(hints)
            for pm in mentions:
                if pm.kind == "neighbourhood" or gz.country_code_for(pm.text):
                    continue
                cc = _unambiguous_country(gz, place_name(pm))
                if cc:
                    out[cc] += 1
        pos = m.end() if m else len(text)
    return out


def _unambiguous_country(gz: Gazetteer, name: str) -> str | None:
    places = gz.lookup(name, fuzzy=False)
    if not places:
        return None
    ccs = {p.country_code for p in places}
    if len(ccs) == 1:
        return places[0].country_code
    top = places[0]
    second = next((p.population for p in places if p.country_code != top.country_code), 0)
    if top.population >= 100_000 and top.population >= 20 * max(second, 1):
        return top.country_code
    return None


# --------------------------------------------------------------------------- resolve_location

#: a neighbourhood takes the coordinates of a town mentioned within this many characters
NEAR_CHARS = 400
_PRECISION = {"city": "town", "admin2": "admin2", "admin1": "admin1", "country": "country"}
_SPECIFICITY = {"neighbourhood": 5, "town": 4, "admin2": 3, "admin1": 2, "country": 1}


def place_name(pm: PlaceMention) -> str:
    """The place part of a mention ("western Mosul" -> "Mosul")."""
    if pm.kind == "direction":
        return _DIRECTION_HEAD.sub("", pm.text, count=1)
    return pm.text


_COORD_LEVEL = re.compile(r"(?:and|or|,)\s+(?:al-|el-)?[a-z'‘’-]+(?:\s+[a-z'‘’-]+)?\s+"
                          r"(provinces|departments|districts|governorates)\b")


def _level_word(text: str, pm: PlaceMention) -> str | None:
    """"admin1" / "admin2" / "city" when the text calls the place so ("Helmand province")."""
    after = text[pm.span[1]:pm.span[1] + 40].lower().lstrip()
    before = text[max(0, pm.span[0] - 20):pm.span[0]].lower()
    w = after.split(" ", 1)[0].strip(",.;:)") if after else ""
    m = _COORD_LEVEL.match(after)  # "Usulutan and Morazan departments"
    if m:
        w = m.group(1)
    if w in ADMIN1_WORDS or re.search(r"(?:province|governorate|department|state|region) of\s+$", before):
        return "admin1"
    if w in ADMIN2_WORDS or re.search(r"(?:district|county) of\s+$", before):
        return "admin2"
    if w in TOWN_WORDS or re.search(r"(?:city|town|village) of\s+$", before):
        return "city"
    return None


_KIND_ORDER = {
    None: ("city", "admin2", "admin1", "country"),
    "city": ("city", "admin2", "admin1", "country"),
    "admin2": ("admin2", "city", "admin1", "country"),
    "admin1": ("admin1", "admin2", "city", "country"),
}


def _choose(places: list[Place], hints: Counter[str], level: str | None) -> Place | None:
    """Best candidate: the country with most hints (then largest place), then the kind the text
    names, then population."""
    if not places:
        return None
    by_cc: dict[str, list[Place]] = {}
    for p in places:
        by_cc.setdefault(p.country_code, []).append(p)
    cc = max(by_cc, key=lambda c: (hints.get(c, 0), max(p.population for p in by_cc[c])))
    order = _KIND_ORDER[level]
    group = by_cc[cc]
    # countries are their own thing: "Georgia" the country vs the US state is decided by cc above
    return min(group, key=lambda p: (order.index(p.kind), -p.population))


def _resolve_one(text: str, pm: PlaceMention, gz: Gazetteer, hints: Counter[str]) -> Place | None:
    name = place_name(pm)
    places = gz.lookup(name, fuzzy=pm.kind != "toponym" or len(name) >= 6)
    return _choose(places, hints, _level_word(text, pm))


def resolve_location(text: str, mentions: Iterable[PlaceMention], *,
                     country_hints: Counter[str] | None = None,
                     gazetteer: Gazetteer | None = None) -> Location:
    """The event place of an incident from its place mentions (see module docstring)."""
    gz = gazetteer or get_gazetteer()
    mentions = list(mentions)
    if not mentions:
        return Location(name=None, reason="no place mentioned")
    hints = Counter(country_hints) if country_hints is not None else find_country_hints(text, gazetteer=gz)
    resolved: list[tuple[PlaceMention, Place]] = []
    neighbourhoods: list[PlaceMention] = []
    for pm in mentions:
        if pm.kind == "neighbourhood":
            neighbourhoods.append(pm)
            continue
        p = _resolve_one(text, pm, gz, hints)
        if p is not None:
            resolved.append((pm, p))
    # hints from the places themselves help the next pass little; the document hints decide
    freq = Counter(normalize(pm.text) for pm in mentions)
    candidates: list[tuple[tuple, Location]] = []
    towns = [(pm, p) for pm, p in resolved if p.kind == "city"]
    top = max(hints.values(), default=0)

    def agree(p: Place) -> bool:  # in a country the document points to (or no hints at all)
        return top == 0 or hints.get(p.country_code, 0) > 0
    for pm in neighbourhoods:
        near = [(cpm, c) for cpm, c in towns if agree(c) and abs(cpm.span[0] - pm.span[0]) <= NEAR_CHARS]
        if not near:
            continue
        cpm, city = min(near, key=lambda x: abs(x[0].span[0] - pm.span[0]))
        loc = _location(city, pm.text, "neighbourhood", (pm.span, cpm.span), gz)
        candidates.append(((agree(city), 5, freq[normalize(pm.text)], -pm.span[0]), loc))
    for pm, p in resolved:
        prec = _PRECISION[p.kind]
        loc = _location(p, place_name(pm) if p.kind != "country" else p.name, prec, (pm.span,), gz)
        candidates.append(((agree(p), _SPECIFICITY[prec], freq[normalize(pm.text)], -pm.span[0]), loc))
    if candidates:
        return max(candidates, key=lambda c: c[0])[1]
    best = next((pm for pm in mentions if pm.kind == "neighbourhood"), mentions[0])
    return Location(name=place_name(best), evidence=(best.span,), reason="not in gazetteer")


def _location(p: Place, name: str, precision: str, evidence: tuple[Span, ...], gz: Gazetteer) -> Location:
    lat, lon, reason = p.lat, p.lon, None
    if lat is None and p.admin1_code:  # admin2 without a point: its admin1's point, said so
        a1 = gz.admin1(p.admin1_code)
        if a1 is not None and a1.lat is not None:
            lat, lon, reason = a1.lat, a1.lon, "coordinates of the admin1 unit (no point for this admin2)"
    if p.kind == "country":
        admin1 = admin2 = None
    else:
        admin1 = p.admin1
        admin2 = p.admin2 if p.kind == "admin2" else None
    return Location(name=name, country_code=p.country_code, admin1=admin1, admin2=admin2, lat=lat, lon=lon,
                    precision=precision, geonames_id=p.geonameid, evidence=evidence, reason=reason)
