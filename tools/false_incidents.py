"""Print the incidents harmwatch opens on texts that report no armed violence, with their trigger words.

By default it reads the synthetic negative fixture (tests/evaluation/data/negatives_synthetic.jsonl:
original short texts of the kinds issue 15 names: a programming blog, a basketball report, a game
review, fiction, a road crash, a suicide, history ...). Any JSONL with ``id`` and ``text`` (and
optional ``published``, ``title``) works. ``--eval`` instead runs the real negative set
(``harmwatch eval negatives``' documents, read from the shared eval folder; output to the terminal only).

    PYTHONPATH=src python tools/false_incidents.py
    PYTHONPATH=src python tools/false_incidents.py --evidence          # also the evidence sentences
    PYTHONPATH=src python tools/false_incidents.py --eval --data-dir ../shared/data/eval
    PYTHONPATH=src python tools/false_incidents.py --rule-effects negatives,gtd_2021h1,muc34 --limit 300

``--rule-effects SETS`` counts, per set, the documents on which each issue-15 rule acted (a strong
realis trigger turned off as figurative, a protest made weak as an aside, harm turned off as suicide
or disease, a sentence made background as history, an incident dropped as history, a casualty figure
dropped as a background toll), and the incidents per 100 documents: the rule's reach on non-violent
pages against its reach on the violent sets (whose recall `harmwatch eval` checks end to end).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from harmwatch.types import InputItem

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "evaluation" / "data" / "negatives_synthetic.jsonl"


def read_items(path: Path) -> list[InputItem]:
    items = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                items.append(InputItem(ref=d["id"], id=d["id"], text=d["text"], published=d.get("published"),
                                       title=d.get("title")))
    return items


def eval_items(data_dir: Path) -> list[InputItem]:
    from harmwatch.evaluation import negatives

    return [InputItem(ref=i.id, id=i.id, text=i.text, html=i.html, published=i.published)
            for i in negatives.load(data_dir)]


def false_incidents(items: list[InputItem]) -> list[dict]:
    """One dict per incident opened: doc, event type, confidence, trigger words, evidence sentences."""
    from harmwatch.evaluation.negatives import triggers
    from harmwatch.pipeline import process_item

    out = []
    for item in items:
        res = process_item(item)
        text = res.text or ""
        for inc in res.incidents:
            d = inc.to_dict()
            out.append({"doc": item.id, "event_type": d["event_type"], "sub_event_type": d["sub_event_type"],
                        "confidence": d["confidence"], "triggers": triggers(d, text),
                        "sentences": [" ".join(text[s:e].split()) for s, e in d.get("evidence") or []]})
    return out


def rule_effects(sets: list[str], data_dir: Path, limit: int | None, seed: int = 0) -> None:
    """Print, per set, on how many documents each rule acted (see the module docstring)."""
    from harmwatch.evaluation import runner
    from harmwatch.evaluation.base import subsample
    from harmwatch.extract import assemble
    from harmwatch.extract.casualties import claims
    from harmwatch.extract.events import figurative, nonconflict, triggers
    from harmwatch.pipeline import process_item

    fired: set[str] = set()

    def wrap(mod, name: str, rule: str, when=bool) -> None:
        f = getattr(mod, name)

        def g(*a, **k):
            r = f(*a, **k)
            if when(r):
                fired.add(rule)
            return r
        setattr(mod, name, g)

    wrap(figurative, "figurative_trigger", "figurative word")
    wrap(figurative, "protest_aside", "protest aside")
    wrap(nonconflict, "suicide_near", "suicide")
    wrap(triggers._nc, "non_conflict_sentence", "disease", lambda r: bool(r) and r[0] == "disease")
    wrap(assemble, "history_sentence", "history sentence")
    wrap(assemble, "_history", "history date")
    wrap(claims, "background_toll", "background toll")
    for name in sets:
        items = subsample(runner.loader(name).load(data_dir), limit, seed)
        per_rule: Counter = Counter()
        n_inc = 0
        for it in items:
            fired.clear()
            res = process_item(InputItem(ref=it.id, id=it.id, text=it.text, html=it.html, published=it.published))
            n_inc += len(res.incidents)
            per_rule.update(fired)
        rules = ", ".join(f"{r} {n}" for r, n in sorted(per_rule.items()))
        print(f"{name}: {len(items)} documents, {100 * n_inc / max(len(items), 1):.1f} incidents per 100; "
              f"documents where a rule acted: {rules or 'none'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("jsonl", nargs="?", type=Path, default=FIXTURE)
    ap.add_argument("--eval", action="store_true", help="run the real negative set of `harmwatch eval negatives`")
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--evidence", action="store_true", help="also print each incident's evidence sentences")
    ap.add_argument("--rule-effects", default=None, metavar="SETS", help="comma-separated eval sets (see above)")
    ap.add_argument("--limit", type=int, default=None, help="documents per set for --rule-effects (seed 0)")
    args = ap.parse_args()
    if args.rule_effects:
        from harmwatch.evaluation.base import default_data_dir

        rule_effects(args.rule_effects.split(","), args.data_dir or default_data_dir(), args.limit)
        return
    if args.eval:
        from harmwatch.evaluation.base import default_data_dir

        items = eval_items(args.data_dir or default_data_dir())
    else:
        items = read_items(args.jsonl)
    found = false_incidents(items)
    for f in found:
        print(f"{f['doc']}\t{f['event_type']} / {f['sub_event_type']}\tconfidence {f['confidence']}\t"
              f"triggers: {', '.join(f['triggers'])}")
        if args.evidence:
            for s in f["sentences"]:
                print(f"    | {s[:300]}")
    docs = len({f["doc"] for f in found})
    print(f"\n{len(found)} incidents on {docs} of {len(items)} documents "
          f"({100 * len(found) / max(len(items), 1):.1f} per 100 documents)")
    counts = Counter(t.lower() for f in found for t in dict.fromkeys(f["triggers"]))
    for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {n:3d}  {word}")


if __name__ == "__main__":
    main()
