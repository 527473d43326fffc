"""Event triggers and event typing.

A trigger is a word or phrase that says violence happened ("opened fire",
"slaughtered", "car bomb exploded", "clashes"). Each trigger pattern carries a
*class* that decides the ACLED sub-event type, and a *strength*: strong
triggers can open a new incident, weak ones ("targeted", "attack" used as a
noun) only add to one that is already open.

Triggers in irrealis contexts (threats, plans, habits, conditionals, denials)
are marked ``realis=False`` and never open an incident: "threatening to kill
families who try to flee" reports no killing.

The ACLED taxonomy (event type / sub-event type) and the CAMEO codes it maps
to are in :data:`SUB_EVENTS`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmwatch.types import Span

# sub-event type -> (ACLED event type, CAMEO code or None)
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
    "Violent demonstration": ("Riots", "145"),
    "Mob violence": ("Riots", "145"),
    "Arrests": ("Strategic developments", "173"),
    "Looting/property destruction": ("Strategic developments", "1712"),
}

# class -> sub-event type; "kill" and "attack" are decided by who the victims are
_CLASS_PRIORITY = [
    "chemical",
    "suicide",
    "air",
    "shelling",
    "explosive",
    "grenade",
    "sexual",
    "abduction",
    "clash",
    "regain",
    "overtake",
    "kill",
    "attack",
    "injure",
    "riot",
    "arson",
    "arrest",
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
    "riot": "Mob violence",
    "arson": "Looting/property destruction",
    "arrest": "Arrests",
}

# (class, strength, pattern); strength 2 = strong, 1 = weak
_TRIGGERS: list[tuple[str, int, str]] = [
    ("chemical", 2, r"chemical (?:weapons? )?attacks?|(?:chlorine|sarin|mustard|toxic) gas attacks?|gassed"),
    ("suicide", 2, r"suicide (?:bomb(?:er|ing)?s?|attacks?|attackers?|car bomb(?:er|ing)?s?|blasts?|explosions?)|blew (?:him|her)self up|blew themselves up|detonated (?:his|her|their) (?:explosive |suicide )?(?:vest|belt)s?"),
    ("air", 2, r"air ?strikes?|air raids?|drone (?:strikes?|attacks?)|(?:war)?planes? (?:struck|bombed|hit|attacked)|aerial (?:bombardment|attacks?|bombing)|bombed from the air|helicopter gunships? (?:fired|attacked)"),
    ("shelling", 2, r"shelling|shelled|artillery (?:fire|strikes?|attacks?|shells?)|mortar (?:attacks?|fire|shells?|rounds?|bombs?)|mortars? (?:landed|hit|struck|fell)|rocket (?:attacks?|fire|strikes?)|rockets? (?:landed|hit|struck|fell|were fired|was fired)|fired rockets?|missile (?:attacks?|strikes?)|missiles? (?:hit|struck|landed)|bombardment|bombarded"),
    ("explosive", 2, r"(?:car[- ]|roadside |truck |parcel |letter |pipe |remote[- ]controlled )?(?:bomb|explosion|blast|explosives?|device|mine|landmine|IED)s? (?:exploded|went off|detonated|ripped through|tore through|struck|hit|killed|kills|wounded|injured)|car[- ]bombings?|explosions?|blasts?|bombings?|bombed|detonated|set off (?:a |an )?(?:bomb|explosive)|struck (?:a |an )?(?:land ?mine|mine|IED|roadside bomb)|(?:IED|bomb|grenade|mortar|rocket) attacks?"),
    # the device alone ("an IED facilitator", "found a car bomb") is a means, not an event: weak
    ("explosive", 1, r"car[- ]bombs?|(?:roadside|remote[- ]controlled|truck|parcel|letter|pipe) bombs?|improvised explosive devices?|IEDs?|explosive devices?|bombs?"),
    ("grenade", 2, r"grenade attacks?|(?:threw|hurled|lobbed|tossed) (?:a |an |two |several )?(?:hand[- ])?grenades?"),
    ("sexual", 2, r"raped|rapes?|sexual(?:ly)? (?:violence|assault(?:ed)?|abused?)|gang-raped"),
    ("abduction", 2, r"kidnapp(?:ed|ing|ings)|abduct(?:ed|ion|ions|ing)|taken hostage|took (?:\w+ )?hostages?|held hostage|hijack(?:ed|ing)"),
    ("clash", 2, r"clash(?:es|ed)?|fighting|firefights?|fire ?fights?|gun ?battles?|(?:heavy )?exchanges? of fire|exchanged fire|battled|engaged (?:the )?(?:enemy|insurgents|militants|rebels|fighters)|(?:fierce|heavy) (?:fighting|battles?|combat)|skirmish(?:es)?|in combat with"),
    ("regain", 2, r"recaptured|retook|regained control|liberated|(?:took|retook|regained) back"),
    ("overtake", 2, r"overran|seized control|captured the (?:town|city|village|district|base)|took control of the (?:town|city|village|district|base)"),
    ("kill", 2, r"killed|kills|killing|slaughter(?:ed|ing)?|massacre[ds]?|murder(?:ed|s)?|executed|shot dead|shot and killed|gunned down|assassinat(?:ed|ion)|beheaded|slain|lynched|(?:were|was|been) shot|shot (?:at|him|her|them|\w+ times)|stabbed(?: to death)?|stabbing|hacked to death|burned alive|death toll|lost (?:their|his|her) lives|left (?:\w+ )?dead|bodies (?:of|were)"),
    ("attack", 2, r"(?<!a )(?<!the )(?<!warning )shot(?! (?:glass|put|down the|across))|opened fire|open fire|fired (?:on|at|upon)|shooting|shootings|gunfire|gunmen (?:attacked|stormed)|ambush(?:ed|es)?|attacked|stormed|raided|assaulted|mass shooting|knife attack|rammed"),
    ("attack", 1, r"attacks?|assaults?|raids?|targeted|targeting|violence|carnage|atrocit(?:y|ies)|terrorist acts?|shots rang out"),
    ("injure", 2, r"wounded|injured|injuring|wounding|hurt"),
    ("kill", 1, r"died|dead|deaths?|kill"),
    ("riot", 2, r"riots?|rioters|rioting|mob (?:attacked|violence|lynched)|lynch mob|violent protests?|protesters? (?:clashed|threw stones|torched)"),
    ("arson", 2, r"set (?:fire to|on fire|ablaze)|torched|burned down|burnt down|arson"),
    ("arrest", 2, r"arrested|detained|captured|apprehended|taken into custody"),
]

_ALT = "|".join(f"(?P<t{i}>{p})" for i, (_, _, p) in enumerate(_TRIGGERS))
_RE = re.compile(rf"(?<![\w-])(?:{_ALT})(?![\w-])", re.IGNORECASE)
_ACRONYM_TRIGGERS = frozenset({"ied", "ieds"})

# Irrealis cues in the few words before a trigger.
_IRREALIS_BEFORE = re.compile(
    r"(?:\b(?:threat(?:en(?:ed|ing|s)?)?|vow(?:ed|s|ing)?|plann?(?:ed|ing|s)?|plot(?:ted|ting)?|intend(?:ed|s)?|"
    r"aim(?:ed|ing)? to|tr(?:y|ied|ying) to|attempt(?:ed|ing)? to|wants? to|want(?:ed|ing)? to|seek(?:s|ing)? to|"
    r"would|could|might|may|will|shall|should|lest|if|unless|whether|prevent(?:ed|ing)?|avert(?:ed|ing)?|foil(?:ed|ing)?|"
    r"thwart(?:ed|ing)?|warn(?:ed|s|ing)?(?: of)?|fear(?:ed|s)?|risk(?:s|ed)?|used to|no|not|never|without|"
    r"condemn(?:ed|s)?|anniversary of|commemorat\w*|memorial|trial|sentenced|convicted|charged|accused)\b[^.;:]{0,40})$",
    re.IGNORECASE,
)
_NEGATED_AFTER = re.compile(r"^\s*(?:was|were)\s+(?:not|never)\b", re.IGNORECASE)
_PREFILTER = re.compile(
    r"kill|slaught|massac|murder|execut|shot|shoot|gun|assassin|behead|slain|lynch|stab|hack|burn|death|dead|"
    r"died|lives|bod(?:y|ies)|fire|ambush|attack|storm|raid|assault|ramm|target|violen|carnage|atroc|terror|"
    r"wound|injur|hurt|riot|mob|protest|torch|arson|arrest|detain|captur|apprehend|custody|bomb|explo|blast|"
    r"IED|device|mine|grenade|shell|artiller|mortar|rocket|missile|air ?strike|air raid|drone|plane|aerial|"
    r"helicopter|chemical|gas|suicide|blew|rape|sexual|kidnap|abduct|hostage|hijack|clash|fight|battle|"
    r"exchange|engag|skirmish|combat|recaptur|retook|regain|liberat|overran|seized|took",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Trigger:
    span: Span
    text: str
    cls: str
    strength: int
    realis: bool


def find_triggers(text: str, start: int, end: int) -> list[Trigger]:
    """Violence triggers in one sentence, in order, with their class and realis flag."""
    if not _PREFILTER.search(text, start, end):
        return []
    out: list[Trigger] = []
    for m in _RE.finditer(text, start, end):
        idx = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
        cls, strength, _ = _TRIGGERS[idx]
        word = m.group()
        if word.lower() in _ACRONYM_TRIGGERS and not word.rstrip("s").isupper():
            continue
        realis = _is_realis(text, start, m.start(), m.end())
        out.append(Trigger((m.start(), m.end()), word, cls, strength, realis))
    return out


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


_MEANS_CLASSES = frozenset({"chemical", "suicide", "air", "shelling", "explosive", "grenade"})
_HARM_CLASSES = frozenset({"kill", "injure", "attack"})


def classifying_classes(triggers: list[Trigger]) -> list[str]:
    """Trigger classes that decide the event type.

    Strong triggers count. A weak *means* trigger ("a roadside bomb", "an IED") counts only when a
    strong harm trigger stands close by in the same sentence ("a roadside bomb killed two", "killed by
    an IED"); otherwise it is a device mentioned in passing ("detained an IED facilitator").
    """
    out = [t.cls for t in triggers if t.strength >= 2]
    harm = [t for t in triggers if t.strength >= 2 and t.cls in _HARM_CLASSES]
    for t in triggers:
        if t.strength >= 2 or t.cls not in _MEANS_CLASSES:
            continue
        if any(abs(h.span[0] - t.span[1]) < 60 or abs(t.span[0] - h.span[1]) < 60 for h in harm):
            out.append(t.cls)
    return out


def classify(classes: list[str], *, victims_armed: bool, perpetrator_known: bool) -> str | None:
    """The ACLED sub-event type for the trigger classes of one incident.

    Specific means (air strike, shelling, IED...) win over generic killing; a
    generic attack or killing is *Armed clash* when the victims are an armed
    party, otherwise *Attack* (violence against civilians).
    """
    present = set(classes)
    for cls in _CLASS_PRIORITY:
        if cls not in present:
            continue
        if cls in ("kill", "attack", "injure"):
            return "Armed clash" if victims_armed else "Attack"
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
