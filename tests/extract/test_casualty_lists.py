"""Victims given one by one, appositives, subsets, bare plurals and the other ways reports
state a toll without one figure. MUC-3/4 (public domain) and ISAF press releases (CC BY-SA)
where they have the pattern; otherwise invented sentences."""

from __future__ import annotations

import pytest

from casualty_helpers import claims

from harmwatch.extract.casualties import reconcile


def figures(text: str, kind: str = "killed") -> list[int | None]:
    return [c.best for c in claims(text) if c.kind == kind]


LISTS = [
    # --- MUC-3/4: roles, names and counts in one list
    ("MAOIST SHINING PATH GUERRILLAS HAVE KILLED THE MAYOR OF THE SMALL TOWN OF HOSTIGAL, AS WELL AS TWO "
     "PEASANTS, THE LOCAL PRESS REPORTED TODAY.", 3),
    ("THE MILITARY MEN ARE SUSPECTED OF INVOLVEMENT IN THE ASSASSINATION OF CENTRAL AMERICA UNIVERSITY RECTOR "
     "IGNACIO ELLACURIA, FIVE OTHER JESUITS, AND TWO WOMEN IN SAN SALVADOR ON 16 NOVEMBER, WHILE THE CURFEW WAS "
     "IN FORCE.", 8),
    ("TODD RAY WILSON, 20 YEARS OLD, AND JEFFREY BRENT BALL, 21, WERE MURDERED BY MACHINEGUN BURSTS WHEN THEY "
     "WERE WALKING HOME ON ANCASH STREET ON WEDNESDAY NIGHT.", 2),
    ("GUERRILLAS KILLED JUAN PEREZ AND MARIA LOPEZ NEAR THE BRIDGE.", 2),
    # --- relatives: a name, then the family
    ("The strike killed Samir Haddad, his wife and their three children.", 5),
    ("A woman, Leila Nassar, and her two daughters were killed when the shell hit the house.", 3),
    ("Gunmen killed the farmer, his son and daughter before dawn.", 3),
    ("Brothers Karim Mansour and Tarek Mansour and their cousin Adel were killed in the raid.", 3),
    # names of a count's members are no more victims
    ("Gunmen killed the farmer and his two sons, Omar and Yusuf, in the orchard.", 3),
    ("Her children, Rami, Dana and Lina, were killed in the fire.", 3),
    # a count spelled out after a comma is that count
    ("The blast killed two people, a man and a woman.", 2),
    ("Three civilians, two women and a child, were killed.", 3),
    ("Two people, a father and his daughter, died in the explosion.", 2),
    # ... but a list of groups adds up
    ("Gunmen killed two children, a woman and an old man.", 4),
]


@pytest.mark.parametrize("text,total", LISTS)
def test_lists_of_victims(text, total):
    assert max(figures(text)) == total


@pytest.mark.parametrize("text,expected", [
    # an appositive adds nobody: "X, a judge," / "a woman, Ola,"
    ("Police said gunmen killed Ahmad Karimi, a judge, outside the court.", [1]),
    # two roles of one person
    ("THE COLOMBIAN GOVERNMENT BEGAN AN ALL-OUT WAR AGAINST THE DRUG CARTELS 10 DAYS AGO, FOLLOWING THE "
     "ASSASSINATION OF SENATOR AND LIBERAL PARTY PRESIDENTIAL CANDIDATE LUIS CARLOS GALAN ON 18 AUGUST.", [1]),
    ("Gunmen shot dead a community activist and head of the local water board.", [1]),
    # a verb after "and" ends the list: four, not five
    ("The patrol engaged and killed four insurgents and confirmed the commander was killed.", [4, 1]),
    # a thing is no victim
    ("Medics confirmed the death of one farmer and the discovery of a corpse.", [1]),
    # how many children is not said: no exact sum
    ("The strike killed his wife and children.", [1]),
])
def test_list_boundaries(text, expected):
    assert figures(text) == expected


def test_list_claim_has_evidence_for_each_person():
    t = "The strike killed Samir Haddad, his wife and their three children."
    (c,) = claims(t)
    assert [t[s:e] for s, e in c.evidence] == ["Samir Haddad", "his wife", "their three children", "killed"]
    assert c.victim_text == "Samir Haddad, his wife and their three children"


@pytest.mark.parametrize("text,kind,best", [
    # MUC-3/4: ALL CAPS, a name with its role
    ("INSPECTOR EULOGIO FLORES DIED IN THE EXPLOSION.", "killed", 1),
    ("USIS REPORTED THAT THE GUERRILLAS ALSO KILLED ATTORNEY GENERAL ROBERTO GARCIA ALVARADO.", "killed", 1),
    # ISAF: "engaged and killed"
    ("An armed individual ran from the compound and later fired on the security force. He was engaged and killed.",
     "killed", 1),
    ("Three insurgents were engaged and killed.", "killed", 3),
    ("A man was killed in the attack along with his five children.", "killed", 6),
    ("Three soldiers sustained serious injuries in the blast.", "injured", 3),
    ("Four martyrs were recovered from the rubble.", "killed", 4),
    # ISAF: a definite singular object of an -ing verb
    ("After establishing positive identification, coalition forces engaged with small-arms fire, killing the "
     "insurgent.", "killed", 1),
    # companions read as a list
    ("The grandmother was killed alongside her son, Karim, and her daughter, Mona.", "killed", 3),
    ("The baker died along with his wife, son and two daughters.", "killed", 5),
])
def test_single_figures(text, kind, best):
    assert figures(text, kind) == [best]


