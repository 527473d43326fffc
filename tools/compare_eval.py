"""Compare two `harmwatch eval --out` reports (report.json): every score that changed, timings left out.

    python tools/compare_eval.py BEFORE_DIR AFTER_DIR

Exit status 1 when any score differs (the check behind "same output on every eval set").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

_TIMING = ("second", "time", "elapsed", "docs_per_s")


def _flat(x, path=""):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from _flat(v, f"{path}/{k}")
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from _flat(v, f"{path}/{i}")
    else:
        yield path, x


def main(before: str, after: str) -> int:
    a = dict(_flat(json.loads((Path(before) / "report.json").read_text())))
    b = dict(_flat(json.loads((Path(after) / "report.json").read_text())))
    diff = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k) and not any(t in k for t in _TIMING)]
    for k in diff:
        print(f"{k}: {a.get(k)} -> {b.get(k)}")
    print(f"{len(diff)} values differ")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
