"""ACLED-style CSV of the sample store, read back with pandas: ACLED's columns in ACLED's order, the
documented dtypes, and values that match the merged incidents in the store."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from harmwatch.export import acled, write

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]


@pytest.fixture(scope="module")
def acled_frame(sample_url, tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("acled") / "acled.csv"
    res = write(sample_url, "acled", out)
    frame = pd.read_csv(out, dtype=acled.PANDAS_DTYPES, parse_dates=["event_date"], keep_default_na=True)
    assert res.written == len(frame)
    return frame


def test_acled_columns_and_dtypes(acled_frame, sample_records):
    assert list(acled_frame.columns) == ACLED_COLUMNS
    assert len(acled_frame) == len(sample_records) > 50
    assert str(acled_frame["event_date"].dtype).startswith("datetime64")
    for col in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities"):
        assert str(acled_frame[col].dtype) == "Int64", col
    assert acled_frame["latitude"].dtype == "float64"
    assert set(acled_frame["event_id_cnty"]) == {r["incident_id"] for r in sample_records}


def test_acled_values_match_the_store(acled_frame, sample_records):
    rows = acled_frame.set_index("event_id_cnty")
    for rec in sample_records:
        r = rows.loc[rec["incident_id"]]
        killed = (rec.get("killed") or {}).get("best")
        assert (pd.isna(r["fatalities"]) if killed is None else r["fatalities"] == killed), rec["incident_id"]
        loc = rec.get("location") or {}
        if loc.get("lat") is None:
            assert pd.isna(r["latitude"]) and pd.isna(r["longitude"])
        else:
            assert math.isclose(r["latitude"], loc["lat"]) and math.isclose(r["longitude"], loc["lon"])
        assert r["event_type"] == rec["event_type"]
        perps = rec.get("perpetrators") or []
        if perps:
            assert r["actor1"] == perps[0]["name"]
            assert (pd.isna(r["inter1"]) if perps[0]["category"] not in acled.INTER
                    else r["inter1"] == acled.INTER[perps[0]["category"]])
        else:
            assert pd.isna(r["actor1"]) and pd.isna(r["inter1"])
        start = (rec.get("date") or {}).get("start")
        if start and not start.startswith("-") and rec["date"]["precision"] != "year":
            assert r["event_date"].date().isoformat() == start and r["year"] == int(start[:4])
        else:
            assert pd.isna(r["event_date"])


def test_acled_codes_stay_in_their_ranges(acled_frame):
    assert set(acled_frame["time_precision"].dropna()) <= {1, 2, 3}
    assert set(acled_frame["geo_precision"].dropna()) <= {1, 2, 3}
    assert set(acled_frame["inter1"].dropna()) | set(acled_frame["inter2"].dropna()) <= set(range(1, 9))
    for value in acled_frame["interaction"].dropna():
        lo, hi = divmod(int(value), 10)
        assert 1 <= lo <= 8 and (hi == 0 or lo <= hi <= 8), value
    targeted = acled_frame[acled_frame["civilian_targeting"].notna()]
    assert len(targeted) > 10 and not targeted["event_type"].isin(["Battles", "Strategic developments"]).any()
    # what harmwatch does not know stays empty, never invented
    assert acled_frame["region"].isna().all() and acled_frame["admin3"].isna().all()
    assert acled_frame["source_scale"].isna().all()


def test_acled_founding_example(acled_frame, seed):
    r = acled_frame.set_index("event_id_cnty").loc[seed["incident_id"]]
    assert (r["actor1"], r["inter1"], r["actor2"], r["inter2"], r["interaction"]) == (
        "Islamic State", 2, "Civilians", 7, 27)
    assert r["civilian_targeting"] == "Civilian targeting"
    assert r["disorder_type"] == "Political violence"
    assert (r["iso"], r["country"], r["admin1"], r["location"]) == (368, "Iraq", "Nineveh", "al-Zanjili")
    assert r["geo_precision"] == 1  # a neighbourhood with its own coordinates
    assert r["fatalities"] == 250
    # "Saturday (June 3rd)" without a publication date: no year, so no ACLED date, and the tag says why
    assert pd.isna(r["event_date"]) and pd.isna(r["year"]) and pd.isna(r["time_precision"])
    assert "date without a year: --06-03" in r["tags"]
    assert "fatalities: a lower bound" in r["tags"]  # "at least 250"
    assert r["source"] == "Diyaruna"


def test_acled_precision_codes_follow_the_record(acled_frame, sample_records):
    rows = acled_frame.set_index("event_id_cnty")
    seen = set()
    for rec in sample_records:
        d, loc = rec.get("date") or {}, rec.get("location") or {}
        r = rows.loc[rec["incident_id"]]
        if d.get("precision") == "day" and d.get("start") == d.get("end") and not d.get("basis"):
            assert r["time_precision"] == 1
            seen.add("day")
        if d.get("precision") == "week":
            assert r["time_precision"] == 2
            seen.add("week")
        if d.get("precision") == "month":
            assert r["time_precision"] == 3
            seen.add("month")
        if d.get("basis") == "publication date":
            assert r["time_precision"] == 3 and "on or before the publication date" in r["tags"]
            seen.add("publication")
        expected = {"town": 1, "admin2": 2, "admin1": 3, "country": 3}.get(loc.get("precision"))
        if expected:
            assert r["geo_precision"] == expected, rec["incident_id"]
            assert r["location"], rec["incident_id"]  # ACLED always names the location
    assert seen == {"day", "week", "publication"}


def test_acled_month_precision(sample_records):
    """A date known to the month (the sample store holds none now that 'captured in the last month'
    no longer dates a bombing) is ACLED's time precision 3; a week is 2."""
    week = next(r for r in sample_records if (r.get("date") or {}).get("precision") == "week")
    assert acled.row(week)["time_precision"] == 2
    month = dict(week, date={**week["date"], "start": "2019-01-01", "end": "2019-01-31", "precision": "month",
                             "text": "last month"})
    out = acled.row(month)
    assert out["time_precision"] == 3 and str(out["event_date"]).startswith("2019-01")


