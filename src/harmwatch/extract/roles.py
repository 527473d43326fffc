"""Who did it to whom: perpetrator and victim roles for the actors of an incident.

Roles come from three kinds of evidence, strongest first:

1. Attribution. Reports name the perpetrator in responsibility and attribution phrases that need no
   violence trigger in the same clause: "al-Shabaab claimed responsibility", "ISIS-claimed",
   "officials attributed the raid to the Taliban", "officials blamed Boko Haram", "the attack was
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

4. Names the dictionary lacks. A responsibility phrase that names a group the dictionary does not
   know ("Ahl al-Marouf claimed responsibility", "blamed the raid on Fulani extremists") gives
   that name as written, category ``UNLISTED`` (see ``_unlisted``).
5. Crowds. In a protest the crowd is the actor ("Protesters"), in a riot or mob attack "Rioters"
   (ACLED's actor 1); not when state forces killed or wounded the crowd (then it is the victim).

6. Finer position rules. A trigger phrase opened by the actor names the agent ("Unidentified gunmen
   attacked"); the agent of a passive stays the agent whatever follows ("were executed by IS after ...");
   a relative clause or an ", along with ...," apposition does not cut a subject from its verb; an
   object coordinated after a verb ("killed 10 militants, and injured 5") and the object before a
   participle (", killing ...") are not its subject; a group's own attack noun ("an IS attack") makes
   it the attacker; "were killed after exchanging fire with police": the police did it; the target of
   an operation ("while searching for a Taliban commander") is its victim.
7. Person nouns ("a man", "two people", "the village head") are civilians where a harm trigger places
   them as the harmed ("a man was shot dead"), never as agents, not in arrests or clashes.
8. Fallbacks when nothing above gives a perpetrator: an unplaced unidentified attacker of the incident
   ("attacked by unidentified motorcycle-riding assailants"), then the subject of the sentence right
   before the incident ("Nigerian forces launched bombardments on ... . 56 fighters were killed.").

9. Sources are not agents (issue 15). A state force that only speaks, investigates or responds in its
   clause ("police said", "officers are hunting a gunman", "deputies responded", "according to
   police", "was stopped by police"; see ``actors.responders``) gets no role, unless the clause says it
   used force. A harm incident that then has no perpetrator takes its suspect or shooter ("a suspect",
   "the shooter"), as an unidentified armed group; the police remain the claims' source.

The unknown-perpetrator convention: when no perpetrator is found and the text says the perpetrator
stays unknown ("no group claimed responsibility", "unknown assailants", "the attackers remain
unidentified"), the perpetrator is "Unidentified Armed Group (<country>)" with those words as
evidence, so that "unknown" is an explicit, evidenced value and not a silent gap.
"""

from __future__ import annotations

import re

