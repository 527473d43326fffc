"""Triggers, realis and event typing on real sentences."""

from harmwatch.extract.events import classify, event_type_of, find_triggers
from harmwatch.extract.segment import split_sentences
from harmwatch.extract.weapons import find_weapons, unique_weapons


def _trig(text):
    return [(t.text, t.cls, t.realis) for t in find_triggers(text, 0, len(text))]


def test_seed_lead_is_a_realis_killing(seed_text):
    s = split_sentences(seed_text)[0]
    trig = find_triggers(seed_text, s.start, s.end)
    assert [(t.text, t.cls, t.realis) for t in trig] == [("slaughtered", "kill", True)]


def test_threat_to_kill_is_not_realis(seed_text):
    sent = next(s for s in split_sentences(seed_text) if "threatening to kill" in seed_text[s.start:s.end])
    trig = find_triggers(seed_text, sent.start, sent.end)
    assert trig and all(not t.realis for t in trig)


def test_habitual_used_to_kill_is_not_realis():
    text = '"ISIS used to kill individuals who tried to flee, but is now killing them en masse because it is desperate," he said.'
    got = _trig(text)
    assert ("kill", "kill", False) in got
    assert ("killing", "kill", True) in got


def test_clearing_landmines_is_not_a_trigger(seed_text):
    sent = next(s for s in split_sentences(seed_text) if "al-Shefaa" in seed_text[s.start:s.end])
    assert find_triggers(seed_text, sent.start, sent.end) == []


def test_muc_kidnapping_and_clashes():
    # DEV-MUC3-0001 (public domain)
    text = ("THE ARCE BATTALION COMMAND HAS REPORTED THAT ABOUT 50 PEASANTS OF VARIOUS AGES HAVE BEEN KIDNAPPED "
            "BY TERRORISTS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] IN SAN MIGUEL DEPARTMENT.")
    assert ("KIDNAPPED", "abduction", True) in _trig(text)
    text2 = "MEANWHILE, THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED DURING CLASHES YESTERDAY"
    classes = {c for _, c, _ in _trig(text2)}
    assert {"kill", "injure", "clash"} <= classes
    assert classify(list(classes), victims_armed=True, perpetrator_known=False) == "Armed clash"


def test_isaf_air_weapons_team_killing():
    # ISAF Joint Command press release, Jan. 10, 2011 (CC BY-SA)
    text = ("After gaining positive identification, the air weapons team engaged the enemy position with effective "
            "fire, killing two insurgents.")
    classes = [c for _, c, r in _trig(text) if r]
    assert "kill" in classes


def test_classify_prefers_specific_means():
    assert classify(["kill", "explosive"], victims_armed=False, perpetrator_known=True) == "Remote explosive/landmine/IED"
    assert classify(["kill", "air"], victims_armed=False, perpetrator_known=True) == "Air/drone strike"
    assert classify(["kill"], victims_armed=False, perpetrator_known=True) == "Attack"
    assert classify(["kill"], victims_armed=True, perpetrator_known=True) == "Armed clash"
    assert event_type_of("Attack") == ("Violence against civilians", "180")
    assert event_type_of("Air/drone strike") == ("Explosions/Remote violence", "195")
    assert classify([], victims_armed=False, perpetrator_known=False) is None


def test_suicide_bombing_sentence():
    text = "A suicide bomber blew himself up at a wedding hall in Kabul on Saturday, killing 63 people."
    classes = [c for _, c, r in _trig(text) if r]
    assert classify(classes, victims_armed=False, perpetrator_known=False) == "Suicide bomb"


def test_seed_weapons(seed_text):
    sent = next(s for s in split_sentences(seed_text) if "hand grenades" in seed_text[s.start:s.end])
    found = unique_weapons(find_weapons(seed_text, sent.start, sent.end))
    assert [w["name"] for w in found] == ["sniper rifle", "machine gun", "hand grenade"]
    for w in found:
        s, e = w["evidence"][0]
        assert seed_text[s:e] in ("sniper weapons", "machine guns", "hand grenades")


def test_weapon_acronyms_need_capitals():
    assert [w.name for w in find_weapons("An IED struck the convoy.")] == ["improvised explosive device"]
    assert find_weapons("the tnt of it") == []


