"""Each loader yields rows with the gold fields it promises, read from the shared folder.

GTD, ACLED and Airwars are evaluation-only: these tests read the shared files at run time and
assert on shapes only; no row content is embedded here.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from harmwatch.evaluation.base import subsample
from harmwatch.evaluation.runner import DATASETS


@pytest.fixture(scope="module")
def eval_dir(shared: Path) -> Path:
    d = shared / "data" / "eval"
    if not d.is_dir():
        pytest.skip(f"no evaluation data at {d}")
    return d


def _load(name: str, eval_dir: Path):
    return importlib.import_module(f"harmwatch.evaluation.{DATASETS[name]}").load(eval_dir)


# dataset -> gold keys that most rows must carry (share of rows)
PROMISED = {
    "gtd_2021h1": {"date": 0.99, "country": 0.95, "killed": 0.8, "sub_event_type": 0.8, "perpetrators": 0.5},
    "acled_may2020": {"date": 0.99, "admin1": 0.99, "sub_event_type": 0.99, "perpetrators": 0.99, "killed": 0.99},
    "ucdp_ged_sample": {"date": 0.99, "country": 0.99, "killed": 0.99, "actors_any": 0.99},
    "isaf_press_releases": {"date": 0.99, "admin1": 0.9, "sub_event_type": 0.99, "killed": 0.99},
    "airwars_gaza2023": {"date": 0.99, "latlon": 0.9, "killed": 0.85},
    "wikievents": {"doc_event": 1.0, "sents": 1.0, "violent_sents": 0.8},
    "case2021_task2": {"label": 1.0},
    "india_police_events": {"doc_event": 1.0, "police_kill": 1.0},
    "article_extraction_benchmark": {"main_text": 1.0},
    "trafilatura_eval": {"with": 1.0, "without": 1.0},
    "negatives": {"negative": 1.0, "source": 1.0, "set": 1.0},
    "gva_shootings": {"cluster": 1.0, "date": 0.9, "admin1": 0.9, "latlon": 0.8, "killed": 0.9, "injured": 0.9},
}


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_loader_yields_promised_gold(name, eval_dir):
    items = _load(name, eval_dir)
    assert len(items) >= 20
    for key, share in PROMISED[name].items():
        have = sum(1 for i in items if i.gold.get(key) not in (None, [], ""))
        assert have / len(items) >= share, (name, key, have, len(items))
    for i in subsample(items, 5, 0):
        assert i.text or i.html
        assert i.dataset == name


def test_muc_templates_become_gold_incidents(eval_dir):
    items = {i.id: i for i in _load("muc34", eval_dir)}
    first = items["DEV-MUC3-0001"]
    types = [g["muc_type"] for g in first.gold_incidents]
    assert "KIDNAPPING" in types
    kid = first.gold_incidents[types.index("KIDNAPPING")]
    assert kid["date"] == {"start": "1989-12-30", "end": "1989-12-30"}
    assert kid["country"] == "SV" and kid["admin1"] == "SAN MIGUEL"
    assert ["FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"] in kid["perpetrators"]
    assert items["DEV-MUC3-0002"].gold_incidents == [] and items["DEV-MUC3-0002"].gold["doc_event"] is False


@pytest.mark.parametrize("name", ["gtd_2021h1", "acled_may2020"])
def test_event_date_is_never_given_and_prefix_is_stripped(name, eval_dir):
    items = _load(name, eval_dir)
    assert all(i.published is None for i in items)
    stripped = [i for i in items if i.original_text and i.text != i.original_text]
    assert len(stripped) / len(items) > 0.9
    lead = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4}|On \d)")
    assert not any(lead.match(i.text) for i in stripped)


def test_airwars_input_is_the_narrative_without_gold_block(eval_dir):
    items = _load("airwars_gaza2023", eval_dir)
    assert all(i.html is None and i.text for i in items)
    assert all(i.published is None for i in items)


def test_acled_and_or_labels_are_alternatives():
    from harmwatch.evaluation.acled import _alternatives

    assert _alternatives("Rebel Group A and/or Militia B") == ["Rebel Group A", "Militia B"]
    assert _alternatives("Civilians (Country)") == ["Civilians (Country)"]
    assert _alternatives("") == []


def test_gva_pages_keep_their_cluster_and_published_date(eval_dir):
    items = _load("gva_shootings", eval_dir)
    clusters = {i.gold["cluster"] for i in items}
    assert len(clusters) < len(items)  # several pages report one incident
    assert all(i.text and i.html is None for i in items)
    assert sum(1 for i in items if i.published) / len(items) > 0.9
    scored = [i for i in items if i.gold.get("date")]
    assert all(i.gold["country"] == "US" and i.gold["date"]["start"] == i.gold["date"]["end"] for i in scored)