from harmwatch.extract.actors import dictionary as actors_mod
from harmwatch.extract.actors.responders import harm_classes, is_responder
from harmwatch.extract.events.triggers import Trigger, find_triggers
from harmwatch.extract.lexicon import is_caps
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
    r"seven|eight|nine|ten|several|some|a\s+few|dozens\s+of|unknown|unidentified|[^\W\d_]+-[^\W\d_]+)\s+)*$",
    re.IGNORECASE,
)
_NOT_OBJECT = re.compile(
    r"\b(?:to|towards?|into|from|in|inside|near|while|as|when|who|which|that|because|after|before|during|"
    r"said|told|says|according)\b|[;:]",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"\b(?:who|whom|whose|which|said|says|told|after|before|while|when|because|although|but|"
    r"blamed?|blames|attribut\w+|accus\w+|suspects?|believes?|reported|denied|denies|condemned|condemns|"
    r"linked\s+to|tied\s+to|associated\s+with)\b"
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
    r"(?:\s*\([^()]{1,40}\)|\))?"  # "the Islamic State of Iraq and the Levant (ISIL) has claimed", "(NPA) claimed"
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
    r"|\bsuspect(?:ed|s|ing)?\s+(?:the\s+)?(?:involvement|hand|role)\s+of"
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
    r"|\b(?:it\s+(?:is|was)|it's)\s+(?:not\s+|un)clear\s+who\b"
    r"|\b(?:motive\s+and\s+)?(?:perpetrators?|attackers?|assailants?|culprits?)\s+(?:and\s+motive\s+)?"
    r"(?:still\s+)?unknown\b"
    r"|\bno\s+(?:information|details|reports?)\s+(?:about|on|of|regarding)\s+(?:the\s+)?(?:identity\s+of\s+the\s+)?"
    r"(?:perpetrators?|attackers?|assailants?|culprits?|killers?|shooters?|gunmen)\b"
    r"|\b(?:IEDs?|bombs?|explosives?|explosive\s+devices?|devices?|mines?|landmines?|shells?|rockets?|fire)\s+of\s+"
    r"(?:an?\s+)?unknown\s+(?:origin|source)\b",
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
    mentions: list[ActorMention] = []
    harm = harm_classes({t.cls for _, trig in sentences for t in trig})
    for sent, trig in sentences:
        for a in actors_mod.find_actors(text, sent.start, sent.end, country_hint=country_hint, persons=True):
            if a.actor_id and a.actor_id.startswith("person:"):
                # "a man", "two people": civilians where the sentence places them as the harmed
                if _PERSON_HARM & {t.cls for t in trig} and not any(t.cls == "clash" for t in trig) \
                        and not _SOUGHT_BEFORE.search(text, max(sent.start, a.span[0] - 25), a.span[0]) \
                        and _role(text, sent, a, trig) == "victim":
                    mentions.append(a)
                    _add_actor(victims, a)
                continue
            mentions.append(a)
            if a.category in ("civilians", "protesters"):
                _add_actor(victims, a)
                continue
            if _attributed(text, sent, a):
                _add_actor(perps, a)
                attributed.add(a.name)
                continue
            if is_responder(text, (sent.start, sent.end), a, harm_incident=harm):
                continue  # "police said", "deputies responded": a source or responder, never the agent
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
    # a group the dictionary does not know, named in a responsibility phrase
    if sentences and not attributed:
        resp_sents = [s for s, _ in sentences] + _following(text, sentences[-1][0].end)
        for u in _unlisted(text, resp_sents, country_hint):
            perps[u["name"]] = u
            attributed.add(u["name"])
    # an actor that did it is not also its own victim
    for name in list(victims):
        if name in perps and victims[name]["category"] != "civilians":
            victims.pop(name)
    if not perps:
        for a in suspected:
            if a.name not in victims:
                _add_actor(perps, a)
    if not any(p["category"] in _NON_STATE or p["category"] == UNLISTED for p in perps.values()):
        groups = {a.name for a in unplaced if a.category in _NON_STATE and a.name not in victims}
        if len(groups) == 1 and not any(p["category"] != "unidentified armed group" for p in perps.values()):
            for a in unplaced:
                if a.name in groups:
                    _add_actor(perps, a)
    # no perpetrator yet: an unidentified armed actor of the incident ("attacked by unidentified motorcycle-riding
    # assailants") that was not placed as a victim is the one who did it
    if not perps:
        for a in unplaced:
            if a.category == "unidentified armed group" and a.name not in victims \
                    and _ATTACKER_NOUN.search(a.mention):
                _add_actor(perps, a)
    # a generic "gunmen" perpetrator adds nothing beside a named group
    named = [p for p in perps.values() if p["category"] != "unidentified armed group"]
    if named:
        for k in [k for k, p in perps.items() if p["category"] == "unidentified armed group"]:
            perps.pop(k)
    # the crowd of a protest or riot is its actor (not its victim, unless state forces acted on it)
    crowd = _crowd(text, sentences, mentions, country_hint)
    if crowd is not None and crowd["name"] not in perps:
        perps[crowd["name"]] = crowd
        if not any(p["category"] in ("state forces", "external forces") for p in perps.values()):
            victims.pop(crowd["name"], None)
    if not perps and sentences:
        # the lead sentence before the incident's own often names who did it ("Nigerian forces launched
        # bombardments on Boko Haram positions. 56 fighters were killed.")
        for sent in _preceding(text, sentences[0][0].start):
            trig = [t for t in find_triggers(text, sent.start, sent.end) if t.realis]
            for a in actors_mod.find_actors(text, sent.start, sent.end, country_hint=country_hint):
                if is_responder(text, (sent.start, sent.end), a, harm_incident=harm):
                    continue
                if a.category in ARMED_CATEGORIES and a.name not in victims and (
                        _attributed(text, sent, a) or _role(text, sent, a, trig) == "perpetrator"
                        or (_LEAD_SUBJECT.fullmatch(text, sent.start, a.span[0])
                            and _ACTIVE_VERB_AFTER.match(text, a.span[1], sent.end))):
                    _add_actor(perps, a)
    if not perps and harm:
        suspect = _suspect_agent(text, sentences, country_hint)
        if suspect is not None:
            perps[suspect["name"]] = suspect
    if not perps:
        unknown = _unknown_perpetrator(text, sentences, country_hint)
        if unknown is not None:
            perps[unknown["name"]] = unknown
    return list(perps.values()), list(victims.values())


#: harm a person noun can be the victim of (not an arrest; in a clash "two people were killed" are its sides)
_PERSON_HARM = frozenset({"kill", "injure", "attack", "abduction", "sexual", "explosive", "blast", "grenade",
                          "shelling", "air", "suicide", "mob", "fire"})
# "searching for", "in pursuit of", "aimed at capturing": the one an operation is after
_SOUGHT_BY_OPERATION = re.compile(
    r"\b(?:search(?:ing|ed)?\s+for|pursu(?:ing|ed|e)|in\s+pursuit\s+of|hunt(?:ing|ed)?\s+(?:for|down)|"
    r"(?:aimed\s+at|in\s+an\s+effort\s+to|attempting\s+to|to)\s+"
    r"(?:capture|capturing|detain|detaining|arrest|arresting)|"
    r"capturing|detaining)\s+(?:a|an|the|two|three|several|suspected|senior|wanted|known|local|[\w-]+\s+)?\s*"
    r"(?:[\w-]+\s+)?$", re.IGNORECASE)
# "the targeted individual", "a suspected man": the one sought by an operation, not a civilian harmed
_SOUGHT_BEFORE = re.compile(r"\b(?:targeted|wanted|suspected|alleged|accused|armed)\s+(?:\w+\s+)?$", re.IGNORECASE)
#: generic nouns that name whoever did it ("gunmen", "unidentified individuals"), unlike "guerrillas" or
#: "militants", which also name a side that is fought or talked about
_ATTACKER_NOUN = re.compile(r"\b(?:gunm[ae]n|assailants?|attackers?|unidentified|unknown|"
                            r"armed\s+(?:men|man|individuals?|persons?|people|youths)|arsonists?|hit\s?m[ae]n|"
                            r"kidnappers|abductors|bandits|snipers?|shooters?|suspects?)\b", re.IGNORECASE)
#: the one a shooting's investigation is after ("hunting a gunman", "looking for the shooter")
_SUSPECT_NOUN = re.compile(r"\b(?:suspects?|shooters?|gunm[ae]n)\b", re.IGNORECASE)


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


# the subject that opens a sentence ("Nigerian Armed Forces launched ...", "The FARDC conducted ...")
_LEAD_SUBJECT = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)
_ACTIVE_VERB_AFTER = re.compile(r"\s+(?:\w+ly\s+)?(?:launched|carried\s+out|conducted|fired|shot|struck|hit|stormed|"
                                r"attacked|raided|ambushed|shelled|bombed|targeted|opened\s+fire|clashed|killed)\b")


