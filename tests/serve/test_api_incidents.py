"""Reading incidents on the real sample store: filters, pagination, counts, detail with evidence,
documents, aggregates, SQL metacharacters, the error shape and the OpenAPI schema."""

from __future__ import annotations

import pytest


def _all(reader, **params) -> list[dict]:
    return reader.incidents(**params)["items"]


def test_the_list_holds_every_merged_incident_with_counts(reader, shared_url, databases):
    merged = databases.scalar(shared_url, "SELECT count(*) FROM merged_incidents")
    body = reader.incidents()
    assert merged > 50 and body["total"] == merged == len(body["items"])
    assert sum(body["counts"]["status"].values()) == merged
    assert sum(body["counts"]["event_type"].values()) == merged
    assert sum(body["counts"]["country"].values()) == merged
    first = body["items"][0]
    assert set(first) == {"id", "version", "status", "event_type", "sub_event_type", "date", "date_precision",
                          "country_code", "admin1", "location", "latitude", "longitude", "killed", "injured",
                          "perpetrators", "victims", "report_count", "title"}


def test_pages_are_disjoint_and_cover_everything(reader):
    total = reader.incidents()["total"]
    seen: list[str] = []
    page = 1
    while True:
        body = reader.incidents(page=page, page_size=7)
        assert body["total"] == total and body["page"] == page
        if not body["items"]:
            break
        assert len(body["items"]) <= 7
        seen += [i["id"] for i in body["items"]]
        page += 1
    assert len(seen) == len(set(seen)) == total
    assert page - 1 == -(-total // 7)


@pytest.mark.parametrize("sort", ["date", "-date", "killed", "-killed"])
def test_sorts_order_the_items(reader, sort):
    items = _all(reader, sort=sort)
    key = "date" if "date" in sort else "killed"
    values = [i[key] for i in items if i[key] is not None and (key != "date" or i[key][0].isdigit())]
    assert values == sorted(values, reverse=sort.startswith("-"))
    nulls = [k for k, i in enumerate(items) if i[key] is None]
    assert all(k >= len(items) - len(nulls) for k in nulls)  # unknown last


def test_each_filter_narrows_the_list_the_right_way(reader):
    everything = _all(reader)
    n = len(everything)

    af = _all(reader, country="af")
    assert 0 < len(af) < n and all(i["country_code"] == "AF" for i in af)
    assert len(af) == sum(1 for i in everything if i["country_code"] == "AF")

    admin1 = next(i["admin1"] for i in af if i["admin1"])
    in_admin1 = _all(reader, admin1=admin1.upper())
    assert 0 < len(in_admin1) < len(af) + 1 and all(i["admin1"] == admin1 for i in in_admin1)

    battles = _all(reader, event_type="Battles")
    assert 0 < len(battles) < n and all(i["event_type"] == "Battles" for i in battles)

    taliban = _all(reader, actor="talib")
    assert 0 < len(taliban) < n
    assert all(any("taliban" in a.casefold() for a in i["perpetrators"] + i["victims"]) for i in taliban)

    dated = [i for i in everything if i["date"] and i["date"][0].isdigit()]
    years = sorted({i["date"][:4] for i in dated})
    lo, hi = years[0] + "-01-01", years[len(years) // 2] + "-12-31"
    window = _all(reader, date_from=lo, date_to=hi)
    assert 0 < len(window) < n and all(lo <= i["date"] <= hi for i in window)
    assert len(window) == sum(1 for i in dated if lo <= i["date"] <= hi)

    killed = _all(reader, killed_min=10, killed_max=100)
    assert 0 < len(killed) < n and all(10 <= i["killed"] <= 100 for i in killed)
    assert len(_all(reader, killed_min=101)) == sum(1 for i in everything if (i["killed"] or 0) >= 101)

    box = _all(reader, bbox="60,29,75,39")  # Afghanistan and around
    assert 0 < len(box) < n
    assert all(60 <= i["longitude"] <= 75 and 29 <= i["latitude"] <= 39 for i in box)

    assert {i["status"] for i in everything} == {"unreviewed"}
    assert _all(reader, status="approved") == []

    both = _all(reader, country="AF", event_type="Battles")
    assert len(both) == sum(1 for i in af if i["event_type"] == "Battles")


def test_full_text_finds_the_reports_words(reader):
    doc = reader.get("/api/v1/documents/seed-000_ea6982988430f7db").json()
    assert "Zanjili" in doc["text"]
    hits = _all(reader, q="zanjili")
    assert set(doc["incidents"]) <= {i["id"] for i in hits} and len(hits) < reader.incidents()["total"]
    assert _all(reader, q="zanjili fleeing") and _all(reader, q="zanjili xylophonequartz") == []


def _literal_count(databases, shared_url: str, char: str) -> int:
    find = "strpos" if databases.backend == "postgresql" else "instr"  # the same (text, needle) function
    return databases.scalar(
        shared_url,
        "SELECT count(DISTINCT m.merged_incident_id) FROM merged_members m JOIN documents d ON d.id = m.document_id "
        f"WHERE {find}(d.text, :c) > 0 OR {find}(coalesce(d.title, ''), :c) > 0", c=char)


@pytest.mark.parametrize("name", ["country", "admin1", "actor", "event_type", "q", "status", "date_from",
                                  "killed_min", "bbox"])
def test_sql_metacharacters_are_harmless_in_every_filter(reader, name):
    r = reader.get("/api/v1/incidents", params={name: "' OR 1=1 --"})
    if name in ("country", "status", "date_from", "killed_min", "bbox"):
        assert r.status_code == 422 and r.json()["error"]["code"] == "HW-API-FILTER"
        assert name in r.json()["error"]["message"]
    else:
        assert r.status_code == 200 and r.json()["total"] == 0
    assert reader.incidents()["total"] > 50  # nothing was dropped or changed


def test_like_wildcards_match_only_themselves(reader, shared_url, databases):
    assert reader.incidents(q="%")["total"] == _literal_count(databases, shared_url, "%")
    assert reader.incidents(q="_")["total"] == _literal_count(databases, shared_url, "_")
    assert reader.incidents(actor="%")["total"] == 0 and reader.incidents(actor="_")["total"] == 0
    assert reader.incidents(admin1="%")["total"] == 0
    assert reader.incidents(event_type="%")["total"] == 0 and reader.incidents(event_type="B_ttles")["total"] == 0
    assert reader.incidents(actor="tali%")["total"] == 0 < reader.incidents(actor="tali")["total"]
    for path in ("/api/v1/incidents/' OR 1=1 --", "/api/v1/incidents/%25", "/api/v1/documents/_",
                 "/api/v1/incidents/' OR 1=1 --/audit"):
        r = reader.get(path)
        assert r.status_code == 404 and r.json()["error"]["code"] == "HW-API-NOT-FOUND", path
    claims = reader.get("/api/v1/claims", params={"doc_id": "' OR 1=1 --"}).json()
    assert claims["items"] == []
    docs = reader.get("/api/v1/documents", params={"q": "%", "page_size": 500}).json()
    assert all("%" in reader.get(f"/api/v1/documents/{d['doc_id']}").json()["text"] for d in docs["items"])


def test_bad_filters_are_422_in_the_one_error_shape(reader):
    for params in ({"date_from": "2019-13-01"}, {"killed_min": "-1"}, {"bbox": "1,2,3"}, {"sort": "name"},
                   {"page_size": "100000"}, {"status": "done"}, {"country": "AFG"}):
        r = reader.get("/api/v1/incidents", params=params)
        assert r.status_code == 422, params
        err = r.json()["error"]
        assert set(err) == {"code", "message", "hint"} and err["code"] == "HW-API-FILTER"
    r = reader.get("/api/v1/no-such-route")
    assert r.status_code == 404 and r.json()["error"]["code"] == "HW-API-NOT-FOUND"
    r = reader.get("/api/v1/incidents/mi-0000000000000000")
    assert r.status_code == 404 and r.json()["error"]["code"] == "HW-API-NOT-FOUND"


def test_incident_detail_evidence_reads_back_from_the_document_text(reader):
    multi = next(i for i in _all(reader, sort="-killed") if i["report_count"] > 1)
    r = reader.get(f"/api/v1/incidents/{multi['id']}")
    assert r.status_code == 200 and r.headers["etag"] == f'"{multi["version"]}"'
    inc = r.json()
    assert len(inc["reports"]) == multi["report_count"]
    texts = {rep["doc_id"]: reader.get(f"/api/v1/documents/{rep['doc_id']}").json()["text"] for rep in inc["reports"]}
    n = 0
    for name, field in inc["fields"].items():
        for ev in field["evidence"]:
            assert texts[ev["doc_id"]][ev["start"]:ev["end"]] == ev["text"], name
            n += 1
    assert n > 10
    assert {ev["doc_id"] for ev in inc["fields"]["evidence"]["evidence"]} == set(texts)  # every report's sentences
    loc = inc["fields"]["location"]
    assert any(ev["text"] == loc["value"]["name"] for ev in loc["evidence"])  # the place's own words
    for c in inc["claims"]:
        assert texts[c["doc_id"]][c["start"]:c["end"]] == c["text"]  # the figure as written
    assert {c["doc_id"] for c in inc["claims"]} == set(texts)
    assert inc["review"] == {"status": "unreviewed", "by": None, "at": None, "reason": None}
    assert all(f["edited"] is False for f in inc["fields"].values())


def test_documents_list_and_text(reader):
    body = reader.get("/api/v1/documents", params={"page_size": 500}).json()
    assert body["total"] >= 100 and len(body["items"]) == body["total"]
    doc = reader.get("/api/v1/documents/seed-000_ea6982988430f7db").json()
    assert doc["incidents"] and doc["text"].count("\n") > 3
    assert reader.get("/api/v1/documents/no-such-doc").status_code == 404
    claims = reader.get("/api/v1/claims", params={"doc_id": "seed-000_ea6982988430f7db"}).json()["items"]
    assert any(c["best"] == 250 for c in claims)
    ev = reader.get("/api/v1/evidence", params={"incident_id": doc["incidents"][0]}).json()["items"]
    assert ev and all(doc["text"][e["start"]:e["end"]] == e["text"] for e in ev)
    runs = reader.get("/api/v1/runs").json()["items"]
    assert runs and runs[0]["counts"]["done"] >= 100


def test_timeline_and_map_agree_with_the_list(reader):
    everything = _all(reader, country="AF")
    line = reader.get("/api/v1/timeline", params={"country": "AF", "bucket": "month"}).json()["items"]
    dated = [i for i in everything if i["date"] and i["date"][0].isdigit()]
    assert sum(b["incidents"] for b in line) == len(dated)
    assert sum(b["killed"] for b in line) == sum(i["killed"] or 0 for i in dated)
    assert [b["period"] for b in line] == sorted(b["period"] for b in line)
    weeks = reader.get("/api/v1/timeline", params={"country": "AF", "bucket": "week"}).json()["items"]
    assert all("-W" in b["period"] for b in weeks) and sum(b["incidents"] for b in weeks) == len(dated)
    geo = reader.get("/api/v1/map", params={"country": "AF"}).json()
    assert geo["type"] == "FeatureCollection"
    located = {i["id"]: i for i in everything if i["latitude"] is not None}
    assert {f["id"] for f in geo["features"]} == set(located)
    for f in geo["features"]:
        assert f["geometry"]["type"] == "Point"
        assert f["geometry"]["coordinates"] == [located[f["id"]]["longitude"], located[f["id"]]["latitude"]]
        assert f["properties"]["id"] == f["id"]


def test_openapi_lists_every_route_of_docs_api_md(reader):
    """Every route docs/API.md documents is served and in the OpenAPI schema, with its method."""
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "API.md").read_text(encoding="utf-8")
    documented = set()
    for method, path in re.findall(r"`(GET|POST|PATCH|PUT|DELETE) (/api/v1/[^\s`?]+)", doc):
        path = path.replace("{id}", "{incident_id}")
        if path != "/api/v1/basemap":  # served by the ui module
            documented.add((path, method))
    schema = reader.get("/openapi.json").json()
    served = {(path, method.upper()) for path, ops in schema["paths"].items() for method in ops}
    assert len(documented) >= 20
    assert documented <= served, sorted(documented - served)
    assert {p for p, _ in served if p.startswith("/api/v1")} <= {p for p, _ in documented}  # none undocumented
    params = {p["name"] for p in schema["paths"]["/api/v1/incidents"]["get"]["parameters"]}
    assert {"date_from", "date_to", "country", "admin1", "actor", "event_type", "status", "killed_min",
            "killed_max", "q", "bbox", "sort", "page", "page_size"} <= params
    assert reader.get("/docs").status_code == 200


def test_each_claim_points_at_its_own_words(reader):
    """A claim's start/end mark the figure as written (its `text`), whichever order its evidence
    spans come in: "killed <name>" keeps the trigger first and the victim's name second."""
    docs = reader.get("/api/v1/documents", params={"page_size": 500}).json()["items"]
    checked = 0
    for d in docs[:60]:
        text = reader.get(f"/api/v1/documents/{d['doc_id']}").json()["text"]
        for c in reader.get("/api/v1/claims", params={"doc_id": d["doc_id"]}).json()["items"]:
            if c["start"] is None or c["qualifier"] == "none reported":
                continue
            assert text[c["start"]:c["end"]] == c["text"], (d["doc_id"], c)
            checked += 1
    assert checked >= 40
