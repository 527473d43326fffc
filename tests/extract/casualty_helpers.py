"""Shared by the casualty tests: claims of a whole text, with every evidence offset checked."""

from __future__ import annotations

from harmwatch.extract.casualties import find_casualty_claims


def claims(text: str):
    out = find_casualty_claims(text, 0, len(text))
    for c in out:
        for s, e in c.evidence:
            assert 0 <= s < e <= len(text)
    return out