def _preceding(text: str, start: int, max_chars: int = 400) -> list[Sentence]:
    """The sentence right before ``start`` in the same paragraph (cheap split, no model), if any."""
    lo = max(0, start - max_chars)
    para = text.rfind("\n\n", lo, start)
    lo = para + 2 if para >= 0 else lo
    seg_end = start
    while seg_end > lo and text[seg_end - 1].isspace():
        seg_end -= 1
    if seg_end <= lo:
        return []
    begin = lo
    for m in _SENT_END.finditer(text, lo, seg_end):
        if m.end() < seg_end:
            begin = m.end()
    if begin == lo and lo > 0 and para < 0:
        return []  # no sentence start within reach
    return [Sentence(begin, seg_end)]


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


# "a suspect", "the shooter", "two male suspects": the one a shooting report's police are after
_SUSPECT = re.compile(r"\b(?:an?|the|one|two|three|four|several|unknown|unidentified)\s+(?:(?:male|female|armed|"
                      r"masked|lone|second|third|other|possible|alleged|juvenile|teen(?:age)?|adult|unknown|"
                      r"unidentified)\s+){0,2}(?:suspects?|shooters?)\b", re.IGNORECASE)


def _suspect_agent(text: str, sentences: list[tuple[Sentence, list[Trigger]]], country_hint: str | None) -> dict | None:
    """"Unidentified Armed Group (<country>)" for the suspect or shooter of a harm incident that names no
    other perpetrator ("officers are hunting a gunman", "the shooter fled"): the police who look
    for them are the source, the one they look for did it."""
    for sent, _ in sentences:
        m = _SUSPECT.search(text, sent.start, sent.end)
        if m:
            name, cc = actors_mod.unidentified_armed_group(country_hint)
            return {"name": name, "mention": m.group(), "category": "unidentified armed group",
                    "country_code": cc, "evidence": [[m.start(), m.end()]]}
    return None


