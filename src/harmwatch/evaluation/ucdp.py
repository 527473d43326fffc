"""UCDP GED 23.1 sample, 1989-2016 rows.

Input: ``source_headline`` (rows without one are skipped); published = the first ``source_date``
(the article's date, which a user of the article has). Gold: date_start..date_end, country,
adm_1, lat/lon (where_prec 1-2 only), best/low/high deaths, side_a/side_b (either side, scored as
``actors_any``).
"""

from __future__ import annotations

from pathlib import Path

from harmwatch.evaluation.base import EvalItem, count, read_csv, to_float, to_int

NAME = "ucdp_ged_sample"
FILE = "ucdpged_sample_1989-2016.csv.gz"
FIELDS = ("date", "place", "actors_any", "killed", "evidence")


def load(data_dir: Path) -> list[EvalItem]:
    from harmwatch.extract.places import get_gazetteer

    gaz = get_gazetteer()
    items = []
    for row in read_csv(data_dir / NAME / FILE):
        text = (row.get("source_headline") or "").strip()
        if not text or text.upper() == "NA":
            continue
        text = "\n".join(p.strip() for p in text.split(";") if p.strip())
        gold: dict = {}
        s, e = (row.get("date_start") or "")[:10], (row.get("date_end") or "")[:10]
        if s:
            gold["date"] = {"start": s, "end": e or s}
        country = (row.get("country") or "").split("(")[0].strip()
        cc = gaz.country_code_for(country)
        if cc:
            gold["country"] = cc
        if (row.get("adm_1") or "").strip() and row["adm_1"] != "NA":
            gold["admin1"] = row["adm_1"].strip()
        lat, lon = to_float(row.get("latitude")), to_float(row.get("longitude"))
        if lat is not None and lon is not None and to_int(row.get("where_prec")) in (1, 2):
            gold["latlon"] = (lat, lon)
        best, lo, hi = to_int(row.get("best")), to_int(row.get("low")), to_int(row.get("high"))
        if best is not None:
            gold["killed"] = count(best, lo, hi)
        sides = [[x.strip()] for x in (row.get("side_a"), row.get("side_b")) if x and x.strip() and x != "NA"]
        if sides:
            gold["actors_any"] = sides
        pub = (row.get("source_date") or "").split(";")[0].strip()[:10] or None
        if pub == "NA":
            pub = None
        items.append(EvalItem(NAME, row.get("id") or str(len(items)), text=text, published=pub, gold=gold))
    return items
