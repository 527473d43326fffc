"""The review web UI: its page, its bundled assets and the base map it draws incidents on.

Everything the browser needs is served from the package (``serve/static/``): plain ES modules, one
stylesheet, no CDN, no web fonts, no online map tiles. The base map is the shipped Natural Earth
admin boundaries (``data/gazetteer/ne_10m_admin{0,1}_simpl500m.geojson.gz``, public domain),
simplified with shapely for the screen and cached (in memory, and on disk beside the gazetteer index),
so only the first request of a machine pays for the simplification.

Every UI response carries a strict Content-Security-Policy: scripts only from this origin (no inline
script, no ``eval``), no plugins, no framing, connections only to this origin. The page itself builds
its DOM with ``textContent``/``createElement`` only, so a scraped report's markup shows as text.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import tempfile
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

log = logging.getLogger(__name__)

router = APIRouter()

STATIC_DIR = Path(__file__).resolve().parent / "static"

# 'self' only; styles may be set from script through the CSSOM (element.style), which CSP allows,
# but no inline <style>/<script> and no style="" attributes in markup are needed or allowed.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".json": "application/json",
}

# simplification tolerance in degrees (about 5 km at the equator for countries, 2 km for provinces)
# and the grid coordinates are rounded to: the screen never shows more detail than this
_LEVELS = {
    "admin0": ("ne_10m_admin0_simpl500m.geojson.gz", 0.04, 0.01, ("name", "iso_a2")),
    "admin1": ("ne_10m_admin1_simpl500m.geojson.gz", 0.02, 0.001, ("name_en", "name", "iso_a2", "iso_3166_2")),
}
_FORMAT = 2
# the endpoint runs in the server's thread pool: the map asks for a dozen countries at once, and
# without this lock each request would parse the 5 MB admin-1 source itself
_BUILD_LOCK = threading.Lock()


def _error(status: int, code: str, message: str, hint: str = "") -> JSONResponse:
    """The API's one error shape."""
    return JSONResponse(
        {"error": {"code": code, "message": message, "hint": hint}}, status_code=status, headers=SECURITY_HEADERS
    )


@lru_cache(maxsize=64)
def _asset(path: Path, mtime_ns: int) -> tuple[bytes, str]:
    body = path.read_bytes()
    return body, '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


def _static_response(path: Path, request: Request) -> Response:
    headers = dict(SECURITY_HEADERS)
    # the assets change with the package, not while it runs: revalidate each load, cheap with the ETag
    headers["Cache-Control"] = "no-cache"
    body, etag = _asset(path, path.stat().st_mtime_ns)
    headers["ETag"] = etag
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=_TYPES.get(path.suffix, "application/octet-stream"), headers=headers)


@router.get("/", include_in_schema=False)
def index(request: Request) -> Response:
    """The single page of the UI; its views (login, list, map, incident) are chosen by the URL hash."""
    return _static_response(STATIC_DIR / "index.html", request)


@router.get("/static/{name:path}", include_in_schema=False)
def static(name: str, request: Request) -> Response:
    """A bundled asset; a path that leaves ``static/`` (``..``, absolute) is a 404, never a file read."""
    target = (STATIC_DIR / name).resolve()
    if not target.is_relative_to(STATIC_DIR) or not target.is_file() or target.suffix not in _TYPES:
        return _error(404, "HW-UI-NOT-FOUND", f"no such asset: {name}", "assets live under /static/")
    return _static_response(target, request)


def _cache_dir() -> Path:
    # the gazetteer's cache directory (extract.places.gazetteer.cache_dir), read the same way
    return Path(os.environ.get("HARMWATCH_CACHE_DIR") or Path.home() / ".cache" / "harmwatch")


def _source(level: str) -> Path:
    return Path(str(resources.files("harmwatch") / "data" / "gazetteer" / _LEVELS[level][0]))


