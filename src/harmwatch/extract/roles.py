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

4. Names the dictionary lacks. A responsibility phrase that names a group the dictionary does not
   know ("Ahl al-Marouf claimed responsibility", "attributed the attack to Fulani extremists") gives
   that name as written, category ``UNLISTED`` (see ``_unlisted``).
5. Crowds. In a protest the crowd is the actor ("Protesters"), in a riot or mob attack "Rioters"
   (ACLED's actor 1); not when state forces killed or wounded the crowd (then it is the victim).

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
    mentions: list[ActorMention] = []
    for sent, trig in sentences:
        for a in actors_mod.find_actors(text, sent.start, sent.end, country_hint=country_hint):
            mentions.append(a)
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
    # a trigger phrase that contains the actor names it as the agent ("gunmen attacked", "gunmen stormed")
    if any(t.span[0] <= a.span[0] and a.span[1] <= t.span[1] and t.cls not in ("injure",) for t in strong):
        return "perpetrator"
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


# --------------------------------------------------------------------------- crowds: protests and riots

#: trigger classes (``Trigger.type_cls`` or ``cls``) that make a crowd the acting side: ACLED codes
#: demonstrators as actor 1 ("Protesters (X)"), a violent crowd or a mob as "Rioters (X)"
_RIOT_CLASSES = frozenset({"riot", "vdemo", "mob"})
_PROTEST_CLASSES = frozenset({"protest", "intervene"})


def _crowd(text: str, sentences: list[tuple[Sentence, list[Trigger]]], mentions: list[ActorMention],
           country_hint: str | None) -> dict | None:
    """The crowd that acts in a protest or riot incident: "Protesters" or "Rioters".

    A demonstration's actor is the crowd holding it, a riot's or a mob's the crowd doing the
    violence. Not when state forces killed or wounded the demonstrators ("force"): the crowd is
    then the victim only. Evidence: the first protester/rioter/civilian mention of the incident,
    else the protest trigger itself."""
    classes = {t.type_cls for _, trig in sentences for t in trig} | {t.cls for _, trig in sentences for t in trig}
    if "force" in classes:
        return None
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
# a responsibility phrase before the group's name ("sources attributed the attack to Shabiha of the Coast")
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
    """A name phrase starting at ``pos`` ("the Al-Islah Party and noted ..." -> "the Al-Islah Party")."""
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

    "Ahl al-Marouf claimed responsibility", "sources attributed the attack to the Al-Islah Party",
    "suspected the involvement of left-wing extremists": the name is the phrase as written (articles
    dropped, a singular head made plural: "A Muslim extremist claimed" -> "Muslim extremists"). A
    phrase that holds a dictionary group is left to the dictionary."""
    out: dict[str, dict] = {}
    for sent in sents:
        if not _RESP_HINT.search(text, sent.start, sent.end) or actors_mod._is_caps(text[sent.start:sent.end]):
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