@pytest.mark.parametrize("text,expected", [
    # the count before a plain appositive takes the verb
    ("At least one man, a 40-year-old teacher, was killed.", [("killed", 1, 1, None)]),
    ("Twenty villagers, mostly women and children, were killed.", [("killed", 20, 20, 20)]),
    ("Eighteen residents, all members of one family, including six children, were killed.",
     [("killed", 18, 18, 18)]),
    # things counted inside the victim phrase are no people
    ("Nine people from two different families were killed.", [("killed", 9, 9, 9)]),
    ("Ten raids on the town and six dead were reported.", [("killed", 6, 6, 6)]),
    # a subset after the verb belongs to its count; the next count has its own verb
    ("Sixteen people were killed, including three children, and four others were wounded.",
     [("killed", 16, 16, 16), ("injured", 4, 4, 4)]),
    ("The raid killed 18 civilians, among them five children and an old man, and 25 others were hurt.",
     [("killed", 18, 18, 18), ("injured", 25, 25, 25)]),
    # a floor and a ceiling are one range, not a sum
    ("At least 15 and as many as 25 villagers were killed.", [("killed", 15, 15, 25)]),
    ("The strike killed between 12 to 19 civilians.", [("killed", 12, 12, 19)]),
    # "a family of six", "a total of 12", "a further 28": the number counts
    ("Gunmen killed a family of six in the village.", [("killed", 6, 6, 6)]),
    ("The bombing killed four children and injured a further 28 civilians.",
     [("killed", 4, 4, 4), ("injured", 28, 28, 28)]),
    # a relative clause after a count
    ("Rescuers recovered 14 people who were killed in the blast.", [("killed", 14, 14, 14)]),
    # the perfect is active: the bombings are no victims (MUC-3/4)
    ("BOGOTA, 6 OCT 89 (RADIO CADENA NACIONAL) -- [TEXT] TWO TERRORIST BOMBINGS IN NORTHERN BOGOTA HAVE WOUNDED "
     "SIX PERSONS AND CAUSED CONSIDERABLE DAMAGE.", [("injured", 6, 6, 6)]),
    # an unknown number is vague and adds nothing to a figure
    ("A soldier and an unknown number of the raiders were wounded.",
     [("injured", 1, 1, 1), ("injured", 2, 2, None)]),
])
def test_counts(text, expected):
    assert [(c.kind, c.min, c.best, c.max) for c in claims(text)] == expected


@pytest.mark.parametrize("text,expected", [
    # a bare plural is at least two (vague)
    ("Civilians were injured when the house was hit.", [("injured", 2, "plural")]),
    ("The shelling killed five people and injured Palestinian civilians.",
     [("killed", 5, None), ("injured", 2, "plural")]),
    ("Seven people were killed and some residents were wounded.", [("killed", 7, None), ("injured", 2, "plural")]),
    # ... but not after a determiner, a number or a negation, nor as a generic statement
    ("The civilians were injured.", []),
    ("Two traffic police officers died in the ambush.", [("killed", 2, None)]),
    ("No women or children were injured during the operation.", []),
    ("Innocent civilians are killed by these devices.", []),
    ("Militants reportedly killed four farmers near the river.", [("killed", 4, None)]),
])
def test_bare_plurals(text, expected):
    assert [(c.kind, c.best, c.qualifier) for c in claims(text)] == expected


@pytest.mark.parametrize("text,expected", [
    # "to" before a noun is no infinitive
    ("The shell struck the school, which led to the deaths of no fewer than seven pupils.", [7]),
    ("The sniper managed to kill one person before he was shot.", [1]),
    # an infinitive still is
    ("The group threatened to kill the judge.", []),
    ("Landmines are used to kill civilians.", []),
    # a protest over a death is no death of its own
    ("Hundreds of students rallied against the killing of a classmate.", []),
    ("Residents demonstrated over the death of a taxi driver.", []),
])
def test_hypothetical_and_reactions(text, expected):
    assert figures(text) == expected


def test_named_victims_in_muc_caps():
    t = "THE GUERRILLAS KILLED PRESIDENCY MINISTER ANTONIO RODRIGUEZ PORTH; THE GUERRILLAS HAVE DENIED IT."
    (c,) = claims(t)
    assert (c.best, c.victim_text) == (1, "PRESIDENCY MINISTER ANTONIO RODRIGUEZ PORTH")
    # an adjective before the verb: no victim of this report
    assert figures("THE WIFE OF THE MURDERED MAGISTRATE ARRIVED FROM GUATEMALA TODAY.") == []


def test_vague_words_do_not_outweigh_a_figure():
    # "several" and one named person: the figure the text commits to stays the specific one
    t1 = "Several insurgents were killed in the operation."
    t2 = "The commander was killed in the strike."
    got = reconcile(claims(t1) + claims(t2))
    assert (got["best"], got["disagreement"]) == (1, True)
