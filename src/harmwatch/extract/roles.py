"""Who did it to whom: perpetrator and victim roles for the actors of an incident.

Roles come from three kinds of evidence, strongest first:

1. Attribution. Reports name the perpetrator in responsibility and attribution phrases that need no
   violence trigger in the same clause: "al-Shabaab claimed responsibility", "ISIS-claimed",
   "sources attributed the attack to the Taliban", "officials blamed Boko Haram", "the attack was
   carried out by X", "X is believed to be behind", "suspected X militants". Such a mention is a
   perpetrator wherever it stands in the incident's sentences (the claim often comes a sentence
   after the event). A state's strike ("Israeli airstrikes", "a US drone strike", see
   ``actors.STRIKE_HEADS``) is its perpetrator too.
2. Position against the nearest violence trigger of the sentence: the subject of an active trigger
   is a perpetrator ("ISIS gunmen opened fire"), the subject of a passive one a victim ("two
   soldiers were killed"), the object of an active trigger a victim ("killed two soldiers"), the
   agent of a passive one a perpetrator ("killed by ISIS", "in an attack by ISIS"). Subjects of
   speech and attribution verbs ("police blamed ...", "officials said ...") get no role. Civilians
   are always victims.
3. Presence. When nothing above gives a perpetrator, a named non-state armed group that stands in
   the incident's sentences without any role is taken as the perpetrator (reports name the group
   they hold responsible; a group that was attacked is placed as an object or a passive subject).

The unknown-perpetrator convention: when no perpetrator is found and the text says the perpetrator
is unknown ("no group claimed responsibility", "unknown assailants", "the attackers remain
unidentified"), the perpetrator is "Unidentified Armed Group (<country>)" with those words as
evidence, so that "unknown" is an explicit, evidenced value and not a silent gap.
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
_NON_STATE = frozenset({"rebel group", "political militia", "identity militia"})

_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got|get)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_BY_BEFORE = re.compile(
    r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+|suspected\s+|alleged\s+|presumed\s+|purported\s+|"
    r"members?\s+of\s+(?:the\s+)?|(?:a\s+)?(?:group|gang|band|unit|squad)\s+of\s+|(?:\d+|two|three|four|five|six|"
    r"seven|eight|nine|ten|several|some|a\s+few|dozens\s+of|unknown|unidentified)\s+)*$",
    re.IGNORECASE,
)
_NOT_OBJECT = re.compile(
    r"\b(?:to|towards?|into|from|in|inside|near|while|as|when|who|which|that|because|after|before|during|"
    r"said|told|says|according)\b|[;:]",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"\b(?:who|whom|whose|which|said|says|told|after|before|while|when|because|although|but|"
    r"blamed?|blames|attribut\w+|accus\w+|suspects?|believes?|reported|denied|denies|condemned|condemns)\b"
    r"|[;:\u201c\u201d]",
    re.IGNORECASE,
)
# "head of Iran's Quds Force, in an airstrike": a prepositional phrase, not the subject of the trigger
_PREP_BETWEEN = re.compile(r"\s*,?\s*(?:in|on|at|during|near|inside|amid)\s+(?:an?|the|their|its|his|her)?\s*$",
                           re.IGNORECASE)
_CLASH_BETWEEN = re.compile(r"\b(?:between|with|against)\b", re.IGNORECASE)
_BETWEEN_FIRST = re.compile(r"\bbetween\s+(?:the\s+|two\s+groups\s+of\s+)?$", re.IGNORECASE)

# --- attribution: text right after a mention ("X claimed responsibility", "X-claimed", "X is believed
# to be behind"); a relative pronoun or "has/have" may stand between
_RESP_AFTER = re.compile(
    r"\s*(?:[-\u2010\u2011]\s*(?:claimed|linked|led)\b"
    r"|(?:,\s*(?:which|who)\s+(?:is|are|was|were|has\s+been)\s+(?:linked|affiliated|allied|aligned|tied|"
    r"loyal)\s+to\s+[^,.;]{1,60},)?"
    r",?\s*(?:(?:which|who|that)\s+(?:[\w-]+\s+){0,4}?)?(?:(?:has|have|had|later|reportedly|also|quickly|swiftly|then|"
    r"subsequently|already|allegedly|apparently)\s+)*"
    r"(?:claimed|claims|claim|claiming|took|takes|accepted|accepts|admitted|owned|acknowledged)\s+"
    r"(?:full\s+|sole\s+)?(?:responsibility|credit|the\s+(?:attack|bombing|killing|assault|blast|ambush|"
    r"shooting|abduction|kidnapping)s?)"
    r"|\s*(?:(?:is|are|was|were|has\s+been|have\s+been)\s+(?:widely\s+|often\s+|also\s+)?"
    r"(?:believed|suspected|thought|said|alleged|reported|presumed|understood)\s+to\s+(?:be|have\s+been)\s+"
    r"(?:behind|responsible)|(?:is|are|was|were)\s+(?:likely\s+|probably\s+)?behind|"
    r"(?:is|are|was|were)\s+(?:held\s+)?responsible))",
    re.IGNORECASE,
)
# text right before a mention ("attributed the attack to", "blamed the bombing on", "claimed by")
_ATTR_BEFORE = re.compile(
    r"(?:\battribut(?:ed|es|ing)\b[^.;:!?]{0,45}?\bto"
    r"|\bblam(?:ed|es|ing)\b[^.;:!?]{0,45}?\bon"
    r"|\bblam(?:ed|es|ing)|\baccus(?:ed|es|ing)"
    r"|\b(?:claimed|carried\s+out|perpetrated|committed|orchestrated|masterminded|executed|staged|"
    r"launched|conducted|planned)\s+by"
    r"|\bresponsibility\b[^.;:!?]{0,30}?\b(?:was\s+)?(?:claimed\s+by|attributed\s+to|lies\s+with|rests\s+with)"
    r"|\b(?:believed|suspected|thought|presumed|said|alleged|identified)\s+(?:to\s+(?:be|have\s+been)|as)"
    r"(?:\s+(?:members?|fighters?|militants?)\s+of)?)"
    r"\s+(?:the\s+|a\s+|an\s+|suspected\s+|alleged\s+|militants?\s+(?:of|from)\s+(?:the\s+)?)*$",
    re.IGNORECASE,
)
_NEGATED_BEFORE = re.compile(r"\bnot\s+(?:to\s+|by\s+|on\s+)?(?:the\s+)?$", re.IGNORECASE)
_RELATIVE_BEFORE = re.compile(r",\s*(?:which|who)\s+(?:is|are|was|were|has\s+been)\s+(?:linked|affiliated|allied|"
                              r"aligned|tied|loyal)\s+to\s+(?:the\s+)?$", re.IGNORECASE)
# weaker: "suspected X militants", "alleged X" (also objects of arrests: only when no other role)
_SUSPECTED_BEFORE = re.compile(r"\b(?:suspected|alleged|presumed|purported)\s+$", re.IGNORECASE)
# the text says who did it is unknown
_UNKNOWN = re.compile(
    r"\bno\s+(?:[\w-]+\s+(?:or\s+)?){0,3}?(?:group|one|organi[sz]ation|party|faction|person|individual)s?\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:yet\s+|immediately\s+|so\s+far\s+)?(?:claimed|taken|accepted|admitted)\b"
    r"|\bno\s+(?:immediate\s+)?claims?\s+of\s+responsibility"
    r"|\b(?:perpetrators?|attackers?|assailants?|culprits?|gunmen|killers?|identity\s+of\s+the\s+\w+)\s+"
    r"(?:are|is|were|was|remain(?:ed|s)?)\s+(?:still\s+|as\s+yet\s+)?(?:unknown|unidentified|not\s+(?:yet\s+)?"
    r"(?:known|identified))"
    r"|\b(?:by|from)\s+(?:an?\s+)?(?:unknown|unidentified)\s+(?:\w+\s+)?(?:party|parties|perpetrators?|attackers?|"
    r"assailants?|individuals?|persons?|people|men|group|gunm[ae]n|shooters?|sources?)\b"
    r"|\bunknown\s+(?:party|parties|perpetrators?)\b"
    r"|\b(?:it\s+(?:is|was)|it's)\s+(?:not\s+|un)clear\s+who\b",
    re.IGNORECASE,
)


def assign_roles(
    text: str, sentences: list[tuple[Sentence, list[Trigger]]], *, country_hint: str | None = None
) -> tuple[list[dict], list[dict]]:
    """(perpetrators, victims) of one incident from its sentences and their realis triggers.

    Each entry: {name, mention, category, country_code, evidence: [[s, e], ...]}.
    """
    perps: dict[str, dict] = {}
    victims: dict[str, dict] = {}
    attributed: set[str] = set()
    unplaced: list[ActorMention] = []
    suspected: list[ActorMention] = []
    for sent, trig in sentences:
        for a in actors_mod.find_actors(text, sent.start, sent.end, country_hint=country_hint):
            if a.category in ("civilians", "protesters"):
                _add_actor(victims, a)
                continue
            if _attributed(text, sent, a):
                _add_actor(perps, a)
                attributed.add(a.name)
                continue
            role = _role(text, sent, a, trig)
            if role is None:
                if _SUSPECTED_BEFORE.search(text, max(sent.start, a.span[0] - 12), a.span[0]):
                    suspected.append(a)
                else:
                    unplaced.append(a)
                continue
            _add_actor(perps if role == "perpetrator" else victims, a)
    # the claim of responsibility often follows the event in a sentence of its own
    if sentences and not attributed:
        for sent in _following(text, sentences[-1][0].end):
            for a in actors_mod.find_actors(text, sent.start, sent.end, country_hint=country_hint):
                if a.category != "unidentified armed group" and _attributed(text, sent, a):
                    _add_actor(perps, a)
                    attributed.add(a.name)
    # an actor that did it is not also its own victim
    for name in list(victims):
        if name in perps and victims[name]["category"] != "civilians":
            victims.pop(name)
    if not perps:
        for a in suspected:
            if a.name not in victims:
                _add_actor(perps, a)
    if not any(p["category"] in _NON_STATE for p in perps.values()):
        groups = {a.name for a in unplaced if a.category in _NON_STATE and a.name not in victims}
        if len(groups) == 1 and not any(p["category"] != "unidentified armed group" for p in perps.values()):
            for a in unplaced:
                if a.name in groups:
                    _add_actor(perps, a)
    # a generic "gunmen" perpetrator adds nothing beside a named group
    named = [p for p in perps.values() if p["category"] != "unidentified armed group"]
    if named:
        for k in [k for k, p in perps.items() if p["category"] == "unidentified armed group"]:
            perps.pop(k)
    if not perps:
        unknown = _unknown_perpetrator(text, sentences, country_hint)
        if unknown is not None:
            perps[unknown["name"]] = unknown
    return list(perps.values()), list(victims.values())


def _attributed(text: str, sent: Sentence, a: ActorMention) -> bool:
    """The mention is named as the one responsible ("X claimed responsibility", "blamed on X",
    "Israeli airstrikes")."""
    if a.category not in ARMED_CATEGORIES:
        return False
    if a.actor_id and a.actor_id.startswith("military:") and _strike_head(a.mention):
        return True
    if _NEGATED_BEFORE.search(text, max(sent.start, a.span[0] - 20), a.span[0]):
        return False  # "attributed to MRTA and not to the Shining Path"
    if _RELATIVE_BEFORE.search(text, max(sent.start, a.span[0] - 40), a.span[0]):
        return False  # "X, which is linked to Y, claimed responsibility": X claimed it, not Y
    if _RESP_AFTER.match(text, a.span[1], min(sent.end, a.span[1] + 140)):
        return True
    return _ATTR_BEFORE.search(text, max(sent.start, a.span[0] - 90), a.span[0]) is not None


_SENT_END = re.compile(r"[.!?][\"\u201d\u2019')]*\s+(?=[\"\u201c(]?[A-Z0-9])|\n\s*\n")
_ATTR_WORD = re.compile(r"responsib|attribut|blam|claim|behind|suspect|carried\s+out|believed", re.IGNORECASE)


def _following(text: str, end: int, n: int = 2, max_chars: int = 500) -> list[Sentence]:
    """Up to ``n`` sentences after ``end`` that speak of responsibility (cheap split, no model)."""
    out: list[Sentence] = []
    pos = end
    limit = min(len(text), end + max_chars)
    while len(out) < n and pos < limit:
        while pos < limit and text[pos].isspace():
            pos += 1
        if pos >= limit:
            break
        m = _SENT_END.search(text, pos, limit)
        stop = m.start() + 1 if m else limit
        if _ATTR_WORD.search(text, pos, stop):
            out.append(Sentence(pos, stop))
        if m is None or text[m.start()] == "\n":
            break
        pos = m.end()
    return out


def _strike_head(mention: str) -> bool:
    low = mention.lower()
    return any(low.endswith(" " + h) for h in actors_mod.STRIKE_HEADS)


def _unknown_perpetrator(
    text: str, sentences: list[tuple[Sentence, list[Trigger]]], country_hint: str | None
) -> dict | None:
    """"Unidentified Armed Group (<country>)" when the incident's text says the perpetrator is unknown."""
    for sent, _ in sentences:
        m = _UNKNOWN.search(text, sent.start, sent.end)
        if m:
            name, cc = actors_mod.unidentified_armed_group(country_hint)
            return {"name": name, "mention": m.group(), "category": "unidentified armed group",
                    "country_code": cc, "evidence": [[m.start(), m.end()]]}
    return None


