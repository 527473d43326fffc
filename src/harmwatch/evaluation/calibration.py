"""Reliability of an incident's ``confidence``: is a 0.8 incident right 8 times in 10?

For every set with incident gold, each predicted incident is marked *aligned* (it is a gold incident)
or not, and the incidents are binned by confidence. Per bin the report gives the count, the mean
confidence and the share aligned (the bin's precision); over the set, the expected calibration error
(ECE, the count-weighted mean gap between a bin's precision and its mean confidence) and the AUROC of
confidence for aligned vs not aligned (0.5 = confidence does not separate them; 1 = perfectly).

When an incident is aligned (documented in docs/EVALUATION.md):

* single-incident sets (GTD, ACLED, ISAF, Airwars, UCDP: the text is written about one gold
  incident): the one predicted incident that fits the gold best (:func:`fit`; ties: the earlier in
  the text) aligns when it agrees with the gold on at least one of: event type (ACLED sub-event or
  top type), date in the gold range, country, place (same admin-1 unit, or within 25 km), killed
  figure (gold > 0), perpetrator or (UCDP) either side. The others are not aligned: a second record
  of the same event is a false record (a duplicate), and so is one that agrees on nothing.
* MUC-3/4: the one-to-one alignment of templates the MUC scoring uses (``scoring.align``).
* WikiEvents: an incident aligns when one of its trigger words lies in a gold attack/die/injure
  sentence.
* negatives: no incident aligns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from harmwatch.evaluation import scoring as S

BINS = 10


def fit(gold: dict, inc: dict) -> int:
    """How many anchoring fields of a gold incident a predicted incident agrees with (0-7)."""
    n = 0
    if (gold.get("sub_event_type") and gold["sub_event_type"] == inc.get("sub_event_type")) or (
            gold.get("event_type") and gold["event_type"] == inc.get("event_type")):
        n += 1
    ps, _ = S._date_of(inc)  # the scorer's own date reading
    if gold.get("date") and ps and gold["date"]["start"] <= ps <= gold["date"]["end"]:
        n += 1
    loc = inc.get("location") or {}
    if gold.get("country") and (loc.get("country_code") or "").upper() == gold["country"].upper():
        n += 1
    place = False
    if gold.get("latlon") and loc.get("lat") is not None and loc.get("lon") is not None:
        place = S.haversine_km(gold["latlon"], (loc["lat"], loc["lon"])) <= 25
    if not place and gold.get("admin1") and loc.get("admin1"):
        same_country = not gold.get("country") or (loc.get("country_code") or "").upper() == gold["country"].upper()
        place = same_country and S.same_admin1(gold["admin1"], loc.get("admin1"), loc.get("country_code"))
    n += int(place)
    gk = (gold.get("killed") or {}).get("best")
    if gk and ((inc.get("killed") or {}).get("best") == gk):
        n += 1
    groups = gold.get("perpetrators") or []
    if groups:
        keys = {S.actor_key(a) for g in groups for a in g if a}
        preds = [(S.actor_key(p.get("name") or p.get("mention") or ""), p.get("category"))
                 for p in inc.get("perpetrators") or []]
        n += int(S.actor_match(keys, [(k, c) for k, c in preds if k]))
    sides = gold.get("actors_any") or []
    if sides and not groups:
        keys = {S.actor_key(a) for g in sides for a in g if a}
        both = (inc.get("perpetrators") or []) + (inc.get("victims") or [])
        preds = [(S.actor_key(p.get("name") or p.get("mention") or ""), p.get("category")) for p in both]
        n += int(S.actor_match(keys, [(k, c) for k, c in preds if k]))
    return n


def aligned_single(gold: dict, incs: list[dict], need: int = 1) -> list[bool]:
    """For a document about one gold incident: True for the one predicted incident that fits it best
    (ties: the earlier in the text) when it fits on ``need`` fields or more."""
    out = [False] * len(incs)
    scored = [(fit(gold, inc), -S.inc_start(inc), -k) for k, inc in enumerate(incs)]
    if scored:
        best = max(scored)
        if best[0] >= need:
            out[-best[2]] = True
    return out


def aligned_muc(golds: list[dict], incs: list[dict]) -> list[bool]:
    hit = {pi for _, pi in S.align(golds, incs)}
    return [k in hit for k in range(len(incs))]


def aligned_sentences(gold_spans: Iterable[Iterable[int]], incs: list[dict]) -> list[bool]:
    spans = [tuple(s) for s in gold_spans]
    return [any(a < e and s < b for s, e in inc.get("event_evidence") or [] for a, b in spans) for inc in incs]


def reliability(outcomes: list[tuple[float, bool]], bins: int = BINS) -> dict[str, Any]:
    """Bins of equal width over [0, 1] (confidence 1.0 goes in the last): n, mean confidence,
    precision; the ECE, the AUROC and the overall precision."""
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, a) for c, a in outcomes if lo <= c < hi or (b == bins - 1 and c == hi)]
        n = len(inside)
        table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": n,
                      "mean_confidence": sum(c for c, _ in inside) / n if n else None,
                      "precision": sum(1 for _, a in inside if a) / n if n else None})
    total = len(outcomes)
    ece = (sum(r["n"] / total * abs(r["precision"] - r["mean_confidence"]) for r in table if r["n"])
           if total else None)
    return {"n": total, "aligned": sum(1 for _, a in outcomes if a),
            "precision": sum(1 for _, a in outcomes if a) / total if total else None,
            "ece": ece, "auroc": auroc(outcomes), "bins": table}


def auroc(outcomes: list[tuple[float, bool]]) -> float | None:
    """P(confidence of an aligned incident > that of a non-aligned one), ties count one half
    (the Mann-Whitney U statistic, normalised); None without both kinds."""
    pos = [c for c, a in outcomes if a]
    neg = [c for c, a in outcomes if not a]
    if not pos or not neg:
        return None
    ranked = sorted(outcomes, key=lambda t: t[0])
    ranks: dict[float, float] = {}
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        ranks[ranked[i][0]] = (i + 1 + j) / 2  # mean rank of the tie group (1-based)
        i = j
    rank_sum = sum(ranks[c] for c in pos)
    return (rank_sum - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))
