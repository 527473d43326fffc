"""CASE 2021 task 2, fine-grained event classification (40 % dev split of the test set).

Input: the snippet; no publication date. Gold: ``label`` (one of 25 ACLED-derived types plus the
"unseen" ones). harmwatch's first incident's sub-event type is mapped with mappings.ACLED_TO_CASE;
no incident -> NO_EVENT (never a gold label, so it always counts as a miss).
"""

from __future__ import annotations

from pathlib import Path

from harmwatch.evaluation.base import EvalItem, read_csv

NAME = "case2021_task2"
FILE = "case2021_task2_dev40.tsv"
FIELDS = ("event_type",)


def load(data_dir: Path) -> list[EvalItem]:
    items = []
    for row in read_csv(data_dir / NAME / FILE, delimiter="\t"):
        text, label = (row.get("EventSnippet") or "").strip(), (row.get("SubType") or "").strip()
        if text and label:
            items.append(EvalItem(NAME, str(row.get("id")), text=text, published=None, gold={"label": label}))
    return items
