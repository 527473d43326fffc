"""Reconciliation: one merged incident record from its reports' records.

Every report and every casualty claim stays linked with its document, outlet and report date.
Field rules (deterministic: members are ordered by report date, then record id):

* event type, sub-event type, CAMEO: the most frequent among the reports (ties: the earliest
  report's);
* date: among the reports with the finest precision, the most frequent (start, end) (ties:
  earliest report);
* location: the finest precision (exact > neighbourhood > town > admin2 > admin1 > country), then
  the most frequent name, then the earliest report;
* perpetrators, victims, weapons: the union by canonical name (first report's entry kept, with the
  doc ids that name it);
* killed / injured (the documented figure rule, applied to each report's own figure):
  ``best`` = the latest report's specific figure (min == max: "three were killed", not "at least
  three"), else the latest report's best; ``min`` = the highest lower bound of any report (a toll
  only rises); ``max`` = the highest upper bound (None when a report gives no upper bound, as "at
  least 250" has none); best is kept within [min, max]. ``claims`` lists every claim of every
  report with ``doc_id``, ``outlet`` and ``report_date``.
* ``disagreement``: per field (killed, injured), the reports' figures when they do not all agree
  (different best figures, as "dozens" against "at least 250" or a toll that rose between two
  reports, or ranges that do not overlap), each with its doc id, outlet, report date and words;
  empty when the reports agree.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

PRECISION_ORDER = {"exact": 0, "neighbourhood": 1, "town": 2, "admin2": 3, "admin1": 4, "country": 5}
DATE_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}

FIGURE_RULE = ("best = latest report's specific figure (else its best); min = highest lower bound; "
               "max = highest upper bound (None if a report is unbounded)")


def _mode(values: list[Any]) -> Any:
    """The most frequent value; ties go to the first seen (values are in report order)."""
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    counts = Counter(vals)
    top = max(counts.values())
    return next(v for v in vals if counts[v] == top)


def _report_key(m: dict) -> tuple:
    return (m.get("published") or "9999", m["record_id"])


def _figure(kind: str, members: list[dict]) -> tuple[dict | None, list[dict]]:
    per_report = []
    claims = []
    for m in members:
        f = m["incident"].get(kind)
        if not f:
            continue
        per_report.append((m, f))
        for c in f.get("claims") or []:
            claims.append({**c, "doc_id": m["doc_id"], "outlet": m.get("source"), "report_date": m.get("published")})
    if not per_report:
        return None, []
    lows = [f.get("min") if f.get("min") is not None else f.get("best") for _, f in per_report]
    lows = [x for x in lows if x is not None]
    highs = [f.get("max") if f.get("max") is not None else None for _, f in per_report]
    lo = max(lows) if lows else None
    hi = None if any(h is None for h in highs) else max(highs)
    specific = [(m, f) for m, f in per_report if f.get("best") is not None and f.get("min") == f.get("max")]
    pick = specific[-1] if specific else per_report[-1]
    best = pick[1].get("best")
    if best is not None and lo is not None and best < lo:
        best = lo
    if best is not None and hi is not None and best > hi:
        best = hi
    figures = [{"doc_id": m["doc_id"], "outlet": m.get("source"), "report_date": m.get("published"),
                "min": f.get("min"), "best": f.get("best"), "max": f.get("max"),
                "text": "; ".join(c.get("text") or "" for c in f.get("claims") or [])} for m, f in per_report]
    disagree = _disagree(figures)
    out = {"min": lo, "best": best, "max": hi, "claims": claims, "reports": len(per_report), "rule": FIGURE_RULE,
           "disagreement": bool(disagree)}
    return out, (figures if disagree else [])


def _disagree(figures: list[dict]) -> bool:
    """Reports disagree when their best figures differ ("dozens" = 24 in one, "at least 250" in
    another; also a toll that rose from one report to the next) or their ranges do not overlap."""
    if len(figures) < 2:
        return False
    bests = {f["best"] for f in figures if f["best"] is not None}
    if len(bests) > 1:
        return True
    lows = [f["min"] if f["min"] is not None else f["best"] for f in figures]
    highs = [f["max"] for f in figures if f["max"] is not None]
    lo = max((x for x in lows if x is not None), default=None)
    return lo is not None and bool(highs) and lo > min(highs)


def _union(members: list[dict], key: str) -> list[dict]:
    seen: dict[str, dict] = {}
    for m in members:
        for x in m["incident"].get(key) or []:
            name = (x.get("name") or x.get("mention") or "").casefold()
            if not name:
                continue
            if name not in seen:
                seen[name] = {**x, "doc_ids": [m["doc_id"]]}
            elif m["doc_id"] not in seen[name]["doc_ids"]:
                seen[name]["doc_ids"].append(m["doc_id"])
    return list(seen.values())


def reconcile(incident_id: str, members: list[dict]) -> dict[str, Any]:
    """The merged record. ``members``: dicts with ``record_id``, ``doc_id``, ``index``, ``incident``
    (the contract record), and the report's ``published``, ``source``, ``url``, ``title``."""
    ms = sorted(members, key=_report_key)
    incs = [m["incident"] for m in ms]
    event_type = _mode([i.get("event_type") for i in incs])
    sub = _mode([i.get("sub_event_type") for i in incs if i.get("event_type") == event_type])
    cameo = _mode([i.get("cameo") for i in incs if i.get("sub_event_type") == sub])
    dated = [i.get("date") for i in incs if i.get("date") and i["date"].get("start")]
    date = None
    if dated:
        finest = min(DATE_ORDER.get((d.get("precision") or "year").split("-")[0], 9) for d in dated)
        cands = [d for d in dated if DATE_ORDER.get((d.get("precision") or "year").split("-")[0], 9) == finest]
        se = _mode([(d.get("start"), d.get("end")) for d in cands])
        date = next(dict(d) for d in cands if (d.get("start"), d.get("end")) == se)
        date["reports"] = sum(1 for d in dated if (d.get("start"), d.get("end")) == se)
    located = [(m, m["incident"].get("location")) for m in ms if m["incident"].get("location")]
    location = None
    if located:
        finest = min(PRECISION_ORDER.get(loc.get("precision") or "", 9) for _, loc in located)
        cands = [(m, loc) for m, loc in located if PRECISION_ORDER.get(loc.get("precision") or "", 9) == finest]
        name = _mode([loc.get("name") for _, loc in cands])
        m0, loc0 = next(((m, loc) for m, loc in cands if loc.get("name") == name), cands[0])
        location = {**loc0, "doc_id": m0["doc_id"]}
    killed, kd = _figure("killed", ms)
    injured, jd = _figure("injured", ms)
    disagreement = {k: v for k, v in (("killed", kd), ("injured", jd)) if v}
    reports = sorted({m["doc_id"] for m in ms})
    links = [{"doc_id": m["doc_id"], "incident_index": m["index"], "outlet": m.get("source"),
              "report_date": m.get("published"), "url": m.get("url"), "title": m.get("title"),
              "record_id": m["record_id"]} for m in ms]
    lead = ms[0]["incident"]
    return {
        "incident_id": incident_id,
        "reports": reports,
        "report_links": links,
        "record_ids": sorted(m["record_id"] for m in ms),
        "sources": sorted({m.get("source") for m in ms if m.get("source")}),
        "event_type": event_type, "sub_event_type": sub, "cameo": cameo,
        "date": date, "location": location,
        "perpetrators": _union(ms, "perpetrators"), "victims": _union(ms, "victims"),
        "victim_category": _mode([i.get("victim_category") for i in incs]),
        "killed": killed, "injured": injured,
        "weapons": _union(ms, "weapons"),
        "disagreement": disagreement,
        "confidence": max((i.get("confidence") or 0.0) for i in incs),
        "summary": lead.get("summary"),
    }
