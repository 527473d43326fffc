"""Spatial filters on incident coordinates: inside a bounding box, within a distance of a point.

The same filter gives the same incidents on every backend; only the SQL differs:

* PostgreSQL with PostGIS: ``ST_Intersects`` of the point with ``ST_MakeEnvelope`` (exact, edges
  included) and ``ST_DWithin`` on ``geography`` with ``use_spheroid => false``, both over the
  expressions that revision 0005_spatial indexes with GiST (``ix_review_index_geom``,
  ``ix_review_index_geog``), so a box or a radius over a million incidents is an index scan.
* SQLite, and PostgreSQL without PostGIS: plain ``lat``/``lon`` comparisons; the distance is the
  haversine on the same sphere PostGIS uses without the spheroid (mean radius 6371008.7714 m), as
  the SQL function ``harmwatch_distance_m`` on SQLite (registered on each connection, engines.py)
  and as an SQL expression on PostgreSQL, behind a latitude band that any index on ``lat`` serves.

Which SQL is chosen when a statement compiles: ``open_store`` sets ``harmwatch_postgis`` on the
engine's dialect once, after the migrations, before any query (an engine's compiled-statement
cache is its own, so the choice never leaks between databases). A box across the antimeridian
(minlon > maxlon) is two boxes, decided in Python from the values, never at compile time.
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import Boolean, and_, bindparam, false, func, literal, literal_column, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from .engines import EARTH_RADIUS_M

#: metres per degree of latitude on the sphere above
_M_PER_DEG = EARTH_RADIUS_M * math.pi / 180.0


class _InBox(FunctionElement):
    """``lat``/``lon`` inside [minlon, maxlon] x [minlat, maxlat] (minlon <= maxlon), edges included."""

    type = Boolean()
    inherit_cache = True
    name = "harmwatch_in_box"


class _Within(FunctionElement):
    """``lat``/``lon`` within ``metres`` of (``lat0``, ``lon0``) on the mean-radius sphere."""

    type = Boolean()
    inherit_cache = True
    name = "harmwatch_within"


def _postgis(compiler: Any) -> bool:
    return bool(getattr(compiler.dialect, "harmwatch_postgis", False))


#: the SRID as a literal, never a bound parameter: the index expressions hold the literal 4326
_WGS84 = literal_column("4326")


def _point(lat: Any, lon: Any) -> Any:
    return func.ST_SetSRID(func.ST_MakePoint(lon, lat), _WGS84)


@compiles(_InBox)
def _in_box_plain(element: _InBox, compiler: Any, **kw: Any) -> str:
    lat, lon, minlon, minlat, maxlon, maxlat = element.clauses
    expr = and_(lat.is_not(None), lon.is_not(None), lat.between(minlat, maxlat), lon.between(minlon, maxlon))
    return compiler.process(expr, **kw)


@compiles(_InBox, "postgresql")
def _in_box_pg(element: _InBox, compiler: Any, **kw: Any) -> str:
    if not _postgis(compiler):
        return _in_box_plain(element, compiler, **kw)
    lat, lon, minlon, minlat, maxlon, maxlat = element.clauses
    expr = func.ST_Intersects(_point(lat, lon), func.ST_MakeEnvelope(minlon, minlat, maxlon, maxlat, _WGS84))
    return compiler.process(expr, **kw)


def _haversine_sql(lat: Any, lon: Any, lat0: Any, lon0: Any) -> Any:
    rad = func.radians
    h = (func.power(func.sin((rad(lat) - rad(lat0)) / 2), 2)
         + func.cos(rad(lat)) * func.cos(rad(lat0)) * func.power(func.sin((rad(lon) - rad(lon0)) / 2), 2))
    return 2 * literal(EARTH_RADIUS_M) * func.asin(func.least(1.0, func.sqrt(h)))


def _band(lat: Any, lat0: Any, metres: Any) -> Any:
    """A latitude band that holds the whole circle (cheap, and an index on lat can serve it)."""
    return and_(lat.is_not(None), lat.between(lat0 - metres / _M_PER_DEG, lat0 + metres / _M_PER_DEG))


@compiles(_Within)
def _within_sqlite(element: _Within, compiler: Any, **kw: Any) -> str:
    lat, lon, lat0, lon0, metres = element.clauses
    expr = and_(_band(lat, lat0, metres), func.harmwatch_distance_m(lat, lon, lat0, lon0) <= metres)
    return compiler.process(expr, **kw)


@compiles(_Within, "postgresql")
def _within_pg(element: _Within, compiler: Any, **kw: Any) -> str:
    lat, lon, lat0, lon0, metres = element.clauses
    if _postgis(compiler):
        expr = func.ST_DWithin(func.geography(_point(lat, lon)), func.geography(_point(lat0, lon0)), metres,
                               false())
    else:
        expr = and_(_band(lat, lat0, metres), lon.is_not(None), _haversine_sql(lat, lon, lat0, lon0) <= metres)
    return compiler.process(expr, **kw)


def in_bbox(lat: Any, lon: Any, bbox: tuple[float, float, float, float]) -> Any:
    """The condition "(lat, lon) inside ``bbox`` = (minlon, minlat, maxlon, maxlat)"; a box with
    minlon > maxlon crosses the antimeridian and is the two boxes on either side of it."""
    minlon, minlat, maxlon, maxlat = (float(v) for v in bbox)

    def box(lo: float, hi: float) -> Any:
        return _InBox(lat, lon, bindparam(None, lo), bindparam(None, minlat), bindparam(None, hi),
                      bindparam(None, maxlat))

    if minlon <= maxlon:
        return box(minlon, maxlon)
    return or_(box(minlon, 180.0), box(-180.0, maxlon))


def near(lat: Any, lon: Any, lat0: float, lon0: float, km: float) -> Any:
    """The condition "(lat, lon) within ``km`` kilometres of (lat0, lon0)" (great circle)."""
    return _Within(lat, lon, bindparam(None, float(lat0)), bindparam(None, float(lon0)),
                   bindparam(None, float(km) * 1000.0))


#: what PostGIS puts into a database (its table) and what 0005_spatial adds outside the models
_SPATIAL_OBJECTS = {"spatial_ref_sys", "ix_review_index_geom", "ix_review_index_geog"}


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic ``include_object``: autogenerate leaves PostGIS's own table and the spatial
    expression indexes alone (they are not in the models, on purpose)."""
    return not (reflected and compare_to is None and name in _SPATIAL_OBJECTS)
