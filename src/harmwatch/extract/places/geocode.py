"""Resolve an incident's place mentions to one location (the event place).

``resolve_location`` picks the event place among an incident's mentions: the most specific mention
that resolves (neighbourhood > town > admin2 > admin1 > country), ambiguity broken by the document's
country hints, then by kind (what the text calls it) and population; a major city (capital or
>= 100k people) beats a small namesake in a hinted country, "<Town>, <Province>, <Country>" chains
restrict the candidates, a country name means the country (its centroid, not its capital), and a
small place outside every hinted country is left unresolved rather than guessed.

Finding the mentions is :mod:`harmwatch.extract.places.mentions`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from harmwatch.extract.lexicon import is_caps
from harmwatch.types import Location, PlaceMention, Span

from .gazetteer import Gazetteer, Place, article_key, normalize
from .uslines import ap_state_at, ap_state_of
from .mentions import (
    _is_unit,
    chain_after,
    ADMIN1_WORDS,
    ADMIN2_WORDS,
    TOWN_WORDS,
    _DIRECTION_HEAD,
    _QUALIFIER_AFTER,
    _WORD,
    DocumentPlaces,
    scan_document,
)


# --------------------------------------------------------------------------- resolve_location

#: a neighbourhood takes the coordinates of a town mentioned within this many characters
NEAR_CHARS = 400
#: "North Side", "the far South Side", "East Side": the part of a city a US report names; a town of that
#: name elsewhere (South Side, New York) is never meant, so it is read as a neighbourhood of a town nearby
_CITY_PART = re.compile(r"(?:(?:far|near|lower|upper)\s+)?(?:north|south|east|west)(?:\s*(?:east|west))?\s+side")
#: a major city beats a namesake in a hinted country when it is this many times larger
MAJOR_RATIO = 20
_PRECISION = {"city": "town", "admin2": "admin2", "admin1": "admin1", "country": "country"}
#: how specific a location precision is (higher = finer); also used by the assembler
SPECIFICITY = {"exact": 6, "neighbourhood": 5, "town": 4, "admin2": 3, "admin1": 2, "country": 1}


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
    wm = _WORD.match(after)
    w = wm.group() if wm else ""
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


def _chain_qualifiers(text: str, pm: PlaceMention, gz: Gazetteer, heads: list[Place] | None = None,
                      hints: Counter[str] | None = None) -> tuple[str | None, str | None]:
    """(country ISO2, admin1 path) named by the chain after a mention ("Shoqra, Abyan, Yemen" ->
    ("YE", "YE.01")). The admin1 must lie in the chain's country when one is named; fuzzy keys allowed
    ("Middle Shebelle" ~ "Middle Shabele"). Only the first element may be a lower-level unit whose
    admin1 is taken ("Mahmud Raqi, Kapisa"). Of several same-named units ("Central" in Malawi,
    Uganda, Ghana ...) the head's own wins ("Lilongwe (Lilongwe, Central)"), then the one in the
    country the document points to."""
    if pm.kind == "neighbourhood" or is_caps(text[pm.span[0]:pm.span[1] + 1] + "xx"):
        return None, None
    elems = chain_after(text, pm.span[1])
    if not elems:
        return None, None
    names = [text[a:b] for a, b in elems]
    cc = None
    for nm in reversed(names):  # the country closes the chain: "Acworth, Georgia, United States"
        c = gz.country_code_for(nm.removesuffix("'s").removesuffix("’s"))
        if c:
            cc = c
            break
    a1 = None
    for nm in names:
        if gz.country_code_for(nm) == cc is not None:
            break
        key = article_key(normalize(nm))
        own = [h for h in heads or () if h.kind != "admin1" and h.admin1 and (cc is None or h.country_code == cc)
               and article_key(normalize(h.admin1)) == key]
        if own:  # the head's own province, however the gazetteer spells it ("Central" = "Central Region")
            return cc or own[0].country_code, own[0].admin1_code
        cands = [p for p in gz.lookup(nm) if p.kind == "admin1" and (cc is None or p.country_code == cc)]
        if cands:
            best = max(cands, key=lambda p: (hints or {}).get(p.country_code, 0))
            a1 = best.admin1_code
            cc = cc or cands[0].country_code
            break
    return cc, a1


def _qualifier(text: str, pm: PlaceMention, gz: Gazetteer) -> tuple[str | None, str | None]:
    """"Antioch, Illinois" -> (None, "US.IL"); "Ciudad Juárez, Mexico" -> ("MX", None): the country or
    admin1 path that a following ", <Name>" names, else (None, None)."""
    m = _QUALIFIER_AFTER.match(text[pm.span[1]:pm.span[1] + 60])
    if not m:
        return None, None
    words = m.group(1).split()
    for k in range(len(words), 0, -1):
        q = " ".join(words[:k]).rstrip(".,;:")
        if q.endswith(("'s", "’s")):
            q = q[:-2]
        cc = gz.country_code_for(q)
        if cc:
            return cc, None
        a1 = [p for p in gz.lookup(q, fuzzy=False) if p.kind == "admin1"]
        if a1:
            return None, a1[0].admin1_code
    return None, None


_KIND_ORDER = {
    None: ("city", "admin2", "admin1", "country"),
    "city": ("city", "admin2", "admin1", "country"),
    "admin2": ("admin2", "city", "admin1", "country"),
    "admin1": ("admin1", "admin2", "city", "country"),
}


def _choose(places: list[Place], hints: Counter[str], level: str | None, gz: Gazetteer | None = None,
            exact_country: bool = False) -> Place | None:
    """Best candidate: the country with most hints (then largest place), then the kind the text
    names, then population. A country name means the country (or a same-named admin1: "Georgia"),
    never a namesake town ("Mexico", Missouri); a major city outweighing the hinted candidate
    ``MAJOR_RATIO`` times wins ("Baghdad" in a story about Iran)."""
    if not places:
        return None
    if exact_country and any(p.kind == "country" for p in places):
        places = [p for p in places if p.kind in ("country", "admin1")]
    by_cc: dict[str, list[Place]] = {}
    for p in places:
        by_cc.setdefault(p.country_code, []).append(p)
    cc = max(by_cc, key=lambda c: (hints.get(c, 0), max(p.population for p in by_cc[c])))
    order = _KIND_ORDER[level]
    if gz is not None and level in (None, "city"):
        cities = [p for p in places if p.kind == "city"]
        big = max(cities, key=lambda p: p.population) if cities else None
        local = max((p.population for p in by_cc[cc] if p.kind == "city"), default=0)
        if big is not None and big.country_code != cc and gz.is_major(big) and \
                big.population >= MAJOR_RATIO * max(local, 1) and not any(
                    p.kind != "city" for p in by_cc[cc]):  # "Norfolk" (county, GB) is no tiny namesake
            cc = big.country_code
    group = by_cc[cc]
    if exact_country and any(p.kind == "country" for p in group) and level != "admin1":
        return next(p for p in group if p.kind == "country")
    best = min(group, key=lambda p: (order.index(p.kind), -p.population))
    if level is None and best.kind != "admin1" and gz is not None and not gz.is_major(best):
        # "California", "Laghman": an admin1 name beats a small same-named town or district
        best = next((p for p in group if p.kind == "admin1"), best)
    return best


def _resolve_one(doc: DocumentPlaces, pm: PlaceMention, hints: Counter[str]) -> Place | None:
    """The gazetteer place of one mention, or None. A small place (not :meth:`Gazetteer.is_major`)
    in no country the document points to is dropped when the document has hints: "Bala Deh" (Iran)
    in an Afghan release, "Linwood" (New Jersey) in a Christchurch story."""
    gz, text = doc.gz, doc.text
    name = place_name(pm)
    state = ap_state_of(text, pm)
    if state is not None:  # "Pa." after a town, "OH" in a dateline: the state, as written
        return gz.admin1(state)
    places = gz.lookup(name, fuzzy=pm.kind != "toponym" or len(name) >= 6)
    if not places and pm.kind != "toponym":
        return None
    ap = ap_state_at(text, pm.span[1])
    line = doc.us_line
    if ap is not None:  # "Aliquippa, Pa.": the town in Pennsylvania
        q_cc, q_a1, chained = None, ap[1], True
    elif line is not None and line.admin1 and pm.span == line.town:  # "HILLIARD, OH (WCMH) -"
        q_cc, q_a1, chained = None, line.admin1, True
    elif line is not None and pm.span == line.town and (line.us_station or not hints
                                                        or hints.get("US", 0) == max(hints.values())):
        q_cc, q_a1, chained = "US", doc.state_hint, True  # "LIMA -" in a US report: Lima, Ohio
    else:
        q_cc, q_a1 = _chain_qualifiers(text, pm, gz, places, hints)
        if not (q_cc or q_a1):
            q_cc, q_a1 = _qualifier(text, pm, gz)
            chained = False
        else:
            chained = True
    state = doc.state_hint
    if not (q_cc or q_a1) and state and any(p.admin1_code == state and p.kind != "admin1" for p in places):
        q_a1 = state  # a US report's places lie in the state it is filed from or names ("Urbana" in Ohio)
    if q_cc or q_a1:
        if q_a1:  # "Balcad, Middle Shebelle": a place inside that admin1 (or the admin1 itself)
            narrowed = [p for p in places if p.admin1_code == q_a1]
            narrowed = [p for p in narrowed if p.kind != "admin1"] or narrowed
        else:
            narrowed = [p for p in places if p.country_code == q_cc and p.kind != "country"]
        if not narrowed and chained and pm.kind == "toponym":
            # the text says where the place is and no namesake lies there: a looser spelling there
            narrowed = gz.lookup_within(name, country=q_cc, admin1_code=q_a1)[:1]
            if not narrowed:
                return None  # the chain's own admin1/country mention resolves instead
        if narrowed:
            places = narrowed
            hints = hints.copy()
            hints[narrowed[0].country_code] += 1000  # the text says which country
    if not places:
        return None
    exact_country = gz.country_code_for(name) is not None
    level = _level_word(text, pm)
    p = _choose(places, hints, level, gz, exact_country)
    if p is not None and p.kind == "admin2" and p.lat is None and level != "admin2":
        p = _seat_of(p, gz) or p  # "Tarin Kot" (the district has no point) is the town Tarinkot
    if p is not None and hints and hints.get(p.country_code, 0) == 0 and not gz.is_major(p) \
            and max(hints.values()) >= 2:
        return None
    if p is not None and state and p.kind == "city" and p.admin1_code != state and p.country_code == "US" \
            and not gz.is_major(p) and not (q_cc or q_a1):
        # a small town of another state in a report filed from (or naming) one is a namesake: the
        # place lies in the report's state, which is all the gazetteer can say of it
        return gz.admin1(state)
    return p


def resolve_location(text: str, mentions: Iterable[PlaceMention], *,
                     country_hints: Counter[str] | None = None,
                     gazetteer: Gazetteer | None = None) -> Location:
    """The event place of an incident from its place mentions (see module docstring); the hints default
    to the document's own country hints."""
    return resolve_in(scan_document(text, gazetteer=gazetteer), mentions, country_hints)


