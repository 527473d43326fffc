"""Which incident features separate true incidents from false ones, measured on the eval sets; and
the fit of ``confidence`` (harmwatch/extract/confidence.py).

For each set with incident gold (see harmwatch/evaluation/calibration.py for when an incident is
*aligned* with gold; every incident of the negative set is false) this extracts the documents,
then prints, per feature value, how many predicted incidents have it and the share of them aligned,
plus the reliability of today's ``confidence``. Numbers only go to the terminal; nothing is written.

    PYTHONPATH=src python tools/confidence_features.py --limit 300
    PYTHONPATH=src python tools/confidence_features.py --sets gtd_2021h1,negatives --dump /tmp/f.jsonl
    PYTHONPATH=src python tools/confidence_features.py --fit --limit 300      # fit on FIT_SETS, 5-fold CV
    PYTHONPATH=src python tools/confidence_features.py --check --limit 300    # the shipped weights on all sets

``--fit`` fits an L2-regularised logistic regression of *aligned* on the features of
harmwatch.extract.confidence (FEATURES) over the free-licence sets only (FIT_SETS: never GTD, ACLED,
Airwars or GVA, which are for evaluation only), prints the weights to paste into that module, and the
out-of-fold (5 folds by document) AUROC and ECE per set and pooled. ``--check`` scores the shipped
weights on every set (the held-back sets included). Numbers go to the terminal only.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from harmwatch.evaluation import runner
from harmwatch.evaluation.base import default_data_dir, subsample
from harmwatch.evaluation.calibration import reliability
from harmwatch.extract import confidence as conf
from harmwatch.extract.events import register_density

#: the sets the weights may be fitted on (free licences); the others only measure the fit
FIT_SETS = ["muc34", "isaf_press_releases", "wikievents", "ucdp_ged_sample", "negatives"]
DEFAULT_SETS = ["gtd_2021h1", "acled_may2020", "ucdp_ged_sample", "isaf_press_releases", "airwars_gaza2023",
                "muc34", "wikievents", "negatives", "gva_shootings"]
_SENT_END = re.compile(r"[.!?]\s")


def features(inc: dict, text: str, n_incidents: int) -> dict[str, object]:
    """Coarse, discrete features of one predicted incident (what a confidence rule could use)."""
    trig = sorted({(s, e) for s, e in inc.get("event_evidence") or [] if 0 <= s < e <= len(text)})
    words = {" ".join(text[s:e].lower().split()) for s, e in trig}
    sents = inc.get("evidence") or []
    date = inc.get("date") or {}
    loc = inc.get("location") or {}
    killed, injured = inc.get("killed") or {}, inc.get("injured") or {}
    first = min((s for s, _ in trig), default=len(text))
    return {
        "event_type": inc.get("event_type"),
        "distinct_trigger_words": min(len(words), 3),
        "trigger_mentions": min(len(trig), 4),
        "evidence_sentences": min(len(sents), 4),
        "casualty_figure": bool(killed.get("best") or injured.get("best")),
        "perpetrator": bool(inc.get("perpetrators")),
        "perpetrator_category": (inc.get("perpetrators") or [{}])[0].get("category"),
        "victims": bool(inc.get("victims")),
        "weapon": bool(inc.get("weapons")),
        "date_from_text": bool(date.get("evidence")),
        "place_from_text": bool(loc.get("evidence")),
        "place_precision": loc.get("precision"),
        "first_trigger_in_first_600_chars": first < 600,
        "incidents_in_doc": min(n_incidents, 3),
        "register_density": round(min(max(register_density(text), 0.0), 5.0)),
        "confidence": inc.get("confidence"),
    }


def fit_logistic(x: list[list[float]], y: list[bool], l2: float = 1.0, iters: int = 50) -> tuple[float, list[float]]:
    """Newton-Raphson (IRLS) for an L2-regularised logistic regression (the intercept not penalised)."""
    import numpy as np

    X = np.hstack([np.ones((len(x), 1)), np.asarray(x, dtype=float)])
    t = np.asarray(y, dtype=float)
    w = np.zeros(X.shape[1])
    pen = np.full(X.shape[1], l2)
    pen[0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-X @ w))
        grad = X.T @ (p - t) + pen * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + np.diag(pen)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), [float(v) for v in w[1:]]


def _predict(b: float, w: list[float], x: list[float]) -> float:
    return conf.score(dict(zip(conf.FEATURES, x)), b, dict(zip(conf.FEATURES, w)))


def fit_main(rows: list[dict], folds: int = 5, l2: float = 1.0) -> None:
    """Fit on rows of FIT_SETS; print weights, out-of-fold and in-sample reliability."""
    import zlib

    fit_rows = [r for r in rows if r["set"] in FIT_SETS]
    x = [[r["f"][k] for k in conf.FEATURES] for r in fit_rows]
    y = [r["aligned"] for r in fit_rows]
    b, w = fit_logistic(x, y, l2)
    print(f"\nfit on {len(fit_rows)} incidents of {', '.join(FIT_SETS)} (aligned share {sum(y) / max(len(y), 1):.3f})")
    print(f"INTERCEPT = {b:.2f}")
    print("WEIGHTS = {" + ", ".join(f'"{k}": {v:.2f}' for k, v in zip(conf.FEATURES, w)) + "}")
    fold = [zlib.crc32(r["doc"].encode()) % folds for r in fit_rows]
    oof: list[float] = [0.0] * len(fit_rows)
    for k in range(folds):
        tr = [i for i in range(len(fit_rows)) if fold[i] != k]
        bk, wk = fit_logistic([x[i] for i in tr], [y[i] for i in tr], l2)
        for i in range(len(fit_rows)):
            if fold[i] == k:
                oof[i] = _predict(bk, wk, x[i])
    print("\nout of fold (5 folds by document):")
    _report([(oof[i], y[i], fit_rows[i]["set"]) for i in range(len(fit_rows))])
    print("\nthe fitted weights on every set (the sets not fitted on are held back):")
    scored = [(_predict(b, w, [r["f"][k] for k in conf.FEATURES]), r["aligned"], r["set"]) for r in rows]
    _report(scored)
    _thresholds(scored, None)


def _thresholds(scored: list[tuple[float, bool, str]], neg_pages: int | None) -> None:
    """What a cut at each threshold would cost: aligned incidents lost per set, false ones left."""
    print("\nthreshold: aligned incidents lost (share, per set) | false incidents removed (pooled)")
    sets = list(dict.fromkeys(s for _, _, s in scored))
    for t in (0.2, 0.3, 0.4, 0.5, 0.6):
        lost = []
        for name in sets:
            al = [p for p, a, s in scored if s == name and a]
            if al:
                lost.append(f"{name.split('_')[0]} {sum(p < t for p in al) / len(al):.3f}")
        fa = [p for p, a, _ in scored if not a]
        neg = [p for p, a, s in scored if s == "negatives"]
        left = sum(p >= t for p in neg)
        per100 = f", negatives left {left} ({100 * left / neg_pages:.2f}/100 docs)" if neg_pages else ""
        print(f"  {t:.1f}: {'; '.join(lost)} | {sum(p < t for p in fa)}/{len(fa)} false removed{per100}")


def _report(scored: list[tuple[float, bool, str]]) -> None:
    for name in dict.fromkeys(s for _, _, s in scored):
        cal = reliability([(p, a) for p, a, s in scored if s == name])
        print(f"  {name:24s} n={cal['n']:5d} aligned {cal['precision']:.3f} ECE {cal['ece']:.3f} AUROC {cal['auroc']}")
    cal = reliability([(p, a) for p, a, _ in scored])
    print(f"  {'pooled':24s} n={cal['n']:5d} aligned {cal['precision']:.3f} ECE {cal['ece']:.3f} AUROC {cal['auroc']}")
    for b in cal["bins"]:
        if b["n"]:
            print(f"    {b['bin']}: n={b['n']:5d} mean {b['mean_confidence']:.3f} aligned {b['precision']:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(DEFAULT_SETS))
    ap.add_argument("--limit", type=int, default=300, help="documents per set (seeded subsample)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--dump", type=Path, default=None, help="also write one JSON line per incident (features only)")
    ap.add_argument("--fit", action="store_true", help="fit the confidence weights on FIT_SETS (5-fold CV)")
    ap.add_argument("--check", action="store_true", help="reliability of the shipped confidence on every set")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--all-negatives", action="store_true", help="the whole negative set (its false incidents are few)")
    args = ap.parse_args()
    data_dir = args.data_dir or default_data_dir()
    runner._warm_up()  # same shared resources as `harmwatch eval`
    rows: list[dict] = []
    for name in args.sets.split(","):
        limit = None if (name == "negatives" and args.all_negatives) else args.limit
        items = subsample(runner.loader(name).load(data_dir), limit, args.seed)
        tasks = [("html" if i.text is None else "text", i.id, i.text, i.html, i.published) for i in items]
        preds = runner.predict_all(tasks, args.workers)
        per_doc: dict[str, int] = defaultdict(int)
        aligned = runner.aligned_incidents(name, items, preds)
        for item, _, _, _ in aligned:
            per_doc[item.id] += 1
        n_all = {it.id: len(p.get("incidents") or []) for it, p in zip(items, preds)}  # as the library counts
        for item, inc, hit, text in aligned:
            rows.append({"set": name, "aligned": hit, "doc": f"{name}/{item.id}",
                         "f": conf.features(inc, text, n_all[item.id]), **features(inc, text, per_doc[item.id])})
        cal = reliability([(float(r["confidence"] or 0), r["aligned"]) for r in rows if r["set"] == name])
        print(f"{name}: {len(items)} docs, {cal['n']} incidents, aligned {cal['aligned']}, "
              f"ECE {cal['ece'] if cal['ece'] is None else round(cal['ece'], 3)}, "
              f"AUROC {cal['auroc'] if cal['auroc'] is None else round(cal['auroc'], 3)}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")
    if args.fit:
        fit_main(rows, l2=args.l2)
        return
    if args.check:
        scored = [(conf.score(r["f"]), r["aligned"], r["set"]) for r in rows]
        _report(scored)
        _thresholds(scored, None)
        return
    pooled = reliability([(float(r["confidence"] or 0), r["aligned"]) for r in rows])
    print(f"\npooled: {pooled['n']} incidents, aligned share {pooled['precision']:.3f}, ECE {pooled['ece']:.3f}, "
          f"AUROC {pooled['auroc']}")
    for b in pooled["bins"]:
        if b["n"]:
            print(f"  {b['bin']}: n={b['n']:5d} mean conf {b['mean_confidence']:.3f} aligned {b['precision']:.3f}")
    names = [k for k in rows[0] if k not in ("set", "aligned")] if rows else []
    for feat in names:
        groups: dict[object, list[bool]] = defaultdict(list)
        for r in rows:
            groups[r[feat]].append(r["aligned"])
        print(f"\n{feat}:")
        for value, hits in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            print(f"  {value!s:40s} n={len(hits):5d} aligned {sum(hits) / len(hits):.3f}")


if __name__ == "__main__":
    main()