def _role(text: str, sent: Sentence, a: ActorMention, trig: list[Trigger]) -> str | None:
    """perpetrator | victim | None, from the actor's position against the triggers of its sentence."""
    lo = max(sent.start, a.span[0] - 60)
    if _OWN_ATTACK_AFTER.match(text, a.span[1], sent.end) and a.category not in ("civilians", "protesters"):
        return "perpetrator"  # "an IS attack", "repelled a Taliban ambush": the attack is the group's
    if _SOUGHT_BY_OPERATION.search(text, max(sent.start, a.span[0] - 45), a.span[0]):
        if a.category == "unidentified armed group" and _SUSPECT_NOUN.search(a.mention):
            return None  # "officers are hunting a gunman": the one who did it, not a victim
        return "victim"  # "while searching for a Taliban commander": the target of the operation
    if not trig:
        # "killed by ISIS" without a trigger of its own in this sentence is still an agent
        if _BY_BEFORE.search(text, max(sent.start, a.span[0] - 50), a.span[0]) and re.search(
            r"\b(?:attack|assault|ambush|raid|strike|shelling|bombing|blast|fire)\w*\s+(?:\w+\s+){0,3}by\s+\S*$",
            text[lo : a.span[0]],
            re.IGNORECASE,
        ):
            return "perpetrator"
        return None
    # "killed by ISIS", "were executed by IS after ...", "shells fired by LNA forces hit": the agent of a
    # passive, whatever comes after
    if _BY_BEFORE.search(text, max(sent.start, a.span[0] - 50), a.span[0]) and any(
            lo <= t.span[0] < a.span[0] for t in trig):
        return "perpetrator"
    # a trigger phrase that holds the actor: "gunmen attacked", "jets struck" (the actor opens it) name the
    # agent, "fell to the Taliban" too; "fired at the Taliban positions" names the target
    for t in trig:
        if t.span[0] < a.span[1] and a.span[0] < t.span[1] and t.cls != "injure":
            if a.span[0] <= t.span[0] or t.text[:4].lower() == "fell":
                return "perpetrator"
            return "victim"
    # nearest strong trigger in the sentence
    strong = [t for t in trig if t.strength >= 2] or trig
    t = min(strong, key=lambda t: min(abs(t.span[0] - a.span[1]), abs(a.span[0] - t.span[1])))
    role = _role_at(text, sent, a, t, trig)
    if role is not None:
        return role
    # weaker readings when the nearest strong trigger says nothing: the subject of the verb right after the
    # actor ("IS snipers targeted ..."), the object of the trigger right before it ("targeted a vehicle of
    # the Egyptian forces")
    after = [x for x in trig if x.span[0] >= a.span[1] and x is not t]
    if after:
        n = min(after, key=lambda x: x.span[0])
        between = text[a.span[1] : n.span[0]]
        if (len(between) <= 40 and _VERB_FORM.search(n.text) and not _CLAUSE_BREAK.search(between)
                and "," not in between and not _PASSIVE_BEFORE.search(between) and not _PREP_BETWEEN.match(between)
                and (not _INTRANSITIVE(n) or _OBJECT_AFTER.match(text, n.span[1], sent.end))):
            return "perpetrator"
    before = [x for x in trig if x.span[1] <= a.span[0] and x is not t]
    if before:
        p = max(before, key=lambda x: x.span[1])
        gap = text[p.span[1] : a.span[0]]
        if len(gap) <= 45 and not _NOT_OBJECT.search(gap) and "," not in gap and _VERB_FORM.search(p.text) \
                and p.cls not in ("injure",) and not _INTRANSITIVE(p):
            return "victim"
    return None


