"""GTD 2021 Jan-Mar (evaluation only: read at run time, never copied).

Input: ``summary`` with its leading "MM/DD/YYYY:" removed (the with-prefix text is kept for the
side-by-side date score). No publication date: GTD has none, and the event date is not given.
Gold: date (iyear/imonth/iday; iday 0 = unknown -> not scored), country, provstate (admin1),
lat/lon (only specificity 1-2, i.e. the city or its neighbourhood is known), attack type mapped to an
ACLED sub-event type, gname (perpetrator; 'Unknown' -> not scored), nkill, nwound.
"""

from __future__ import annotations

from pathlib import Path

from harmwatch.evaluation.base import EvalItem, count, read_csv, to_float, to_int
from harmwatch.evaluation.mappings import gtd_sub_event, strip_leading_date

NAME = "gtd_2021h1"
FILE = "gtd_2021jan-mar.csv.gz"
FIELDS = ("date", "place", "event_type", "perpetrators", "killed", "injured", "evidence")


def load(data_dir: Path) -> list[EvalItem]:
    from harmwatch.extract.places import get_gazetteer

    gaz = get_gazetteer()
    items = []
    for row in read_csv(data_dir / NAME / FILE):
        summary = (row.get("summary") or "").strip()
        if not summary:
            continue
        gold: dict = {}
        y, m, d = to_int(row.get("iyear")), to_int(row.get("imonth")), to_int(row.get("iday"))
        if y and m and d:
            iso = f"{y:04d}-{m:02d}-{d:02d}"
            gold["date"] = {"start": iso, "end": iso}
        cc = gaz.country_code_for(row.get("country_txt") or "")
        if cc:
            gold["country"] = cc
        if (row.get("provstate") or "").strip() and row["provstate"].strip().lower() != "unknown":
            gold["admin1"] = row["provstate"].strip()
        lat, lon = to_float(row.get("latitude")), to_float(row.get("longitude"))
        if lat is not None and lon is not None and to_int(row.get("specificity")) in (1, 2):
            gold["latlon"] = (lat, lon)
        sub = gtd_sub_event(row.get("attacktype1_txt") or "", row.get("suicide") or "0",
                            row.get("weapsubtype1_txt") or "", row.get("targtype1_txt") or "",
                            success=row.get("success"))
        if sub:
            gold["sub_event_type"] = sub
        gname = (row.get("gname") or "").strip()
        if gname and gname.lower() != "unknown":
            gold["perpetrators"] = [[gname]]
        k = to_int(row.get("nkill"))
        if k is not None:
            gold["killed"] = count(k)
        w = to_int(row.get("nwound"))
        if w is not None:
            gold["injured"] = count(w)
        items.append(EvalItem(NAME, row.get("eventid") or str(len(items)), text=strip_leading_date(summary),
                              published=None, gold=gold, original_text=summary))
    return items
