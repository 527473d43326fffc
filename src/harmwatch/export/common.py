"""What every export format shares: which incidents go out, the values read off a merged record, and
the cell neutralisation of scraped text.

Which incidents (``status``, see docs/EXPORTS.md):

* ``"all"`` (default): every merged incident except the ones a reviewer rejected;
  ``include_rejected=True`` keeps those too.
* ``"approved"``: only incidents a reviewer approved (``merged_incidents.review_status``).

A store that was never merged (``harmwatch run`` merges; an old store may not have) exports its
per-report incidents, as ``harmwatch export`` always did.

Values are read off the merged record (merge/reconcile.py) and never invented: a value the record
does not hold is None, and every format writes None as an empty cell (CSV, XLSX), ``null``
(GeoJSON, JSONL) or a null (Parquet).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from harmwatch.errors import HarmwatchError

STATUSES = ("all", "approved")
REVIEW_STATUSES = ("unreviewed", "approved", "rejected")
FATALITY_RULES = ("best", "conservative")


class ExportError(HarmwatchError):
    code = "HW-EXPORT"


@dataclass(frozen=True)
class Selection:
    """Which incidents an export takes (see the module docstring)."""

    status: str = "all"
    include_rejected: bool = False

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ExportError(f"unknown status {self.status!r}", code="HW-EXPORT-STATUS",
                              hint="--status all (everything but rejected) or --status approved")

    def keeps(self, review_status: str | None) -> bool:
        status = review_status or "unreviewed"
        if self.status == "approved":
            return status == "approved"
        return self.include_rejected or status != "rejected"


def iter_records(source: Any, selection: Selection = Selection()) -> Iterator[dict[str, Any]]:
    """The merged incident records of ``source`` that ``selection`` keeps, in the store's order
    (date, unknown last, then id). ``source``: a :class:`~harmwatch.store.Store`, a database URL, or
    an iterable of records (each with ``review_status``; a record without one counts as unreviewed)."""
    from harmwatch.store import Store, open_store

    if isinstance(source, str):
        with open_store(source, create=False) as store:
            yield from iter_records(store, selection)
        return
    if isinstance(source, Store):
        from harmwatch.store.merged import has_merged, iter_merged

        rows: Iterable[dict[str, Any]] = iter_merged(source) if has_merged(source) else source.iter_incidents()
        stamps = _timestamps(source)
    else:
        rows, stamps = source, {}
    for rec in rows:
        if selection.keeps(rec.get("review_status")):
            if stamps and rec.get("incident_id") in stamps:
                rec = _with_stamp(rec, stamps[rec["incident_id"]])
            yield rec


_STAMP = "_updated_at"  # a private key: the formats that show it read it; jsonl drops it


def _with_stamp(rec: dict[str, Any], stamp: datetime | None) -> dict[str, Any]:
    out = dict(rec)
    out[_STAMP] = stamp
    return out


def updated_at(rec: dict[str, Any]) -> datetime | None:
    """When the store last changed this merged incident (None for records from elsewhere)."""
    stamp = rec.get(_STAMP)
    if isinstance(stamp, datetime) and stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)  # SQLite drops the zone; the store writes UTC
    return stamp if isinstance(stamp, datetime) else None


def public(rec: dict[str, Any]) -> dict[str, Any]:
    """The record without the private keys this module adds."""
    return {k: v for k, v in rec.items() if k != _STAMP}


def _timestamps(store: Any) -> dict[str, datetime]:
    """Merged incident id -> updated_at (ACLED's ``timestamp``: when the row last changed)."""
    from sqlalchemy import select

    from harmwatch.store.merged_models import MergedIncidentRow as R

    with store._read() as s:  # noqa: SLF001 - a read of one column the record does not carry
        return {i: t for i, t in s.execute(select(R.id, R.updated_at))}


# -- neutralising scraped text in spreadsheet cells ------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula (it begins with = + - @, a tab or a
    line break: OWASP's CSV injection guidance) gets a leading apostrophe, so that it shows as the
    text it is and never runs. Only text is touched: numbers (a negative longitude) stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# -- values read off a merged record --------------------------------------------------------------

LIST_SEP = "; "


def iso_date(value: Any) -> date | None:
    """An ISO calendar date (``2017-06-03``); None for the no-year form ``--06-03`` or anything else."""
    if not isinstance(value, str) or len(value) < 10 or value.startswith("-"):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class When:
    """The incident's date as the exports need it."""

    start: date | None  # a full calendar date, else None
    end: date | None
    precision: str | None  # day | week | month | year | day-no-year | None
    from_publication: bool  # no date in the text: the publication date stands in (event on or before it)
    raw_start: str | None  # as stored (keeps the no-year form ``--06-03``)
    raw_end: str | None


def when(rec: dict[str, Any]) -> When:
    d = rec.get("date") or {}
    start, end = iso_date(d.get("start")), iso_date(d.get("end"))
    return When(start=start, end=end or start, precision=d.get("precision"),
                from_publication=d.get("basis") == "publication date",
                raw_start=d.get("start"), raw_end=d.get("end"))


def place(rec: dict[str, Any]) -> dict[str, Any]:
    return rec.get("location") or {}


def place_label(rec: dict[str, Any]) -> str | None:
    """The place's name for a location column: the named place, else its smallest unit or country
    (a place known only to its admin1 or country still gets a label, as ACLED and UCDP give one)."""
    loc = place(rec)
    co = country(rec)
    return loc.get("name") or loc.get("admin2") or loc.get("admin1") or (co.name if co else None)


def coordinates(rec: dict[str, Any]) -> tuple[float, float] | None:
    """(lon, lat) when the place was resolved to a point, else None."""
    loc = place(rec)
    lat, lon = loc.get("lat"), loc.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return float(lon), float(lat)
    return None


def names(actors: list[dict[str, Any]] | None) -> list[str]:
    out: list[str] = []
    for a in actors or []:
        n = a.get("name") or a.get("mention")
        if n and n not in out:
            out.append(n)
    return out


def figure(rec: dict[str, Any], kind: str) -> dict[str, Any]:
    return rec.get(kind) or {}


def as_int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def conservative_killed(rec: dict[str, Any]) -> int | None:
    """The lowest of the reports' own best figures (ACLED's rule: when sources differ, the most
    conservative estimate). When the reports agree this is the reconciled best."""
    rows = (rec.get("disagreement") or {}).get("killed") or []
    bests = [as_int(r.get("best")) for r in rows]
    bests = [b for b in bests if b is not None]
    if bests:
        return min(bests)
    return as_int(figure(rec, "killed").get("best"))


def fatalities(rec: dict[str, Any], rule: str = "best") -> int | None:
    if rule not in FATALITY_RULES:
        raise ExportError(f"unknown fatality rule {rule!r}", code="HW-EXPORT-FATALITIES",
                          hint="--fatalities best (the reconciled best) or conservative (lowest report)")
    if rule == "conservative":
        return conservative_killed(rec)
    return as_int(figure(rec, "killed").get("best"))


def report_links(rec: dict[str, Any]) -> list[dict[str, Any]]:
    links = rec.get("report_links")
    if links:
        return list(links)
    # a per-report incident of a never-merged store
    return [{"doc_id": d} for d in rec.get("reports") or []]


def claim_sources(rec: dict[str, Any]) -> list[str]:
    """Who the reports quote for their figures (a claim's ``source``), first seen first."""
    out: list[str] = []
    for kind in ("killed", "injured"):
        for c in figure(rec, kind).get("claims") or []:
            s = c.get("source")
            if s and s not in out:
                out.append(s)
    return out


def outlets(rec: dict[str, Any]) -> list[str]:
    """The reports' outlets. In a merged record ``sources`` lists them; in a per-report record (a
    never-merged store) ``sources`` holds who the report cites (dicts), which is no outlet."""
    out = [s for s in rec.get("sources") or [] if isinstance(s, str) and s]
    if out:
        return out
    found: list[str] = []
    for link in report_links(rec):
        o = link.get("outlet")
        if o and o not in found:
            found.append(o)
    return found


def joined(values: Iterable[Any]) -> str | None:
    vals = [str(v) for v in values if v not in (None, "")]
    return LIST_SEP.join(vals) if vals else None


# -- countries (GeoNames countryInfo.txt, shipped in data/gazetteer) -------------------------------


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    numeric: int | None
    name: str
    continent: str  # GeoNames: AF AS EU NA OC SA AN


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    path = resources.files("harmwatch") / "data" / "gazetteer" / "countryInfo.txt"
    out: dict[str, Country] = {}
    with path.open("r", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            p = line.rstrip("\n").split("\t")
            if len(p) < 9:
                continue
            out[p[0]] = Country(alpha2=p[0], alpha3=p[1], numeric=int(p[2]) if p[2].isdigit() else None,
                                name=p[4], continent=p[8])
    return out


def country(rec: dict[str, Any]) -> Country | None:
    code = place(rec).get("country_code")
    return countries().get(code) if code else None


def record_json(rec: dict[str, Any]) -> str:
    return json.dumps(public(rec), ensure_ascii=False, default=str, sort_keys=False)

