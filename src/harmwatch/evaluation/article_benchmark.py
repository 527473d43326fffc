"""Zyte (Scrapinghub) article-extraction-benchmark, dev half (90 pages; repo MIT).

Input: the raw HTML. Gold: ``articleBody``. Scored on harmwatch's clean text (ingest only).
"""

from __future__ import annotations

import json
from pathlib import Path

from harmwatch.evaluation.base import EvalItem, need, read_html_gz

NAME = "article_extraction_benchmark"
FIELDS = ("main_text",)


def load(data_dir: Path) -> list[EvalItem]:
    root = data_dir / NAME
    truth = json.loads(need(root / "ground-truth_dev.json").read_text(encoding="utf-8"))
    items = []
    for key, gt in sorted(truth.items()):
        path = root / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        items.append(EvalItem(NAME, key, html=read_html_gz(path), gold={"main_text": gt.get("articleBody") or ""}))
    return items