def _role_at(text: str, sent: Sentence, a: ActorMention, t: Trigger, trig: list[Trigger]) -> str | None:
    """The actor's role against one trigger: subject, passive subject, object or agent."""
    if a.span[1] <= t.span[0]:
        between = text[a.span[1] : t.span[0]]
        if (_PASSIVE_BEFORE.search(between) or _PASSIVE_TRIGGER.match(t.text)) and len(between) < 60 \
                and not _CLAUSE_BREAK.search(_strip_rel(between)):
            return "victim"  # "two soldiers were killed", "soldiers who were killed"
        rel = _strip_rel(between)
        if _WITH_APPOSITION.match(between):
            rel = between = ""  # "The army, along with the helicopters of ..., attacked": still the subject
        if _COORD.match(between) and any(x.span[1] <= a.span[0] for x in trig):
            return None  # "killed 7 Taliban fighters, and wounded 3": the object of the verb before
        if len(between) > 80 or _CLAUSE_BREAK.search(rel) or _PREP_BETWEEN.match(between):
            return None  # "a Taliban commander who leads fighters in attacks": not the subject
        if _PARTICIPLE.match(t.text) and any(x.span[1] <= a.span[0] for x in trig):
            return None  # "targeted a vehicle of the Egyptian forces ..., killing 10 soldiers": the subject did it
        if _INTRANSITIVE(t) and not _OBJECT_AFTER.match(text, t.span[1], sent.end):
            return "victim"  # "two soldiers injured", "three policemen dead"
        return "perpetrator"
    # actor after the trigger
    before = text[t.span[1] : a.span[0]]
    if _BY_BEFORE.search(text, max(sent.start, a.span[0] - 50), a.span[0]):
        return "perpetrator"  # "killed by ISIS gunmen"
    if t.cls == "clash" and _CLASH_BETWEEN.search(before):
        if _BETWEEN_FIRST.search(before):
            return "perpetrator"  # "clashes between X and Y": X is the first side (ACLED's actor 1)
        if _HARMED_BEFORE_CLASH.search(text, max(sent.start, t.span[0] - 60), t.span[0]):
            return "perpetrator"  # "three robbers died after a gunfight with police"
        return "victim"  # Y, the second side
    if len(before) > 45 or _NOT_OBJECT.search(before):
        return None  # "fled towards the security forces": not the target
    return "victim"


# "an IS attack", "a Taliban ambush": a named group's attack noun right after its name
_OWN_ATTACK_AFTER = re.compile(r"(?:\s+(?:suicide|bomb|rocket|mortar|drone|IED|gun|armed|militant|terrorist))?\s+"
                               r"(?:attacks?|ambush(?:es)?|assaults?|raids?|offensive|incursions?|infiltrations?|"
                               r"shelling|bombings?)\b", re.IGNORECASE)
# a verb form: "targeted", "shot", "opened fire", "killing" (not a noun: "attack", "IED", "violence")
_VERB_FORM = re.compile(r"\b[a-z]+(?:ed|ing)\b|\b(?:shot|struck|hit|opened fire|open fire|beat|slew|took|set)\b")
# ", along with the helicopters of a private military group," between a subject and its verb
_WITH_APPOSITION = re.compile(r"\s*,\s*(?:along\s+with|together\s+with|accompanied\s+by|supported\s+by|backed\s+by|"
                              r"assisted\s+by|with\s+the\s+(?:help|support)\s+of|in\s+coordination\s+with)\b"
                              r"[^;:.()\u201c\u201d]{1,150},\s*$", re.IGNORECASE)
# "were killed after exchanging fire with": the other side of the clash did the killing
_HARMED_BEFORE_CLASH = re.compile(r"\b(?:was|were|been|got)\s+(?:\w+ly\s+)?(?:killed|shot(?:\s+dead)?|wounded|injured|"
                                  r"hurt|arrested|captured)\s+(?:after|while|when|during|in)\s+(?:an?\s+|the\s+)?$",
                                  re.IGNORECASE)
_PASSIVE_TRIGGER = re.compile(r"(?:was|were|been|being|is|are|got|get)\s", re.IGNORECASE)  # the trigger "was shot"
_COORD = re.compile(r"\s*(?:,|and\b|or\b)", re.IGNORECASE)
_PARTICIPLE = re.compile(r"\w+ing$", re.IGNORECASE)
# "X wounded two policemen" (active, object after) versus "two soldiers wounded" (the harmed)
_OBJECT_AFTER = re.compile(
    r"\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|several|many|some|"
    r"a|an|the|his|her|their|its|at\s+least|more\s+than|about|around|over|nearly|almost|up\s+to|[A-Z][a-z]+)\b")


def _INTRANSITIVE(t: Trigger) -> bool:  # noqa: N802 - reads as a predicate on the trigger class
    return t.cls == "injure" or (t.cls == "kill" and t.text.lower() in ("dead", "died", "deaths", "death"))