def test_acled_conservative_fatalities_take_the_lowest_report(muc_messages, tmp_path):
    """Two MUC-3 reports of the Jesuit killings in San Salvador give 8 and 6 dead: ACLED's rule (the
    most conservative report) gives the lowest, and the notes and tags say the reports disagree."""
    import harmwatch
    from harmwatch.merge import merge_results

    ids = ("DEV-MUC3-0990", "DEV-MUC3-0998")
    results = [harmwatch.extract_text(muc_messages[i], doc_id=i).to_dict() for i in ids]
    merged = [m for m in merge_results(results) if sorted(m["reports"]) == list(ids)]
    assert len(merged) == 1
    rec = merged[0]
    bests = [f["best"] for f in rec["disagreement"]["killed"]]
    out_best, out_low = tmp_path / "best.csv", tmp_path / "low.csv"
    write(merged, "acled", out_best)
    write(merged, "acled", out_low, fatalities="conservative")
    best = pd.read_csv(out_best, dtype=acled.PANDAS_DTYPES).iloc[0]
    low = pd.read_csv(out_low, dtype=acled.PANDAS_DTYPES).iloc[0]
    assert best["fatalities"] == rec["killed"]["best"]
    assert low["fatalities"] == min(bests) and len(set(bests)) > 1
    assert "fatalities disputed" in best["tags"] and "Reports disagree on the killed" in best["notes"]


def test_acled_conservative_rule_differs_from_best_when_the_toll_rose(seed):
    """A toll that rose between reports: best is the latest report's figure, conservative the lowest."""
    from harmwatch.export.common import fatalities

    rose = {**seed, "killed": {**seed["killed"], "best": 250},
            "disagreement": {"killed": [{"doc_id": "a", "best": 24}, {"doc_id": "b", "best": 250}]}}
    assert fatalities(rose, "best") == 250 and fatalities(rose, "conservative") == 24
    assert fatalities(seed, "conservative") == fatalities(seed, "best") == 250  # one report: the same
