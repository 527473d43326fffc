"""Place mentions in a sentence, and the event location of an incident.

``find_places`` finds candidate toponyms cheaply: a word regex over one sentence, runs of capitalised
tokens (``al-``/``el-`` prefixed names included), and dict look-ups of their n-grams in the compiled
gazetteer (:mod:`harmwatch.extract.places.gazetteer`). Context patterns add place names the gazetteer lacks
("al-Zanjili neighbourhood", "the village of Yusof Kheyl") as ``neighbourhood`` mentions, and widen a
match to a ``direction`` mention ("western Mosul", "north of Baghdad", "near Kandahar"). Spurious
matches are dropped: common words at sentence start, names inside longer person/organisation names
("Georgia Smith", "Michael Jordan", "Baghdad Operations Command"), names after a title, nationality
adjectives (those feed :func:`find_country_hints` instead). All-caps text (MUC) is matched
case-insensitively with a stop-word filter and stricter acceptance.

``resolve_location`` (in :mod:`harmwatch.extract.places.geocode`) picks the event place
among an incident's mentions.

Speed: :func:`scan_document` returns a :class:`DocumentPlaces` that computes the document-level signals
once (country hints from a single token pass over cheap names — countries, nationality adjectives,
admin1 names, unambiguous big cities — person names, lower-case vocabulary) and memoises the mentions
of each sentence, so ``find_country_hints`` no longer runs the full scanner over every sentence. The
module functions use a small per-process cache of recent documents, so callers that pass the same
text object get the same scan.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from harmwatch.extract.lexicon import PERSON_NOUNS, is_caps
from harmwatch.types import PlaceMention, Span

from .gazetteer import Gazetteer, get_gazetteer
from .index import ARTICLES, GENERIC_WORDS, INSTITUTION_HEADS, NAME_GO_ON, PERSON_APPOSITION, STREET_HEADS, normalize
from .uslines import UsDateline, county_state, state_hint, us_dateline, us_places

_ENGLISH_WORDS = Path(__file__).resolve().parents[2] / "data" / "lexicon" / "english_words.txt.gz"

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
_WORD = re.compile(r"[^\W\d_]+")



#: heads of organisation/outlet names: "Quds Force", "Abu Dhabi TV", "Thames Valley Police", "The Times"
ORG_HEADS = frozenset("""
force forces police army armies corps brigade brigades battalion regiment militia militias guard guards
party front movement group network organisation organization agency archive council committee command
ministry company bank airlines airways times post news herald tribune journal gazette daily radio tv
television channel media press mobilization mobilisation foundation institute club fc united cartel
""".split())
#: single tokens that are never a place on their own (articles that start Spanish/Arabic names)
_NEVER_ALONE = frozenset({"la", "el", "los", "las", "al", "san", "santa", "santo", "sao", "de", "del",
                          "da", "do", "the", "le", "les"})
_SPEECH_AFTER = re.compile(r"^\s+(?:said|says|told|added|claimed|stated|wrote|tweeted|explained|denied|"
                           r"confirmed|announced|argued|insisted|reportedly)\b")
_PARTICLE_AFTER = re.compile(r"^\s+(?:bin|ibn|bint|ben)\s+[A-Z]")
_INITIAL_AFTER = re.compile(r"^\s+[A-Z]\.\s+[A-Z]")
_INITIAL_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+(?:[A-Z]\.\s+)+$")
_LOCATIVE_BEFORE = re.compile(r"(?i)\b(?:in|at|near|outside|inside|into|across|throughout)\s+(?:the\s+)?$")
_CAPS_PREP_BEFORE = re.compile(r"(?i)\b(?:in|at|near|from|outside|to)\s+$")
_QUALIFIER_AFTER = re.compile(r"^,\s*((?:[A-Z][\w'’.-]*)(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,2})")
# document-level person cues (mixed-case text)
_TITLE_WORDS = (r"President|Senator|Minister|Governor|Mayor|General|Colonel|Captain|Sergeant|Chief|"
                r"Superintendent|Commander|Ambassador|Judge|Sheikh|King|Queen|Prince|Imam|Officer|Inspector|"
                r"Detective|Secretary|Spokesman|Spokeswoman|Director|Lieutenant|Father|Pope|Mr|Mrs|Ms|Dr|"
                r"Gen|Sen|Rep|Gov|Col|Lt|Capt|Sgt|Maj|Brig|Adm|Prof|Rev|Sir|Lord|Lady|Mullah|Maulvi")
_NAME = r"[A-Z][a-z][\w'’-]*"
_TITLE_NAME = re.compile(rf"\b(?:{_TITLE_WORDS})\.?\s+((?:{_NAME}\s+){{0,3}}{_NAME})")
_INITIAL_NAME = re.compile(rf"\b({_NAME})\s+(?:[A-Z]\.\s+)+({_NAME})")
_PARTICLE_NAME = re.compile(rf"\b({_NAME})\s+(?:bin|ibn|bint)\s+[A-Z]")
_NAME_RUN = re.compile(rf"\b{_NAME}(?:\s+{_NAME}){{1,2}}\b")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words (WordNet 3.0 nouns, verbs, adjectives, adverbs), read from
    ``data/lexicon/english_words.txt.gz`` (built by tools/build_english_words.py from the lemmatizer
    tables of the spaCy model package; ~40 ms).

    WordNet also lists famous places and people ("baghdad", "kennedy"), so membership alone never
    rejects a place: a word in this set must additionally resolve only to minor places (see
    :meth:`DocumentPlaces.places`)."""
    with gzip.open(_ENGLISH_WORDS, "rt", encoding="utf-8") as f:
        return frozenset(f.read().split())


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


