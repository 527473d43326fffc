"""The speed-ups of the pattern matching change no match.

Trigger and weapon alternations are grouped by first letter (fastmatch.grouped_regex) and many
patterns sit behind a first-character lookahead (fastmatch.led). Both are meant to be exact rewrites;
these tests hold them to that on every sentence of the sample corpus and of MUC-3/4 messages, against
the plain patterns they replace.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import string
import sys

import pytest

from harmwatch.api import sample_corpus_path
from harmwatch.extract import fastmatch, weapons
from harmwatch.extract.casualties import claims as casualties
from harmwatch.extract.casualties import lists as casualty_lists
from harmwatch.extract.casualties import numbers, speakers
from harmwatch.extract.casualties import rules as casualty_rules
from harmwatch.extract.casualties import victims as casualty_victims
from harmwatch.extract.dates import calendar as date_calendar
from harmwatch.extract.dates import mentions as dates
from harmwatch.extract.events import context as event_context
from harmwatch.extract.events import nonconflict
from harmwatch.extract.events import triggers as events
from harmwatch.extract.segment import split_sentences


def _texts(shared) -> list[str]:
    with gzip.open(sample_corpus_path(), "rt", encoding="utf-8") as fh:
        out = [json.loads(line)["text"] for line in fh]
    with gzip.open(shared / "data" / "eval" / "muc34" / "muc34_dev_tst1_tst2.jsonl.gz", "rt", encoding="utf-8") as fh:
        out += [json.loads(line)["text"] for line in itertools.islice(fh, 300)]
    return out


@pytest.fixture(scope="module")
def sentences(shared) -> list[tuple[str, int, int]]:
    out = [(t, s.start, s.end) for t in _texts(shared) for s in split_sentences(t)]
    assert len(out) > 4000
    return out


def _plain(patterns: list[str]) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{'|'.join(f'(?:{p})' for p in patterns)})(?![\w-])", re.IGNORECASE)


def _first_single(singles: list[re.Pattern], text: str, m: re.Match, end: int) -> int:
    """The pattern a plain alternation took: the first, in list order, that matches here."""
    return next(i for i, rx in enumerate(singles) if rx.match(text, m.start(), end))


@pytest.mark.parametrize(
    "patterns, grouped, singles, by_letter",
    [
        ([p for _, _, p in events._TRIGGERS], events._RE, events._SINGLE, events._BY_LETTER),
        ([p for _, _, p in weapons._LEXICON], weapons._RE, weapons._SINGLE, weapons._BY_LETTER),
    ],
    ids=["triggers", "weapons"],
)
def test_grouped_alternation_finds_what_the_plain_one_finds(sentences, patterns, grouped, singles, by_letter):
    plain = _plain(patterns)
    hits = 0
    for text, s, e in sentences:
        got = list(grouped.finditer(text, s, e))
        assert [m.span() for m in got] == [m.span() for m in plain.finditer(text, s, e)], text[s:e]
        for m in got:
            assert fastmatch.which_pattern(singles, by_letter, text, m, e) == _first_single(singles, text, m, e)
        hits += len(got)
    assert hits > 300


def test_triggers_are_found_in_sentences_with_a_trigger_word(sentences):
    # the grouped search must not lose a trigger: any sentence where one single pattern matches has
    # a trigger at or before that place
    for text, s, e in sentences[:3000]:
        found = [m.start() for m in events._RE.finditer(text, s, e)]
        for rx in events._SINGLE:
            m = rx.search(text, s, e)
            if m:
                assert found and found[0] <= m.start(), text[s:e]


def test_a_character_passes_at_most_one_dispatch_lookahead():
    # the dispatch characters of a grouped alternation (first and second characters of the patterns)
    # are distinct lower-case ASCII matched case-insensitively; no character of any script passes
    # two of them, so the order of the groups cannot matter
    assert set(events._BY_LETTER) | set(weapons._BY_LETTER) <= set(string.ascii_lowercase)
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    seen: dict[str, str] = {}
    for c in sorted({ch.lower() for ch in string.printable}):
        for ch in re.findall(f"[{re.escape(c)}]", chars, re.IGNORECASE):
            assert seen.setdefault(ch, c) == c, (ch, c, seen[ch])
    assert seen["\u212a"] == "k" and seen["\u017f"] == "s"  # Kelvin sign, long s: case-fold to ASCII


def test_two_character_prefixes_of_a_pattern():
    parse = fastmatch._sp.parse
    assert fastmatch._starts(parse(r"(?:war)?planes? (?:struck|hit)", re.I), 2) == {"wa", "pl"}
    assert fastmatch._starts(parse(r"(?<!stun )(?:hand[- ])?grenades?", re.I), 2) == {"ha", "gr"}
    assert fastmatch._starts(parse(r"IEDs?|a", re.I), 2) == {"ie", "a"}
    assert fastmatch._starts(parse(r"\w+ed", re.I), 2) is None


def _led_patterns() -> list[tuple[str, re.Pattern]]:
    out = []
    for mod in (events, event_context, fastmatch, nonconflict, dates, date_calendar, casualties, casualty_rules, casualty_victims, casualty_lists,
                numbers, speakers, weapons):
        for name, rx in vars(mod).items():
            if isinstance(rx, re.Pattern) and rx.pattern.startswith("(?=(?i:["):
                out.append((f"{mod.__name__.rsplit('.', 1)[1]}.{name}", rx))
    return out


def test_lead_lookahead_is_used_and_skips_nothing(sentences):
    led = _led_patterns()
    assert len(led) >= 40
    for name, rx in led:
        # rx.pattern is lead + "(?:" + original + ")"
        k = next(k for k in range(len(rx.pattern)) if rx.pattern.startswith("(?:", k)
                 and fastmatch.lead_lookahead(rx.pattern[k + 3 : -1], rx.flags) == rx.pattern[:k])
        orig = re.compile(rx.pattern[k + 3 : -1], rx.flags)
        for text, s, e in sentences:
            assert [m.span() for m in rx.finditer(text, s, e)] == [m.span() for m in orig.finditer(text, s, e)], name
        # look-back windows ending mid-sentence (patterns anchored with "$" are searched in those)
        for text, s, e in sentences[:400]:
            for k in range(s + 1, e, 7):
                a, b = rx.search(text, max(s, k - 60), k), orig.search(text, max(s, k - 60), k)
                assert (a and a.span()) == (b and b.span()), name


def test_lead_lookahead_reads_first_characters():
    assert fastmatch.lead_lookahead(r"\b(?:in|since)\s+\d+", re.I) == "(?=(?i:[is]))"
    assert fastmatch.lead_lookahead(r"(?P<n>\d{1,2}|an?|one)\s+days?", re.I) == r"(?=(?i:[\dao]))"
    assert fastmatch.lead_lookahead(r"(?:the\s+)?night", re.I) == "(?=(?i:[nt]))"
    assert fastmatch.lead_lookahead(r"\w+ed|killed", re.I) == r"(?=(?i:[\wk]))"
    assert fastmatch.lead_lookahead(r"[^a]bc", re.I) == ""  # a negated class: any character
    assert fastmatch.lead_lookahead(r"(?:x)?", re.I) == ""  # may match empty


def test_number_start_words_grouped_by_letter_find_what_the_plain_alternation_finds(sentences):
    words = "|".join(re.escape(w) for w in numbers._FIRST_WORDS)
    plain = re.compile(r"(?<![\w.])(?:\d|(?:" + words + r")\b)", re.I)
    hits = 0
    for text, s, e in sentences:
        got = [m.span() for m in numbers._START.finditer(text, s, e)]
        assert got == [m.span() for m in plain.finditer(text, s, e)], text[s:e]
        hits += len(got)
    assert hits > 5000