def test_aggregate_war_tolls_are_background():
    from harmwatch.extract.events import BACKGROUND

    # DEV-MUC3-0852 and DEV-MUC3-1296 (public domain)
    assert BACKGROUND.search("THE WAR WHICH IN THE PAST DECADE HAS LEFT OVER 70,000 KILLED.")
    assert BACKGROUND.search("A CIVIL WAR IN WHICH MORE THAN 70,000 PEOPLE HAVE DIED.")
    assert not BACKGROUND.search("Gunmen killed 12 people in a market on Sunday.")


def test_device_mentioned_in_passing_does_not_type_the_event():
    from harmwatch.extract.events import classifying_classes

    # ISAF Joint Command press release (CC BY-SA)
    text = ("An Afghan and coalition security force detained several insurgents in Logar province Tuesday while "
            "in pursuit of a Taliban commander who leads 40 fighters in attacks against Afghan officials.")
    trig = [t for t in find_triggers(text, 0, len(text)) if t.realis]
    classes = classifying_classes(trig)
    assert classify(classes, victims_armed=True, perpetrator_known=True) == "Arrests"
    text2 = "The commander is linked to an improvised explosive device attack that killed four US soldiers on Tuesday."
    trig2 = [t for t in find_triggers(text2, 0, len(text2)) if t.realis]
    assert classify(classifying_classes(trig2), victims_armed=True, perpetrator_known=False) == \
        "Remote explosive/landmine/IED"


# --------------------------------------------------------------------------- protests, riots, strategic developments


def _type(text):
    from harmwatch.extract.events import classifying_classes

    trig = [t for t in find_triggers(text, 0, len(text)) if t.realis]
    return classify(classifying_classes(trig), victims_armed=False, perpetrator_known=False)


def test_protest_types_follow_what_happened_to_the_protest():
    # MUC-3 messages DEV-MUC3-0412, -0169, -1148, -0498 (public domain)
    assert _type("THIS AFTERNOON, THE ASSOCIATION OF UNIVERSITY STUDENTS (AEU), TRADE UNIONS, AND MEMBERS OF THE HUMAN "
                 "RIGHTS GROUP \"MUTUAL SUPPORT GROUP\" (GAM), MARCHED TO DEMAND FROM THE GOVERNMENT THE REAPPEARENCE "
                 "OF THE KIDNAPPED.") == "Peaceful protest"
    assert _type("THE DEMONSTRATORS BEGAN THEIR MARCH BUT WERE IMMEDIATELY CONTROLLED BY THE POLICE WITH THE USE OF "
                 "TEAR GAS AND WATER.") == "Protest with intervention"
    assert _type("DEMONSTRATORS THREW STONES AT THE EMBASSY WINDOWS AND LATER SET FIRE TO PART OF THE RESIDENCY "
                 "INSTALLATIONS.") == "Violent demonstration"
    assert _type("ABOUT 60 DEMONSTRATORS WERE FIRST BRUTALLY BEATEN AND THEN ARRESTED, THE SAN SALVADORAN MASS "
                 "MEDIA SAID.") == "Protest with intervention"
    # Wikinews, "Police shoot teenage protester as Hong Kong demonstrations continue" (CC BY 2.5)
    assert _type("For the first time in the sixteen weeks of protests in Hong Kong, police fired and landed a live "
                 "round on a protester yesterday, and two protesters were killed.") == "Excessive force against protesters"
    assert _type("In other parts of the city, the police used water canons and tear gas against protesters.") == \
        "Protest with intervention"
    assert event_type_of("Peaceful protest") == ("Protests", "141")
    assert event_type_of("Violent demonstration") == ("Riots", "145")


def test_the_grievance_of_a_protest_is_not_an_event():
    # MUC-3 message TST2-MUC4-0063 (public domain): the killing is the funeral's occasion, not this event
    text = "THE DEMONSTRATORS PROTESTED AGAINST THE KILLING OF THE 10 UNION LEADERS."
    got = _trig(text)
    assert ("KILLING", "kill", False) in got
    assert _type(text) == "Peaceful protest"


def test_crowd_control_weapons_are_not_explosives():
    text = "In other parts of the city, the police used water canons and tear gas against protesters."
    assert [w["category"] for w in unique_weapons(find_weapons(text))] == ["less-lethal", "less-lethal"]
    assert [(w["name"], w["category"]) for w in unique_weapons(find_weapons("Police fired stun grenades."))] == \
        [("stun grenade", "less-lethal")]
    # fired tear gas is no shelling
    assert _type("Police fired tear gas shells to disperse the protesters.") == "Protest with intervention"


