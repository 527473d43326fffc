"""Documented label mappings between the gold taxonomies and harmwatch's ACLED taxonomy,
and the leading-date-phrase rule used to make GTD/ACLED date scores honest.

Every mapping is also tabled in docs/EVALUATION.md; change both together.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------- GTD -> ACLED

#: GTD ``attacktype1_txt`` -> ACLED sub-event type. Refinements by other gold columns of the same
#: row are applied in :func:`gtd_sub_event` (suicide flag, weapon subtype, target type).
GTD_ATTACK_TO_ACLED: dict[str, str | None] = {
    "Bombing/Explosion": "Remote explosive/landmine/IED",
    "Armed Assault": "Attack",
    "Assassination": "Attack",
    "Unarmed Assault": "Attack",
    "Hostage Taking (Kidnapping)": "Abduction/forced disappearance",
    "Hostage Taking (Barricade Incident)": "Abduction/forced disappearance",
    "Hijacking": "Abduction/forced disappearance",
    "Facility/Infrastructure Attack": "Looting/property destruction",
    "Unknown": None,  # not scored
}

#: GTD target types whose armed assaults ACLED codes as battles (armed group vs armed group)
GTD_ARMED_TARGETS = {"Military", "Police"}


def gtd_sub_event(
    attacktype: str, suicide: str = "0", weapsubtype: str = "", targtype: str = "", success: str | None = None
) -> str | None:
    """ACLED sub-event type for a GTD row.

    * Bombing/Explosion with ``success`` == 0 (the device was defused, intercepted or failed to go
      off) -> Disrupted weapons use, ACLED's sub-event for an explosion that was prevented. Only
      applied when the caller passes GTD's ``success`` column (None = not given: no refinement).
    * Bombing/Explosion: suicide == 1 -> Suicide bomb; weapon subtype Grenade -> Grenade;
      weapon subtype "Projectile (rockets, mortars, RPGs, etc.)" -> Shelling/artillery/missile attack;
      otherwise Remote explosive/landmine/IED.
    * Armed Assault on a Military or Police target -> Armed clash (ACLED codes two armed sides as a
      battle); on anything else -> Attack.
    * the rest as in :data:`GTD_ATTACK_TO_ACLED`.
    """
    base = GTD_ATTACK_TO_ACLED.get(attacktype.strip())
    if base is None:
        return None
    if attacktype == "Bombing/Explosion":
        if success is not None and str(success).strip() in ("0", "0.0"):
            return "Disrupted weapons use"
        if str(suicide).strip() in ("1", "1.0"):
            return "Suicide bomb"
        if weapsubtype.startswith("Grenade"):
            return "Grenade"
        if weapsubtype.startswith("Projectile"):
            return "Shelling/artillery/missile attack"
    if attacktype == "Armed Assault" and targtype in GTD_ARMED_TARGETS:
        return "Armed clash"
    return base


# --------------------------------------------------------------------------- MUC -> ACLED

#: MUC-4 ``INCIDENT: TYPE`` -> ACLED sub-event type (None: no violent ACLED equivalent, not scored)
MUC_TYPE_TO_ACLED: dict[str, str | None] = {
    "ATTACK": "Attack",
    "BOMBING": "Remote explosive/landmine/IED",
    "KIDNAPPING": "Abduction/forced disappearance",
    "ARSON": "Looting/property destruction",
    "ROBBERY": "Looting/property destruction",
    "FORCED WORK STOPPAGE": None,
}

# --------------------------------------------------------------------------- ISAF -> ACLED

#: ISAF annotation ``event_type`` -> ACLED sub-event type
ISAF_TYPE_TO_ACLED: dict[str, str | None] = {
    "airstrike": "Air/drone strike",
    "detention": "Arrests",
    "captureandkill": "Armed clash",
    "insurgentskilled": "Armed clash",
    "exchangeoffire": "Armed clash",
    "civiliancasualty": "Attack",
}

# --------------------------------------------------------------------------- ACLED -> CASE 2021

#: ACLED sub-event type -> CASE 2021 task-2 label (the task's labels are ACLED-derived)
ACLED_TO_CASE: dict[str, str] = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE",
    "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Arrests": "ARREST",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Disrupted weapons use": "DISR_WEAP",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Agreement": "AGREEMENT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
}

#: CASE's 25 "seen" labels (its subtask 1): the ACLED-derived ones. The "unseen" ones (ORG_CRIME,
#: NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) name no ACLED event type.
CASE_SEEN = frozenset(ACLED_TO_CASE.values())

#: harmwatch's non-conflict causes of harm (``DocumentResult.excluded``) -> CASE's unseen labels; a
#: document with an incident keeps its incident's label
NON_CONFLICT_TO_CASE: dict[str, str] = {"natural disaster": "NATURAL_DISASTER", "accident": "MAN_MADE_DISASTER"}

#: the label a document gets when harmwatch finds no incident in it (never a gold label)
NO_EVENT = "NO_EVENT"

# --------------------------------------------------------------------------- leading date phrases

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (rf"(?:{_DAY}(?:\s*(?:-|–|and|to)\s*{_DAY})?\s+{_MONTH}(?:\s+\d{{4}})?"
         rf"|{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{4}})")
_LEAD_WORDS = (r"(?:On or around|On or about|Overnight on|As reported on|Reported on|On|Around|About|"
               r"Between|From|During|Over|By|Since|As of|In|At|Late on|Early on)")
#: "On 27 April 2020, ...", "Around 9 June 2019 (as reported), ...", "Arrests: On 1 May 2020, ..."
LEADING_DATE_PHRASE = re.compile(
    rf"^(?P<label>[A-Z][A-Za-z /-]{{2,40}}:\s+)?(?:{_LEAD_WORDS}\s+)?(?:the\s+)?"
    rf"(?:(?:night|morning|evening|weekend|week|afternoon)\s+of\s+)?{_DATE}(?:\s*\([^)]{{0,40}}\))?\s*,?\s*"
)
#: GTD summaries: "01/23/2021: ..."
LEADING_NUMERIC_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s*:\s*")


def strip_leading_date(text: str) -> str:
    """``text`` without a leading date phrase ("01/23/2021: ", "On 27 April 2020, "), keeping a
    leading category label ("Arrests: "); the next letter is upper-cased. Unchanged if none."""
    m = LEADING_NUMERIC_DATE.match(text)
    if m:
        rest = text[m.end():]
        return rest[:1].upper() + rest[1:]
    m = LEADING_DATE_PHRASE.match(text)
    if not m:
        return text
    label = m.group("label") or ""
    rest = text[m.end():]
    return label + rest[:1].upper() + rest[1:]
