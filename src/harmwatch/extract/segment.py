"""Sentence and paragraph segmentation with character offsets.

A fast rule-based splitter (no model): news prose has few traps beyond
abbreviations ("Brig. Gen.", "U.S.", "Jan. 10", "3 a.m."), initials and
closing quotes after the full stop. Paragraphs are runs of text separated by
newlines; a sentence never crosses a paragraph break, so headlines and
datelines stay separate from the body.
"""

from __future__ import annotations

import re

from harmwatch.types import Sentence

# Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
_ABBREV = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pvt brig adm cmdr cdr gov sen rep pres
    st mt ft no nos vol fig sr jr rev hon messrs mme mlle sra sr
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thurs fri sat sun
    inc ltd co corp dept univ est approx vs etc al
    a.m p.m u.s u.k u.n e.g i.e
    """.split()
)

# Sentence end: . ! ? (possibly repeated), optional closing quotes/brackets, then space.
_END = re.compile(r"""[.!?]+['"\u201d\u2019)\]]*(?=\s)""")
_PARA = re.compile(r"[^\n]+")
# paragraphs of hard-wrapped text (wire copy, MUC messages): blocks separated by blank lines
_BLOCK = re.compile(r"\S(?:[^\n]|\n(?![ \t]*\n))*")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` belongs to an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1)
    low = word.lower().rstrip(".")
    if low in _ABBREV:
        return True
    # single initial ("J. Smith") or dotted acronym ("U.S", "U.N")
    if len(word) == 1 and word.isupper():
        return True
    if "." in word and all(len(p) <= 2 for p in word.split(".") if p):
        return True
    return False


def _next_starts_sentence(text: str, pos: int, end: int) -> bool:
    """Does the text after ``pos`` look like a sentence start?"""
    i = pos
    while i < end and text[i] in " \t":
        i += 1
    if i >= end:
        return True
    ch = text[i]
    return ch.isupper() or ch.isdigit() or ch in "\"'\u201c\u2018(["


def is_hard_wrapped(text: str) -> bool:
    """True for text broken into lines mid-sentence (wire copy wrapped at ~70 columns).

    Most lines then end without sentence punctuation and run on into the next line.
    """
    lines = [ln for ln in text.split("\n")]
    runs = 0
    wrapped = 0
    for a, b in zip(lines, lines[1:]):
        a = a.rstrip()
        if not a or not b.strip():
            continue
        runs += 1
        if a[-1] not in ".!?:\"'\u201d)" and 40 <= len(a) <= 100:
            wrapped += 1
    return runs >= 3 and wrapped / runs > 0.5


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; offsets are exact and whitespace-trimmed.

    A sentence never crosses a paragraph: a line break in normal text, a blank line in
    hard-wrapped text (where single line breaks are only wrapping).
    """
    out: list[Sentence] = []
    para_re = _BLOCK if is_hard_wrapped(text) else _PARA
    for pidx, pm in enumerate(para_re.finditer(text)):
        pstart, pend = pm.span()
        start = pstart
        for em in _END.finditer(text, pstart, pend):
            stop = em.end()
            if text[em.start()] == "." and em.group().startswith(".") and len(em.group()) == 1:
                if _is_abbreviation(text, em.start()):
                    # "Brig. Gen. Yahya" / "U.S. forces": continue unless clearly a new sentence
                    # after a month/title abbreviation we still continue; acronym at the end of a
                    # sentence followed by a capital is ambiguous: prefer not splitting.
                    continue
            if not _next_starts_sentence(text, stop, pend):
                continue
            _append(out, text, start, stop, pidx)
            start = stop
        _append(out, text, start, pend, pidx)
    return out


#: longest "sentence" handed to the extractors. Real sentences are far shorter; a run-on text without
#: punctuation (hostile or broken input) is cut into pieces of at most this size so that per-sentence
#: work stays bounded and the whole document costs linear time.
MAX_SENTENCE = 600
_SOFT_BREAK = re.compile(r"[,;:]\s|\s(?:and|but|while|as)\s|\s")


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        # prefer a clause break in the last third of the window, else any space, else a hard cut
        best = None
        for m in _SOFT_BREAK.finditer(text, start + MAX_SENTENCE // 3, cut):
            best = m.end()
        cut = best or cut
        _append(out, text, start, cut, paragraph)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, paragraph))
