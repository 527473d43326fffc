"""Which incident features separate true incidents from false ones, measured on the eval sets.

For each set with incident gold (see harmwatch/evaluation/calibration.py for when an incident is
*aligned* with gold; every incident of the negative set is false) this extracts the documents,
then prints, per feature value, how many predicted incidents have it and the share of them aligned,
plus the reliability of today's ``confidence``. Numbers only go to the terminal; nothing is written.

    PYTHONPATH=src python tools/confidence_features.py --limit 300
    PYTHONPATH=src python tools/confidence_features.py --sets gtd_2021h1,negatives --dump /tmp/f.jsonl
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

DEFAULT_SETS = ["gtd_2021h1", "acled_may2020", "ucdp_ged_sample", "isaf_press_releases", "airwars_gaza2023",
                "muc34", "wikievents", "negatives"]
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
        "confidence": inc.get("confidence"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(DEFAULT_SETS))
    ap.add_argument("--limit", type=int, default=300, help="documents per set (seeded subsample)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--dump", type=Path, default=None, help="also write one JSON line per incident (features only)")
    args = ap.parse_args()
    data_dir = args.data_dir or default_data_dir()
    runner._warm_up()  # same shared resources as `harmwatch eval`
    rows: list[dict] = []
    for name in args.sets.split(","):
        items = subsample(runner.loader(name).load(data_dir), args.limit, args.seed)
        tasks = [("html" if i.text is None else "text", i.id, i.text, i.html, i.published) for i in items]
        preds = runner.predict_all(tasks, args.workers)
        per_doc: dict[str, int] = defaultdict(int)
        aligned = runner.aligned_incidents(name, items, preds)
        for item, _, _, _ in aligned:
            per_doc[item.id] += 1
        for item, inc, hit, text in aligned:
            rows.append({"set": name, "aligned": hit, **features(inc, text, per_doc[item.id])})
        cal = reliability([(float(r["confidence"] or 0), r["aligned"]) for r in rows if r["set"] == name])
        print(f"{name}: {len(items)} docs, {cal['n']} incidents, aligned {cal['aligned']}, "
              f"ECE {cal['ece'] if cal['ece'] is None else round(cal['ece'], 3)}, "
              f"AUROC {cal['auroc'] if cal['auroc'] is None else round(cal['auroc'], 3)}")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")
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
