"""Property-based tests (Hypothesis) of the number grammar: every figure written in digits or in
English words reads as itself, qualifiers give the bound they say, and no text makes the grammar
raise or return a figure that is negative or out of order (issue 12)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from harmwatch.extract.casualties import find_casualty_claims
from harmwatch.extract.casualties.numbers import find_numbers, parse_number_words
from harmwatch.extract.casualties.plausibility import implausible

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
         "sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int, *, and_: bool, hyphen: bool) -> str:
    """English words for 0 <= n < 1,000,000, written as news text writes them."""
    def below_100(k: int) -> str:
        if k < 20:
            return _UNITS[k]
        t, u = divmod(k, 10)
        return _TENS[t] + (("-" if hyphen else " ") + _UNITS[u] if u else "")

    def below_1000(k: int) -> str:
        h, r = divmod(k, 100)
        if not h:
            return below_100(r)
        return _UNITS[h] + " hundred" + ((" and " if and_ else " ") + below_100(r) if r else "")

    th, r = divmod(n, 1000)
    if not th:
        return below_1000(r)
    return below_1000(th) + " thousand" + ((" and " if and_ and r < 100 else " ") + below_1000(r) if r else "")


@SETTINGS
@given(st.integers(min_value=0, max_value=1_000_000), st.booleans())
def test_digits_read_as_themselves(n, commas):
    written = f"{n:,}" if commas else str(n)
    text = f"Police said {written} people were hurt."
    got = find_numbers(text)
    assert [(p.text, p.best) for p in got] == [(written, n)]
    assert text[got[0].span[0]:got[0].span[1]] == written


@SETTINGS
@given(st.integers(min_value=1, max_value=999_999), st.booleans(), st.booleans())
def test_words_read_as_themselves(n, and_, hyphen):
    written = words(n, and_=and_, hyphen=hyphen)
    assert parse_number_words(written) == n
    text = f"Officials said {written} people were hurt."
    got = find_numbers(text)
    assert [(p.text, p.best) for p in got] == [(written, n)]


# four digits from 1800 to 2099 are read as a year unless a people noun follows them (by design:
# "between 1990 and 2000 people" is rare, "between 1990 and 2000" is a span of years)
_NOT_A_YEAR = st.integers(min_value=1, max_value=1792) | st.integers(min_value=2100, max_value=100_000)


@SETTINGS
@given(_NOT_A_YEAR)
def test_qualifiers_give_the_bound_they_say(n):
    (low,) = find_numbers(f"at least {n} people")
    assert (low.min, low.max) == (n, None) and low.best >= n
    (more,) = find_numbers(f"more than {n} people")
    assert more.min > n and more.max is None
    (up,) = find_numbers(f"up to {n} people")
    assert up.max == n and (up.min is None or up.min <= n)
    (between,) = find_numbers(f"between {n} and {n + 7} people")
    assert (between.min, between.max) == (n, n + 7) and n <= between.best <= n + 7


@SETTINGS
@given(st.sampled_from(["dozens", "scores", "hundreds", "thousands", "tens", "several", "a few", "a handful of"]))
def test_vague_quantities_are_open_ranges_with_a_floor(word):
    (p,) = find_numbers(f"{word} of people" if not word.endswith("of") else f"{word} people")
    assert p.vague and p.min is not None and p.min >= 2
    assert p.best is None or p.best >= p.min
    assert p.max is None or p.max >= p.min


def _well_formed(text: str, start: int = 0) -> None:
    for p in find_numbers(text, start):
        a, b = p.span
        assert start <= a < b <= len(text) and text[a:b] == p.text
        vals = [v for v in (p.min, p.best, p.max) if v is not None]
        assert all(isinstance(v, int) and v >= 0 and math.isfinite(v) for v in vals)
        if p.min is not None and p.max is not None:
            assert p.min <= p.max
    for c in find_casualty_claims(text, start):
        assert c.kind in ("killed", "injured")
        vals = [v for v in (c.min, c.best, c.max) if v is not None]
        assert all(v >= 0 for v in vals)
        if c.min is not None and c.max is not None:
            assert c.min <= c.max
        for a, b in c.evidence:
            assert 0 <= a <= b <= len(text)


_PIECES = st.sampled_from([
    " killed", " wounded", " were killed", " people", " at least ", " more than ", " up to ", " and ",
    " dozens", " hundred", " thousand", " million", ",", "-", " 1,000", " 2015", " 12", " twelve",
    " between ", " to ", " or ", " injured", " died", " civilians", " (", ")", ".", " 10,000,000,000",
    "\n", " \u0661\u0662", " \u00a0", " 5-year-old", " 555-1234", " 99999999999999999999",
])


@SETTINGS
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_casualty_word_soup_never_raises_nor_gives_bad_figures(text):
    _well_formed(text)


@SETTINGS
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300))
def test_any_text_never_raises_nor_gives_bad_figures(text):
    _well_formed(text)


@SETTINGS
@given(st.integers(min_value=100_000, max_value=10**12))
def test_figures_no_incident_has_are_flagged(n):
    text = f"The statement said {n} people were killed."
    claims = find_casualty_claims(text)
    # flagged with its reason, or (past twelve digits: an identifier) no claim at all; never a figure
    assert all(c.flag and implausible(text, 0, len(text), c) for c in claims)
    if n < 10**12:
        assert claims
