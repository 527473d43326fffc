"""The negative set (issue 15, "no incident without armed violence") and the reliability of ``confidence``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from harmwatch.cli.main import cli
from harmwatch.evaluation import calibration as C
from harmwatch.evaluation import negatives

FIXTURE = Path(__file__).parent / "data" / "negatives_synthetic.jsonl"

#: incidents the synthetic negative fixture opens today. At the commit of issue 15's measurement side
#: it was 12; the figurative, disease, suicide and history rules (events/figurative.py, nonconflict.py,
#: triggers.history_sentence) removed the basketball, the suicide, the Black Death, the 1923 putsch,
#: the shares, the medicine, the senators and the chess ones. Left: football "were killed on the
#: counter attack", game review "shooting", fan wiki "is killed in the final battle", film review
#: "shootout" (fiction and games: their ``confidence`` is low, see extract/confidence.py).
#: EXTRACTION ENGINEERS: lower this number when a fix removes some (the test fails if the count grows,
#: never because it shrinks); the target is 0.
FIXTURE_FALSE_INCIDENTS_TODAY = 4


def _fixture() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_fixture_is_synthetic_and_covers_the_kinds_issue_15_names():
    docs = _fixture()
    assert docs and all(d["synthetic"] is True and d["text"] and d["id"].startswith("syn-") for d in docs)
    kinds = {d["kind"] for d in docs}
    assert {"programming_blog", "basketball", "game_review", "fan_wiki", "fiction", "road_crash", "suicide",
            "history"} <= kinds


def test_negative_fixture_false_incidents_do_not_grow_tighten_me():
    """Regression gate, not a target: the fixture may open at most today's count of incidents."""
    import harmwatch

    found = {}
    for d in _fixture():
        res = harmwatch.extract_text(d["text"], published=d["published"], doc_id=d["id"], title=d["title"])
        if res.incidents:
            found[d["id"]] = [(i.event_type, i.sub_event_type) for i in res.incidents]
    total = sum(len(v) for v in found.values())
    assert total <= FIXTURE_FALSE_INCIDENTS_TODAY, f"{total} false incidents (was {FIXTURE_FALSE_INCIDENTS_TODAY}): {found}"
    # accidents, weather and a plain programming post are already clean: they must stay so
    for clean in ("syn-01-programming_blog", "syn-02-programming_blog", "syn-03-basketball", "syn-08-road_crash",
                  "syn-09-road_crash", "syn-10-suicide", "syn-11-history", "syn-12-history", "syn-13-history",
                  "syn-14-business", "syn-15-medicine", "syn-16-weather", "syn-17-cooking", "syn-18-politics",
                  "syn-19-chess"):
        assert clean not in found, (clean, found.get(clean))


def test_exclusion_list_names_real_pages_with_known_reasons(shared):
    from harmwatch.evaluation import article_benchmark, trafilatura_eval

    data = shared / "data" / "eval"
    names = {i.id for mod in (article_benchmark, trafilatura_eval) for i in mod.load(data)}
    assert set(negatives.EXCLUDED) <= names
    assert set(negatives.EXCLUDED.values()) <= negatives.REASONS
    items = negatives.load(data)
    pages = [i for i in items if i.gold["source"] == "pages"]
    assert len(pages) == len(names) - len(negatives.EXCLUDED)
    assert not {i.id.split("/", 1)[1] for i in pages} & set(negatives.EXCLUDED)
    disasters = [i for i in items if i.gold["source"] == "case_disasters"]
    assert disasters and all(i.text and i.html is None for i in disasters)


def test_eval_negatives_reports_rates_trigger_words_and_calibration(shared, tmp_path):
    out = tmp_path / "neg"
    args = ["eval", "negatives", "--limit", "40", "--seed", "1", "--out", str(out), "--data-dir",
            str(shared / "data" / "eval"), "--workers", "1", "--silent", "--errors", "false_incidents"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert "| negatives | false_incidents | incidents_per_100_docs (lower is better) |" in res.output
    rep = json.loads((out / "report.json").read_text())
    rows = {(r["field"], r["metric"]): r for r in rep["results"]}
    rate = rows[("false_incidents", "incidents_per_100_docs")]
    assert rows[("false_incidents", "incidents_per_100_docs")]["baseline"] == 100.0  # the baseline: one per document
    fi = rep["false_incidents"]["negatives"]
    pages = rate["n"]
    assert abs(rate["harmwatch"] - 100 * sum(1 for f in fi["incidents"] if f["source"] == "pages") / pages) < 1e-9
    assert sum(fi["trigger_counts"].values()) >= len(fi["incidents"]) > 0 or rate["harmwatch"] == 0
    cal = rep["calibration"]["negatives"]
    assert cal["n"] == len(fi["incidents"]) and cal["aligned"] == 0
    assert "## Reliability of `confidence`" in (out / "report.md").read_text()


def test_reliability_bins_ece_and_auroc():
    outcomes = [(0.9, True), (0.9, True), (0.9, False), (0.45, False), (0.45, True), (1.0, True)]
    cal = C.reliability(outcomes)
    by_bin = {b["bin"]: b for b in cal["bins"]}
    assert by_bin["0.9-1.0"]["n"] == 4 and abs(by_bin["0.9-1.0"]["precision"] - 0.75) < 1e-9
    assert by_bin["0.4-0.5"]["n"] == 2 and by_bin["0.4-0.5"]["precision"] == 0.5
    # ECE = 4/6 * |0.75 - 0.925| + 2/6 * |0.5 - 0.45|
    assert abs(cal["ece"] - (4 / 6 * 0.175 + 2 / 6 * 0.05)) < 1e-9
    # aligned (0.9, 0.9, 0.45, 1.0) vs not (0.9, 0.45): wins 0.5+0.5+0+1 + 1+1+0.5+1 = 5.5 of 8
    assert abs(cal["auroc"] - 5.5 / 8) < 1e-9
    assert C.auroc([(0.5, False)]) is None


def test_single_incident_alignment_takes_the_one_best_fitting_incident():
    gold = {"sub_event_type": "Armed clash", "date": {"start": "2020-05-01", "end": "2020-05-01"},
            "killed": {"best": 3, "lo": 3, "hi": 3}}
    right = {"sub_event_type": "Armed clash", "date": {"start": "2020-05-01", "end": "2020-05-01"},
             "killed": {"best": 3}, "evidence": [[50, 90]]}
    duplicate = dict(right, evidence=[[100, 140]])
    only_type = {"sub_event_type": "Armed clash", "date": {"start": "2019-01-01"}, "evidence": [[0, 20]]}
    nothing = {"sub_event_type": "Attack", "date": {"start": "2019-01-01"}, "evidence": [[0, 20]]}
    assert C.fit(gold, right) == 3 and C.fit(gold, only_type) == 1 and C.fit(gold, nothing) == 0
    assert C.aligned_single(gold, [only_type, right, duplicate]) == [False, True, False]
    assert C.aligned_single(gold, [only_type]) == [True]
    assert C.aligned_single(gold, [nothing]) == [False]
