"""Fast matching: regex rewrites that find exactly what the plain patterns find, with less work.

Shared by every field package (the bottom of extract's import graph): :func:`led`,
:func:`grouped_regex`, :func:`which_pattern` and :func:`lead_lookahead`.
"""

from __future__ import annotations

import re
import re._constants as _sc
import re._parser as _sp

# One alternation of ~30 patterns tried at every word start is the slowest part of the pipeline's
# trigger search (events._TRIGGERS). The patterns are grouped by the letters a match can start with
# (read from the parsed regex), and each group sits behind a one-character lookahead, so at a given word start the
# engine only tries the patterns that can match there. Inside a letter's group each pattern keeps
# only its top-level alternatives that can start with that letter ("air ?strikes?|drone ..." under
# "a" is just "air ?strikes?|..."): an alternative that cannot start with the letter fails at the
# first character anyway, so dropping it changes no match, only the work of trying it; a second
# lookahead level does the same for the second character. Semantics are unchanged: at one position
# the first pattern in list order (and within it the first alternative) that matches wins, as in a
# plain alternation; tests/extract/test_fast_matching.py checks this against the plain alternation
# on real text. ``led`` puts other patterns behind a first-character lookahead the same way.

_ALL = None  # "any character may start a match"


# character classes a first-character set may hold with ``categories=True`` (as regex source)
_CATEGORY_SRC = {_sc.CATEGORY_DIGIT: r"\d", _sc.CATEGORY_WORD: r"\w", _sc.CATEGORY_SPACE: r"\s"}


def _first(seq, categories: bool = False) -> tuple[set[str] | None, bool]:
    r"""(lower-case first characters or _ALL, nullable) of a parsed regex sequence.

    With ``categories``, ``\d``, ``\w`` and ``\s`` are kept as such (regex source) instead of
    making the set _ALL.
    """
    out: set[str] = set()
    for op, av in seq:
        if op in (_sc.ASSERT, _sc.ASSERT_NOT, _sc.AT):
            continue
        if op is _sc.LITERAL:
            out.add(chr(av).lower())
            return out, False
        if op is _sc.IN:
            for o, a in av:
                if o is _sc.LITERAL:
                    out.add(chr(a).lower())
                elif o is _sc.RANGE and a[1] - a[0] < 60:
                    out.update(chr(c).lower() for c in range(a[0], a[1] + 1))
                elif categories and o is _sc.CATEGORY and a in _CATEGORY_SRC:
                    out.add(_CATEGORY_SRC[a])
                else:
                    return _ALL, False
            return out, False
        if op is _sc.SUBPATTERN:
            f, nullable = _first(av[3], categories)
        elif op is _sc.BRANCH:
            f, nullable = set(), False
            for alt in av[1]:
                g, n = _first(alt, categories)
                if g is _ALL:
                    return _ALL, False
                f |= g
                nullable = nullable or n
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT):
            f, nullable = _first(av[2], categories)
            nullable = nullable or av[0] == 0
        else:
            return _ALL, False
        if f is _ALL:
            return _ALL, False
        out |= f
        if not nullable:
            return out, False
    return out, True


def lead_lookahead(pattern: str, flags: int = 0) -> str:
    """A lookahead (regex source) for the characters a match of ``pattern`` can start with, to put in
    front of it: the engine then rejects most positions with one character test instead of trying
    every alternative there. It is a necessary condition (read from the parsed pattern, matched case-
    insensitively), so the matches stay the same; "" when any character may start a match."""
    f, nullable = _first(_sp.parse(pattern, flags), categories=True)
    if f is _ALL or nullable or not f:
        return ""
    chars = "".join(sorted(c if len(c) > 1 else re.escape(c) for c in f))
    return f"(?=(?i:[{chars}]))"


def led(rx: re.Pattern) -> re.Pattern:
    """``rx`` behind its :func:`lead_lookahead`: the same matches (for search, match, finditer, split),
    found faster when the pattern opens with an alternation of words; ``rx`` itself when there is no
    useful lookahead."""
    lead = lead_lookahead(rx.pattern, rx.flags)
    return re.compile(f"{lead}(?:{rx.pattern})", rx.flags) if lead else rx


def _top_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern's source: split at ``|`` outside groups and classes."""
    out: list[str] = []
    cur: list[str] = []
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            j = i + 1 + (pattern[i + 1 : i + 2] == "^")
            if pattern[j : j + 1] == "]":  # "[]...]" / "[^]...]": the first ']' is a literal
                cur.append(pattern[i : j + 1])
                i = j + 1
                continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    if "|".join(out) != pattern:  # pragma: no cover - the split only cuts, never rewrites
        raise AssertionError(f"bad split of {pattern!r}")
    return out


