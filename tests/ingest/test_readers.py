"""readers.py: every line/row/file yields exactly one item, in order, never raising."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from harmwatch.ingest import iter_inputs
from harmwatch.ingest.readers import file_id


def _write_jsonl(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_malformed_jsonl_line_between_good_ones(tmp_path: Path, seed_text: str) -> None:
    good1 = json.dumps({"id": "a", "text": seed_text}).encode()
    bad = b'{"id": "b", "text": "unterminated'
    good2 = json.dumps({"id": "c", "text": "Gunmen killed two people in Kabul on Monday."}).encode()
    p = _write_jsonl(tmp_path / "in.jsonl", [good1, b"", bad, b"   ", good2])
    items = list(iter_inputs(p))
    assert [it.id for it in items] == ["a", "b", "c"]  # id of the bad line rescued for the report
    assert items[0].error is None and items[0].text == seed_text
    assert items[1].error is not None and "HW-INPUT-MALFORMED" in items[1].error and "invalid JSON" in items[1].error
    assert items[1].ref == f"{p}:3"  # blank lines are skipped but still counted for line numbers
    assert items[2].error is None and items[2].ref == f"{p}:5"


def test_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": "Two soldiers were killed."}).encode()
    bad = b'{"id": "enc", "text": "caf\xe9 \xff\xfe attack"}'
    items = list(iter_inputs(_write_jsonl(tmp_path / "x.ndjson", [bad, good])))
    assert len(items) == 2
    assert items[0].error and "HW-INPUT-ENCODING" in items[0].error and "UTF-8" in items[0].error
    assert items[0].id == "enc"
    assert items[1].error is None


@pytest.mark.parametrize(
    ("record", "needle"),
    [
        ({"text": "no id here"}, "no 'id'"),
        ({"id": "x"}, "no 'text' or 'html'"),
        ({"id": "x", "text": 5}, "must be a string"),
        (["not", "an", "object"], "expected a JSON object"),
    ],
)
def test_jsonl_contract_violations(tmp_path: Path, record: object, needle: str) -> None:
    (item,) = iter_inputs(_write_jsonl(tmp_path / "x.jsonl", [json.dumps(record).encode()]))
    assert item.error and needle in item.error


def test_jsonl_fields_and_aliases(tmp_path: Path) -> None:
    rec = {"id": 7, "body": "Text via alias.", "date": "2019-01-14", "lang": "en", "headline": "H",
           "link": "https://example.org/a", "outlet": "Example News"}  # fmt: skip
    (item,) = iter_inputs(_write_jsonl(tmp_path / "x.jsonl", [json.dumps(rec).encode()]))
    assert (item.id, item.text, item.published, item.language, item.title, item.url, item.source) == (
        "7", "Text via alias.", "2019-01-14", "en", "H", "https://example.org/a", "Example News",
    )  # fmt: skip


def test_gzipped_jsonl_streams_real_corpus(shared: Path) -> None:
    path = shared / "data/corpus/wikinews_violence/wikinews_violence.jsonl.gz"
    items = list(iter_inputs(path))
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        n_lines = sum(1 for line in fh if line.strip())
    assert len(items) == n_lines == 25
    assert all(it.error is None and it.id and it.text for it in items)
    assert items[0].ref == f"{path}:1"


def test_csv_row_without_text(tmp_path: Path) -> None:
    p = tmp_path / "in.csv"
    p.write_text(
        'id,date,body,source\n'
        'r1,2020-01-05,"Gunmen killed three people, police said.",Agency\n'
        'r2,2020-01-06,,Agency\n'
        ',2020-01-07,Text without an id.,Agency\n'
        '\n'
        'r4,2020-01-08,"A second, ""quoted"" report\nover two lines.",Agency\n',
        encoding="utf-8",
    )
    items = list(iter_inputs(p))
    assert [it.id for it in items] == ["r1", "r2", None, "r4"]
    assert items[0].error is None and items[0].published == "2020-01-05" and items[0].source == "Agency"
    assert items[1].error and "HW-INPUT-EMPTY" in items[1].error and "'r2'" in items[1].error
    assert items[2].error and "no 'id'" in items[2].error
    assert items[3].text == 'A second, "quoted" report\nover two lines.'
    assert items[1].ref == f"{p}:3"


def test_tsv_and_invalid_utf8_row(tmp_path: Path) -> None:
    p = tmp_path / "in.tsv"
    p.write_bytes(b"id\ttext\nt1\tGood row.\nt2\tbad \xff\xfe bytes\nt3\tAnother good row.\n")
    items = list(iter_inputs(p))
    assert [it.id for it in items] == ["t1", "t2", "t3"]
    assert items[1].error and "HW-INPUT-ENCODING" in items[1].error
    assert items[0].error is None and items[2].error is None


def test_folder_walk_sorted_skips_hidden(tmp_path: Path, seed_page_html: bytes) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / "b" / "page.HTM").write_bytes(seed_page_html)
    (tmp_path / "a.txt").write_text("Report A.")
    (tmp_path / "c.unknown").write_bytes(seed_page_html)
    (tmp_path / "d.dat").write_text("Plain report without an extension we know.")
    items = list(iter_inputs(tmp_path))
    assert [Path(it.ref).name for it in items] == ["a.txt", "page.HTM", "c.unknown", "d.dat"]
    assert items[1].html == seed_page_html and items[1].id == "b/page.HTM"  # the path under the folder
    assert items[2].html is not None  # sniffed as HTML
    assert items[3].raw is not None and items[3].html is None  # sniffed as text


def test_missing_path_and_forced_format(tmp_path: Path) -> None:
    (missing,) = iter_inputs(tmp_path / "nope.jsonl")
    assert missing.error and "HW-INPUT-NOT-FOUND" in missing.error
    p = tmp_path / "data.log"
    p.write_text('{"id": "z", "text": "Forced JSONL."}\n')
    (item,) = iter_inputs([p], fmt="jsonl")
    assert item.id == "z" and item.text == "Forced JSONL."
    with pytest.raises(ValueError):
        list(iter_inputs([p], fmt="pdf"))


def test_truncated_gzip_yields_error_after_good_lines(tmp_path: Path) -> None:
    payload = "".join(json.dumps({"id": f"n{i}", "text": "x " * 200}) + "\n" for i in range(200)).encode()
    blob = gzip.compress(payload)
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(blob[: len(blob) // 2])
    items = list(iter_inputs(p))
    assert items[0].id == "n0" and items[0].error is None
    assert items[-1].error and "HW-INPUT-UNREADABLE" in items[-1].error


def test_file_id() -> None:
    assert file_id(Path("/x/000_ea6982988430f7db.txt")) == "000_ea6982988430f7db.txt"
    assert file_id(Path("/x/site/a/index.html"), Path("/x/site")) == "a/index.html"
    assert file_id(Path("/x/site/a/index.html"), Path("/x")) == "site/a/index.html"
    assert file_id(Path("/elsewhere/page.html.gz"), Path("/x")) == "page.html.gz"


def _stdin(monkeypatch, data: bytes) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_jsonl_is_streamed_with_line_refs(monkeypatch) -> None:
    _stdin(monkeypatch, b'\n{"id": "a", "text": "Two people were killed."}\n\n{"id": "b", "text": "broken\n')
    items = list(iter_inputs("-"))
    assert [(it.ref, it.id) for it in items] == [("<stdin>:2", "a"), ("<stdin>:4", "b")]
    assert items[0].text == "Two people were killed." and items[1].error and "HW-INPUT-MALFORMED" in items[1].error


def test_stdin_plain_text_and_html_are_one_document(monkeypatch, seed_text: str, seed_page_html: bytes) -> None:
    _stdin(monkeypatch, b"\n\n" + seed_text.encode("utf-8"))
    (item,) = iter_inputs(["-"])
    assert (item.id, item.ref, item.raw) == ("stdin", "<stdin>", b"\n\n" + seed_text.encode("utf-8"))
    _stdin(monkeypatch, seed_page_html)
    (item,) = iter_inputs(["-"])
    assert item.id == "stdin" and item.html == seed_page_html


def test_count_inputs_matches_what_the_readers_yield(tmp_path: Path, seed_page_html: bytes) -> None:
    from harmwatch.ingest import count_inputs

    (tmp_path / "site" / "a").mkdir(parents=True)
    (tmp_path / "site" / "b").mkdir()
    (tmp_path / "site" / "a" / "index.html").write_bytes(seed_page_html)
    (tmp_path / "site" / "b" / "index.html").write_bytes(seed_page_html)
    rows = [json.dumps({"id": f"n{i}", "text": "Gunmen killed two soldiers."}).encode() for i in range(4)]
    (tmp_path / "feed.jsonl.gz").write_bytes(gzip.compress(b"\n".join(rows[:2] + [b""] + rows[2:]) + b"\n"))
    (tmp_path / "rows.csv").write_text('id,text\n1,"Two killed,\nthree hurt."\n2,Calm day.\n\n', encoding="utf-8")
    items = list(iter_inputs(tmp_path))
    assert [it.id for it in items if it.id and "/" in it.id] == ["site/a/index.html", "site/b/index.html"]
    assert count_inputs([tmp_path]) == len(items) == 8
    assert count_inputs([tmp_path / "feed.jsonl.gz", tmp_path / "rows.csv"]) == 6
    assert count_inputs(["-"]) is None
