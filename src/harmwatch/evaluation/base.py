"""Shared pieces of the evaluation loaders: the item type, file helpers, subsampling.

An :class:`EvalItem` holds exactly what a user would give the extractor (text or HTML, and the
publication date where the source has one) plus the gold fields in a normalised shape that
``scoring.py`` understands. Gold never reaches the extractor.

Normalised gold keys (each optional; a loader fills only what its dataset has):

``date``          {"start": ISO, "end": ISO}  (a single day has start == end)
``country``       ISO 3166-1 alpha-2
``admin1``        first-order admin unit name as the source writes it
``latlon``        (lat, lon) -- only where the source's point is precise enough (see loaders)
``sub_event_type`` ACLED sub-event type (given, or mapped with mappings.py)
``perpetrators``, ``victims``, ``actors_any``: list of alternatives groups, each a list of names
``killed``, ``injured``: {"best": int|None, "lo": int, "hi": int|None}
``doc_event``     bool, whether the document reports an event (detection sets)
``label``         a class label for the classification sets (CASE 2021)
``main_text``     the gold article body (Zyte) / ``with``/``without`` segments (trafilatura)
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from harmwatch.errors import HarmwatchError


class EvalDataError(HarmwatchError):
    code = "HW-EVAL-DATA"
    hint = "set --data-dir or HARMWATCH_EVAL_DIR to the folder holding the evaluation sets (../shared/data/eval)"


@dataclass
class EvalItem:
    """One evaluation unit: extractor input (text/html/published) and normalised gold."""

    dataset: str
    id: str
    text: str | None = None
    html: str | None = None
    published: str | None = None
    gold: dict[str, Any] = field(default_factory=dict)
    #: the page's title (metadata of the page, as ingest reads it from HTML; not gold)
    title: str | None = None
    #: the unmodified text when ``text`` had a leading date phrase removed (GTD, ACLED)
    original_text: str | None = None
    #: several gold incidents for one document (MUC templates); each a gold dict as above
    gold_incidents: list[dict[str, Any]] | None = None


def default_data_dir() -> Path:
    """HARMWATCH_EVAL_DIR, else ./../shared/data/eval, else <repo>/../shared/data/eval."""
    env = os.environ.get("HARMWATCH_EVAL_DIR")
    if env:
        return Path(env)
    cwd = Path.cwd() / ".." / "shared" / "data" / "eval"
    if cwd.is_dir():
        return cwd.resolve()
    return (Path(__file__).resolve().parents[3].parent / "shared" / "data" / "eval").resolve()


def need(path: Path) -> Path:
    if not path.exists():
        err = EvalDataError(f"evaluation data not found: {path}")
        raise err
    return path


def open_text(path: Path) -> io.TextIOBase:
    need(path)
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def read_jsonl(path: Path) -> Iterator[dict]:
    with open_text(path) as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def read_csv(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with open_text(path) as f:
        yield from csv.DictReader(f, delimiter=delimiter)


def read_html_gz(path: Path) -> str:
    raw = gzip.open(need(path), "rb").read() if path.suffix == ".gz" else need(path).read_bytes()
    for enc in ("utf-8", "cp1252", "latin-1"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def subsample(items: list[EvalItem], limit: int | None, seed: int) -> list[EvalItem]:
    """``limit`` items drawn with random.Random(seed), kept in their original order; all if None."""
    if limit is None or limit <= 0 or limit >= len(items):
        return items
    idx = sorted(random.Random(seed).sample(range(len(items)), limit))
    return [items[i] for i in idx]


def to_int(value: Any) -> int | None:
    """'3', '3.0', 3 -> 3; '', None, 'nan', '-99' (GTD unknown) -> None."""
    if value is None:
        return None
    s = str(value).strip()
    if not s or s.lower() in ("nan", "none", "unknown"):
        return None
    try:
        v = float(s)
    except ValueError:
        return None
    if v < 0:
        return None
    return int(round(v))


def to_float(value: Any) -> float | None:
    try:
        s = str(value).strip()
        return float(s) if s and s.lower() != "nan" else None
    except (TypeError, ValueError):
        return None


def count(best: int | None, lo: int | None = None, hi: int | None = None) -> dict | None:
    """A gold count {"best", "lo", "hi"}; None when nothing is known."""
    if best is None and lo is None:
        return None
    lo = lo if lo is not None else best
    hi = hi if hi is not None else (best if best is not None else None)
    return {"best": best, "lo": lo, "hi": hi}
