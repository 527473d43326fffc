"""The per-item time limit: a stuck input fails with HW-ITEM-TIMEOUT and the batch goes on, in this
process and in forked workers (the slow extractor is patched before the fork, so workers inherit it)."""

from __future__ import annotations

import pytest

from harmwatch import pipeline
from harmwatch.types import InputItem


def _items() -> list[InputItem]:
    return [InputItem(ref=f"r{i}", id=f"r{i}", text=f"Gunmen killed {i + 2} people in Kano on Monday.",
                      published="2024-05-02") for i in range(4)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_stuck_item_times_out_and_batch_goes_on(stall_on, jobs):
    pipeline.process_item(_items()[0], timeout=0)  # the first item loads lazy indexes: not what the limit is for
    stall_on("r1")
    results = list(pipeline.process_items(_items(), jobs=jobs, timeout=3))
    assert [r.doc_id for r in results] == ["r0", "r1", "r2", "r3"]
    assert [r.error_code for r in results] == [None, "HW-ITEM-TIMEOUT", None, None]
    assert [r.status for r in results] == ["ok", "error", "ok", "ok"]
    assert all(r.incidents for r in results if r.status == "ok")


def test_no_limit_when_zero():
    result = pipeline.process_item(_items()[0], timeout=0)
    assert result.status == "ok" and result.incidents
