"""Speakers, investigators and responders: state forces that a report names only as its source.

US local news names the police in almost every sentence of a shooting report, and almost never as
the shooter: "police said", "Police say a gunman shot two people", "Roanoke Police are searching for
a suspect", "deputies responded to reports of gunfire", "officers found the man", "according to
police", "was stopped by police". A police mention in such a clause speaks, investigates
or responds; it is the source of a claim (see ``casualties.speakers``), never the incident's agent,
unless the text says the same force used force ("an officer shot the man", "police returned fire",
"shot by police", "a police-involved shooting").

:func:`is_responder` reads the words around one mention (no parse): the mention's own predicate
right after it (with auxiliaries, adverbs and time words between: "are still searching", "late
Tuesday questioned", "continue to investigate"), or the frame before it ("according to", "told",
"said", "stopped by"). Arrest verbs count as investigation only in an incident that holds harm other
than the arrest (``harm_incident``): an arrest report's police are its actor (ACLED's "Arrests").
Military forces are sources only where they speak ("the army said", "according to the military"):
troops that search, find or detain run an operation of their own, and are its actor.
"""

from __future__ import annotations

import re

from harmwatch.types import ActorMention, Span

__all__ = ["is_responder", "harm_classes", "RESPONDER_CATEGORIES", "HARM_CLASSES"]

#: the categories a speaker / investigator / responder mention can have
RESPONDER_CATEGORIES = frozenset({"state forces", "external forces"})

# verbs of speaking, investigating and responding (never of using force)
_SOURCE_VERB = (
    r"(?:said|say|says|saying|told|tell|tells|telling|report(?:s|ed|ing)?|confirm\w*|investigat\w*|"
    r"search\w*|hunt\w*|track\w*|trying\s+to\s+(?:find|locate|identify|determine)|look(?:s|ed|ing)?\s+(?:for|into)|seek\w*|sought|respond\w*|arriv\w+|found|find|finds|finding|"
    r"discover\w*|identif\w+|question\w*|locat(?:e|es|ed|ing)(?!\s+(?:at|in|near|on|along|around|inside|outside|close|north|"
    r"south|east|west|between)\b)|need(?:s|ed)?|ask\w*|believ\w+|continu\w+|announc\w+|"
    r"releas\w+|recover\w+|call(?:s|ed|ing)?|process\w*|work(?:s|ed|ing)?|urg\w+|receiv\w+|dispatch\w*|"
    r"cit(?:es|ed|ing)|interview\w*|rul(?:es|ed|ing)|determin\w+|describ\w+|declin\w+|secur\w+|cordon\w*|"
    r"block\w*|tap(?:e|es|ed|ing)\s+off|transport\w*|rush\w*|administer\w*|perform\w*|want\w*|hop(?:e|es|ed|ing)|"
    r"issu\w+|offer\w*|obtain\w+|recogni[sz]\w+|suspect(?:s|ed)?|do\s+not\s+know|did\s+not|haven't|have\s+not|"
    r"are\s+not|were\s+called|were\s+dispatched|went|came|responded|notif\w+|gather\w*|collect\w*|"
    r"canvass\w*|spoke|speak\w*|talk\w*|clear\w*|stat(?:e|es|ed|ing)|add(?:s|ed)|explain\w*|note[sd]?|"
    r"provid\w+|shar\w+|post(?:s|ed)?(?=\s+(?:on|online|to|a|an|the|photos?|video|images?|surveillance)\b)|tweet\w*|on\s+(?:the\s+)?scene|at\s+the\s+scene|sent|nam(?:e|es|ed|ing)|met|meet\w*|"
    r"unsure|uncertain|unaware|comfortable|confident|aware|know|knew|known|dealt|deal(?:s|ing)?|set\s+up|"
    r"handl\w+|monitor\w*|seiz\w+|confiscat\w+|remain\w*|refus\w+|encourag\w+|warn\w*|"
    r"(?:have|has|had)\s+[^.,;]{1,40}?\s+in\s+custody)"
)
_ARREST_VERB = r"(?:arrest\w*|charg\w+|detain\w*|apprehend\w*|book(?:s|ed)|took\s+\w+\s+into\s+custody|" \
               r"taken\s+into\s+custody|stopp\w+|pull\w*\s+over|captur\w+|nabbed|jail\w*|custody)"
