"""Event triggers and event typing.

A trigger is a word or phrase that says something happened ("opened fire",
"slaughtered", "car bomb exploded", "clashes", "protesters rallied"). Each
trigger pattern carries a *class* that decides the ACLED sub-event type, and a
*strength*: strong triggers can open a new incident, weak ones ("targeted",
"attack" used as a noun) only add to one that is already open.

Triggers in irrealis contexts (threats, plans, habits, conditionals, denials)
are marked ``realis=False`` and never open an incident: "threatening to kill
families who try to flee" reports no killing. The grievance of a protest is
not an event of the report either: in "residents protested against the
killing of a farmer" only the protest happened here.

Violence in a protest or by a mob is typed by its sentence: a killing in a
sentence about protesters and police is *Excessive force against protesters*,
"protesters clashed with police" a *Violent demonstration*, a beating by a mob
*Mob violence*. The trigger keeps its base class (``cls``, used by the role
rules) and carries the context class in ``ctx``, which decides the type. Those
crowd rules live in :mod:`harmwatch.extract.events.nonconflict` (``context_class``),
beside the rules for harm that is no violence at all: a sentence whose killing
or explosion has a natural or accidental cause (an earthquake, a boiler blast, a
bus crash) and no attacker opens no incident.

A territory trigger carries who took the place: "retake" when the sentence
names state forces as the taker (or an armed group as the side it was taken
from), "seize" when it names an armed group; a capture with no fighting in an
incident that reports a withdrawal is a *Non-violent transfer of territory*.

The ACLED taxonomy (event type / sub-event type) and the CAMEO codes it maps
to are in :data:`SUB_EVENTS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmwatch.extract.fastmatch import grouped_regex, led, which_pattern
from harmwatch.extract.events import figurative as _fig
from harmwatch.extract.events import nonconflict as _nc
from harmwatch.types import Span

# sub-event type -> (ACLED event type, CAMEO code or None). CAMEO 2.0 codes: 141 demonstrate or rally,
# 145 protest violently/riot, 175 use tactics of violent repression, 173 arrest, 057 sign formal
# agreement, 0874 retreat or surrender militarily; no CAMEO code fits a base being set up, a group's
# change of activity or a disrupted weapon, so those have None.
SUB_EVENTS: dict[str, tuple[str, str | None]] = {
    "Armed clash": ("Battles", "190"),
    "Government regains territory": ("Battles", "190"),
    "Non-state actor overtakes territory": ("Battles", "192"),
    "Chemical weapon": ("Explosions/Remote violence", "2041"),
    "Air/drone strike": ("Explosions/Remote violence", "195"),
    "Suicide bomb": ("Explosions/Remote violence", "1831"),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", "194"),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", "183"),
    "Grenade": ("Explosions/Remote violence", "183"),
    "Sexual violence": ("Violence against civilians", "1821"),
    "Attack": ("Violence against civilians", "180"),
    "Abduction/forced disappearance": ("Violence against civilians", "181"),
    "Peaceful protest": ("Protests", "141"),
    "Protest with intervention": ("Protests", "141"),
    "Excessive force against protesters": ("Protests", "175"),
    "Violent demonstration": ("Riots", "145"),
    "Mob violence": ("Riots", "145"),
    "Arrests": ("Strategic developments", "173"),
    "Looting/property destruction": ("Strategic developments", "1712"),
    "Disrupted weapons use": ("Strategic developments", None),
    "Agreement": ("Strategic developments", "057"),
    "Headquarters or base established": ("Strategic developments", None),
    "Non-violent transfer of territory": ("Strategic developments", "0874"),
    "Change to group/activity": ("Strategic developments", None),
    "Other": ("Strategic developments", None),
}

# Decision order. A device that went off too soon decides first; then a change of territory (the
# capture is what a battle with shelling or bombing around it changed: "troops captured the village
# after air and artillery bombardment"); then the specific means of violence; then who the violence
# involved (protest, mob); then battles, generic harm, and last the non-violent developments.
_CLASS_PRIORITY = [
    "misfire",
    "retake", "seize", "regain", "overtake",
    "chemical", "suicide", "air", "exchange", "shelling", "grenade", "explosive",
    "sexual", "abduction",
    "force", "vdemo", "intervene", "mob",
    "clash", "kill", "attack", "injure", "riot", "protest",
    "arson", "arrest", "arrest_one", "disrupt", "transfer", "agreement", "hq", "group",
]
CLASS_TO_SUB = {
    "chemical": "Chemical weapon", "suicide": "Suicide bomb", "air": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack", "explosive": "Remote explosive/landmine/IED", "grenade": "Grenade",
    "sexual": "Sexual violence", "abduction": "Abduction/forced disappearance",
    "clash": "Armed clash", "exchange": "Armed clash",
    # territory: "retake" / "seize" when the sentence says who took the place (see _territory_side)
    "regain": "Government regains territory", "retake": "Government regains territory",
    "overtake": "Non-state actor overtakes territory", "seize": "Non-state actor overtakes territory",
    "force": "Excessive force against protesters", "vdemo": "Violent demonstration",
    "intervene": "Protest with intervention", "protest": "Peaceful protest",
    "mob": "Mob violence", "riot": "Mob violence",
    "arson": "Looting/property destruction",
    "arrest": "Arrests", "arrest_one": "Arrests",  # arrest_one: one named person's (nonconflict.context_class)
    # misfire: "exploded prematurely", "killed while planting a bomb"
    "disrupt": "Disrupted weapons use", "misfire": "Disrupted weapons use",
    "transfer": "Non-violent transfer of territory", "agreement": "Agreement",
    "hq": "Headquarters or base established", "group": "Change to group/activity",
}

_N = r"(?:\w+[ -]){0,3}?"  # up to three modifier words ("two new military")

# (class, strength, pattern); strength 2 = strong, 1 = weak
_TRIGGERS: list[tuple[str, int, str]] = [
    # a device that went off too soon, in its makers' hands: ACLED's disrupted weapons use, whatever it hurt
    ("misfire", 2, r"prematurely|premature (?:explosion|detonation|blast)|while (?:planting|laying|making|assembling|handling|transporting|defusing) (?:an? |the |their )?(?:\w+ )?(?:bombs?|IEDs?|explosives?|mines?|landmines?|devices?)"),
    # what police do to a protest short of violence (weak: they type a protest, never open an incident)
    ("quell", 1, r"intervened|interfered|interven(?:tion|ing)|(?:to|tried to|attempted to) disperse|forced (?:them|the (?:\w+ ){0,2}?(?:protesters|demonstrators|crowds?|marchers|participants|group)) to (?:disperse|leave)|(?:removed|evicted) (?:the )?(?:\w+ ){0,2}?(?:protesters|demonstrators|crowds?|marchers)|(?:were|was) (?:\w+ly )?(?:removed|evicted) by (?:the )?police|(?:fired|firing) (?:\w+ ){0,4}?(?:in|into) the air|warning shots|(?:stopped|prevented|blocked) (?:the )?(?:\w+ )?(?:protesters|demonstrators|marchers|crowds?|them from)|suppress(?:ed|ing)?|crack(?:ed|ing)? down|crackdown|cordoned off|kettled|(?:controlled|brought) the (?:situation|crowds?)|(?:re-?open(?:ed)?|clear(?:ed)?|unblock(?:ed)?) the (?:\w+ )?(?:roads?|highways?|streets?|blockades?)"),
    ("excess", 1, r"excessive (?:use of )?force|live (?:ammunition|rounds|bullets|fire)|violently (?:suppress(?:ed)?|dispers(?:ed|e)|broke up|break up|crack(?:ed)? down)"),
    ("arson", 2, r"(?:carried out|mounted|conducted|launched|staged) (?:an? )?(?:\w+ )?arson attacks?|arson attacks?"),
    ("chemical", 2, r"chemical (?:weapons? )?attacks?|(?:chlorine|sarin|mustard|toxic|poison(?:ous)?|nerve) gas (?:attacks?|bombs?)|(?:used|dropped|fired|released) (?:\w+ ){0,4}?(?:chlorine|sarin|mustard gas|toxic gas|poison(?:ous)? gas|nerve agents?|chemical (?:weapons|agents|munitions))|gassed"),
    ("suicide", 2, r"suicide (?:bomb(?:er|ing)?s?|attacks?|attackers?|car bomb(?:er|ing)?s?|blasts?|explosions?|vests?|belts?)|blew (?:him|her)self up|blew themselves up|blow themselves up|blows? (?:him|her)self up|detonated (?:his|her|their) (?:explosive |suicide )?(?:vest|belt)s?"),
    ("air", 2, r"air ?strikes?|air raids?|drone (?:strikes?|attacks?)|(?:war)?planes? (?:struck|bombed|hit|attacked|pounded|targeted)|(?:jets|aircraft|helicopters?) (?:struck|bombed|hit|attacked|pounded|targeted|fired)|aerial (?:bombardments?|attacks?|bombing|strikes?)|bombed from the air|helicopter gunships? (?:fired|attacked)"),
    # a device found before it went off (listed before the device-alone patterns, which would take the words)
    ("disrupt", 2, r"(?:explosives?|explosive devices?|IEDs?|bombs?|landmines|weapons|arms|ammunitions?|munitions|grenades|pistols|rifles|guns|firearms)(?: (?:[\w,]+ ){0,5}?)? (?:was|were|had been|have been|has been) (?:\w+ly )?(?:found|discovered|seized|recovered|intercepted|confiscated|uncovered|defused)"),
    ("shelling", 2, r"shelling|shelled|artillery (?:fire|strikes?|attacks?|shells?)|mortar (?:attacks?|fire|shells?|rounds?|bombs?)|mortars? (?:landed|hit|struck|fell)|rocket (?:attacks?|fire|strikes?)|rockets? (?:landed|hit|struck|fell|were fired|was fired)|fired (?!(?:tear|rubber|pepper|water|warning|stun|flares?|plastic)\b)(?:\w+ ){0,2}?(?:rockets?|missiles?|mortars?|shells?|projectiles?|RPGs?|rocket-propelled grenades?)|missile (?:attacks?|strikes?)|missiles? (?:hit|struck|landed|fell|were fired|was fired)|bombardments?|bombarded|(?:tank|howitzer) fire|shells? (?:\w+ ){0,4}?(?:fell|landed|hit|struck|exploded)"),
    ("shelling", 1, r"rocket[- ]propelled grenades?|RPGs?|mortars?|rockets?|missiles?|projectiles?"),
    ("grenade", 2, r"grenade (?:attacks?|blasts?|explosions?)|grenades? (?:exploded|went off|detonated|was thrown|were thrown|was hurled|was lobbed|landed)|(?:threw|hurled|lobbed|tossed|launched|throwing|hurling|lobbing) (?:\w+ ){0,2}?(?:hand[- ])?grenades?"),
    ("grenade", 1, r"(?<!stun )(?<!rocket-propelled )(?<!rocket propelled )(?:hand[- ])?grenades?"),
    ("explosive", 2, r"(?:car[- ]|roadside |truck |parcel |letter |pipe |remote[- ]controlled )?(?:bomb|explosion|blast|explosives?|device|mine|landmine|IED)s? (?:exploded|went off|detonated|ripped through|tore through|struck|hit|killed|kills|wounded|injured)|car[- ]bombings?|bombings?|bombed|(?<!failed to )detonated|set off (?:a |an )?(?:bomb|explosive)|(?:struck|hit|stepped on) (?:a |an )?(?:land ?mine|mine|IED|roadside bomb|explosive device)|(?:IED|bomb) attacks?"),
    # the device alone ("an IED facilitator", "found a car bomb") is a means, not an event: weak
    ("explosive", 1, r"car[- ]bombs?|(?:roadside|remote[- ]controlled|truck|parcel|letter|pipe) bombs?|improvised explosive devices?|IEDs?|explosive devices?|(?<!petrol )(?<!fire )(?<!smoke )bombs?"),
    ("fire", 2, r"fired (?!(?:tear|rubber|pepper|water|warning|stun|flares?|plastic)\b)(?:with )?(?:[\w.,/-]+ ){0,14}?(?:at|on|upon|towards?) (?:the |a |an )?(?:[\w-]+ ){0,3}?(?:positions?|areas?|villages?|neighbou?rhoods?|farms|towns?|districts?|homes|houses|fronts?|frontlines?|lines|outskirts|countryside)"),
    ("blast", 2, r"(?<!controlled )explosions?|blasts?"),
    ("sexual", 2, r"raped|rapes?|sexual(?:ly)? (?:violence|assault(?:ed)?|abused?)|gang-raped|molest(?:ed|ing)"),
    ("abduction", 2, r"kidnapp(?:ed|ing|ings)|abduct(?:ed|ion|ions|ing)|taken hostage|took (?:\w+ )?hostages?|held hostage|hijack(?:ed|ing)|forcibly disappeared|went missing after being (?:taken|seized)"),
    ("regain", 2, r"recaptured|recapture[sd]?|recapturing|retook|retaken|regained (?:full |complete )?control|liberated|(?-i:liberation) of|recovered (?:full |complete )?(?:control|territory)|freed (?:\w+ ){0,3}?(?:villages?|towns?|areas?|districts?|neighbou?rhoods?) from|(?:drove|driven|pushed|forced) (?:back |out )?(?:the )?(?:[\w-]+ ){0,3}?(?:militants|insurgents|terrorists|rebels|fighters|jihadists|gunmen|militiamen) (?:out|back|from)|(?:drove|pushed|forced) (?:back|out) (?:the )?(?:[\w-]+ ){0,3}?(?:militants|insurgents|terrorists|rebels|fighters|jihadists|gunmen|militiamen)|(?:were|was) (?:pushed|driven|forced) (?:back|out) (?:of|from)|(?:took|retook|regained|taken) back|re-?took control|cleared (?:\w+ ){0,3}?of (?:militants|insurgents|terrorists|rebels|fighters|IS|ISIS|jihadists)"),
    ("overtake", 2, r"overran|overrun|(?:seized|took|taken|gained|wrested|assumed|seizing|taking) (?:the )?(?:full |complete |total )?control (?:of|over)|(?:established|took|taken|seized|gained) (?:full )?control (?:by force )?(?:of|over)|(?:captured|capturing|seized|seizing|took over|taken over|stormed and (?:captured|seized)) (?:the |a |an |two |three |several |\d+ )?(?:[\w'-]+ ){0,3}?(?:\([\w-]+\) )?(?:town|city|capital|village|villages|district|district (?:centre|center|headquarters)|base|area|areas|territory|region|positions?|checkpoints?|outposts?|hill|hilltops?|heights|mountain|crossings?|border (?:post|point|crossing)s?|airport|airbase|air base|military post|headquarters|neighbou?rhoods?|camps?|bastions?|strongholds?|front)s?|fell (?:in)?to (?:the )?(?:hands of )?(?:militants|insurgents|rebels|jihadists|Taliban|Houthis|IS|ISIS|al-Shabaab|fighters)"),
    ("clash", 2, r"clash(?:es|ed)?|fighting|firefights?|fire ?fights?|gun ?fights?|gun ?battles?|shoot-?outs?|(?:heavy )?exchanges? of fire|exchang(?:ed|ing) fire|fire exchange|bursts? of (?:\w+ )?fire|(?:an? |the )encounters? (?:with|between)|battled|engaged (?:the )?(?:enemy|insurgents|militants|rebels|fighters)|(?:fierce|heavy) (?:fighting|battles?|combat)|skirmish(?:es)?|in combat with|fought (?:one another|each other|with each other)|brawls?|scuffles?"),
    ("kill", 2, r"killed|kills|killing|slaughter(?:ed|ing)?|massacre[ds]?|murder(?:ed|s)?|executed|shot dead|shot and killed|gunned down|assassinat(?:ed|ion)|beheaded|slain|lynched|(?:were|was|been) shot|shot (?:at|him|her|them|\w+ times)|stabbed(?: to death)?|stabbing|hacked to death|beaten to death|burned alive|death toll|lost (?:their|his|her) lives|left (?:\w+ )?dead|bodies (?:of|were)|found dead|(?:dead )?bod(?:y|ies) (?:\w+ ){0,6}?(?:was|were) found|found (?:the |a |two |three |\d+ )?(?:dead |lifeless |decapitated |mutilated )?bod(?:y|ies)|(?:dead|lifeless|decapitated|mutilated) bod(?:y|ies)"),
    ("attack", 2, r"(?<!a )(?<!the )(?<!warning )shot(?! (?:glass|put|down the|across|down (?:[\w-]+ ){0,4}?(?:drones?|UAVs?|aircraft|planes?|helicopters?|jets?|missiles?|rockets?)))|opened fire|open fire|fired (?:on|at(?! least)|upon|into(?! the air)|indiscriminately)|fired (?:(?!(?:tear|rubber|pepper|water|warning|stun|plastic|blank|blanks)\b)[\w-]+ ){0,3}?(?:bullets|rounds|ammunition|gunshots|shots|volleys)(?: of (?:live )?(?:ammunition|fire|bullets))? (?:at|on|upon|into(?! the air)|towards?)|shooting|shootings|gunfire|gunmen (?:attacked|stormed)|ambush(?:ed|es)?|attacked|stormed|raided|assaulted|mass shooting|knife attack|rammed|beat up|beaten up|thrashed|beat (?:up )?(?:him|her|them|(?:an? |the |two |three |several |\d+ )?(?:[\w-]+ ){0,2}?(?:m[ae]n|wom[ae]n|boys?|girls?|youths?|persons?|people|suspects?|thie(?:f|ves)|drivers?|villagers?|workers?|journalists?|officers?|policem[ae]n|soldiers?|students?|monitors?|members?|activists?|supporters?))|(?:was|were) (?:\w+ly )?(?:beaten|tortured)|tortured|launched (?:an? )?(?:\w+[ -]){0,2}?attacks? (?:on|against)|(?:mounted|carried out|conducted) (?:an? )?(?:\w+[ -]){0,2}?(?:attacks?|assaults?|raids?|incursions?)"),
    ("attack", 1, r"attacks?|assaults?|raids?|targeted|targeting|violence|carnage|atrocit(?:y|ies)|terrorist acts?|shots rang out"),
    ("injure", 2, r"wounded|injured|injuring|wounding|hurt"),
    ("kill", 1, r"died|dead|deaths?|kill"),
    ("mob", 2, r"mob (?:attacked|violence|lynched|lynching|justice)|lynch mob|lynching|(?:angry|irate|violent) (?:mob|crowd)s?|communal (?:violence|clash(?:es)?|riots?)|vigilantes? (?:attacked|beat|killed|lynched)"),
    ("riot", 2, r"riot(?:s|ed)?(?! (?:police|gear|squad|control|shields?|units?|act))|rioters|rioting"),
    ("vdemo", 2, r"(?:pelted|hurled|threw|throwing|hurling|pelting) (?:\w+ ){0,2}?(?:stones|rocks|bricks|bottles|petrol bombs|molotov cocktails|fire ?bombs)|(?:stones|rocks|bricks|bottles|projectiles|petrol bombs|molotov cocktails) (?:were|was) (?:thrown|hurled|pelted) at|stone[- ]?pelting|stone[- ]throwing|rock[- ]throwing|vandali[sz](?:ed|ing)|ransacked|violent (?:protests?|demonstrations?)|barricad(?:ed|ing) (?:\w+ ){0,3}?with (?:\w+ )?(?:stones|rocks|burning|debris|tyres|tires|logs)|protests? turned violent|burn(?:ing|ed|t) (?:\w+ )?(?:tyres|tires|effigies|mattresses|objects|material|barricades)"),
    ("intervene", 2, r"tear[- ]?gas(?:sed)?|water[- ]can+ons?|rubber bullets|pepper spray|stun grenades|baton[- ]charged?|lathi[- ]?charged?|lathi-?charging|(?:were |was )?dispersed|broke up (?:the |a )?(?:protest|demonstration|rally|crowd|gathering|sit-in|march)"),
    ("protest", 2, r"protest(?:s|ed|ing|ers?|ors?|-march(?:es)?|-rall(?:y|ies))?|took to the streets|(?:took out|held|staged|organi[sz]ed|carried out|led|joined|did|formed) (?:a |an )?(?:[\w-]+ ){0,2}?(?:procession|human chain|motorcade|road blockade|blockade|caravan)s?|gathered (?:[\w,'-]+ ){0,12}?(?:to (?:demand|protest|denounce|condemn|demonstrate|call for|express (?:their )?(?:anger|solidarity|support|opposition))|in (?:protest|solidarity))|(?:banged|banging) pots|pot-banging|cacerolazos?|demonstrat(?:ed|ions?|ing|ors?|e)|rall(?:y|ies|ied|ying)|sit-ins?|vigils?|marched|(?:staged|held|organi[sz]ed|took part in|joined) (?:a |an )?(?:\w+ )?(?:march(?:es)?|strikes?|gatherings?|pickets?)|(?:peaceful|silent|protest|solidarity) march(?:es)?|pickets?|picketed|hunger strikes?|went on (?:an? )?(?:\w+ )?strike|(?:general|labou?r|transport|truckers'?|workers'?) strikes?|(?:blocked|blockaded) (?:the |a |several )?(?:main )?(?:roads?|highways?|streets?|traffic|railway|rails|train (?:tracks|rails)|tracks)|chanted slogans|shouted slogans"),
    ("arson", 2, r"set (?:fire to|on fire|ablaze)|torched|burned down|burnt down|arson|looted(?! (?:\w+ )?(?:funds|money|assets|wealth|public))|looting|plundered|demolished|destroyed (?:\w+ ){0,2}?(?:homes?|houses?|shops?|property|properties|buildings?|crops|shelters?|huts?|tents?|vehicles?|cars?|farms?|trees|schools?|offices?)|cut down (?:[\w-]+ ){0,3}?trees|burn(?:ed|t) (?:down )?(?:the |a |an |several |some |\d+ )?(?:[\w'-]+ ){0,2}?(?:houses?|homes?|shops?|stores?|vehicles?|cars?|trucks?|buses|bus|offices?|schools?|churches|church|mosques?|markets?|huts?|buildings?|stalls?|tribunes?|property|properties|crops|granaries|granary)|uprooted (?:\w+ ){0,3}?(?:trees|crops)|smashed|(?:damaged|vandali[sz]ed) (?:\w+ ){0,3}?(?:property|properties|vehicles?|cars?|shops?|homes?|houses?|buildings?|offices?|schools?|stores?)|forced (?:\w+ ){0,3}?out of their homes|(?:seized|discovered|confiscated|uprooted) (?:\w+[ ,.-]){0,5}?(?:marijuana|marihuana|cannabis|cocaine|heroin|methamphetamine|opium|drugs|narcotics|cigarettes|contraband|livestock|cattle|goods)|dismantled (?:an? )?(?:[\w-]+ ){0,2}?(?:drug|cocaine|marijuana|heroin|methamphetamine|narcotics?) (?:labs?|laborator(?:y|ies)|plantations?)"),
    ("arrest", 2, r"arrested|arrests|detained|detains?|captured(?! (?:\w+ ){0,2}?(?:footage|images?|video|photos?|pictures?|moments?|attention|hearts?|imagination)|(?: \w+){0,2} by (?:\w+ ){0,3}?(?:systems?|cameras?|sensors?|monitors?|devices?|software|satellites?|CCTV|microphones?|recorders?))|apprehended|taken into custody|rounded up|nabbed"),
    ("disrupt", 2, r"defused|defusing|deactivated|(?:bomb|explosive)[- ]disposal|(?:discovered|found|recovered|seized|uncovered|intercepted|dismantled|destroyed|neutrali[sz]ed|confiscated|located) (?:(?!(?:when|as|after|by|in|with|while) )[\w,.]+[ -]){0,6}?(?:explosives?|explosive devices?|IEDs?|bombs?|mines|landmines|weapons?|arms|ammunitions?|munitions|rockets?|missiles?|drones?|grenades?|caches?|pistols|rifles|guns|firearms)|(?:weapons|arms|ammunition) caches?|(?:caches?|stash(?:es)?|depots?) (?:of|containing) (?:[\w,]+ ){0,5}?(?:weapons|arms|ammunitions?|explosives|firearms)|shot down (?:[\w-]+[ -]){0,4}?(?:drones?|missiles?|rockets?|UAVs?)|controlled (?:explosion|detonation)|foiled|thwarted|failed to (?:explode|detonate)"),
    ("transfer", 2, r"(?:after|following|when|as) (?:the )?(?:[\w-]+ ){0,4}?(?:withdr[ae]w|pulled out|retreated|pulled back|left (?:the )?(?:area|town|city|village|base))|(?:following|after) (?:the )?withdrawal of|(?:withdr[ae]w|withdrawn|withdrawing|pulled out|retreated) (?:its |their )?(?:\w+ )?(?:forces |troops |fighters )?from (?:the |a )?(?:[\w-]+ ){0,3}?(?:town|city|village|area|district|base|positions?|region|territory|camp)|evacuation (?:deal|agreement)|entered (?:\w+ ){0,3}?without (?:a )?fight(?:ing)?|handed (?:over )?control|handed over (?:control|the (?:town|city|area|base|territory|positions?))|without (?:a fight|resistance|a shot being fired)"),
    ("agreement", 2, r"(?:signed|reached|agreed|brokered|declared|accepted|announced) (?:to |on |upon )?(?:a |an |the )?(?:[\w-]+ ){0,4}?(?:ceasefire|cease-fire|truce|peace (?:deal|agreement|accord)|agreement|accord)|(?:start(?:ed)?|began|beg[iu]n|resumed?|launched|opened|held|hold) (?:the |a |new )?(?:\w+ )?peace (?:talks|negotiations)|in exchange (?:for|of) (?:the )?(?:release|\w+ (?:captured|detained) )|laid down (?:their )?(?:arms|weapons)|(?:group|fighters|militants|insurgents|rebels|militiamen|combatants)(?: \w+)? (?:have |has |had )?surrendered|(?:ceasefire|cease-fire|truce) (?:took effect|came into (?:effect|force)|agreement|deal)|prisoners? (?:swap|exchange)|exchanged prisoners|peace (?:deal|agreement|accord) (?:was |were )?signed|signed (?:a |an )?(?:\w+ ){0,2}?(?:deal|pact|memorandum)"),
    ("hq", 2, r"(?:set up|established|setting up|establishing|built|opened|erected|installed|created|constructed) (?:a |an |two |three |several |new |the |their |its |total of |\d+ )*(?:\w+ ){0,2}?(?:bases?|headquarters|HQs?|outposts?|checkpoints?|military posts?|observation (?:points?|posts?)|command centres?|command centers?|camps?)"),
    ("group", 2, r"(?:were |was |been )?(?:deployed|redeployed|dispatched) (?:to|in|on|at|along|across|throughout|into|around|near)|(?:deployed|redeployed|dispatched|sent) (?:\w+ ){0,3}?(?:forces|troops|soldiers|units|reinforcements|personnel|tanks|armou?red vehicles) (?:to|in|on|at|along|across|throughout|into|around|near)|(?:large|massive|heavy) deployment of|(?:military|army|troop|armou?red) convoys? (?:\w+ ){0,3}?(?:entered|arrived|crossed|moved|headed)|patrols? by (?:\w+ ){0,2}?(?:forces|troops|army|military|soldiers|police)|(?:imposed|instituted|declared|enforc(?:ed|ing)|extended|announced) (?:an? |the )?(?:[\w-]+ ){0,3}?curfews?|(?:conducted|carried out|held|launched|began|started|conducting) (?:a |an |the |their |its )?(?:\w+ ){0,2}?patrols?|(?:joint|military) patrols? (?:by|of|in|on|took place)|defected|deserted|mutin(?:y|ied)|(?:reinforced|reinforcing|mobili[sz](?:ed|ing)) (?:its |their |the )?(?:\w+ ){0,3}?(?:troops|forces|positions|members|fighters|units|defen[cs]es?|systems)|(?:established|built|set up) (?:\w+ ){0,2}?fortifications|reinforcements|(?:military|joint|naval|war|army|live-fire) (?:exercises|drills|manoeuvres|maneuvers)|test[- ]fired|(?:missile|weapons?|nuclear) tests?|pledged allegiance|(?:announced|declared) (?:its |their |the )?(?:dissolution|merger|formation|split)|merged with|disbanded|(?:forcibly )?recruited|recruitment drive|(?:troop|military) (?:movements?|build-?up)"),
]

_SINGLE = [re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE) for _, _, p in _TRIGGERS]
_ACRONYM_TRIGGERS = frozenset({"ied", "ieds", "rpg", "rpgs"})

# One alternation of all trigger patterns, grouped by first letters (see fastmatch.grouped_regex)
_RE, _BY_LETTER = grouped_regex([p for _, _, p in _TRIGGERS])

# Irrealis cues in the few words before a trigger.
_IRREALIS_BEFORE = re.compile(
    r"(?:\b(?:threat(?:en(?:ed|ing|s)?)?|vow(?:ed|s|ing)?|plann?(?:ed|ing|s)?|plot(?:ted|ting)?|intend(?:ed|s)?|"
    r"aim(?:ed|ing)? to|tr(?:y|ied|ying) to|attempt(?:ed|ing)? to|wants? to|want(?:ed|ing)? to|seek(?:s|ing)? to|"
    r"would|could|might|may|will|shall|should|lest|if|unless|whether|prevent(?:ed|ing)?|avert(?:ed|ing)?|foil(?:ed|ing)?|"
    r"thwart(?:ed|ing)?|warn(?:ed|s|ing)?(?: of)?|fear(?:ed|s)?|risk(?:s|ed)?|used to|no|not|never|without|"
    r"call(?:ed|s|ing)? for|urg(?:ed|es|ing)|"
    r"condemn(?:ed|s)?|anniversary of|commemorat\w*|memorial|trial|sentenced|convicted|charged|accused)\b[^.;:]{0,40})$",
    re.IGNORECASE,
)
# the setting of the event, not an event of its own: "despite the air strikes", "after weeks of fighting"
_SETTING_BEFORE = re.compile(r"\b(?:despite|(?:hours|days|nights|weeks|months|years|decades) of)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_NEGATED_AFTER = re.compile(r"\s*(?:was|were)\s+(?:not|never)\b", re.IGNORECASE)
# a crime's name used as the name of a legal act or of who handles it: "an attempted murder charge",
# "the homicide investigation", "murder suspect", "homicide detectives". It names the offence of an
# event told elsewhere (or a court step, dated later), never the event itself.
_LEGAL_AFTER = re.compile(
    r"\s+(?:charges?|counts?|suspects?|cases?|trials?|warrants?|convictions?|indictments?|investigations?|"
    r"investigators?|detectives?|units?|squad|division|probe|sentences?|hearings?)\b",
    re.IGNORECASE,
)
_CRIME_NOUNS = frozenset({"murder", "murders", "homicide", "homicides", "manslaughter", "assault", "assaults"})
# The grievance of a protest: "protested against the killing of", "a rally over the arrest of".
_PROTEST_OBJECT_BEFORE = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march(?:ed|es)?|sit-ins?|strikes?|vigils?|gathered|slogans)\b"
    r"[^.;:!?]{0,80}?\b(?:against|over|after|following|demanding|denouncing|condemning|decrying|"
    r"to (?:denounce|condemn|demand|protest|mark|decry)|in (?:protest|solidarity|memory)|for (?:the )?(?:release|justice)|"
    r"justice for|calling for|in response to|about)\b[^.;:!?]{0,60}$",
    re.IGNORECASE,
)

@dataclass(frozen=True, slots=True)
class Trigger:
    span: Span
    text: str
    cls: str
    strength: int
    realis: bool
    #: the class that decides the event type when the sentence re-types it ("force", "vdemo", "intervene",
    #: "mob", "clash", "arson", "arrest_one"; "retake"/"seize" for who took a place); None = ``cls``
    ctx: str | None = None

    @property
    def type_cls(self) -> str:
        return self.ctx or self.cls


def find_triggers(text: str, start: int, end: int) -> list[Trigger]:
    """Event triggers in one sentence, in order, with their class, realis flag and context class."""
    out: list[Trigger] = []
    ctx_flags: tuple[bool, bool, bool, bool] | None = None
    for m in _RE.finditer(text, start, end):
        idx = _which(text, m, end)
        cls, strength, _ = _TRIGGERS[idx]
        word = m.group()
        if cls == "fire":
            cls = _resolve_fire(word)
        elif cls == "shelling" and word[:5].lower() == "fired":
            # "fired mortars, machine guns and rifles at the posts of": an exchange
            cls = _resolve_fire(text[m.start() : _CLAUSE_END.search(text, m.end(), end).start()])
        elif cls == "blast":
            cls = _resolve_blast(text[start:end])
        if word.lower() in _ACRONYM_TRIGGERS and not word.rstrip("s").isupper():
            continue
        if cls == "protest" and word[:3].lower() in ("dem", "ral") and _NOT_PROTEST.match(text, m.end(), min(end, m.end() + 20)):
            continue
        realis = _is_realis(text, start, m.start(), m.end())
        if realis and _is_protest_object(text, start, m.start(), word, cls):
            realis = False
        if realis and _fig.figurative_trigger(text, start, end, m.start(), m.end(), cls):
            realis = False  # "shot 52 percent", "attacked the budget plan", "stellar explosions"
        if cls == "protest" and strength >= 2 and word[:4].lower() == "prot" and _fig.protest_aside(text, start, m.start()):
            strength = 1  # "amid worsening protests": a protest in passing
        if strength < 2 and realis and word.lower() in _PRESENT_VERBS and _headline_verb(text, start, m.start(), m.end(), end):
            strength = 2  # "Taliban kill 5 police in Helmand": a headline reports in the present
        ctx = None
        if cls in _RETYPED or cls == "vdemo":
            if ctx_flags is None:
                ctx_flags = _nc.crowd_flags(text, start, end)
            if realis and ctx_flags[0] and _nc.protest_background(text, start, m.start(), m.end(), cls):
                realis = False  # "the family of a constable who was shot dead held a protest": background
            ctx = _nc.context_class(text, start, m.start(), m.end(), cls, ctx_flags)
        if cls in ("regain", "overtake"):
            ctx = {"regain": "retake", "overtake": "seize"}.get(_territory_side(text, start, m.start(), m.end(), end) or "")
        out.append(Trigger((m.start(), m.end()), word, cls, strength, realis, ctx))
    if any(t.realis and _nc.accident_harm(t.cls, t.text) for t in out) and _nc.non_conflict_sentence(text, start, end, 300):
        # an earthquake, a crash, a boiler blast: harm without an attacker is no armed-violence event
        out = [Trigger(t.span, t.text, t.cls, t.strength, False, t.ctx) if _nc.accident_harm(t.cls, t.text) else t for t in out]
    if any(t.realis and t.cls in ("kill", "injure") for t in out) and _nc.suicide_near(text, start, end):
        out = [Trigger(t.span, t.text, t.cls, t.strength, False, t.ctx) if t.cls in ("kill", "injure") else t for t in out]
    return out


# Headlines tell past events in the present tense ("Rebels attack army post"). Elsewhere a present
# "attack" or "kill" is a habit, a plan or a noun, and stays weak.
_PRESENT_VERBS = frozenset({"kill", "attack", "attacks", "raid", "raids", "assault", "assaults"})
# after the word: it is a noun ("attack on", "raid kills") or a verb without an object
_NOUN_AFTER = re.compile(
    r"\s*(?:[,.;:!?]|$)|\s+(?:on|in|at|near|against|by|of|for|from|and|or|with|was|were|is|are|has|have|had|"
    r"kills?|leaves?|injures?|wounds?|claims?|hits?|targets?|suspects?|victims?|survivors?)\b",
    re.IGNORECASE,
)
# before the word: an article or possessive (a noun), a habit or a modal (not this event)
_NOT_VERB_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|this|that|another|its|their|his|her|our|latest|new|deadly|suicide|terror|terrorist|bomb|knife|gun)|'s|"
    r"\b(?:often|usually|regularly|frequently|routinely|sometimes|always|typically|generally|repeatedly|never|to|"
    r"will|would|could|may|might|can|should|must|shall|continue|tend))\s+$",
    re.IGNORECASE,
)


# the subject just before a headline verb: a plural ("Rebels", "gunmen") or a collective armed actor
_SUBJECT_BEFORE = re.compile(
    r"(?:\b[\w-]+(?:s|men)|\b(?:Taliban|police|army|military|militia|navy|junta|regime|Shabaab|Haram|Daesh|ISIS|ISIL|IS|"
    r"Hamas|Hezbollah|Hizbullah|Houthis?|mob|crowd))\s+$",
    re.IGNORECASE,
)


def _headline_verb(text: str, sent_start: int, s: int, e: int, end: int) -> bool:
    """Is the present-tense trigger ``text[s:e]`` the main verb of a headline? The sentence must be the
    title line (a short capitalised line of its own with no final stop) or the text's first sentence,
    with a subject before the word and an object after it: "Taliban kill 5 police in Helmand", not
    "Attack on convoy" or "militants often attack convoys"."""
    if text[:sent_start].strip():
        line_start = text.rfind("\n", 0, sent_start) + 1
        line_end = text.find("\n", end)
        line = text[line_start : len(text) if line_end < 0 else line_end].strip()
        if line_start < sent_start - 1 and text[line_start:sent_start].strip():
            return False  # not a line of its own
        if not line or line[-1] in ".!?" or not line[0].isupper() or len(line.split()) > 15:
            return False
        if text[sent_start:end].strip() != line:
            return False
    before = text[sent_start:s]
    if not _SUBJECT_BEFORE.search(before) or _NOT_VERB_BEFORE.search(before):
        return False  # "Election Attacks Captured", "Air Assault Operation": a noun in a title
    return not _NOUN_AFTER.match(text, e, end)


def _which(text: str, m: re.Match, end: int) -> int:
    """Index of the trigger pattern the alternation matched: the first that matches here."""
    return which_pattern(_SINGLE, _BY_LETTER, text, m, end)


_HEAVY = re.compile(
    r"\b(?:mortars?|artillery|shells?|rockets?|missiles?|grenade launchers?|launchers?|heavy (?:and medium )?weapons|medium weapons|"
    r"tanks?|IFVs?|BMPs?|howitzers?|cannons?|anti-aircraft|\d+\s?mm|projectiles?|RPGs?)\b",
    re.IGNORECASE,
)
_SMALL = re.compile(r"\b(?:small arms|machine ?guns?|machineguns?|rifles?|guns|automatic weapons|unspecified weapons|weapons|bullets|shots)\b", re.IGNORECASE)
_AT_POSITIONS = re.compile(r"\b(?:positions?|fronts?|frontlines?|lines)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:]|$")


def _resolve_fire(word: str) -> str:
    """"fired X at Y": heavy weapons (mortars, artillery, rockets, grenade launchers) are shelling
    unless small arms fired at an armed side's positions make it an exchange; small arms at
    positions an armed clash; otherwise a shooting attack."""
    heavy, small, pos = bool(_HEAVY.search(word)), bool(_SMALL.search(word)), bool(_AT_POSITIONS.search(word))
    if heavy and not (small and pos):
        return "shelling"
    if pos:
        return "exchange"  # direct fire between two armed sides outranks the shells of the same battle
    return "attack"


_DEVICE = re.compile(r"\b(?:bombs?|IEDs?|devices?|explosives?|mines?|landmines?|detonat\w*|booby|vests?|car bomb|suicide|grenades?)\b", re.IGNORECASE)
_INDIRECT = re.compile(
    r"\b(?:shell\w*|artillery|mortars?|rockets?|missiles?|projectiles?|launchers?|unknown weapons|heavy weapons|air ?strikes?|"
    r"warplanes?|jets?|drones?|aircraft|bombardments?)\b",
    re.IGNORECASE,
)


def _resolve_blast(sent: str) -> str:
    """An explosion with no device named takes its means from the sentence: a bomb or IED makes it
    a remote explosive, artillery, rockets or weapons one cannot identify make it shelling (a device
    would have been named), and an explosion among bursts of fire is part of a clash."""
    if _DEVICE.search(sent):
        return "explosive"
    if re.search(r"\bboth directions\b|\bexchang\w+", sent, re.IGNORECASE):
        return "exchange"
    if re.search(r"\bbursts? of fire|\bshots\b|\bsmall arms\b", sent, re.IGNORECASE):
        return "clash"  # explosions among shots and small-arms fire, whatever else was fired: a battle
    if _INDIRECT.search(sent):
        return "shelling"
    return "explosive"


_STATE_CAT, _NON_STATE_CAT = "state forces", frozenset({"rebel group", "political militia", "identity militia", "unidentified armed group"})
_STATE_NOUN = re.compile(r"\b(?:pro-government|government(?:-backed|-allied)?|regime|loyalist|army|troops|soldiers|military|armed forces|security forces)\b", re.IGNORECASE)
_NOT_AGENT_BEFORE = re.compile(r"\b(?:with|against|from|on|of|by|at|to|between|an?)\s+(?:the\s+)?$", re.IGNORECASE)  # "thwarted a pro-X attack"
_OBJECT_END = re.compile(r"[^.;:,]*")
_REPORTED = re.compile(r"\b(?:said|says|say|reported|claimed|announced|according to|that)\b", re.IGNORECASE)
_PRO_GOVERNMENT = re.compile(r"\b(?:pro-government|pro-regime|government-(?:backed|allied|aligned)|loyalist)\b", re.IGNORECASE)
_HELD_AFTER = re.compile(r"-(?:held|controlled|occupied|run|dominated|besieged)\b", re.IGNORECASE)
_FROM_SIDE = re.compile(r"\s*(?:[^.;:]{0,80}?)\bfrom\s+(?:the\s+)?(?P<x>[^.;:,]{0,60})", re.IGNORECASE)


def _side(text: str, start: int, end: int, subject: bool) -> str | None:
    """state | nonstate | None: the side the first actor of ``text[start:end]`` belongs to ("pro-Houthi
    forces" stand with the Houthis). With ``subject``, the first actor of the last clause that can be
    the taker: after a reporting verb ("the army said IS fighters seized"), not one after a
    preposition or article ("clashing with insurgents", "thwarted a pro-X attack", "rebel-held")."""
    from harmwatch.extract.actors.dictionary import find_actors

    if subject:
        cut = None
        for cut in _REPORTED.finditer(text, start, end):
            pass
        start = cut.end() if cut is not None else start
    seg = re.sub(r"(?i)\bpro-(?!government)", "    ", text[start:end])
    for a in find_actors(seg):
        if a.category != _STATE_CAT and a.category not in _NON_STATE_CAT:
            continue
        if subject and (_NOT_AGENT_BEFORE.search(seg, 0, a.span[0]) or _HELD_AFTER.match(seg, a.span[1])):
            continue
        if _PRO_GOVERNMENT.search(seg, max(0, a.span[0] - 25), a.span[1]):
            return "state"  # "pro-government fighters", "government-backed militias": the state's side
        return "state" if a.category == _STATE_CAT else "nonstate"
    return "state" if _STATE_NOUN.search(text, start, end) else None


def _territory_side(text: str, sent_start: int, s: int, e: int, end: int) -> str | None:
    """Who took the place a territory trigger reports: ``"regain"`` when state forces (or fighters
    taking it from rebels, militants or a named armed group) did, ``"overtake"`` when an armed group
    did (or took it from the army); None when the sentence does not say."""
    agent = _side(text, max(sent_start, s - 150), s, subject=True)
    if agent is not None and text[s:e].lower().startswith(("were ", "was ")):
        agent = {"state": "nonstate", "nonstate": "state"}[agent]  # "the militants were pushed back": the loser
    if agent is None:
        # the side it was taken from ("from government forces"), else whose place it was ("two NPA camps")
        m = _FROM_SIDE.match(text, e, end)
        loser = _side(text, m.start("x"), m.end("x"), subject=False) if m else None
        if loser is None:
            loser = _side(text, s, _OBJECT_END.match(text, e, min(end, e + 60)).end(), subject=False)
        agent = {"state": "nonstate", "nonstate": "state"}.get(loser or "")
    return {"state": "regain", "nonstate": "overtake"}.get(agent or "")


# "demonstrated that ...", "rallied support": not a protest
_NOT_PROTEST = re.compile(r"\s+(?:that|its|their|his|her|how|the|a|an|support|behind|around|to (?:the|his|her|their) side)\b", re.IGNORECASE)
_RETYPED = frozenset({"kill", "attack", "injure", "clash", "arrest", "arson", "riot"})


def _is_realis(text: str, sent_start: int, s: int, e: int) -> bool:
    before = text[max(sent_start, s - 60) : s]
    # only look back within the clause
    cut = max(before.rfind(","), before.rfind(";"), before.rfind('"'), before.rfind("\u201c"))
    clause = before[cut + 1 :] if cut >= 0 else before
    if _IRREALIS_BEFORE.search(clause) or _SETTING_BEFORE.search(clause):
        return False
    if _NEGATED_AFTER.match(text, e, min(len(text), e + 20)):
        return False
    if text[s:e].lower() in _CRIME_NOUNS and _LEGAL_AFTER.match(text, e, min(len(text), e + 20)):
        return False
    return True


def _is_protest_object(text: str, sent_start: int, s: int, word: str, cls: str) -> bool:
    """A nominal trigger that names what a protest is about ("against the killing of")."""
    w = word.lower()
    if cls in ("protest", "intervene", "vdemo", "mob") or (cls == "riot" and w != "riots"):
        return False  # the noun "riots" can be a protest's grievance ("against the detention ... during riots")
    verb = w.endswith("ed") or w in ("shot", "slain", "hurt", "overran", "retook")
    if verb and not re.search(r"\b(?:the|of|their|his|her|its)\s+$", text[max(sent_start, s - 7) : s], re.IGNORECASE):
        return False  # a finite verb reports its own event ("protesters demanding justice clashed");
        # "the kidnapped", "of the detained" are nouns
    before = text[max(sent_start, s - 160) : s]
    return bool(_PROTEST_OBJECT_BEFORE.search(before))


_MEANS_CLASSES = frozenset({"chemical", "suicide", "air", "shelling", "explosive", "grenade"})
_PROTEST_REFINERS = frozenset({"quell", "excess"})
_HARM_CLASSES = frozenset({"kill", "injure", "attack"})


def classifying_classes(triggers: list[Trigger]) -> list[str]:
    """Trigger classes that decide the event type.

    Strong triggers count, with their context class. A weak *means* trigger ("a roadside bomb",
    "an IED", "rockets") counts only when a strong harm trigger stands close by in the same sentence
    ("a roadside bomb killed two", "killed by an IED"); otherwise it is a device mentioned in passing
    ("detained an IED facilitator"). Weak police-action triggers ("intervened", "live rounds") count:
    they only ever refine a protest.
    """
    out = [t.type_cls for t in triggers if t.strength >= 2 or t.cls in _PROTEST_REFINERS]
    harm = [t for t in triggers if t.strength >= 2 and t.cls in _HARM_CLASSES]
    for t in triggers:
        if t.strength >= 2 or t.cls not in _MEANS_CLASSES:
            continue
        if any(abs(h.span[0] - t.span[1]) < 60 or abs(t.span[0] - h.span[1]) < 60 for h in harm):
            out.append(t.cls)
    return out


_STATE_WORDS = frozenset({"state forces", "external forces"})
_TERRITORY = frozenset({"retake", "seize", "regain", "overtake"})
_CROWD_CLASSES = frozenset({"protest", "riot", "vdemo", "mob", "intervene", "force"})
_VIOLENT_CLASSES = _MEANS_CLASSES | _HARM_CLASSES | {"clash", "exchange", "abduction", "sexual"}


def classify(
    classes: list[str],
    *,
    victims_armed: bool,
    perpetrator_known: bool,
    perpetrator_categories: frozenset[str] | set[str] | None = None,
    victim_categories: frozenset[str] | set[str] | None = None,
) -> str | None:
    """The ACLED sub-event type for the trigger classes of one incident.

    Specific means (air strike, shelling, IED...) win over generic killing; violence in a protest
    or by a mob is typed as such; a generic attack or killing is *Armed clash* when the victims are
    an armed party, otherwise *Attack* (violence against civilians). A protest with no violence is
    a *Peaceful protest*; non-violent developments (arrests, a defused bomb, an agreement, a new
    base, a deployment) come last.

    ``perpetrator_categories`` / ``victim_categories`` (optional) refine the type when the
    sentences did not: territory taken by state forces is *Government regains territory*, retaken
    by an armed group *Non-state actor overtakes territory*; killing or injuring protesters is
    *Excessive force against protesters* / *Protest with intervention*, rioters' violence a
    *Violent demonstration*. Police action anywhere in a protest's incident (an arrest,
    "intervened") makes it a *Protest with intervention*; a capture with a withdrawal and no
    fighting a *Non-violent transfer of territory*; a crowd's incident is never a territory one.
    """
    present = set(classes)
    perp = set(perpetrator_categories or ())
    vict = set(victim_categories or ())
    if "protest" in present and "riot" in present:
        present.add("vdemo")
    if "protesters" in vict and perp & _STATE_WORDS and present & {"kill", "attack", "injure"} and not present & {"vdemo"}:
        present.add("force" if "kill" in present else "intervene")
    if "rioters" in perp and present & {"kill", "attack", "injure", "arson"} and present & {"riot", "vdemo", "mob"}:
        present.add("vdemo" if "protest" in present else "mob")  # a mob outside a demonstration
    if "protest" in present:
        # police at a protest, in any sentence of it: "Police intervened.", "Two were arrested."
        if present & {"arrest", "quell"}:
            present.add("intervene")
        if "excess" in present and "vdemo" not in present:
            present.add("force")  # "used excessive force", "live rounds" against the protesters
    if "agreement" in present:
        present -= {"arrest", "arrest_one"}  # a prisoner exchange names the detained it frees
    if present & _CROWD_CLASSES:
        present -= _TERRITORY  # rioters "taking control of a cell block", police "took control of" a site
    if "transfer" in present and present & _TERRITORY and not present & _VIOLENT_CLASSES:
        return "Non-violent transfer of territory"  # "entered the town after the army pulled out"
    for cls in _CLASS_PRIORITY:
        if cls not in present:
            continue
        if cls in ("kill", "attack", "injure"):
            return "Armed clash" if victims_armed else "Attack"
        if cls == "overtake" and perp and perp <= _STATE_WORDS:
            return "Government regains territory"
        if cls == "regain" and perp and not perp & _STATE_WORDS:
            return "Non-state actor overtakes territory"  # "al-Shabaab recaptured the village"
        if cls == "riot" and "protest" in present:
            return "Violent demonstration"
        return CLASS_TO_SUB[cls]
    return None


def event_type_of(sub_event_type: str | None) -> tuple[str | None, str | None]:
    """(ACLED event type, CAMEO code) for a sub-event type."""
    if sub_event_type is None:
        return None, None
    return SUB_EVENTS.get(sub_event_type, (None, None))


SEPARATE_INCIDENT = re.compile(
    r"\b(?:in (?:a |another |an unrelated |a separate )(?:separate |unrelated |similar )?(?:incident|attack|development|event|operation)|"
    r"separately|elsewhere|in other (?:violence|news|incidents)|in a second (?:attack|incident)|also on \w+day)\b",
    re.IGNORECASE,
)

# Aggregate and background statements: a war's total toll, a group's record, anniversaries.
# They describe no single incident and must not open or feed one.
BACKGROUND = re.compile(
    r"\b(?:(?:in|over|during) the (?:past|last|previous) (?:decade|few years|\w+ (?:years|decades))|"
    r"(?<!first time )since (?:the (?:start|beginning|outbreak)|(?:19|20)\d\d)|so far this year|to date|in total|"
    r"(?:war|conflict|insurgency|fighting|violence|campaign|uprising)s? (?:which |that )?(?:\w+ ){0,8}?"
    r"(?<!to )(?:has|have|had) (?:left|claimed|killed|cost)|"
    r"(?:war|conflict|insurgency) in which|responsible for (?:the )?(?:deaths?|killings?|killing)|"
    r"(?:deadliest|worst) (?:attack|incident|day) since|anniversary|years? ago|last year|decades? ago|"
    # history: centuries, decades of old years, eras ("in the 14th century", "in the 1300s", "over the centuries")
    r"(?:in|during|since|from|by|until|of|throughout) the (?:(?:early|late|mid-?)\s?)?(?:\d{1,2}(?:st|nd|rd|th)|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
    r"sixteenth|seventeenth|eighteenth|nineteenth|twentieth)[- ]century|centuries (?:ago|earlier|before|later)|"
    r"over the (?:past )?centuries|(?:in|during|since|by|until|of) the (?:(?:early|late|mid-?)\s?)?1[0-8]\d0s|"
    r"middle ages|medieval|in ancient|prehistor\w*|"
    # a war's, a genocide's, a pandemic's toll: an aside, never the incident's figure
    r"(?:died|killed|perished|murdered|lost their lives|were slaughtered) (?:\w+ ){0,3}?(?:in|during|by) the (?:[\w-]+ ){0,3}?"
    r"(?:wars?|genocides?|holocaust|famines?|pandemics?|plagues?)(?![\w-])|"
    r"(?:genocides?|holocaust|pandemics?|plagues?) (?:\w+ ){0,6}?(?:in which|that|which) (?:\w+ ){0,3}?(?:killed|left|claimed|cost|wiped out)|"
    r"(?:in|during) the (?:[\w-]+ ){0,2}?(?:genocides?|holocaust))\b",
    re.IGNORECASE,
)

# a year in a sentence ("in 1347", "the 1967 war", "in November 1923"): not a figure ("1,200"), not a
# share ("1998 percent" does not occur, "1998%" may), not part of a longer number or a code
_YEAR = re.compile(
    r"(?<![\w$£€.,/-])(1[0-9]\d\d|20\d\d)(?![\w%,/-]|\.\d|\s*(?:hours|hrs|h\b|GMT|UTC|local)|"
    r"\s+(?:[NSEW]{1,2}|north|south|east|west|block)\b|\s+(?:\w+\s+){1,2}(?:st|street|ave|avenue|rd|road|blvd|boulevard|"
    r"drive|dr|lane|ln|way|court|ct|place|pl|highway|hwy)\b)",  # not an address: "2318 W 41 Ave"
    re.IGNORECASE,
)
# a day of this report in the clause: "died Thursday night", "yesterday": not history
_RECENT = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tonight|last night|this (?:morning|afternoon|"
    r"evening|week|month|year)|earlier this|overnight)\b",
    re.IGNORECASE,
)
# a year that dates something: "in 1347", "since 1923", "November 1923", "the 1967 war" (not "the 1966
# graduating class", a name)
_YEAR_TIME_BEFORE = re.compile(
    r"\b(?:in|since|during|until|till|by|from|around|circa|c\.|before|after|of|early|late|mid-?|"
    r"jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|\d{1,2}(?:st|nd|rd|th)?),?\s+$",
    re.IGNORECASE,
)
_YEAR_EVENT_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:wars?|putsch|coup|revolution|massacres?|uprisings?|invasions?|crisis|riots?|genocides?|"
    r"famines?|pandemics?|plagues?|attacks?|bombings?|rebellions?|revolts?|battles?|occupation|siege)\b",
    re.IGNORECASE,
)
#: a sentence whose years are all at least this many years before publication tells history
HISTORY_YEARS = 10
#: without a publication date, years before this one are history
HISTORY_BEFORE = 1900


_CLAUSE_STOP = re.compile(r"[.;]\s+|\s+[-\u2013\u2014]\s+")


def history_sentence(text: str, start: int, end: int, published_year: int | None,
                     triggers: list[Trigger] | None = None) -> bool:
    """Does ``text[start:end]`` tell history: it names years, every one of them at least
    :data:`HISTORY_YEARS` before the publication year (without one: before :data:`HISTORY_BEFORE`)?

    "The Black Death reached Europe in 1347 and killed ...", "seized the territories in the 1967
    war": events decades before the report are background, never incidents of it. A sentence that
    also names a recent year ("in 1994 and again in 2023") is not history. With ``triggers`` (the
    sentence's realis triggers), every one of them must stand in a clause (between stops,
    semicolons and dashes) with such a year: a sentence the segmenter did not split ("... shot dead
    98 rioters. against this, the november 1984 pogrom ...") keeps its recent event.
    """
    if triggers:
        cuts = [start] + [m.end() for m in _CLAUSE_STOP.finditer(text, start, end)] + [end]
        spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
        return all(history_sentence(text, a, b, published_year)
                   for a, b in {next(((a, b) for a, b in spans if a <= t.span[0] < b), (start, end))
                                for t in triggers})
    if _RECENT.search(text, start, end):
        return False
    years = [int(m.group(1)) for m in _YEAR.finditer(text, start, end)
             if _YEAR_TIME_BEFORE.search(text, max(start, m.start() - 16), m.start())
             or _YEAR_EVENT_AFTER.match(text, m.end(), min(end, m.end() + 40))]
    if not years:
        return False
    cut = (published_year - HISTORY_YEARS) if published_year else HISTORY_BEFORE
    return all(y <= cut for y in years) if published_year else all(y < cut for y in years)


# Patterns searched over whole sentences or look-back windows: behind their first-character lookahead
# (see lead_lookahead; the matches are the same).
(_IRREALIS_BEFORE, _PROTEST_OBJECT_BEFORE, _HEAVY, _SMALL, _AT_POSITIONS, _DEVICE, SEPARATE_INCIDENT, BACKGROUND,) = (
    led(rx) for rx in (_IRREALIS_BEFORE, _PROTEST_OBJECT_BEFORE, _HEAVY, _SMALL, _AT_POSITIONS, _DEVICE, SEPARATE_INCIDENT, BACKGROUND,)
)
