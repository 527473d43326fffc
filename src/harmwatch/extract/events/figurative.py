"""Violence words that report no violence: sport, markets, debate, the sky, idioms, fiction.

The trigger words of armed violence are everyday words of other registers: a forward "shot 52
percent", a team "attacked the rim", shares "rallied", a senator "attacked the budget plan", the
analysts' figures "killed the fears", stellar explosions, a laundry day that is "a blast", a
spokesman who "took a veiled shot at" a rival. Two kinds of rules keep them from opening incidents,
both judged on the sentence (what the word does and what stands beside it), never on one story:

* :func:`figurative_trigger`: the word's own frame says it is not violence: the object of "attack" /
  "kill" / "beat" is an idea, a plan, a target of play ("the rim", "the fears", "the game", "the
  king side"); "shot" is a percentage or a try at a goal; a protest verb's object or purpose is
  sport or a market ("rallied to beat", "demonstrate ways"); an explosion is a star's, a
  firework's or a good time ("into a blast").
* the sentence's register: a sentence about a ball game (a goal, a puck, a rim, points, a match
  penalty) or a market (stocks, an index, a trend line) with no weapon and no armed actor in it
  reports play or prices, whatever its verbs.

:func:`register_density` measures the register of a whole document (sport, markets, fiction and
games, science and software): how many of its words are cues of one of these registers. It is not a
filter (a shooting at a stadium is still a shooting); it was tried as a feature of ``confidence`` and
left out (see :mod:`harmwatch.extract.confidence`); ``tools/confidence_features.py`` prints it.

The cue lists are the vocabulary of sport, finance, reviews and science writing, not rows of any
data set; each rule's effect on the negative set and the violent sets is in docs/EVALUATION.md.
"""

from __future__ import annotations

import re

from harmwatch.extract.fastmatch import led

# a weapon or an armed party in the sentence: the register rules stand down ("a gunman shot a fan
# outside the stadium after the match")
_ARMED = re.compile(
    r"\b(?:guns?|gunm[ae]n|gunfire|gunshots?|rifles?|pistols?|handguns?|firearms?|bullets?|knives|knife|machetes?|"
    r"bombs?|explosives?|grenades?|IEDs?|weapons?|armed|militants?|insurgents?|rebels?|terrorists?|soldiers?|troops|"
    r"army|militar\w*|police\w*|officers?|suspects?|assailants?|attackers?|shooter|wounded|injured|hospital\w*|"
    r"dead|died|fatal\w*|victims?|murder\w*|stabb\w*|fighters?|forces|militia\w*|gangs?|jihadi\w*|guerrillas?|"
    r"paramilitar\w*|Taliban|ISIS|ISIL|Daesh|Shabaab|Haram|Hamas|Hezbollah|Houthis?|airstrikes?|strikes?|shelling)\b",
    re.IGNORECASE,
)

# ball games and races: what is shot at, scored, beaten and attacked there
_SPORT = re.compile(
    r"\b(?:goals?|goalkeepers?|goaltenders?|goalies?|keepers?|puck|balls?|baskets?|rim|hoops?|net|nets|field goals?|"
    r"free throws?|three-pointers?|shot clock|rebounds?|assists?|points?|scored|scoring|scorer|innings?|wickets?|"
    r"strikers?|midfielders?|defen[cs]em[ae]n|defenders?|quarterbacks?|touchdowns?|penalt(?:y|ies)|penalty box|"
    r"match(?:es)?|game|games|derby|league|season|playoffs?|tournament|championships?|semi-?finals?|quarter-?finals?|"
    r"finals?|seeded|doubles|singles|tie-?break|counter[- ]?attacks?|first place|second place|podium|"
    r"medals?|laps?|backstroke|freestyle|relay|coach(?:es)?|teammates?|victory|win|won|wins|stadium|"
    r"(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])(?: \(\d+\))?)\b",  # a score, not a phone number
    re.IGNORECASE,
)
# markets and business
_MARKET = re.compile(
    r"\b(?:stocks?|shares?|equities|markets?|index|indices|Sensex|Nifty|Dow|Nasdaq|S&P|FTSE|DAX|Nikkei|Hang Seng|"
    r"bonds?|yields?|prices?|dollar|euro|yen|currenc(?:y|ies)|investors?|traders?|trading|earnings|revenues?|profits?|"
    r"sales|valuations?|analysts?|bulls?|bears?|trend ?lines?|rall(?:y|ies|ied|ying)|percent|per cent|%|"
    r"quarter(?:ly)?|economy|economic|expectations|forecasts?)\b",
    re.IGNORECASE,
)
_REGISTER_WORDS = 2  # cue words of one register (distinct) a sentence needs

