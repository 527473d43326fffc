"""Airwars Gaza incident pages, 7-14 Oct 2023 (evaluation only: read at run time, never copied).

Input: the assessment narrative (``assessment_text``), the page's own prose; the labelled summary
block and the victims/geolocation/sources blocks that hold the gold are never given. No publication
date. The raw HTML pages are not used (their gold labels are parsed into gold_dev.jsonl.gz).
Gold: date_iso, country PS, lat/lon (the geolocation), civilians reported killed / injured
("4 – 5" -> lo 4, hi 5, best unknown; "Unknown" -> not scored), suspected belligerent (perpetrator).
"""

from __future__ import annotations

import re
from pathlib import Path

from harmwatch.evaluation.base import EvalItem, read_jsonl

NAME = "airwars_gaza2023"
FILE = "gold_dev.jsonl.gz"
FIELDS = ("date", "place", "perpetrators", "killed", "injured", "evidence")

_RANGE = re.compile(r"^\s*(\d+)\s*(?:[–-]\s*(\d+))?\s*$")


def parse_count(value: str | None) -> dict | None:
    if not value:
        return None
    m = _RANGE.match(value)
    if not m:
        return None
    lo = int(m.group(1))
    hi = int(m.group(2)) if m.group(2) else lo
    return {"best": lo if lo == hi else None, "lo": lo, "hi": hi}


def load(data_dir: Path) -> list[EvalItem]:
    items = []
    for row in read_jsonl(data_dir / NAME / FILE):
        text = (row.get("assessment_text") or "").strip()
        if not text:
            continue
        gold: dict = {"country": "PS"}
        if row.get("date_iso"):
            gold["date"] = {"start": row["date_iso"][:10], "end": row["date_iso"][:10]}
        geo = row.get("geolocation") or ""
        try:
            lat, lon = (float(x) for x in geo.split(","))
            gold["latlon"] = (lat, lon)
        except ValueError:
            pass
        for key, field in (("civilians_reported_killed", "killed"), ("civilians_reported_injured", "injured")):
            c = parse_count(row.get(key))
            if c:
                gold[field] = c
        bel = (row.get("suspected_belligerent") or "").strip()
        if bel and "position" not in bel.lower():
            gold["perpetrators"] = [[bel]]
        items.append(EvalItem(NAME, row.get("incident_code") or row.get("file") or str(len(items)),
                              text=text, published=None, gold=gold))
    return items