_LOWER = re.compile(r"[a-z]")
#: capitalised tokens ("Kabul", "U.S.", "al-Anbar", "KABUL") for the country-hint pass
_CAP_TOKEN = re.compile(r"(?<![\w'’-])(?:(?:[A-Z]\.){2,}|(?:[Aa]l-|[Ee]l-)?[^\W\d_a-z][^\W_]*(?:['’][^\W\d_]+)*"
                        r"(?:-[^\W\d_]+)*)")


# --------------------------------------------------------------------------- the per-document scan


class DocumentPlaces:
    """Place work of one document, done once: country hints, person names, lower-case vocabulary,
    and memoised sentence mentions and look-ups. Pure function of ``text`` (memos only cache
    deterministic results), so it is safe to share between callers of the same text."""

    def __init__(self, text: str, gazetteer: Gazetteer | None = None):
        self.text = text
        self.gz = gazetteer or get_gazetteer()
        self.caps = is_caps(text[:2000])
        self._lower: frozenset[str] | None = None
        self._persons: frozenset[str] | None = None
        self._hints: Counter[str] | None = None
        #: ISO2 -> spans of the words that counted as its hints (the evidence of an inferred country)
        self.hint_spans: dict[str, list[Span]] = {}
        self._mentions: dict[tuple[int, int], list[PlaceMention]] = {}
        self._major: dict[str, bool] = {}
        self._us: tuple[UsDateline | None, str | None] | None = None

    # -- document-level signals
    @property
    def lower_words(self) -> frozenset[str]:
        """Words that occur in lower case somewhere in the document ("police" -> "Police" is a word)."""
        if self._lower is None:
            self._lower = frozenset(m.group() for m in _WORD.finditer(self.text) if m.group()[0].islower())
        return self._lower

    @property
    def hints(self) -> Counter[str]:
        """ISO2 -> number of mentions of names that point to one country (see :meth:`_count_hints`)."""
        if self._hints is None:
            self._hints = self._count_hints()
            line = None if self.caps else us_dateline(self.text)
            if line is not None and (line.admin1 or line.us_station):
                self._hints["US"] += 3  # "ALIQUIPPA, Pa. --": the report is filed from a US state
            elif us_usage(self.text) >= 2:
                self._hints["US"] += 2  # "the 5100 block of", "sheriff's deputies", "4:50 PM EDT"
                self.hint_spans.setdefault("US", []).extend(us_usage_spans(self.text))
        return self._hints

    @property
    def us_line(self) -> UsDateline | None:
        """The US place line at the head of the report ("ALIQUIPPA, Pa. --"), see :mod:`.uslines`."""
        return self._us_signals()[0]

    @property
    def state_hint(self) -> str | None:
        """The US admin1 code the report points to (its dateline's state, else the state it names
        most), or None; only in a report whose country hints lead with the US or that has a US dateline."""
        return self._us_signals()[1]

    def _us_signals(self) -> tuple[UsDateline | None, str | None]:
        if self._us is None:
            line = None if self.caps else us_dateline(self.text)
            hint = None
            if not self.caps:
                hints = self.hints
                if (line is not None and (line.admin1 or line.us_station)) or (
                        hints and hints.get("US", 0) == max(hints.values())):
                    hint = state_hint(self.text) or county_state(self.text, self.gz)
            self._us = (line, hint)
        return self._us

    @property
    def persons(self) -> frozenset[str]:
        """Lower-case name tokens the document uses for people: names after a title ("Senator
        Kennedy", "Chief Superintendent Graciano Mijares"), around an initial ("Richard J. Donovan",
        "Robert F. Kennedy"), before bin/ibn ("Hamza bin Laden"), and the surname of a two- or
        three-word capitalised run that is neither a gazetteer name nor built from place/organisation
        words ("Kyle Rittenhouse")."""
        if self._persons is None:
            self._persons = frozenset() if self.caps else self._find_persons()
        return self._persons

    def _find_persons(self) -> frozenset[str]:
        text, out = self.text, set()
        for m in _TITLE_NAME.finditer(text):
            out.update(w.lower() for w in m.group(1).split() if w.lower() not in TITLES)
        for m in _INITIAL_NAME.finditer(text):
            out.add(m.group(1).lower())
            out.add(m.group(2).lower())
        for m in _PARTICLE_NAME.finditer(text):
            out.add(m.group(1).lower())
        skip = COMMON_WORDS | PLACE_WORDS | ORG_HEADS | TITLES
        for m in _NAME_RUN.finditer(text):
            words = m.group().split()
            lows = [w.lower().rstrip("’'s") if w.endswith(("'s", "’s")) else w.lower() for w in words]
            if any(w in skip or w in _NEVER_ALONE or "-" in w for w in lows):
                continue
            if self.gz.contains(m.group()) or self.gz.contains(" ".join(words[-2:])):
                continue
            if self.is_major_name(words[-1]):
                continue
            out.add(lows[-1])
        return frozenset(out)

    def is_major_name(self, name: str) -> bool:
        """Does ``name`` name a country, admin1 unit, capital or city of >= 100k people?"""
        hit = self._major.get(name)
        if hit is None:
            hit = any(self.gz.is_major(p) for p in self.gz.lookup(name, fuzzy=False))
            self._major[name] = hit
        return hit

    def is_major_main_name(self, name: str) -> bool:
        """As :meth:`is_major_name`, but only a place whose own name is ``name`` (not an alternate
        spelling: "Leia" is one of Layyah's)."""
        key = normalize(name)
        return any(self.gz.is_major(p) and normalize(p.name) == key for p in self.gz.lookup(name, fuzzy=False))

    def _count_hints(self) -> Counter[str]:
        """One token pass: every country name, nationality adjective ("Iraqi", "Iraqis"), admin1
        name and unambiguous big city (:meth:`Gazetteer.hint_table`) counts one mention. Lower-case
        words, and in upper-case text single English words, never count ("nice", "GUINEA PIGS" aside)."""
        gz, text, caps = self.gz, self.text, self.caps
        table = gz.hint_table()
        firsts = _hint_first_words(gz)
        lexicon = english_words()
        lower = None if caps else self.lower_words
        toks = [(m.start(), m.end(), m.group()) for m in _CAP_TOKEN.finditer(text)]
        out: Counter[str] = Counter()
        i, n = 0, len(toks)
        while i < n:
            s, e, w = toks[i]
            k1 = normalize(w)
            if k1 not in firsts and not (k1[-1:] == "s" and k1[:-1] in table):
                i += 1
                continue
            hit = None
            j = i  # following capitalised tokens joined by single spaces: longest name first
            while j + 1 < n and j < i + 3 and _joins(text[toks[j][1]:toks[j + 1][0]]):
                j += 1
            while j > i:
                cc = table.get(normalize(text[s:toks[j][1]]))
                if cc:
                    hit = (cc, j)
                    break
                j -= 1
            if hit is None:
                cc = table.get(k1) or (table.get(k1[:-1]) if k1[-1:] == "s" and len(k1) > 4 else None)
                if cc is None:
                    i += 1
                    continue
                strong = k1 in gz.country_names or k1 in gz.nationalities or \
                    (k1[-1:] == "s" and k1[:-1] in gz.nationalities)
                if not strong:
                    low = w.lower()
                    if (caps and low in lexicon) or (lower is not None and low in lower):
                        i += 1
                        continue
                elif caps and w == "US":
                    i += 1
                    continue
                hit = (cc, i)
            out[hit[0]] += 1
            self.hint_spans.setdefault(hit[0], []).append((s, toks[hit[1]][1]))
            i = hit[1] + 1
        return out

    # -- sentence mentions
    def places(self, start: int = 0, end: int | None = None) -> list[PlaceMention]:
        """Candidate toponyms in ``text[start:end]`` (one sentence), memoised per span."""
        end = len(self.text) if end is None else end
        key = (start, end)
        got = self._mentions.get(key)
        if got is None:
            got = _scan(self, start, end)
            if not self.caps:
                got = us_places(self.text, self.gz, self.us_line, start, end, got)
            self._mentions[key] = got
        return list(got)


