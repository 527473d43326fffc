"""``harmwatch bench store``: PostgreSQL vs SQLite write throughput, in the same run, on the same data.

Two measures per backend, each into a database created for the purpose (and dropped afterwards on
PostgreSQL):

* **save_result**: the bundled sample corpus is extracted once (outside the timing), then its
  results are saved ``copies`` times under fresh ids (one transaction per document, as a run
  writes them), then merged once: documents/s of the writes alone, and the merge's seconds, with
  the SQL statements sent per document (the round trips that decide PostgreSQL's cost).
* **run**: a whole ``harmwatch run`` of the sample corpus (ingest, extraction, store, merge) into a
  new database, in a fresh process (``--jobs 1``), so extraction is paid as a user pays it.

The load average is printed with the figures: the machine is shared and a busy core slows both.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from typing import Any

from harmwatch.bench import machine


def _extracted() -> list:
    """The sample corpus, extracted once (DocumentResults with their documents)."""
    from harmwatch.api import sample_corpus_path
    from harmwatch.ingest import iter_inputs
    from harmwatch.pipeline import process_item

    out = []
    for item in iter_inputs([str(sample_corpus_path())]):
        result = process_item(item)
        if result.document is not None and result.status in ("ok", "skipped"):
            out.append(result)
    return out


def _renamed(result, suffix: str):
    doc = result.document
    new_id = f"{result.doc_id}~{suffix}"
    url = f"{doc.url}#{suffix}" if doc.url else None  # a stored URL belongs to one id
    return replace(result, doc_id=new_id, document=replace(doc, id=new_id, url=url))


def _count_statements(engine) -> list[int]:
    from sqlalchemy import event

    counter = [0]

    @event.listens_for(engine, "before_cursor_execute")
    def _count(*_args: Any) -> None:
        counter[0] += 1

    return counter


def save_benchmark(url: str, results: list, copies: int = 5) -> dict:
    """Seconds to save ``results`` ``copies`` times under fresh ids into a new database at ``url``,
    then to merge them; statements per document."""
    from harmwatch.store.merged import merge_store
    from harmwatch.pipeline import EXTRACTOR_VERSION
    from harmwatch.store import open_store

    with open_store(url) as store:
        counter = _count_statements(store.engine)
        run_id = store.begin_run("bench", ["sample"], {"copies": copies})
        batches = [[_renamed(r, f"{c}") for r in results] for c in range(copies)]
        counter[0] = 0
        t0 = time.perf_counter()
        for batch in batches:
            for result in batch:
                store.save_result(run_id, result, extractor_version=EXTRACTOR_VERSION)
        seconds = time.perf_counter() - t0
        statements = counter[0]
        t1 = time.perf_counter()
        merge_store(store)
        merge_seconds = time.perf_counter() - t1
        docs = store.stats()["documents"]
        server = _server_settings(store.engine)
    n = len(results) * copies
    return {"docs": n, "stored": docs, "seconds": round(seconds, 2), "docs_per_second": round(n / seconds, 1),
            "statements_per_doc": round(statements / n, 1), "merge_seconds": round(merge_seconds, 2),
            **({"server": server} if server else {})}


def _server_settings(engine) -> dict[str, str]:
    """The PostgreSQL settings that decide a commit's cost (a test cluster may run with fsync off)."""
    if engine.dialect.name != "postgresql":
        return {}
    from sqlalchemy import text

    with engine.connect() as conn:
        return {name: conn.execute(text(f"SHOW {name}")).scalar_one()
                for name in ("server_version", "fsync", "synchronous_commit")}


def run_command_benchmark(url: str) -> dict:
    """A whole ``harmwatch run --jobs 1`` of the sample corpus into a new database, in a fresh process."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "harmwatch.cli.main", "run", "--silent", "--jobs", "1", "--db", url],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - t0
    from harmwatch.store import open_store

    with open_store(url, create=False) as store:
        docs = store.stats()["documents"]
    return {"docs": docs, "seconds": round(seconds, 2), "docs_per_second": round(docs / seconds, 1)}


def _database_urls(tmp: str, pg_url: str | None, name: str) -> dict[str, str]:
    urls = {"sqlite": f"sqlite:///{tmp}/{name}.sqlite"}
    if pg_url:
        from sqlalchemy.engine import make_url

        urls["postgresql"] = make_url(pg_url).set(database=f"hw_bench_{name}_{uuid.uuid4().hex[:8]}") \
            .render_as_string(hide_password=False)
    return urls


def run_store_benchmark(pg_url: str | None, copies: int = 5) -> dict:
    """Both measures on SQLite and, when ``pg_url`` (a PostgreSQL server URL) is given, PostgreSQL."""
    import tempfile

    from sqlalchemy.engine import make_url

    from harmwatch.store.engines import drop_database

    results = _extracted()
    out: dict[str, Any] = {"machine": machine(), "results_per_copy": len(results), "copies": copies,
                           "save": {}, "run": {}}
    made: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="hw-bench-store-") as tmp:
            for backend, url in _database_urls(tmp, pg_url, "save").items():
                made += [url] if backend == "postgresql" else []
                out["save"][backend] = {**save_benchmark(url, results, copies),
                                        "load_average_before": list(os.getloadavg())}
            for backend, url in _database_urls(tmp, pg_url, "run").items():
                made += [url] if backend == "postgresql" else []
                out["run"][backend] = {**run_command_benchmark(url), "load_average_before": list(os.getloadavg())}
    finally:
        for url in made:
            try:
                drop_database(make_url(url))
            except Exception:  # the server went away: nothing left to drop
                pass
    out["load_average_after"] = list(os.getloadavg())
    return out
