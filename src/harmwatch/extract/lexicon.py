"""Shared text vocabulary of the field packages: the one test for upper-case wire copy, and the one
vocabulary of nouns for a person (``data/lexicon/person_nouns.tsv``), read by both the casualty rules
(counting people) and the actor dictionary (civilians as actors).

Kept at the bottom of the import graph (it imports nothing of harmwatch), so every field package can
use it without importing another field's rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["PERSON_NOUNS", "PersonNoun", "civilian_person_phrases", "is_caps", "person_nouns"]

_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def is_caps(text: str, min_capitals: int = 8) -> bool:
    """Upper-case text (wire copy such as the MUC messages: "GUERRILLAS ATTACKED ..."): at least
    ``min_capitals`` ASCII capitals and over 85 % of its ASCII letters capitals. Such text gives no
    capitalisation cue, so the name rules read it differently. Two C-level regex counts, no Python
    loop over characters."""
    up = len(_UPPER.findall(text))
    if up < min_capitals:
        return False
    return up > 0.85 * (up + len(_LOWER.findall(text)))


# --------------------------------------------------------------------------- person nouns


@dataclass(frozen=True, slots=True)
class PersonNoun:
    phrase: str
    plural: bool
    subgroup: str | None  # the civilian subgroup when the noun names a civilian by itself, else None


@lru_cache(maxsize=1)
def person_nouns() -> tuple[PersonNoun, ...]:
    """Every row of ``data/lexicon/person_nouns.tsv`` (the one vocabulary of nouns for a person)."""
    text = resources.files("harmwatch.data.lexicon").joinpath("person_nouns.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, number, sub = line.split("\t")
        out.append(PersonNoun(phrase, number == "pl", None if sub == "-" else sub))
    return tuple(out)


#: single-word singular nouns for a person (kin, age, trade, office, rank, role), used by the casualty
#: rules to tell "a policeman" / "his wife" from "a result" in coordinations and victim lists
PERSON_NOUNS: frozenset[str] = frozenset(
    p.phrase.lower() for p in person_nouns() if not p.plural and " " not in p.phrase)


def civilian_person_phrases() -> list[tuple[str, str]]:
    """(phrase, civilian subgroup) of the nouns that name a civilian by themselves ("a man", "the village
    head", "two shepherds"), for the actor dictionary's generic agents."""
    return [(p.phrase, p.subgroup) for p in person_nouns() if p.subgroup is not None]
