"""Writing rows as CSV (RFC 4180: CRLF line ends, quoting, UTF-8; empty cell for unknown) with every text cell
neutralised against formula injection (common.safe_cell)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from .common import safe_cell


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    return safe_cell(value)


def write_csv(out: IO[str], header: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> int:
    w = csv.writer(out, lineterminator="\r\n")  # RFC 4180; a CR or LF inside a cell is then quoted
    w.writerow(header)
    n = 0
    for r in rows:
        w.writerow([cell(r.get(h)) for h in header])
        n += 1
    return n
