"""MUC-3/4 terrorism messages and answer keys (public domain), DEV-1300 + TST1 + TST2.

Input: the message text as distributed (upper case; its dateline "SAN SALVADOR, 3 JAN 90 --" is
in the text, no separate publication date is given). Gold: one gold incident per relevant key
template (``*`` templates mark an irrelevant message), with date (single day, or a range
"11 - 12 NOV 89"; "- 04 MAR 90" = on or before is not scored), country and department (admin1) from
LOCATION, TYPE mapped to ACLED (mappings.MUC_TYPE_TO_ACLED), PERP: ORGANIZATION ID (alternatives
split on "/"), and killed / injured where countable: the sum of HUM TGT: NUMBER over the targets
whose EFFECT is DEATH (INJURY); a template with an uncountable number ("PLURAL", "7 - 9") for such a
target is not scored; a template whose human targets have no DEATH (INJURY) effect counts 0.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from harmwatch.evaluation.base import EvalItem, read_jsonl
from harmwatch.evaluation.mappings import MUC_TYPE_TO_ACLED

NAME = "muc34"
FILE = "muc34_dev_tst1_tst2.jsonl.gz"
FIELDS = ("detection", "date", "place", "event_type", "perpetrators", "killed", "injured", "evidence")

_MON = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
_D = re.compile(r"(\d{1,2})\s+([A-Z]{3})\s+(\d{2})")
_RANGE = re.compile(r"^(\d{1,2})(?:\s+([A-Z]{3})(?:\s+(\d{2}))?)?\s*-\s*(\d{1,2})\s+([A-Z]{3})\s+(\d{2})$")
_QUOTED = re.compile(r'"([^"]+)"')
_COUNTRIES = {
    "EL SALVADOR": "SV", "GUATEMALA": "GT", "HONDURAS": "HN", "NICARAGUA": "NI", "COLOMBIA": "CO",
    "PERU": "PE", "BOLIVIA": "BO", "ECUADOR": "EC", "CHILE": "CL", "PANAMA": "PA", "ARGENTINA": "AR",
    "MEXICO": "MX", "VENEZUELA": "VE", "COSTA RICA": "CR", "CUBA": "CU", "UNITED STATES": "US",
}


def _day(d: str, m: str, y: str) -> date | None:
    try:
        return date(1900 + int(y) if int(y) > 30 else 2000 + int(y), _MON[m], int(d))
    except (KeyError, ValueError):
        return None


def parse_date(value: str) -> dict | None:
    v = value.strip().strip('"').strip()
    m = _D.fullmatch(v)
    if m:
        d = _day(*m.groups())
        return {"start": d.isoformat(), "end": d.isoformat()} if d else None
    m = _RANGE.match(v)
    if m:
        d1, m1, y1, d2, m2, y2 = m.groups()
        end = _day(d2, m2, y2)
        start = _day(d1, m1 or m2, y1 or y2)
        if start and end and start <= end:
            return {"start": start.isoformat(), "end": end.isoformat()}
    return None


def _slot(t: dict, name: str) -> list[str]:
    for k, v in t.items():
        if k.split(". ", 1)[-1] == name:
            return [x for x in v if x not in ("*", "-", "")]
    return []


def _effect_count(t: dict, effect: str) -> int | None:
    numbers: dict[str, int | None] = {}
    for v in _slot(t, "HUM TGT: NUMBER"):
        m = re.match(r'^\??\s*(\S+(?:\s*-\s*\d+)?)\s*:\s*"([^"]+)"', v)
        if m:
            numbers[m.group(2)] = int(m.group(1)) if m.group(1).isdigit() else None
    names = {q for v in _slot(t, "HUM TGT: NAME") for q in _QUOTED.findall(v)}
    total = 0
    for v in _slot(t, "HUM TGT: EFFECT OF INCIDENT"):
        m = re.match(r'^\??\s*([A-Z /]+?)\s*:\s*"([^"]+)"', v)
        if not m or m.group(1).strip() != effect:
            continue
        who = m.group(2)
        n = numbers[who] if who in numbers else (1 if who in names else None)
        if n is None:
            return None
        total += n
    return total


def gold_incident(t: dict) -> dict | None:
    types = _slot(t, "INCIDENT: TYPE")
    if not types:
        return None
    g: dict = {"muc_type": types[0].split("/")[0].strip()}
    sub = MUC_TYPE_TO_ACLED.get(g["muc_type"])
    if sub:
        g["sub_event_type"] = sub
    ds = _slot(t, "INCIDENT: DATE")
    if ds:
        d = parse_date(ds[0])
        if d:
            g["date"] = d
    locs = _slot(t, "INCIDENT: LOCATION")
    if locs:
        parts = [p.strip() for p in locs[0].split(":")]
        cc = _COUNTRIES.get(parts[0].split("(")[0].strip())
        if cc:
            g["country"] = cc
        g["location_text"] = locs[0]
        for p in parts[1:]:
            if "(DEPARTMENT)" in p or "(PROVINCE)" in p or "(STATE)" in p:
                g["admin1"] = p.split("(")[0].strip().split("/")[0].strip()
                break
    orgs = [_QUOTED.findall(v) for v in _slot(t, "PERP: ORGANIZATION ID")]
    orgs = [o for o in orgs if o]
    if orgs:
        g["perpetrators"] = orgs
    for eff, field in (("DEATH", "killed"), ("INJURY", "injured")):
        n = _effect_count(t, eff)
        if n is not None:
            g[field] = {"best": n, "lo": n, "hi": n}
    return g


def load(data_dir: Path) -> list[EvalItem]:
    items = []
    for row in read_jsonl(data_dir / NAME / FILE):
        golds = [g for g in (gold_incident(t) for t in row.get("templates") or []) if g]
        items.append(EvalItem(NAME, row["docid"], text=row["text"], published=None,
                              gold={"doc_event": bool(golds)}, gold_incidents=golds))
    return items
