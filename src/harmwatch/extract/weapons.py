"""Weapons named in a sentence, normalised to a small canonical vocabulary.

Categories follow the GTD/ACLED habit of coarse weapon classes: firearms,
explosives, incendiary, melee, chemical, aircraft (air strikes), artillery
(shells, rockets, missiles), vehicle (ramming), and less-lethal (the crowd
control means of a protest: tear gas, stun grenades, rubber bullets, water
cannon), which must not be read as explosives or chemical weapons.
"""

from __future__ import annotations

import re

from harmwatch.extract.fastmatch import grouped_regex, which_pattern
from harmwatch.types import WeaponMention

# (canonical name, category, pattern). Order matters: longer/more specific first.
_LEXICON: list[tuple[str, str, str]] = [
    ("suicide vest", "explosives", r"suicide (?:vests?|belts?)|explosive (?:vests?|belts?)"),
    ("car bomb", "explosives", r"car[- ]bombs?|vehicle[- ]borne (?:improvised )?explosive devices?|VBIEDs?|booby[- ]trapped (?:car|vehicle)s?|explosives?[- ]laden (?:car|truck|vehicle)s?"),
    ("improvised explosive device", "explosives", r"improvised explosive devices?|IEDs?|roadside bombs?|explosive devices?"),
    ("landmine", "explosives", r"land ?mines?|anti-personnel mines?"),
    ("tear gas", "less-lethal", r"tear[- ]?gas(?: (?:shells?|canisters?|grenades?))?"),
    ("stun grenade", "less-lethal", r"stun grenades?|flash[- ]bangs?"),
    ("rubber bullets", "less-lethal", r"rubber(?:[- ]coated)? bullets|plastic bullets|pellet guns?"),
    ("water cannon", "less-lethal", r"water[- ]can+ons?"),
    ("pepper spray", "less-lethal", r"pepper spray"),
    ("hand grenade", "explosives", r"hand[- ]grenades?"),
    ("rocket-propelled grenade", "explosives", r"rocket[- ]propelled grenades?|RPGs?"),
    ("grenade", "explosives", r"grenades?"),
    ("dynamite", "explosives", r"dynamite|(?:sticks? of )?TNT"),
    ("bomb", "explosives", r"bombs?|explosives?"),
    ("sniper rifle", "firearms", r"sniper (?:rifles?|weapons?|fire)|snipers?"),
    ("machine gun", "firearms", r"(?:heavy |light )?machine[- ]?guns?"),
    ("assault rifle", "firearms", r"assault rifles?|AK-?47s?|Kalashnikovs?|M-?16s?|rifles?"),
    ("handgun", "firearms", r"handguns?|pistols?|revolvers?"),
    ("firearm", "firearms", r"firearms?|guns?|gunfire|automatic weapons?|small arms"),
    ("mortar", "artillery", r"mortars?(?: (?:shells?|rounds?|bombs?))?"),
    ("artillery", "artillery", r"artillery|shells?|shelling|howitzers?|tank (?:fire|shells?)"),
    ("rocket", "artillery", r"rockets?|Katyushas?|Grads?"),
    ("missile", "artillery", r"(?:ballistic |cruise |guided )?missiles?"),
    ("drone", "aircraft", r"(?:armed |attack |kamikaze |suicide )?drones?|UAVs?"),
    ("aircraft", "aircraft", r"air ?strikes?|air raids?|warplanes?|fighter jets?|jets?|helicopters?|gunships?|aircraft|bombers?"),
    ("chemical weapon", "chemical", r"chemical weapons?|chemical agents?|chlorine gas|sarin|mustard gas|toxic gas|nerve agents?"),
    ("knife", "melee", r"knives|knife|machetes?|swords?|axes?|daggers?|blades?|sharp (?:tool|object|weapon)s?"),
    ("blunt object", "melee", r"clubs?|sticks|batons?|iron bars?|stones|rocks|hammers?"),
    ("incendiary", "incendiary", r"molotov cocktails?|petrol bombs?|firebombs?|incendiary (?:devices?|bombs?)|arson"),
    ("vehicle", "vehicle", r"(?:rammed|ramming|drove|ploughed|plowed) (?:a |his |her |their )?(?:car|truck|van|vehicle)s?(?: into)?"),
]

# "rocks"/"stones" etc. are too generic outside a violence sentence; the caller only passes
# sentences that belong to an incident, which keeps precision acceptable.

# One alternation of the lexicon, grouped by first letter for speed (see events.grouped_regex: same
# matches as the plain word-bounded alternation); the lexicon entry of a match is the first single
# pattern that matches there with the same end.
_RE, _BY_LETTER = grouped_regex([pat for _, _, pat in _LEXICON])
_SINGLE = [re.compile(rf"(?<![\w-])(?:{pat})(?![\w-])", re.IGNORECASE) for _, _, pat in _LEXICON]
_ACRONYMS = frozenset({"ied", "ieds", "rpg", "rpgs", "tnt", "vbied", "vbieds", "uav", "uavs"})
def find_weapons(text: str, start: int = 0, end: int | None = None) -> list[WeaponMention]:
    """Weapons mentioned in ``text[start:end]``, non-overlapping, in order."""
    end = len(text) if end is None else end
    matches = list(_RE.finditer(text, start, end))
    if not matches:
        return []
    out: list[WeaponMention] = []
    for m in matches:
        idx = which_pattern(_SINGLE, _BY_LETTER, text, m, end)
        name, category, _ = _LEXICON[idx]
        word = m.group()
        # acronyms must be written in capitals ("ied" or "tnt" in running text is noise)
        if word.lower() in _ACRONYMS and not word.rstrip("s").isupper():
            continue
        if name == "aircraft" and word.lower() in ("jet", "jets") and not _near_violence(text, m.start()):
            continue
        out.append(WeaponMention((m.start(), m.end()), name, category))
    return out


def _near_violence(text: str, pos: int) -> bool:
    window = text[max(0, pos - 60) : pos + 60].lower()
    return any(w in window for w in ("strike", "bomb", "attack", "fired", "raid", "shot down"))


def unique_weapons(mentions: list[WeaponMention]) -> list[dict]:
    """Group mentions by canonical name: [{name, category, evidence: [[s, e], ...]}]."""
    seen: dict[str, dict] = {}
    for w in mentions:
        entry = seen.setdefault(w.name, {"name": w.name, "category": w.category, "evidence": []})
        entry["evidence"].append([w.span[0], w.span[1]])
    # a specific weapon makes its generic parent redundant ("hand grenade" vs "grenade")
    names = set(seen)
    if "hand grenade" in names or "rocket-propelled grenade" in names:
        seen.pop("grenade", None)
    if names & {"car bomb", "improvised explosive device", "suicide vest", "hand grenade", "grenade"}:
        seen.pop("bomb", None)
    if names & {"sniper rifle", "machine gun", "assault rifle", "handgun"}:
        seen.pop("firearm", None)
    if "mortar" in names:
        seen.pop("artillery", None)
    return list(seen.values())
