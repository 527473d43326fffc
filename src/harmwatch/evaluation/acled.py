"""ACLED 27 Apr - 4 May 2020 (evaluation only: read at run time, never copied).

Input: ``notes`` with the leading "On <date>," phrase removed (the with-prefix text is kept for the
side-by-side date score). No publication date (ACLED rows have none; the event date is not given).
Gold: event_date, country, admin1, lat/lon (only geo_precision 1: the point is the place itself),
event type / sub-event type, actor1 (perpetrator side), actor2 (victim side), fatalities.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from harmwatch.evaluation.base import EvalItem, count, read_csv, to_float, to_int
from harmwatch.evaluation.mappings import strip_leading_date

NAME = "acled_may2020"
FILE = "acled_2020-04-27_to_05-04.csv.gz"
FIELDS = ("date", "place", "event_type", "perpetrators", "victims", "killed", "evidence")

_YEARS = re.compile(r"\s*\((?:\d{4})?-?(?:\d{4})?-?\)\s*$")


def actor_name(raw: str) -> str:
    """ACLED actor without its term-of-office suffix: "Military Forces of Nigeria (2015-)" -> the name."""
    return _YEARS.sub("", raw or "").strip()


def parse_date(value: str) -> str | None:
    for fmt in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _alternatives(label: str) -> list[str]:
    """An ACLED actor label as the names that satisfy it: "A and/or B" is either A or B."""
    return [n for n in (actor_name(part) for part in label.split(" and/or ")) if n]


def load(data_dir: Path) -> list[EvalItem]:
    from harmwatch.extract.places import get_gazetteer

    gaz = get_gazetteer()
    items = []
    for row in read_csv(data_dir / NAME / FILE):
        notes = (row.get("notes") or "").strip()
        if not notes:
            continue
        gold: dict = {}
        iso = parse_date(row.get("event_date") or "")
        if iso:
            gold["date"] = {"start": iso, "end": iso}
        cc = gaz.country_code_for(row.get("country") or "")
        if cc:
            gold["country"] = cc
        if (row.get("admin1") or "").strip():
            gold["admin1"] = row["admin1"].strip()
        lat, lon = to_float(row.get("latitude")), to_float(row.get("longitude"))
        if lat is not None and lon is not None and to_int(row.get("geo_precision")) == 1:
            gold["latlon"] = (lat, lon)
        if row.get("sub_event_type"):
            gold["sub_event_type"] = row["sub_event_type"].strip()
            gold["event_type"] = (row.get("event_type") or "").strip()
        for col, key in (("actor1", "perpetrators"), ("actor2", "victims")):
            alts = _alternatives(row.get(col) or "")
            if alts:
                gold[key] = [alts]
        k = to_int(row.get("fatalities"))
        if k is not None:
            gold["killed"] = count(k)
        items.append(EvalItem(NAME, row.get("event_id_cnty") or row.get("data_id") or str(len(items)),
                              text=strip_leading_date(notes), published=None, gold=gold, original_text=notes))
    return items
