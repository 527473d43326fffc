"""The per-item time limit off the main thread (a Dask worker runs tasks in threads): a watchdog
raises HW-ITEM-TIMEOUT in the stuck thread, and an item that ends in time is never hit later."""

from __future__ import annotations

import threading
import time

from harmwatch import pipeline
from harmwatch.types import InputItem


def _item(i: int) -> InputItem:
    return InputItem(ref=f"t{i}", id=f"t{i}", text=f"Gunmen killed {i + 2} people in Kano on Monday.",
                     published="2024-05-02")


def _in_thread(fn):
    out: dict = {}

    def target():
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever escaped
            out["error"] = exc

    t = threading.Thread(target=target)
    t.start()
    t.join(60)
    assert not t.is_alive()
    return out


def test_stuck_item_in_a_thread_times_out(stall_on):
    pipeline.process_item(_item(0), timeout=0)  # lazy loads first
    stall_on("t1", busy=True)  # pure Python work: interruptible between bytecodes
    t0 = time.monotonic()
    out = _in_thread(lambda: [pipeline.process_item(_item(i), timeout=2) for i in range(3)])
    assert "error" not in out, out.get("error")
    results = out["value"]
    assert time.monotonic() - t0 < 20
    assert [r.error_code for r in results] == [None, "HW-ITEM-TIMEOUT", None]
    assert "t1: took over 2 s" in results[1].error
    assert results[0].incidents and results[2].incidents


def test_items_done_in_time_are_never_hit_later():
    pipeline.process_item(_item(0), timeout=0)

    def many():
        results = [pipeline.process_item(_item(i), timeout=3) for i in range(10)]
        end = time.monotonic() + 3.5  # past every guard's deadline: a stray exception would land here
        while time.monotonic() < end:
            pass
        return results

    out = _in_thread(many)
    assert "error" not in out, out.get("error")
    assert all(r.status == "ok" for r in out["value"])
