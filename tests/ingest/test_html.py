"""html.py on real pages: trafilatura's evaluation set (dev third) and metadata markup."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from harmwatch.ingest import extract_html, ingest
from harmwatch.ingest.html import extract_metadata, parse_html
from harmwatch.types import InputItem

EVAL = "data/eval/trafilatura_eval"


@pytest.fixture(scope="module")
def evaldata(shared: Path) -> dict[str, dict]:
    return json.loads((shared / EVAL / "evaldata_dev.json").read_text(encoding="utf-8"))


def _page(shared: Path, entry: dict) -> bytes:
    return gzip.decompress((shared / EVAL / "html" / (entry["file"] + ".gz")).read_bytes())


def _entry(evaldata: dict[str, dict], name: str) -> tuple[str, dict]:
    return next((url, e) for url, e in evaldata.items() if e["file"] == name)


@pytest.mark.parametrize(
    ("name", "language"),
    [("bbc.com.52241221.html", "en"), ("kaieteurnewsonline.com-essequibo.html", "en"), ("achgut.com-coronalage.html", "de")],
)
def test_eval_page_main_text(shared: Path, evaldata: dict[str, dict], name: str, language: str) -> None:
    url, entry = _entry(evaldata, name)
    doc = ingest(InputItem(ref=name, html=_page(shared, entry), url=url))
    assert len(doc.text) > 1000
    for seg in entry["with"]:
        assert seg in doc.text, seg
    for seg in entry["without"]:
        assert seg not in doc.text, seg
    assert doc.language == language
    assert doc.source  # outlet from og:site_name or the URL host


def test_eval_sample_segment_scores(shared: Path, evaldata: dict[str, dict]) -> None:
    """Segment-level with/without scores over every 8th dev page (a regression floor)."""
    found = total = kept_out = total_out = 0
    for url, entry in list(evaldata.items())[::8]:
        try:
            text = ingest(InputItem(ref=entry["file"], html=_page(shared, entry), url=url)).text
        except Exception:  # noqa: BLE001 - an unextractable page counts as all misses
            text = ""
        found += sum(seg in text for seg in entry["with"])
        total += len(entry["with"])
        kept_out += sum(seg not in text for seg in entry["without"])
        total_out += len(entry["without"])
    assert total > 60
    assert found / total >= 0.85  # measured 0.95 on the whole dev third
    assert kept_out / total_out >= 0.80  # measured 0.90


def test_metadata_sources() -> None:
    page = """<html lang="fr-FR"><head>
      <script type="application/ld+json">{"@graph": [{"@type": "WebSite", "name": "Site"},
        {"@type": "NewsArticle", "headline": "Attaque au nord", "datePublished": "2012-06-22T08:00:00Z",
         "publisher": {"@type": "Organization", "name": "Le Journal"}}]}</script>
      <script type="application/ld+json">{ broken json </script>
    </head><body><article><p>Texte.</p></article></body></html>"""
    meta = extract_metadata(parse_html(page))
    assert meta == {"title": "Attaque au nord", "published": "2012-06-22T08:00:00+00:00", "source": "Le Journal", "language": "fr"}


def test_time_element_date_and_h1_title() -> None:
    page = """<html><body><header><nav>Home</nav></header><article><h1>Five killed in raid</h1>
      <p class="meta">Posted <time datetime="2019-03-17">17 March</time></p>
      <p>Five people were killed in an overnight raid on a village near the border, officials said on Sunday.
      Residents said the gunmen arrived in trucks shortly after midnight and set fire to several homes.</p>
      <p>The army said it had sent reinforcements to the area and launched a search for the attackers.</p>
      </article></body></html>"""
    content = extract_html(page)
    assert content.published == "2019-03-17"
    assert content.title == "Five killed in raid"
    assert "set fire to several homes" in content.text and "Home" not in content.text.split("\n")
