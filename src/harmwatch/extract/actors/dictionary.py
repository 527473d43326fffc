"""Actor mentions: who did it, to whom.

``find_actors(text, start, end, country_hint=...)`` scans one sentence range for named armed
groups (Islamic State, Taliban, FMLN, ...), state forces named through a nationality
("Iraqi forces" -> "Military Forces of Iraq", "Afghan National Police" -> "Police Forces of
Afghanistan"), multinational forces (ISAF, AMISOM, coalition forces), unidentified armed actors
("gunmen", "militants" -> "Unidentified Armed Group (<Country>)") and civilians ("families",
"villagers" -> "Civilians", subgroup kept in ``actor_id``: ``civilians:families``).

How it works, and why it is fast: the text is tokenised once with one precompiled regex; all
aliases live in three token tries (named groups, nationalities, generic nouns) built lazily from
the shipped TSV files in ``harmwatch/data/actors`` and cached. At each token the longest match
over the three tries wins (a named group beats a generic reading of the same length), so a
sentence costs O(tokens x alias depth) dict look-ups, no regex per alias.

Matching rules:

* Token keys are case-folded, accents stripped, word-internal apostrophes removed ("Da'esh" =
  "Daesh"); hyphens are not tokens ("al-Shabaab" = "al Shabaab"), and a possessive "'s" is its own
  token, so "ISIS's" yields the mention "ISIS".
* An alias token with capitals after its first letter ("ISIS", "IS", "LeT", "M23", "IS-K") is an
  acronym and matches only the same upper-case token in normal text, so "is" is never Islamic
  State. In ALL-CAPS text (MUC wire messages) acronyms match case-insensitively except those
  that spell an English word ("IS", "US", "LET", ...), which never match there.
* An alias written with a capital (a proper name) needs at least one capitalised token in normal
  text ("Taliban", not "taliban"), so Title-Case dictionary names do not fire on plain phrases.
* Compounds: a group followed by a fighter noun ("ISIS gunmen", "Taliban fighters", "al-Shabaab
  militants") is one mention of the group; "militants of/from <group>" is merged into the group.
* State forces: <nationality or country> ['s] <force noun> or <force noun> of <country> ("the
  military forces of Armenia", "forces of India and Pakistan") -> "Military Forces of X" or "Police
  Forces of X"; a bare force noun ("the army", "security forces", "troops") takes the country from
  ``country_hint`` and is "Military Forces" with no country when there is none. Forces whose
  country differs from ``country_hint`` are "external forces". Multinational forces (ISAF, NATO,
  AMISOM, coalition forces) are always "external forces"; "the coalition" of a report about Iraq or
  Syria is the US-led coalition, of one about Yemen the Saudi-led one.
* "anti-ISIS" is an attribute, not the group; "pro-Houthi forces" (a fighter noun after it) are the
  group's own side.
* Person nouns ("a man", "two people", "the village head") are mentions only with ``persons=True``
  (the role rules take them as civilians where they are the ones harmed).

Decisions (documented here because evaluation depends on them): generic armed nouns resolve to
ACLED's "Unidentified Armed Group", suffixed " (Country)" when a nationality or ``country_hint``
gives the country; civilians and protesters stay "Civilians" / "Protesters" with the country in
``country_code``. Pronoun-like references ("the group", "they") are not actors here; coreference
is the job of the incident assembler.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from harmwatch.extract.lexicon import civilian_person_phrases, is_caps
from harmwatch.types import ActorMention

__all__ = ["find_actors", "get_actor_dictionary", "canonical", "ActorDictionary", "subgroup", "country_code",
           "unidentified_armed_group", "STRIKE_HEADS"]

_DATA_PKG = "harmwatch.data.actors"

# words, a possessive 's, or one punctuation character; hyphens are skipped (they join words)
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*|['’][sS]\b|[^\w\s\-‐‑–]")
_APOS = str.maketrans({"’": "'", "‘": "'"})

# acronyms that are also English words: never actors in ALL-CAPS text
CAPS_STOP = frozenset(
    "is it as at on or us we he an no so to be by do go if in me my of up am aa let all can may one "
    "man men who why how new now old per sad any are art bad big end far few get had has her him his "
    "its job key law led nor not off our out own put red run saw say see set she sit six ten the too "
    "top two use war was way yes yet eta ira afc cia jem".split()
)
# a group followed by one of these is still the group ("ISIS gunmen")
FIGHTER_NOUNS = [
    "gunmen", "gunman", "fighters", "fighter", "militants", "militant", "insurgents", "insurgent",
    "members", "member", "militiamen", "militia", "militias", "rebels", "rebel", "forces", "force",
    "troops", "soldiers", "commanders", "commander", "operatives", "operative", "jihadists", "jihadist",
    "terrorists", "terrorist", "remnants", "guerrillas", "guerrilla", "guerillas", "cells", "cell",
    "elements", "units", "unit", "snipers", "sniper", "suicide bombers", "suicide bomber", "bombers",
    "bomber", "loyalists", "affiliates", "affiliate", "group", "network", "faction", "offshoot",
    "branch", "attackers", "assailants", "kidnappers", "gunfire", "sympathizers", "recruits",
    "urban commandos", "commandos", "column", "columns", "squad", "squads", "wing", "armed wing",
    "militant group", "terrorist group", "jihadist group", "insurgent group", "rebel group",
    "armed group", "terrorist organization", "terrorist organisation", "organization", "organisation",
    "movement", "leaders", "leader", "spokesman", "spokesperson", "extremists", "extremist",
]
_FIGHTER_LAST = frozenset(n.split()[-1] for n in FIGHTER_NOUNS)
_LINK_WORDS = ("linked", "affiliated", "aligned", "allied", "backed", "led", "inspired")
# "militants from <group>": connector tokens allowed between a generic mention and a group
_CONNECTORS = frozenset("of from the belonging to loyal linked affiliated with allied aligned tied".split())
# generic military/police phrases that need a nationality ("Iraqi forces") or "the" ("the army")
_NN_MULTI = frozenset({
    "army", "military", "forces", "jets", "warplanes", "fighter jets", "drones", "military drones",
    "military aircraft", "helicopter gunships", "artillery", "infantry", "navy", "air force",
    "air forces", "naval forces", "ground forces", "junta", "national army", "national guard",
    "national gendarmerie", "national police", "national security forces", "national defence forces",
    "national defense forces", "national armed forces", "state forces", "defence forces",
    "defense forces", "army forces", "local police", "federal police", "state police",
    "provincial police", "district police", "civil police", "national civil police",
    "uniformed police", "border police", "gendarmerie", "law enforcement", "regime", "regulars",
    *("airstrike airstrikes strike strikes bombardment bombardments shelling bombing bombings aircraft warplane "
      "jet drone tanks gunboats helicopters helicopter").split(),
    "air strike", "air strikes", "air raid", "air raids", "drone strike", "drone strikes", "missile strike",
    "missile strikes", "bombing raid", "fighter jet", "tank fire",
})
#: a nationality + one of these ("Israeli airstrikes", "a US drone strike") names the attack of that
#: state's forces: the mention is always the perpetrator (see roles.py)
STRIKE_HEADS = frozenset({
    "airstrike", "airstrikes", "strike", "strikes", "bombardment", "bombardments", "shelling", "bombing",
    "bombings", "air strike", "air strikes", "air raid", "air raids", "drone strike", "drone strikes",
    "missile strike", "missile strikes", "bombing raid", "tank fire",
})
#: "the coalition" of a report about Iraq or Syria is the US-led coalition against IS, of one about Yemen the
#: Saudi-led coalition (in Afghanistan it stays the generic "Coalition Forces")
_COALITION_OF = {"IQ": "us_led_coalition", "SY": "us_led_coalition", "YE": "saudi_coalition"}
_CATEGORY = {
    "civilians": "civilians", "protesters": "protesters", "rioters": "rioters",
    "armed": "unidentified armed group", "military": "state forces", "police": "state forces",
    "person": "civilians",
}


# --------------------------------------------------------------------------- tokens and keys


def _fold(tok: str) -> str:
    t = tok.lower()
    if t.isalnum() and t.isascii():
        return t
    t = t.translate(_APOS)
    if not t.isascii():
        t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    if "'" in t and t != "'s":
        t = t.replace("'", "")
    return t


def _tokenize_alias(alias: str) -> list[str]:
    """Surface tokens of an alias (same rules as the text; stray apostrophes dropped)."""
    return [m.group() for m in _TOKEN_RE.finditer(alias) if m.group() not in ("'", "’")]


def _alias_key(tokens: list[str]) -> tuple[str, ...]:
    return tuple(_fold(t) for t in tokens)


def _is_exact(tok: str) -> bool:
    """An acronym-like token: capitals after the first letter, a lone capital, or caps+digits."""
    if not any(c.isalpha() for c in tok):
        return False
    if len(tok) == 1:
        return tok.isupper()
    return any(c.isupper() for c in tok[1:]) or (tok[0].isupper() and any(c.isdigit() for c in tok))


@dataclass(frozen=True, slots=True)
class _Alias:
    target: str  # entry id, ISO2 (nationality) or generic phrase
    surface: tuple[str, ...]
    exact: tuple[bool, ...]
    needs_cap: bool
    caps_ok: bool  # may match in ALL-CAPS text
    context_only: bool = False  # "PDF@": only with a matching country_hint (or a fighter noun and no hint)


def _make_alias(target: str, alias: str) -> tuple[tuple[str, ...], _Alias] | None:
    context_only = alias.endswith("@")
    toks = _tokenize_alias(alias.rstrip("@"))
    if not toks:
        return None
    key = _alias_key(toks)
    exact = tuple(_is_exact(t) for t in toks)
    all_exact = all(e or not any(c.isalpha() for c in t) for e, t in zip(exact, toks))
    caps_ok = not (all_exact and "".join(key).replace(".", "") in CAPS_STOP)
    needs_cap = any(t[:1].isupper() for t in toks)
    return key, _Alias(target, tuple(t.translate(_APOS) for t in toks), exact, needs_cap, caps_ok,
                       context_only)


class _Trie:
    """Token trie: nested dicts, terminal aliases under the key None."""

    __slots__ = ("root", "size")

    def __init__(self) -> None:
        self.root: dict = {}
        self.size = 0

    def add(self, key: tuple[str, ...], alias: _Alias, *, first_wins: bool = False) -> bool:
        node = self.root
        for k in key:
            node = node.setdefault(k, {})
        lst = node.setdefault(None, [])
        if first_wins and lst:
            return False
        if any(a.target == alias.target and a.surface == alias.surface for a in lst):
            return False
        lst.append(alias)
        self.size += 1
        return True

    def walk(self, keys: list[str], i: int) -> list[tuple[int, list[_Alias]]]:
        """All terminals reachable from token i: [(end_token_exclusive, aliases)], longest last."""
        out = []
        node = self.root
        n = len(keys)
        j = i
        while j < n:
            node = node.get(keys[j])
            if node is None:
                break
            j += 1
            if None in node:
                out.append((j, node[None]))
        return out


# --------------------------------------------------------------------------- dictionary


def _read_tsv(name: str) -> list[list[str]]:
    text = resources.files(_DATA_PKG).joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _load_curated() -> list[dict[str, Any]]:
    out = []
    for f in _read_tsv("curated_actors.tsv"):
        out.append({"id": f[0], "name": f[1], "category": f[2], "country": f[3] or None,
                    "aliases": [a for a in f[4].split("|") if a], "source": "curated"})
    return out


@dataclass
class ActorDictionary:
    """All actor data, indexed for matching. Build once with :func:`get_actor_dictionary`."""

    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    countries: dict[str, dict[str, str]] = field(default_factory=dict)  # ISO2 -> {iso3, display, short}
    generic: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # phrase -> (kind, subgroup)
    groups: _Trie = field(default_factory=_Trie)
    nations: _Trie = field(default_factory=_Trie)
    generics: _Trie = field(default_factory=_Trie)
    fighters: _Trie = field(default_factory=_Trie)
    by_key: dict[tuple[str, ...], str] = field(default_factory=dict)  # alias key -> canonical name
    first_keys: frozenset[str] = frozenset()  # first tokens of every alias (fast skip)
    country_names: dict[str, str] = field(default_factory=dict)  # folded country name / adjective -> ISO2

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def alias_count(self) -> int:
        return self.groups.size + self.nations.size + self.generics.size


def _build() -> ActorDictionary:
    d = ActorDictionary()
    entries = _load_curated()
    for f in _read_tsv("petrarch2_actors.tsv"):
        entries.append({"id": f[0], "name": f[1], "category": f[2], "country": f[3] or None,
                        "aliases": [a for a in f[4].split("|") if a], "source": "petrarch2",
                        "cameo_code": f[5] if len(f) > 5 else None})
    for e in entries:
        d.entries[e["id"]] = e
        curated = e["source"] == "curated"
        for a in [e["name"].split(": ")[-1] if ": " in e["name"] else e["name"], *e["aliases"], *_province_forms(e)]:
            made = _make_alias(e["id"], a)
            if made is None:
                continue
            key, al = made
            # curated wins: a petrarch alias never shadows an existing key
            if d.groups.add(key, al, first_wins=not curated):
                d.by_key.setdefault(key, e["name"])
    for f in _read_tsv("countries.tsv"):
        iso2, iso3, display = f[0], f[1], f[2]
        short = display[4:] if display.startswith("the ") else display
        d.countries[iso2] = {"iso3": iso3, "display": display, "short": short}
        for nm in (display, short, *(f[3].split("|") if len(f) > 3 else [])):
            d.country_names.setdefault(" ".join(_alias_key(_tokenize_alias(nm))), iso2)
        for n in f[3].split("|") if len(f) > 3 else []:
            made = _make_alias(iso2, n)
            if made:
                d.nations.add(made[0], made[1])
    rows = _read_tsv("generic_agents.tsv")
    at = next((i for i, f in enumerate(rows) if f[1] == "protesters"), len(rows))
    people = [[phrase, "person", sub] for phrase, sub in civilian_person_phrases()]
    for f in rows[:at] + people + rows[at:]:  # the person nouns: the shared vocabulary (extract/lexicon.py)
        phrase, kind, sub = f[0], f[1], (f[2] if len(f) > 2 and f[2] else None)
        d.generic[phrase.lower()] = (kind, sub)
        made = _make_alias(phrase.lower(), phrase)
        if made:
            d.generics.add(made[0], made[1])
            if kind == "civilians":
                d.by_key.setdefault(made[0], "Civilians")
            elif kind == "armed":
                d.by_key.setdefault(made[0], "Unidentified Armed Group")
    for extra in ("the army", "the military", "the navy", "the air force", "the junta",
                  "the national guard", "the gendarmerie", "the armed forces", "the police"):
        base = extra[4:]
        kind = d.generic[base][0] if base in d.generic else "military"  # "the gendarmerie": as the table says
        d.generic[extra] = (kind, None)
        made = _make_alias(extra, extra)
        if made:
            d.generics.add(made[0], made[1])
    for noun in FIGHTER_NOUNS + [f"{w} {n}" for w in _LINK_WORDS for n in ("militants", "fighters", "gunmen", "forces", "group", "groups", "militia", "militias", "rebels", "insurgents")]:
        made = _make_alias(noun, noun)
        if made:
            d.fighters.add(made[0], made[1])
    d.first_keys = frozenset(d.groups.root) | frozenset(d.nations.root) | frozenset(d.generics.root)
    return d


_PROVINCE = re.compile(r"^Islamic State (.+) Province$")


def _province_forms(e: dict[str, Any]) -> list[str]:
    """The usual written forms of an Islamic State province ("Islamic State Sinai Province"):
    "Sinai Province of the Islamic State", "Islamic State's Sinai Province", "IS Sinai Province",
    "Wilayat Sinai" (the group's own style), generated so every province has all of them."""
    m = _PROVINCE.match(e["name"]) if e["source"] == "curated" else None
    if not m:
        return []
    r = m.group(1)
    return [f"{r} Province of the Islamic State", f"{r} Province of Islamic State", f"Islamic State's {r} Province",
            f"Islamic State in {r} Province", f"IS {r} Province", f"ISIS {r} Province", f"ISIL {r} Province",
            f"{r} Province of ISIS", f"{r} Province of ISIL", f"Wilayat {r}", f"{r} Province"]


_TSVS = ("curated_actors.tsv", "petrarch2_actors.tsv", "countries.tsv", "generic_agents.tsv")
_CACHE_FORMAT = "1"  # bump when ActorDictionary's pickled form changes without a source change here


@lru_cache(maxsize=1)
def get_actor_dictionary() -> ActorDictionary:
    """The actor dictionary: built on first use from the shipped TSVs, kept pickled in the cache
    folder (extract/built_cache.py; the name digests the TSVs, this module and lexicon.py, whose
    person nouns it takes), so a later process loads it in ~0.05 s instead of building it."""
    from pathlib import Path

    from harmwatch.extract import built_cache, lexicon

    data = resources.files(_DATA_PKG)
    sig = built_cache.digest([_CACHE_FORMAT, Path(__file__), Path(lexicon.__file__),
                              *(data.joinpath(n).read_bytes() for n in _TSVS)])
    return built_cache.load_or_build("actors", sig, _build)


_FORCES_OF = re.compile(r"^(military|police) forces of (.+?)(?:\s*\(\d{4}-\d{0,4}\)(.*))?$", re.IGNORECASE)
_UAG_OF = re.compile(r"^unidentified armed group\s*\((.+)\)$", re.IGNORECASE)
_NAME_ACRONYM = re.compile(r"^(.+?)\s*\(([^()]+)\)\s*(\w*)$")
_FILLER = frozenset({"the", "a", "an", "of", "and", "s"})


def country_code(name: str) -> str | None:
    """ISO2 of a country name or nationality adjective ("the United States", "Afghan"), else None."""
    d = get_actor_dictionary()
    key = _alias_key(_tokenize_alias(name.strip()))
    if len(key) > 1 and key[0] == "the":  # "the Democratic Republic of Congo"
        return d.country_names.get(" ".join(key)) or d.country_names.get(" ".join(key[1:]))
    return d.country_names.get(" ".join(key))


def canonical(name_or_alias: str) -> str | None:
    """Canonical name for an alias or canonical name ("ISIL" -> "Islamic State"), else None.

    For evaluation code, so it is strict about what it equates:

    * a dictionary alias or canonical name resolves directly;
    * ACLED-style state forces keep their country ("Military Forces of Ukraine (2014-)" ->
      "Military Forces of Ukraine"); a faction suffix after the term is dropped unless it is a
      dictionary alias of a named group (then that group: a de-facto authority's forces), and so does
      "Unidentified Armed Group (Mexico)";
    * GTD-style "Full Name (ACRONYM)" resolves when either part is a known named group;
    * otherwise the actors found in the string decide: one named group -> that group; a generic
      reading ("gunmen", "Salvadoran army", "ARMED FORCES") only when it covers every word of the
      string, so "Fulani extremists" or "United Armed Forces of Novorossiya" are *not* an
      unidentified armed group or state forces (they stay unresolved and compare as strings).
    """
    if not name_or_alias or not name_or_alias.strip():
        return None
    s = " ".join(name_or_alias.split())
    d = get_actor_dictionary()
    key = _alias_key(_tokenize_alias(s))
    if key in d.by_key:
        return d.by_key[key]
    low = s.lower()
    for e in d.entries.values():
        if e["name"].lower() == low:
            return e["name"]
    m = _FORCES_OF.match(s)
    if m:
        faction = (m.group(3) or "").strip()
        if faction:  # "Military Forces of Yemen (2016-) Supreme Political Council": a known group runs them
            fk = _alias_key(_tokenize_alias(faction))
            if fk in d.by_key and d.by_key[fk] not in _GENERIC_NAMES:
                return d.by_key[fk]
        cc = country_code(m.group(2))
        disp = _country_name(d, cc)
        label = "Military Forces" if m.group(1).lower() == "military" else "Police Forces"
        return f"{label} of {disp}" if disp else None
    m = _UAG_OF.match(s)
    if m:
        short = _country_name(d, country_code(m.group(1)), "short")
        return f"Unidentified Armed Group ({short})" if short else None
    m = _NAME_ACRONYM.match(s)
    if m:
        parts = [m.group(2), m.group(1), f"{m.group(1)} {m.group(3)}".strip()]
        if not m.group(3) and not country_code(m.group(2)) and m.group(2).strip().lower() != "international":
            parts.insert(0, f"{m.group(1)} {m.group(2)}")  # "Islamic State (Greater Sahara)": the branch
        for part in parts:
            c = _canonical_found(part, d)
            if c is not None and c not in _GENERIC_NAMES:
                return c
        if country_code(m.group(2)) or m.group(2).strip().lower() == "international":  # "Protesters (Pakistan)"
            return _canonical_found(m.group(1), d)
        return None
    return _canonical_found(s, d)


_GENERIC_NAMES = frozenset({"Military Forces", "Police Forces", "Unidentified Armed Group", "Civilians",
                            "Protesters", "Rioters"})


def _canonical_found(s: str, d: ActorDictionary) -> str | None:
    low = s.lower().strip()
    bare = low[4:] if low.startswith("the ") else low
    if bare in d.generic:  # a bare generic phrase: "ARMY", "death squads"
        kind = d.generic[bare][0]
        return {"military": "Military Forces", "police": "Police Forces", "armed": "Unidentified Armed Group",
                "civilians": "Civilians", "protesters": "Protesters", "rioters": "Rioters"}.get(kind)
    found = find_actors(s, 0, len(s))
    named = {m.name for m in found if m.actor_id in d.entries}
    if named:
        return named.pop() if len(named) == 1 else None
    generic = {m.name for m in found}
    if len(generic) != 1:
        return None
    rest = s
    for m in sorted(found, key=lambda m: -m.span[0]):
        rest = rest[: m.span[0]] + " " + rest[m.span[1]:]
    if any(w not in _FILLER for w in re.findall(r"[^\W_]+", rest.lower())):
        return None  # "Fulani extremists": a qualifier the generic reading would drop
    return generic.pop()


def unidentified_armed_group(country_hint: str | None) -> tuple[str, str | None]:
    """(name, country) of the unidentified armed group of a report about ``country_hint``:
    the name used when the text says the perpetrator is unknown."""
    d = get_actor_dictionary()
    short = _country_name(d, country_hint, "short")
    return (f"Unidentified Armed Group ({short})" if short else "Unidentified Armed Group",
            country_hint if short else None)


def subgroup(m: ActorMention) -> str | None:
    """The civilian / protester subgroup of a mention ("families"), from its actor_id."""
    if m.actor_id and ":" in m.actor_id and m.category in ("civilians", "protesters", "rioters"):
        return m.actor_id.split(":", 1)[1] or None
    return None


# --------------------------------------------------------------------------- matching


@dataclass(slots=True)
class _Cand:
    i: int
    j: int  # token end (exclusive)
    kind: str  # group | nation | generic
    rank: int  # tie-break: lower wins
    payload: Any


def _alias_ok(al: _Alias, surf: list[str], i: int, caps: bool) -> bool:
    if caps:
        return al.caps_ok
    cap_seen = not al.needs_cap
    for k, (s, ex) in enumerate(zip(al.surface, al.exact)):
        t = surf[i + k]
        if ex and t != s:
            return False
        if not cap_seen and t[:1].isupper():
            cap_seen = True
    return cap_seen


def _best(trie: _Trie, keys: list[str], surf: list[str], i: int, caps: bool) -> tuple[int, _Alias] | None:
    for j, als in reversed(trie.walk(keys, i)):
        for al in als:
            if _alias_ok(al, surf, i, caps):
                return j, al
    return None


def _country_name(d: ActorDictionary, iso2: str | None, style: str = "display") -> str | None:
    c = d.countries.get(iso2 or "")
    return c[style] if c else None


def _force_category(country: str | None, hint: str | None, base: str) -> str:
    if base == "state forces" and country and hint and country != hint:
        return "external forces"
    return base


def _generic_mention(d: ActorDictionary, phrase: str, country: str | None, hint: str | None,
                     explicit: bool) -> tuple[str, str, str | None, str]:
    """(name, category, country, actor_id) for a generic phrase with a known or hinted country."""
    kind, sub = d.generic[phrase]
    cc = country or hint
    if kind in ("military", "police"):
        label = "Military Forces" if kind == "military" else "Police Forces"
        disp = _country_name(d, cc)
        name = f"{label} of {disp}" if disp else label
        return name, _force_category(cc, hint, "state forces"), cc, f"{kind}:{cc or ''}"
    if kind == "armed":
        short = _country_name(d, cc, "short")
        return (f"Unidentified Armed Group ({short})" if short else "Unidentified Armed Group",
                "unidentified armed group", cc, f"uag:{cc or ''}")
    name = {"civilians": "Civilians", "protesters": "Protesters", "rioters": "Rioters", "person": "Civilians"}[kind]
    return name, _CATEGORY[kind], cc, f"{kind}:{sub or ''}"


def find_actors(text: str, start: int = 0, end: int | None = None, *,
                country_hint: str | None = None, persons: bool = False) -> list[ActorMention]:
    """Actor mentions in ``text[start:end]`` (one sentence), non-overlapping, by position.

    ``country_hint`` (ISO2) is the country the report is about: it gives bare "the army" /
    "gunmen" a country and marks other countries' forces as "external forces". With ``persons``,
    person nouns ("a man", "two people", "the village head") are mentions too (category civilians,
    ``actor_id`` "person:<subgroup>"): candidates for the harmed side, which the role rules place."""
    if end is None:
        end = len(text)
    d = get_actor_dictionary()
    hint = country_hint.upper() if country_hint else None
    caps = is_caps(text[start:end])
    toks = []
    surf = []
    for m in _TOKEN_RE.finditer(text, start, end):
        t = m.group()
        if t != "'" and t != "’":
            toks.append(m)
            surf.append(t)
    if not toks:
        return []
    keys = [_fold(t) for t in surf]
    first = d.first_keys
    n = len(toks)
    out: list[tuple[int, int, str, str, str | None, str | None, bool]] = []
    last_of: tuple[int, str] | None = None  # (token end, phrase) of the last "<forces> of <country>"
    i = 0
    while i < n:
        if keys[i] not in first:
            i += 1
            continue
        cands: list[_Cand] = []
        g = _best(d.groups, keys, surf, i, caps)
        f = _best(d.fighters, keys, surf, g[0], caps) if g is not None and g[0] < n else None
        # "anti-ISIS" is an attribute; "pro-Houthi forces" are the group's own side
        if g is not None and not (_negated(text, toks, keys, i) and not (
                keys[i - 1] == "pro" and (f is not None or keys[g[0] - 1] in _FIGHTER_LAST))):
            j, al = g
            if f is not None:
                j = f[0]
            # a context-only alias ("PDF@", "NAF@") needs its country, or a fighter noun when the country is unknown
            if not al.context_only or d.entries[al.target]["country"] == hint or (f is not None and hint is None):
                cands.append(_Cand(i, j, "group", 0, al.target))
        nat = _best(d.nations, keys, surf, i, caps)
        if nat is not None:
            j, al = nat
            k = j + 1 if j < n and keys[j] == "'s" else j
            gen = _best(d.generics, keys, surf, k, caps) if k < n else None
            if gen is not None and not persons and d.generic[gen[1].target][0] == "person":
                gen = None
            if gen is not None and not gen[1].target.startswith("the "):
                cands.append(_Cand(i, gen[0], "nation", 1, (al.target, gen[1].target)))
            elif last_of is not None and last_of[0] == i - 1 and keys[i - 1] == "and":
                cands.append(_Cand(i, j, "nation", 1, (al.target, last_of[1])))  # "forces of India and Pakistan"
            elif j + 1 < n and keys[j] == "and":  # "Afghan and coalition forces"
                nxt = _best(d.nations, keys, surf, j + 1, caps)
                k2 = nxt[0] if nxt else j + 1
                g2 = _best(d.generics, keys, surf, k2, caps) if k2 < n else None
                g3 = _best(d.groups, keys, surf, j + 1, caps)
                head = g2[1].target if g2 else None
                if head is None and g3 and d.entries[g3[1].target]["category"] == "external forces":
                    head = "forces"
                if head and d.generic.get(head, ("",))[0] in ("military", "police"):
                    cands.append(_Cand(i, j, "nation", 1, (al.target, head)))
        gen = _best(d.generics, keys, surf, i, caps)
        if gen is not None and not persons and d.generic[gen[1].target][0] == "person":
            gen = None
        if gen is not None:
            phrase = gen[1].target
            if phrase.startswith("the ") and i + 1 < n:
                alt = _best(d.generics, keys, surf, i + 1, caps)
                if alt is not None and alt[0] > gen[0]:
                    gen = None  # "the military forces of X": the longer phrase is read at the next token
        if gen is not None:
            phrase = gen[1].target
            of = _of_country(d, keys, surf, gen[0], caps, phrase)
            if of is not None:  # "the military forces of Armenia", "police of Kenya"
                last_of = (of[0], phrase[4:] if phrase.startswith("the ") else phrase)
                cands.append(_Cand(i, of[0], "nation", 1, (of[1], last_of[1])))
            elif phrase not in _NN_MULTI:
                cands.append(_Cand(i, gen[0], "generic", 2, phrase))
        if not cands:
            i += 1
            continue
        c = max(cands, key=lambda c: (c.j, -c.rank))
        s, e = toks[c.i].start(), toks[c.j - 1].end()
        if c.kind == "group" and not caps and c.j == c.i + 1 and surf[c.i] == "IS" and _is_verb(surf, c.i):
            i = c.j  # "he IS treating the boy", "This IS a tragedy": the verb in capitals, not the Islamic State
            continue
        if c.kind == "group":
            ent = d.entries[_COALITION_OF.get(hint or "", c.payload) if c.payload == "coalition" else c.payload]
            cat = _force_category(ent["country"], hint, ent["category"])
            out.append((s, e, ent["name"], cat, ent["country"], ent["id"], False))
        elif c.kind == "nation":
            iso2, phrase = c.payload
            name, cat, cc, aid = _generic_mention(d, phrase, iso2, hint, True)
            out.append((s, e, name, cat, cc, aid, False))
        else:
            name, cat, cc, aid = _generic_mention(d, c.payload, None, hint, False)
            out.append((s, e, name, cat, cc, aid, d.generic[c.payload][0] == "armed"))
        i = c.j
    return _merge_of_group(text, out, d)


_SUBJECT_BEFORE = frozenset("he she it this there everyone everybody everything nothing "
                            "nobody one life here it's".split())
_COPULA_AFTER = frozenset("not a an very so too going being really just here what how why never always still "
                          "now also truly definitely absolutely".split())


def _is_verb(surf: list[str], i: int) -> bool:
    """Is the capitalised token "IS" at ``i`` the verb written for emphasis: after a subject pronoun
    ("he IS treating") or before a word that follows a copula ("IS not", "IS a tragedy")?"""
    prev = surf[i - 1].lower() if i > 0 else ""
    nxt = surf[i + 1] if i + 1 < len(surf) else ""
    return prev in _SUBJECT_BEFORE or (nxt.islower() and nxt in _COPULA_AFTER)


def _of_country(d: ActorDictionary, keys: list[str], surf: list[str], j: int, caps: bool,
                phrase: str) -> tuple[int, str] | None:
    """(token end, ISO2) of "of [the] <country>" right after a military or police phrase ("forces of
    Armenia", "the army of the Democratic Republic of Congo"), else None."""
    n = len(keys)
    if j >= n - 1 or keys[j] != "of":
        return None
    base = phrase[4:] if phrase.startswith("the ") else phrase
    if d.generic.get(base, ("",))[0] not in ("military", "police") or base in STRIKE_HEADS:
        return None
    k = j + 2 if keys[j + 1] == "the" and j + 2 < n else j + 1
    nat = _best(d.nations, keys, surf, k, caps)
    if nat is None:
        return None
    e, al = nat
    if e < n and (keys[e] == "'s" or _best(d.generics, keys, surf, e, caps) is not None):
        return None  # "forces of Iraqi police": the nationality belongs to the next phrase
    if not caps and not surf[k][:1].isupper():
        return None  # a country is written with a capital
    return e, al.target


def _negated(text: str, toks: list[re.Match], keys: list[str], i: int) -> bool:
    """"anti-ISIS", "pro-Taliban": the group is an attribute, not the actor."""
    if i == 0 or keys[i - 1] not in ("anti", "pro", "counter", "non", "ex"):
        return False
    gap = text[toks[i - 1].end():toks[i].start()]
    return "-" in gap or "‐" in gap


def _merge_of_group(text: str, out: list, d: ActorDictionary) -> list[ActorMention]:
    """"militants from al-Shabaab" -> one mention of al-Shabaab spanning both."""
    res: list[ActorMention] = []
    k = 0
    while k < len(out):
        s, e, name, cat, cc, aid, generic_armed = out[k]
        if generic_armed and k + 1 < len(out):
            s2, e2, name2, cat2, cc2, aid2, _ = out[k + 1]
            gap = text[e:s2].lower()
            words = re.findall(r"[a-z]+", gap)
            if aid2 in d.entries and words and len(words) <= 3 and all(w in _CONNECTORS for w in words) \
                    and not re.search(r"[.;:!?\"“”()]", gap):
                res.append(ActorMention((s, e2), text[s:e2], name2, cat2, cc2, aid2))
                k += 2
                continue
        res.append(ActorMention((s, e), text[s:e], name, cat, cc, aid))
        k += 1
    return res
