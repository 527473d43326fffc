"""``run`` and ``extract`` share one set of extraction options, and ``extract`` honours the per-input
time limit as ``run`` does (a stuck input fails with HW-ITEM-TIMEOUT, the batch goes on)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from harmwatch import pipeline
from harmwatch.cli.main import cli

SHARED = {"--published", "--jobs", "--workers", "--scheduler", "--item-timeout"}


def _options(name: str) -> set[str]:
    command = cli.get_command(None, name)
    return {opt for p in command.params for opt in p.opts if opt.startswith("--")}


def test_run_and_extract_take_the_same_extraction_options():
    assert SHARED <= _options("run")
    assert SHARED <= _options("extract")


def test_extract_fails_a_stuck_input_and_goes_on(tmp_path, stall_on):
    rows = [{"id": f"r{i}", "text": f"Gunmen killed {i + 2} people in Kano on Monday.", "published": "2024-05-02"}
            for i in range(3)]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    pipeline.process_item(pipeline.InputItem(ref="w", id="w", text=rows[0]["text"]), timeout=0)  # lazy loads
    stall_on("r1")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(src), "-o", str(out), "--jobs", "1", "--item-timeout", "2",
                                      "--silent"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["doc_id"] for x in lines] == ["r0", "r1", "r2"]
    assert [x.get("error_code") for x in lines] == [None, "HW-ITEM-TIMEOUT", None]
    assert lines[0]["incidents"] and lines[2]["incidents"]
