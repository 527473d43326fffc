"""Sentence context shared by the trigger rules (:mod:`.triggers`) and the crowd and non-conflict rules
(:mod:`.nonconflict`): who is in the sentence (protesters, police, a mob, armed men, civilians) and
the passive and relative frames around a trigger. Vocabulary only: this module imports nothing of
the events package, so both rule modules can build on it."""

from __future__ import annotations

import re

from harmwatch.extract.fastmatch import led

# Sentence context that re-types generic violence (nonconflict.context_class; see the module docstring).
_PROTESTERS = r"protest\w*|demonstrat(?:ors?|ions?)|rall(?:y|ies)|marchers|crowds?|strikers|students|sit-ins?"
# a demonstration in the sentence: its people, or the verbs of protesting ("demonstrated", "agitating")
_PROTEST_CTX = re.compile(rf"\b(?:{_PROTESTERS}|demonstrat(?:ed|ing|e)|agitat(?:ed|ing|ion|ions|ors?))\b", re.IGNORECASE)
_POLICE_CTX = re.compile(
    r"\b(?:police\w*|polices?|cops?|security (?:forces|personnel|officers|agents)|troops|soldiers|army|"
    r"gendarme\w*|riot police|officers|authorities|military|paramilitar\w*|national guard|forces)\b",
    re.IGNORECASE,
)
_LIVE_FIRE = re.compile(r"\blive (?:ammunition|rounds|fire|bullets)\b|\bopened fire\b|\bfired (?:on|at|into|upon)\b", re.IGNORECASE)
_PASSIVE_BETWEEN = re.compile(r"\b(?:was|were|been|being|got)\b", re.IGNORECASE)
_MOB_WORDS = re.compile(r"\b(?:mobs?|lynch\w*|vigilantes?|communal)\b", re.IGNORECASE)
# civilian groups that fight without arms of war: the agent of a mob's violence
_MOB_AGENT_WORDS = (
    r"villagers|residents|locals|youths?|men|people|persons|individuals|citizens|workers|labou?rers|supporters|"
    r"relatives|families|family members|kin|students|traders|farmers|herders|fishermen|drivers|passengers|crowds?|groups?|"
    r"neighbou?rs|mourners|worshippers|devotees|inmates|prisoners|rioters|nationals|miners|communities|community|clans?|"
    r"tribes(?:men)?|rivals|shopkeepers|vendors|sellers|hawkers|merchants|activists|volunteers|fans|hooligans"
)
_MOB_AGENT = re.compile(rf"\b(?:{_MOB_AGENT_WORDS})\b", re.IGNORECASE)
_MOB_SUBJECT = re.compile(rf"\b(?:{_MOB_AGENT_WORDS})\s+(?:(?:also|allegedly|reportedly|then|and|had|have)\s+){{0,2}}$", re.IGNORECASE)
# behind a passive ("beaten by residents"); bare "men" or "people" are anyone's fighters ("fired upon by two of the men")
_BY_MOB = re.compile(rf"\s*(?:up )?by (?:a |an |the )?(?:[\w'-]+ ){{0,3}}?(?!(?:m[ae]n|people|persons|individuals)\b)(?:{_MOB_AGENT_WORDS})\b", re.IGNORECASE)
_ARMED_QUALIFIER = re.compile(r"\b(?:armed|masked|unidentified|unknown|gunmen|criminals?|gangs?|gang members|assailants|hitmen|militants?|suspected)\b", re.IGNORECASE)
_ARMED_NOUN = (
    r"soldiers?|troops|servicem[ae]n|police(?:m[ae]n|wom[ae]n)?|police (?:officers?|personnel|constables?|patrol\w*|posts?|stations?)|"
    r"cops?|constables?|officers?|gendarmes?|guards?|sentr(?:y|ies)|militants?|insurgents?|rebels?|fighters?|gunmen|"
    r"militiam[ae]n|militias?|jihadists?|terrorists?|combatants?|commanders?|personnel|forces|army|military|"
    r"checkpoints?|convoys?|positions?|outposts?|barracks|bases?|patrols?|security (?:post|posts|forces|personnel)"
)
_ARMED_AFTER = re.compile(rf"^(?:[^.;:]{{0,60}}?)\b(?:{_ARMED_NOUN})\b", re.IGNORECASE)
_ARMED_BEFORE = re.compile(rf"\b(?:{_ARMED_NOUN})\b(?:[^.;:,]{{0,40}}?)$", re.IGNORECASE)
_CIVIL_AFTER = re.compile(r"^(?:[^.;:]{0,25}?)\b(?:civilians?|villagers|residents|people|persons|passers-?by|men|women|children|family|farmers|worshippers|students|suspects?|man|woman|boy|girl|teenager|journalists?|traders?)\b", re.IGNORECASE)
# the subject of a passive just before the trigger ("two soldiers were killed", "a man was attacked and")
_PASSIVE_JUST_BEFORE = re.compile(r"\b(?:was|were|been|being|got|get)\s+(?:\w+ly\s+)?(?:(?:shot|\w+ed)\s+(?:up\s+)?(?:and\s+)?)?$", re.IGNORECASE)
_AGENT = re.compile(rf"\b(?:(?P<p>{_PROTESTERS}|rioters|mobs?)|(?P<f>police\w*|security forces|troops|soldiers|officers))\b", re.IGNORECASE)
# a harm word that is background to a protest: "the family of a constable who was shot dead held a
# protest", "carrying the coffins of those killed", "a vigil after the riots last week"
_RELATIVE_BEFORE = re.compile(r"\b(?:(?:who|whom|which|that)\s+(?:(?:was|were|had been|has been|have been|got)\s+(?:\w+\s+){0,2})?|those\s+)$", re.IGNORECASE)

# searched over whole sentences or look-back windows: behind their first-character lookahead
(_PROTEST_CTX, _POLICE_CTX, _LIVE_FIRE, _PASSIVE_BETWEEN, _RELATIVE_BEFORE, _MOB_WORDS, _MOB_AGENT, _MOB_SUBJECT, _ARMED_QUALIFIER, _ARMED_BEFORE, _PASSIVE_JUST_BEFORE, _AGENT,) = (
    led(rx) for rx in (_PROTEST_CTX, _POLICE_CTX, _LIVE_FIRE, _PASSIVE_BETWEEN, _RELATIVE_BEFORE, _MOB_WORDS, _MOB_AGENT, _MOB_SUBJECT, _ARMED_QUALIFIER, _ARMED_BEFORE, _PASSIVE_JUST_BEFORE, _AGENT,)
)
