"""The flat incident table: one row per merged incident, typed columns, shared by Parquet, XLSX and
the GeoJSON feature properties (docs/EXPORTS.md, "Flat table", lists every column).

Kinds: ``str``, ``int`` (int32, nullable), ``int64``, ``float`` (float64), ``date`` (a calendar
date; the no-year form ``--06-03`` is not one, it stays in ``date_start_raw``), ``bool``, ``list``
(a list of strings). The full record, evidence offsets included, travels as JSON text in
``record_json``, so nothing is lost by flattening.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import common as c


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str | int | int64 | float | date | bool | list
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("incident_id", "str", "merged incident id (mi-...), stable while its reports stay together"),
    Column("review_status", "str", "unreviewed | approved | rejected"),
    Column("event_type", "str", "ACLED event type"),
    Column("sub_event_type", "str", "ACLED sub-event type"),
    Column("cameo", "str", "CAMEO code where one maps"),
    Column("date_start", "date", "first day of the event (a full calendar date, else empty)"),
    Column("date_end", "date", "last day of the event"),
    Column("date_start_raw", "str", "start as stored (keeps the no-year form --06-03)"),
    Column("date_end_raw", "str", "end as stored"),
    Column("date_precision", "str", "day | week | month | year | day-no-year"),
    Column("date_basis", "str", "'publication date' when the text gives no date and the report's date stands in"),
    Column("date_words", "str", "the words of the text the date came from"),
    Column("location", "str", "place name as resolved"),
    Column("country_code", "str", "ISO 3166-1 alpha-2"),
    Column("country", "str", "country name (GeoNames)"),
    Column("admin1", "str", "first-order administrative unit"),
    Column("admin2", "str", "second-order administrative unit"),
    Column("latitude", "float", "WGS84 latitude of the resolved place"),
    Column("longitude", "float", "WGS84 longitude of the resolved place"),
    Column("location_precision", "str", "exact | neighbourhood | town | admin2 | admin1 | country"),
    Column("geonames_id", "int64", "GeoNames id of the place"),
    Column("perpetrators", "list", "canonical names of the actors who did it"),
    Column("perpetrator_categories", "list", "their categories, in the same order"),
    Column("victims", "list", "canonical names of the actors it was done to"),
    Column("victim_categories", "list", "their categories, in the same order"),
    Column("victim_category", "str", "the incident's victim category"),
    Column("killed_min", "int", "lower bound of the killed (highest lower bound of the reports)"),
    Column("killed_best", "int", "best figure of the killed (the latest report's specific figure)"),
    Column("killed_max", "int", "upper bound (empty when a report gives none, as 'at least 250')"),
    Column("killed_disputed", "bool", "the reports give different killed figures"),
    Column("injured_min", "int", "lower bound of the injured"),
    Column("injured_best", "int", "best figure of the injured"),
    Column("injured_max", "int", "upper bound of the injured"),
    Column("injured_disputed", "bool", "the reports give different injured figures"),
    Column("weapons", "list", "weapon names"),
    Column("outlets", "list", "outlets of the reports"),
    Column("claim_sources", "list", "who the reports quote for their figures"),
    Column("reports", "list", "document ids of the reports merged"),
    Column("report_count", "int", "number of reports"),
    Column("confidence", "float", "highest extraction confidence among the reports"),
    Column("summary", "str", "one-line summary harmwatch writes"),
    Column("record_json", "str", "the whole merged record as JSON (every evidence offset, every claim)"),
)

NAMES = tuple(col.name for col in COLUMNS)


def _actors(actors: list[dict[str, Any]] | None) -> tuple[list[str], list[str | None]]:
    ns, cats = [], []
    for a in actors or []:
        n = a.get("name") or a.get("mention")
        if n:
            ns.append(n)
            cats.append(a.get("category"))
    return ns, cats


def _disputed(rec: dict[str, Any], kind: str) -> bool | None:
    f = rec.get(kind)
    if not f:
        return None
    return bool(f.get("disagreement")) or bool((rec.get("disagreement") or {}).get(kind))


def row(rec: dict[str, Any], *, with_json: bool = True) -> dict[str, Any]:
    """The flat row of one merged record (Python values: str, int, float, date, bool, list, None).
    ``with_json=False`` skips ``record_json`` (None) for the formats that leave it out."""
    w = c.when(rec)
    d = rec.get("date") or {}
    loc = c.place(rec)
    co = c.country(rec)
    xy = c.coordinates(rec)
    perps, perp_cats = _actors(rec.get("perpetrators"))
    vics, vic_cats = _actors(rec.get("victims"))
    k, j = c.figure(rec, "killed"), c.figure(rec, "injured")
    reports = list(rec.get("reports") or [])
    return {
        "incident_id": rec.get("incident_id"),
        "review_status": rec.get("review_status") or "unreviewed",
        "event_type": rec.get("event_type"),
        "sub_event_type": rec.get("sub_event_type"),
        "cameo": rec.get("cameo"),
        "date_start": w.start,
        "date_end": w.end,
        "date_start_raw": w.raw_start,
        "date_end_raw": w.raw_end,
        "date_precision": w.precision,
        "date_basis": d.get("basis"),
        "date_words": d.get("text"),
        "location": loc.get("name"),
        "country_code": loc.get("country_code"),
        "country": co.name if co else None,
        "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"),
        "latitude": xy[1] if xy else None,
        "longitude": xy[0] if xy else None,
        "location_precision": loc.get("precision"),
        "geonames_id": c.as_int(loc.get("geonames_id")),
        "perpetrators": perps,
        "perpetrator_categories": perp_cats,
        "victims": vics,
        "victim_categories": vic_cats,
        "victim_category": rec.get("victim_category"),
        "killed_min": c.as_int(k.get("min")),
        "killed_best": c.as_int(k.get("best")),
        "killed_max": c.as_int(k.get("max")),
        "killed_disputed": _disputed(rec, "killed"),
        "injured_min": c.as_int(j.get("min")),
        "injured_best": c.as_int(j.get("best")),
        "injured_max": c.as_int(j.get("max")),
        "injured_disputed": _disputed(rec, "injured"),
        "weapons": c.names(rec.get("weapons")),
        "outlets": c.outlets(rec),
        "claim_sources": c.claim_sources(rec),
        "reports": reports,
        "report_count": len(reports),
        "confidence": float(rec["confidence"]) if isinstance(rec.get("confidence"), (int, float)) else None,
        "summary": rec.get("summary"),
        "record_json": c.record_json(rec) if with_json else None,
    }
