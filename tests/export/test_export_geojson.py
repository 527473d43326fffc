"""GeoJSON of the sample store, validated against RFC 7946 by geojson-validator (not a hand check),
with the lon/lat order checked against known places."""

from __future__ import annotations

import json
import math

import geojson_validator
import pytest

from harmwatch.export import write

geojson_validator.configure_logging(enabled=False)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def collection(sample_url, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("geojson") / "incidents.geojson"
    res = write(sample_url, "geojson", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert res.written == len(doc["features"])
    return doc


def test_geojson_is_valid_rfc7946(collection, sample_records):
    assert geojson_validator.validate_structure(collection, check_crs=True) == {}
    geometries = geojson_validator.validate_geometries(collection)
    assert geometries["invalid"] == {} and geometries["problematic"] == {}
    assert "crs" not in collection and collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(sample_records)


def test_geojson_points_are_lon_lat(collection, seed):
    by_id = {f["id"]: f for f in collection["features"]}
    lon, lat = by_id[seed["incident_id"]]["geometry"]["coordinates"]
    assert _km(lat, lon, 36.34, 43.13) < 15  # al-Zanjili is in western Mosul (36.34 N, 43.13 E)
    assert _km(lon, lat, 36.34, 43.13) > 500  # the swapped order would be far away
    places = {"SAN SALVADOR": (13.69, -89.19), "BOGOTA": (4.61, -74.08), "Kabul": (34.53, 69.17)}
    checked = 0
    for f in collection["features"]:
        name = f["properties"]["location"]
        if name in places and f["geometry"]:
            lon, lat = f["geometry"]["coordinates"]
            assert _km(lat, lon, *places[name]) < 25, (name, lon, lat)
            checked += 1
    assert checked >= 5


def test_geojson_unlocated_incidents_have_null_geometry_or_are_left_out(collection, sample_records, sample_url, tmp_path):
    unlocated = {r["incident_id"] for r in sample_records if (r.get("location") or {}).get("lat") is None}
    assert unlocated  # the sample has an incident with no place mentioned
    nulls = {f["id"] for f in collection["features"] if f["geometry"] is None}
    assert nulls == unlocated
    out = tmp_path / "located.geojson"
    res = write(sample_url, "geojson", out, located_only=True)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert res.left_out == len(unlocated) and res.unlocated == 0
    assert len(doc["features"]) == len(sample_records) - len(unlocated)
    assert all(f["geometry"] for f in doc["features"])
    assert geojson_validator.validate_structure(doc, check_crs=True) == {}


def test_geojson_properties_are_the_flat_table(collection, seed):
    props = next(f for f in collection["features"] if f["id"] == seed["incident_id"])["properties"]
    assert props["perpetrators"] == ["Islamic State"] and props["killed_best"] == 250
    assert props["date_start"] is None and props["date_start_raw"] == "--06-03 (year unknown)"
    dated = [f["properties"] for f in collection["features"] if f["properties"]["date_start"]]
    assert dated and all(p["date_start_raw"] is None for p in dated)  # the calendar date is in date_start
    assert props["country"] == "Iraq" and props["location_precision"] == "neighbourhood"