def resolve_in(doc: DocumentPlaces, mentions: Iterable[PlaceMention], country_hints: Counter[str] | None = None) -> Location:
    """:func:`resolve_location` on an already scanned document."""
    return _resolve(doc, list(mentions), doc.hints if country_hints is None else Counter(country_hints))


def _resolve(doc: DocumentPlaces, mentions: list[PlaceMention], hints: Counter[str]) -> Location:
    gz = doc.gz
    if not mentions:
        return Location(name=None, reason="no place mentioned")
    resolved: list[tuple[PlaceMention, Place]] = []
    neighbourhoods: list[PlaceMention] = []
    hints = _with_local_hints(gz, mentions, hints)
    for pm in mentions:
        if pm.kind == "neighbourhood" or _CITY_PART.fullmatch(normalize(pm.text)):
            neighbourhoods.append(pm)
            continue
        p = _resolve_one(doc, pm, hints)
        if p is not None:
            resolved.append((pm, p))
    freq = Counter(normalize(pm.text) for pm in mentions)
    chained = _chained_spans(doc.text, mentions, gz)
    candidates: list[tuple[tuple, Location]] = []
    towns = [(pm, p) for pm, p in resolved if p.kind == "city"]
    top = max(hints.values(), default=0)

    def agree(p: Place) -> bool:  # in a country the document points to (or no hints at all)
        return top == 0 or hints.get(p.country_code, 0) > 0
    state = doc.state_hint

    def in_state(p: Place) -> bool:  # in the US state the report points to (or no such state)
        return state is None or p.admin1_code == state
    for pm in neighbourhoods:
        near = [(cpm, c) for cpm, c in towns if agree(c) and abs(cpm.span[0] - pm.span[0]) <= NEAR_CHARS]
        if not near:
            continue
        cpm, city = min(near, key=lambda x: abs(x[0].span[0] - pm.span[0]))
        loc = _location(city, pm.text, "neighbourhood", (pm.span, cpm.span), gz)
        candidates.append(((agree(city), in_state(city), pm.span in chained, 5, freq[normalize(pm.text)], -pm.span[0]),
                           loc))
    for pm, p in resolved:
        prec = _PRECISION[p.kind]
        loc = _location(p, place_name(pm) if p.kind != "country" else p.name, prec, (pm.span,), gz)
        candidates.append(((agree(p), in_state(p), pm.span in chained, SPECIFICITY[prec], freq[normalize(pm.text)],
                            -pm.span[0]), loc))
    if candidates:
        return max(candidates, key=lambda c: c[0])[1]
    best = next((pm for pm in mentions if pm.kind == "neighbourhood"), mentions[0])
    return Location(name=place_name(best), evidence=(best.span,), reason="not in gazetteer")


