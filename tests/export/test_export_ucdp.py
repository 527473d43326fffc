"""UCDP-GED-style CSV of the sample store, read back with pandas: the GED's columns in order, the
documented dtypes, and values that match the merged incidents in the store."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from harmwatch.export import ucdp, write

UCDP_COLUMNS = [
    "id", "relid", "year", "active_year", "type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low",
]


@pytest.fixture(scope="module")
def ucdp_frame(sample_url, tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("ucdp") / "ged.csv"
    write(sample_url, "ucdp", out)
    return pd.read_csv(out, dtype=ucdp.PANDAS_DTYPES, parse_dates=["date_start", "date_end"])


def test_ucdp_columns_and_dtypes(ucdp_frame, sample_records):
    assert list(ucdp_frame.columns) == UCDP_COLUMNS
    assert len(ucdp_frame) == len(sample_records)
    for col in ("year", "type_of_violence", "where_prec", "date_prec", "best", "high", "low"):
        assert str(ucdp_frame[col].dtype) == "Int64", col
    assert str(ucdp_frame["date_start"].dtype).startswith("datetime64")
    assert ucdp_frame["longitude"].dtype == "float64"


def test_ucdp_figures_places_and_dates_match_the_store(ucdp_frame, sample_records):
    rows = ucdp_frame.set_index("id")
    for rec in sample_records:
        r = rows.loc[rec["incident_id"]]
        k = rec.get("killed") or {}
        for col, key in (("best", "best"), ("low", "min"), ("high", "max")):
            assert (pd.isna(r[col]) if k.get(key) is None else r[col] == k[key]), (rec["incident_id"], col)
        assert not (pd.notna(r["low"]) and pd.notna(r["best"]) and r["low"] > r["best"])
        loc = rec.get("location") or {}
        if loc.get("lat") is not None:
            # WKT is x y: longitude first
            assert r["geom_wkt"] == f"POINT ({loc['lon']} {loc['lat']})"
            assert math.isclose(r["latitude"], loc["lat"])
        d = rec.get("date") or {}
        if d.get("basis") == "publication date":  # the last possible date is known, not the first
            assert pd.isna(r["date_start"]) and r["date_end"].date().isoformat() == d["end"]
            assert pd.isna(r["date_prec"])
        elif d.get("start") and not d["start"].startswith("-"):
            assert r["date_start"].date().isoformat() == d["start"]
            assert r["date_end"].date().isoformat() == d["end"]
            assert r["year"] == int(d["start"][:4])
    assert set(ucdp_frame["where_prec"].dropna()) <= {1, 3, 4, 6}
    assert set(ucdp_frame["date_prec"].dropna()) <= {1, 2, 3, 4, 5}
    assert set(ucdp_frame["type_of_violence"].dropna()) <= {1, 2, 3}
    # UCDP's own ids, threshold and clarity are not harmwatch's to invent
    for col in ("conflict_name", "active_year", "country_id", "event_clarity", "deaths_a", "deaths_b"):
        assert ucdp_frame[col].isna().all(), col


def test_ucdp_founding_example_is_one_sided_violence(ucdp_frame, seed):
    r = ucdp_frame.set_index("id").loc[seed["incident_id"]]
    assert r["type_of_violence"] == 3
    assert (r["side_a"], r["side_b"], r["dyad_name"]) == ("Islamic State", "Civilians", "Islamic State - Civilians")
    assert r["deaths_civilians"] == 250 and pd.isna(r["deaths_unknown"])
    assert (r["best"], r["low"]) == (250, 250) and pd.isna(r["high"])  # "at least 250": no upper bound
    assert (r["country"], r["region"], r["adm_1"], r["where_prec"]) == ("Iraq", "Middle East", "Nineveh", 1)
    assert r["source_office"] == "Diyaruna"
    assert "Banyan al-Jarba" in r["source_original"]
    assert r["relid"] == "seed-000_ea6982988430f7db#0"


def test_ucdp_state_based_needs_a_state_on_one_side(ucdp_frame, sample_records):
    rows = ucdp_frame.set_index("id")
    state = {"state forces", "external forces"}
    n = 0
    for rec in sample_records:
        r = rows.loc[rec["incident_id"]]
        if pd.notna(r["type_of_violence"]) and r["type_of_violence"] == 1:
            cats = {a.get("category") for a in (rec.get("perpetrators") or []) + (rec.get("victims") or [])}
            assert cats & state, rec["incident_id"]
            n += 1
        if rec["event_type"] in ("Protests", "Riots", "Strategic developments"):
            assert pd.isna(r["type_of_violence"])  # not organized violence in UCDP's sense
    assert n > 0
