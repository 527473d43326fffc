"""ACLED-style CSV: ACLED's column names, order and codes, filled from harmwatch's merged incidents.

The mapping (docs/EXPORTS.md has every column): actors by role (actor1 = the first perpetrator,
actor2 = the first victim, the others in assoc_actor_1/2), ``inter`` codes from harmwatch's actor
categories, precision codes from harmwatch's date and place precision, ``fatalities`` the
reconciled best (or, with ``fatalities="conservative"``, ACLED's own rule: the lowest of the
reports' figures). What harmwatch does not know (ACLED's region, admin3, source scale) stays
empty: nothing is invented.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from . import common as c

COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

# ACLED inter codes by harmwatch actor category. ACLED files unidentified armed groups under
# political militias (inter 3).
INTER: dict[str, int] = {
    "state forces": 1,
    "rebel group": 2,
    "political militia": 3,
    "unidentified armed group": 3,
    "identity militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external forces": 8,
}

# geo_precision: 1 the particular place (town or finer) with its coordinates; 2 a small part of a
# region (harmwatch: a district, admin2); 3 a larger region (admin1 or the whole country).
GEO_PRECISION = {"exact": 1, "neighbourhood": 1, "town": 1, "admin2": 2, "admin1": 3, "country": 3}

POLITICAL_VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def disorder_type(event_type: str | None, sub: str | None) -> str | None:
    """ACLED's disorder type of an event / sub-event type (ACLED's 2023 column guide)."""
    if event_type in POLITICAL_VIOLENCE:
        return "Political violence"
    if event_type == "Riots":
        return "Political violence" if sub == "Mob violence" else "Demonstrations"
    if event_type == "Protests":
        if sub and sub.lower().startswith("excessive force"):
            return "Political violence; Demonstrations"
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return None


def time_precision(w: c.When) -> int | None:
    """1 the actual day; 2 a span within a week; 3 within a month (ACLED's coarsest code). A date
    only known to the year has no ACLED code (empty), and so has a date without a year."""
    if w.start is None:
        return None
    if w.from_publication:
        return 3
    span = ((w.end or w.start) - w.start).days
    if w.precision == "day":
        return 1 if span == 0 else 2 if span <= 6 else 3 if span <= 31 else None
    if w.precision == "week":
        return 2
    if w.precision == "month":
        return 3
    return None


def _inter(actor: dict[str, Any] | None) -> int | None:
    return INTER.get((actor or {}).get("category") or "") if actor else None


def interaction(inter1: int | None, inter2: int | None, event_type: str | None) -> int | None:
    """ACLED's joint code, the lower code first (17: state forces and civilians). A lone actor
    (``10``, ``60``) only for protests and riots, where one side is the rule; elsewhere a missing
    side is unknown, not absent, and the code stays empty."""
    if inter1 is not None and inter2 is not None:
        lo, hi = sorted((inter1, inter2))
        return lo * 10 + hi
    if inter1 is not None and event_type in ("Protests", "Riots"):
        return inter1 * 10
    return None


def _notes(rec: dict[str, Any]) -> str | None:
    parts = [rec.get("summary")] if rec.get("summary") else []
    rows = (rec.get("disagreement") or {}).get("killed") or []
    if rows:
        figs = ", ".join(f"{r.get('doc_id')}: {r.get('best')}" for r in rows)
        parts.append(f"Reports disagree on the killed ({figs}).")
    return " ".join(parts) or None


def _tags(rec: dict[str, Any], w: c.When) -> str | None:
    tags = [f"harmwatch review: {rec.get('review_status') or 'unreviewed'}"]
    if w.from_publication:
        tags.append("date: on or before the publication date (no date in the text)")
    elif w.start is None and w.raw_start:
        tags.append(f"date without a year: {w.raw_start}")
    elif w.precision == "year":
        tags.append("date: known to the year only")
    elif not w.raw_start:
        tags.append("date: not found")
    if (rec.get("disagreement") or {}).get("killed"):
        tags.append("fatalities disputed")
    k = c.figure(rec, "killed")
    if k and k.get("best") is not None and k.get("max") is None:
        tags.append("fatalities: a lower bound")
    return c.joined(tags)


def row(rec: dict[str, Any], *, fatalities: str = "best") -> dict[str, Any]:
    w = c.when(rec)
    loc = c.place(rec)
    co = c.country(rec)
    xy = c.coordinates(rec)
    perps = [p for p in rec.get("perpetrators") or [] if p.get("name") or p.get("mention")]
    vics = [v for v in rec.get("victims") or [] if v.get("name") or v.get("mention")]
    a1 = perps[0] if perps else None
    a2 = vics[0] if vics else None
    inter1, inter2 = _inter(a1), _inter(a2)
    event_type = rec.get("event_type")
    disorder = disorder_type(event_type, rec.get("sub_event_type"))
    # ACLED marks civilian targeting in political violence only, and never in a battle (armed sides)
    civ = (any(v.get("category") == "civilians" for v in vics) or rec.get("victim_category") == "civilians") and (
        "Political violence" in (disorder or "") and event_type != "Battles")
    stamp = c.updated_at(rec)
    year = w.start.year if w.start else None
    if w.start is None and w.precision == "year" and isinstance(w.raw_start, str) and w.raw_start[:4].isdigit():
        year = int(w.raw_start[:4])
    event_date: date | None = w.start if w.precision != "year" else None
    return {
        "event_id_cnty": rec.get("incident_id"),
        "event_date": event_date,
        "year": year,
        "time_precision": time_precision(w),
        "disorder_type": disorder,
        "event_type": event_type,
        "sub_event_type": rec.get("sub_event_type"),
        "actor1": (a1.get("name") or a1.get("mention")) if a1 else None,
        "assoc_actor_1": c.joined(c.names(perps[1:])),
        "inter1": inter1,
        "actor2": (a2.get("name") or a2.get("mention")) if a2 else None,
        "assoc_actor_2": c.joined(c.names(vics[1:])),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2, event_type),
        "civilian_targeting": "Civilian targeting" if civ else None,
        "iso": co.numeric if co else None,
        "region": None,
        "country": co.name if co else None,
        "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"),
        "admin3": None,
        "location": c.place_label(rec),
        "latitude": xy[1] if xy else None,
        "longitude": xy[0] if xy else None,
        "geo_precision": GEO_PRECISION.get(loc.get("precision") or "") if c.place_label(rec) else None,
        "source": c.joined(c.outlets(rec)),
        "source_scale": None,
        "notes": _notes(rec),
        "fatalities": c.fatalities(rec, fatalities),
        "tags": _tags(rec, w),
        "timestamp": int(stamp.timestamp()) if stamp else None,
    }


# The column types (docs/EXPORTS.md), as pandas dtypes for reading the file back:
# ``pandas.read_csv(path, dtype=acled.PANDAS_DTYPES, parse_dates=["event_date"])``. Integers are
# nullable (an unknown stays empty, never 0).
INTEGER_COLUMNS = ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                   "fatalities", "timestamp")
FLOAT_COLUMNS = ("latitude", "longitude")
PANDAS_DTYPES: dict[str, str] = {
    name: "Int64" if name in INTEGER_COLUMNS else "float64" if name in FLOAT_COLUMNS else "string"
    for name in COLUMNS if name != "event_date"
}