def _with_local_hints(gz: Gazetteer, mentions: list[PlaceMention], hints: Counter[str]) -> Counter[str]:
    """When the document names no country: one hint for the country of every admin unit the
    incident's mentions name whose namesakes all lie in one country ("Basira ... in the countryside
    of Deir-ez-Zor" is the Syrian Basira, not the Israeli one). Not when the document has hints, and
    never from towns: Gaza narratives name camps and families that are unique admin units or towns
    elsewhere ("Al-Shati" is also a Libyan district)."""
    if hints:  # the document already points somewhere; a unit abroad would only add noise
        return hints
    extra: Counter[str] = Counter()
    for pm in mentions:
        if pm.kind == "neighbourhood":
            continue
        cands = gz.lookup(place_name(pm), fuzzy=False)
        ccs = {p.country_code for p in cands}
        if len(ccs) == 1 and any(p.kind in ("admin1", "admin2") for p in cands):
            extra[next(iter(ccs))] += 1
    if not extra:
        return hints
    return hints + extra


def _chained_spans(text: str, mentions: list[PlaceMention], gz: Gazetteer) -> set[Span]:
    """Spans of mentions that are part of a "<place>, <admin unit>, <country>" chain (the head or a
    later element): a place the text localises is the event place more often than a bare name in the
    same sentence ("on the road from Town A to Town B near Village C, Province D"). A dateline head at
    the start of a line ("KABUL, Afghanistan (...)") does not count."""
    out: set[Span] = set()
    for pm in mentions:
        a = pm.span[0]
        if a == 0 or text[a - 1] == "\n" or pm.text.isupper():
            continue
        elems = chain_after(text, pm.span[1])
        if not elems or not _is_unit(gz, text[elems[0][0]:elems[0][1]]):
            continue
        out.add(pm.span)
        for m in mentions:
            if any(s <= m.span[0] and m.span[1] <= e for s, e in elems):
                out.add(m.span)
    return out