def test_defused_bomb_is_disrupted_weapons_use_and_a_blast_wins():
    # MUC-3 messages DEV-MUC3-0044 and DEV-MUC3-0094 (public domain)
    assert _type("THREE HANDMADE CATAPULTS, EACH LOADED WITH APPROXIMATELY 7 KG OF DYNAMITE, WERE DEFUSED AT 1145 "
                 "(1745 GMT) BY NATIONAL POLICEMEN.") == "Disrupted weapons use"
    assert _type("A BOMB EXPLODED TODAY IN A LIMA RESTAURANT, AND A SECOND DEVICE THAT HAD BEEN PLACED IN THE SAME "
                 "ESTABLISHMENT WAS DEACTIVATED BY THE PERUVIAN NATIONAL POLICE.") == "Remote explosive/landmine/IED"


def test_grenade_blast_is_a_grenade_attack():
    # the seed's weapons sentence names hand grenades as arms carried, not thrown; a thrown one types the event
    assert _type("Gunmen threw a hand grenade into a crowded market, and the blast wounded 12 people.") == "Grenade"
    assert _type("A roadside bomb exploded near a police patrol, wounding two officers.") == \
        "Remote explosive/landmine/IED"


def test_territory_and_riot_police():
    assert _type("Government troops recaptured the town after two days of fighting.") == "Government regains territory"
    assert classify(["overtake"], victims_armed=True, perpetrator_known=True) == "Non-state actor overtakes territory"
    assert classify(["overtake"], victims_armed=True, perpetrator_known=True,
                    perpetrator_categories={"state forces"}) == "Government regains territory"
    # "riot police" names a unit, not a riot
    assert "riot" not in {c for _, c, _ in _trig("Riot police were deployed outside the parliament.")}


def test_seed_stays_one_attack_on_civilians(seed_text):
    import harmwatch

    res = harmwatch.extract_text(seed_text, published="2017-06-05")
    assert res.incidents[0].sub_event_type == "Attack"
    assert res.incidents[0].event_type == "Violence against civilians"


def _sub(text):
    import harmwatch

    incs = harmwatch.extract_text(text).incidents
    return incs[0].sub_event_type if incs else None


def test_fire_at_positions_is_typed_by_the_weapons():
    # ISAF-style and Wikinews-style battle language (CC BY-SA / CC BY 2.5 phrasing)
    assert _sub("Insurgents fired mortars at the positions of Afghan forces near the district centre in Helmand.") == (
        "Shelling/artillery/missile attack"
    )
    assert _sub("Insurgents fired small arms and machine guns at the positions of Afghan forces near Sangin.") == "Armed clash"


def test_violence_against_soldiers_is_a_battle_and_against_civilians_an_attack():
    # Wikinews, "Suicide bomber kills dozens in Iraq"-style sentences (CC BY 2.5)
    assert _sub("Gunmen shot dead two policemen at a checkpoint in Baghdad on Monday.") == "Armed clash"
    assert _sub("Gunmen shot dead two civilians at a market in Baghdad on Monday.") == "Attack"
    assert _sub("Three soldiers were killed in Kandahar on Tuesday.") == "Armed clash"


def test_mob_is_who_fought_not_who_was_named():
    assert _sub("Villagers beat up two men accused of theft in the village on Sunday.") == "Mob violence"
    # "residents" named as victims of gunmen: no mob
    assert _sub("Gunmen killed three residents of the village on Monday.") == "Attack"
    # stone throwing outside a demonstration is a mob's, inside one a violent demonstration
    assert _sub("A mob pelted stones at two traffic wardens in the town.") == "Mob violence"
    assert _sub("Protesters pelted stones at the police during a demonstration against the new tax.") == "Violent demonstration"


def test_grievance_riots_and_relative_clauses_do_not_make_a_protest_violent():
    assert _sub("Parents protested against the closure of the school after the angry protests and riots last month.") == (
        "Peaceful protest"
    )
    assert _sub("Relatives of a guard who was shot dead staged a protest outside the court.") == "Peaceful protest"


def test_explosions_without_a_device_take_the_means_of_the_sentence():
    assert _sub("Monitors recorded 12 explosions from artillery shells near the village.") == "Shelling/artillery/missile attack"
    assert _sub("A bomb explosion killed four people at a market in Kabul.") == "Remote explosive/landmine/IED"