def _role(text: str, sent: Sentence, a: ActorMention, trig: list[Trigger]) -> str | None:
    """perpetrator | victim | None, from the actor's position against the nearest trigger."""
    if not trig:
        # "killed by ISIS" without a trigger of its own in this sentence is still an agent
        if _BY_BEFORE.search(text, max(sent.start, a.span[0] - 30), a.span[0]) and re.search(
            r"\b(?:attack|assault|ambush|raid|strike|shelling|bombing|blast|fire)\w*\s+(?:\w+\s+){0,3}by\s+\S*$",
            text[max(sent.start, a.span[0] - 60) : a.span[0]],
            re.IGNORECASE,
        ):
            return "perpetrator"
        return None
    # nearest strong trigger in the sentence
    strong = [t for t in trig if t.strength >= 2] or trig
    t = min(strong, key=lambda t: min(abs(t.span[0] - a.span[1]), abs(a.span[0] - t.span[1])))
    if a.span[1] <= t.span[0]:
        between = text[a.span[1] : t.span[0]]
        if _PASSIVE_BEFORE.search(between) and len(between) < 60:
            return "victim"  # "two soldiers were killed"
        if len(between) > 80 or _CLAUSE_BREAK.search(between) or _PREP_BETWEEN.match(between):
            return None  # "a Taliban commander who leads fighters in attacks": not the subject
        if t.cls == "injure" or (t.cls == "kill" and t.text.lower() in ("dead", "died", "deaths", "death")):
            return "victim"
        return "perpetrator"
    # actor after the trigger
    before = text[t.span[1] : a.span[0]]
    if _BY_BEFORE.search(text, max(sent.start, a.span[0] - 30), a.span[0]):
        return "perpetrator"  # "killed by ISIS gunmen"
    if t.cls == "clash" and _CLASH_BETWEEN.search(before):
        if _BETWEEN_FIRST.search(before):
            return "perpetrator"  # "clashes between X and Y": X is the first side (ACLED's actor 1)
        return "victim"  # Y, the second side
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