def _location(p: Place, name: str, precision: str, evidence: tuple[Span, ...], gz: Gazetteer) -> Location:
    lat, lon, reason = p.lat, p.lon, None
    if lat is None and p.kind == "admin2":  # a district without a point: its namesake seat's point
        seat = _seat_of(p, gz)
        if seat is not None:
            lat, lon, reason = seat.lat, seat.lon, f"coordinates of {seat.name}, the district's namesake town"
    if lat is None and p.admin1_code:  # admin2 without a point: its admin1's point, said so
        a1 = gz.admin1(p.admin1_code)
        if a1 is not None and a1.lat is not None:
            lat, lon, reason = a1.lat, a1.lon, "coordinates of the admin1 unit (no point for this admin2)"
    if p.kind == "country":
        admin1 = admin2 = None
    else:
        admin1 = p.admin1
        admin2 = p.admin2 if p.kind == "admin2" else None
        if admin1 is None and lat is not None and lon is not None:
            admin1 = _admin1_by_point(lat, lon, p.country_code, gz)
    return Location(name=name, country_code=p.country_code, admin1=admin1, admin2=admin2, lat=lat, lon=lon,
                    precision=precision, geonames_id=p.geonameid, evidence=evidence, reason=reason)


def _seat_of(p: Place, gz: Gazetteer) -> Place | None:
    """The largest town named like district ``p`` in its province ("Tarin Kot" district ->
    Tarinkot, "Panjwai" -> Panjwai): districts are mostly named after their seat."""
    towns = [c for n in {p.name, p.name.replace(" ", "")} for c in gz.lookup(n)
             if c.kind == "city" and c.admin1_code == p.admin1_code and c.lat is not None]
    return max(towns, key=lambda c: c.population) if towns else None


def _admin1_by_point(lat: float, lon: float, country_code: str | None, gz: Gazetteer) -> str | None:
    """The admin-1 unit the point lies in (Natural Earth polygons), named as the gazetteer names it."""
    from .boundaries import get_boundaries

    unit = get_boundaries().admin1_at(lat, lon, country_code)
    if unit is None:
        return None
    if unit.geonames_admin1_code:
        known = gz.admin1(unit.geonames_admin1_code)
        if known is not None and known.name:
            return known.name
    return unit.name or None
