"""Who did it to whom: perpetrator and victim roles for the actors of an incident.

An actor mention gets its role from where it stands against the nearest violence trigger of its
sentence: the subject of an active trigger is a perpetrator ("ISIS gunmen opened fire"), the
subject of a passive one a victim ("two soldiers were killed"), the object of an active trigger a
victim ("killed two soldiers"), the agent of a passive one a perpetrator ("killed by ISIS").
Civilians are always victims. Mentions far from any trigger or across a clause break get no role.
"""

from __future__ import annotations

import re

from harmwatch.extract import actors as actors_mod
from harmwatch.extract.events import Trigger
from harmwatch.types import ActorMention, Sentence

ARMED_CATEGORIES = frozenset(
    {
        "state forces",
        "rebel group",
        "political militia",
        "identity militia",
        "external forces",
        "unidentified armed group",
    }
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got|get)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+|suspected\s+|alleged\s+)*$", re.IGNORECASE)
_NOT_OBJECT = re.compile(
    r"\b(?:to|towards?|into|from|in|inside|near|while|as|when|who|which|that|because|after|before|during|"
    r"said|told|says|according)\b|[;:]",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"\b(?:who|whom|whose|which|said|says|told|after|before|while|when|because|although|but)\b|[;:\u201c\u201d]",
    re.IGNORECASE,
)
_CLASH_BETWEEN = re.compile(r"\b(?:between|with|against)\b", re.IGNORECASE)


def assign_roles(
    text: str, sentences: list[tuple[Sentence, list[Trigger]]], *, country_hint: str | None = None
) -> tuple[list[dict], list[dict]]:
    """(perpetrators, victims) of one incident from its sentences and their realis triggers.

    Each entry: {name, mention, category, country_code, evidence: [[s, e], ...]}.
    """
    perps: dict[str, dict] = {}
    victims: dict[str, dict] = {}
    for sent, trig in sentences:
        for a in actors_mod.find_actors(text, sent.start, sent.end, country_hint=country_hint):
            role = _role(text, sent, a, trig)
            if role is None:
                continue
            _add_actor(perps if role == "perpetrator" else victims, a)
    for name in list(victims):
        if name in perps and victims[name]["category"] != "civilians":
            victims.pop(name)
    # a generic "gunmen" perpetrator adds nothing beside a named group
    named = [p for p in perps.values() if p["category"] != "unidentified armed group"]
    if named:
        for k in [k for k, p in perps.items() if p["category"] == "unidentified armed group"]:
            perps.pop(k)
    return list(perps.values()), list(victims.values())


def _role(text: str, sent: Sentence, a: ActorMention, trig: list[Trigger]) -> str | None:
    """perpetrator | victim | None, from the actor's position against the nearest trigger."""
    if a.category in ("civilians", "protesters"):
        return "victim"
    if not trig:
        return None
    # nearest strong trigger in the sentence
    strong = [t for t in trig if t.strength >= 2] or trig
    t = min(strong, key=lambda t: min(abs(t.span[0] - a.span[1]), abs(a.span[0] - t.span[1])))
    if a.span[1] <= t.span[0]:
        between = text[a.span[1] : t.span[0]]
        if _PASSIVE_BEFORE.search(between) and len(between) < 60:
            return "victim"  # "two soldiers were killed"
        if len(between) > 80 or _CLAUSE_BREAK.search(between):
            return None  # "a Taliban commander who leads fighters in attacks": not the subject
        if t.cls == "injure" or (t.cls == "kill" and t.text.lower() in ("dead", "died", "deaths", "death")):
            return "victim"
        return "perpetrator"
    # actor after the trigger
    before = text[t.span[1] : a.span[0]]
    if _BY_BEFORE.search(text, max(sent.start, a.span[0] - 30), a.span[0]):
        return "perpetrator"  # "killed by ISIS gunmen"
    if t.cls == "clash" and _CLASH_BETWEEN.search(before):
        return "victim"  # "clashes between X and Y": Y is the second side
    if len(before) > 45 or _NOT_OBJECT.search(before):
        return None  # "fled towards the security forces": not the target
    return "victim"


def _add_actor(bucket: dict[str, dict], a: ActorMention) -> None:
    entry = bucket.get(a.name)
    if entry is None:
        entry = bucket[a.name] = {
            "name": a.name,
            "mention": a.mention,
            "category": a.category,
            "country_code": a.country_code,
            "evidence": [],
        }
    entry["evidence"].append([a.span[0], a.span[1]])
