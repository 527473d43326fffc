"""WikiEvents dev (20 news articles, KAIROS events; MIT repo, articles cited from Wikipedia).

Input: the article rebuilt from its sentences, one sentence per line (the distributed ``text``
joins sentences without a separator: "...in SyriaThe desert..."). No publication date.
Gold: ``doc_event`` (has a Conflict.Attack / Life.Die / Life.Injure mention) and, for the
sentence-level detection score, the character spans of the sentences that hold a violent trigger
(``violent_sents``) and of all sentences (``sents``).
"""

from __future__ import annotations

from pathlib import Path

from harmwatch.evaluation.base import EvalItem, read_jsonl

NAME = "wikievents"
FILE = "dev.jsonl.gz"
FIELDS = ("detection", "evidence")
VIOLENT_PREFIXES = ("Conflict.Attack", "Life.Die", "Life.Injure")


def load(data_dir: Path) -> list[EvalItem]:
    items = []
    for row in read_jsonl(data_dir / NAME / FILE):
        sents = row.get("sentences") or []
        lines, spans, pos = [], [], 0
        for toks, stext in sents:
            s = stext if isinstance(stext, str) else " ".join(t[0] for t in toks)
            lines.append(s)
            spans.append((pos, pos + len(s)))
            pos += len(s) + 1
        text = "\n".join(lines)
        violent = sorted({ev["trigger"]["sent_idx"] for ev in row.get("event_mentions") or []
                          if ev.get("event_type", "").startswith(VIOLENT_PREFIXES)})
        gold = {"doc_event": bool(violent), "sents": spans, "violent_sents": [spans[i] for i in violent if i < len(spans)]}
        items.append(EvalItem(NAME, row["doc_id"], text=text, published=None, gold=gold))
    return items
