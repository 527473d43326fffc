"""Place-name keys and the hashed key index: the part of the gazetteer that both the index build
(:mod:`.build`) and the look-ups (:mod:`.gazetteer`) need, so neither imports the other's internals.

Name keys (see :func:`normalize`)
    exact key: casefold, diacritics stripped, apostrophes/‘ʿ’ dropped, hyphens -> space;
    article key: the exact key without Arabic articles ("al-", "el-", sun-letter "ash-", "ad-", ...) and
    generic admin words ("province", "governorate", "district", "qada", ...);
    skeleton key (fallback only): consonant skeleton of the article key ("Hawija" ~ "Al Ḩawījah").
    A look-up tries them in that order and returns the first non-empty hit set.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from harmwatch.extract.lexicon import PERSON_NOUNS

#: bump when the index layout or the key functions change (forces a rebuild)
INDEX_FORMAT = 5

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
SOURCE_FILES = (
    "admin_subdivisions.tsv.gz",
    "admin1CodesASCII.txt",
    "countryInfo.txt",
    "country_names_to_iso3.json",
    "nationality_to_iso3.csv",
    "ne_10m_admin0_simpl500m.geojson.gz",
    "ne_10m_admin1_simpl500m.geojson.gz",
)
MIN_CITY_POPULATION = 500
#: a city this large may be named without its country (see :meth:`Gazetteer.is_major`)
MAJOR_CITY_POPULATION = 100_000

KINDS = ("city", "admin1", "admin2", "country")
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``lat``/``lon`` are None when the sources give no point (some admin2)."""

    geonameid: int | None
    name: str
    kind: str  # city | admin1 | admin2 | country
    country_code: str  # ISO 3166-1 alpha-2
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    feature_code: str | None  # GeoNames feature code: PPL (city), ADM1, ADM2, PCLI
    admin1_code: str | None = None  # GeoNames admin1 path, e.g. "IQ.15"


# --------------------------------------------------------------------------- normalisation

_APOSTROPHES = "'’‘ʿʾ`´ʻʼ′ʹ\u02bc\u02bb\u055a"
_DASHES = "-‐‑‒–—―_/"
_DROP = str.maketrans({c: None for c in _APOSTROPHES + ".\u0640"})  # \u0640 = Arabic tatweel
_SPACE = str.maketrans({c: " " for c in _DASHES + ",;:()[]\"“”«»!?&"})
_ARABIC = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
_SPECIAL = str.maketrans({"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss",
                          "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d", "ħ": "h"})
_WS = re.compile(r"\s+")
_DOUBLE = re.compile(r"([a-z])\1")

#: Arabic articles as separate tokens after normalisation ("al-Zanjili" -> "al zanjili")
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "an", "at", "az", "ash", "adh", "ath", "ath", "aş",
                      "ul", "the"})
#: generic admin words dropped in the article key ("Nineveh Governorate" -> "nineveh")
GENERIC_WORDS = frozenset({
    "province", "governorate", "district", "region", "state", "county", "municipality",
    "department", "departamento", "oblast", "raion", "rayon", "wilayah", "wilayat", "muhafazat",
    "muhafazah", "mintaqat", "qada", "qadaa", "kaza", "nahiyat", "provincia", "prefecture",
    "city", "of", "division", "republic", "parish", "sub", "subdistrict", "ostan", "velayat", "wilaya", "estado",
})
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """Exact key: casefold, strip diacritics, drop apostrophes, hyphens/punctuation -> single space."""
    if name.isascii():  # fast path (most tokens): no diacritics, no Arabic letters
        if name.isalpha():
            return name.lower()
        return _WS.sub(" ", name.translate(_DROP).translate(_SPACE).lower()).strip()
    s = name.translate(_SPECIAL).translate(_DROP).translate(_SPACE)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.translate(_ARABIC).translate(_SPECIAL)
    return _WS.sub(" ", s).strip()


def article_key(key: str) -> str:
    """Drop Arabic article tokens and generic admin words from an exact key (keeps at least one word).

    Arabic script: a leading "ال" on a word is dropped too (الموصل -> موصل).
    """
    words = key.split()
    kept = []
    for w in words:
        if w in ARTICLES or w in GENERIC_WORDS:
            continue
        if len(w) > 3 and w.startswith("ال"):
            w = w[2:]
        kept.append(w)
    if not kept:
        kept = words
    out = []
    for w in kept:  # Latin transliteration variants: "Raqqah" ~ "Raqqa", "Tall" ~ "Tal"
        if w.isascii():
            if len(w) > 3 and w.endswith("ah"):
                w = w[:-1]
            w = _DOUBLE.sub(r"\1", w)
        out.append(w)
    return " ".join(out)


