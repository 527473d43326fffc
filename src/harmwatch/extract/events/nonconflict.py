"""Harm outside armed conflict: disasters and accidents, and unarmed crowds.

Two kinds of rules live here, both about harm that is not a battle between armed groups. The first
(below) keeps harm with a natural or accidental cause out of the incident list altogether. The
second (``context_class`` and its helpers, at the end) types the violence of protesters, rioters
and mobs, which is an event but not a battle; the trigger finder applies it to every sentence.

Disasters and accidents

News reports of earthquakes, floods, boiler blasts, gas leaks, road crashes, collapsed buildings and epidemics
use the same words as reports of attacks ("killed", "injured", "explosion", "blast", "fire"). An
armed-violence extractor must not turn "a boiler exploded, killing two workers" into a roadside
bomb, nor "an earthquake killed eight people" into an attack on civilians.

:func:`non_conflict_kind` names the cause of such harm in a stretch of text: ``("natural disaster",
span)`` or ``("accident", span)``, the span being the cause's words. The trigger finder
(:func:`harmwatch.extract.events.find_triggers`) asks :func:`non_conflict_sentence` about each
sentence with harm words, and a sentence whose harm has a non-conflict cause opens no incident.

A cause only counts when nothing in the same sentence says a person or armed group did it: an
explosion at a checkpoint after an attack, a fire set by rioters, a gas cylinder packed as a bomb,
a plane shot down, all stay violence. The cue lists are the vocabulary of hazard and accident
reporting (meteorology, seismology, transport and industrial safety), not rows of any data set.
"""

from __future__ import annotations

import re

from harmwatch.extract.fastmatch import grouped_regex, led, which_pattern
from harmwatch.extract.events.context import (
    _AGENT,
    _ARMED_AFTER,
    _ARMED_BEFORE,
    _ARMED_QUALIFIER,
    _BY_MOB,
    _CIVIL_AFTER,
    _LIVE_FIRE,
    _MOB_AGENT,
    _MOB_SUBJECT,
    _MOB_WORDS,
    _PASSIVE_BETWEEN,
    _PASSIVE_JUST_BEFORE,
    _POLICE_CTX,
    _PROTEST_CTX,
    _RELATIVE_BEFORE,
)
from harmwatch.types import Span

# ------------------------------------------------------------------ causes

