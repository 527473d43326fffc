"""The API's spatial filters on the sample store (on the backend HARMWATCH_TEST_DB chooses)."""

from __future__ import annotations

from harmwatch.store.engines import distance_m


def test_near_and_bbox_filter_the_sample_incidents(reader) -> None:
    everything = reader.incidents()["items"]
    located = [i for i in everything if i["latitude"] is not None and i["longitude"] is not None]
    mosul = reader.incidents(near="43.13,36.34,50")["items"]  # the founding example is in western Mosul
    assert mosul and {i["country_code"] for i in mosul} == {"IQ"}
    want = {i["id"] for i in located if distance_m(i["latitude"], i["longitude"], 36.34, 43.13) <= 50_000}
    assert {i["id"] for i in mosul} == want
    afghanistan = reader.incidents(bbox="60.5,29.3,74.9,38.5")["items"]
    assert {i["id"] for i in afghanistan} == {
        i["id"] for i in located if 29.3 <= i["latitude"] <= 38.5 and 60.5 <= i["longitude"] <= 74.9}
    assert len(afghanistan) >= 10 and all(i["country_code"] in ("AF", "PK") for i in afghanistan)
    r = reader.get("/api/v1/incidents", params={"near": "43,36"})
    assert r.status_code == 422 and "near" in r.text and "HW-API-FILTER" in r.text