def test_found_weapons_and_bodies():
    assert _sub("A stash of firearms and ammunition was found in a dam near the town.") == "Disrupted weapons use"
    assert _sub("Two explosive devices were found in a canal near the zoo.") == "Disrupted weapons use"
    assert _sub("A driver was found dead near the market; the body had gunshot wounds.") == "Attack"


def test_strategic_developments():
    assert _sub("Iraqi security forces on Wednesday freed several villages from Islamic State militants.") == (
        "Government regains territory"
    )
    assert _sub("Rebel groups and pro-government forces have agreed a 48-hour ceasefire in three towns.") == "Agreement"
    assert _sub("Russian and Turkish troops conducted a joint patrol along the highway.") == "Change to group/activity"
    assert _sub("The army has set up its 11th observation point in the province.") == "Headquarters or base established"


def test_claimed_killing_after_fighting_is_no_war_toll():
    assert _sub("The rebels pulled back after a day of heavy fighting; they claimed they had killed a dozen soldiers.") == "Armed clash"


def test_booby_trapped_car_is_a_car_bomb():
    found = find_weapons("A booby-trapped car exploded near the market.")
    assert [w.name for w in found] == ["car bomb"]


# --------------------------------------------------------------------------- who took the territory


def test_territory_follows_who_took_it():
    # the taker named before the verb decides, whatever the verb ("recaptured" by rebels is theirs)
    assert _sub("Al-Shabaab militants recaptured the village from government forces on Tuesday.") == (
        "Non-state actor overtakes territory"
    )
    assert _sub("Government troops recaptured the town from the rebels on Sunday.") == "Government regains territory"
    assert _sub("Rebel fighters seized the town of Kidal from the army after a day of clashes.") == (
        "Non-state actor overtakes territory"
    )
    assert _sub("Pro-government fighters took control of two villages from Houthi rebels on Friday.") == (
        "Government regains territory"
    )
    # no taker named: the side it was taken from, else whose place it was
    assert _sub("Two villages were taken back from the rebels on Friday.") == "Government regains territory"
    assert _sub("Soldiers captured two rebel camps in the mountains over the weekend.") == "Government regains territory"
    # a passive's subject is the loser
    assert _sub("The insurgents were pushed back from the outskirts of the city on Monday.") == "Government regains territory"


def test_territory_outranks_the_means_of_the_battle():
    assert _sub("Army troops captured a village in the north on Wednesday after days of air and artillery "
                "bombardment.") == "Government regains territory"


def test_territory_without_a_fight_is_a_non_violent_transfer():
    assert _sub("Rebel fighters entered the town on Sunday and took control of it after government troops pulled out.") == (
        "Non-violent transfer of territory"
    )
    # with fighting it is a capture
    assert _sub("Rebel fighters took control of the town after heavy clashes with government troops pulled out.") != (
        "Non-violent transfer of territory"
    )


def test_a_named_group_is_not_a_liberation():
    # "Liberation" in a group's name is no territory event (capitalised); the noun is
    assert "regain" not in {c for _, c, _ in _trig("Witnesses said the Patriotic Movement for the Liberation of the Valley was behind it.")}
    assert "regain" in {c for _, c, _ in _trig("Troops completed the liberation of the city on Monday.")}


# --------------------------------------------------------------------------- protests, mobs, property


def test_police_action_in_any_sentence_of_a_protest():
    assert _sub("Hundreds of workers protested outside the factory on Monday demanding unpaid wages. Police intervened.") == (
        "Protest with intervention"
    )
    assert _sub("Around 200 residents held a protest against water shortages in the town. Police arrested 12 of them.") == (
        "Protest with intervention"
    )
    # the arrest a protest is about is not police action against it
    assert _sub("Journalists protested against the arrest of their editor in the capital. He was arrested in connection "
                "with a tax case.") == "Peaceful protest"
    assert _sub("Police used excessive force to violently disperse a peaceful march in the capital.") == (
        "Excessive force against protesters"
    )


