"""Parquet (read back with pyarrow: the documented typed schema) and XLSX (read back with openpyxl
and pandas) of the sample store."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from harmwatch.export import TABLE_COLUMNS, parquet_schema, write

ARROW = {"str": pa.string(), "int": pa.int32(), "int64": pa.int64(), "float": pa.float64(), "date": pa.date32(),
         "bool": pa.bool_(), "list": pa.list_(pa.string())}


@pytest.fixture(scope="module")
def parquet_table(sample_url, tmp_path_factory) -> pa.Table:
    out = tmp_path_factory.mktemp("parquet") / "incidents.parquet"
    write(sample_url, "parquet", out)
    return pq.read_table(out)


def test_parquet_schema_is_typed_as_documented(parquet_table):
    schema = parquet_table.schema
    assert schema.names == [c.name for c in TABLE_COLUMNS]
    for col in TABLE_COLUMNS:
        assert schema.field(col.name).type == ARROW[col.kind], col.name
    assert schema.field("date_start").type == pa.date32()
    assert schema.field("killed_best").type == pa.int32()
    assert schema.field("perpetrators").type == pa.list_(pa.string())
    assert schema.field("latitude").type == pa.float64()
    assert schema.field("killed_best").metadata[b"description"].startswith(b"best figure")
    assert parquet_schema().equals(schema, check_metadata=False)


def test_parquet_values_match_the_store(parquet_table, sample_records, seed):
    rows = {r["incident_id"]: r for r in parquet_table.to_pylist()}
    assert set(rows) == {r["incident_id"] for r in sample_records}
    for rec in sample_records:
        r = rows[rec["incident_id"]]
        assert r["killed_best"] == (rec.get("killed") or {}).get("best")
        assert r["injured_best"] == (rec.get("injured") or {}).get("best")
        assert r["perpetrators"] == [p["name"] for p in rec.get("perpetrators") or []]
        assert r["reports"] == rec["reports"]
        assert json.loads(r["record_json"]) == json.loads(json.dumps(rec, default=str))  # nothing lost
        start = (rec.get("date") or {}).get("start")
        if start and not start.startswith("-"):
            assert r["date_start"] == date.fromisoformat(start)
    s = rows[seed["incident_id"]]
    assert s["date_start"] is None and s["date_start_raw"] == "--06-03"
    assert (s["latitude"], s["longitude"]) == (seed["location"]["lat"], seed["location"]["lon"])
    assert s["killed_max"] is None and s["killed_disputed"] is False


@pytest.fixture(scope="module")
def xlsx_path(sample_url, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "incidents.xlsx"
    write(sample_url, "xlsx", out)
    return out


def test_xlsx_reads_back(xlsx_path, sample_records, seed):
    wb = openpyxl.load_workbook(xlsx_path)
    assert wb.sheetnames == ["incidents", "columns"]
    sheet = wb["incidents"]
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == f"A1:AO{len(sample_records) + 1}"
    frame = pd.read_excel(xlsx_path, sheet_name="incidents", dtype={"cameo": "string"})
    names = [c.name for c in TABLE_COLUMNS if c.name != "record_json"]
    assert list(frame.columns) == names
    assert len(frame) == len(sample_records)
    rows = frame.set_index("incident_id")
    for rec in sample_records:
        best = (rec.get("killed") or {}).get("best")
        got = rows.loc[rec["incident_id"], "killed_best"]
        assert (pd.isna(got) if best is None else got == best)
    s = rows.loc[seed["incident_id"]]
    assert s["perpetrators"] == "Islamic State" and s["weapons"] == "sniper rifle; machine gun; hand grenade"
    assert s["location"] == "al-Zanjili"
    doc = pd.read_excel(xlsx_path, sheet_name="columns")
    assert list(doc["column"]) == names and doc["meaning"].notna().all()
    # real dates are date cells
    dated = next(r for r in sample_records if (r.get("date") or {}).get("precision") == "day"
                 and not r["date"]["start"].startswith("-"))
    assert rows.loc[dated["incident_id"], "date_start"].date().isoformat() == dated["date"]["start"]
