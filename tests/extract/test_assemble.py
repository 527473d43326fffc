"""Incident grouping on real multi-incident reports (MUC-3/4: public domain; Wikinews: CC BY 2.5)."""

import gzip
import json

import pytest

from harmwatch import extract_text


def _muc(shared, docid):
    with gzip.open(shared / "data/eval/muc34/muc34_dev_tst1_tst2.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["docid"] == docid:
                return d["text"]
    pytest.fail(f"{docid} not found")


def test_muc_message_with_three_incidents(shared):
    # a kidnapping on 30 December, clashes "yesterday", a clash "this morning" (DEV-MUC3-0001)
    text = _muc(shared, "DEV-MUC3-0001")
    res = extract_text(text, doc_id="DEV-MUC3-0001")
    incs = res.incidents
    assert [i.sub_event_type for i in incs][:2] == ["Abduction/forced disappearance", "Armed clash"]
    kidnap = incs[0]
    # "THE MASS KIDNAPPING TOOK PLACE ON 30 DECEMBER" refers back to the lead's kidnapping: one incident
    assert kidnap.date["start"] == "1989-12-30"
    assert kidnap.location["country_code"] == "SV"
    # the dateline (SAN SALVADOR, where the report was filed) is not the event place
    assert "SALVADOR" not in (kidnap.location["name"] or "")
    assert [p["name"] for p in kidnap.perpetrators] == ["FMLN: Farabundo Marti National Liberation Front"]
    clash = incs[1]
    assert clash.date["start"] == "1990-01-02"  # YESTERDAY against the 3 JAN 90 dateline
    assert clash.killed["best"] == 3 and clash.injured["best"] == 7
    assert all(i.location["name"] is None or "\n" not in i.location["name"] for i in incs)


def test_background_incident_is_not_a_new_incident():
    # Wikinews, "Kennedy assassin Sirhan Sirhan stabbed in California prison" (CC BY 2.5), first sentences
    text = ("It was reported on Saturday Sirhan Sirhan was stabbed in the neck while in prison in San Diego "
            "County, California. Sirhan, 75, is serving a life sentence for the 1968 assassination of United "
            "States Senator Robert F. Kennedy.")
    res = extract_text(text, published="2019-08-31", doc_id="wn-sirhan")
    assert len(res.incidents) == 1
    assert res.incidents[0].date["start"] != "1968"
    assert all(not (i.date.get("start") or "").startswith("1968") for i in res.incidents)
