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
rules) and carries the context class in ``ctx``, which decides the type.

The ACLED taxonomy (event type / sub-event type) and the CAMEO codes it maps
to are in :data:`SUB_EVENTS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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

# Decision order: specific means of violence first, then who the violence involved (protest, mob),
# then battles, generic harm, and last the non-violent developments.
_CLASS_PRIORITY = [
    "chemical",
    "suicide",
    "air",
    "shelling",
    "grenade",
    "explosive",
    "sexual",
    "abduction",
    "force",
    "vdemo",
    "intervene",
    "mob",
    "regain",
    "overtake",
    "clash",
    "kill",
    "attack",
    "injure",
    "riot",
    "protest",
    "arson",
    "arrest",
    "disrupt",
    "transfer",
    "agreement",
    "hq",
    "group",
]
CLASS_TO_SUB = {
    "chemical": "Chemical weapon",
    "suicide": "Suicide bomb",
    "air": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "explosive": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
    "sexual": "Sexual violence",
    "abduction": "Abduction/forced disappearance",
    "clash": "Armed clash",
    "regain": "Government regains territory",
    "overtake": "Non-state actor overtakes territory",
    "force": "Excessive force against protesters",
    "vdemo": "Violent demonstration",
    "intervene": "Protest with intervention",
    "protest": "Peaceful protest",
    "mob": "Mob violence",
    "riot": "Mob violence",
    "arson": "Looting/property destruction",
    "arrest": "Arrests",
    "disrupt": "Disrupted weapons use",
    "transfer": "Non-violent transfer of territory",
    "agreement": "Agreement",
    "hq": "Headquarters or base established",
    "group": "Change to group/activity",
}

_N = r"(?:\w+[ -]){0,3}?"  # up to three modifier words ("two new military")

# (class, strength, pattern); strength 2 = strong, 1 = weak
_TRIGGERS: list[tuple[str, int, str]] = [
    ("chemical", 2, r"chemical (?:weapons? )?attacks?|(?:chlorine|sarin|mustard|toxic|poison(?:ous)?|nerve) gas (?:attacks?|bombs?)|(?:used|dropped|fired|released) (?:\w+ ){0,4}?(?:chlorine|sarin|mustard gas|toxic gas|poison(?:ous)? gas|nerve agents?|chemical (?:weapons|agents|munitions))|gassed"),
    ("suicide", 2, r"suicide (?:bomb(?:er|ing)?s?|attacks?|attackers?|car bomb(?:er|ing)?s?|blasts?|explosions?|vests?|belts?)|blew (?:him|her)self up|blew themselves up|blow themselves up|blows? (?:him|her)self up|detonated (?:his|her|their) (?:explosive |suicide )?(?:vest|belt)s?"),
    ("air", 2, r"air ?strikes?|air raids?|drone (?:strikes?|attacks?)|(?:war)?planes? (?:struck|bombed|hit|attacked|pounded|targeted)|(?:jets|aircraft|helicopters?) (?:struck|bombed|hit|attacked|pounded|targeted|fired)|aerial (?:bombardment|attacks?|bombing|strikes?)|bombed from the air|helicopter gunships? (?:fired|attacked)"),
    ("shelling", 2, r"shelling|shelled|artillery (?:fire|strikes?|attacks?|shells?)|mortar (?:attacks?|fire|shells?|rounds?|bombs?)|mortars? (?:landed|hit|struck|fell)|rocket (?:attacks?|fire|strikes?)|rockets? (?:landed|hit|struck|fell|were fired|was fired)|fired (?!(?:tear|rubber|pepper|water|warning|stun|flares?|plastic)\b)(?:\w+ ){0,2}?(?:rockets?|missiles?|mortars?|shells?|projectiles?|RPGs?|rocket-propelled grenades?)|missile (?:attacks?|strikes?)|missiles? (?:hit|struck|landed|fell|were fired|was fired)|bombardment|bombarded|(?:tank|howitzer) fire"),
    ("shelling", 1, r"rocket[- ]propelled grenades?|RPGs?|mortars?|rockets?|missiles?|projectiles?"),
    ("grenade", 2, r"grenade (?:attacks?|blasts?|explosions?)|grenades? (?:exploded|went off|detonated|was thrown|were thrown|was hurled|was lobbed|landed)|(?:threw|hurled|lobbed|tossed|launched|throwing|hurling|lobbing) (?:\w+ ){0,2}?(?:hand[- ])?grenades?"),
    ("grenade", 1, r"(?<!stun )(?<!rocket-propelled )(?<!rocket propelled )(?:hand[- ])?grenades?"),
    ("explosive", 2, r"(?:car[- ]|roadside |truck |parcel |letter |pipe |remote[- ]controlled )?(?:bomb|explosion|blast|explosives?|device|mine|landmine|IED)s? (?:exploded|went off|detonated|ripped through|tore through|struck|hit|killed|kills|wounded|injured)|car[- ]bombings?|(?<!controlled )explosions?|blasts?|bombings?|bombed|(?<!failed to )detonated|set off (?:a |an )?(?:bomb|explosive)|(?:struck|hit|stepped on) (?:a |an )?(?:land ?mine|mine|IED|roadside bomb|explosive device)|(?:IED|bomb) attacks?"),
    # the device alone ("an IED facilitator", "found a car bomb") is a means, not an event: weak
    ("explosive", 1, r"car[- ]bombs?|(?:roadside|remote[- ]controlled|truck|parcel|letter|pipe) bombs?|improvised explosive devices?|IEDs?|explosive devices?|(?<!petrol )(?<!fire )(?<!smoke )bombs?"),
    ("sexual", 2, r"raped|rapes?|sexual(?:ly)? (?:violence|assault(?:ed)?|abused?)|gang-raped|molest(?:ed|ing)"),
    ("abduction", 2, r"kidnapp(?:ed|ing|ings)|abduct(?:ed|ion|ions|ing)|taken hostage|took (?:\w+ )?hostages?|held hostage|hijack(?:ed|ing)|forcibly disappeared|went missing after being (?:taken|seized)"),
    ("regain", 2, r"recaptured|recapture[sd]?|retook|retaken|regained (?:full |complete )?control|liberated|liberation of|(?:took|retook|regained|taken) back|re-?took control|cleared (?:\w+ ){0,3}?of (?:militants|insurgents|terrorists|rebels|fighters|IS|ISIS|jihadists)"),
    ("overtake", 2, r"overran|overrun|(?:seized|took|taken|gained|wrested|assumed) (?:full |complete |total )?control (?:of|over)|(?:captured|seized|took over|stormed and (?:captured|seized)) (?:the |a |an |two |three |several )?(?:\w+ )?(?:town|city|village|villages|district|base|area|territory|region|positions?|checkpoints?|outposts?|hill|airport|military post)s?|fell (?:in)?to (?:the )?(?:hands of )?(?:militants|insurgents|rebels|jihadists|Taliban|Houthis|IS|ISIS|al-Shabaab|fighters)"),
    ("clash", 2, r"clash(?:es|ed)?|fighting|firefights?|fire ?fights?|gun ?battles?|(?:heavy )?exchanges? of fire|exchanged fire|fire exchange|battled|engaged (?:the )?(?:enemy|insurgents|militants|rebels|fighters)|(?:fierce|heavy) (?:fighting|battles?|combat)|skirmish(?:es)?|in combat with"),
    ("kill", 2, r"killed|kills|killing|slaughter(?:ed|ing)?|massacre[ds]?|murder(?:ed|s)?|executed|shot dead|shot and killed|gunned down|assassinat(?:ed|ion)|beheaded|slain|lynched|(?:were|was|been) shot|shot (?:at|him|her|them|\w+ times)|stabbed(?: to death)?|stabbing|hacked to death|beaten to death|burned alive|death toll|lost (?:their|his|her) lives|left (?:\w+ )?dead|bodies (?:of|were)"),
    ("attack", 2, r"(?<!a )(?<!the )(?<!warning )shot(?! (?:glass|put|down the|across))|opened fire|open fire|fired (?:on|at|upon|into(?! the air)|indiscriminately)|shooting|shootings|gunfire|gunmen (?:attacked|stormed)|ambush(?:ed|es)?|attacked|stormed|raided|assaulted|mass shooting|knife attack|rammed|beat up|beaten up|thrashed"),
    ("attack", 1, r"attacks?|assaults?|raids?|targeted|targeting|violence|carnage|atrocit(?:y|ies)|terrorist acts?|shots rang out"),
    ("injure", 2, r"wounded|injured|injuring|wounding|hurt"),
    ("kill", 1, r"died|dead|deaths?|kill"),
    ("mob", 2, r"mob (?:attacked|violence|lynched|lynching|justice)|lynch mob|lynching|(?:angry|irate|violent) (?:mob|crowd)s?|communal (?:violence|clash(?:es)?|riots?)|vigilantes? (?:attacked|beat|killed|lynched)"),
    ("riot", 2, r"riot(?:s|ed)?(?! (?:police|gear|squad|control|shields?|units?|act))|rioters|rioting"),
    ("vdemo", 2, r"(?:pelted|hurled|threw|throwing|hurling|pelting) (?:\w+ ){0,2}?(?:stones|rocks|bricks|bottles|petrol bombs|molotov cocktails|fire ?bombs)|stone[- ]?pelting|stone[- ]throwing|rock[- ]throwing|vandali[sz](?:ed|ing)|ransacked|violent (?:protests?|demonstrations?)|protests? turned violent"),
    ("intervene", 2, r"tear[- ]?gas(?:sed)?|water[- ]can+ons?|rubber bullets|pepper spray|stun grenades|baton[- ]charged?|lathi[- ]?charged?|lathi-?charging|(?:were |was )?dispersed|broke up (?:the |a )?(?:protest|demonstration|rally|crowd|gathering|sit-in|march)"),
    ("protest", 2, r"protest(?:s|ed|ing|ers?|ors?)?|demonstrat(?:ed|ions?|ing|ors?|e)|rall(?:y|ies|ied|ying)|sit-ins?|vigils?|marched|(?:staged|held|organi[sz]ed|took part in|joined) (?:a |an )?(?:\w+ )?(?:march|strike|gathering|picket)|pickets?|picketed|hunger strikes?|went on (?:an? )?(?:\w+ )?strike|(?:general|labou?r|transport|truckers'?|workers'?) strikes?|(?:blocked|blockaded) (?:the |a |several )?(?:main )?(?:roads?|highways?|streets?)|chanted slogans|shouted slogans"),
    ("arson", 2, r"set (?:fire to|on fire|ablaze)|torched|burned down|burnt down|arson|looted|looting|plundered|demolished|destroyed (?:\w+ ){0,2}?(?:homes|houses|shops|property|properties|buildings|crops)"),
    ("arrest", 2, r"arrested|arrests|detained|captured|apprehended|taken into custody|rounded up|nabbed"),
    ("disrupt", 2, r"defused|defusing|deactivated|(?:bomb|explosive)[- ]disposal|(?:discovered|found|recovered|seized|uncovered|intercepted|dismantled|destroyed|neutrali[sz]ed|confiscated) (?:\w+[ -]){0,4}?(?:explosives?|explosive devices?|IEDs?|bombs?|mines|landmines|weapons?|arms|ammunition|munitions|rockets?|missiles?|drones?|grenades?|caches?|pistols|rifles|guns|firearms)|(?:weapons|arms|ammunition) caches?|caches? of (?:weapons|arms|ammunition|explosives)|shot down (?:\w+[ -]){0,3}?(?:drones?|missiles?|rockets?|UAVs?)|foiled|thwarted|failed to (?:explode|detonate)"),
    ("transfer", 2, r"(?:withdrew|withdrawn|pulled out|retreated) (?:its |their )?(?:\w+ )?(?:forces |troops |fighters )?from (?:the |a )?(?:\w+ )?(?:town|city|village|area|district|base|positions?|region|territory)|handed over (?:control|the (?:town|city|area|base|territory|positions?))|without (?:a fight|resistance|a shot being fired)"),
    ("agreement", 2, r"(?:signed|reached|agreed (?:to|on|upon)|brokered|declared|accepted|announced) (?:a |an |the )?(?:\w+[ -]){0,3}?(?:ceasefire|cease-fire|truce|peace (?:deal|agreement|accord)|agreement|accord)|(?:ceasefire|cease-fire|truce) (?:took effect|came into (?:effect|force)|agreement|deal)|prisoners? (?:swap|exchange)|exchanged prisoners|peace (?:deal|agreement|accord) (?:was |were )?signed|signed (?:a |an )?(?:\w+ ){0,2}?(?:deal|pact|memorandum)"),
    ("hq", 2, r"(?:set up|established|setting up|establishing|built|opened|erected|installed) (?:a |an |two |three |several |new |the |their |its )*(?:\w+ ){0,2}?(?:bases?|headquarters|HQs?|outposts?|checkpoints?|military posts?|command centres?|command centers?)"),
    ("group", 2, r"(?:were |was |been )?(?:deployed|redeployed|dispatched) (?:to|in|on|at|along|across)|reinforcements|(?:military|joint|naval|war|army|live-fire) (?:exercises|drills|manoeuvres|maneuvers)|test[- ]fired|(?:missile|weapons?|nuclear) tests?|pledged allegiance|(?:announced|declared) (?:its |their |the )?(?:dissolution|merger|formation|split)|merged with|disbanded|(?:forcibly )?recruited|recruitment drive|(?:troop|military) (?:movements?|build-?up)"),
]

_SINGLE = [re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", re.IGNORECASE) for _, _, p in _TRIGGERS]
_ACRONYM_TRIGGERS = frozenset({"ied", "ieds", "rpg", "rpgs"})


# --------------------------------------------------------------------------- fast matching
# One alternation of ~30 patterns tried at every word start is the slowest part of the pipeline's
# trigger search. The patterns are grouped by the letters a match can start with (read from the
# parsed regex), and each group sits behind a one-character lookahead, so at a given word start the
# engine only tries the patterns that can match there. Semantics are unchanged: at one position the
# first pattern in list order that matches wins, as in a plain alternation.

import re._constants as _sc  # noqa: E402
import re._parser as _sp  # noqa: E402

_ALL = None  # "any character may start a match"


def _first(seq) -> tuple[set[str] | None, bool]:
    """(lower-case first characters or _ALL, nullable) of a parsed regex sequence."""
    out: set[str] = set()
    for op, av in seq:
        if op in (_sc.ASSERT, _sc.ASSERT_NOT, _sc.AT):
            continue
        if op is _sc.LITERAL:
            out.add(chr(av).lower())
            return out, False
        if op is _sc.IN:
            for o, a in av:
                if o is _sc.LITERAL:
                    out.add(chr(a).lower())
                elif o is _sc.RANGE and a[1] - a[0] < 60:
                    out.update(chr(c).lower() for c in range(a[0], a[1] + 1))
                else:
                    return _ALL, False
            return out, False
        if op is _sc.SUBPATTERN:
            f, nullable = _first(av[3])
        elif op is _sc.BRANCH:
            f, nullable = set(), False
            for alt in av[1]:
                g, n = _first(alt)
                if g is _ALL:
                    return _ALL, False
                f |= g
                nullable = nullable or n
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT):
            f, nullable = _first(av[2])
            nullable = nullable or av[0] == 0
        else:
            return _ALL, False
        if f is _ALL:
            return _ALL, False
        out |= f
        if not nullable:
            return out, False
    return out, True


def _grouped_regex(patterns: list[str]) -> tuple[re.Pattern, dict[str, list[int]]]:
    """The grouped alternation and, per first letter, the indexes of the patterns that can start there."""
    firsts = []
    for p in patterns:
        f, nullable = _first(_sp.parse(p, re.IGNORECASE))
        firsts.append(_ALL if nullable else f)
    letters = sorted({c for f in firsts if f is not _ALL for c in f})
    groups = []
    for c in letters:
        alts = [f"(?:{p})" for p, f in zip(patterns, firsts) if f is _ALL or c in f]
        look = re.escape(c) if c.upper() == c else f"[{re.escape(c)}{re.escape(c.upper())}]"
        groups.append(f"(?={look})(?:{'|'.join(alts)})")
    by_letter = {c: [i for i, f in enumerate(firsts) if f is _ALL or c in f] for c in letters}
    return re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])", re.IGNORECASE), by_letter



_RE, _BY_LETTER = _grouped_regex([p for _, _, p in _TRIGGERS])

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
_NEGATED_AFTER = re.compile(r"^\s*(?:was|were)\s+(?:not|never)\b", re.IGNORECASE)
# The grievance of a protest: "protested against the killing of", "a rally over the arrest of".
_PROTEST_OBJECT_BEFORE = re.compile(
    r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march(?:ed|es)?|sit-ins?|strikes?|vigils?|gathered|slogans)\b"
    r"[^.;:!?]{0,80}?\b(?:against|over|after|following|demanding|denouncing|condemning|decrying|"
    r"to (?:denounce|condemn|demand|protest|mark|decry)|in (?:protest|solidarity|memory)|for (?:the )?(?:release|justice)|"
    r"justice for|calling for|in response to|about)\b[^.;:!?]{0,60}$",
    re.IGNORECASE,
)

# Sentence context that re-types generic violence (see the module docstring).
_PROTESTERS = r"protest\w*|demonstrat(?:ors?|ions?)|rall(?:y|ies)|marchers|crowds?|strikers|students|sit-ins?"
_PROTEST_CTX = re.compile(rf"\b(?:{_PROTESTERS})\b", re.IGNORECASE)
_POLICE_CTX = re.compile(
    r"\b(?:police\w*|polices?|cops?|security (?:forces|personnel|officers|agents)|troops|soldiers|army|"
    r"gendarme\w*|riot police|officers|authorities|military|paramilitar\w*|national guard|forces)\b",
    re.IGNORECASE,
)
_MOB_CTX = re.compile(
    r"\b(?:mobs?|rioters|vigilantes?|villagers|residents|communal|lynch\w*|(?:group|groups|gang) of (?:\w+ )?"
    r"(?:people|youths?|men|villagers|residents|supporters|students)|supporters|youths|sticks|machetes|"
    r"stones|clubs|iron rods|sharp weapons)\b",
    re.IGNORECASE,
)
_LIVE_FIRE = re.compile(r"\blive (?:ammunition|rounds|fire|bullets)\b|\bopened fire\b|\bfired (?:on|at|into|upon)\b", re.IGNORECASE)
_PASSIVE_BETWEEN = re.compile(r"\b(?:was|were|been|being|got)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Trigger:
    span: Span
    text: str
    cls: str
    strength: int
    realis: bool
    #: the class that decides the event type when the sentence re-types it ("force", "vdemo",
    #: "intervene", "mob"); None = ``cls``
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
        if word.lower() in _ACRONYM_TRIGGERS and not word.rstrip("s").isupper():
            continue
        if cls == "protest" and _NOT_PROTEST.match(text, m.end(), min(end, m.end() + 20)):
            continue
        realis = _is_realis(text, start, m.start(), m.end())
        if realis and _is_protest_object(text, start, m.start(), word, cls):
            realis = False
        ctx = None
        if cls in _RETYPED:
            if ctx_flags is None:
                sent = text[start:end]
                ctx_flags = (
                    bool(_PROTEST_CTX.search(sent)),
                    bool(_POLICE_CTX.search(sent)),
                    bool(_MOB_CTX.search(sent)),
                    bool(_LIVE_FIRE.search(sent)),
                )
            ctx = _context_class(text, start, m.start(), m.end(), cls, ctx_flags)
        out.append(Trigger((m.start(), m.end()), word, cls, strength, realis, ctx))
    return out


def _which(text: str, m: re.Match, end: int) -> int:
    """Index of the trigger pattern the alternation matched: the first that matches here."""
    pos, stop = m.start(), m.end()
    for i in _BY_LETTER.get(text[pos].lower(), range(len(_SINGLE))):
        mm = _SINGLE[i].match(text, pos, end)
        if mm is not None and mm.end() == stop:
            return i
    raise AssertionError("grouped trigger regex and its patterns disagree")  # pragma: no cover


# "demonstrated that ...", "rallied support": not a protest
_NOT_PROTEST = re.compile(r"\s+(?:that|its|their|his|her|how|the|a|an|support|behind|around|to (?:the|his|her|their) side)\b", re.IGNORECASE)
_RETYPED = frozenset({"kill", "attack", "injure", "clash", "arrest", "arson", "riot"})


def _context_class(text: str, sent_start: int, s: int, e: int, cls: str, flags: tuple[bool, bool, bool, bool]) -> str | None:
    """Protest or mob context of a generic violence trigger (see the module docstring)."""
    protest, police, mob, live = flags
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
    if mob and cls in ("kill", "attack", "injure", "clash", "arson", "riot"):
        return "mob"
    return None


_AGENT = re.compile(rf"\b(?:(?P<p>{_PROTESTERS}|rioters|mobs?)|(?P<f>police\w*|security forces|troops|soldiers|officers))\b", re.IGNORECASE)


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


def _is_realis(text: str, sent_start: int, s: int, e: int) -> bool:
    before = text[max(sent_start, s - 60) : s]
    # only look back within the clause
    cut = max(before.rfind(","), before.rfind(";"), before.rfind('"'), before.rfind("\u201c"))
    clause = before[cut + 1 :] if cut >= 0 else before
    if _IRREALIS_BEFORE.search(clause):
        return False
    if _NEGATED_AFTER.match(text, e, min(len(text), e + 20)):
        return False
    return True


def _is_protest_object(text: str, sent_start: int, s: int, word: str, cls: str) -> bool:
    """A nominal trigger that names what a protest is about ("against the killing of")."""
    if cls in ("protest", "intervene", "vdemo", "riot", "mob"):
        return False
    w = word.lower()
    verb = w.endswith("ed") or w in ("shot", "slain", "hurt", "overran", "retook")
    if verb and not re.search(r"\b(?:the|of)\s+$", text[max(sent_start, s - 5) : s], re.IGNORECASE):
        return False  # a finite verb reports its own event ("protesters demanding justice clashed");
        # "the kidnapped", "of the detained" are nouns
    before = text[max(sent_start, s - 160) : s]
    return bool(_PROTEST_OBJECT_BEFORE.search(before))


_MEANS_CLASSES = frozenset({"chemical", "suicide", "air", "shelling", "explosive", "grenade"})
_HARM_CLASSES = frozenset({"kill", "injure", "attack"})


def classifying_classes(triggers: list[Trigger]) -> list[str]:
    """Trigger classes that decide the event type.

    Strong triggers count, with their context class. A weak *means* trigger ("a roadside bomb",
    "an IED", "rockets") counts only when a strong harm trigger stands close by in the same sentence
    ("a roadside bomb killed two", "killed by an IED"); otherwise it is a device mentioned in passing
    ("detained an IED facilitator").
    """
    out = [t.type_cls for t in triggers if t.strength >= 2]
    harm = [t for t in triggers if t.strength >= 2 and t.cls in _HARM_CLASSES]
    for t in triggers:
        if t.strength >= 2 or t.cls not in _MEANS_CLASSES:
            continue
        if any(abs(h.span[0] - t.span[1]) < 60 or abs(t.span[0] - h.span[1]) < 60 for h in harm):
            out.append(t.cls)
    return out


_STATE_WORDS = frozenset({"state forces", "external forces"})


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

    ``perpetrator_categories`` / ``victim_categories`` (optional) refine the type: territory taken
    by state forces is *Government regains territory*; killing or injuring protesters is
    *Excessive force against protesters* / *Protest with intervention*, rioters' violence a
    *Violent demonstration*.
    """
    present = set(classes)
    perp = set(perpetrator_categories or ())
    vict = set(victim_categories or ())
    if "protest" in present and "riot" in present:
        present.add("vdemo")
    if "protesters" in vict and perp & _STATE_WORDS and present & {"kill", "attack", "injure"} and not present & {"vdemo"}:
        present.add("force" if "kill" in present else "intervene")
    if "rioters" in perp and present & {"kill", "attack", "injure", "arson"}:
        present.add("vdemo")
    for cls in _CLASS_PRIORITY:
        if cls not in present:
            continue
        if cls in ("kill", "attack", "injure"):
            return "Armed clash" if victims_armed else "Attack"
        if cls == "overtake" and perp and perp <= _STATE_WORDS:
            return "Government regains territory"
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
    r"since (?:the (?:start|beginning|outbreak)|(?:19|20)\d\d)|so far this year|to date|in total|"
    r"(?:war|conflict|insurgency|fighting|violence|campaign|uprising)s? (?:which |that )?(?:\w+ ){0,8}?"
    r"(?:has|have|had) (?:left|claimed|killed|cost)|"
    r"(?:war|conflict|insurgency) in which|responsible for (?:the )?(?:deaths?|killings?|killing)|"
    r"(?:deadliest|worst) (?:attack|incident|day) since|anniversary|years? ago|last year|decades? ago)\b",
    re.IGNORECASE,
)