# what cannot be the victim of "attack", "kill", "beat", "crush": ideas, plans, play, feelings, processes
_ABSTRACT_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|this|that|these|those|his|her|their|its|our|any|every|all|some)\s+)?"
    r"(?:(?!(?:in|on|at|near|by|with|from|into|outside|inside|during|after|before|for|of|to|as|and|or|while|when|"
    r"the|a|an)\b)[\w'-]+\s+){0,2}?"
    r"(?:fears?|hopes?|doubts?|rumou?rs?|expectations?|mood|momentum|plans?|budget|bill|bills|laws?|proposals?|"
    r"policy|policies|ideas?|idea|arguments?|claims?|reforms?|deals?|report|decision|ruling|record|critics?|"
    r"rim|basket|hoop|goal|ball|puck|king ?side|queen ?side|game|match|heat|flavou?r|taste|engine|process(?:es)?|"
    r"threads?|tasks?|jobs?|servers?|bugs?|apps?|programs?|scripts?|sessions?|connections?|lights?|music|"
    r"tumou?rs?|cancer|cells?|bacteria|viruse?s?|infections?|germs?|weeds?|pests?|problems?|issues?|questions?|"
    r"competition|prices?|sales|shares|stocks|profits?|the spread|conversation|silence)\b",
    re.IGNORECASE,
)
_OBJECT_VERBS = frozenset({"attacked", "attack", "attacks", "attacking", "killed", "kills", "kill", "killing",
                           "launched a fierce attack on", "beaten", "beat"})
# "shot 52 percent", "shot on goal", "a shot at goal", "shot wide": a try at a target of play
_SHOT_PLAY = re.compile(
    r"\s+(?:\d+(?:\.\d+)?\s*(?:percent|per cent|%)|(?:\d+-(?:of|for)-\d+)|on (?:goal|target|net)|wide|over the bar|"
    r"from (?:the (?:field|floor|line|point|free-throw line|foul line|outside|perimeter)|beyond|long range|distance|deep|"
    r"three|downtown)|(?:for|at) (?:the )?(?:title|win|lead|glory|goal|basket|record|presidency|nomination))\b",
    re.IGNORECASE,
)
# "a veiled shot at", "took a shot at" (a jibe), "parting shot", "long shot", "big shot", "a shot in the arm"
_SHOT_IDIOM_BEFORE = re.compile(r"\b(?:veiled|parting|cheap|long|big|mug|hot|booster|flu|pot|sly|subtle|thinly veiled|"
                                r"took a|take a|taking a|give it a)\s+$", re.IGNORECASE)
_SHOT_IDIOM_AFTER = re.compile(r"\s+in the (?:arm|dark)\b", re.IGNORECASE)  # only after "a": "a shot in the arm"
# "beaten out by", "beaten by a better side", "beaten 3-1"
_BEATEN_PLAY = re.compile(r"\s+(?:out\b|by (?:a |the )?(?:better|stronger|younger)\b|\d|in (?:the )?(?:final|race|vote|election|polls?))",
                          re.IGNORECASE)
# a protest verb whose object or purpose is not a protest's ("rallied to beat", "demonstrate ways to")
_RALLY_PLAY = re.compile(r"\s+(?:to (?:beat|defeat|win|draw|tie|level|force|take|claim|finish|edge|reach|close)|from (?:behind|\d|a |two|three)|"
                         r"back\b|late\b|in the (?:second|third|fourth|final|last))", re.IGNORECASE)