@lru_cache(maxsize=4)
def _hint_first_words(gz: Gazetteer) -> frozenset[str]:
    return frozenset(k.split(" ", 1)[0] for k in gz.hint_table())


@lru_cache(maxsize=8)
def _cached_document(text: str) -> DocumentPlaces:
    return DocumentPlaces(text)


def scan_document(text: str, *, gazetteer: Gazetteer | None = None) -> DocumentPlaces:
    """The :class:`DocumentPlaces` of ``text``. With the default gazetteer the object is cached for
    the last few documents, so ``find_country_hints`` / ``find_places`` / ``resolve_location`` on the
    same text share one scan; hold on to the returned object to be independent of that cache."""
    if gazetteer is None:
        return _cached_document(text)
    return DocumentPlaces(text, gazetteer)


# --------------------------------------------------------------------------- find_places


def find_places(text: str, start: int = 0, end: int | None = None, *,
                gazetteer: Gazetteer | None = None) -> list[PlaceMention]:
    """Candidate toponyms in ``text[start:end]`` (one sentence), in text order, spans into ``text``."""
    return scan_document(text, gazetteer=gazetteer).places(start, end)


def _scan(doc: DocumentPlaces, start: int, end: int) -> list[PlaceMention]:
    """Mentions of one span (see :func:`find_places`)."""
    text, gz = doc.text, doc.gz
    sent = text[start:end]
    caps = is_caps(sent)
    toks = [_Tok(m.start() + start, m.end() + start, m.group(), caps) for m in _TOKEN.finditer(sent)]
    mentions: dict[Span, PlaceMention] = {}
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not t.name:
            i += 1
            continue
        # the run: name tokens joined by single spaces (connectors allowed when followed by a name)
        j = i
        while j + 1 < n and _joins_run(text[toks[j].e:toks[j + 1].s], text, toks[j], toks[j + 1], gz):
            if toks[j + 1].name:
                j += 1
                continue
            c = j + 1  # one or two connectors then a name: "Rio de Janeiro", "Leon de los Aldama"
            while c < n and c <= j + 2 and toks[c].conn and c + 1 < n and _joins(text[toks[c].e:toks[c + 1].s]):
                c += 1
            if c == j + 1 or c >= n or not toks[c].name:
                break
            j = c
        before_n = len(mentions)
        _match_run(doc, start, toks[i:j + 1], toks, i, caps, mentions)
        if len(mentions) == before_n and not caps:
            _chain_head(doc, start, toks, i, j, mentions)
        i = j + 1
    _local_patterns(text, toks, caps, gz, mentions)
    return sorted(mentions.values(), key=lambda m: m.span)


