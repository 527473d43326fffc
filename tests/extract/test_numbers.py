"""find_numbers: real phrases from the seed, MUC-3/4 (public domain), ISAF press
releases (CC BY-SA) and Wikinews (CC BY 2.5); synthetic only where none exists."""

from __future__ import annotations

import pytest

from harmwatch.extract.casualties import find_numbers, parse_number_words


def one(text: str, words: str):
    got = [p for p in find_numbers(text) if p.text == words]
    assert len(got) == 1, find_numbers(text)
    p = got[0]
    assert text[p.span[0]:p.span[1]] == words
    return p


def vals(p):
    return (p.min, p.best, p.max, p.qualifier, p.vague)


@pytest.mark.parametrize(
    "text, words, expected",
    [
        # seed
        ('"At least 250 civilians, including women, children and old people, were killed',
         "At least 250", (250, 250, None, "at least", False)),
        # MUC (all caps)
        ("DURING OCTOBER MORE THAN 350 PEOPLE WERE KILLED IN PERU",
         "MORE THAN 350", (351, 351, None, "more than", False)),
        ("THE MASSACRE--FOR WHICH THEY HOLD THE ARMY RESPONSIBLE--OF NEARLY 80 PEOPLE",
         "NEARLY 80", (None, 80, 80, "nearly", False)),
        ("KILLING ONE SOLDIER AND WOUNDING THREE OR FOUR.", "THREE OR FOUR", (3, 3, 4, "range", False)),
        ("IN THE PAST FEW DAYS MORE THAN 1,000 PEOPLE HAVE DIED", "MORE THAN 1,000",
         (1001, 1001, None, "more than", False)),
        ("APPROXIMATELY 2,000 PEOPLE HAVE DIED", "APPROXIMATELY 2,000", (None, 2000, None, "approximately", False)),
        ("HUNDREDS HAVE BEEN WOUNDED", "HUNDREDS", (200, 200, None, "hundreds", True)),
        ("HAVE KILLED SCORES OF THOUSANDS OF CIVILIANS", "SCORES OF THOUSANDS",
         (40000, 40000, None, "scores of thousands", True)),
        ("INCLUDING A DOZEN CANDIDATES FOR CONGRESSIONAL SEATS", "A DOZEN", (12, 12, 12, None, False)),
        ("THIS BRINGS THE TOTAL TO HALF A DOZEN.", "HALF A DOZEN", (6, 6, 6, None, False)),
        # Wikinews
        ("Car bomb ramming attack kills dozens at military base in Maidan Wardak", "dozens",
         (24, 24, None, "dozens", True)),
        ("around twenty more, including colleague Faisal al-Thubhani, were injured.", "around twenty",
         (None, 20, None, "around", False)),
        ("The 176 people on board were all killed.", "176", (176, 176, 176, None, False)),
        # ISAF
        ("killing two insurgents and wounding several others", None, None),
        ("The assault force responded killing more than 30 insurgents", "more than 30",
         (31, 31, None, "more than", False)),
        # synthetic (no example in the corpora)
        ("TWENTY-FIVE PEOPLE WERE KILLED", "TWENTY-FIVE", (25, 25, 25, None, False)),
        ("one hundred and twelve bodies", "one hundred and twelve", (112, 112, 112, None, False)),
        ("two dozen villagers", "two dozen", (24, 24, 24, None, False)),
        ("a hundred people", "a hundred", (100, 100, 100, None, False)),
        ("1.5 million refugees", "1.5 million", (1_500_000, 1_500_000, 1_500_000, None, False)),
        ("between 10 and 15 people", "between 10 and 15", (10, 10, 15, "between", False)),
        ("10 to 15 people", "10 to 15", (10, 10, 15, "range", False)),
        ("10-15 people", "10-15", (10, 10, 15, "range", False)),
        ("no fewer than 9 people", "no fewer than 9", (9, 9, None, "no fewer than", False)),
        ("a minimum of 9 people", "a minimum of 9", (9, 9, None, "a minimum of", False)),
        ("upwards of 9 people", "upwards of 9", (10, 10, None, "upwards of", False)),
        ("almost 9 people", "almost 9", (None, 9, 9, "almost", False)),
        ("close to 9 people", "close to 9", (None, 9, 9, "close to", False)),
        ("just under 9 people", "just under 9", (None, 9, 9, "just under", False)),
        ("up to 40 people died", "up to 40", (None, 40, 40, "up to", False)),
        ("as many as 40 people", "as many as 40", (None, 40, 40, "as many as", False)),
        ("an estimated 5,000 people", "an estimated 5,000", (None, 5000, None, "an estimated", False)),
        ("roughly 50 people", "roughly 50", (None, 50, None, "roughly", False)),
        ("some 30 people", "some 30", (None, 30, None, "some", False)),
        ("over 100 people", "over 100", (101, 101, None, "over", False)),
        ("tens of thousands fled", "tens of thousands", (20000, 20000, None, "tens of thousands", True)),
        ("several dozen people", "several dozen", (36, 36, None, "several dozen", True)),
        ("a few people", "a few", (2, 2, None, "a few", True)),
        ("a handful of people", "a handful of", (2, 2, None, "a handful", True)),
        # a plural without a figure: at least two, nothing more
        ("a number of people", "a number of", (2, 2, None, "a number of", True)),
        ("numerous people", "numerous", (2, 2, None, "numerous", True)),
        ("thousands of people", "thousands", (2000, 2000, None, "thousands", True)),
    ],
)
def test_number_phrases(text, words, expected):
    if words is None:  # ISAF sentence with two phrases
        got = find_numbers(text)
        assert [(p.text, p.best, p.vague) for p in got] == [("two", 2, False), ("several", 3, True)]
        return
    assert vals(one(text, words)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # seed: times, date, percentage
        "Between the hours of 3 a.m., when the first shots rang out, and 10 a.m., when the weapons were finally silenced",
        "The \"Islamic State of Iraq and Syria\" (ISIS) on Saturday (June 3rd) slaughtered",
        "are now in control of 65% of al-Zanjili",
        # MUC: date line, military time, unit number, distance, ordinal, calibre-like model
        "SAN SALVADOR, 3 JAN 90 -- [REPORT]",
        "THE EXPLOSION OCCURRED AT 2350 ON 16 JANUARY",
        "MILITARY DETACHMENT NO.4 REPORTED",
        "TROOPS OF MILITARY DETACHMENT NO. 6, IN SONSONATE",
        "IN THE PAVON PRISON CAMP, 18 KM SOUTHEAST OF THIS CAPITAL.",
        "GUERRILLA COLUMNS ATTACKED THE 1ST INFANTRY BRIGADE'S POSITIONS",
        "AN M-16 RIFLE, CARTRIDGE CLIPS",
        "HER 15-YEAR-OLD DAUGHTER MARISELA",
        "OCCUPIED THE JUSTICE PALACE IN NOVEMBER 1985",
        # Wikinews: year, time, age
        "the deadliest since an assault in Ghazni in August 2018",
        "at about 13:40 local time (0040 UTC)",
        "An Australian, Brenton Tarrant, aged 28, appeared in Christchurch District Court",
        # synthetic
        "a 25-year-old cyclist was hurt",
        "a reward of $5 million",
        "7.62mm rounds",
        "Brigade 15 moved north",
        "call 555-1234 for details",
        "in 2015",
        "12 March",
        "the 3rd battalion",
        "no one was injured",
        "several hours later",
    ],
)
def test_not_counts_of_people(text):
    assert find_numbers(text) == []