_NATURAL = (
    r"(?:strong |powerful |massive |deadly |major |shallow |\d(?:\.\d)?[- ]magnitude )?(?:earthquakes?|quakes?|tremors?|aftershocks?)|"
    r"tsunamis?|tidal waves?|(?:flash )?floods?|flooding|floodwaters?|inundat(?:ed|ion)|landslides?|mudslides?|land ?slips?|"
    r"rockfalls?|avalanches?|volcan(?:o|oes) (?:erupted|eruptions?|spewed|exploded|blew)|volcanic (?:eruptions?|ash|activity)|"
    r"eruptions? of (?:the )?(?:mount |mt\.? )\w+|eruptions? of (?:the )?(?:\w+ )?volcano|(?:mount|mt\.?) \w+ eruptions?|"
    r"lava flows?|pyroclastic|cyclones?|hurricanes?|typhoons?|tornado(?:e?s)?|tropical (?:storms?|depressions?)|"
    r"(?:severe |winter |snow ?|dust ?|tropical |rain ?|thunder ?|wind ?)?storms?(?! (?:troopers|the))|blizzards?|"
    r"cloudbursts?|struck by lightning|lightning (?:strikes?|struck|bolts?)|"
    r"wild ?fires?|bush ?fires?|forest fires?|brush fires?|grass fires?|droughts?|heat ?waves?|extreme heat|cold (?:wave|snap)s?|"
    r"sinkholes?|hailstorms?|storm surges?"
)
_VEHICLE = (
    r"(?:bus|buses|minibus|coach|car|cars|truck|lorry|lorries|trucks|tanker|van|vehicle|vehicles|motorcycle|motorbike|"
    r"train|trains|plane|aircraft|airliner|jet|helicopter|chopper|boat|boats|ferry|ship|vessel|tanker|trawler|canoe|dhow)"
)
_ACCIDENT = (
    r"accident(?:s|al|ally)?|mishaps?|(?:road|traffic|car|bus|train|rail|plane|air|helicopter|boat|ferry|mining|"
    r"industrial|construction|workplace|highway|motorway) (?:crash(?:es)?|collisions?|smash|pile-?ups?|disasters?|tragedy)|"
    rf"{_VEHICLE} (?:crash(?:ed|es)?|overturned|plunged|veered|skidded|derailed|capsized|sank|collided|rolled over|fell into|"
    r"went off the road|ran off the road|ran aground|caught fire|burst into flames)|"
    rf"crash(?:es)? of (?:an? |the |its |their |two |\d+ )?(?:[\w-]+ ){{0,4}}?{_VEHICLE}s?|"
    r"(?:head-on )?collisions?|collided|derail(?:ed|ment)|capsiz(?:ed|ing)|shipwrecks?|ran aground|"
    r"(?:building|house|bridge|wall|roof|dam|dyke|dike|mine|tunnel|stage|scaffolding|structure|crane|stand|tower|"
    r"factory|hotel|school|church|mosque|temple|market)s? (?:collapsed|caved in|gave way|crumbled)|"
    r"collapse of (?:an? |the )?(?:\w+ ){0,2}?(?:building|house|bridge|wall|roof|dam|mine|tunnel|structure|stand|tower)|"
    r"(?:boiler|gas cylinder|cylinder|cooking gas|LPG|gas tank|fuel tank|gas pipe(?:line)?|pipeline|transformer|furnace|"
    r"reactor|kiln|fireworks?|firecrackers?|chemical|fertili[sz]er|refinery|gas station|petrol station|warehouse|"
    r"(?:chemical|power|gas|industrial|pesticide|fertili[sz]er|nuclear) plant|factory|mine|coal mine|oil well|gas well|"
    r"generator|battery|stove|heater|tanker|fuel tanker|oil tanker)s? (?:explo(?:ded|sions?|de|des)|blasts?|bursts?|burst|"
    r"caught fire|leak(?:ed|s|age)?|fires?|blazes?)|"
    r"(?:explosions?|blasts?|fires?|blazes?|leaks?) (?:(?:took place|occurred|happened|broke out|erupted|went off) )?"
    r"(?:at|in|inside|of) (?:an? |the )?(?:[\w-]+ ){0,3}?(?:boiler|factory|"
    r"(?:chemical|power|gas|industrial|pesticide|fertili[sz]er|nuclear|processing) plant|refinery|warehouse|mine|"
    r"fireworks? (?:factory|warehouse|shop)|gas station|petrol station|kitchen|restaurant|hospital ward|market)|"
    r"(?:boilers?|furnaces?|reactors?|kilns?|tanks?|cylinders?|transformers?|generators?) (?:[\w-]+ ){0,6}?(?:explo(?:ded|des?|sions?)|blew up|burst)|"
    r"(?:explosions?|blasts?|fires?|blazes?) (?:tore|ripped|swept) through (?:an? |the )?(?:[\w-]+ ){0,2}?(?:industrial (?:area|zone|park|estate)|"
    r"chemical|factory|plant|warehouse|refinery|coal mine|gold mine|mine shaft|storage (?:site|depot|facility))|"
    r"gas leak(?:age)?s?|(?:chemical|oil|toxic|fuel|hazardous) (?:leaks?|spills?|leakage|hazards?|incidents?)|"
    r"poisoned by (?:an? |the )?(?:\w+ )?(?:gas|fumes|chemicals?|pesticides?|carbon monoxide)|"
    rf"(?:struck|hit) by (?:an? |the )?(?:[\w-]+ ){{0,2}}?(?:{_VEHICLE}|carrier)|leaked (?:gas|chemicals?)|"
    r"(?:poisonous|toxic) (?:gas|fumes|chemicals?) (?:leaked|escaped|released)|"
    r"(?:food|alcohol|liquor|hooch|carbon monoxide|gas|mushroom|chemical|lead|methanol) poisoning|spurious liquor|"
    r"toxic (?:liquor|alcohol)|after (?:consuming|drinking|eating)|"
    r"short[- ]circuits?|electrocut(?:ed|ion)|stampedes?|crush at|drown(?:ed|ing)|"
    r"fire broke out|caught fire|(?:house|building|factory|market|hotel|hospital|apartment|warehouse|shop) fires?"
)
# Illness: a pandemic's, a plague's or a virus's toll ("the Black Death killed 25 million", "the death
# toll from the coronavirus"). The vocabulary of public-health reporting, not rows of any data set.
_DISEASE = (
    r"pandemics?|epidemics?|plagues?|(?:the )?black death|bubonic|pneumonic|coronavirus(?:es)?|covid(?:-?19)?|sars(?:-cov-2)?|"
    r"influenza|(?:bird |swine |spanish )?flu|cholera|ebola|measles|malaria|tuberculosis|smallpox|typhus|typhoid|"
    r"dengue|hiv|cancers?|(?:heart|lung|infectious|respiratory) diseases?|diseases?|illness(?:es)?|infections?|"
    r"(?:disease |virus |covid |cholera |ebola )?outbreaks?|virus(?:es)?|overdoses?|famines?"
)
_CAUSE, _CAUSE_BY_LETTER = grouped_regex([_NATURAL, _ACCIDENT])
_CAUSE_SINGLE = [re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE) for p in (_NATURAL, _ACCIDENT)]
_DISEASE_RE = led(re.compile(rf"(?<![\w-])(?:{_DISEASE})(?![\w-])", re.IGNORECASE))