def _chain_head(doc: DocumentPlaces, s0: int, toks: list[_Tok], i: int, j: int,
                mentions: dict[Span, PlaceMention]) -> None:
    """A name the gazetteer lacks (or spells differently) that the text places itself: "in Shoqra,
    Abyan, Yemen", "on the outskirts of Chaghcharan, Ghor". Needs a locative word before it and, right
    after it, the name of an admin unit or country; the mention is resolved inside that unit."""
    text, gz = doc.text, doc.gz
    while i <= j and (toks[i].low in COMMON_WORDS or toks[i].conn) and toks[i].low not in _CAPS_ARTICLES:
        i += 1
    if i > j or j - i > 3:
        return
    ta, tb = toks[i], toks[j]
    if any(t.low in ORG_HEADS or t.low in TITLES or t.low in NOT_PLACES for t in toks[i:j + 1]):
        return
    before = text[max(s0, ta.s - 40):ta.s]
    if not (_PLACE_PREP_BEFORE.search(before) or _OF_PATTERN_BEFORE.search(before)
            or _DIRECTION_BEFORE.search(before)):
        return
    elems = chain_after(text, tb.e, limit=1)
    if not elems:
        return
    if not _is_unit(gz, text[elems[0][0]:elems[0][1]]):
        return
    name = text[ta.s:tb.e]
    if gz.nationality(name) or len(name) < 3:
        return
    mentions[(ta.s, tb.e)] = PlaceMention(span=(ta.s, tb.e), text=name, kind="toponym")