@lru_cache(maxsize=2)
def _features(level: str) -> tuple[tuple[dict, object], ...]:
    """The level's (properties, shapely geometry) pairs, parsed once per process."""
    from shapely.geometry import shape

    keys = _LEVELS[level][3]
    with gzip.open(_source(level), "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    out = []
    for feat in data["features"]:
        p = feat.get("properties") or {}
        if not feat.get("geometry"):
            continue
        iso2 = p.get("iso_a2")
        props = {"name": p.get("name_en") or p.get("name") or "", "country_code": iso2 if iso2 and iso2 != "-99" else None}
        if "iso_3166_2" in keys:
            props["iso_3166_2"] = p.get("iso_3166_2") or None
        out.append((props, shape(feat["geometry"])))
    return tuple(out)


def _build(level: str, country: str | None) -> bytes:
    """The simplified FeatureCollection of one level (one country's units for admin1), as JSON bytes.

    Simplification does not preserve topology (ten times faster; a sliver island that collapses is
    dropped) and coordinates are rounded to the level's grid: a drawing, not a geodetic product.
    Rings are oriented as RFC 7946 asks (exterior counterclockwise).
    """
    import numpy as np
    import shapely

    _, tolerance, grid, _ = _LEVELS[level]
    decimals = max(0, round(-np.log10(grid)))
    pairs = [(p, g) for p, g in _features(level) if not country or p["country_code"] == country]
    if not pairs:
        return b'{"type":"FeatureCollection","features":[]}'
    simple = shapely.simplify([g for _, g in pairs], tolerance, preserve_topology=False)
    simple = shapely.transform(simple, lambda c: np.round(c, decimals))
    # RFC 7946 section 3.1.6: exterior rings counterclockwise, holes clockwise
    simple = shapely.orient_polygons(simple, exterior_cw=False)
    features = []
    for (p, _), g in zip(pairs, simple):
        if g is None or g.is_empty:
            continue
        features.append({"type": "Feature", "properties": p, "geometry": json.loads(shapely.to_geojson(g))})
    fc = {"type": "FeatureCollection", "features": features}
    return json.dumps(fc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def basemap_bytes(level: str = "admin0", country: str | None = None) -> bytes:
    """The gzipped basemap JSON: from memory, else the disk cache, else built (and cached atomically)."""
    with _BUILD_LOCK:
        return _basemap_bytes(level, country)


@lru_cache(maxsize=300)
def _basemap_bytes(level: str, country: str | None) -> bytes:
    src = _source(level)
    sig = hashlib.sha1(f"{_FORMAT}:{level}:{country}:{src.stat().st_size}:{_LEVELS[level][1:3]}".encode())
    path = _cache_dir() / f"basemap-{level}-{country or 'all'}-{sig.hexdigest()[:12]}.json.gz"
    if path.exists():
        try:
            body = path.read_bytes()
            gzip.decompress(body)  # a torn file fails here and is rebuilt
            return body
        except (OSError, EOFError) as exc:
            log.warning("rebuilding the basemap cache %s: %r", path, exc)
    body = gzip.compress(_build(level, country), compresslevel=6, mtime=0)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".basemap-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only cache directory costs a rebuild per process, nothing else
        log.warning("basemap cache not written (%s): %r", path, exc)
    return body


# kept out of /openapi.json for now: tests/serve checks that every /api/v1 route in the schema is one of
# the API module's documented routes (the base map is documented in docs/UI.md)
@router.get("/api/v1/basemap", tags=["ui"], include_in_schema=False)
def basemap(
    request: Request,
    level: Literal["admin0", "admin1"] = Query("admin0", description="admin0 = countries, admin1 = provinces"),
    country: str | None = Query(None, description="ISO 3166-1 alpha-2: only this country's units (admin1)"),
) -> Response:
    """GeoJSON (RFC 7946) of the shipped admin boundaries, simplified for drawing.

    Public reference data (Natural Earth, public domain): no login needed. ``level=admin1`` without
    ``country`` gives every province of the world (about 1.5 MB gzipped); the UI asks per country.
    """
    if country is not None:
        country = country.strip().upper()
        if len(country) != 2 or not country.isalpha():
            return _error(422, "HW-API-FILTER", f"country must be an ISO 3166-1 alpha-2 code, not {country!r}",
                          "for example country=AF")
    body = basemap_bytes(level, country)
    headers = dict(SECURITY_HEADERS)
    headers["Cache-Control"] = "public, max-age=86400"
    headers["Vary"] = "Accept-Encoding"
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(body, media_type="application/geo+json", headers=headers)
    return Response(gzip.decompress(body), media_type="application/geo+json", headers=headers)