# the words a subject's own predicate may wait behind: the rest of the force's name, auxiliaries, adverbs,
# time words ("Forest Police Department officials are still investigating", "Police late Tuesday questioned")
_NAME_TAIL = r"(?:\s+(?:Department|Dept\.?|Division|Bureau|Office|Unit|officials?|officers?|" \
             r"spokes(?:man|woman|person)|" \
             r"detectives?|investigators?|deputies|troopers|Chief|Lt\.|Sgt\.|Capt\.|Cpl\.|Officer|Det\.|" \
             r"(?-i:[A-Z][a-z]+|[A-Z]\.))){0,4}(?:\s+(?:in|of)\s+(?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+))?)?"
_AUX = r"(?:\s+(?:are|is|was|were|have|has|had|will|would|may|might|could|can|did|do|does|also|still|now|later|" \
       r"quickly|soon|then|first|initially|previously|already|not|never|been|being|reportedly|say|said|" \
       r"(?:late|early)\s+\w+|on\s+\w+day|\w+day|this\s+(?:morning|afternoon|evening|week)|continue[sd]?\s+to|" \
       r"began|begin|to|were\s+able\s+to|who|that|which|,))*"
_AFTER = re.compile(_NAME_TAIL + r",?" + _AUX + r"\s+(?P<verb>" + _SOURCE_VERB + "|" + _ARREST_VERB + r")\b",
                    re.IGNORECASE)
# the frame before: the force is whom a report is attributed to, told, or the agent of a non-violent passive
_BEFORE = re.compile(
    r"(?:\b(?:according\s+to|told|tells|telling|per|called|calling|contacted|notified|alerted|"
    r"asked|asking|urged|watch\w*|saw|see|seen|sees)"
    r"|\b(?:was|were|been|being|is|are|got)\s+(?:\w+\s+)?(?:stopped|arrested|detained|found|located|questioned|"
    r"charged|booked|taken|apprehended|interviewed|cited|transported|called|identified|contacted|treated|"
    r"pulled\s+over|caught|confronted|captured|notified|held|jailed|picked\s+up|escorted|taken\s+into\s+custody|"
    r"wanted)\s+(?:\w+\s+){0,3}?by)"
    r"\s+(?:the\s+|a\s+|an\s+|local\s+|area\s+|city\s+|county\s+|state\s+|[A-Z][\w.'-]*\s+){0,4}$",
    re.IGNORECASE,
)
# "called for", "with": too broad alone; only these open the frame when nothing else speaks for force
_WEAK_BEFORE = re.compile(r"\b(?:for|with|help|helping|from)\s+(?:the\s+|a\s+|an\s+|local\s+|[A-Z][\w.'-]*\s+){0,4}$",
                          re.IGNORECASE)
# the same clause says the force used force: "responded and shot the man", "said officers fired"
_FORCE_AND = re.compile(r"\b(?:and|then)\s+(?:then\s+)?(?:shot|shoots|fired\s+(?:at|on|shots|a\s+shot)|"
                        r"fired\s+(?:[\d,]+\s+|several\s+|multiple\s+|warning\s+|\w+\s+)?(?:rounds|bullets|shots|tear\s*gas)|opened\s+fire|"
                        r"returned\s+fire|exchanged\s+(?:gun)?fire)\b", re.IGNORECASE)
_FORCE_SAID = re.compile(r"\s+(?:that\s+)?(?:they|officers?|deputies|troopers|agents|troops|soldiers|an\s+officer|"
                         r"a\s+deputy|one\s+officer)\s+(?:\w+\s+){0,2}?(?:shot|fired|opened\s+fire|returned\s+fire|"
                         r"killed|wounded|exchanged)\b", re.IGNORECASE)
_SPEECH = re.compile(r"(?:said|say|says|saying|told|tell|tells|telling|report\w*|confirm\w*|announc\w+|stat\w+|add\w*|"
                     r"explain\w*|note\w*|post(?:s|ed)?|tweet\w*|describ\w+|believ\w+)", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|had)\b", re.IGNORECASE)
