"""IndiaPoliceEvents dev half (Times of India, March 2002).

Input: ``doc_text``; published = the metadata ``date``. Gold (document labels): ``doc_event`` =
KILL or FORCE (police used force), ``police_kill`` = KILL. Scored as document-level detection:
"any incident" against doc_event, and "an incident with a state-forces perpetrator and a killed
figure" against police_kill.
"""

from __future__ import annotations

from pathlib import Path

from harmwatch.evaluation.base import EvalItem, read_jsonl

NAME = "india_police_events"
FIELDS = ("detection", "evidence")


def load(data_dir: Path) -> list[EvalItem]:
    meta = {str(m["doc_id"]): m for m in read_jsonl(data_dir / NAME / "metadata_dev.jsonl.gz")}
    items = []
    for row in read_jsonl(data_dir / NAME / "docs_dev.jsonl.gz"):
        did = str(row["doc_id"])
        labels = set(row.get("doc_labels") or [])
        gold = {"doc_event": bool(labels & {"KILL", "FORCE"}), "police_kill": "KILL" in labels}
        m = meta.get(did, {})
        items.append(EvalItem(NAME, did, text=row.get("doc_text") or "", published=m.get("date"),
                              gold=gold))
    return items
