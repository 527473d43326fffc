"""``harmwatch bench --stage dask``: the cluster mode beside local processes, on the same corpus.

For each count of Dask workers (a ``distributed.LocalCluster`` of N processes, one thread each) and
of ``--jobs`` processes, in a fresh process each: documents/s over the bench's fixed corpus (the
start outside the timed part), the start itself (cluster up + every worker warmed), Dask's
per-shard overhead (empty one-item shards through the scheduler and back), and each worker's
memory. This is a measurement, not a test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time

from harmwatch.bench import _bench_failure, _bench_item, build_corpus, process_memory, run_jobs_benchmark

#: Dask worker counts measured by default (beside --jobs 1 and 2)
DASK_WORKERS = (1, 2)
#: empty shards sent to measure the per-task round trip
OVERHEAD_SHARDS = 200


def _identity(x: int) -> int:
    return x


def _dask_child(workers: int, n_docs: int, words: int, shard_size: int, queue) -> None:
    try:
        from harmwatch.cluster import DaskWorkers
        from harmwatch.pipeline import warm_up

        items = build_corpus(n_docs, words)
        load = os.getloadavg() if hasattr(os, "getloadavg") else None
        with DaskWorkers(workers, warm_up=warm_up, shard_size=shard_size) as pool:
            t0 = time.perf_counter()
            incidents, failed = 0, 0
            for _item, (n, pid) in pool.map(_bench_item, items, on_failure=_bench_failure):
                incidents += n
                failed += pid < 0
            secs = time.perf_counter() - t0
            memory = {str(pid): process_memory(pid) for pid in sorted(pool.worker_pids().values())}
            shards = pool.shards
            pool.shard_size = 1
            t1 = time.perf_counter()
            for _ in pool.map(_identity, range(OVERHEAD_SHARDS), on_failure=_bench_failure):
                pass
            per_shard = (time.perf_counter() - t1) / OVERHEAD_SHARDS
            start = pool.start_seconds
            t2 = time.perf_counter()
        close = time.perf_counter() - t2  # leaving the block closes the cluster
        queue.put({"workers": workers, "docs": len(items), "seconds": round(secs, 3),
                   "docs_per_second": round(len(items) / secs, 2), "incidents": incidents, "failed": failed,
                   "start_seconds": round(start, 2), "close_seconds": round(close, 2), "shards": shards,
                   "shard_size": shard_size, "per_shard_overhead_ms": round(1000 * per_shard, 2),
                   "memory_mb": memory, "client_memory_mb": process_memory(os.getpid()),
                   "load_average_before": [round(x, 2) for x in load] if load else None})
    except Exception as exc:  # pragma: no cover - reported to the parent
        queue.put({"workers": workers, "error": repr(exc)})


def run_dask_benchmark(n_docs: int = 200, words: int = 500, workers: tuple[int, ...] = DASK_WORKERS,
                       jobs: tuple[int, ...] = (1, 2), shard_size: int | None = None) -> dict:
    """``{"processes": [...], "dask": [...]}``: the full pipeline with ``jobs`` local processes and
    with ``workers`` Dask workers, each count in a fresh process, on the same fixed corpus; each
    Dask row's ``speedup`` is over one local process."""
    from harmwatch.cluster import SHARD_SIZE, cluster_available
    from harmwatch.cluster.executor import MISSING_HINT

    processes = run_jobs_benchmark(n_docs, words, jobs) if jobs else []
    if not cluster_available():
        return {"processes": processes, "dask": [{"workers": n, "error": MISSING_HINT} for n in workers]}
    ctx = mp.get_context("spawn")
    rows: list[dict] = []
    for n in workers:
        q = ctx.Queue()
        p = ctx.Process(target=_dask_child, args=(n, n_docs, words, shard_size or SHARD_SIZE, q))
        p.start()
        rows.append(q.get())
        p.join()
    base = next((r for r in processes if r.get("jobs") == 1 and "error" not in r), None)
    for r in rows:
        if base is not None and "error" not in r:
            r["speedup_over_one_process"] = round(r["docs_per_second"] / base["docs_per_second"], 2)
    return {"processes": processes, "dask": rows}
