"""clean.py: normalisation, trailing boilerplate, dates, binary sniffing."""

from __future__ import annotations

import unicodedata

import pytest

from harmwatch.ingest.clean import looks_binary, normalize_date, normalize_text, strip_trailing_boilerplate


def test_seed_comment_junk_removed(seed_text: str, seed_last: str) -> None:
    out = strip_trailing_boilerplate(normalize_text(seed_text))
    assert out.endswith(seed_last)
    assert "Very good!" not in out
    assert "Comment(s)" not in out
    # everything before the junk is untouched
    assert seed_text.startswith(out)


@pytest.mark.parametrize(
    "junk",
    [
        "Very good!\nReply1 Comment(s)",
        "3 Comments\nAhmed says:\nJune 5, 2017 at 3:14 pm\nGod bless Iraq!\nReply",
        "Share this:\nTwitter\nFacebook\nLike this:\nLike Loading...",
        "Leave a comment",
        "Related posts\nIraqi forces retake western Mosul district\nCivilians flee as battle for Old City intensifies",
        "Log in to reply\nClick here to subscribe",
        "Tags: Mosul, ISIS, Iraq\nShare this article\nFacebook | Twitter | WhatsApp",
    ],
)
def test_trailing_junk_variants_removed(seed_paragraphs: list[str], junk: str) -> None:
    article = "\n".join(seed_paragraphs)
    out = strip_trailing_boilerplate(article + "\n" + junk)
    assert out == article


@pytest.mark.parametrize(
    "ending",
    [
        # a real closing sentence that ends with an exclamation, a short line, or mentions comments
        '"We will not give up!" he shouted.',
        "No one was hurt.",
        "Police have not yet commented on the attack.",
        "Share prices in Baghdad fell 3% after the attack.",
        "Reply from the ministry is expected on Monday.",
    ],
)
def test_real_endings_kept(seed_paragraphs: list[str], ending: str) -> None:
    article = "\n".join([*seed_paragraphs, ending])
    assert strip_trailing_boilerplate(article) == article


def test_weak_line_alone_is_kept(seed_paragraphs: list[str]) -> None:
    # a short exclamation without any comment/share marker is not junk on its own
    article = "\n".join([*seed_paragraphs, "Stay safe!"])
    assert strip_trailing_boilerplate(article) == article


def test_section_header_in_first_half_is_not_cut(seed_paragraphs: list[str]) -> None:
    article = "\n".join([seed_paragraphs[0], "Related", *seed_paragraphs[1:]])
    assert strip_trailing_boilerplate(article) == article


def test_normalize_text() -> None:
    raw = "Cafe\u0301 attack\r\nline two\x00\x07 \u00a0ok\u200b\n\n\n\n  next  \ud800\t\x85end"
    out = normalize_text(raw)
    assert out == "Café attack\nline two ok\n\nnext\nend"
    assert unicodedata.is_normalized("NFC", out)
    assert normalize_text(out) == out  # idempotent
    assert "\t" in normalize_text("a\tb")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-06-05", "2017-06-05"),
        ("2017-06-05T09:41:00+03:00", "2017-06-05T09:41:00+03:00"),
        ("2017-06-05T09:41:00Z", "2017-06-05T09:41:00+00:00"),
        ("2017-06-05 09:41", "2017-06-05T09:41:00"),
        ("20170605", "2017-06-05"),
        ("Mon, 05 Jun 2017 09:41:00 GMT", "2017-06-05T09:41:00+00:00"),
        ("June 5, 2017", "2017-06-05"),
        ("5 June 2017", "2017-06-05"),
        ("05/06/2017", None),  # day/month order unknown: not guessed
        ("2017-02-30", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_normalize_date(value: str, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_looks_binary() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert looks_binary(b"PK\x03\x04\x14\x00\x00\x00")
    assert looks_binary(bytes(range(0, 32)) * 10)
    assert not looks_binary("Gunmen killed 5 people.\n\tPolice said.".encode())
    assert not looks_binary("Текст".encode("utf-16"))  # BOM: text, not binary