# Every cause above contains one of these words: a sentence without any of them is not looked at again
# (a set look-up of its words is much cheaper than the search).
_KEYS = frozenset(
    """earthquake earthquakes quake quakes tremor tremors aftershock aftershocks tsunami tsunamis wave waves flood floods
    flooding floodwater floodwaters inundated inundation landslide landslides mudslide mudslides landslip landslips slip
    slips rockfall rockfalls avalanche avalanches volcano volcanoes volcanic eruption eruptions erupted lava pyroclastic
    cyclone cyclones hurricane hurricanes typhoon typhoons tornado tornados tornadoes storm storms depression depressions
    blizzard blizzards cloudburst cloudbursts lightning wildfire wildfires fire fires bushfire
    bushfires drought droughts heatwave heatwaves heat cold sinkhole sinkholes hailstorm hailstorms surge surges
    accident accidents accidental accidentally mishap mishaps crash crashes crashed collision collisions smash pile
    disaster disasters tragedy overturned plunged veered skidded derailed derailment capsized capsizing sank collided
    rolled road aground caught burst shipwreck shipwrecks collapsed collapse caved gave crumbled exploded explosion
    explosions explode explodes blast blasts leak leaks leaked leakage blaze blazes spill spills poisoning liquor toxic
    consuming drinking eating circuit circuits electrocuted electrocution stampede stampedes crush drowned drowning
    broke fell blew bursts hazard hazards incident incidents poisoned struck hit
    pandemic pandemics epidemic epidemics plague plagues black bubonic pneumonic coronavirus coronaviruses covid covid19
    sars influenza flu cholera ebola measles malaria tuberculosis smallpox typhus typhoid dengue hiv cancer cancers
    disease diseases illness illnesses infection infections outbreak outbreaks virus viruses overdose overdoses famine
    famines""".split()
)
_PUNCT = ",.;:()\"'-/\u2013\u2014\u201c\u201d\u2018\u2019"


def _may_have_cause(text: str, start: int, end: int) -> bool:
    low = text[start:end].lower()
    for c in _PUNCT:  # a few str.replace calls beat one translate or a regex here
        if c in low:
            low = low.replace(c, " ")
    return not _KEYS.isdisjoint(low.split())


# ------------------------------------------------------------------ signs of violence

