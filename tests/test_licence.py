"""No wording of the evaluation-only data sets (GTD, ACLED, Airwars, GVA) in any tracked file.

Those sets may be used for internal evaluation only. tools/licence_scan.py compares 7-word
shingles of every tracked file with their texts, read from ../shared at test time; common English
(shingles of the licence-clean sample corpus) and the organisation names of
tools/licence_allow.txt are not hits. A test sentence written from an evaluation row fails here:
write an invented sentence of the same structure, or read the row from ../shared in the test.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# as tests/conftest.py has it: `from conftest import SHARED` finds whichever conftest module was
# imported last in a full run (tests/store/conftest.py), not tests/conftest.py
SHARED = Path(os.environ.get("HARMWATCH_SHARED", ROOT.parent / "shared")).resolve()
EVAL = SHARED / "data" / "eval"


def _tool():
    spec = importlib.util.spec_from_file_location("licence_scan", ROOT / "tools" / "licence_scan.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def tool():
    if not (EVAL / "gtd_2021h1").is_dir() or not (ROOT / ".git").exists():
        pytest.skip("needs ../shared/data/eval and a git checkout")
    return _tool()


def test_no_tracked_file_holds_evaluation_only_wording(tool):
    hits = tool.scan(EVAL)
    assert hits == {}, "\n".join(f"{p}: {[s for _, s in h[:5]]}" for p, h in hits.items())


def test_the_scan_finds_a_copied_sentence(tool, tmp_path):
    # the check can fail: a file holding one GTD summary is reported, with the set it came from
    import csv
    import gzip
    import subprocess

    with gzip.open(EVAL / "gtd_2021h1/gtd_2021jan-mar.csv.gz", "rt", encoding="utf-8") as f:
        summary = next(r["summary"] for r in csv.DictReader(f) if len((r["summary"] or "").split()) > 30)
    repo = tmp_path / "repo"
    (repo / "src/harmwatch/data/sample").mkdir(parents=True)
    (repo / "src/harmwatch/data/sample/sample_corpus.jsonl.gz").write_bytes(
        (ROOT / "src/harmwatch/data/sample/sample_corpus.jsonl.gz").read_bytes())
    (repo / "copied.txt").write_text(summary)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    hits = tool.scan(EVAL, root=repo)
    assert list(hits) == ["copied.txt"]
    assert {tag for tag, _ in hits["copied.txt"]} == {"gtd_2021h1"}
