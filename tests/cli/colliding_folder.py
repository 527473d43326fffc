"""A real input folder whose file names collide, built from the Wikinews corpus (CC BY 2.5).

Shared by the `run` tests and ``tools/`` measurements (import it by path). The folder holds what a
scraped archive really looks like:

* ``outlet_a/2019/report.txt`` and ``outlet_b/2019/report.txt``: two different reports, one file name;
* ``site/<slug>/index.html`` twice: a scraped site, every page called ``index.html``;
* ``wire/report.txt``: the same text as ``outlet_a/2019/report.txt`` (a wire copy, another outlet);
* ``fr/rapport.txt``: a French report (stored, counted as skipped: English rules only);
* ``feed.jsonl``: ``w-1``; ``w-1`` again with another text (an id collision); ``w-2`` with ``w-1``'s
  URL (a URL collision); ``w-3``, the text of ``outlet_a``'s report under its own id and URL (a wire
  copy).

``EXPECTED`` says what an honest run must make of it: every input stored as its own document except
the two collisions, which are reported as failed with a coded reason.
"""

from __future__ import annotations

import gzip
import html
import json
import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("HARMWATCH_SHARED", _ROOT.parent / "shared")).resolve()
WIKINEWS = SHARED / "data" / "corpus" / "wikinews_violence" / "wikinews_violence.jsonl.gz"

#: inputs, documents a run must store, and the failed items with their codes
EXPECTED = {
    "read": 10,
    "stored": 8,
    "done": 7,
    "skipped": 1,
    "failed": 2,
    "failed_codes": ["HW-STORE-ID-COLLISION", "HW-STORE-URL-COLLISION"],
}


def wikinews(path: Path = WIKINEWS) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _page(rec: dict) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in rec["text"].split("\n") if p.strip())
    return (
        f"<!DOCTYPE html>\n<html><head><title>{html.escape(rec['title'])}</title>"
        f'<meta property="article:published_time" content="{rec["published"]}"></head>\n'
        f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>\n"
        f"<article><h1>{html.escape(rec['title'])}</h1>\n{paras}</article>\n"
        f"<footer>Copyright Example Outlet</footer></body></html>\n"
    )


def build(root: Path, records: list[dict] | None = None) -> Path:
    """Write the colliding folder under ``root/feed`` and return it."""
    recs = records if records is not None else wikinews()
    en = [r for r in recs if r["id"].startswith("wn-en-")]
    fr = [r for r in recs if r["id"].startswith("wn-fr-")]
    feed = root / "feed"
    files = {
        "outlet_a/2019/report.txt": en[0]["text"],
        "outlet_b/2019/report.txt": en[1]["text"],
        "wire/report.txt": en[0]["text"],
        "fr/rapport.txt": fr[0]["text"],
        "site/one/index.html": _page(en[2]),
        "site/two/index.html": _page(en[3]),
    }
    for rel, content in files.items():
        p = feed / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content, encoding="utf-8")
    rows = [
        {"id": "w-1", "text": en[4]["text"], "url": en[4]["url"], "published": en[4]["published"]},
        {"id": "w-1", "text": en[5]["text"], "published": en[5]["published"]},
        {"id": "w-2", "text": en[6]["text"], "url": en[4]["url"], "published": en[6]["published"]},
        {"id": "w-3", "text": en[0]["text"], "url": "https://wire.example.org/story/1", "published": en[0]["published"]},
    ]
    (feed / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return feed