# Someone did it, or a weapon of war did: any of these in the sentence keeps its harm violent.
_VIOLENCE = re.compile(
    r"(?<![\w-])(?:gunm[ae]n|militants?|insurgents?|terrorists?|terror|rebels?|jihadists?|guerrillas?|bandits?|attackers?|"
    r"assailants?|bombers?|suicide|rioters|mobs?|arsonists?|extremists?|separatists?|militiam[ae]n|militias?|"
    r"(?:car|roadside|truck|parcel|pipe|time|nail|petrol|crude|country-made) bombs?|bomb(?:s|ed|ing|ings)?(?! (?:disposal|squads?|experts?|technicians?))|"
    r"IEDs?|improvised|explosive devices?|grenades?|landmines?|land mines?|minefields?|mortars?|shell(?:s|ed|ing)|artillery|rockets?|missiles?|"
    r"air ?strikes?|drone strikes?|warplanes?|shot(?! (?:down by lightning))|shooting|gunfire|opened fire|fired (?:at|on|upon|into)|"
    r"stabb(?:ed|ing)|ambush(?:ed)?|attack(?:s|ed|ing)?(?! (?:of|by) (?:a |an )?(?:shark|bear|dog|elephant|tiger|crocodile|leopard|heart))|"
    r"assault(?:s|ed)?|sabotage|arson|set (?:fire|ablaze|alight)|set on fire|torched|deliberately|intentionally|murder(?:ed|s)?|"
    r"kidnap\w*|abduct\w*|hostages?|massacre\w*|execut(?:ed|ion)|clash(?:es|ed)?|fighting|war|conflict|airstrikes?|"
    r"shot down|downed|hijack\w*|booby-?trap\w*|detonat\w*|blew (?:himself|herself|themselves)|dynamite|explosives|TNT|"
    r"homicides?|assassinat\w*|beat(?:en|ing)?|tortur\w*|lynch\w*|rap(?:ed|es?)|hack(?:ed)? to death|slaughter\w*|strangled|"
    r"punched|kicked|thrashed|gunshots?|bullets?|firearms?|guns?|rifles?|pistols?|knives|knife|machetes?|violen(?:ce|t))(?![\w-])",
    re.IGNORECASE,
)
# "heart attack", "shark attack": no attacker
_NOT_ATTACK = re.compile(r"\b(?:heart|asthma|panic|anxiety|shark|bear|dog|elephant|tiger|crocodile|leopard|wolf|snake|bee|animal)\s+attacks?\b", re.IGNORECASE)


def _violent(text: str, start: int, end: int) -> bool:
    for m in _VIOLENCE.finditer(text, start, end):
        w = m.group().lower()
        if w.startswith("attack") and _NOT_ATTACK.search(text, max(start, m.start() - 12), m.end()):
            continue
        if w == "fighting" and _FIGHTING_FIRE.match(text, m.end(), min(end, m.end() + 30)):
            continue  # firefighters "fighting the blaze"
        if w in ("war", "conflict") and _SETTING_AFTER.match(text, m.end(), min(end, m.end() + 12)):
            continue  # "war-era", "a conflict zone": the setting, not the agent
        return True
    return False


_FIGHTING_FIRE = re.compile(r"\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:fires?|blazes?|flames|wildfires?)\b", re.IGNORECASE)
_SETTING_AFTER = re.compile(r"\s*(?:-|\u2013)?\s*(?:era|time|torn)\b|\s+zones?\b", re.IGNORECASE)