def _joins(gap: str) -> bool:
    """Tokens separated by one space (or a line break in wrapped MUC text) belong to one name."""
    return gap in (" ", "\n", " \n", "\n ")


def _joins_run(gap: str, text: str, a: _Tok, b: _Tok, gz: Gazetteer) -> bool:
    """As :func:`_joins`, and across a possessive when the whole is a place ("Lee's Summit", "Cox's
    Bazar"; not "Beirut's Hamra")."""
    if gap in (" ", "\n", " \n", "\n "):
        return True
    return gap in ("'s ", "’s ") and gz.contains(text[a.s:b.e])


_TYPED = ADMIN1_WORDS | ADMIN2_WORDS | TOWN_WORDS
_NEXT_WORD = re.compile(r"^[ \n]+([^\W\d_]+(?:-[^\W\d_]+)?)")


def _match_run(doc: DocumentPlaces, s0: int, run: list[_Tok], toks: list[_Tok], run_i: int, caps: bool,
               mentions: dict[Span, PlaceMention]) -> None:
    text, gz = doc.text, doc.gz
    k = 0
    matches: list[tuple[int, int]] = []  # (a, b) token indices into run, inclusive
    while k < len(run):
        if run[k].conn or (run[k].acr and not caps):
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
    lexicon = english_words()
    for a, b in matches:
        ta, tb = run[a], run[b]
        name = text[ta.s:tb.e]
        multi = b > a
        before = text[max(s0, ta.s - 40):ta.s]
        after = text[tb.e:tb.e + 25]
        nat = gz.nationality(name)
        ccode = gz.country_code_for(name)
        if nat and not ccode:  # "Iraqi" is a hint, never a place
            continue
        if not multi and ta.low in _NEVER_ALONE:
            continue  # "LA" of "LA ESPERANZA", a lone "San"
        if any(run[x].low in ORG_HEADS for x in range(b + 1, len(run))) and not ccode:
            continue  # "Quds Force", "Abu Dhabi TV", "Thames Valley Police", "Gun Violence Archive"
        if not caps and b + 1 < len(run) and run[b + 1].low in STREET_HEADS:
            continue  # "Bourbon Street", "the 4200 block of Elm Street"
        if not caps and not ccode and any(run[x].low in INSTITUTION_HEADS for x in range(b + 1, len(run))) \
                and not doc.is_major_name(name):
            continue  # "Cooper University Hospital", "Crest High School"
        if not caps and ccode and not multi and a > 0 and not run[a - 1].conn and run[a - 1].w[:1].isupper() \
                and run[a - 1].low not in PLACE_WORDS and run[a - 1].low not in ARTICLES and run[a - 1].low != "the" \
                and not gz.nationality(run[a - 1].w) and not doc.is_major_name(run[a - 1].w):
            continue  # "Jerry Jordan", "June Jordan School": a country name inside a person's or school's name
        tm = _NEXT_WORD.match(after)
        typed = bool(tm) and tm.group(1).lower() in _TYPED
        place_ctx = bool(_PLACE_PREP_BEFORE.search(before) or _DIRECTION_BEFORE.search(before)
                         or _OF_PATTERN_BEFORE.search(before)) or typed
        prev_tok = toks[run_i - 1] if run_i > 0 else None
        if caps:
            # no case to tell "FRONT" from a town: a single upper-case word needs a place context
            # (a preposition right before it, "DEPARTMENT OF X", "X DEPARTMENT") or the dateline slot
            strict_ctx = bool(_CAPS_PREP_BEFORE.search(before) or _OF_PATTERN_BEFORE.search(before)
                              or _DIRECTION_BEFORE.search(before)) or typed
            dateline = run_i == 0 and a == 0 and text[tb.e:tb.e + 1] == "," and (
                ta.s == 0 or text[ta.s - 1] == "\n")
            if not multi and not ccode:
                if not (strict_ctx or dateline):
                    continue
                if ta.low in lexicon and not typed and not (dateline or doc.is_major_name(name)):
                    continue  # "IN CHARGE", "URBAN GUERRILLA", "TO PUT A BOMB"
                if not any(p.population >= 1000 or p.kind != "city" for p in gz.lookup(name, fuzzy=False)):
                    continue
                if not typed and not dateline and (
                        (a > 0 and not run[a - 1].conn and run[a - 1].low not in PLACE_WORDS) or
                        (b + 1 < len(run) and not run[b + 1].conn and run[b + 1].low not in PLACE_WORDS)):
                    continue  # "FEBE ELIZABETH VELASQUEZ", "VIRGILIO BARCO'S": a person's name
        else:
            low = ta.low
            if not multi and low in COMMON_WORDS and not place_ctx:
                continue
            if not multi and (low in NOT_PLACES or (low in TITLES and text[tb.e:tb.e + 1] == ".")):
                continue  # "Taliban", "Brig. Gen."
            at_start = run_i + a == 0 or text[max(s0, ta.s - 2):ta.s].strip() in ('"', "“", "'", "(")
            if not multi and at_start and low in doc.lower_words and not place_ctx:
                continue
            if not ccode and person_like and not place_ctx and not multi:
                continue  # "Georgia Smith", "Michael Jordan", "Baghdad Operations Command"
            if not ccode and ((a == 0 and prev_tok is not None and prev_tok.low.rstrip(".") in TITLES)
                              or any(run[x].low in TITLES for x in range(a))):
                continue  # "Gen. Yahya", "President Kennedy", "Chief Superintendent Graciano Mijares"
            if a == 0 and prev_tok is not None and prev_tok.s < ta.s and re.search(
                    r"\b[A-Z][a-z]+\s+of\s+(?:the\s+)?$", before) and _org_before(before):
                continue  # "Islamic State of Iraq"
            if not ccode and (low == "the" or (a > 0 and run[a - 1].w == "The")):
                continue  # "The Times" (exact names such as "The Hague" keep their "The" token)
            if not multi and not ccode:
                if typed and a > 0 and not run[a - 1].conn and run[a - 1].low not in PLACE_WORDS \
                        and run[a - 1].low not in COMMON_WORDS:
                    continue  # "Nahr-e Sarah district": the name is the whole run (see _local_patterns)
                if _PARTICLE_AFTER.match(after) or _INITIAL_AFTER.match(after) or _INITIAL_BEFORE.search(before):
                    continue  # "Hamza bin Laden", "Richard J. Donovan", "Robert F. Kennedy"
                major = doc.is_major_name(name)
                if not doc.is_major_main_name(name) and _SPEECH_AFTER.match(after):
                    continue  # "Mijares said", "Leia said" (a big town's other spelling is no exception)
                if low in PERSON_NOUNS and not typed:
                    continue  # "Teen shot in ...": a person noun opening a headline
                if not doc.is_major_main_name(name) and PERSON_APPOSITION.match(after):
                    continue  # "Leia, a mother of two, was shot"
                if b + 1 < len(run) and not run[b + 1].conn and run[b + 1].w[:1].isupper() \
                        and run[b + 1].low not in PLACE_WORDS and run[b + 1].low not in NAME_GO_ON \
                        and not typed and not major:
                    continue  # "Department of Homeland Security", "the photo of Colin Fraley"
                if low in doc.persons and not (typed or _LOCATIVE_BEFORE.search(before)):
                    continue  # "the night Kennedy was shot", "Rittenhouse is accused"
                if low in lexicon and not major and not place_ctx:
                    continue  # "Twin bombings", "during Mass", "Popular Mobilization Forces"
        dm = _DIRECTION_BEFORE.search(before)
        if dm:
            ds = ta.s - (len(before) - dm.start())
            span = (ds, tb.e)
            mentions[span] = PlaceMention(span=span, text=text[ds:tb.e], kind="direction")
        else:
            mentions[(ta.s, tb.e)] = PlaceMention(span=(ta.s, tb.e), text=name, kind="toponym")


