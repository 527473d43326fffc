"""The founding example, end to end through the library API (DESIGN.md, issue 3)."""

import pytest

from harmwatch import extract_text


def _span_text(text, evidence):
    return [text[s:e] for s, e in evidence]


@pytest.fixture(scope="module")
def seed_result(seed_text):
    return extract_text(seed_text, published="2017-06-05", doc_id="seed")


def test_one_incident(seed_result):
    assert seed_result.status == "ok"
    assert len(seed_result.incidents) == 1, [i.summary for i in seed_result.incidents]


def test_event_type(seed_result):
    inc = seed_result.incidents[0]
    assert inc.event_type == "Violence against civilians"
    assert inc.sub_event_type == "Attack"
    assert inc.cameo is not None


def test_date_resolved_against_publication(seed_result):
    inc = seed_result.incidents[0]
    assert inc.date["start"] == inc.date["end"] == "2017-06-03"
    assert inc.date["precision"] == "day"
    assert any("June 3rd" in t for t in _span_text(seed_result.text, inc.date["evidence"]))


def test_place_is_al_zanjili_in_mosul_iraq(seed_result):
    loc = seed_result.incidents[0].location
    assert loc["country_code"] == "IQ"
    assert "Zanjili" in loc["name"]
    assert loc["precision"] == "neighbourhood"
    # Mosul: 36.34 N, 43.13 E
    assert abs(loc["lat"] - 36.34) < 0.2 and abs(loc["lon"] - 43.13) < 0.2
    assert any("Zanjili" in t for t in _span_text(seed_result.text, loc["evidence"]))


def test_perpetrator_is_islamic_state(seed_result):
    inc = seed_result.incidents[0]
    names = [p["name"] for p in inc.perpetrators]
    assert names == ["Islamic State"], inc.perpetrators
    mentions = _span_text(seed_result.text, inc.perpetrators[0]["evidence"])
    assert any("ISIS" in m for m in mentions)


def test_victims_are_civilians(seed_result):
    inc = seed_result.incidents[0]
    assert inc.victim_category == "civilians"
    assert [v["name"] for v in inc.victims] == ["Civilians"]


def test_killed_claims(seed_result):
    text = seed_result.text
    killed = seed_result.incidents[0].killed
    assert killed is not None
    assert killed["min"] == 250 and killed["best"] == 250
    claims = {c["text"].lower(): c for c in killed["claims"]}
    assert "dozens" in claims, claims.keys()
    at_least = next(c for c in killed["claims"] if "250" in c["text"])
    assert at_least["min"] == 250 and at_least["qualifier"].lower() == "at least"
    assert "al-Jarba" in (at_least["source"] or "")
    for c in killed["claims"]:
        for s, e in c["evidence"]:
            assert text[s:e].strip() and text[s:e] == text[s:e]
    assert "250" in "".join(_span_text(text, at_least["evidence"]))
    assert seed_result.incidents[0].injured is None


def test_weapons(seed_result):
    names = [w["name"] for w in seed_result.incidents[0].weapons]
    for w in ("sniper rifle", "machine gun", "hand grenade"):
        assert w in names


def test_every_evidence_span_is_inside_the_text(seed_result):
    text = seed_result.text
    inc = seed_result.incidents[0].to_dict()

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in ("evidence", "source_evidence"):
                    for s, e in x:
                        assert 0 <= s < e <= len(text)
                else:
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(inc)


def test_comment_junk_not_in_text(seed_result):
    assert "Very good!" not in seed_result.text
    assert "Comment(s)" not in seed_result.text


def test_without_publication_date_year_is_unknown(seed_text):
    res = extract_text(seed_text, doc_id="seed-nodate")
    assert len(res.incidents) == 1
    date = res.incidents[0].date
    assert date["start"] == "--06-03"
    assert date["precision"].endswith("-no-year")
    assert res.incidents[0].perpetrators[0]["name"] == "Islamic State"