# "Police say a gunman ...", "police said a man was shot": fine as a source; "police fired": force
_FORCE_RIGHT_AFTER = re.compile(_NAME_TAIL + _AUX + r"\s+(?:shot|shoot|shoots|shooting\s+(?:at|the)|fired|"
                                r"opened\s+fire|"
                                r"returned\s+fire|exchanged\s+(?:gun)?fire|killed|wounded|struck|tased)\b",
                                re.IGNORECASE)
#: trigger classes of harm that makes an arrest in the same incident part of the investigation
HARM_CLASSES = frozenset({"kill", "injure", "attack", "fire", "explosive", "blast", "grenade", "shelling", "air",
                          "suicide", "sexual", "abduction"})


def is_responder(text: str, sent: Span, a: ActorMention, *, harm_incident: bool = True) -> bool:
    """Is the state-force mention ``a`` (in the sentence ``sent``) only a speaker, investigator or
    responder of the incident? ``harm_incident``: the incident holds violence other than an arrest
    (so "police arrested the suspect" is the investigation, not the incident)."""
    if a.category not in RESPONDER_CATEGORIES:
        return False
    s0, s1 = sent
    if _FORCE_RIGHT_AFTER.match(text, a.span[1], s1):
        return False
    police = (a.actor_id or "").startswith("police:") or _POLICE_WORD.search(a.mention) is not None
    m = _AFTER.match(text, a.span[1], s1)
    if m is not None:
        arrest = re.fullmatch(_ARREST_VERB, m.group("verb"), re.IGNORECASE) is not None
        if arrest and not harm_incident:
            return False
        if not police and not _SPEECH.fullmatch(m.group("verb")):
            return False  # troops that search, find or detain run their own operation: its actor
        if _SPEECH.fullmatch(m.group("verb")):
            return not _FORCE_SAID.match(text, m.end(), s1)
        clause = text[m.end():s1]
        fm = _FORCE_AND.search(clause)
        return fm is None or _PASSIVE.search(clause, 0, fm.start()) is not None
    before = text[max(s0, a.span[0] - 70):a.span[0]]
    if not police:  # a military source only where it speaks: "according to the army", "the army said"
        return bool(_SPEECH_BEFORE.search(before)) or bool(
            _SAID_BEFORE.search(before) and _CLAUSE_END.match(text, a.span[1], s1))
    if _BEFORE.search(before):
        return True
    if _SAID_BEFORE.search(before) and _CLAUSE_END.match(text, a.span[1], s1):
        return True  # "..., said police.", "the man was shot, says Roanoke Police Lt. Smith."
    if _WEAK_BEFORE.search(before):
        # "a call for police", "working with police": a source unless the force fights in its clause
        return not _FIGHT.search(text, s0, s1)
    return False


_POLICE_WORD = re.compile(r"\b(?:police|policem[ae]n|sheriff|deput(?:y|ies)|officers?|troopers?|cops?|"
                          r"law\s+enforcement|detectives?|marshals?|constabulary)\b", re.IGNORECASE)
_SPEECH_BEFORE = re.compile(r"\b(?:according\s+to|told|tells|per)\s+"
                            r"(?:the\s+|a\s+|an\s+|local\s+|[A-Z][\w.'-]*\s+){0,4}$",
                            re.IGNORECASE)
# "said police" names the speaker only where the clause ends with the force's name ("jaitley said police
# arrested ..." makes the police the subject of the reported clause)
_SAID_BEFORE = re.compile(r"\b(?:said|says|say|added|stated)\s+(?:the\s+|local\s+|[A-Z][\w.'-]*\s+){0,4}$")
_CLAUSE_END = re.compile(_NAME_TAIL + r"(?:\s+(?-i:[A-Z][\w.'-]*)){0,3}\s*(?:[.,;:!?\"\u201d)]|$)")
_FIGHT = re.compile(r"\b(?:clash\w*|fight\w*|gunfight|shootout|battle\w*|exchang\w+|firefight|standoff|"
                    r"encounter|shot\s+by|killed\s+by|wounded\s+by|fired\s+(?:at|on)|fire\s+from|shots\s+from)\b",
                    re.IGNORECASE)


def harm_classes(classes: set[str]) -> bool:
    """Do these trigger classes hold harm (killing, wounding, an attack) besides any arrest?"""
    return bool(classes & HARM_CLASSES)