# "rather than an accident", "ruled out an accident", "felt like an earthquake": no such cause
_NOT_CAUSE_BEFORE = re.compile(
    r"\b(?:rather than|instead of|not|no|ruled out|rule out|denied|like|as if|than|(?:thought|believed|assumed) (?:it|this|that) (?:was|to be))"
    r"\s+(?:an?\s+|the\s+|any\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
_FIRE_ONLY = re.compile(r"fire broke out|caught fire|(?:\w+ )?fires?|blazes?", re.IGNORECASE)
_EXPLOSION = re.compile(r"explo|blast|bomb|detonat", re.IGNORECASE)


def _not_cause(text: str, lo: int, m: re.Match) -> bool:
    return _NOT_CAUSE_BEFORE.search(text, max(lo, m.start() - 30), m.start()) is not None


def _kind(text: str, m: re.Match) -> str:
    i = which_pattern(_CAUSE_SINGLE, _CAUSE_BY_LETTER, text, m, len(text))
    return ("natural disaster", "accident")[i]


def _first_cause(text: str, lo: int, hi: int) -> tuple[str, Span] | None:
    """The first cause in ``text[lo:hi]`` that stands as one: not denied ("rather than an
    accident"), not a fire that followed an explosion, in a sentence with no sign of violence that
    does not follow one with violence ("Assailants fired rockets into the hangar. Sixty people died
    when it caught fire.")."""
    s = lo
    while s < hi:  # sentence by sentence (full stops): only those with a cause's key word are searched
        dot = text.find(".", s, hi)
        e = hi if dot < 0 else dot
        if _may_have_cause(text, s, e):
            found = sorted([(m.start(), 0, m) for m in _CAUSE.finditer(text, s, e)]
                           + [(m.start(), 1, m) for m in _DISEASE_RE.finditer(text, s, e)], key=lambda x: x[:2])
            for _, disease, m in found:
                if _not_cause(text, s, m) or _violent(text, s, e):
                    continue
                if _FIRE_ONLY.fullmatch(m.group()) and _EXPLOSION.search(text, s, e):
                    continue  # "the fire broke out after an explosion": the fire is not what caused it
                prev = max(lo, text.rfind(".", lo, max(lo, s - 1)) + 1)
                if prev < s and _violent(text, prev, s):
                    continue
                return ("disease" if disease else _kind(text, m)), (m.start(), m.end())
        s = e + 1
    return None


# what a disaster or an accident does too: killing, injuring, exploding, destroying; not what only people
# do ("torched", "looted": the riders who "burnt a vehicle after a road accident" were angry, not unlucky)
_ACCIDENT_HARM = frozenset({"kill", "injure", "attack", "chemical", "suicide", "air", "shelling", "explosive", "grenade"})


def accident_harm(cls: str, word: str) -> bool:
    """Whether a trigger of class ``cls`` (its words ``word``) can be the harm of a disaster or an
    accident, and so is no event when its sentence has such a cause."""
    return cls in _ACCIDENT_HARM or (cls == "arson" and word[:4].lower() in ("dest", "dama", "demo"))


def non_conflict_kind(text: str, start: int = 0, end: int | None = None) -> tuple[str, Span] | None:
    """The non-conflict cause of harm that ``text[start:end]`` reports, or None.

    Returns ``(kind, span)``: kind ``"natural disaster"`` (earthquake, flood, storm, wildfire,
    landslide, eruption...), ``"accident"`` (road, rail, air and sea crashes, industrial and
    domestic explosions and fires, collapses, leaks, poisonings, drownings, stampedes) or
    ``"disease"`` (a pandemic, a plague, a virus, an outbreak, famine, overdoses), span the
    cause's words. Each cause is judged in its sentence (up to the nearest full stop on either side
    within ``[start, end)``): a sentence that also names an attacker, a weapon of war or a deliberate
    act ("set fire", "sabotage", "bomb") is violence whatever else it says, and its cause is passed
    over. The first cause that survives wins. Use it on one sentence or on a whole document.
    """
    return _first_cause(text, start, len(text) if end is None else end)


def non_conflict_sentence(text: str, start: int, end: int, lookback: int = 0) -> tuple[str, Span] | None:
    """:func:`non_conflict_kind` for one sentence of a document, as the trigger finder needs it.

    A sentence with a sign of violence is never non-conflict. With ``lookback`` > 0 the sentences
    just before it (up to ``lookback`` characters, not across a paragraph break) count too: a
    violent one keeps a fire of this sentence part of the attack; a cause in one explains the harm
    of this one ("A boiler exploded at a dye factory. The blast killed two workers.").
    """
    lo = max(0, start - lookback)
    cut = text.rfind("\n\n", lo, start)
    lo = cut + 2 if cut >= 0 else lo
    if _may_have_cause(text, start, end):
        if _violent(text, start, end):
            return None
        found = _first_cause(text, lo, end)  # judged with the sentence before it
        if found is not None and found[1][0] >= start:
            return found
    if not lookback or start == 0:
        return None
    found = _first_cause(text, lo, start)
    if found is None or _violent(text, start, end):
        return None
    return found


# A death by one's own hand is not armed violence of this taxonomy, unless it is a suicide attack.
_SUICIDE = re.compile(
    r"\b(?:(?:took|taken|take|taking|takes) (?:his|her|their) own lives?|(?:committed|commit|commits|died by|death by) suicide|"
    r"suicide(?! (?:bomb|attack|vest|belt|car|blast|explos|mission|squad|drone|truck|operation|raid|assault|bomber|strike))|"
    r"(?:killed|shot|hanged|stabbed|poisoned) (?:him|her|them)sel(?:f|ves)|self-inflicted|no suspicious circumstances|"
    r"not (?:being )?treated as suspicious)\b",
    re.IGNORECASE,
)
_ATTACK_NEAR = re.compile(
    r"\b(?:suicide (?:bomb|attack|vest|belt|car|blast|explos|bomber|truck|operation|raid|assault|strike)\w*|"
    r"blew (?:him|her|them)sel(?:f|ves) up|detonat\w*|gunm[ae]n|militants?|attackers?|assailants?|"
    r"(?:killed|shot|stabbed) (?:\w+ ){0,3}?(?:before|then|and then) (?:killing|shooting|turning the gun on) (?:him|her|them)sel(?:f|ves)|"
    r"turn(?:ed|ing) the gun on|accident\w*|unintentional\w*|murder[- ]suicides?|murder\w*|homicides?|before (?:committing suicide|killing (?:him|her|them)sel)|"
    r"(?:killed|killing|shot|shooting|stabbed|stabbing) (?:his|her|their|a|an|the|two|three|four|five|\d+|several) )",
    re.IGNORECASE,
)


def suicide_near(text: str, start: int, end: int, lookahead: int = 250) -> Span | None:
    """The words saying that the deaths of ``text[start:end]`` were suicide ("found dead ... he had
    taken his own life", "no suspicious circumstances"), in the sentence or just after it (not across
    a paragraph break); None when there are none or the sentence tells of an attack (a suicide
    bombing, a gunman who shot others before himself) or of an accident ("accidentally shot himself":
    an unintentional shooting, left to the rules for accidents)."""
    hi = min(len(text), end + lookahead)
    cut = text.find("\n\n", end, hi)
    hi = cut if cut >= 0 else hi
    m = _SUICIDE.search(text, start, hi)
    if m is None or _ATTACK_NEAR.search(text, max(0, start - lookahead), hi):
        return None
    return (m.start(), m.end())


# ================================================================== unarmed crowds
#
# Protests, riots and mobs are events, but not battles between armed groups: who the violence
# involved decides the type. A killing in a sentence about protesters and police is *Excessive force
# against protesters*, "protesters clashed with police" a *Violent demonstration*, stones thrown and
# tyres burned to press a demand a *Violent demonstration* too, a beating by villagers or a fight
# between two groups of residents *Mob violence*, vandalism with no crowd in sight *property
# destruction*. The trigger keeps its base class and carries the context class in ``ctx``.

# the parties of a clash that are no armed group: "a clash between two groups of villagers", "between
# police and shopkeepers"; and the arms of a brawl ("clashed with sticks and stones")
_BETWEEN = re.compile(r"\s*(?:\w+\s+){0,2}?between\s+(?P<x>[^.;:]{0,80})", re.IGNORECASE)
_ARMED_GROUP = re.compile(r"\b(?:armed|militants?|insurgents?|rebels?|fighters?|gunmen|militiam[ae]n|militias?|jihadists?|terrorists?|"
                          r"combatants?|bandits|soldiers?|troops|army|military|forces)\b", re.IGNORECASE)
_BRAWL_ARMS = re.compile(r"\s*(?:each other |one another )?(?:with|using) (?:[\w,]+ ){0,3}?(?:sticks|stones|rocks|machetes|knives|axes|clubs|"
                         r"rods|bats|batons|bows|arrows|fists|sharp objects|sharp weapons)\b", re.IGNORECASE)
_ONE_BEFORE = re.compile(r"\b(?:he|she)\s+(?:was|had been|has been|is|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_ONE_AFTER = re.compile(r"\s+(?:him|her)\b", re.IGNORECASE)
# an attack whose object is an installation or a public building, not people (or a house or vehicle: people inside)
_PROPERTY_TARGET = re.compile(
    r"\s+(?:and (?:burn(?:ed|t)|torched|damaged|destroyed|looted|vandali[sz]ed|set fire to|ransacked) )?(?:the |a |an |two |several )?"
    r"(?:[\w-]+ ){0,2}?(?:school|office|shop|store|church|mosque|temple|pipeline|"
    r"(?:power|transmission|telecom(?:munication)?s?|mobile phone|phone) (?:lines?|towers?|masts?|pylons?)|tower|mast|"
    r"pylon|bridge|railway|rail line|oil field|oil well|facility|plant|factory|warehouse|property|depot|substation)s?\b",
    re.IGNORECASE,
)
_ASSAULT_VERBS = frozenset({"attacked", "stormed", "raided", "assaulted"})  # not shooting "at a house": people inside
# vandalism and fire bombs aimed at property, outside a demonstration: property destruction
_PROPERTY_ACT = re.compile(r"vandali|ransack|smash|molotov|petrol bomb|fire ?bomb", re.IGNORECASE)
_EARLIER_RIOTS = re.compile(r"\b(?:after|following|since|in the wake of|during|amid)\s+(?:[\w'-]+\s+){0,5}$", re.IGNORECASE)
_EARLIER_AFTER = re.compile(r"\s+(?:last|earlier this|the previous) (?:week|month|year)\b", re.IGNORECASE)  # "demonstrators killed last month"
_HARM = frozenset({"kill", "injure", "attack"})


def crowd_flags(text: str, start: int, end: int) -> tuple[bool, bool, bool, bool]:
    """(protest, police, mob, live fire) named in the sentence ``text[start:end]``."""
    return (
        _PROTEST_CTX.search(text, start, end) is not None,
        _POLICE_CTX.search(text, start, end) is not None,
        _MOB_WORDS.search(text, start, end) is not None,
        _LIVE_FIRE.search(text, start, end) is not None,
    )


def protest_background(text: str, sent_start: int, s: int, e: int, cls: str) -> bool:
    """In a sentence about a protest: is this harm or riot word what the protest remembers, not
    what happened at it?"""
    if cls in _HARM:
        return (_RELATIVE_BEFORE.search(text, max(sent_start, s - 40), s) is not None
                or _EARLIER_AFTER.match(text, e, e + 40) is not None)
    if cls == "riot" and text[s : s + 4].lower() == "riot":
        return _EARLIER_RIOTS.search(text, max(sent_start, s - 60), s) is not None
    return False


def context_class(text: str, sent_start: int, s: int, e: int, cls: str, flags: tuple[bool, bool, bool, bool]) -> str | None:
    """The protest, riot or mob context of a generic violence trigger, or of a battle's (the harm of
    soldiers or fighters): the class that decides the type, None to keep the trigger's own."""
    protest, police, mob, live = flags
    if cls == "vdemo":
        if protest:
            return None
        if mob:
            return "mob"
        if _PROPERTY_ACT.search(text, s, e):
            # "vandalised a cafe", "threw petrol bombs at a shop": a crowd doing it is a mob
            return "mob" if _mob_agent(text, sent_start, s, e) else "arson"
        return None  # stones thrown, tyres burned to press a demand: a demonstration's own acts
    if protest:
        if cls == "riot":
            return "vdemo"
        if cls == "arrest":
            return "intervene"
        agent = _agent_before(text, sent_start, s)
        if cls in ("clash", "arson") or agent == "protesters":
            return "vdemo"  # "protesters clashed with police", "demonstrators torched a car"
        if police:
            if cls == "kill" or (live and cls == "attack"):
                return "force"
            return "intervene"
        return None
    if cls == "arrest":
        # "He was detained over ...": one person's arrest, what a protest may be about,
        # not police action against a crowd (see events.classify)
        if _ONE_BEFORE.search(text, max(sent_start, s - 30), s) or _ONE_AFTER.match(text, e, min(len(text), e + 6)):
            return "arrest_one"
        return None
    if cls in ("kill", "attack", "injure", "clash", "arson", "riot"):
        if mob:
            return "mob"  # "a mob", "lynched", "vigilantes": whoever else is named
        if _mob_agent(text, sent_start, s, e):
            return "mob"
        if cls == "clash" and _brawl(text, e):
            return "mob"
    if cls in _HARM and _armed_target(text, sent_start, s, e):
        return "clash"  # violence against soldiers, police or fighters: a battle in ACLED's terms
    if cls == "attack" and text[s:e].lower().rsplit(" ", 1)[-1] in _ASSAULT_VERBS and _PROPERTY_TARGET.match(text, e, min(len(text), e + 60)):
        return "arson"  # "attacked and burned a school", "attacked the pipeline": property destruction
    return None


def _brawl(text: str, e: int) -> bool:
    """A clash between civilian groups ("between two groups of villagers", "between police and
    shopkeepers") or one fought with sticks, stones and blades."""
    hi = min(len(text), e + 100)
    m = _BETWEEN.match(text, e, hi)
    if m is not None:
        parties = m.group("x")
        if _MOB_AGENT.search(parties) and not _ARMED_GROUP.search(parties):
            return True
    return _BRAWL_ARMS.match(text, e, hi) is not None


def _armed_target(text: str, sent_start: int, s: int, e: int) -> bool:
    """Whether the one harmed by a kill/attack/injure trigger is an armed party: the object of an
    active verb ("gunmen shot dead a policeman") or the subject of a passive one ("two soldiers
    were killed")."""
    before = text[max(sent_start, s - 80) : s]
    if _PASSIVE_JUST_BEFORE.search(before):
        head = before[: _PASSIVE_JUST_BEFORE.search(before).start()]
        return bool(_ARMED_BEFORE.search(head[-60:]))
    word = text[s:e].lower()
    if word.endswith(("ed", "ing", "ot")) or word in ("slain", "hurt"):
        after = text[e : min(len(text), e + 70)]
        if _CIVIL_AFTER.match(after):
            return False
        return bool(_ARMED_AFTER.match(after))
    return False


def _mob_agent(text: str, sent_start: int, s: int, e: int) -> bool:
    """A civilian group is the agent: the subject just before an active trigger ("villagers beat
    up", "two groups of workers clashed"), or named after "by" behind a passive one ("was beaten up
    by locals")."""
    before = text[max(sent_start, s - 80) : s]
    if _PASSIVE_JUST_BEFORE.search(before) or text[s:e].lower().startswith(("was ", "were ")):
        m = _BY_MOB.match(text, e, min(len(text), e + 60))
        return m is not None and not _ARMED_QUALIFIER.search(text, e, min(len(text), m.end() + 30))
    if text[s:e].lower() in ("injured", "wounded", "hurt"):
        return False  # "16 residents injured": the ones hurt, not the ones who hurt
    m = _MOB_SUBJECT.search(before)
    return m is not None and not _ARMED_QUALIFIER.search(before, max(0, m.start() - 30), m.end())


def _agent_before(text: str, sent_start: int, s: int) -> str | None:
    """protesters | police | None: the nearest of the two named before the trigger in its clause
    (the agent of an active verb; a passive verb's subject is the one acted upon)."""
    before = text[max(sent_start, s - 80) : s]
    last, last_end = None, 0
    for m in _AGENT.finditer(before):
        last, last_end = ("protesters" if m.group("p") else "police"), m.end()
    if last is not None and _PASSIVE_BETWEEN.search(before, last_end):
        return "police" if last == "protesters" else "protesters"
    return last


_CAUSE, _VIOLENCE, _ARMED_GROUP, _EARLIER_RIOTS = (led(rx) for rx in (_CAUSE, _VIOLENCE, _ARMED_GROUP, _EARLIER_RIOTS))
