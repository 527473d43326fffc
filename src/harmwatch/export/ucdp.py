"""UCDP-GED-style CSV: the GED's column names, order and codes, filled from harmwatch's merged
incidents.

``type_of_violence`` is coded only for organized violence (battles, explosions, violence against
civilians) and only when the roles say it: one-sided (3) when an armed actor's victims are
civilians, state-based (1) when one side is a state's forces and the other an armed group or a
state, non-state (2) when both sides are armed non-state groups; otherwise empty. UCDP's own
identifiers (conflict, dyad, Gleditsch-Ward country ids), its 25-death activity threshold
(``active_year``) and its event clarity are not something harmwatch knows: empty.
"""

from __future__ import annotations

from typing import Any

from . import common as c

COLUMNS: tuple[str, ...] = (
    "id", "relid", "year", "active_year", "type_of_violence", "conflict_name", "dyad_name", "side_a",
    "side_b", "source_article", "source_office", "source_date", "source_headline", "source_original",
    "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "country",
    "country_id", "region", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a",
    "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
)

STATE = frozenset({"state forces", "external forces"})
ARMED = STATE | {"rebel group", "political militia", "identity militia", "unidentified armed group"}
ORGANIZED_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")

# where_prec: 1 the place itself (a town or finer, with its own coordinates); 3 a district (ADM2,
# its centroid); 4 a province (ADM1); 6 the whole country. harmwatch never yields 2 (near a place),
# 5 (between places, part of a country) or 7 (at sea, in the air).
WHERE_PREC = {"exact": 1, "neighbourhood": 1, "town": 1, "admin2": 3, "admin1": 4, "country": 6}

# UCDP's regions (Africa, Americas, Asia, Europe, Middle East) from GeoNames continents, with the
# countries UCDP places elsewhere: the Middle East (Gleditsch-Ward 630-698: Iran to Oman, with
# Egypt, Turkey and Israel; Palestine with Israel) and the Caucasus states in Europe.
MIDDLE_EAST = frozenset({"IR", "TR", "IQ", "EG", "SY", "LB", "JO", "IL", "PS", "SA", "YE", "KW", "BH",
                         "QA", "AE", "OM"})
EUROPE_IN_ASIA = frozenset({"AM", "AZ", "GE", "CY"})
CONTINENT_REGION = {"AF": "Africa", "NA": "Americas", "SA": "Americas", "EU": "Europe", "AS": "Asia",
                    "OC": "Asia"}


def region(co: c.Country | None) -> str | None:
    if co is None:
        return None
    if co.alpha2 in MIDDLE_EAST:
        return "Middle East"
    if co.alpha2 in EUROPE_IN_ASIA:
        return "Europe"
    return CONTINENT_REGION.get(co.continent)


def date_prec(w: c.When) -> int | None:
    """1 the day; 2 two to six days; 3 a week; 4 a month; 5 a year (UCDP's date_prec)."""
    if w.start is None or w.from_publication:
        return None
    span = ((w.end or w.start) - w.start).days
    if w.precision == "day":
        return 1 if span == 0 else 2 if span <= 5 else 3 if span <= 7 else 4 if span <= 31 else 5
    return {"week": 3, "month": 4, "year": 5}.get(w.precision or "")


def _name(a: dict[str, Any]) -> str | None:
    return a.get("name") or a.get("mention")


def sides(rec: dict[str, Any]) -> tuple[int | None, str | None, str | None]:
    """(type_of_violence, side_a, side_b) from the roles (see the module docstring)."""
    perps = [p for p in rec.get("perpetrators") or [] if _name(p)]
    vics = [v for v in rec.get("victims") or [] if _name(v)]
    first_perp = _name(perps[0]) if perps else None
    first_vic = _name(vics[0]) if vics else None
    if rec.get("event_type") not in ORGANIZED_VIOLENCE:
        return None, first_perp, first_vic
    armed_p = [p for p in perps if p.get("category") in ARMED]
    armed_v = [v for v in vics if v.get("category") in ARMED]
    civilians = any(v.get("category") == "civilians" for v in vics)
    if armed_p and civilians and not armed_v:
        return 3, _name(armed_p[0]), "Civilians"
    state_p = [p for p in armed_p if p.get("category") in STATE]
    state_v = [v for v in armed_v if v.get("category") in STATE]
    if state_p and armed_v:
        return 1, _name(state_p[0]), _name(armed_v[0])
    if armed_p and state_v:
        return 1, _name(state_v[0]), _name(armed_p[0])
    if armed_p and armed_v:
        return 2, _name(armed_p[0]), _name(armed_v[0])
    return None, first_perp, first_vic


def _article(link: dict[str, Any]) -> str:
    parts = [link.get("outlet"), link.get("report_date"), link.get("title")]
    text = ",".join(str(p) for p in parts if p)
    return text or str(link.get("doc_id") or "")


def row(rec: dict[str, Any]) -> dict[str, Any]:
    w = c.when(rec)
    loc = c.place(rec)
    co = c.country(rec)
    xy = c.coordinates(rec)
    tov, side_a, side_b = sides(rec)
    links = c.report_links(rec)
    k = c.figure(rec, "killed")
    best = c.as_int(k.get("best"))
    civ = rec.get("victim_category") == "civilians" or any(
        v.get("category") == "civilians" for v in rec.get("victims") or [])
    return {
        "id": rec.get("incident_id"),
        "relid": c.joined(rec.get("record_ids") or []),
        "year": w.start.year if w.start and not w.from_publication else None,
        "active_year": None,
        "type_of_violence": tov,
        "conflict_name": None,
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else None,
        "side_a": side_a,
        "side_b": side_b,
        "source_article": c.joined(_article(x) for x in links),
        "source_office": c.joined(c.outlets(rec)),
        "source_date": c.joined(x.get("report_date") for x in links),
        "source_headline": c.joined(x.get("title") for x in links),
        "source_original": c.joined(c.claim_sources(rec)),
        "where_prec": WHERE_PREC.get(loc.get("precision") or "") if c.place_label(rec) else None,
        "where_coordinates": c.place_label(rec),
        "adm_1": loc.get("admin1"),
        "adm_2": loc.get("admin2"),
        "latitude": xy[1] if xy else None,
        "longitude": xy[0] if xy else None,
        "geom_wkt": f"POINT ({xy[0]} {xy[1]})" if xy else None,
        "country": co.name if co else None,
        "country_id": None,
        "region": region(co),
        "event_clarity": None,
        "date_prec": date_prec(w),
        "date_start": None if w.from_publication else w.start,
        "date_end": w.end,
        "deaths_a": None,
        "deaths_b": None,
        "deaths_civilians": best if civ else None,
        "deaths_unknown": None if civ else best,
        "best": best,
        "high": c.as_int(k.get("max")),
        "low": c.as_int(k.get("min")),
    }


# The column types (docs/EXPORTS.md), as pandas dtypes for reading the file back:
# ``pandas.read_csv(path, dtype=ucdp.PANDAS_DTYPES, parse_dates=["date_start", "date_end"])``.
INTEGER_COLUMNS = ("year", "active_year", "type_of_violence", "where_prec", "country_id", "event_clarity",
                   "date_prec", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low")
FLOAT_COLUMNS = ("latitude", "longitude")
DATE_COLUMNS = ("date_start", "date_end")
PANDAS_DTYPES: dict[str, str] = {
    name: "Int64" if name in INTEGER_COLUMNS else "float64" if name in FLOAT_COLUMNS else "string"
    for name in COLUMNS if name not in DATE_COLUMNS
}
