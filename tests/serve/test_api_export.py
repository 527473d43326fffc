"""GET /api/v1/export: the filtered list as a file, in each export format, on the real sample store."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq


def test_export_follows_the_list_filters(reader):
    country = max(reader.incidents()["counts"]["country"].items(), key=lambda kv: kv[1])[0]
    listed = {i["id"] for i in reader.incidents(country=country)["items"]}
    r = reader.get("/api/v1/export", params={"format": "jsonl", "country": country})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in r.headers["content-disposition"]
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert {row["incident_id"] for row in rows} == listed
    assert int(r.headers["x-harmwatch-incidents"]) == len(listed)
    everything = reader.get("/api/v1/export", params={"format": "jsonl"}).text.splitlines()
    assert len(everything) == reader.incidents()["total"] > len(rows)


def test_export_formats_read_back(reader):
    total = reader.incidents()["total"]
    acled = reader.get("/api/v1/export", params={"format": "acled"})
    assert acled.status_code == 200 and acled.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(acled.text)))
    assert len(table) == total and "event_date" in table[0] and "fatalities" in table[0]
    geo = reader.get("/api/v1/export", params={"format": "geojson", "located_only": "true"}).json()
    assert geo["type"] == "FeatureCollection" and all(f["geometry"]["type"] == "Point" for f in geo["features"])
    parquet = reader.get("/api/v1/export", params={"format": "parquet"})
    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == total


def test_approved_selection_and_bad_format(reviewer):
    item = reviewer.incidents()["items"][0]
    r = reviewer.write("POST", f"/api/v1/incidents/{item['id']}/approve", json={"version": item["version"]})
    assert r.status_code == 200, r.text
    rows = reviewer.get("/api/v1/export", params={"format": "jsonl", "selection": "approved"}).text.splitlines()
    assert [json.loads(x)["incident_id"] for x in rows] == [item["id"]]
    bad = reviewer.get("/api/v1/export", params={"format": "shapefile"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "HW-EXPORT-FORMAT"


def test_export_needs_a_login(make_api, shared_url):
    anonymous = make_api(shared_url)
    r = anonymous.get("/api/v1/export", params={"format": "jsonl"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "HW-AUTH-REQUIRED"
