"""The UI module's routes without a browser: the page and assets with their security headers, the
base map endpoint, and a guard that the page's scripts never turn data into markup."""

from __future__ import annotations

import gzip
import json
import re

import geojson_validator
import pytest
from fastapi.testclient import TestClient

from harmwatch.serve import ui

geojson_validator.configure_logging(enabled=False)

# RFC 7946 faults the validator calls invalid (unclosed rings, degenerate rings, ring orientation)
_INVALID = ("unclosed", "less_three_unique_nodes", "exterior_not_ccw", "interior_not_cw")


def _valid_geojson(fc: dict) -> None:
    assert geojson_validator.validate_structure(fc, check_crs=True) == {}
    found = geojson_validator.validate_geometries(fc, criteria_invalid=_INVALID, criteria_problematic=())
    assert not found.get("invalid"), found["invalid"]


@pytest.fixture(scope="module")
def client(store_url):
    from harmwatch.serve.app import create_app

    with TestClient(create_app(store_url)) as c:
        yield c


def test_page_and_assets_carry_a_strict_csp(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'none'" and directives["script-src"] == "'self'"
    assert "unsafe" not in csp and directives["frame-ancestors"] == "'none'"
    assert r.headers["x-content-type-options"] == "nosniff"
    # the page loads only same-origin module scripts, and no inline script at all
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", r.text, flags=re.S)
    assert scripts and all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
    js = client.get("/static/app.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert js.headers["content-security-policy"] == csp
    # revalidation with the ETag answers 304 without the body
    again = client.get("/static/app.js", headers={"If-None-Match": js.headers["etag"]})
    assert again.status_code == 304 and not again.content


@pytest.mark.parametrize("path", ["/static/../ui.py", "/static/%2e%2e/ui.py", "/static/..%2fui.py",
                                  "/static/nope.js", "/static/", "/static/../../store/db.py"])
def test_assets_outside_static_are_not_served(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "router" not in r.text and "import" not in r.text


def test_every_asset_the_page_imports_is_served(client):
    """Each ES module imported by another (and each file the page links) answers 200."""
    seen, todo = set(), ["app.js", "app.css", "favicon.svg"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        r = client.get(f"/static/{name}")
        assert r.status_code == 200, name
        if name.endswith(".js"):
            todo += re.findall(r'from "\./([\w.]+)"', r.text)
    assert {"api.js", "dom.js", "incident.js", "list.js", "map.js", "timeline.js"} <= seen
    assert seen == {p.name for p in ui.STATIC_DIR.iterdir() if p.name != "index.html"}  # no dead files


def test_scripts_never_parse_data_as_markup():
    """Scraped text is untrusted: no innerHTML/outerHTML/insertAdjacentHTML/document.write/eval."""
    banned = re.compile(r"\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(|"
                        r"setAttribute\(\s*[\"']style|DOMParser|createContextualFragment")
    for path in ui.STATIC_DIR.glob("*.js"):
        code = "\n".join(line for line in path.read_text().splitlines() if not line.lstrip().startswith("//"))
        assert not banned.search(code), f"{path.name}: {banned.search(code).group(0)}"


def _rings(geom):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    for poly in polys:
        yield from poly


def test_basemap_is_the_shipped_countries_simplified(client):
    r = client.get("/api/v1/basemap", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/geo+json"
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) > 200
    _valid_geojson(fc)
    codes = {f["properties"]["country_code"] for f in fc["features"]}
    assert {"AF", "IQ", "SV", "CO", "US"} <= codes
    points = 0
    for f in fc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        for ring in _rings(f["geometry"]):
            assert len(ring) >= 4 and ring[0] == ring[-1]  # RFC 7946: closed linear rings
            assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
            points += len(ring)
    # simplified for the screen: far fewer points than the shipped source, still the whole world
    with gzip.open(ui._source("admin0"), "rt") as fh:
        source = json.load(fh)
    source_points = sum(len(ring) for f in source["features"] for ring in _rings(f["geometry"]))
    assert points < source_points / 3
    assert len(r.content) < 1_500_000


def test_basemap_provinces_of_one_country(client):
    af = client.get("/api/v1/basemap", params={"level": "admin1", "country": "af"}).json()
    names = {f["properties"]["name"] for f in af["features"]}
    assert len(af["features"]) >= 30 and {"Kandahar", "Helmand", "Kabul"} <= names
    assert {f["properties"]["country_code"] for f in af["features"]} == {"AF"}
    _valid_geojson(af)
    nowhere = client.get("/api/v1/basemap", params={"level": "admin1", "country": "ZZ"}).json()
    assert nowhere == {"type": "FeatureCollection", "features": []}
    bad = client.get("/api/v1/basemap", params={"country": "' OR 1=1 --"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "HW-API-FILTER"
    assert client.get("/api/v1/basemap", params={"level": "admin9"}).status_code == 422
