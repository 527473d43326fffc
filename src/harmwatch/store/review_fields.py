"""The fields a reviewer may edit, how an edit is checked, and the reviewed record.

A merged record (merge/reconcile.py) has top-level fields (``event_type``, ``date``,
``killed``...). A reviewer edits a whole field (``{"killed": {"min": 3, "best": 3, "max": 3}}``)
or one part of it (``{"killed.best": 3}``, ``{"location.name": "Kabul"}``). Edits are stored as
overrides (store/review_models.py) and applied over the extracted record on every read
(:func:`apply_overrides`): whole fields first, then parts, so an edit of ``killed.best`` keeps
following the extracted claims while its figure stays what the reviewer said.

:func:`index_columns` gives the filterable columns of a reviewed record (``review_index``).
"""

from __future__ import annotations

import copy
import math
import re
from typing import Any

from harmwatch.errors import HarmwatchError

#: every editable top-level field of a merged record, in display order
FIELDS = ("event_type", "sub_event_type", "cameo", "date", "location", "perpetrators", "victims",
          "victim_category", "killed", "injured", "weapons", "summary")
#: the parts of a field that can be edited on their own
PARTS = {
    "date": ("start", "end", "precision"),
    "location": ("name", "country_code", "admin1", "admin2", "lat", "lon", "precision"),
    "killed": ("min", "best", "max"),
    "injured": ("min", "best", "max"),
}
_TEXT_FIELDS = ("event_type", "sub_event_type", "cameo", "victim_category", "summary")
_LIST_FIELDS = ("perpetrators", "victims", "weapons")
_DATE = re.compile(r"^(\d{4}|--)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_MAX_TEXT = 2000


class FieldError(HarmwatchError):
    """A reviewer's edit names an unknown field or gives a value of the wrong kind."""

    code = "HW-API-FIELD"


def _bad(name: str, why: str) -> FieldError:
    return FieldError(f"field {name!r}: {why}", hint="see docs/API.md (PATCH /api/v1/incidents/{id})")


def _text(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad(name, "expected a string or null")
    value = value.strip()
    if len(value) > _MAX_TEXT:
        raise _bad(name, f"longer than {_MAX_TEXT} characters")
    return value or None


def _count(name: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value != int(value) or value < 0:
        raise _bad(name, "expected a whole number >= 0 or null")
    return int(value)


def _date(name: str, value: Any) -> str | None:
    value = _text(name, value)
    if value is not None and not _DATE.match(value):
        raise _bad(name, "expected YYYY-MM-DD (or --MM-DD when the year is unknown)")
    return value


def _coordinate(name: str, value: Any, limit: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or abs(value) > limit:
        raise _bad(name, f"expected a number within +-{limit:g} or null")
    return float(value)


def _part(field: str, part: str, value: Any) -> Any:
    name = f"{field}.{part}"
    if field in ("killed", "injured"):
        return _count(name, value)
    if field == "date":
        return _date(name, value) if part in ("start", "end") else _text(name, value)
    if part == "lat":
        return _coordinate(name, value, 90)
    if part == "lon":
        return _coordinate(name, value, 180)
    if part == "country_code":
        code = _text(name, value)
        if code is not None and not re.fullmatch(r"[A-Za-z]{2}", code):
            raise _bad(name, "expected an ISO 3166-1 alpha-2 code")
        return None if code is None else code.upper()
    return _text(name, value)


def _figure(name: str, value: dict[str, Any]) -> None:
    lo, best, hi = value.get("min"), value.get("best"), value.get("max")
    nums = [x for x in (lo, best, hi) if x is not None]
    if nums != sorted(nums):
        raise _bad(name, "expected min <= best <= max")


def check(name: str, value: Any) -> Any:
    """The edit ``name = value`` made clean (stripped strings, ints), or :class:`FieldError`."""
    field, _, part = name.partition(".")
    if field not in FIELDS:
        raise _bad(name, "not an editable field; one of " + ", ".join(FIELDS))
    if part:
        if part not in PARTS.get(field, ()):
            raise _bad(name, "no such part; parts: " + ", ".join(f"{f}.{p}" for f, ps in PARTS.items() for p in ps))
        return _part(field, part, value)
    if field in _TEXT_FIELDS:
        return _text(name, value)
    if field in _LIST_FIELDS:
        if value is None:
            return []
        if not isinstance(value, list):
            raise _bad(name, "expected a list of names or of objects with a name")
        out = []
        for item in value:
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
                raise _bad(name, "every item needs a name")
            clean = {k: v for k, v in item.items() if k in ("name", "mention", "category", "country_code")}
            for k, v in clean.items():
                clean[k] = _text(f"{name}[].{k}", v)
            out.append(clean)
        return out
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _bad(name, "expected an object or null")
    unknown = sorted(set(value) - set(PARTS[field]) - {"evidence", "claims", "text", "reports", "geonames_id",
                                                         "doc_id", "rule", "disagreement"})
    if unknown:
        raise _bad(name, "unknown part(s): " + ", ".join(unknown))
    out = {k: v for k, v in value.items() if k not in PARTS[field]}  # evidence etc. kept as given
    for part_name in PARTS[field]:
        if part_name in value:
            out[part_name] = _part(field, part_name, value[part_name])
    if field in ("killed", "injured"):
        _figure(name, out)
    return out


def check_record(record: dict[str, Any]) -> None:
    """The whole reviewed record is consistent (a figure's min <= best <= max), else FieldError."""
    for kind in ("killed", "injured"):
        if isinstance(record.get(kind), dict):
            _figure(kind, record[kind])


def get_value(record: dict[str, Any], name: str) -> Any:
    """The value of ``name`` (a field or ``field.part``) in ``record``."""
    field, _, part = name.partition(".")
    value = record.get(field)
    if part:
        return value.get(part) if isinstance(value, dict) else None
    return value


def apply_overrides(record: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``record`` with the reviewer's edits applied (whole fields, then parts)."""
    out = copy.deepcopy(record)
    for name in sorted(overrides, key=lambda n: ("." in n, n)):
        field, _, part = name.partition(".")
        if part:
            current = out.get(field)
            current = dict(current) if isinstance(current, dict) else {}
            current[part] = overrides[name]
            out[field] = current
        else:
            out[field] = copy.deepcopy(overrides[name])
    return out


def names(items: Any) -> list[str]:
    """The canonical names (else mentions) of a list of actors or weapons."""
    out = []
    for item in items or []:
        if isinstance(item, dict):
            name = item.get("name") or item.get("mention")
            if name:
                out.append(str(name))
    return out


def title_of(record: dict[str, Any]) -> str | None:
    """The title of the earliest report that has one, else the record's one-line summary."""
    for link in record.get("report_links") or []:
        if link.get("title"):
            return str(link["title"])
    return record.get("summary")


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _int(value: Any) -> int | None:
    n = _num(value)
    return None if n is None else int(n)


def _cut(value: Any, length: int) -> str | None:
    return None if value is None else str(value)[:length]


def index_columns(record: dict[str, Any]) -> dict[str, Any]:
    """The ``review_index`` columns of a reviewed record."""
    date = record.get("date") if isinstance(record.get("date"), dict) else {}
    loc = record.get("location") if isinstance(record.get("location"), dict) else {}
    killed = record.get("killed") if isinstance(record.get("killed"), dict) else {}
    injured = record.get("injured") if isinstance(record.get("injured"), dict) else {}
    actors = []
    for key in ("perpetrators", "victims"):
        for item in record.get(key) or []:
            if isinstance(item, dict):
                actors += [str(item[k]).casefold() for k in ("name", "mention") if item.get(k)]
    return {
        "event_type": _cut(record.get("event_type"), 64),
        "sub_event_type": _cut(record.get("sub_event_type"), 128),
        "date_start": _cut(date.get("start"), 32),
        "date_end": _cut(date.get("end"), 32),
        "date_precision": _cut(date.get("precision"), 32),
        "country_code": _cut(loc.get("country_code"), 8),
        "admin1": _cut(loc.get("admin1"), 255),
        "location": _cut(loc.get("name"), 10_000),
        "lat": _num(loc.get("lat")),
        "lon": _num(loc.get("lon")),
        "killed": _int(killed.get("best")),
        "injured": _int(injured.get("best")),
        "actors": "\n".join(dict.fromkeys(actors)) or None,
        "title": title_of(record),
        "report_count": len(record.get("reports") or []) or 1,
    }