def _starts(seq, k: int) -> set[str] | None:
    """Lower-case prefixes of length ``k`` of what a parsed regex sequence can match (shorter strings:
    whole matches shorter than ``k``); None when unknown. A superset is fine: it only decides which
    alternatives are tried at a position, never what they match."""
    results, done = {""}, set()
    for op, av in seq:
        if not results:
            break
        if op in (_sc.ASSERT, _sc.ASSERT_NOT, _sc.AT):
            continue  # zero-width: ignoring a condition only widens the set
        item = _item_starts(op, av, k)
        if item is None:
            return None
        new = set()
        for r in results:
            for x in item:
                y = r + x
                if len(y) >= k:
                    done.add(y[:k])
                else:
                    new.add(y)
        results = new
    return done | results


def _item_starts(op, av, k: int) -> set[str] | None:
    if op is _sc.LITERAL:
        return {chr(av).lower()}
    if op is _sc.IN:
        out: set[str] = set()
        for o, a in av:
            if o is _sc.LITERAL:
                out.add(chr(a).lower())
            elif o is _sc.RANGE and a[1] - a[0] < 60:
                out.update(chr(c).lower() for c in range(a[0], a[1] + 1))
            else:
                return None
        return out
    if op is _sc.SUBPATTERN:
        return _starts(av[3], k)
    if op is _sc.BRANCH:
        out = set()
        for alt in av[1]:
            got = _starts(alt, k)
            if got is None:
                return None
            out |= got
        return out
    if op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT):
        lo, hi, sub = av
        one = _starts(sub, k)
        if one is None:
            return None
        cur, collect = {""}, set()
        for n in range(k + 2):  # more copies add no new prefix of length k
            if n >= lo:
                collect |= cur
            if n >= hi:
                return collect
            cur = {(c + x)[:k] if len(c) < k else c for c in cur for x in one}
        return collect | cur
    return None


def grouped_regex(patterns: list[str]) -> tuple[re.Pattern, dict[str, list[int]]]:
    """The grouped alternation and, per first letter, the indexes of the patterns that can start there.

    Two levels: a lookahead on the first character picks the letter's group, and in it a lookahead on
    the second character picks the alternatives whose matches can go on with that character (read
    from the parsed alternative; one whose second character is unknown is in every sub-group and in
    the fall-back one for second characters no alternative names). Each level keeps the original
    order, and a character passes at most one lookahead of a level (the dispatch characters are
    distinct lower-case ASCII, matched case-insensitively), so the first match at a position is the
    plain alternation's.
    """
    alts = []  # per pattern: (alternative, its first letters, its two-character prefixes)
    for p in patterns:
        pieces = []
        for a in _top_alternatives(p):
            parsed = _sp.parse(a, re.IGNORECASE)
            f, nullable = _first(parsed)
            pieces.append((a, _ALL if nullable else f, _starts(parsed, 2)))
        alts.append(pieces)
    firsts = []  # per pattern: the union over its alternatives
    for pieces in alts:
        fs = [f for _, f, _ in pieces]
        firsts.append(_ALL if any(f is _ALL for f in fs) else set().union(*fs))
    letters = sorted({c for f in firsts if f is not _ALL for c in f})
    groups = []
    for c in letters:
        # per pattern: its alternatives that can start with c, with their second characters (None: any)
        sel = [
            [
                (a, None if f is _ALL or st is None or any(len(x) < 2 for x in st if x[:1] == c) else {x[1] for x in st if x[0] == c})
                for a, f, st in pieces
                if f is _ALL or c in f
            ]
            for pieces in alts
        ]
        seconds = sorted({d for ps in sel for _, ds in ps if ds is not None for d in ds})
        for ch in [c, *seconds]:
            if not ch.isascii():  # pragma: no cover - the patterns are plain ASCII
                raise ValueError(f"dispatch character {ch!r} is not ASCII")
        subs = []
        for d in [*seconds, None]:
            pats = []
            for ps in sel:
                keep = [a for a, ds in ps if ds is None or (d is not None and d in ds)]
                if keep:
                    pats.append(f"(?:{'|'.join(keep)})")
            if not pats:
                continue
            if d is not None:
                subs.append(f"(?=[\\s\\S][{re.escape(d)}])(?:{'|'.join(pats)})")
            elif seconds:
                subs.append(f"(?![\\s\\S][{''.join(re.escape(x) for x in seconds)}])(?:{'|'.join(pats)})")
            else:
                subs.append(f"(?:{'|'.join(pats)})")
        look = re.escape(c) if c.upper() == c else f"[{re.escape(c)}{re.escape(c.upper())}]"
        groups.append(f"(?={look})(?:{'|'.join(subs)})")
    by_letter = {c: [i for i, f in enumerate(firsts) if f is _ALL or c in f] for c in letters}
    return re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])", re.IGNORECASE), by_letter



def which_pattern(singles: list[re.Pattern], by_letter: dict[str, list[int]], text: str, m: re.Match, end: int) -> int:
    """Index of the pattern a :func:`grouped_regex` alternation matched: the first of the single,
    word-bounded patterns (``singles``) that matches at the same place with the same end."""
    pos, stop = m.start(), m.end()
    for i in by_letter.get(text[pos].lower(), range(len(singles))):
        mm = singles[i].match(text, pos, end)
        if mm is not None and mm.end() == stop:
            return i
    raise AssertionError("grouped regex and its patterns disagree")  # pragma: no cover
