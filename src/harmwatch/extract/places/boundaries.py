"""Admin-1 units from point-in-polygon on the shipped Natural Earth boundaries.

A place the gazetteer resolves with coordinates but without an admin-1 unit (a GeoNames record with
no admin1 code, a neighbourhood placed at its city's point) gets the province its point lies in.
The polygons are ``data/gazetteer/ne_10m_admin1_simpl500m.geojson.gz`` (Natural Earth, public
domain; see the SOURCES.md beside it). They are parsed once and cached as a pickle of shapely
geometries next to the gazetteer index, so later processes load them in a fraction of a second.
Loading happens on the first look-up only: documents whose places all carry an admin-1 code never
pay for it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

_SOURCE = "ne_10m_admin1_simpl500m.geojson.gz"
_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Admin1:
    name: str
    iso_3166_2: str | None
    country_code: str | None
    geonames_admin1_code: str | None


class Boundaries:
    """Admin-1 polygons with an STRtree index: ``admin1_at(lat, lon)``."""

    def __init__(self, units: list[Admin1], geoms: list) -> None:
        from shapely import STRtree

        self.units = units
        self.geoms = geoms
        self.tree = STRtree(geoms)

    def admin1_at(self, lat: float, lon: float, country_code: str | None = None) -> Admin1 | None:
        """The admin-1 unit containing the point; with ``country_code``, only a unit of that country."""
        from shapely import Point

        pt = Point(lon, lat)
        hits = [int(i) for i in self.tree.query(pt, predicate="intersects")]
        for i in hits:
            unit = self.units[i]
            if country_code is None or unit.country_code == country_code:
                return unit
        return None


def _source_path() -> Path:
    return Path(str(resources.files("harmwatch") / "data" / "gazetteer" / _SOURCE))


def _cache_path(src: Path) -> Path:
    from harmwatch.extract.places.gazetteer import cache_dir

    # the module path is in the key: the pickle names its classes by module (a moved module is a new cache)
    sig = hashlib.sha1(f"{_FORMAT}:{__name__}:{src.stat().st_size}:{src.name}".encode()).hexdigest()[:12]
    return cache_dir() / f"admin1-boundaries-{sig}.pickle"


def _parse(src: Path) -> tuple[list[Admin1], list]:
    from shapely.geometry import shape

    with gzip.open(src, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    units, geoms = [], []
    for feat in data["features"]:
        props = feat.get("properties") or {}
        geom = feat.get("geometry")
        if not geom:
            continue
        iso2 = props.get("iso_a2")
        units.append(
            Admin1(
                name=props.get("name_en") or props.get("name") or "",
                iso_3166_2=props.get("iso_3166_2") or None,
                country_code=iso2 if iso2 and iso2 != "-99" else None,
                geonames_admin1_code=props.get("gn_a1_code") or None,
            )
        )
        geoms.append(shape(geom))
    return units, geoms


@lru_cache(maxsize=1)
def get_boundaries() -> Boundaries:
    """The admin-1 boundaries, from the on-disk cache or parsed (and cached) on first use."""
    src = _source_path()
    path = _cache_path(src)
    if path.exists():
        try:
            with path.open("rb") as fh:
                units, geoms = pickle.load(fh)
            return Boundaries(units, geoms)
        except Exception as exc:  # a torn or stale cache is rebuilt, never trusted
            log.warning("rebuilding the boundary cache %s: %r", path, exc)
    units, geoms = _parse(src)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".boundaries-")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((units, geoms), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: two processes never leave a half-written cache
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return Boundaries(units, geoms)
