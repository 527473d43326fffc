"""Property-based tests (Hypothesis) of date resolution against the publication date: a weekday, a
relative day or week never lands after the report, a weekday is that weekday within the week before,
written dates resolve exactly with their precision, and no text makes resolution raise (issue 12)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from harmwatch.extract.dates import find_dates

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)
PUBLISHED = st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2030, 12, 31))
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def _one(text: str, published: dt.date):
    got = find_dates(text, 0, len(text), published)
    assert len(got) == 1, got
    d = got[0]
    assert text[d.span[0]:d.span[1]] == d.text
    return d


@SETTINGS
@given(PUBLISHED, st.integers(min_value=0, max_value=6), st.sampled_from(["", " night", " morning", " evening"]))
def test_a_weekday_is_that_weekday_in_the_week_up_to_publication(published, wd, part):
    d = _one(f"Gunmen attacked the checkpoint on {WEEKDAYS[wd]}{part}, police said.", published)
    day = dt.date.fromisoformat(d.start)
    assert d.precision == "day" and d.start == d.end and d.relative
    assert day.weekday() == wd
    assert published - dt.timedelta(days=6) <= day <= published


@SETTINGS
@given(PUBLISHED, st.integers(min_value=2, max_value=9))
def test_relative_days_count_back_from_publication(published, n):
    words = ["", "", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    y = _one("The convoy was ambushed yesterday, officials said.", published)
    assert y.start == y.end == (published - dt.timedelta(days=1)).isoformat()
    ago = _one(f"The convoy was ambushed {words[n]} days ago.", published)
    assert ago.start == (published - dt.timedelta(days=n)).isoformat()


@SETTINGS
@given(PUBLISHED)
def test_last_week_is_the_week_before_publication(published):
    d = _one("The convoy was ambushed last week.", published)
    start, end = dt.date.fromisoformat(d.start), dt.date.fromisoformat(d.end)
    assert d.precision == "week" and (end - start).days == 6
    assert end < published and published - start <= dt.timedelta(days=14)


@SETTINGS
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31)), PUBLISHED,
       st.sampled_from(["{d} {M} {y}", "{M} {d}, {y}", "{y}-{m:02d}-{d:02d}", "{d}th of {M} {y}"]))
def test_written_dates_resolve_exactly(day, published, form):
    written = form.format(d=day.day, M=MONTHS[day.month - 1], y=day.year, m=day.month)
    if form.startswith("{d}th") and day.day in (1, 2, 3, 21, 22, 23, 31):
        written = written.replace(f"{day.day}th", f"{day.day}" + {1: "st", 2: "nd", 3: "rd"}[day.day % 10])
    d = _one(f"Gunmen attacked the checkpoint on {written}.", published)
    assert (d.start, d.end, d.precision) == (day.isoformat(), day.isoformat(), "day")
    assert not d.relative


@SETTINGS
@given(st.integers(min_value=1950, max_value=2030), st.integers(min_value=1, max_value=12), PUBLISHED)
def test_a_month_and_year_is_that_month(year, month, published):
    d = _one(f"Gunmen attacked the checkpoint in {MONTHS[month - 1]} {year}.", published)
    start, end = dt.date.fromisoformat(d.start), dt.date.fromisoformat(d.end)
    assert d.precision == "month" and (start.year, start.month, start.day) == (year, month, 1)
    assert (end + dt.timedelta(days=1)).day == 1 and end.month == month


_PIECES = st.sampled_from([
    " Monday", " last", " week", " month", " year", " ago", " two", " days", " yesterday", " today",
    " on", " the", " 3", " 31", " 2015", " March", " Feb.", " 29", ",", ".", "-", "/", " 12/31/2015",
    " night", " early", " late", " next", " earlier", " 1999-02-30", " 0", " 9999", " th", " of",
    " since", " until", " between", " and", "\n", " \u0661\u0664\u0663\u0667", " tonight", " weekend",
])


@SETTINGS
@given(st.lists(_PIECES, max_size=25).map("".join), st.one_of(st.none(), PUBLISHED))
def test_date_word_soup_never_raises_and_ranges_are_ordered(text, published):
    for d in find_dates(text, 0, len(text), published):
        assert 0 <= d.span[0] < d.span[1] <= len(text) and text[d.span[0]:d.span[1]] == d.text
        if d.start and d.end and not d.start.startswith("--"):
            assert dt.date.fromisoformat(d.start) <= dt.date.fromisoformat(d.end)
        if d.relative and published is not None and d.start and not d.start.startswith("--"):
            # a relative phrase is resolved against the publication date, never years away from it
            assert abs((dt.date.fromisoformat(d.start) - published).days) <= 400


@SETTINGS
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300), st.one_of(st.none(), PUBLISHED))
def test_any_text_never_raises(text, published):
    for d in find_dates(text, 0, len(text), published):
        assert 0 <= d.span[0] < d.span[1] <= len(text)