_REL = re.compile(r"^\s*,?\s*(?:who|which|that)\s+(?!said|says|told|claimed|blamed|accused)", re.IGNORECASE)


def _strip_rel(between: str) -> str:
    """"armed men who came on motorbikes kidnapped": the relative pronoun right after the actor is
    its own clause about the actor, no break between the actor and the verb."""
    m = _REL.match(between)
    return between[m.end():] if m else between


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


# --------------------------------------------------------------------------- crowds: protests and riots

#: trigger classes (``Trigger.type_cls`` or ``cls``) that make a crowd the acting side: ACLED codes
#: demonstrators as actor 1 ("Protesters (X)"), a violent crowd or a mob as "Rioters (X)"
_RIOT_CLASSES = frozenset({"riot", "vdemo", "mob"})
_PROTEST_CLASSES = frozenset({"protest", "intervene"})


_FIREARM = re.compile(r"\b(?:shot|shoot\w*|fired?|gun\w*|opened\s+fire|open\s+fire)\b", re.IGNORECASE)


def _crowd(text: str, sentences: list[tuple[Sentence, list[Trigger]]], mentions: list[ActorMention],
           country_hint: str | None) -> dict | None:
    """The crowd that acts in a protest or riot incident: "Protesters" or "Rioters".

    A demonstration's actor is the crowd holding it, a riot's or a mob's the crowd doing the
    violence. Not when state forces killed or wounded the demonstrators ("force"): the crowd is
    then the victim only. Evidence: the first protester/rioter/civilian mention of the incident,
    else the protest trigger itself."""
    # a shooting is no crowd's violence, whoever the shooters are ("two men fired at customers in a shop")
    sentences = [(s, [t for t in trig if not (t.ctx == "mob" and _FIREARM.search(t.text))]) for s, trig in sentences]
    classes = {t.type_cls for _, trig in sentences for t in trig} | {t.cls for _, trig in sentences for t in trig}
    if "force" in classes:
        return None
    # the crowd is what the first sentence that speaks of a crowd makes it (a later "riots in the prisons last
    # week" is background, not this protest's violence), and later sentences where the crowd itself acts
    # ("The crowd threw stones at the town hall")
    crowd_cls = _RIOT_CLASSES | _PROTEST_CLASSES
    first: set[str] | None = None
    for sent, trig in sentences:
        here = {t.type_cls for t in trig} | {t.cls for t in trig}
        if first is None:
            if here & crowd_cls:
                first = set(here)
                if "protest" in here and here & {"clash", "arson"}:
                    first.add("vdemo")  # "demonstrated and clashed with police", "... and burned tyres"
        elif here & _RIOT_CLASSES and any(sent.start <= m.span[0] < sent.end
                                          and m.category in ("protesters", "rioters") for m in mentions):
            first |= here
    if first is not None:
        classes = first
    if classes & _RIOT_CLASSES:
        name, cat = "Rioters", "rioters"
    elif classes & _PROTEST_CLASSES:
        name, cat = "Protesters", "protesters"
    else:
        return None
    pick = next((m for m in mentions if m.category in ("protesters", "rioters")), None)
    if pick is None:
        pick = next((m for m in mentions if m.category == "civilians"), None)
    if pick is not None:
        mention, span = pick.mention, pick.span
    else:
        t = next(t for _, trig in sentences for t in trig if t.type_cls in classes & (_RIOT_CLASSES | _PROTEST_CLASSES)
                 or t.cls in classes & (_RIOT_CLASSES | _PROTEST_CLASSES))
        mention, span = t.text, t.span
    return {"name": name, "mention": mention, "category": cat, "country_code": country_hint,
            "evidence": [[span[0], span[1]]]}


# --------------------------------------------------------------------------- groups not in the dictionary

#: category of a perpetrator named in a responsibility phrase but unknown to the actor dictionary
UNLISTED = "unlisted group"