def _ngram_matches(gz: Gazetteer, run: list[_Tok], a: int, b: int, text: str) -> bool:
    """Is ``run[a..b]`` a gazetteer name? Multi-word: the exact key, or the article key when the
    n-gram neither starts nor ends with a generic word ("State of Iraq" must not match "Iraq") nor
    starts with "The" ("The Times" must not match "Times"); an n-gram of common/place words only
    ("Old City") never matches."""
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
    if not rows and b - a == 1 and not name.isupper() and _PLACE_PREP_BEFORE.search(text[max(0, run[a].s - 25):run[a].s]):
        # a two-word transliteration after "in"/"near" ("Sheikh Zuweid" = "Ash Shaykh Zuwayd")
        rows, tier = gz.rows(name, fuzzy=True)
        if tier == "skeleton" and not any(t.low in COMMON_WORDS or t.low in PLACE_WORDS or t.conn
                                          or t.low in ARTICLES or len(t.w) < 4 for t in run[a:b + 1]):
            return True
        return False
    if not rows:
        return False
    if tier == "exact":
        return True
    return run[a].low not in PLACE_WORDS and run[b].low not in PLACE_WORDS and run[a].low != "the" and \
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


# Usages of US police and court reporting that name no place but say the report is American: the
# "hundred block" address, the county sheriff, US time zones, interstates, the felony/misdemeanor law
_US_USAGE = (
    re.compile(r"\b\d{1,3}00[ \t]+block[ \t]+of\b|\bblock[ \t]+of[ \t]+(?:[NSEW]\.?[ \t]+)?\d"),
    re.compile(r"\b(?:[Ss]heriff['’]s[ \t]+(?:[Oo]ffice|[Dd]epartment|[Dd]eput(?:y|ies))|County[ \t]+[Ss]heriff)\b"),
    re.compile(r"\b\d{1,2}(?::\d{2})?[ \t]*(?:[ap]\.?m\.?|[AP]\.?M\.?)[ \t]+(?:E|C|M|P)[DS]T\b"),
    re.compile(r"\b(?:Interstate[ \t]+\d{1,3}|I-\d{1,3})\b"),
    re.compile(r"\b(?:felony|misdemeanor|[Dd]istrict [Aa]ttorney|[Mm]edical [Ee]xaminer)\b"),
)


