"""Tests for harmwatch.extract.dates on real sentences.

Sources: the seed article; MUC-3/4 messages (public domain); ISAF press releases (CC BY-SA 3.0,
International Security Assistance Force); Wikinews (CC BY 2.5) for the speed check.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from harmwatch.extract.dates import document_dateline, find_dates, is_background, parse_published

D = dt.date


def _dates(text: str, published: D | None, start: int = 0, end: int | None = None):
    return find_dates(text, start, len(text) if end is None else end, published)


def _one(text: str, published: D | None):
    ms = _dates(text, published)
    assert len(ms) == 1, ms
    m = ms[0]
    assert text[m.span[0]:m.span[1]] == m.text
    return m


# --------------------------------------------------------------------------- seed


def _seed_sentence(seed_text: str, needle: str) -> tuple[int, int]:
    i = seed_text.index(needle)
    s = seed_text.rfind("\n", 0, i) + 1
    e = seed_text.find("\n", i)
    return s, (len(seed_text) if e < 0 else e)


def test_seed_saturday_june_3rd_with_published(seed_text):
    s, e = _seed_sentence(seed_text, "Saturday (June 3rd)")
    ms = find_dates(seed_text, s, e, D(2017, 6, 5))
    assert len(ms) == 1
    m = ms[0]
    assert seed_text[m.span[0]:m.span[1]] == "Saturday (June 3rd)"
    assert (m.start, m.end, m.precision, m.reason) == ("2017-06-03", "2017-06-03", "day", None)


def test_seed_saturday_june_3rd_without_published(seed_text):
    s, e = _seed_sentence(seed_text, "Saturday (June 3rd)")
    (m,) = find_dates(seed_text, s, e, None)
    assert seed_text[m.span[0]:m.span[1]] == "Saturday (June 3rd)"
    assert (m.start, m.end, m.precision) == ("--06-03", "--06-03", "day-no-year")


def test_seed_on_monday_is_publication_day(seed_text):
    s, e = _seed_sentence(seed_text, "told Diyaruna on Monday")
    (m,) = find_dates(seed_text, s, e, D(2017, 6, 5))  # 2017-06-05 is a Monday
    assert seed_text[m.span[0]:m.span[1]] == "Monday"
    assert (m.start, m.precision, m.relative) == ("2017-06-05", "day", True)
    # a later story: the previous Monday
    (m,) = find_dates(seed_text, s, e, D(2017, 6, 8))
    assert m.start == "2017-06-05"


def test_seed_weekday_without_published_is_unresolved_with_reason(seed_text):
    s, e = _seed_sentence(seed_text, "told Diyaruna on Monday")
    (m,) = find_dates(seed_text, s, e, None)
    assert m.start is None and m.end is None
    assert m.reason == "weekday without a publication date"


def test_seed_times_percent_numbers_and_verb_may_are_not_dates(seed_text):
    pub = D(2017, 6, 5)
    for needle in ("Between the hours of 3 a.m.", "The number may still rise", "65% of al-Zanjili"):
        s, e = _seed_sentence(seed_text, needle)
        got = [m.text for m in find_dates(seed_text, s, e, pub)]
        assert got == [] or needle.startswith("65%") and got == ["Monday"], (needle, got)
    total = []
    for line_start in range(0, len(seed_text)):
        if line_start == 0 or seed_text[line_start - 1] == "\n":
            e = seed_text.find("\n", line_start)
            total += find_dates(seed_text, line_start, len(seed_text) if e < 0 else e, pub)
    assert [m.text for m in total] == ["Saturday (June 3rd)", "Monday"]


# --------------------------------------------------------------------------- MUC-3/4 (public domain)

# (docid, dateline, sentence, expected words, key INCIDENT: DATE)
MUC_CASES = [
    ("DEV-MUC3-0001", "SAN SALVADOR, 3 JAN 90 -- ",
     "ACCORDING TO THAT GARRISON, THE MASS KIDNAPPING TOOK PLACE ON\n30 DECEMBER IN SAN LUIS DE LA REINA.",
     "30 DECEMBER", "30 DEC 89"),
    ("DEV-MUC3-0036", "GUATEMALA CITY, 13 JAN 90 (EFE) -- ",
     "BOTH BODIES WERE FOUND TODAY IN AN AREA NEAR GUATEMALA AND EL SALVADOR\n"
     "BORDER AFTER THE VICTIMS WERE KIDNAPPED IN GUATEMALA CITY YESTERDAY.",
     "YESTERDAY", "12 JAN 90"),
    ("DEV-MUC3-0139", "CLANDESTINE, 19 MAR 89 (RADIO FARABUNDO MARTI) -- ",
     "LAST NIGHT, REPORTER ROBERTO NAVAS AND LUIS GALDAMEZ\nWERE SHOT BY TROOPS OF THE DICTATORSHIP.",
     "LAST NIGHT", "18 MAR 89"),
    ("DEV-MUC3-0012", "LIMA, 9 JAN 90 -- ",
     "1. AT 0945 THIS MORNING, A GROUP OF SUBVERSIVES CONDUCTED AN ARMED\n"
     "TERRORIST ATTACK AGAINST FORMER DEFENSE MINISTER DIVISON GENERAL ENRIQUE\nLOPEZ ALBUJAR, RETIRED.",
     "THIS MORNING", "09 JAN 90"),
    ("DEV-MUC3-0078", "SAN SALVADOR, 8 FEB 89 -- ",
     "[TEXT] TWO VEHICLES WERE DESTROYED AND AN\nUNIDENTIFIED OFFICE OF THE AGRICULTURE AND LIVESTOCK MINISTRY WAS HEAVILY\n"
     "DAMAGED FOLLOWING THE EXPLOSION OF TWO BOMBS YESTERDAY AFTERNOON.",
     "YESTERDAY AFTERNOON", "07 FEB 89"),
    ("DEV-MUC3-0042", "LIMA, 16 JAN 90 (TELEVISION PERUANA) -- ",
     "THE\nATTACK TOOK PLACE AT 2100 ON 15 JANUARY [0100 GMT ON 16 JAN].",
     "15 JANUARY", "15 JAN 90"),
]


def _muc_key(s: str) -> D:
    return dt.datetime.strptime(s.strip("- ").split(" - ")[0], "%d %b %y").date()


@pytest.mark.parametrize("docid,dateline,sentence,words,key", MUC_CASES)
def test_muc_sentences_resolve_to_key_date(docid, dateline, sentence, words, key):
    text = dateline + sentence
    pub, span = document_dateline(text)
    assert pub is not None and span is not None
    start = len(dateline)
    ms = find_dates(text, start, len(text), pub)
    hit = [m for m in ms if m.text == words]
    assert hit, ms
    m = hit[0]
    assert text[m.span[0]:m.span[1]] == words
    assert m.start == _muc_key(key).isoformat()
    assert m.precision == "day"
    assert not any(m.text in ("0945", "2100", "0100") for m in ms)


def test_muc_cases_are_real(shared):
    """The sentences above are copied from the MUC file and the keys are its INCIDENT: DATE."""
    path = shared / "data/eval/muc34/muc34_dev_tst1_tst2.jsonl.gz"
    docs = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            docs[r["docid"]] = r
    for docid, dateline, sentence, _words, key in MUC_CASES:
        r = docs[docid]
        assert sentence in r["text"], docid
        assert r["text"].startswith(dateline), docid
        keys = {k for t in r["templates"] for k in t.get("2. INCIDENT: DATE", [])}
        assert key in keys, (docid, keys)


def test_muc_datelines():
    assert document_dateline("SAN SALVADOR, 3 JAN 90 (RADIO CADENA NACIONAL) -- [TEXT] THE ARMY") == (
        D(1990, 1, 3), (14, 22))
    text = "TEGUCIGALPA, 7 FEB (REUTER) -- [TEXT] A"  # DEV-MUC3-0075: no year in the dateline
    pub, span = document_dateline(text)
    assert pub is None and text[span[0]:span[1]] == "7 FEB"
    assert document_dateline(text, published=D(1989, 2, 8))[0] == D(1989, 2, 7)


def test_muc_all_caps_may_needs_a_day_or_year():
    # DEV-MUC3-0187 and DEV-MUC3-0191 (public domain)
    t1 = "THIS PROPOSAL IS COMPLETELY OUT OF TOUCH WITH THE CURRENT BALANCE OF FORCES AND, AS WE MAY GATHER FROM HIS STATEMENTS"
    assert _dates(t1, D(1989, 4, 25)) == []
    t2 = "WE HAVE ALREADY BEGUN TAKING SOME ACTIONS TO COUNTER ANY VIOLENT ACTIONS THEY MAY CARRY OUT ON 1 MAY."
    m = _one(t2, D(1989, 4, 28))
    assert (m.text, m.start) == ("1 MAY", "1989-05-01")


# --------------------------------------------------------------------------- ISAF (CC BY-SA)

ISAF_CASES = [
    # (head of the release up to the first sentence, expected words, gold.start_date)
    ("Force Targets Taliban Commander Involved in Recent IED Attack\nISAF Joint Command - Afghanistan\u2028"
     "2010-09-CA-005 For Immediate Release\nDownload PDF\u2028\u2028KABUL, Afghanistan (Sept. 1) - An Afghan and "
     "coalition security force detained several insurgents in Logar province Tuesday while in pursuit of a Taliban "
     "commander who leads 40 fighters in attacks against Afghan officials and coalition forces operating in Logar.",
     "Tuesday", "2010-08-31"),
    ("Afghan, Coalition Force Kills Several Insurgents in Helmand\nISAF Joint Command \u2013 Afghanistan\u2028"
     "2010-10-CA-267 For Immediate Release\u2028Download PDF \u2028\u2028KABUL, Afghanistan (Oct. 25, 2010) \u2014 "
     "Afghan National Security and International Security Assistance Forces targeted a senior Taliban leader "
     "during a joint operation in Baghran district, Helmand province, Monday.",
     "Monday", "2010-10-25"),
    ("Afghan, Coalition Forces Target Haqqani Leadership\nISAF Joint Command - Afghanistan\u20282010-12-S-191\n"
     "For Immediate Release\u2028Download PDF\n\nKABUL, Afghanistan (Dec. 17, 2010) \u2013 Afghan and coalition "
     "forces detained more than 10 suspected insurgents as they targeted a former Haqqani shadow governor in "
     "Khost province yesterday.",
     "yesterday", "2010-12-16"),
    ("Senior Taliban Commander Killed in Lashkar Gar\n2010-03-CA-061 \u2028For Immediate Release\n\n\xa0KABUL, "
     "Afghanistan (March 14) - Afghan National Security Forces (ANSF) with International Security Assistance "
     "Force (ISAF) partners conducted an operation east of Gavragay, Lashkar Gar district, Helmand Province, "
     "Friday afternoon.",
     "Friday afternoon", "2010-03-12"),
]


@pytest.mark.parametrize("text,words,gold", ISAF_CASES)
def test_isaf_relative_dates_match_gold(text, words, gold):
    pub, span = document_dateline(text)
    assert pub is not None
    ms = find_dates(text, span[1], len(text), pub)
    assert ms and ms[0].text == words, ms
    assert text[ms[0].span[0]:ms[0].span[1]] == words
    assert ms[0].start == gold and ms[0].relative


def test_isaf_cases_are_real(shared):
    path = shared / "data/eval/isaf_press_releases/isaf_pr_test_dev.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    for text, _w, gold in ISAF_CASES:
        match = [r for r in rows if r["text"].startswith(text)]
        assert match and match[0]["gold"]["start_date"] == gold


def test_isaf_datelines():
    t = "KABUL, Afghanistan (Jan. 10, 2011) \u2013 \u2028Sangin/Helmand\u2028In the same area"
    pub, span = document_dateline(t)
    assert pub == D(2011, 1, 10) and t[span[0]:span[1]] == "Jan. 10, 2011"
    t = "Title\u2028\u2028KABUL, Afghanistan (Sept. 1) - An Afghan and coalition security force"
    pub, span = document_dateline(t)
    assert pub is None and t[span[0]:span[1]] == "Sept. 1"  # no year, no stamp: no guess
    assert document_dateline(t, published=D(2010, 9, 2))[0] == D(2010, 9, 1)
    assert document_dateline("Afghan and coalition forces detained two insurgents.") == (None, None)


# --------------------------------------------------------------------------- expressions

PUB = D(2017, 6, 5)  # a Monday


@pytest.mark.parametrize("sentence,words,start,end,precision", [
    ("Gunmen attacked the village early on Sunday.", "early on Sunday", "2017-06-04", "2017-06-04", "day"),
    ("Shelling resumed Sunday night.", "Sunday night", "2017-06-04", "2017-06-04", "day"),
    ("The blast happened late Tuesday.", "late Tuesday", "2017-05-30", "2017-05-30", "day"),
    ("Two soldiers were killed yesterday.", "yesterday", "2017-06-04", "2017-06-04", "day"),
    ("He died today.", "today", "2017-06-05", "2017-06-05", "day"),
    ("The mayor was stabbed last night.", "last night", "2017-06-04", "2017-06-04", "day"),
    ("Rockets hit the base this morning.", "this morning", "2017-06-05", "2017-06-05", "day"),
    ("Clashes continued overnight.", "overnight", "2017-06-04", "2017-06-05", "day"),
    ("Three people were killed last week.", "last week", "2017-05-29", "2017-06-04", "week"),
    ("Fighting intensified last month.", "last month", "2017-05-01", "2017-05-31", "month"),
    ("The town fell earlier this month.", "earlier this month", "2017-06-01", "2017-06-05", "month"),
    ("Police arrested him three days ago.", "three days ago", "2017-06-02", "2017-06-02", "day"),
    ("The convoy was ambushed two weeks ago.", "two weeks ago", "2017-05-22", "2017-05-28", "week"),
    ("The attack on 12 March killed four.", "12 March", "2017-03-12", "2017-03-12", "day"),
    ("It began on the 12th of March.", "12th of March", "2017-03-12", "2017-03-12", "day"),
    ("The raid took place on Jan. 10, 2011.", "Jan. 10, 2011", "2011-01-10", "2011-01-10", "day"),
    ("Dated 2011-01-10 in the log.", "2011-01-10", "2011-01-10", "2011-01-10", "day"),
    ("Filed 13/01/2011 by the court.", "13/01/2011", "2011-01-13", "2011-01-13", "day"),
    ("Protests began in March.", "March", "2017-03-01", "2017-03-31", "month"),
    ("Protests began in September.", "September", "2016-09-01", "2016-09-30", "month"),
    ("The group was founded in 2015.", "2015", "2015-01-01", "2015-12-31", "year"),
    ("Fighting broke out in March 2015.", "March 2015", "2015-03-01", "2015-03-31", "month"),
    ("Raids on the night of 2 to 3 May left six dead.", "the night of 2 to 3 May", "2017-05-02", "2017-05-03", "day"),
    ("Between 1 and 3 May, 20 people died.", "1 and 3 May", "2017-05-01", "2017-05-03", "day"),
    ("The siege lasted from 30 April to 2 May.", "30 April to 2 May", "2017-04-30", "2017-05-02", "day"),
    ("The attack on December 30 killed two.", "December 30", "2016-12-30", "2016-12-30", "day"),
])
def test_expressions(sentence, words, start, end, precision):
    pub = D(2017, 1, 3) if "December 30" in sentence else PUB
    m = _one(sentence, pub)
    assert (m.text, m.start, m.end, m.precision) == (words, start, end, precision)


def test_month_day_seven_day_rule():
    assert _one("Elections are set for June 10.", PUB).start == "2017-06-10"  # 5 days after: same year
    assert _one("He was seized on June 20.", PUB).start == "2016-06-20"  # 15 days after: year before


def test_ambiguous_numeric_date_is_skipped():
    assert _dates("Report 10/01/2011 received.", PUB) == []


@pytest.mark.parametrize("sentence", [
    "Between the hours of 3 a.m. and 10 p.m. the fighting went on.",
    "Forces control 65% of the district.",
    "Soldiers of Brigade 15 took the hill.",
    "The number may still rise.",
    "Thousands joined a march on the capital.",
    "The Sunday Times reported the figure.",
    "Relatives marked Bloody Sunday.",
    "At least 250 civilians were killed in 12 attacks.",
    "Markets open on Fridays.",
])
def test_not_dates(sentence):
    assert _dates(sentence, PUB) == []


def test_weekday_mismatch_is_noted_and_explicit_date_wins():
    m = _one("ISIS on Sunday (June 3rd) slaughtered dozens.", PUB)
    assert m.start == "2017-06-03" and m.reason and "does not match" in m.reason


def test_no_year_forms():
    m = _one("Protests began in March.", None)
    assert (m.start, m.precision) == ("--03", "month-no-year")
    m = _one("Two soldiers were killed yesterday.", None)
    assert m.start is None and "without a publication date" in m.reason
    m = _one("It happened on Jan. 10, 2011.", None)
    assert (m.start, m.precision) == ("2011-01-10", "day")


def test_offsets_within_range():
    text = "Intro on Monday. The raid happened on Tuesday."
    s = text.index("The raid")
    ms = find_dates(text, s, len(text), PUB)
    assert [(text[a:b]) for a, b in (m.span for m in ms)] == ["Tuesday"]


# --------------------------------------------------------------------------- published, background


def test_parse_published():
    assert parse_published("2017-06-05") == D(2017, 6, 5)
    assert parse_published("2017-06-05T10:30:00+03:00") == D(2017, 6, 5)
    assert parse_published("Jan. 10, 2011") == D(2011, 1, 10)
    assert parse_published("10 January 2011") == D(2011, 1, 10)
    assert parse_published("June 3rd") is None  # no year: no guess
    assert parse_published("yesterday") is None
    assert parse_published("") is None and parse_published(None) is None
    assert parse_published("2017-02-30") is None


def test_is_background():
    pub = D(2017, 6, 5)
    (old,) = _dates("The group was founded in 2015.", pub)
    (recent,) = _dates("Two soldiers were killed yesterday.", pub)
    (last_year,) = _dates("A similar attack happened last year.", D(2017, 1, 10))
    (ago,) = _dates("The camp was shelled a year ago.", None)
    assert is_background(old, pub)
    assert not is_background(recent, pub)
    assert is_background(last_year, D(2017, 1, 10))  # only 10 days back, but "last year"
    assert is_background(ago, None)
    (march,) = _dates("Protests began in March.", pub)
    assert is_background(march, pub) and not is_background(march, pub, days=90)
    (unk,) = _dates("Protests began in March.", None)
    assert not is_background(unk, None)


# --------------------------------------------------------------------------- speed




def test_isaf_title_line_date_takes_year_from_release_number_below_it():
    # ISAF Joint Command press releases (CC BY-SA)
    from harmwatch.extract.dates import document_dateline

    t = ("May 11: Afghan-ISAF Forces Conduct Operations in Southern, Eastern Afghanistan ISAF Joint Command - "
         "Afghanistan 2010-05-CA-039 For Immediate Release In Kandahar last night, a joint security force found")
    assert document_dateline(t) == (dt.date(2010, 5, 11), (0, 6))
    t2 = ("Insurgent Cell Arrested in Kabul ISAF Joint Command - Afghanistan 2010-09-CA-149 For Immediate Release "
          "Download PDF KABUL, Afghanistan (Sept. 15) - Multiple intelligence sources and tips")
    date, span = document_dateline(t2)
    assert date == dt.date(2010, 9, 15) and t2[span[0]:span[1]] == "Sept. 15"


# --------------------------------------------------------------------------- anchored, this week, incident date

from harmwatch import extract_text  # noqa: E402
from harmwatch.extract.dates import ANCHOR_REASON, resolve_anchored, year_from_anchor  # noqa: E402

# DEV-MUC3-0919 (public domain): "the next day" counts from the story's 29 October, not from the dateline
MUC_0919 = ("SAN SALVADOR, 1 DEC 89 (RADIO CADENA CUSCATLAN) -- [TEXT] HE ASSERTED THAT HE LEARNED ON 29 OCTOBER THAT\n"
            "IN THE CHURCHYARD TWO TRUCKS WERE LOADED WITH EXPLOSIVES, WHICH WERE\n"
            "HURLED THE NEXT DAY AT THE MILITARY COMPLEX OF THE ARMED FORCES JOINT\nCHIEFS OF STAFF.")
# Wikinews (CC BY 2.5), "New Zealand mosque murder suspect appears in court at Christchurch", 2019-03-17
WN_CHRISTCHURCH = ("After his arrest on Friday, Brenton stayed in the Christchurch central police station overnight "
                   "before appearing in court on the next day.")


def test_next_day_is_left_for_the_story_anchor_and_counts_from_it():
    pub, _ = document_dateline(MUC_0919)
    ms = _dates(MUC_0919, pub)
    by_text = {m.text: m for m in ms}
    nxt = by_text["THE NEXT DAY"]
    assert (nxt.start, nxt.reason) == (None, ANCHOR_REASON)
    got = resolve_anchored(nxt, by_text["29 OCTOBER"], pub)
    assert (got.start, got.end, got.precision, got.span) == ("1989-10-30", "1989-10-30", "day", nxt.span)


def test_next_day_after_a_weekday_wikinews():
    pub = D(2019, 3, 17)
    ms = {m.text: m for m in _dates(WN_CHRISTCHURCH, pub)}
    assert ms["Friday"].start == "2019-03-15"
    assert resolve_anchored(ms["the next day"], ms["Friday"], pub).start == "2019-03-16"
    # an anchor that would put the event after publication is refused
    assert resolve_anchored(ms["the next day"], ms["Friday"], D(2019, 3, 15)) is None


@pytest.mark.parametrize("sentence", [
    "Parliament will meet on the day before the elections.",  # anchored to a named event, not a date
    "THE DAY BEFORE YESTERDAY THE GUERRILLAS ATTACKED.",
])
def test_day_before_a_named_event_is_not_anchored(sentence):
    assert not any(m.reason == ANCHOR_REASON for m in _dates(sentence, D(1989, 8, 10)))


def test_this_week_ends_at_publication():
    # DEV-MUC3-0340, dateline 10 AUG 89 (a Thursday): the week so far, not the Sunday after it
    text = ("GUATEMALA CITY, 10 AUG 89 (AFP) -- [TEXT]  THIS WEEK FATHER\nCHEMITA, FORMER CANDIDATE FOR MAYOR OF "
            "GUATEMALA CITY, ACCUSED ALFONSO\nCABRERA.")
    pub, _ = document_dateline(text)
    m = _one(text[text.index("THIS"):], pub)
    assert (m.start, m.end, m.precision) == ("1989-08-07", "1989-08-10", "week")


def test_year_from_another_date_of_the_text():
    assert year_from_anchor("--10-12", D(2023, 10, 26)) == D(2023, 10, 12)
    assert year_from_anchor("--12-30", D(2024, 1, 2)) == D(2023, 12, 30)  # across the new year
    assert year_from_anchor("--06-01", D(2023, 12, 20)) is None  # too far to share a year by nearness


# ISAF press releases (CC BY-SA), dev rows isaf-0009 and isaf-0142 (gold start_date 2010-10-11, 2010-01-18)
ISAF_WARDAK = (
    "UPDATE ISAF Confirms Taliban Senior Leader Captured in Wardak\nISAF Joint Command - Afghanistan\u2028"
    "2010-10-CA-127 \u2028\u2028\u2028KABUL, Afghanistan (Oct. 13) - The International Security Assistance Force "
    "confirmed the capture of a Taliban senior leader, who used suicide bombers and vehicle-borne improvised "
    "explosive devices to conduct attacks against Afghan and coalition forces, during an overnight operation in "
    "Wardak province Monday. \u2028\u2028Based on intelligence tips, the security force targeted a compound in "
    "Kodgai village of Nerkh district to search for the targeted individual."
)
ISAF_HELMAND = (
    "Forces Suppress Insurgent Fire in Helmand\nNEWS RELEASE\u2028ISAF Joint Command - Afghanistan\u2028\u2028"
    "2010-01-CA-086\u2028For Immediate Release\u2028\u2028KABUL, Afghanistan (Jan. 18) - A partnered ANA-ISAF force "
    "operating in Musa Qalah district, Helmand Province, encountered a number of insurgents and requested close air "
    "support. Supporting aircraft dropped a 1,100 kg bomb on the area and suppressed the insurgent gunfire."
)


def test_weekday_beats_the_overnight_span():
    inc = extract_text(ISAF_WARDAK).incidents[0]
    assert (inc.date["start"], inc.date["end"], inc.date["text"]) == ("2010-10-11", "2010-10-11", "Monday")


def test_no_date_in_text_publication_date_stands_in_visibly():
    res = extract_text(ISAF_HELMAND)
    date = res.incidents[0].date
    assert (date["start"], date["end"], date["precision"]) == ("2010-01-18", "2010-01-18", "day")
    assert date["basis"] == "publication date"
    assert "on or before" in date["reason"]
    # the evidence is the dateline the publication date was read from
    assert [res.text[s:e] for s, e in date["evidence"]] == ["Jan. 18"]


def test_no_date_and_no_publication_date_stays_unknown():
    text = ISAF_HELMAND.replace("KABUL, Afghanistan (Jan. 18) - ", "")
    date = extract_text(text).incidents[0].date
    assert date["start"] is None and date["evidence"] == [] and "basis" not in date
