"""``harmwatch eval merge``: how well merging groups the reports of one incident.

Units and gold:

* gva_shootings: a unit is a page; pages that share a GVA ``cluster`` report one incident. Every
  page is extracted by the real pipeline and all its incidents are merged with every other page's;
  a page's predicted group is the merged incident of its lead incident (the page's main one, the
  rule of the single-incident sets); a page without an incident is a group of its own.
* muc34: a unit is one (message, answer-key template); two units are one incident when their keys
  give the same incident: the same single-day date, the same place and the same TYPE. The place is
  the LOCATION's country and first named unit below it ("EL SALVADOR: SAN SALVADOR (CITY)"; a
  neighbourhood named under the city is the same place: keys differ in how deep they go).
  Templates without a single-day date or without a place below the country are left out (nothing
  says which incident they are). Templates are aligned to the message's predicted incidents one to one by
  scoring.align (as the per-field MUC score does); a unit's predicted group is its incident's
  merged incident; an unaligned template is a group of its own. Same-key templates of one message
  are one unit.

Scores: pairwise precision/recall/F1 over unit pairs, and B-cubed precision/recall/F1 (means over
units of |pred group & gold group| / |pred group| and / |gold group|). The 95% interval is a
bootstrap over gold incidents (resampled with replacement, 1,000 draws, seed 0).
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from harmwatch.evaluation import scoring as S
from harmwatch.evaluation.base import EvalItem, subsample

SETS = ("gva_shootings", "muc34")


@dataclass
class MergeScore:
    dataset: str
    units: int
    gold_incidents: int
    gold_pairs: int
    pred_pairs: int
    pairwise: tuple[float, float, float]
    bcubed: tuple[float, float, float]
    pairwise_f1_ci: tuple[float, float] | None = None
    pairwise_p_ci: tuple[float, float] | None = None
    seconds: float = 0.0
    merge_seconds: float = 0.0
    records: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def pair_counts(gold: dict[str, str], pred: dict[str, str]) -> tuple[int, int, int]:
    """(tp, fp, fn) over unordered pairs of units; both maps give every unit a group label."""
    from itertools import combinations

    def pairs(m: dict[str, str]) -> set[tuple[str, str]]:
        by: dict[str, list[str]] = defaultdict(list)
        for u, g in m.items():
            by[g].append(u)
        return {p for us in by.values() for p in combinations(sorted(us), 2)}

    g, p = pairs(gold), pairs(pred)
    return len(g & p), len(p - g), len(g - p)


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    gby: dict[str, set[str]] = defaultdict(set)
    pby: dict[str, set[str]] = defaultdict(set)
    for u in gold:
        gby[gold[u]].add(u)
        pby[pred[u]].add(u)
    ps, rs = [], []
    for u in gold:
        inter = len(gby[gold[u]] & pby[pred[u]])
        ps.append(inter / len(pby[pred[u]]))
        rs.append(inter / len(gby[gold[u]]))
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bootstrap(gold: dict[str, str], pred: dict[str, str], draws: int = 1000, seed: int = 0
              ) -> tuple[tuple[float, float], tuple[float, float]]:
    """95% intervals of pairwise F1 and precision, resampling gold incidents with replacement.

    A resampled incident drawn k times counts its within-incident pairs k times, and a false pair
    between incidents c and d counts k_c x k_d times (copies of one incident are not paired)."""
    from itertools import combinations

    gby: dict[str, list[str]] = defaultdict(list)
    for u, g in gold.items():
        gby[g].append(u)
    pby: dict[str, list[str]] = defaultdict(list)
    for u, p in pred.items():
        pby[p].append(u)
    clusters = sorted(gby)
    tp_c = {c: 0 for c in clusters}
    fn_c = {c: 0 for c in clusters}
    fp_cd: dict[tuple[str, str], int] = defaultdict(int)
    for us in pby.values():
        for a, b in combinations(sorted(us), 2):
            ga, gb = gold[a], gold[b]
            if ga == gb:
                tp_c[ga] += 1
            else:
                fp_cd[(min(ga, gb), max(ga, gb))] += 1
    for c in clusters:
        n = len(gby[c])
        fn_c[c] = n * (n - 1) // 2 - tp_c[c]
    rng = random.Random(seed)
    f1s, ps = [], []
    for _ in range(draws):
        k: dict[str, int] = defaultdict(int)
        for _ in range(len(clusters)):
            k[clusters[rng.randrange(len(clusters))]] += 1
        tp = sum(tp_c[c] * m for c, m in k.items())
        fn = sum(fn_c[c] * m for c, m in k.items())
        fp = sum(v * k.get(c, 0) * k.get(d, 0) for (c, d), v in fp_cd.items())
        p, _, f = S.prf(tp, fp, fn)
        f1s.append(f)
        ps.append(p)
    f1s.sort()
    ps.sort()
    lo, hi = int(0.025 * draws), int(0.975 * draws) - 1
    return (f1s[lo], f1s[hi]), (ps[lo], ps[hi])


def score_groups(dataset: str, gold: dict[str, str], pred: dict[str, str], *, ci: bool = True) -> MergeScore:
    tp, fp, fn = pair_counts(gold, pred)
    out = MergeScore(dataset, len(gold), len(set(gold.values())), tp + fn, tp + fp, S.prf(tp, fp, fn),
                     bcubed(gold, pred))
    if ci:
        out.pairwise_f1_ci, out.pairwise_p_ci = bootstrap(gold, pred)
    return out


# --------------------------------------------------------------------------- the sets


def _extract(items: list[EvalItem], workers: int, progress: Callable[[int], None] | None) -> list[dict]:
    from harmwatch.evaluation import runner

    runner._warm_up()
    tasks = [("text", i.id, i.text, None, i.published, i.title) for i in items]
    return runner.predict_all(tasks, workers, progress)


def _results(items: list[EvalItem], preds: list[dict], meta: Callable[[EvalItem], dict]) -> list[dict]:
    out = []
    for i, p in zip(items, preds):
        out.append({"doc_id": i.id, "text": p.get("text") or "", "incidents": p.get("incidents") or [],
                    "published": i.published, **meta(i)})
    return out


def gva_groups(items: list[EvalItem], preds: list[dict]) -> tuple[dict[str, str], dict[str, str], int, float]:
    """(gold, predicted) group per page, the number of merge records and the merge seconds."""
    from harmwatch.merge import merge_results

    results = _results(items, preds, lambda i: {"source": i.gold.get("source"), "url": i.gold.get("url"),
                                                "title": i.gold.get("title")})
    t0 = time.perf_counter()
    merged = merge_results(results)
    secs = time.perf_counter() - t0
    group_of = {rid: m["incident_id"] for m in merged for rid in m["record_ids"]}
    gold, pred = {}, {}
    for i, p in zip(items, preds):
        gold[i.id] = i.gold["cluster"]
        incs = p.get("incidents") or []
        lead = S.lead_incident(incs)
        k = next((n for n, inc in enumerate(incs) if inc is lead), None)
        pred[i.id] = group_of.get(f"{i.id}#{k}", f"single:{i.id}") if k is not None else f"single:{i.id}"
    return gold, pred, len(group_of), secs


def muc_gold_key(g: dict) -> tuple[str, str, str] | None:
    d = g.get("date") or {}
    parts = [p.strip() for p in (g.get("location_text") or "").split(":")]
    if not d or d.get("start") != d.get("end") or len(parts) < 2 or not parts[1]:
        return None
    return (d["start"], ": ".join(parts[:2]), g.get("muc_type") or "")


def muc_groups(items: list[EvalItem], preds: list[dict]) -> tuple[dict[str, str], dict[str, str], int, float]:
    from harmwatch.evaluation.runner import is_violent
    from harmwatch.merge import merge_results

    results = _results(items, preds, lambda i: {"source": None})
    for r in results:  # MUC keys annotate violent incidents only (as the per-field score)
        r["incidents"] = [inc for inc in r["incidents"] if is_violent(inc)]
    t0 = time.perf_counter()
    merged = merge_results(results)
    secs = time.perf_counter() - t0
    group_of = {rid: m["incident_id"] for m in merged for rid in m["record_ids"]}
    gold, pred = {}, {}
    for i, r in zip(items, results):
        golds = i.gold_incidents or []
        pairs = dict(S.align(golds, r["incidents"]))
        seen: set[tuple] = set()
        for gi, g in enumerate(golds):
            key = muc_gold_key(g)
            if key is None or key in seen:
                continue
            seen.add(key)
            unit = f"{i.id}#{gi}"
            gold[unit] = "|".join(key)
            pred[unit] = group_of.get(f"{i.id}#{pairs[gi]}", f"single:{unit}") if gi in pairs else f"single:{unit}"
    return gold, pred, len(group_of), secs


def run(names: list[str], data_dir: Path, *, limit: int | None = None, seed: int = 0, workers: int = 2,
        ci: bool = True, progress: Callable[[str, int, int], None] | None = None) -> list[MergeScore]:
    """Extract, merge and score each set in ``names`` (gva_shootings, muc34)."""
    from harmwatch.evaluation import gva, muc

    out = []
    for name in names:
        t0 = time.perf_counter()
        mod = {"gva_shootings": gva, "muc34": muc}[name]
        items = subsample(mod.load(data_dir), limit, seed)
        done = [0]

        def tick(n: int, _name: str = name, _total: int = len(items)) -> None:
            done[0] += n
            if progress:
                progress(_name, done[0], _total)

        preds = _extract(items, workers, tick)
        groups = gva_groups if name == "gva_shootings" else muc_groups
        gold, pred, n_records, merge_secs = groups(items, preds)
        res = score_groups(name, gold, pred, ci=ci)
        res.seconds = time.perf_counter() - t0
        res.merge_seconds = merge_secs
        res.records = n_records
        out.append(res)
    return out


def markdown(results: list[MergeScore]) -> str:
    lines = ["| dataset | units | gold incidents | gold pairs | predicted pairs | pairwise P | pairwise R | "
             "pairwise F1 (95% CI) | B-cubed P | B-cubed R | B-cubed F1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        ci = f" ({r.pairwise_f1_ci[0]:.3f}-{r.pairwise_f1_ci[1]:.3f})" if r.pairwise_f1_ci else ""
        p, rc, f = r.pairwise
        bp, br, bf = r.bcubed
        lines.append(f"| {r.dataset} | {r.units} | {r.gold_incidents} | {r.gold_pairs} | {r.pred_pairs} | {p:.3f} | "
                     f"{rc:.3f} | {f:.3f}{ci} | {bp:.3f} | {br:.3f} | {bf:.3f} |")
    return "\n".join(lines)