def test_a_demonstrations_own_violence_and_a_mobs():
    # burning tyres, barricades and stones to press a demand: a violent demonstration, not a mob
    assert _sub("Dozens of workers burned tyres and blocked the highway to demand their salaries.") == "Violent demonstration"
    assert _sub("Dock workers demonstrated and threw stones at the town hall.") == "Violent demonstration"
    # a crowd beating a person, or two groups of villagers fighting: mob violence
    assert _sub("Villagers beat up a man suspected of stealing a goat.") == "Mob violence"
    assert _sub("An alleged pickpocket was beaten up by traders at the bus station on Friday.") == "Mob violence"
    assert _sub("Two groups of villagers clashed with sticks and machetes over a land dispute, injuring eight.") == (
        "Mob violence"
    )
    # fighters fired on by "two of the men" are no mob
    assert _sub("The patrol was fired upon by two of the men near the bridge.") != "Mob violence"


def test_protest_background_is_not_this_protests_violence():
    assert _sub("Thousands rallied in the capital on Saturday to mourn demonstrators killed last month.") == (
        "Peaceful protest"
    )
    assert _sub("Hundreds of farmers took to the streets of the capital to demand higher grain prices.") == (
        "Peaceful protest"
    )


def test_property_destruction_without_people_harmed():
    assert _sub("Gunmen attacked and burned a school in the village on Monday night.") == "Looting/property destruction"
    assert _sub("Militants carried out an arson attack on a telecommunications tower.") == "Looting/property destruction"
    assert _sub("Unknown men vandalised a cafe in the city centre overnight.") == "Looting/property destruction"
    # shooting at a house attacks the people inside it
    assert _sub("Gunmen opened fire on the car of a district judge on Sunday.") == "Attack"


# --------------------------------------------------------------------------- strategic developments


def test_misfires_agreements_deployments_and_downed_drones():
    assert _sub("Three militants were killed when the bomb they were planting exploded prematurely.") == (
        "Disrupted weapons use"
    )
    assert _sub("Rebels released 20 soldiers in exchange for the release of 15 detained fighters.") == "Agreement"
    assert _sub("The army deployed additional troops to the border region on Friday.") == "Change to group/activity"
    assert _sub("The insurgents shot down a military drone over the valley.") == "Disrupted weapons use"
    # a ceasefire after weeks of fighting: the fighting is the setting
    assert _sub("The two sides agreed to a ceasefire after weeks of fighting.") == "Agreement"


def test_fire_of_mortars_and_small_arms_at_positions_is_an_exchange():
    assert _sub("The troops fired mortars, anti-aircraft guns and small arms at the militia's forward positions "
                "outside the village.") == "Armed clash"
    assert _sub("Monitors recorded 40 explosions and shots involving small arms near the village.") == "Armed clash"


def _strong(text, start=0, end=None):
    end = len(text) if end is None else end
    return [(t.text, t.type_cls) for t in find_triggers(text, start, end) if t.realis and t.strength >= 2]


def test_plural_bombardments_are_shelling_and_aerial_ones_air_strikes():
    # invented sentences
    assert _strong("Heavy bombardments hit the town overnight.") == [("bombardments", "shelling")]
    assert ("Aerial bombardments", "air") in _strong("Aerial bombardments killed four people.")


def test_fired_live_rounds_at_someone_is_a_shooting():
    # invented sentences
    assert _strong("Gunmen fired several shots at the car.") == [("fired several shots at", "attack")]
    assert ("fired live rounds at", "force") in _strong("Soldiers fired live rounds at protesters in the square.")
    # less-lethal and warning fire is no shooting
    assert _strong("Troops fired warning shots at the crowd.") == []
    assert all(t != "attack" for _, t in _strong("Police fired rubber bullets at protesters."))


def test_headline_present_tense_is_a_real_event_but_a_habit_is_not():
    # invented sentences
    assert _strong("Taliban kill 5 police in Helmand") == [("kill", "kill")]
    text = "Rebels attack army post\n\nRebels attacked an army post on Monday."
    assert _strong(text, 0, text.index("\n")) == [("attack", "attack")]
    # a habit, a title noun, a sentence later in the text: weak, as before
    assert _strong("Militants often attack convoys in the area.") == []
    assert _strong("Facilitator Linked to Election Attacks Captured in Ghazni") == [("Captured", "arrest")]
    assert _strong("Attack on convoy reported") == []
    text = "The road was closed on Monday. Militants attack convoys there, officials say."
    later = next(s for s in split_sentences(text) if "Militants" in text[s.start : s.end])
    assert _strong(text, later.start, later.end) == []
