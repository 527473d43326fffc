"""The ingest size caps (issue 12): every cap fails the input with its own code before the costly
step it protects, and an input just inside it is read normally."""

from __future__ import annotations

import pytest

from harmwatch.errors import InputError
from harmwatch.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, ingest
from harmwatch.ingest.html import MAX_HTML_DEPTH
from harmwatch.types import InputItem

SENTENCE = "Gunmen killed 3 people near the market in Kaduna on Tuesday, police said. "  # invented


def _nested(depth: int) -> str:
    return "<html><body><article>" + "<div>" * depth + "<p>" + SENTENCE * 3 + "</p>" + "</div>" * depth


def _code(item: InputItem, **kw) -> str:
    with pytest.raises(InputError) as info:
        ingest(item, **kw)
    return info.value.code


def test_html_nested_past_the_parser_limit_fails_coded_not_silently_emptied():
    assert _code(InputItem(ref="deep.html", html=_nested(MAX_HTML_DEPTH + 50))) == "HW-INPUT-TOO-DEEP"
    with pytest.raises(InputError) as info:
        ingest(InputItem(ref="deep.html", html=_nested(5000)))
    assert info.value.message.startswith("deep.html: ") and info.value.hint


def test_html_nested_inside_the_limit_is_read():
    doc = ingest(InputItem(ref="ok.html", html=_nested(MAX_HTML_DEPTH - 20)))
    assert "Gunmen killed 3 people" in doc.text


def test_text_over_the_character_cap_fails_before_extraction():
    long = SENTENCE * (DEFAULT_MAX_CHARS // len(SENTENCE) + 2)
    assert _code(InputItem(ref="long.txt", text=long)) == "HW-INPUT-TOO-LONG"
    assert _code(InputItem(ref="token.txt", text="x" * (DEFAULT_MAX_CHARS + 1))) == "HW-INPUT-TOO-LONG"
    assert ingest(InputItem(ref="fits.txt", text=long[: DEFAULT_MAX_CHARS - 100])).text
    assert ingest(InputItem(ref="small.txt", text=SENTENCE), max_chars=len(SENTENCE))
    assert _code(InputItem(ref="small.txt", text=SENTENCE * 2), max_chars=len(SENTENCE)) == "HW-INPUT-TOO-LONG"


def test_bytes_over_the_byte_cap_fail_before_decoding():
    big = b"\xff" * (DEFAULT_MAX_BYTES + 1)  # would be binary if it were looked at: it is not
    assert _code(InputItem(ref="big.txt", raw=big)) == "HW-INPUT-TOO-LARGE"
    assert _code(InputItem(ref="big.html", html="<p>" + "é" * (DEFAULT_MAX_BYTES // 2) + "</p>")) == "HW-INPUT-TOO-LARGE"
