"""Build the bundled sample corpus (src/harmwatch/data/sample/sample_corpus.jsonl.gz).

Real reports whose licences allow shipping them (see src/harmwatch/data/sample/SOURCES.md):
the founding example, the 25 Wikinews reports (CC BY 2.5), ISAF press releases (CC BY-SA 4.0)
and MUC-3/4 messages (public domain). Deterministic: same input, same bytes.

    python tools/build_sample_corpus.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/harmwatch/data/sample/sample_corpus.jsonl.gz"
MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}


def _jsonl_gz(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def muc_published(text: str) -> str | None:
    m = re.search(r"^[^\n]*?,\s+(\d{1,2})\s+([A-Z]{3})\s+(\d{2})\b", text)
    if not m or m.group(2) not in MONTHS:
        return None
    return f"19{m.group(3)}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"


def isaf_published(text: str) -> str | None:
    m = re.search(r"\((?P<mon>[A-Z][a-z]+)\.? (?P<day>\d{1,2}), (?P<year>20\d\d)\)", text)
    if not m:
        return None
    mon = m.group("mon")[:3].upper()
    if mon not in MONTHS:
        return None
    return f"{m.group('year')}-{MONTHS[mon]:02d}-{int(m.group('day')):02d}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--isaf", type=int, default=40)
    ap.add_argument("--muc", type=int, default=40)
    args = ap.parse_args()
    shared = Path(args.shared)
    rows = []
    seed = (shared / "seed/000_ea6982988430f7db.txt").read_text(encoding="utf-8")
    rows.append({"id": "seed-000_ea6982988430f7db", "text": seed, "source": "Diyaruna", "corpus": "seed"})
    for d in _jsonl_gz(shared / "data/corpus/wikinews_violence/wikinews_violence.jsonl.gz"):
        rows.append(
            {
                "id": d["id"],
                "title": d["title"],
                "url": d["url"],
                "published": d["published"],
                "text": d["text"],
                "language": d["lang"],
                "source": "Wikinews",
                "corpus": "wikinews",
                "licence": "CC BY 2.5",
                "attribution": d["attribution"],
            }
        )
    isaf = [d for d in _jsonl_gz(shared / "data/eval/isaf_press_releases/isaf_pr_test_dev.jsonl.gz")]
    for i, d in enumerate(isaf[: args.isaf]):
        rows.append(
            {
                "id": f"isaf-{i:03d}",
                "text": d["text"],
                "published": isaf_published(d["text"]),
                "source": "ISAF Joint Command",
                "corpus": "isaf",
                "licence": "CC BY-SA 4.0",
            }
        )
    muc = [d for d in _jsonl_gz(shared / "data/eval/muc34/muc34_dev_tst1_tst2.jsonl.gz")]
    step = max(1, len(muc) // args.muc)
    for d in muc[::step][: args.muc]:
        rows.append(
            {
                "id": d["docid"],
                "text": d["text"],
                "published": muc_published(d["text"]),
                "source": "FBIS (MUC-3/4)",
                "corpus": "muc34",
                "licence": "public domain",
            }
        )
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        for r in rows:
            gz.write((json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(buf.getvalue())
    print(f"wrote {len(rows)} reports to {OUT}")


if __name__ == "__main__":
    main()
