"""Trafilatura evaluation corpus, dev third (316 multilingual pages; repo Apache-2.0).

Input: the raw HTML. Gold: ``with`` segments (must be in the main text) and ``without``
segments (must not be). Scored on harmwatch's clean text (ingest only).
"""

from __future__ import annotations

import json
from pathlib import Path

from harmwatch.evaluation.base import EvalItem, need, read_html_gz

NAME = "trafilatura_eval"
FIELDS = ("main_text",)


def load(data_dir: Path) -> list[EvalItem]:
    root = data_dir / NAME
    truth = json.loads(need(root / "evaldata_dev.json").read_text(encoding="utf-8"))
    items = []
    for url, gt in sorted(truth.items()):
        path = root / "html" / f"{gt['file']}.gz"
        if not path.exists():
            path = root / "html" / gt["file"]
            if not path.exists():
                continue
        items.append(EvalItem(NAME, gt["file"], html=read_html_gz(path),
                              gold={"with": list(gt.get("with") or []), "without": list(gt.get("without") or [])}))
    return items
