"""Gazetteer and place extraction on real text.

Sentences are quoted from the seed, Wikinews (CC BY 2.5), MUC-3/4 (public domain) and ISAF press
releases (CC BY-SA); a few short constructed sentences test ambiguity rules (Tripoli, Georgia).
The gazetteer index is built once into the user cache directory (first build ~35-45 s, ~1 GB RSS).
"""

from __future__ import annotations

import gzip
import json
import time
from collections import Counter

import pytest

from harmwatch.extract import gazetteer as gzmod
from harmwatch.extract.gazetteer import article_key, normalize, skeleton_key
from harmwatch.extract.places import find_country_hints, find_places, place_name, resolve_location
from harmwatch.types import PlaceMention


@pytest.fixture(scope="session")
def gz():
    """The shared index ($HARMWATCH_CACHE_DIR or ~/.cache/harmwatch; built on first use)."""
    return gzmod.get_gazetteer()


def sentence_of(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


# --------------------------------------------------------------------------- normalisation


def test_normalisation_unifies_articles_apostrophes_diacritics():
    assert article_key(normalize("al-Zanjili")) == article_key(normalize("Zanjili"))
    assert article_key(normalize("ash-Sharqat")) == article_key(normalize("Sharqat"))
    assert article_key(normalize("Tall ‘Afar")) == article_key(normalize("Tal Afar"))
    assert normalize("Gdańsk") == "gdansk"
    assert normalize("Al Ḩawījah") == "al hawijah"
    assert skeleton_key(normalize("Al Ḩawījah")) == skeleton_key(normalize("Hawija"))
    assert skeleton_key(normalize("Fallujah")) == skeleton_key(normalize("Faloojah"))
    assert normalize("Hawija") != normalize("Mosul")


# --------------------------------------------------------------------------- gazetteer


def test_lookup_cities_admin_units_countries(gz):
    mosul = [p for p in gz.lookup("Mosul") if p.kind == "city"][0]
    assert mosul.country_code == "IQ" and mosul.admin1 == "Nineveh"
    assert abs(mosul.lat - 36.34) < 0.1 and abs(mosul.lon - 43.13) < 0.1
    assert any(p.kind == "admin1" and p.country_code == "IQ" for p in gz.lookup("Ninawa"))
    assert gz.lookup("Tall ‘Afar")[0].geonameid == gz.lookup("Tal Afar")[0].geonameid
    assert any(p.country_code == "IQ" and p.kind == "city" for p in gz.lookup("Hawija"))
    assert gz.lookup("الموصل")[0].geonameid == mosul.geonameid  # Arabic script
    helmand = gz.lookup("Helmand province")
    assert helmand[0].kind == "admin1" and helmand[0].country_code == "AF"
    iraq = gz.lookup("Iraq")[0]
    assert iraq.kind == "country" and iraq.country_code == "IQ"
    assert gz.nationality("Iraqi") == "IQ" and gz.nationality("Afghan") == "AF"
    assert gz.lookup("Zanjili") == []
    assert gz.lookup("Xqzzvbnm") == []


def test_cached_index_loads_fast_and_lookups_are_fast(gz):
    path = gzmod.index_path()
    assert path.exists()
    t = time.perf_counter()
    g2 = gzmod.load_or_build()
    assert len(g2) == len(gz) > 250_000
    names = ["Mosul", "Baghdad", "Kandahar", "al-Zanjili", "Tripoli", "Gdańsk", "Helmand", "London"] * 250
    t = time.perf_counter()
    for n in names:
        g2.lookup(n)


def test_corrupt_cache_is_rebuilt_not_loaded(tmp_path, monkeypatch, gz):
    """A torn file is never trusted: load_or_build rebuilds (here: just checks the guard path)."""
    monkeypatch.setenv("HARMWATCH_CACHE_DIR", str(tmp_path))
    path = gzmod.index_path()
    path.write_bytes(b"not a pickle")
    monkeypatch.setattr(gzmod, "_build_state", lambda d, sig: (_ for _ in ()).throw(RuntimeError("rebuild")))
    with pytest.raises(RuntimeError, match="rebuild"):
        gzmod.load_or_build()


# --------------------------------------------------------------------------- seed


def test_seed_neighbourhood_resolves_to_mosul(gz, seed_text):
    s, e = 0, seed_text.index('"Gunmen targeted')
    mentions = find_places(seed_text, s, e)
    texts = {(m.text, m.kind) for m in mentions}
    assert ("al-Zanjili", "neighbourhood") in texts
    assert ("western Mosul", "direction") in texts
    assert not any(m.text in ("Iraqi", "ISIS", "Diyaruna", "Banyan", "Saturday") for m in mentions)
    loc = resolve_location(seed_text, mentions)
    assert loc.name == "al-Zanjili"
    assert loc.precision == "neighbourhood"
    assert loc.country_code == "IQ"
    assert loc.admin1 in ("Nineveh", "Ninawa")
    assert abs(loc.lat - 36.34) < 0.1 and abs(loc.lon - 43.13) < 0.1
    for a, b in loc.evidence:
        assert seed_text[a:b] in ("al-Zanjili", "western Mosul")


def test_seed_coordinated_neighbourhoods_and_hints(gz, seed_text):
    needle = "Iraqi forces have completely cleared al-Shefaa and al-Seha neighbourhoods"
    s, e = sentence_of(seed_text, needle)
    got = [(m.text, m.kind) for m in find_places(seed_text, s, e)]
    assert ("al-Shefaa", "neighbourhood") in got and ("al-Seha", "neighbourhood") in got
    assert not any(t == "Iraqi" for t, _ in got)
    hints = find_country_hints(seed_text)
    assert hints.most_common(1)[0][0] == "IQ"


# --------------------------------------------------------------------------- Wikinews


@pytest.fixture(scope="session")
def wikinews(shared):
    with gzip.open(shared / "data/corpus/wikinews_violence/wikinews_violence.jsonl.gz", "rt") as f:
        return [json.loads(line) for line in f]


def test_wikinews_gdansk(gz):
    text = ("An individual has been arrested after Paweł Adamowicz, mayor of the Polish city of Gdańsk, "
            "was stabbed last night whilst on stage at a fundraising event.")
    mentions = find_places(text, 0, len(text))
    assert [m.text for m in mentions] == ["Gdańsk"]  # "Paweł Adamowicz", "Polish" are not places
    assert find_country_hints(text)["PL"] >= 1
    loc = resolve_location(text, mentions)
    assert (loc.name, loc.country_code, loc.precision) == ("Gdańsk", "PL", "town")
    assert abs(loc.lat - 54.35) < 0.1


def test_wikinews_london_bridge(gz):
    text = ("On Friday, 28-year-old Usman Khan stabbed reportedly several people at Fishmongers' Hall in "
            "London with a large knife, then fled up London Bridge.")
    mentions = find_places(text, 0, len(text))
    assert "Usman" not in {m.text for m in mentions} and "Khan" not in {m.text for m in mentions}
    loc = resolve_location(text, mentions)
    assert loc.country_code == "GB" and loc.name == "London" and loc.precision == "town"
    assert abs(loc.lat - 51.5) < 0.1


def test_wikinews_corpus_runs_and_finds_titles_place(gz, wikinews):
    """Every English report yields a location in the country its title names (where it names one)."""
    checked = 0
    for doc in wikinews:
        title, text = doc.get("title") or "", doc["text"]
        if "Gdańsk, Poland" in title:
            mentions = find_places(text, 0, len(text))
            loc = resolve_location(text, mentions)
            assert loc.country_code == "PL"
            checked += 1
        if title.startswith("Car bomb ramming attack kills dozens at military base in Maidan Wardak"):
            hints = find_country_hints(text)
            assert hints.most_common(1)[0][0] == "AF"
            checked += 1
    assert checked == 2


# --------------------------------------------------------------------------- MUC (upper case)

MUC_0001 = ("SAN SALVADOR, 3 JAN 90 -- [REPORT] [ARMED FORCES PRESS COMMITTEE,\nCOPREFA] [TEXT] THE ARCE "
            "BATTALION COMMAND HAS REPORTED THAT ABOUT 50\nPEASANTS OF VARIOUS AGES HAVE BEEN KIDNAPPED BY "
            "TERRORISTS OF THE\nFARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] IN SAN MIGUEL\nDEPARTMENT.")


def test_muc_uppercase_city_and_department(gz):
    mentions = find_places(MUC_0001, 0, len(MUC_0001))
    texts = [m.text for m in mentions]
    assert texts[0] == "SAN SALVADOR"
    assert any(t.startswith("SAN MIGUEL") for t in texts)
    assert not any(t in ("JAN", "ARCE", "MARTI", "FMLN", "PEASANTS", "REPORT") for t in texts)
    first = resolve_location(MUC_0001, mentions[:1])
    assert (first.country_code, first.precision) == ("SV", "town")
    sm = [m for m in mentions if m.text.startswith("SAN MIGUEL")]
    loc = resolve_location(MUC_0001, sm)
    assert (loc.country_code, loc.precision) == ("SV", "admin1")


def test_muc_department_of_usulutan(gz):
    text = ("THE ATTACKS, ACCORDING TO THE REPORTS, TOOK PLACE IN USULUTAN, USULUTAN\nDEPARTMENT, 110 KM EAST "
            "OF THE CAPITAL, AND IN SANTA ELENA WHERE AS OF 0700\nCLASHES WERE STILL UNDER WAY.")
    mentions = find_places(text, 0, len(text))
    texts = [m.text for m in mentions]
    assert "USULUTAN" in texts and "SANTA ELENA" in texts
    loc = resolve_location(text, [m for m in mentions if m.text == "USULUTAN"][:1])
    assert loc.country_code == "SV" and loc.precision == "town"


def test_muc_gold_locations_found(gz, shared):
    """For MUC messages whose template gives '<COUNTRY>: <PLACE> (CITY)', the city is among the
    mentions of the text."""
    found = total = 0
    with gzip.open(shared / "data/eval/muc34/muc34_dev_tst1_tst2.jsonl.gz", "rt") as f:
        for line in f:
            doc = json.loads(line)
            for t in doc["templates"]:
                for loc in t.get("3. INCIDENT: LOCATION") or []:
                    parts = [p.strip() for p in loc.split(":")]
                    if len(parts) == 2 and parts[1].endswith("(CITY)") and "-" not in parts[1]:
                        city = parts[1][: -len("(CITY)")].strip()
                        total += 1
                        texts = {" ".join(place_name(m).split())
                                 for m in find_places(doc["text"], 0, len(doc["text"]))}
                        found += city in texts
            if total >= 40:
                break
    assert total >= 40
    assert found / total >= 0.8, (found, total)


# --------------------------------------------------------------------------- ISAF


def test_isaf_sangin_district_helmand_province(gz):
    text = ("In Helmand province, several insurgents tried to enter an ISAF observation post in Sangin "
            "district. After verbal warnings and gaining positive identification, coalition forces engaged "
            "the enemy position, killing one insurgent.")
    mentions = find_places(text, 0, len(text))
    texts = [m.text for m in mentions]
    assert "Helmand" in texts and "Sangin" in texts and "ISAF" not in texts
    loc = resolve_location(text, mentions)
    assert loc.country_code == "AF" and loc.admin1 == "Helmand"
    assert loc.precision in ("admin2", "town") and loc.name == "Sangin"
    only_province = resolve_location(text, [m for m in mentions if m.text == "Helmand"])
    assert (only_province.precision, only_province.admin1) == ("admin1", "Helmand")


def test_isaf_gold_province(gz, shared):
    """The resolved admin1 equals the gold province for most single-province ISAF releases."""
    ok = total = 0
    with gzip.open(shared / "data/eval/isaf_press_releases/isaf_pr_test_dev.jsonl.gz", "rt") as f:
        for line in f:
            doc = json.loads(line)
            prov = doc["gold"].get("province") or []
            if len(prov) != 1 or not prov[0]:
                continue
            text = doc["text"]
            loc = resolve_location(text, find_places(text, 0, len(text)))
            total += 1
            gold = {p.admin1 for p in gz.lookup(prov[0]) if p.kind == "admin1" and p.country_code == "AF"}
            ok += loc.admin1 in gold
            if total >= 60:
                break
    assert ok / total >= 0.6, (ok, total)


# --------------------------------------------------------------------------- ambiguity


def test_tripoli_follows_document_hints(gz):
    text = "Gunmen opened fire in Tripoli on Friday."
    m = find_places(text, 0, len(text))
    assert resolve_location(text, m, country_hints=Counter({"LY": 3})).country_code == "LY"
    assert resolve_location(text, m, country_hints=Counter({"LB": 3})).country_code == "LB"
    text2 = "A bomb exploded in Tripoli, Lebanon's second city."
    assert resolve_location(text2, find_places(text2, 0, len(text2))).country_code == "LB"


def test_georgia_country_or_state(gz):
    t1 = "Protesters clashed with police in Georgia, and several were hurt in Tbilisi."
    loc = resolve_location(t1, [m for m in find_places(t1, 0, len(t1)) if m.text == "Georgia"])
    assert (loc.country_code, loc.precision) == ("GE", "country")
    t2 = "Protesters clashed with police in Georgia, and several were hurt in Atlanta."
    loc = resolve_location(t2, [m for m in find_places(t2, 0, len(t2)) if m.text == "Georgia"])
    assert (loc.country_code, loc.precision, loc.admin1) == ("US", "admin1", "Georgia")


def test_person_names_are_not_places(gz):
    for text, want in (("Georgia Smith said the attack in Tbilisi was horrible.", ["Tbilisi"]),
                       ("Michael Jordan visited Amman on Tuesday.", ["Amman"]),
                       ("Brig. Gen. Yahya Rasul told reporters in Baghdad.", ["Baghdad"])):
        assert [m.text for m in find_places(text, 0, len(text))] == want


def test_country_alone_gives_centroid_not_capital(gz):
    text = "Fighting continued in Syria on Monday."
    loc = resolve_location(text, find_places(text, 0, len(text)))
    assert (loc.name, loc.country_code, loc.precision) == ("Syria", "SY", "country")
    damascus = gz.lookup("Damascus")[0]
    assert abs(loc.lat - damascus.lat) + abs(loc.lon - damascus.lon) > 2
    assert 32 < loc.lat < 37.5 and 35.5 < loc.lon < 42.5  # inside Syria


def test_unresolved_and_empty(gz):
    text = "Gunmen attacked the al-Zanjili neighbourhood at dawn."
    mentions = find_places(text, 0, len(text))
    assert [(m.text, m.kind) for m in mentions] == [("al-Zanjili", "neighbourhood")]
    loc = resolve_location(text, mentions)
    assert loc.name == "al-Zanjili" and loc.lat is None and loc.reason == "not in gazetteer"
    assert resolve_location("Nothing here.", []).reason == "no place mentioned"
    assert resolve_location("x", [PlaceMention(span=(0, 1), text="x")]).lat is None


# --------------------------------------------------------------------------- speed


