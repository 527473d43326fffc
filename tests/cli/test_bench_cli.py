"""`harmwatch bench` reports documents/s/core and peak memory per stage (a measurement, not a timed test)."""

import json

from click.testing import CliRunner

from harmwatch.bench import build_corpus
from harmwatch.cli.main import cli


def test_bench_corpus_is_fixed_and_500_words():
    a, b = build_corpus(6, 500), build_corpus(6, 500)
    assert [x.html for x in a] == [x.html for x in b]
    from harmwatch.ingest import ingest

    words = [len(ingest(x).text.split()) for x in a]
    assert all(480 <= w <= 900 for w in words), words
    assert all("Very good!" not in ingest(x).text for x in a)


def test_bench_reports_each_stage():
    res = CliRunner().invoke(cli, ["bench", "--docs", "6", "--stage", "main-text", "--stage", "full", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    stages = {r["stage"]: r for r in out["results"]}
    assert set(stages) == {"main-text", "full"}
    for r in stages.values():
        assert "error" not in r, r
        assert r["docs"] == 6 and r["docs_per_second_per_core"] > 0 and r["peak_rss_mb"] > 10
    assert out["gazetteer_lookups_per_second"] > 0
    assert stages["full"]["incidents"] > 0


def test_bench_merge_reports_time_memory_and_quality():
    res = CliRunner().invoke(cli, ["bench", "merge", "--size", "3000", "--json"])
    assert res.exit_code == 0, res.output
    (r,) = json.loads(res.stdout)["results"]
    assert "error" not in r, r
    assert r["records"] == 3000 and r["merged_incidents"] < r["records"] and r["peak_rss_mb"] > 10
    assert r["pairwise_precision"] > 0.95 and r["pairwise_recall"] > 0.5


def test_spacy_baseline_is_the_bench_extra():
    # spaCy is only the benchmark's baseline: without the extra the stage says how to get it
    from harmwatch.bench import SPACY_HINT, run_benchmark, spacy_available

    (r,) = run_benchmark(4, 200, ("spacy-parse",), warmup=1)
    if spacy_available():
        assert r["docs"] == 4 and "skipped" not in r
    else:
        assert r == {"stage": "spacy-parse", "skipped": SPACY_HINT}
