"""Casualty claims on real sentences: the seed, MUC-3/4 (public domain), ISAF press
releases (CC BY-SA 3.0) and Wikinews (CC BY 2.5). Synthetic only where the corpora have
no example of the pattern."""

from __future__ import annotations

import pytest

from casualty_helpers import claims

from harmwatch.extract.casualties import find_casualty_claims, reconcile
from harmwatch.types import CasualtyClaim


def row(text: str, c: CasualtyClaim):
    """(kind, min, best, max, qualifier, evidence words)"""
    return (c.kind, c.min, c.best, c.max, c.qualifier, [text[s:e] for s, e in c.evidence])


CASES = [
    # --- seed
    ('"At least 250 civilians, including women, children and old people, were killed in these attacks.',
     [("killed", 250, 250, None, "at least", ["At least 250", "killed"])]),
    ('The "Islamic State of Iraq and Syria" (ISIS) on Saturday (June 3rd) slaughtered dozens of civilians as '
     "they fled areas under its control in western Mosul, Iraqi officials told Diyaruna.",
     [("killed", 24, 24, None, "dozens", ["dozens", "slaughtered"])]),
    # --- MUC
    ("ACCORDING TO PROVISIONAL DATA, DURING OCTOBER MORE THAN 350 PEOPLE WERE KILLED IN PERU AS A RESULT OF "
     "THE TERRORIST OFFENSIVE AGAINST THE ELECTIONS.",
     [("killed", 351, 351, None, "more than", ["MORE THAN 350", "KILLED"])]),
    ("MEANWHILE, THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED DURING CLASHES YESTERDAY IN "
     "USULUTAN AND MORAZAN DEPARTMENTS.",
     [("killed", 3, 3, 3, None, ["THREE", "KILLED"]), ("injured", 7, 7, 7, None, ["SEVEN", "WOUNDED"])]),
    ("THE ATONAL BATTALION REPORTED THAT ONE EXTREMIST WAS KILLED AND FIVE OTHERS WERE WOUNDED DURING A CLASH",
     [("killed", 1, 1, 1, None, ["ONE", "KILLED"]), ("injured", 5, 5, 5, None, ["FIVE", "WOUNDED"])]),
    ("THE SALVADORAN GUERRILLAS DECIDED TO SUSPEND THE DIALOGUE PROCESS WITH THE GOVERNMENT FOLLOWING THE "
     "31 OCTOBER DYNAMITE ATTACK THAT LEFT 10 DEAD AND 30 WOUNDED,",
     [("killed", 10, 10, 10, None, ["10", "DEAD"]), ("injured", 30, 30, 30, None, ["30", "WOUNDED"])]),
    ("GUATEMALA CITY, 10 AUG 89 (AFP) -- [TEXT] THREE EXPLOSIONS ROCKED GUATEMALA CITY TODAY, LEAVING AT "
     "LEAST ONE DEAD, FIVE WOUNDED, AND VEHICLES AND STORES DAMAGED.",
     [("killed", 1, 1, None, "at least", ["AT LEAST ONE", "DEAD"]), ("injured", 5, 5, 5, None, ["FIVE", "WOUNDED"])]),
    ("SEVERAL SECURITY FORCES HEADQUARTERS HAVE ALSO BEEN HIT BY THESE ATTACKS AND AN AVIANCA AIRLINES PLANE "
     "BLEW UP IN MIDAIR ON 27 NOVEMBER KILLING ALL 107 PASSENGERS AND CREW.",
     [("killed", 107, 107, 107, None, ["107", "KILLING"])]),
    ("TROOPS, WHICH FOR THE PAST SEVERAL WEEKS HAVE BEEN CONDUCTING MANEUVERS IN THE NORTHERN REGION, WITH "
     "RIFLE FIRE AND GRENADES, MANAGING TO \"NEUTRALIZE THE YANKEE CONVOY'S REARGUARD, KILLING ONE SOLDIER AND "
     "WOUNDING THREE OR FOUR.",
     [("killed", 1, 1, 1, None, ["ONE", "KILLING"]), ("injured", 3, 3, 4, "range", ["THREE OR FOUR", "WOUNDING"])]),
    ("EARLY THIS MORNING, GUERRILLA COLUMNS ATTACKED THE 1ST INFANTRY BRIGADE'S POSITIONS IN MARIONA, LOCATED "
     "ON THE NORTHERN OUTSKIRTS OF SAN SALVADOR, KILLING ONE SOLDIER AND WOUNDING ANOTHER.",
     [("killed", 1, 1, 1, None, ["ONE", "KILLING"]), ("injured", 1, 1, 1, None, ["ANOTHER", "WOUNDING"])]),
    ("IT WAS ALSO REPORTED THAT A SOLDIER WAS WOUNDED AND TAKEN TO THE MILITARY HOSPITAL IN THIS CAPITAL.",
     [("injured", 1, 1, 1, None, ["A", "WOUNDED"])]),
    ("THE SAME MILITARY UNIT REPORTED THAT THERE WAS ANOTHER CLASH THAT RESULTED IN ONE DEAD TERRORIST AND "
     "THE SEIZURE OF VARIOUS KINDS OF WAR MATERIEL",
     [("killed", 1, 1, 1, None, ["ONE", "DEAD"])]),
    ("TRAVELLERS ARRIVING FROM LA MAR PROVINCE SAID THAT ON 23 SEPTEMBER 28 BODIES OF ALLEGED PEASANTS WERE "
     "FOUND NEAR THE TOWN OF CHULLAS.",
     [("killed", 28, 28, 28, None, ["28", "BODIES"])]),
    ('THE SALVADORAN ARMY SAID TODAY THAT TWO "ATTACKERS" HAD LOST THEIR LIVES WHEN THEY CONFRONTED SOLDIERS',
     [("killed", 2, 2, 2, None, ["TWO", "LOST THEIR LIVES"])]),
    ('"WE DEEPLY REGRET THE DEATHS OF TWO VALUABLE PERSONS, AND WE CONDEMN THIS ACT OF VIOLENCE," THE NOTE ADDS.',
     [("killed", 2, 2, 2, None, ["TWO", "THE DEATHS OF"])]),
    ("HE REPORTED THAT THE FMLN OFFENSIVE RESULTED IN 1,484 GUERRILLAS AND 284 SOLDIERS KILLED.",
     [("killed", 1768, 1768, 1768, None, ["1,484", "284", "KILLED"])]),
    ("ACCORDING TO OFFICIAL SOURCES, THE OFFENSIVE THAT THE FMLN BEGAN ON 11 NOVEMBER, WHICH HAS YIELDED "
     "2,000 DEAD AND THOUSANDS OF WOUNDED,",
     [("killed", 2000, 2000, 2000, None, ["2,000", "DEAD"]),
      ("injured", 2000, 2000, None, "thousands", ["THOUSANDS", "WOUNDED"])]),
    ("AFTER THE TREATY WENT INTO EFFECT, HUNDREDS OF COLOMBIANS WERE MURDERED, INCLUDING JUSTICE MINISTER "
     "RODRIGO LARA BONILLA.",
     [("killed", 200, 200, None, "hundreds", ["HUNDREDS", "MURDERED"])]),
    ("THE GOVERNOR OF ANTIOQUIA WAS MURDERED ON 4 JULY.", [("killed", 1, 1, 1, None, ["THE", "MURDERED"])]),
    # --- none reported
    ("THE SPOKESMAN ADDED THAT NO ONE WAS INJURED AND THAT LEOPOLDO MOREAU, THE UCR BUENOS AIRES PROVINCE "
     "LEADER, HAS TRAVELLED TO MORENO.",
     [("injured", 0, 0, 0, "none reported", ["NO ONE", "INJURED"])]),
    ("NATIONAL GUARD UNITS GUARDING THE LAS CANAS BRIDGE, WHICH IS ON THE NORTHERN TRUNK HIGHWAY IN APOPA, "
     "THIS MORNING REPELLED A TERRORIST ATTACK THAT RESULTED IN NO CASUALTIES.",
     [("killed", 0, 0, 0, "none reported", ["NO", "CASUALTIES"]),
      ("injured", 0, 0, 0, "none reported", ["NO", "CASUALTIES"])]),
    ("FORTUNATELY, THERE WERE NO FATALITIES.", [("killed", 0, 0, 0, "none reported", ["NO", "FATALITIES"])]),
    # --- ISAF
    ("The air weapons team on scene engaged the enemy position, killing two insurgents and wounding several others..",
     [("killed", 2, 2, 2, None, ["two", "killing"]), ("injured", 3, 3, None, "several", ["several", "wounding"])]),
    ("Security forces responded by dropping a hand grenade into the well, killing one and wounding two others.",
     [("killed", 1, 1, 1, None, ["one", "killing"]), ("injured", 2, 2, 2, None, ["two", "wounding"])]),
    ("The commander is linked to an improvised explosive device attack that killed four US soldiers on Tuesday.",
     [("killed", 4, 4, 4, None, ["four", "killed"])]),
    ("During the attack, two American soldiers were killed, three Americans wounded and two Afghan National "
     "Army soldiers were killed along with one local national.",
     [("killed", 2, 2, 2, None, ["two", "killed"]), ("injured", 3, 3, 3, None, ["three", "wounded"]),
      # "along with one local national" adds one victim to the two soldiers
      ("killed", 3, 3, 3, None, ["two", "one", "killed"])]),
    ("The engagement resulted in 14 insurgents killed and one wounded.",
     [("killed", 14, 14, 14, None, ["14", "killed"]), ("injured", 1, 1, 1, None, ["one", "wounded"])]),
    ("During the operation, several suspected insurgents were detained and two were killed.",
     [("killed", 2, 2, 2, None, ["two", "killed"])]),
    ("The final engagement resulted in ten insurgent deaths.", [("killed", 10, 10, 10, None, ["ten", "deaths"])]),
    ("There are no reports of injuries to civilians in this remote area of Kunar..",
     [("injured", 0, 0, 0, "none reported", ["no", "injuries"])]),
    # --- Wikinews
    ("Dozens died in the attack, reportedly conducted by the Taliban.",
     [("killed", 24, 24, None, "dozens", ["Dozens", "died"])]),
    ("Abdurrahman Mangal, spokesperson for the provincial governor, said the attack had killed twelve and "
     "injured twelve more.",
     [("killed", 12, 12, 12, None, ["twelve", "killed"]), ("injured", 12, 12, 12, None, ["twelve", "injured"])]),
    ("On Saturday morning, a gunman shot shoppers at a Walmart store in the U.S. border city of El Paso, Texas, "
     "with the death toll rising to 22 people on Monday, reported officials, with 25 others injured.",
     [("killed", 22, 22, 22, None, ["22", "death toll rising to"]), ("injured", 25, 25, 25, None, ["25", "injured"])]),
    ("The first attack reportedly was in Al Noor Mosque at about 13:40 local time (0040 UTC), which left at "
     "least 42 people dead.",
     [("killed", 42, 42, None, "at least", ["at least 42", "dead"])]),
    ("Four stabbed to death at Paris police headquarters", [("killed", 4, 4, 4, None, ["Four", "stabbed to death"])]),
    ("Three killed, three others injured in stabbing attack in Reading, UK",
     [("killed", 3, 3, 3, None, ["Three", "killed"]), ("injured", 3, 3, 3, None, ["three", "injured"])]),
    ("Bombs kill at least 20 at cathedral in Mindanao, Philippines",
     [("killed", 20, 20, None, "at least", ["at least 20", "kill"])]),
    ("The local police chief and two others were also injured.",
     [("injured", 3, 3, 3, None, ["The", "two", "injured"])]),
    ("Last week a Kabul car bombing killed five and wounded 110, another attack ascribed to the Taliban.",
     [("killed", 5, 5, 5, None, ["five", "killed"]), ("injured", 110, 110, 110, None, ["110", "wounded"])]),
    ("The toll is heavy, several police lost their lives.",
     [("killed", 3, 3, None, "several", ["several", "lost their lives"])]),
    # --- synthetic: patterns with no example in the corpora
    ("more than 20 people were killed", [("killed", 21, 21, None, "more than", ["more than 20", "killed"])]),
    ("nearly 30 were wounded", [("injured", None, 30, 30, "nearly", ["nearly 30", "wounded"])]),
    ("up to 40 people died", [("killed", None, 40, 40, "up to", ["up to 40", "died"])]),
    ("scores of people were injured", [("injured", 40, 40, None, "scores", ["scores", "injured"])]),
    ("hundreds killed in blast", [("killed", 200, 200, None, "hundreds", ["hundreds", "killed"])]),
    ("a dozen soldiers were shot dead", [("killed", 12, 12, 12, None, ["a dozen", "shot dead"])]),
    ("TWENTY-FIVE PEOPLE WERE KILLED", [("killed", 25, 25, 25, None, ["TWENTY-FIVE", "KILLED"])]),
    ("3 dead, 12 injured", [("killed", 3, 3, 3, None, ["3", "dead"]), ("injured", 12, 12, 12, None, ["12", "injured"])]),
    ("the death toll rose to 17", [("killed", 17, 17, 17, None, ["17", "death toll rose to"])]),
    ("two soldiers and a civilian were killed", [("killed", 3, 3, 3, None, ["two", "a", "killed"])]),
    ("the bombing left five dead", [("killed", 5, 5, 5, None, ["five", "dead"])]),
    ("the blast claimed the lives of 7", [("killed", 7, 7, 7, None, ["7", "claimed the lives of"])]),
    ("7 bodies were found", [("killed", 7, 7, 7, None, ["7", "bodies"])]),
    ("a policeman was killed", [("killed", 1, 1, 1, None, ["a", "killed"])]),
    ("a 25-year-old man was killed", [("killed", 1, 1, 1, None, ["a", "killed"])]),
    ("insurgents killed 2 and injured 5", [("killed", 2, 2, 2, None, ["2", "killed"]), ("injured", 5, 5, 5, None, ["5", "injured"])]),
    ("KILLING 7 PEASANTS AND WOUNDING 3 OTHERS", [("killed", 7, 7, 7, None, ["7", "KILLING"]), ("injured", 3, 3, 3, None, ["3", "WOUNDING"])]),
    ("THE ATTACK LEFT 12 DEAD", [("killed", 12, 12, 12, None, ["12", "DEAD"])]),
    ("20 gunmen attacked the village and killed 2 villagers", [("killed", 2, 2, 2, None, ["2", "killed"])]),
    ("20 gunmen killed 2 villagers", [("killed", 2, 2, 2, None, ["2", "killed"])]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_claims(text, expected):
    assert [row(text, c) for c in claims(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # seed: a threat, not a killing
        "Through loudspeakers, ISIS has ordered residents in al-Zanjili to stay at home, threatening to kill "
        "families who try to flee.",
        # MUC: hypotheticals, minor-injury hedge, threats
        "I THINK THAT, WHETHER THEY HAVE A HIGH OR A LOW MORALE OR WHATEVER, WITH JUST 100 RADICALS THEY COULD "
        "KILL PEOPLE AND DESTROY SOURCES OF EMPLOYMENT.",
        "FORTUNATELY, NO ONE WAS SERIOUSLY HURT.",
        "SAN SALVADOR, 12 MAR 89 (ACAN-EFE) -- [TEXT] THE SALVADORAN GUERRILLAS TODAY THREATENED TO MURDER "
        "INDIVIDUALS INVOLVED IN THE 19 MARCH PRESIDENTIAL ELECTIONS IF THEY DO NOT RESIGN FROM THEIR POSTS.",
        # ISAF: arrests are not casualties
        "After initial questioning on the scene, the assault force detained three insurgents for further questioning.",
        "The patrol moved into the targeted compound in Kabul province without incident and detained two men.",
        # synthetic
        "the bombs could kill hundreds",
        "the group vowed to kill 20 hostages",
        "5 people may have been killed",
        "20 gunmen attacked the village",
        "the attack caused 12 casualties",
    ],
)
def test_not_claims(text):
    assert claims(text) == []


def test_victim_text_and_text_as_written(seed_text):
    i = seed_text.index('"At least 250')
    end = seed_text.index("attacks.", i) + len("attacks.")
    (c,) = find_casualty_claims(seed_text, i, end)
    assert c.text == "At least 250"
    assert c.victim_text == "civilians, including women, children and old people"
    s, e = c.evidence[0]
    assert seed_text[s:e] == "At least 250"
    s, e = c.evidence[1]
    assert seed_text[s:e] == "killed"
    muc = "MEANWHILE, THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED"
    assert [c.victim_text for c in claims(muc)] == ["SUBVERSIVES", "OTHERS"]
    t = "two soldiers and a civilian were killed"
    assert claims(t)[0].victim_text == "two soldiers and a civilian"


def test_sentence_range_only(seed_text):
    # the lead sentence alone: only "dozens", not the later "at least 250"
    end = seed_text.index("Diyaruna.") + len("Diyaruna.")
    got = find_casualty_claims(seed_text, 0, end)
    assert [(c.qualifier, c.best) for c in got] == [("dozens", 24)]


# --------------------------------------------------------------------------- reconcile


def _claims_of_seed(seed_text):
    lead_end = seed_text.index("Diyaruna.") + len("Diyaruna.")
    i = seed_text.index('"At least 250')
    quote_end = seed_text.index("attacks.", i) + len("attacks.")
    return find_casualty_claims(seed_text, 0, lead_end) + find_casualty_claims(seed_text, i, quote_end)


def test_reconcile_seed(seed_text):
    got = reconcile(_claims_of_seed(seed_text))
    assert (got["min"], got["best"], got["max"], got["disagreement"]) == (250, 250, None, False)
    assert [c["text"] for c in got["claims"]] == ["dozens", "At least 250"]
    assert all(seed_text[s:e] for s, e in got["evidence"])
    assert {seed_text[s:e] for s, e in got["evidence"]} == {"dozens", "slaughtered", "At least 250", "killed"}
    assert set(got["claims"][0]) >= {"kind", "min", "best", "max", "qualifier", "text", "source", "evidence",
                                      "source_evidence"}


def mk(mn, best, mx, q=None, source=None, kind="killed"):
    return CasualtyClaim(kind=kind, min=mn, best=best, max=mx, qualifier=q, text="x", evidence=((0, 1),),
                         source=source)


def test_reconcile_rules():
    assert reconcile([]) is None
    # agreement: exact inside a bound
    r = reconcile([mk(20, 20, None, "at least"), mk(22, 22, 22)])
    assert (r["min"], r["best"], r["max"], r["disagreement"]) == (22, 22, 22, False)
    # agreement: "up to 40" and "at least 30"
    r = reconcile([mk(None, 40, 40, "up to"), mk(30, 30, None, "at least")])
    assert (r["min"], r["max"], r["disagreement"]) == (40, 40, False)
    # disagreement: 10 vs 31 (exact), best = highest specific figure, sourced or not (a named
    # source is usually the one giving a partial figure: "police said four of them were children")
    r = reconcile([mk(10, 10, 10, source="police"), mk(31, 31, 31), mk(24, 24, None, "dozens", source="x")])
    assert (r["min"], r["best"], r["max"], r["disagreement"]) == (10, 31, None, True)
    # a vague word never beats a specific figure
    r = reconcile([mk(3, 3, 3), mk(200, 200, None, "hundreds")])
    assert (r["best"], r["disagreement"]) == (3, True)
    r = reconcile([mk(3, 3, 3), mk(1, 1, 1), mk(24, 24, None, "dozens")])
    assert (r["best"], r["disagreement"]) == (3, True)
    # none reported vs a figure: disagreement stays visible
    r = reconcile([mk(0, 0, 0, "none reported"), mk(2, 2, 2)])
    assert (r["min"], r["best"], r["max"], r["disagreement"]) == (0, 2, 2, True)
    with pytest.raises(ValueError):
        reconcile([mk(1, 1, 1), mk(1, 1, 1, kind="injured")])


# --------------------------------------------------------------------------- one named victim, subsets


SINGULAR = [
    # MUC (public domain)
    ("ON 5 JANUARY, CARLOS JULIO TORRADO, MAYOR OF ABREGO IN THE NORTHEASTERN DEPARTMENT OF SANTANDER, "
     "WAS KILLED APPARENTLY BY ANOTHER GUERILLA COLUMN, ALSO BELONGING TO THE ELN.",
     [("killed", 1, "CARLOS JULIO TORRADO")]),
    ("SERGEANT GREGORY FRONIUS, A MILITARY ADVISER, WAS KILLED.", [("killed", 1, "SERGEANT GREGORY FRONIUS")]),
    ("ALVAREZ MARTINEZ WAS KILLED NEAR HIS RESIDENCE IN TEGUCIGALPA'S FLORENCIA DEL ESTE NEIGHBORHOOD.",
     [("killed", 1, "ALVAREZ MARTINEZ")]),
    ("HE WAS MURDERED BY FOUR UNIDENTIFIED PEOPLE ON A SOCCER FIELD AT CARAMPANGUE AND ALBORADA STREETS.",
     [("killed", 1, "HE")]),
    # Wikinews (CC BY 2.5)
    ("Nabil Hasan al-Quaety, a photo- and videojournalist from Yemen, died in the city of Aden, in southern "
     "Yemen, on Tuesday after being shot in his car.", [("killed", 1, "Nabil Hasan al-Quaety")]),
    ("He died today.", [("killed", 1, "He")]),
]


@pytest.mark.parametrize("text,expected", SINGULAR)
def test_singular_victim(text, expected):
    got = claims(text)
    assert [(c.kind, c.best, c.victim_text) for c in got] == expected


@pytest.mark.parametrize("text", [
    # Wikinews (CC BY 2.5): a counterfactual, and plural subjects without a count
    "Rittenhouse, in remarks to The Washington Post, contended he would have died had he not been armed that night.",
    "The soldiers died in the blast.",
])
def test_singular_not_claims(text):
    assert [c for c in claims(text) if c.kind == "killed"] == []


def test_active_verb_with_plural_object_is_no_single_victim():
    # a bare plural object is "at least two" (vague), never one victim
    t = "The Taliban killed Afghan soldiers in Kandahar."
    assert [row(t, c) for c in claims(t)] == [("killed", 2, 2, None, "plural", ["Afghan soldiers", "killed"])]


def test_named_object_and_verb_object_death():
    t = "Gunmen shot and killed Jose Maria Rivera, a former mayor, near his home."
    assert [(c.best, c.victim_text) for c in claims(t)] == [(1, "Jose Maria Rivera")]
    t = "Armed men stopped the judge's car and shot him dead."
    assert [c.best for c in claims(t)] == [1]


def test_first_conjunct_and_n_others():
    t = "Wadan, a spokesman for the police, and two other colleagues were killed in the blast."
    assert [(c.kind, c.best) for c in claims(t)] == [("killed", 3)]
    # MUC: "two others" after a casualty verb belongs to the next verb, no extra victim
    t = "4 REPORTED THAT A TERRORIST WAS KILLED AND TWO OTHERS WERE WOUNDED DURING A CLASH."
    assert [(c.kind, c.best) for c in claims(t)] == [("killed", 1), ("injured", 2)]


def test_including_is_a_subset_and_along_with_adds():
    t = "Twenty people, including 11 attackers were killed in the fighting."
    assert [(c.best, c.qualifier) for c in claims(t)] == [(20, None)]
    t = "The farmer was killed along with his three sons in a strike on his house."
    assert [c.best for c in claims(t)] == [4]
    t = "At least seven people from four generations of one household were killed."
    assert [c.best for c in claims(t)] == [7]


def test_plural_without_a_figure_is_at_least_two():
    # ISAF: "others" after a count is a separate, vague claim of at least two
    t = ("More than 10 insurgents were killed and others wounded by Afghan National Security Forces and "
         "International Security Assistance Force during separate clearing operations in southern and "
         "eastern Afghanistan over the last 24 hours.")
    assert [row(t, c) for c in claims(t)] == [
        ("killed", 11, 11, None, "more than", ["More than 10", "killed"]),
        ("injured", 2, 2, None, "others", ["others", "wounded"]),
    ]
    # MUC: "many" is a plural (>= 2); it never outweighs a stated figure
    t = ("DURING WHICH 10 PERSONS WERE KILLED AND MANY INJURED.")
    assert [row(t, c) for c in claims(t)] == [
        ("killed", 10, 10, 10, None, ["10", "KILLED"]),
        ("injured", 2, 2, None, "many", ["MANY", "INJURED"]),
    ]
    # "SEVEN OTHERS" is counted by its number, not as a bare plural
    t = "MEANWHILE, THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED"
    assert [c.best for c in claims(t)] == [3, 7]
    exact = claims("THREE SOLDIERS WERE WOUNDED.")[0]
    vague = claims("DURING WHICH 10 PERSONS WERE KILLED AND MANY INJURED.")[1]
    assert reconcile([vague, exact])["best"] == 3
    assert reconcile([vague])["best"] == 2


@pytest.mark.parametrize("text, n, victim", [
    # MUC: a killing named by its victim(s), each conjunct one person
    ("THE MRTA [TUPAC AMARU REVOLUTIONARY MOVEMENT] TODAY DISTRIBUTED LEAFLETS CLAIMING RESPONSIBILITY FOR "
     "THE MURDER OF FORMER DEFENSE MINISTER ENRIQUE LOPEZ ALBUJAR.", 1,
     "FORMER DEFENSE MINISTER ENRIQUE LOPEZ ALBUJAR"),
    ("THE SALVADORAN OPPOSITION NATIONAL REVOLUTIONARY MOVEMENT (MNR) TODAY DEMANDED THAT GUATEMALAN "
     'PRESIDENT VINICIO CEREZO "THOROUGHLY" INVESTIGATE THE ASSASSINATION OF MNR LEADER HECTOR OQUELI AND '
     "OF GUATEMALAN ATTORNEY GILDA FLORES.", 2,
     "MNR LEADER HECTOR OQUELI AND OF GUATEMALAN ATTORNEY GILDA FLORES"),
    ("POLICE ARE INVESTIGATING THE KILLING OF ALVAREZ ON 25 JANUARY AND TODAY'S ATTACK IN SAN PEDRO SULA, "
     "240 KM NORTH OF TEGUCIGALPA.", 1, "ALVAREZ"),
    ("THE GOVERNMENT STRONGLY CONDEMNS THIS KIND OF ACTION--THE MURDER OF [RETIRED] GENERAL GUSTAVO ALVAREZ "
     "MARTINEZ--WHICH WAS POLITICALLY MOTIVATED AND PERPETRATED BY PROFESSIONALS.", 1,
     "GENERAL GUSTAVO ALVAREZ MARTINEZ"),
])
def test_killing_named_by_its_victims(text, n, victim):
    (c,) = claims(text)
    assert (c.kind, c.best, c.victim_text) == ("killed", n, victim)


@pytest.mark.parametrize("text", [
    # plural objects are no count; the count rules read numbers
    "[ZAMORA] I BELIEVE THIS IS ENTIRELY WRONG: THE MURDER OF THE JESUIT FATHERS CANNOT BE CONSIDERED AN "
    "ISOLATED ACTION.",
    "THE PEOPLE RESPONSIBLE FOR THIS UNJUSTIFIABLE ASSASSINATION ARE THE ETERNAL ENEMIES OF LIBERTY.",
])
def test_killing_of_a_plural_is_no_single_victim(text):
    assert claims(text) == []


def test_captured_or_killed_is_no_claim():
    # ISAF: the figure is not split between capture and death
    t = ("Afghan and international security forces have conducted a number of operations within Zabul "
         "province recently and captured or killed a large number of insurgents, including several Taliban "
         "leaders.")
    assert claims(t) == []


def test_alongside_a_relative_and_a_count():
    # synthetic (the corpora have no "alongside his wife ... and their N children" sentence)
    t = "The doctor was killed alongside his wife, Amal, and their four children."
    (c,) = claims(t)
    assert (c.kind, c.best) == ("killed", 6)
    assert [t[s:e] for s, e in c.evidence][1:] == ["wife", "four", "killed"]