# a responsibility phrase after the group's name ("Ahl al-Marouf claimed responsibility")
_CLAIM_AFTER_NAME = re.compile(
    r"\s*(?:,\s*)?(?:(?:has|have|had|later|reportedly|also|allegedly|apparently|then|subsequently)\s+)*"
    r"(?:claimed|claims|took|takes|accepted|admitted|acknowledged)\s+(?:the\s+|full\s+|sole\s+)?"
    r"(?:responsibility|credit)"
    r"|\s*(?:is|are|was|were)\s+(?:widely\s+)?(?:believed|suspected|thought|alleged|said)\s+to\s+(?:be|have\s+been)\s+"
    r"(?:behind|responsible)",
    re.IGNORECASE,
)
# a responsibility phrase before the group's name ("officials attributed the raid to X of the Y")
_NAME_AFTER = re.compile(
    r"\b(?:attribut(?:ed|es|ing)\s+(?:[\w-]+\s+){0,4}?to"
    r"|blam(?:ed|es|ing)\s+(?:[\w-]+\s+){0,4}?on"
    r"|suspect(?:ed|s|ing)?\s+the\s+involvement\s+of"
    r"|(?:claimed|carried\s+out|perpetrated|committed|orchestrated|masterminded)\s+by"
    r"|responsibility\s+(?:was\s+)?(?:claimed\s+by|lies\s+with|rests\s+with))\s+",
    re.IGNORECASE,
)
_GENERIC_KINDS = frozenset({"unidentified armed group", "civilians", "protesters", "rioters"})
_RESP_HINT = re.compile(r"responsib|attribut|blam|involvement|carried\s+out\s+by|perpetrated\s+by|behind",
                        re.IGNORECASE)
_NP_TOKEN = re.compile(r"\([^()\n]{1,50}\)|[^\W_][\w'\u2019]*(?:[-\u2010\u2011][\w'\u2019]+)*")
_CONNECT = frozenset("of the for and in de del la el al wal wa bin ul e des du le y".split())
_ARTICLES = frozenset("the a an some suspected alleged presumed unknown local".split())
#: plural heads that make a lower-case phrase a named kind of perpetrator ("Fulani extremists")
_HEADS = frozenset(
    "extremists militants militia militias militiamen separatists rebels insurgents jihadists nationalists "
    "anarchists dissidents republicans loyalists guerrillas guerillas radicals supremacists activists "
    "vigilantes herdsmen herders gangs cartel fighters".split()
)
_SINGULAR = {"extremist": "extremists", "militant": "militants", "separatist": "separatists",
             "rebel": "rebels", "insurgent": "insurgents", "jihadist": "jihadists", "nationalist": "nationalists",
             "anarchist": "anarchists", "radical": "radicals",
             "supremacist": "supremacists", "activist": "activists", "herdsman": "herdsmen"}
#: capitalised words that open a sentence or name an authority, never a group name on their own
_NOT_NAME = frozenset(
    "no this that these those it its he she they them their his her however but and authorities police "
    "sources officials security government military army the a an some several there many unknown "
    "local residents witnesses investigators analysts reports media".split()
)


def _np_tokens(text: str, start: int, end: int) -> list[re.Match]:
    return list(_NP_TOKEN.finditer(text, start, end))


def _is_name(tok: str) -> bool:
    if tok[:1].isupper():
        return tok.lower() not in _NOT_NAME
    return "-" in tok and any(c.isupper() for c in tok)  # "al-Marouf"


def _name_phrase(text: str, toks: list[re.Match]) -> tuple[int, int] | None:
    """The span of a group name or named kind made of ``toks`` (already cut at the phrase's edge)."""
    words = [t.group() for t in toks]
    while words and (words[0].lower() in _ARTICLES or words[0].lower() in _CONNECT):
        words.pop(0)
        toks = toks[1:]
    while words and words[-1].lower() in _CONNECT:
        words.pop()
        toks = toks[:-1]
    if not words or not toks:
        return None
    head = words[-1].lower()
    if words[-1].startswith("("):
        head = words[-2].lower() if len(words) > 1 else ""
    named = any(_is_name(w) for w in words if not w.startswith("("))
    if not named and head not in _HEADS and head not in _SINGULAR:
        return None
    if len(words) == 1 and (head in _HEADS or head in _SINGULAR):
        return None  # a bare "separatists": the generic reading (unidentified armed group) covers it
    return toks[0].start(), toks[-1].end()


