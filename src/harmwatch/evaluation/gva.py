"""Gun Violence Archive shootings: US local news pages (evaluation only: read at run time, never copied).

Input: the page text as crawled (site boilerplate, cookie notes and share prompts included: the
pages are what a user would feed in) with the crawler's publication date, which may be missing or
wrong; title, outlet and url are kept for the merge evaluation but never reach the per-field scores.
Gold (GVA's record of the page's incident, joined on ``cluster``): date (one day), country US,
state (admin1), lat/lon (GVA geocodes the address or the city: scored within 25 km), killed,
injured. A page's gold is its one main incident, so the set is scored like the other
single-incident sets (the lead incident). GVA's figures may include victims who died after a
report was written, so killed is a lower bound for an early report; the score stays exact.

Pages whose cluster has no gold record in ``incidents_dev`` still load (their ``cluster`` is the
merge gold) with an empty gold dict, so no field is scored on them.
"""

from __future__ import annotations

from pathlib import Path

from harmwatch.evaluation.base import EvalItem, count, read_jsonl, to_float, to_int

NAME = "gva_shootings"
DOCS = "docs_dev.jsonl.gz"
INCIDENTS = "incidents_dev.jsonl.gz"
FIELDS = ("date", "place", "killed", "injured", "evidence")


def _gold(rec: dict | None) -> dict:
    if not rec:
        return {}
    gold: dict = {"country": "US"}
    day = (rec.get("date") or "")[:10]
    if len(day) == 10:
        gold["date"] = {"start": day, "end": day}
    if (rec.get("state") or "").strip():
        gold["admin1"] = rec["state"].strip()
    lat, lon = to_float(rec.get("lat")), to_float(rec.get("lon"))
    if lat is not None and lon is not None:
        gold["latlon"] = (lat, lon)
    if rec.get("city_or_county"):
        gold["location_text"] = rec["city_or_county"]
    for key in ("killed", "injured"):
        n = to_int(rec.get(key))
        if n is not None:
            gold[key] = count(n)
    return gold


def load(data_dir: Path) -> list[EvalItem]:
    """One item per page, in file order; ``gold["cluster"]`` is the GVA incident id (merge gold)."""
    incidents = {r["cluster"]: r for r in read_jsonl(data_dir / NAME / INCIDENTS)}
    items = []
    for row in read_jsonl(data_dir / NAME / DOCS):
        text = row.get("text") or ""
        if not text.strip():
            continue
        gold = _gold(incidents.get(row.get("cluster")))
        gold["cluster"] = row.get("cluster")
        gold["source"] = row.get("source")
        gold["title"] = row.get("title")
        gold["url"] = row.get("url")
        items.append(EvalItem(NAME, row["id"], text=text, published=row.get("published") or None, gold=gold,
                              title=row.get("title") or None))
    return items
