"""Issue 15, "background tolls stay background": a war's, a genocide's or a plague's toll told in an
aside never becomes an incident's figure, and the store's totals are not poisoned by it. The report
below is invented for the test."""

from __future__ import annotations

import json

from click.testing import CliRunner

from harmwatch.cli.main import cli
from harmwatch.extract.casualties import find_casualty_claims

REPORT = (
    "Gunmen killed three villagers in an attack on a market near Gao on Monday, local officials said. "
    "The attackers fled on motorbikes, and a doctor said 12 people were wounded. "
    "The attack came in a region where the war has killed more than 20,000 people since 2012, and elders "
    "recalled that some 2 million people died in the latest war. "
    "Historians say the plague of the 14th century killed more than 50 million people across the continent, "
    "and the genocide of 1994, in which about 800,000 people were killed, is still remembered."
)


def _claims(sentence: str) -> list[tuple[str, int | None]]:
    return [(c.kind, c.best) for c in find_casualty_claims(sentence, 0, len(sentence))]


def test_background_tolls_are_no_claims_but_the_incidents_figures_are():
    assert _claims("Gunmen killed three villagers on Monday in a region where more than 20,000 people have "
                   "been killed since 2012.") == [("killed", 3)]
    assert _claims("Some 2 million people died in the latest war.") == []
    assert _claims("The Black Death killed more than 50 million people.") == []
    assert _claims("The war, which has killed more than 10,000 people, goes on.") == []
    # a large toll of one event is still a claim
    assert _claims("At least 1,200 people were killed in the blast, officials said.") == [("killed", 1200)]
    assert _claims("At least 300 soldiers died in the battle for the airport.") == [("killed", 300)]


def test_run_stores_the_incident_figures_not_the_background_tolls(tmp_path, databases):
    inp = tmp_path / "report.jsonl"
    inp.write_text(json.dumps({"id": "gao-market", "text": REPORT, "published": "2024-03-12"}) + "\n")
    db = databases.new("hw")
    res = CliRunner().invoke(cli, ["run", str(inp), "--db", db, "--silent", "--json"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    rows = databases.rows(db, "select killed_best, injured_best from incidents")
    claims = [r[0] for r in databases.rows(db, "select best from claims")]
    assert rows == [(3, 12)]
    assert sorted(claims) == [3, 12]
    assert max(claims) < 1000
    summary = json.loads(res.stdout)
    assert summary["counts"]["incidents"] == 1