def _phrase_after(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """A name phrase starting at ``pos`` ("the Unity Party and said ..." -> "the Unity Party")."""
    out: list[re.Match] = []
    for m in _np_tokens(text, pos, min(end, pos + 120)):
        gap = text[(out[-1].end() if out else pos):m.start()]
        if gap.strip() not in ("", "-"):
            break
        w = m.group()
        low = w.lower()
        if w.startswith("("):
            if out:
                out.append(m)
            break
        if _is_name(w) or low in _CONNECT or (not out and low in _ARTICLES):
            out.append(m)
        elif low in _HEADS or low in _SINGULAR:
            out.append(m)
            break
        elif not out or all(t.group().lower() in _ARTICLES for t in out) or re.search(r"-(?:wing|backed|linked|based)$", low):
            if len(out) >= 4:
                break
            out.append(m)  # a lower-case modifier before the head: "left-wing extremists", "dissident"
        else:
            break
        if len(out) > 9:
            break
    # a lower-case run that never reached a head or a name is not a phrase
    while out and not _is_name(out[-1].group()) and out[-1].group().lower() not in _HEADS \
            and out[-1].group().lower() not in _SINGULAR and not out[-1].group().startswith("("):
        out.pop()
    return _name_phrase(text, out) if out else None


def _phrase_before(text: str, start: int, pos: int) -> tuple[int, int] | None:
    """A name phrase ending at ``pos`` ("... blast. Ahl al-Marouf" -> "Ahl al-Marouf")."""
    toks = _np_tokens(text, max(start, pos - 120), pos)
    out: list[re.Match] = []
    nxt = pos
    for m in reversed(toks):
        gap = text[m.end():nxt]
        if gap.strip() not in ("", "-"):
            break
        w = m.group()
        low = w.lower()
        if w.startswith("(") and not out:
            out.insert(0, m)
        elif _is_name(w) or (out and low in _CONNECT):
            out.insert(0, m)
        elif not out and (low in _HEADS or low in _SINGULAR):
            out.insert(0, m)
        elif out and not _is_name(out[0].group()) and len(out) < 4 and low not in _ARTICLES:
            out.insert(0, m)  # modifier of a head: "Muslim extremist", "left-wing extremists"
        else:
            if low in _ARTICLES:
                out.insert(0, m)
            break
        nxt = m.start()
    return _name_phrase(text, out) if out else None


def _display(phrase: str) -> str:
    words = phrase.split()
    last = words[-1]
    if last.lower() in _SINGULAR:
        words[-1] = _SINGULAR[last.lower()]
    out = " ".join(words)
    return out[:1].upper() + out[1:]


def _unlisted(text: str, sents: list[Sentence], country_hint: str | None) -> list[dict]:
    """Perpetrators named in responsibility phrases that the dictionary does not know.

    "Group X claimed responsibility", "officials attributed the raid to the Y Party",
    "suspected the involvement of radical X": the name is the phrase as written (articles
    dropped, a singular head made plural: "A Muslim extremist claimed" -> "Muslim extremists"). A
    phrase that holds a dictionary group is left to the dictionary."""
    out: dict[str, dict] = {}
    for sent in sents:
        if not _RESP_HINT.search(text, sent.start, sent.end) or is_caps(text[sent.start:sent.end]):
            continue  # ALL-CAPS wire text: capitals tell no name from a common word
        known = [a.span for a in actors_mod.find_actors(text, sent.start, sent.end, country_hint=country_hint)
                 if a.category not in _GENERIC_KINDS]
        spans = []
        for m in re.finditer(r"\b(?:claim|took|take|accept|admit|acknowledg|believed|suspected|thought|alleged)\w*\b",
                             text[sent.start:sent.end], re.IGNORECASE):
            s0 = sent.start + m.start()
            # walk back over "has", "later", ", " to the phrase's end
            back = re.search(r"(?:\s*,)?(?:\s+(?:has|have|had|later|reportedly|also|allegedly|apparently|then|"
                             r"subsequently|is|are|was|were|widely))*\s*$", text[sent.start:s0])
            pe = sent.start + back.start() if back else s0
            if _CLAIM_AFTER_NAME.match(text, pe, sent.end):
                sp = _phrase_before(text, sent.start, pe)
                if sp:
                    spans.append(sp)
        for m in _NAME_AFTER.finditer(text, sent.start, sent.end):
            sp = _phrase_after(text, m.end(), sent.end)
            if sp:
                spans.append(sp)
        for s, e in spans:
            if any(ks < e and s < ke for ks, ke in known):
                continue  # a dictionary group is (part of) the phrase
            phrase = " ".join(text[s:e].split())
            if actors_mod.country_code(phrase):
                continue  # "attributed the attack to Israel": a state, not a group name
            name = _display(phrase)
            entry = out.setdefault(name.lower(), {"name": name, "mention": text[s:e], "category": UNLISTED,
                                                  "country_code": None, "evidence": []})
            entry["evidence"].append([s, e])
    return list(out.values())