def us_usage(text: str) -> int:
    """How many kinds of US reporting usage ``text`` shows (see ``_US_USAGE``): two or more make the
    US a country hint of a report that names none, so "Santa Cruz" is not the Bolivian city."""
    return sum(1 for rx in _US_USAGE if rx.search(text))


def us_usage_spans(text: str) -> list[Span]:
    """The first match of each US usage in ``text`` (the words that made the US a hint)."""
    return [m.span() for rx in _US_USAGE if (m := rx.search(text))]


def find_country_hints(text: str, *, gazetteer: Gazetteer | None = None) -> Counter[str]:
    """ISO2 -> mentions of country names, nationality adjectives, admin1 names and unambiguous big
    cities in ``text`` (a copy: callers may change it). See :meth:`DocumentPlaces.hints`."""
    return Counter(scan_document(text, gazetteer=gazetteer).hints)


# --------------------------------------------------------------------------- chains

_CHAIN_SEP = re.compile(r"(?:,[ \t]*|[ \t]*\([ \t]*|[ \t]+(?:district|province|region|governorate|county|"
                        r"department|state|municipality|commune|area)[ \t]+of[ \t]+|[ \t]+in[ \t]+)")
_CHAIN_NAME = re.compile(r"(?:(?:[Aa]l|[Ee]l|[Aa]r|[Aa]s|[Aa]d|[Aa]sh)-)?(?:[A-Z]\.){2,}|"
                         r"(?:(?:[Aa]l|[Ee]l|[Aa]r|[Aa]s|[Aa]d|[Aa]sh)-)?[A-Z][\w'’`-]*"
                         r"(?:[ \t]+(?:(?:of|de|del|do|da|dos|das|di|du|des|la|las|los|al|el|and|y)[ \t]+){0,2}"
                         r"(?:(?:al|el|Al|El)-)?[A-Z][\w'’`-]*){0,3}")
