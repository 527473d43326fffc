"""ISAF press releases (CC BY-SA 4.0), 2009-12 .. 2011-03.

Input: the release text (its dateline "KABUL, Afghanistan (Jan. 10, 2011)" is in the text; no
separate publication date is given). Gold: start_date (the event date), province (admin1), country
AF, event_type mapped to ACLED (mappings.ISAF_TYPE_TO_ACLED), target_group (scored as victims, the
targets of the operation, and as actors_any), min_killed (a lower bound: best = lo = min_killed, no
upper bound when ``killq``; 0 = 0 otherwise).
"""

from __future__ import annotations

from pathlib import Path

from harmwatch.evaluation.base import EvalItem, read_jsonl
from harmwatch.evaluation.mappings import ISAF_TYPE_TO_ACLED

NAME = "isaf_press_releases"
FILE = "isaf_pr_test_dev.jsonl.gz"
FIELDS = ("date", "place", "event_type", "victims", "actors_any", "killed", "evidence")


def load(data_dir: Path) -> list[EvalItem]:
    items = []
    for i, row in enumerate(read_jsonl(data_dir / NAME / FILE)):
        g = row.get("gold") or {}
        gold: dict = {"country": "AF"}
        if g.get("start_date"):
            gold["date"] = {"start": g["start_date"][:10], "end": g["start_date"][:10]}
        prov = [p for p in (g.get("province") or []) if p]
        if len(prov) == 1:
            gold["admin1"] = prov[0]
        types = [ISAF_TYPE_TO_ACLED.get(t) for t in (g.get("event_type") or []) if t]
        types = [t for t in types if t]
        if types:
            gold["sub_event_type"] = types[0]
        groups = [x.strip() for tg in (g.get("target_group") or []) for x in tg.split(";") if x.strip()]
        if groups:
            gold["victims"] = [groups]
            gold["actors_any"] = [groups]
        if g.get("min_killed") is not None:
            k = int(g["min_killed"])
            # a minimum when the release reports killing (killq), else nobody was killed
            gold["killed"] = {"best": k, "lo": k, "hi": None if g.get("killq") else k}
        items.append(EvalItem(NAME, f"isaf-{i:04d}", text=row["text"], published=None, gold=gold))
    return items