def skeleton_key(key: str) -> str:
    """Consonant skeleton of an article key, for transliteration variants (fallback only).

    Per word: "ou"->"u", "ee"->"i", "q"->"k", "ph"->"f"; a final "h" after a vowel is dropped; the first
    letter is kept; later vowels (aeiouy) are dropped; doubled letters collapse. Returns "" when fewer
    than three consonants remain (too ambiguous to be useful) or the key is not Latin.
    """
    out = []
    for w in article_key(key).split():
        if not w.isascii():
            return ""
        w = w.replace("ou", "u").replace("ee", "i").replace("q", "k").replace("ph", "f")
        if len(w) > 2 and w.endswith("h") and w[-2] in _VOWELS:
            w = w[:-1]
        chars = [w[0]] + [c for c in w[1:] if c not in _VOWELS and c.isalpha()]
        dedup = [c for i, c in enumerate(chars) if i == 0 or c != chars[i - 1]]
        out.append("".join(dedup))
    sk = "".join(out)
    return sk if sum(1 for c in sk if c not in _VOWELS) >= 3 else ""


_LOOSE_MAP = (("ph", "f"), ("q", "k"), ("c", "k"), ("x", "ks"), ("z", "s"))
_LOOSE_DROP = str.maketrans({c: None for c in "aeiouywh "})


def loose_key(key: str) -> str:
    """Loosest key of an exact key, for look-ups *constrained* to one admin1 unit or country only
    (":meth:`Gazetteer.lookup_within`): the article key without spaces, vowels, "w", "y" and "h",
    "q"/"c" -> "k", "z" -> "s", doubled letters collapsed ("Jalawla" ~ "Jalūlā’", "Shoqra" ~
    "Shuqrah", "Puli Alam" ~ "Pul-e ‘Alam"). Far too ambiguous for a world-wide look-up."""
    ak = article_key(key)
    if not ak.isascii():
        return ""
    for a, b in _LOOSE_MAP:
        ak = ak.replace(a, b)
    s = _DOUBLE.sub(r"\1", ak.translate(_LOOSE_DROP))
    return s if len(s) >= 2 else ""


def _h(key: str) -> int:
    """Stable 64-bit hash of a key (Python's ``hash`` is salted per process)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


def _script_ok(name: str) -> bool:
    """Keep Latin- and Arabic-script names (the languages harmwatch reads); drop others to save memory."""
    if name.isascii():
        return any(c.isalpha() for c in name)
    for c in name:
        if c.isalpha():
            if c.isascii():
                continue
            n = unicodedata.name(c, "")
            if not (n.startswith("LATIN") or n.startswith("ARABIC")):
                return False
    return any(c.isalpha() for c in name)


# --------------------------------------------------------------------------- hashed key index


class _KeyIndex:
    """Sorted 64-bit key hashes -> postings (place row numbers). Tiny in memory, loads instantly."""

    __slots__ = ("hashes", "offsets", "postings")

    def __init__(self, hashes: array, offsets: array, postings: array):
        self.hashes, self.offsets, self.postings = hashes, offsets, postings

    @classmethod
    def build(cls, pairs: Iterable[tuple[str, int]]) -> "_KeyIndex":
        groups: dict[int, set[int]] = defaultdict(set)
        for key, row in pairs:
            if key:
                groups[_h(key)].add(row)
        hashes, offsets, postings = array("Q"), array("I", [0]), array("I")
        for h in sorted(groups):
            hashes.append(h)
            postings.extend(sorted(groups[h]))
            offsets.append(len(postings))
        return cls(hashes, offsets, postings)

    def get(self, key: str) -> tuple[int, ...]:
        if not key:
            return ()
        h = _h(key)
        i = bisect_left(self.hashes, h)
        if i < len(self.hashes) and self.hashes[i] == h:
            return tuple(self.postings[self.offsets[i]:self.offsets[i + 1]])
        return ()

    def __len__(self) -> int:
        return len(self.hashes)

    def __getstate__(self):
        return (self.hashes, self.offsets, self.postings)

    def __setstate__(self, state):
        self.hashes, self.offsets, self.postings = state


# --------------------------------------------------------------------------- words around a name (issue 15)

#: tokens after a name that make the whole a street ("Bourbon Street", "Payson St.", "South Union Avenue"): the
#: name is the street's, not a town's
STREET_HEADS = frozenset("""
street st avenue ave road rd boulevard blvd drive dr lane ln court ct parkway pkwy terrace circle trail
place pl alley highway hwy pike turnpike expressway freeway
""".split())
#: tokens after a name that make the whole an institution ("Cooper University Hospital", "Crest High
#: School"): the name is a place there only when it is a major place itself ("Kabul University")
INSTITUTION_HEADS = frozenset("""
hospital school university college academy church mall hotel motel restaurant bar lounge tavern nightclub
store apartments cemetery elementary high middle
""".split())
#: capitalised words after a one-word place that leave it a place ("Bagram Air Field", "Urbana Sunday")
NAME_GO_ON = frozenset("""
air field airfield heights hills island islands beach springs falls junction township borough parish point
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december police county
""".split())
#: ", a mother of two": the name before is a person's
PERSON_APPOSITION = re.compile(
    r"^\s*,\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,3}?(?:" + "|".join(sorted(
        (re.escape(n) for n in PERSON_NOUNS if " " not in n), key=len, reverse=True)) + r")\b", re.IGNORECASE)