def test_offsets_into_document_range():
    text = "Intro. MEANWHILE, THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED"
    got = find_numbers(text, 7, len(text))
    assert [text[s:e] for (s, e) in (p.span for p in got)] == ["THREE", "SEVEN"]
    assert find_numbers(text, 0, 6) == []


def test_parse_number_words():
    assert parse_number_words("one hundred and twelve") == 112
    assert parse_number_words("TWENTY-FIVE") == 25
    assert parse_number_words("two thousand five hundred") == 2500
    assert parse_number_words("1,200") == 1200
    assert parse_number_words("7.62") is None
    assert parse_number_words("banana") is None


@pytest.mark.parametrize(
    "text, words, expected",
    [
        # a floor and a ceiling are one range (invented sentences)
        ("At least 10 and up to 30 villagers died.", "At least 10 and up to 30",
         (10, 10, 30, "at least ... up to", False)),
        ("more than 10 but as many as 20 people died", "more than 10 but as many as 20",
         (11, 11, 20, "more than ... as many as", False)),
        ("at least two, possibly up to five, were wounded", "at least two, possibly up to five",
         (2, 2, 5, "at least ... up to", False)),
        ("the strike killed between 12 to 19 civilians", "between 12 to 19", (12, 12, 19, "between", False)),
        # an unknown number is a plural: at least two, no figure to add
        ("An unknown number of attackers were wounded.", "An unknown number of",
         (2, 2, None, "an unknown number of", True)),
        ("AN UNSPECIFIED NUMBER OF SUBVERSIVES WERE ALSO WOUNDED.", "AN UNSPECIFIED NUMBER OF",
         (2, 2, None, "an unspecified number of", True)),
    ],
)
def test_ranges_and_unknown_numbers(text, words, expected):
    assert vals(one(text, words)) == expected


def test_age_between_commas_after_a_name_is_no_count():
    # MUC-3/4
    t = "PABLO PELAEZ GONZALES, 45, A FORMER MAYOR OF MEDELLIN, WAS MURDERED TODAY BY GUNMEN"
    assert [p.text for p in find_numbers(t)] == []
    # a count between commas after a common noun stays one
    assert [p.text for p in find_numbers("In the end, 12, not 10, were counted.")] == ["12", "10"]


def test_left_context_stops_at_the_sentence_start():
    # Wikinews (CC BY 2.5): the number before the line break does not make "Twenty" a decimal
    t = "They killed 23 Afghan soldiers and injured another 15.\nTwenty insurgents were killed."
    s = t.index("Twenty")
    assert [(p.text, p.best) for p in find_numbers(t, s, len(t))] == [("Twenty", 20)]