# "demonstrate ways to", "demonstrated its strength": a verb of showing with its object
_SHOWING_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an|their|its|his|her|our|your|this|these|those|some|new|real|clear|strong)\s+)?(?:[\w-]+\s+)?"
    r"(?:ways?|what|why|how|skills?|knowledge|commitment|ability|abilities|capabilit(?:y|ies)|leadership|resolve|"
    r"strength|value|power|progress|results?|effectiveness|potential|benefits?|features?|technique|methods?|"
    r"solidarity with|support for|interest|willingness|need|importance|feasibility)\b",
    re.IGNORECASE,
)
_PROTEST_VERB_OK = re.compile(
    r"\s*(?:[,.;:!?)\"\u201d]|$)|\s+(?:against|in|at|outside|near|on|over|for|before|across|through|along|with|"
    r"peacefully|again|and|or|to (?:demand|protest|denounce|condemn|call|express|show|mark|support|oppose|press|urge|reject|"
    r"highlight|voice|seek|ask|defend|save|stop|end|free)|until|from|throughout|around|nationwide|there|here|"
    r"today|yesterday|on \w+day|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)
_PROTEST_VERB = re.compile(r"demonstrat(?:e|ed|ing)|rall(?:y|ied|ying)", re.IGNORECASE)
# "a live demonstration of how", "(demonstration forthcoming)": a showing, not a protest
_DEMO_NOUN_NOT = re.compile(r"\s+(?:of\s+(?:how|what|the|its|his|her|their|a|an|this|that|our|your)\b|forthcoming|video|version|mode)",
                            re.IGNORECASE)
_DEMO_NOUN_BEFORE = re.compile(r"\b(?:live|practical|technical|product|software|cooking|quick|short|simple|video|public|"
                               r"a|the|this|that|our|your|his|her)\s+$", re.IGNORECASE)
# "amid protests", "because of domestic protests", "prompted protests": a protest in passing, no event of its own
_PROTEST_ASIDE_BEFORE = re.compile(
    r"\b(?:amid|amidst|because of|due to|despite|following|after|prompted|sparked|triggered|fuell?ed|provoked|led to|"
    r"drew|draws|faced|faces|facing|fearing|over)\s+(?:the\s+|a\s+|widespread\s+|worsening\s+|growing\s+|mass\s+|"
    r"domestic\s+|massive\s+|ongoing\s+|months\s+of\s+|weeks\s+of\s+)*$",
    re.IGNORECASE,
)
# the sky, fireworks and fun: explosions that hurt no one
_BLAST_NOT = re.compile(
    r"\b(?:stellar|supernovae?|nova|stars?|galax(?:y|ies)|galactic|universe|cosmic|solar|black holes?|quasars?|nebulae?|"
    r"gamma-ray|fireworks?|firecrackers?|pyrotechnic\w*|festivals?|celebrations?|sonic|population|data|"
    r"(?:a|into a|was a|is a|be a|had a|have a|having a) blast)\b",
    re.IGNORECASE,
)


# strategic developments that need a party to a conflict in the sentence to be one
_NEEDS_ARMED = frozenset({"group", "hq", "regain", "overtake", "retake", "seize", "transfer"})
_TERRITORY = frozenset({"regain", "overtake", "retake", "seize", "transfer"})
_CONFLICT_AGREEMENT = re.compile(r"cease-?fire|truce|peace|surrender|arms|weapons|exchange", re.IGNORECASE)
_CONFLICT = re.compile(
    r"\b(?:war|wars|warring|conflict|rebellion|insurgency|occupation|occupied|invasion|invaded|coup|junta|regime|"
    r"ceasefire|cease-fire|truce|front ?lines?|territor(?:y|ies)|captives?|prisoners?|hostages?|detainees?|"
    r"government|authorities|ministry|president|governor)\b",
    re.IGNORECASE,
)
# the places a territory changes hands over ("liberated the town", "seized the district")
_CONFLICT_PLACE = re.compile(
    r"\b(?:villages?|towns?|city|cities|district|province|region|border|areas?|neighbou?rhoods?|capital|base|"
    r"positions?|checkpoints?|hills?|territor(?:y|ies))\b",
    re.IGNORECASE,
)
_IT_IS_KILLING = re.compile(r"\b(?:it|this|that|which)\s+(?:is|was|'s|has been)\s+killing\s+(?:me|her|him|us|them|you)\b",
                            re.IGNORECASE)


def _sentence_register(text: str, start: int, end: int, market: bool = False) -> bool:
    """A sentence about play (or, with ``market``, prices) with no weapon and no armed party in it.
    Markets only for a rally: protests against prices and killings that move them are real."""
    if _ARMED.search(text, start, end):
        return False
    for rx in (_SPORT, _MARKET) if market else (_SPORT,):
        words = {m.group().lower() for m in rx.finditer(text, start, end)}
        if len(words) >= _REGISTER_WORDS:
            return True
    return False


# "95% of murders", "the number of killings", "murder rates": statistics, not an event
_STATISTIC_BEFORE = re.compile(
    r"(?:%|\bpercent|\bper cent|\b(?:share|rate|proportion|majority|half|third|quarter|most|statistics|data)) of "
    r"(?:all |the |these |those )?(?:[\w\"'\u201c\u201d]+ (?:and|or) ){0,3}[\"'\u201c\u201d]?$",
    re.IGNORECASE,
)
_NOUN_TRIGGER = re.compile(r"(?:murder|killing|shooting|death|homicide|attack|stabbing|assault)s?", re.IGNORECASE)
_STATISTIC_AFTER = re.compile(r"\s+(?:rates?|statistics|figures for|data)\b", re.IGNORECASE)
# "eerily deserted streets", "a deserted beach": the adjective, not soldiers leaving their units
_DESERTED_ADJ_BEFORE = re.compile(r"\b(?:\w+ly|a|an|the|is|was|were|are|looked|seemed|lay|stood|left|almost|all but)\s+$",
                                  re.IGNORECASE)
# "[Related: ...]", "Read more: ...": a link to another story, not this report
_LINK_LINE = re.compile(r"\s*[\[(]?\s*(?:related|read more|read also|also read|see also|more on this|recommended|"
                        r"watch|listen)\s*[:|-]", re.IGNORECASE)


def link_line(text: str, sent_start: int) -> bool:
    """Is the sentence a link to another story ("[Related: ...]", "Read more: ...")?"""
    return bool(_LINK_LINE.match(text, sent_start, sent_start + 40))


def figurative_trigger(text: str, sent_start: int, sent_end: int, s: int, e: int, cls: str) -> bool:
    """Is the trigger ``text[s:e]`` (class ``cls``) of a sentence ``text[sent_start:sent_end]`` a
    violence word used for something else? See the module docstring for the rules."""
    word = text[s:e].lower()
    if link_line(text, sent_start):
        return True
    if word == "deserted" and _DESERTED_ADJ_BEFORE.search(text, max(sent_start, s - 16), s):
        return True
    if cls in ("kill", "attack", "injure") and _NOUN_TRIGGER.fullmatch(word) and (
            _STATISTIC_BEFORE.search(text, max(sent_start, s - 70), s) or _STATISTIC_AFTER.match(text, e, sent_end)):
        return True
    if cls in ("explosive", "shelling", "clash", "exchange") and word.startswith(("explos", "blast")):
        return bool(_BLAST_NOT.search(text, sent_start, sent_end)) and not _ARMED.search(text, sent_start, sent_end)
    if cls in _NEEDS_ARMED or (cls == "agreement" and not _CONFLICT_AGREEMENT.search(word)):
        # a deal, a hire, a curfew or a liberation with no armed party in the sentence:
        # "reached an agreement with a landlord", "recruited three companies", "deserted streets"
        if _ARMED.search(text, sent_start, sent_end) or _CONFLICT.search(text, sent_start, sent_end):
            return False
        return cls not in _TERRITORY or not _CONFLICT_PLACE.search(text, sent_start, sent_end)
    if cls in ("kill", "attack") and _IT_IS_KILLING.search(text, max(sent_start, s - 12), min(sent_end, e + 6)):
        return True  # "it is killing her": an idiom of feeling
    if cls == "protest":
        if _PROTEST_VERB.fullmatch(word) and word != "rally" and _SHOWING_OBJECT.match(text, e, sent_end) and not (
                _PROTEST_VERB_OK.match(text, e, sent_end)):
            return True  # "demonstrate ways", "demonstrated its strength"; "demonstrated outside" stays
        if word.startswith(("rall",)) and _RALLY_PLAY.match(text, e, sent_end):
            return True
        if word.startswith("demonstration") and (_DEMO_NOUN_NOT.match(text, e, sent_end)
                                                 or (_DEMO_NOUN_BEFORE.search(text, max(sent_start, s - 12), s)
                                                     and _MARKET.search(text, sent_start, sent_end) is None
                                                     and _DEMO_NOUN_NOT.match(text, e, sent_end))):
            return True
        return _sentence_register(text, sent_start, sent_end, market=word.startswith("rall"))
    if cls in ("kill", "attack", "injure", "clash", "exchange"):
        if word in _OBJECT_VERBS or word.startswith("launched"):
            if _ABSTRACT_OBJECT.match(text, e, sent_end) and not _ARMED.search(text, e, min(sent_end, e + 60)):
                return True
        if word.startswith("shot") or word == "shooting":
            if _SHOT_PLAY.match(text, e, sent_end):
                return True
            if _SHOT_IDIOM_AFTER.match(text, e, sent_end) and re.search(r"\ba\s+$", text[max(sent_start, s - 3):s]):
                return True
            if _SHOT_IDIOM_BEFORE.search(text, max(sent_start, s - 16), s) and not _ARMED.search(text, sent_start, sent_end):
                return True
        if word.endswith("beaten") and _BEATEN_PLAY.match(text, e, sent_end):
            return True
        return _sentence_register(text, sent_start, sent_end)
    return False


# --------------------------------------------------------------------------- document register

_FICTION = re.compile(
    r"\b(?:gameplay|video games?|the game|games|player|players|levels?|boss(?:es)?|enemies|quests?|consoles?|PlayStation|"
    r"Xbox|Nintendo|Steam|multiplayer|missions?|campaign|characters?|novels?|chapters?|episodes?|the film|the movie|"
    r"films?|movies?|actors?|actress(?:es)?|director|screenplay|box office|trailer|sequel|review|reviews|fans?|wiki|"
    r"fiction|fictional|plot|protagonist|villains?|heroes|storyline|franchise|comics?|anime|manga|Netflix|Oscars?)\b",
    re.IGNORECASE,
)
_SCIENCE = re.compile(
    r"\b(?:researchers|scientists|study|studies|cells?|tumou?rs|patients|galax(?:y|ies)|universe|stars|supernovae?|"
    r"telescope|NASA|astronomers|software|code|server|servers|processes|Python|Linux|Windows|compiler|memory|"
    r"database|API|bugs?|GitHub|functions?|command|terminal|ports?|tunnel|install|config\w*|users?)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
REGISTERS = {"sport": _SPORT, "market": _MARKET, "fiction": _FICTION, "science": _SCIENCE}


def register_density(text: str, start: int = 0, end: int | None = None) -> float:
    """Cue words per 100 words of the strongest non-violent register (sport, markets, fiction and
    games, science and software) in ``text[start:end]``, minus the density of weapon and armed-party
    words: high for a match report or a game review, low or negative for a news report of an attack."""
    end = len(text) if end is None else end
    n = len(_WORD.findall(text, start, end)) or 1
    best = max(sum(1 for _ in rx.finditer(text, start, end)) for rx in REGISTERS.values())
    armed = sum(1 for _ in _ARMED.finditer(text, start, end))
    return 100.0 * (best - armed) / n


(_ARMED, _SPORT, _MARKET, _FICTION, _SCIENCE, _BLAST_NOT, _SHOT_IDIOM_BEFORE, _PROTEST_ASIDE_BEFORE,
 _DEMO_NOUN_BEFORE) = (led(rx) for rx in (_ARMED, _SPORT, _MARKET, _FICTION, _SCIENCE, _BLAST_NOT,
                                          _SHOT_IDIOM_BEFORE, _PROTEST_ASIDE_BEFORE, _DEMO_NOUN_BEFORE))


def protest_aside(text: str, sent_start: int, s: int) -> bool:
    """A protest named in passing as a cause or a setting ("amid worsening protests", "canceled
    because of domestic protests", "has prompted protests"): weak, it joins a protest already open
    but opens none."""
    return bool(_PROTEST_ASIDE_BEFORE.search(text, max(sent_start, s - 40), s))