_OF_SEP = re.compile(r"[ \t]+of[ \t]+")  # "Nad Ali district of Helmand": only after a generic word
_CHAIN_TAIL = re.compile(r"[ \t]+(?:province|region|district|governorate|state|department|county|"
                         r"municipality|prefecture|city|town|village|area)\b")


def chain_after(text: str, end: int, limit: int = 3) -> list[tuple[int, int]]:
    """Spans of the names that follow a place name and say where it is: "Balcad, Middle Shebelle,
    Somalia", "Mora town (Mayo-Sava, Extreme-Nord)", "Nad Ali district of Helmand province",
    "Ein Issa in Ar-Raqqa". A trailing generic word ("Mudug region") is skipped; at most ``limit``."""
    out: list[tuple[int, int]] = []
    pos = end
    tail = _CHAIN_TAIL.match(text, pos)
    if tail:
        pos = tail.end()
    for _ in range(limit):
        sep = (_OF_SEP.match(text, pos) if tail else None) or _CHAIN_SEP.match(text, pos)
        if not sep:
            break
        m = _CHAIN_NAME.match(text, sep.end())
        if not m:
            break
        s0, e0 = m.span()
        name = text[s0:e0].rstrip(".")
        e0 = s0 + len(name)
        out.append((s0, e0))
        pos = e0
        tail = _CHAIN_TAIL.match(text, pos)
        if tail:
            pos = tail.end()
        if sep.group().strip() == "in":
            break
    return out


def _is_unit(gz: Gazetteer, name: str) -> bool:
    """Does ``name`` name a country or an admin unit (not a nationality: "Mosul, Iraqi officials")?"""
    if gz.country_code_for(name):
        return True
    if gz.nationality(name):
        return False
    return any(p.kind in ("admin1", "admin2") for p in gz.lookup(name))

