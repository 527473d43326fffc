"""A number of hundreds of digits is no head count, and reading it must not crash the extractor."""

from harmwatch.extract.casualties.numbers import parse_number_words
from harmwatch.api import extract_text


def test_huge_digit_run_is_not_a_number():
    assert parse_number_words("9" * 400) is None
    assert parse_number_words("9" * 400 + " million") is None
    assert parse_number_words("1,200") == 1200


def test_huge_digit_run_in_text_does_not_crash():
    text = f"Gunmen killed {'7' * 400} people in the village of Tarmiyah on Monday, police said."
    result = extract_text(text, doc_id="overflow", published="2024-03-04")
    assert result.error_code is None, result.error
    for inc in result.incidents:
        best = (inc.killed or {}).get("best")
        assert best is None or best < 100_000
