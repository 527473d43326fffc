"""Licence check: no wording of the evaluation-only data sets in the project's files.

GTD summaries, ACLED notes, Airwars pages and GVA (gva_shootings) pages may be used for internal
evaluation only: never copied into the project. This tool cuts every tracked file into 7-word
shingles and reports the ones that also occur in those texts (read from ``../shared`` at run time;
nothing of them is written anywhere, the hits go to the terminal only).

Shingles that also occur in the licence-clean sample corpus are common English and ignored; so are
the shingles listed in ``tools/licence_allow.txt``: names of organisations and missions that any
gazetteer of actors holds (the full names of UN missions, say) and regex fragments.

    .venv/bin/python tools/licence_scan.py            # exit 1 when a file has a hit
    HARMWATCH_EVAL_DIR=/path/to/eval .venv/bin/python tools/licence_scan.py

tests/test_licence.py runs :func:`scan` in CI.
"""

from __future__ import annotations

import csv
import glob
import gzip
import json
import os
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
K = 7
_WORD = re.compile(r"[a-z0-9']+")
#: (file under the eval folder, the column that holds the text) of the evaluation-only sets
_CSV = [("gtd_2021h1/gtd_2021jan-mar.csv.gz", ("summary",)),
        ("acled_may2020/acled_2020-04-27_to_05-04.csv.gz", ("notes",))]
_JSONL = [("gva_shootings/docs_dev.jsonl.gz", "text"), ("airwars_gaza2023/gold_dev.jsonl.gz", None)]
_HTML = "airwars_gaza2023/html/*"


def default_eval_dir() -> Path:
    return Path(os.environ.get("HARMWATCH_EVAL_DIR") or ROOT.parent / "shared" / "data" / "eval")


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + K]) for i in range(len(words) - K + 1)}


@lru_cache(maxsize=2)
def restricted_shingles(eval_dir: Path) -> dict[str, str]:
    """Every shingle of the evaluation-only texts -> the set it came from (read once a process)."""
    csv.field_size_limit(10**9)
    out: dict[str, str] = {}

    def add(text: str, tag: str) -> None:
        for s in shingles(text):
            out.setdefault(s, tag)

    for name, cols in _CSV:
        with gzip.open(eval_dir / name, "rt", encoding="utf-8", errors="replace") as f:
            for row in csv.DictReader(f):
                add(" ".join(row.get(c) or "" for c in cols), name.split("/")[0])
    for name, key in _JSONL:
        with gzip.open(eval_dir / name, "rt", encoding="utf-8", errors="replace") as f:
            for line in f:
                add(json.loads(line)[key] if key else line, name.split("/")[0])
    for path in sorted(glob.glob(str(eval_dir / _HTML)))[:400]:
        add(re.sub(r"<[^>]+>", " ", Path(path).read_text(errors="replace")), "airwars_gaza2023")
    return out


def _read(path: Path) -> str | None:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", errors="replace") as f:
                return f.read()
        raw = path.read_bytes()
        if b"\x00" in raw[:8192]:  # a binary file (a PNG screenshot): its bytes are no wording
            return None
        return raw.decode("utf-8", errors="replace")
    except (OSError, EOFError, UnicodeError):
        return None


def allowed() -> set[str]:
    lines = (ROOT / "tools" / "licence_allow.txt").read_text().splitlines()
    return {" ".join(_WORD.findall(x.lower())) for x in lines if x.strip() and not x.startswith("#")}


def scan(eval_dir: Path | None = None, root: Path = ROOT) -> dict[str, list[tuple[str, str]]]:
    """Tracked file -> its hits as (data set, shingle), beyond the clean corpus and the allow-list."""
    gold = restricted_shingles(Path(eval_dir or default_eval_dir()).resolve())
    clean: set[str] = set()
    with gzip.open(root / "src/harmwatch/data/sample/sample_corpus.jsonl.gz", "rt") as f:
        for line in f:
            clean |= shingles(json.loads(line).get("text", ""))
    clean |= allowed()
    files = subprocess.check_output(["git", "ls-files"], text=True, cwd=root).split()
    out: dict[str, list[tuple[str, str]]] = {}
    for rel in files:
        if rel == "tools/licence_allow.txt":
            continue  # the allow-list itself: its lines are the shingles it allows
        text = _read(root / rel)
        if text is None:
            continue
        hits = sorted(s for s in shingles(text) if s in gold and s not in clean)
        if hits:
            out[rel] = [(gold[h], h) for h in hits]
    return out


def main() -> int:
    hits = scan()
    for path, found in hits.items():
        print(path, len(found), found[:4])
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
