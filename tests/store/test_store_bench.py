"""`harmwatch bench store`'s write measure (bench_store.save_benchmark) on the backend under test:
every copy is stored under its own id, the merge runs, and the statement count is real."""

from __future__ import annotations

from harmwatch.bench_store import save_benchmark
from harmwatch.store import open_store


def test_save_benchmark_stores_every_copy_once_and_counts_statements(databases, seed_result) -> None:
    url = databases.new("bench")
    out = save_benchmark(url, [seed_result], copies=3)
    assert (out["docs"], out["stored"]) == (3, 3)
    assert out["docs_per_second"] > 0 and out["statements_per_doc"] >= 3  # a document, its incidents, evidence
    with open_store(url, create=False) as store:
        assert set(store.find_documents()) == {f"{seed_result.doc_id}~{c}" for c in range(3)}
    # the three copies of one report merge: fewer merged incidents than stored per-report ones
    per_report = databases.scalar(url, "select count(*) from incidents")
    assert 1 <= databases.scalar(url, "select count(*) from merged_incidents") < per_report == 3 * len(seed_result.incidents)
    assert ("server" in out) == (databases.backend == "postgresql")
