"""Exports of the merged incidents: ACLED-style and UCDP-GED-style CSV, GeoJSON (RFC 7946),
Parquet, XLSX and JSONL. The CLI (``harmwatch export``) and the API call :func:`write`.

>>> from harmwatch.export import write
>>> write("sqlite:///harmwatch.sqlite", "acled", "incidents.csv", status="approved")  # doctest: +SKIP
ExportResult(format='acled', written=..., ...)

docs/EXPORTS.md describes every column of every format and which incidents are exported.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from .common import (
    FATALITY_RULES,
    STATUSES,
    ExportError,
    Selection,
    iter_records,
    safe_cell,
)
from .formats import BINARY_FORMATS, FORMATS, WRITERS, feature, parquet_schema
from .table import COLUMNS as TABLE_COLUMNS

__all__ = ["FATALITY_RULES", "FORMATS", "MEDIA_TYPES", "STATUSES", "SUFFIXES", "TABLE_COLUMNS", "ExportError",
           "ExportResult", "Selection", "feature", "iter_records", "parquet_schema", "safe_cell", "write"]

SUFFIXES = {"acled": ".csv", "ucdp": ".csv", "geojson": ".geojson", "parquet": ".parquet", "jsonl": ".jsonl",
            "xlsx": ".xlsx"}
MEDIA_TYPES = {"acled": "text/csv", "ucdp": "text/csv", "geojson": "application/geo+json",
               "parquet": "application/vnd.apache.parquet", "jsonl": "application/x-ndjson",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class ExportResult:
    format: str
    written: int  # incidents written
    left_out: int  # geojson with located_only: incidents without coordinates left out
    unlocated: int  # geojson: incidents written with a null geometry
    output: str | None  # the path written, None for a stream

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def write(source: Any, fmt: str, out: str | os.PathLike | IO[Any] = "-", *, status: str = "all",
          include_rejected: bool = False, fatalities: str = "best", located_only: bool = False) -> ExportResult:
    """Write the merged incidents of ``source`` (a Store, a database URL, or an iterable of merged
    records) in format ``fmt`` to ``out``: a path (written whole or not at all: a failed export
    leaves no partial file), ``"-"`` for standard output, or an open file (text or binary).

    ``status``: ``"all"`` (everything but rejected incidents; ``include_rejected`` keeps those too) or
    ``"approved"``. ``fatalities`` (ACLED only): ``"best"`` (the reconciled best) or ``"conservative"``
    (the lowest of the reports' figures, ACLED's rule). ``located_only`` (GeoJSON only): leave out the
    incidents without coordinates instead of writing them with a null geometry."""
    if fmt not in WRITERS:
        raise ExportError(f"unknown export format {fmt!r}", code="HW-EXPORT-FORMAT",
                          hint="formats: " + ", ".join(FORMATS))
    if fatalities not in FATALITY_RULES:
        raise ExportError(f"unknown fatality rule {fatalities!r}", code="HW-EXPORT-FATALITIES",
                          hint="best or conservative")
    selection = Selection(status=status, include_rejected=include_rejected)
    records = iter_records(source, selection)
    writer = WRITERS[fmt]
    kwargs = {"fatalities": fatalities, "located_only": located_only}
    binary = fmt in BINARY_FORMATS

    if isinstance(out, (str, os.PathLike)) and str(out) != "-":
        path = Path(out)
        part = path.with_name(path.name + ".part")
        try:
            with open(part, "wb") if binary else open(part, "w", encoding="utf-8", newline="") as f:
                w = writer(records, f, **kwargs)
            os.replace(part, path)
        finally:
            if part.exists():
                part.unlink()
        return ExportResult(fmt, w.written, w.left_out, w.unlocated, str(path))

    stream = sys.stdout if isinstance(out, (str, os.PathLike)) else out
    w = _to_stream(writer, records, stream, binary, kwargs)
    return ExportResult(fmt, w.written, w.left_out, w.unlocated, None)


def _to_stream(writer, records: Iterable[dict[str, Any]], stream: IO[Any], binary: bool, kwargs: dict[str, Any]):
    is_text = isinstance(stream, io.TextIOBase) or (hasattr(stream, "encoding") and not isinstance(stream, io.BufferedIOBase))
    if binary:
        if is_text:
            buf = getattr(stream, "buffer", None)
            if buf is None:
                raise ExportError("this format is binary and the output is a text stream",
                                  code="HW-EXPORT-BINARY", hint="give a file path with -o")
            stream.flush()
            return writer(records, buf, **kwargs)
        return writer(records, stream, **kwargs)
    if is_text:
        return writer(records, stream, **kwargs)
    wrapper = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        return writer(records, wrapper, **kwargs)
    finally:
        wrapper.flush()
        wrapper.detach()
