"""One writer per format. Each takes the selected records and an open output (text or binary, as
the format needs) and returns what it wrote; ``harmwatch.export.write`` opens the output.

* ``jsonl``: one merged record a line, exactly as ``harmwatch export`` always wrote it.
* ``acled``, ``ucdp``: CSV (acled.py, ucdp.py).
* ``geojson``: an RFC 7946 FeatureCollection: WGS84 lon/lat Points, no ``crs`` member; an incident
  without coordinates is a Feature with ``"geometry": null`` (RFC 7946 section 3.2, an unlocated
  feature) unless ``located_only`` leaves it out (counted in ``left_out``).
* ``parquet``: the flat table (table.py) with typed columns (pyarrow).
* ``xlsx``: the flat table in a sheet ``incidents`` and the column meanings in a sheet ``columns``
  (openpyxl).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from . import acled, table, ucdp
from . import common as c
from .csvout import write_csv

TEXT_FORMATS = ("jsonl", "acled", "ucdp", "geojson")
BINARY_FORMATS = ("parquet", "xlsx")
FORMATS = ("acled", "ucdp", "geojson", "parquet", "jsonl", "xlsx")


@dataclass(frozen=True)
class Written:
    written: int
    left_out: int = 0  # geojson --located-only: incidents without coordinates left out
    unlocated: int = 0  # geojson: incidents written with a null geometry


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str], **_: Any) -> Written:
    n = 0
    for rec in records:
        out.write(json.dumps(c.public(rec), ensure_ascii=False, default=str) + "\n")
        n += 1
    return Written(n)


def write_acled(records: Iterable[dict[str, Any]], out: IO[str], *, fatalities: str = "best", **_: Any) -> Written:
    return Written(write_csv(out, acled.COLUMNS, (acled.row(r, fatalities=fatalities) for r in records)))


def write_ucdp(records: Iterable[dict[str, Any]], out: IO[str], **_: Any) -> Written:
    return Written(write_csv(out, ucdp.COLUMNS, (ucdp.row(r) for r in records)))


GEOJSON_PROPERTIES = tuple(n for n in table.NAMES if n not in ("latitude", "longitude", "record_json"))


def _json_value(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def feature(rec: dict[str, Any]) -> dict[str, Any]:
    """One incident as a GeoJSON Feature (RFC 7946: [lon, lat], WGS84; null geometry when unlocated)."""
    r = table.row(rec, with_json=False)
    xy = c.coordinates(rec)
    geometry = {"type": "Point", "coordinates": [xy[0], xy[1]]} if xy else None
    props = {k: _json_value(r[k]) for k in GEOJSON_PROPERTIES}
    # GDAL (and so QGIS) types a property by its values and reads "--06-03" as a date of the year
    # 2000. The raw dates are therefore given only when they are not calendar dates (date_start /
    # date_end hold those), and marked so that no reader takes them for a full date.
    for raw, typed in (("date_start_raw", "date_start"), ("date_end_raw", "date_end")):
        if props[typed] is not None or props[raw] is None:
            props[raw] = None
        else:
            props[raw] = f"{props[raw]} (year unknown)"
    return {"type": "Feature", "id": r["incident_id"], "geometry": geometry, "properties": props}


def write_geojson(records: Iterable[dict[str, Any]], out: IO[str], *, located_only: bool = False, **_: Any) -> Written:
    n = left = unlocated = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for rec in records:
        f = feature(rec)
        if f["geometry"] is None:
            if located_only:
                left += 1
                continue
            unlocated += 1
        out.write(("\n" if n == 0 else ",\n") + json.dumps(f, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return Written(n, left_out=left, unlocated=unlocated)


def _batches(records: Iterable[dict[str, Any]], size: int = 1000) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for rec in records:
        batch.append(table.row(rec))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def parquet_schema():
    """The typed Arrow schema of the flat table, each field's meaning in its metadata."""
    pa = _pyarrow()
    kinds = {"str": pa.string(), "int": pa.int32(), "int64": pa.int64(), "float": pa.float64(),
             "date": pa.date32(), "bool": pa.bool_(), "list": pa.list_(pa.string())}
    fields = [pa.field(col.name, kinds[col.kind], nullable=True, metadata={"description": col.meaning})
              for col in table.COLUMNS]
    return pa.schema(fields, metadata={"harmwatch.export": "flat incident table; see docs/EXPORTS.md"})


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise c.ExportError("Parquet export needs pyarrow, which cannot be imported", code="HW-EXPORT-PARQUET",
                            hint="reinstall harmwatch, or: pip install pyarrow==26.0.1") from exc
    return pyarrow


def write_parquet(records: Iterable[dict[str, Any]], out: IO[bytes], **_: Any) -> Written:
    pa = _pyarrow()
    schema = parquet_schema()
    n = 0
    with pa.parquet.ParquetWriter(out, schema) as w:
        for batch in _batches(records):
            w.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
        if n == 0:
            w.write_table(schema.empty_table())
    return Written(n)


XLSX_COLUMNS = tuple(col for col in table.COLUMNS if col.name != "record_json")
XLSX_CELL_LIMIT = 32767  # Excel's most characters in one cell
XLSX_WIDTHS = {"str": 22, "list": 30, "date": 12, "int": 10, "int64": 12, "float": 11, "bool": 9}


def _xlsx_cell(v: Any) -> Any:
    if isinstance(v, list):
        v = c.joined(v)
    v = c.safe_cell(v)
    if isinstance(v, str) and len(v) > XLSX_CELL_LIMIT:
        v = v[: XLSX_CELL_LIMIT - 1] + "…"
    return v


def write_xlsx(records: Iterable[dict[str, Any]], out: IO[bytes], **_: Any) -> Written:
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise c.ExportError("XLSX export needs openpyxl, which is not installed", code="HW-EXPORT-XLSX",
                            hint="pip install openpyxl==3.1.5") from exc
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("incidents")
    ws.freeze_panes = "B2"  # the header row and the incident id stay in view
    for i, col in enumerate(XLSX_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = XLSX_WIDTHS.get(col.kind, 18)
    ws.append([col.name for col in XLSX_COLUMNS])
    n = 0
    for rec in records:
        r = table.row(rec, with_json=False)
        cells = []
        for col in XLSX_COLUMNS:
            cell = WriteOnlyCell(ws, value=_xlsx_cell(r[col.name]))
            if col.kind == "date" and r[col.name] is not None:
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # text is text: never a formula, whatever it begins with
            cells.append(cell)
        ws.append(cells)
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(XLSX_COLUMNS))}{n + 1}"
    doc = wb.create_sheet("columns")
    doc.append(["column", "type", "meaning"])
    for col in XLSX_COLUMNS:
        doc.append([col.name, col.kind, col.meaning])
    wb.save(out)
    return Written(n)


WRITERS = {"jsonl": write_jsonl, "acled": write_acled, "ucdp": write_ucdp, "geojson": write_geojson,
           "parquet": write_parquet, "xlsx": write_xlsx}
