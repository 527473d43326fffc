"""End to end: ``harmwatch eval isaf_press_releases --limit 10`` through the CLI."""

from __future__ import annotations

import json

from click.testing import CliRunner

from harmwatch.cli.main import cli


def test_eval_isaf_writes_reports_with_scores_in_range(shared, tmp_path):
    out = tmp_path / "report"
    args = ["eval", "isaf_press_releases", "--limit", "10", "--seed", "3", "--out", str(out),
            "--data-dir", str(shared / "data" / "eval"), "--workers", "1", "--silent", "--errors", "killed"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert "| isaf_press_releases | killed | exact_best |" in res.output
    assert "misses on killed" in res.output
    rep = json.loads((out / "report.json").read_text())
    assert rep["datasets"]["isaf_press_releases"]["rows"] == 10
    fields = {r["field"] for r in rep["results"]}
    assert {"date", "place", "event_type", "killed", "evidence"} <= fields
    for r in rep["results"]:
        for key in ("harmwatch", "baseline"):
            v = r[key]
            if v is None or r["metric"] == "median_km":
                continue
            assert 0.0 <= v <= 1.0, r
    assert any(r["baseline"] is not None for r in rep["results"] if r["field"] == "killed")
    assert (out / "report.md").read_text().startswith("# harmwatch eval")


def test_eval_unknown_set_fails_cleanly(tmp_path):
    res = CliRunner().invoke(cli, ["eval", "no_such_set", "--out", str(tmp_path)])
    assert res.exit_code == 2
    assert "unknown evaluation set" in res.output


def test_case_scores_all_labels_and_the_seen_acled_labels_apart(shared, tmp_path):
    from harmwatch.evaluation.mappings import ACLED_TO_CASE, CASE_SEEN

    assert len(CASE_SEEN) == 25 and CASE_SEEN == set(ACLED_TO_CASE.values())
    out = tmp_path / "case"
    args = ["eval", "case2021_task2", "--limit", "60", "--out", str(out),
            "--data-dir", str(shared / "data" / "eval"), "--workers", "1", "--silent"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    rows = {(r["field"], r["metric"]): r for r in json.loads((out / "report.json").read_text())["results"]}
    whole, seen = rows[("event_type", "macro_f1")], rows[("event_type_seen", "macro_f1")]
    # the seen subset leaves out the unseen-label rows (NATURAL_DISASTER, DIPLO, ...) of the sample
    assert 0 < seen["n"] < whole["n"] == 60
    assert 0.0 <= seen["harmwatch"] <= 1.0
