"""The library API: what the CLI, the server and batch engines call."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from harmwatch.types import DocumentResult, InputItem

log = logging.getLogger(__name__)

ProgressFn = Callable[[DocumentResult], None]


def sample_corpus_path() -> Path:
    """The bundled sample corpus of real reports (see data/sample/SOURCES.md)."""
    return Path(str(resources.files("harmwatch") / "data" / "sample" / "sample_corpus.jsonl.gz"))


def extract_text(
    text: str,
    *,
    published: str | None = None,
    doc_id: str = "doc",
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    language: str | None = None,
) -> DocumentResult:
    """Extract the incidents of one plain-text report."""
    from harmwatch.pipeline import process_item

    return process_item(
        InputItem(
            ref=doc_id, id=doc_id, text=text, published=published, title=title, url=url, source=source, language=language
        )
    )


def extract_item(item: InputItem) -> DocumentResult:
    from harmwatch.pipeline import process_item

    return process_item(item)


def extract_files(paths: Iterable[str | Path], *, published: str | None = None,
                  jobs: int | None = 1, workers: int | None = None,
                  scheduler: str | None = None, item_timeout: float | None = None) -> Iterator[DocumentResult]:
    """Extract every input in files or folders (JSONL, CSV, HTML, text; ``-`` is standard input), in
    order, one result each. ``published`` dates the inputs that carry no publication date.
    ``jobs``: worker processes (``None`` or 0: every core; 1, the default: this process); the
    results are the same. ``workers`` (a local Dask cluster of N processes) or ``scheduler`` (the
    address of a running one) extract on Dask instead, with the same results (docs/SCALING.md).
    ``item_timeout``: seconds one input may take, as in :func:`run`.

    Raises ``HW-INPUT-NOT-FOUND`` before reading anything when a path does not exist, and
    ``HW-INPUT-PUBLISHED-INVALID`` when ``published`` is not a date.
    """
    from harmwatch.ingest import check_paths, check_published, iter_inputs
    from harmwatch.pipeline import DEFAULT_ITEM_TIMEOUT, process_items

    names = [str(p) for p in paths]
    check_paths(names)
    default = check_published(published)
    timeout = DEFAULT_ITEM_TIMEOUT if item_timeout is None else item_timeout
    if workers is None and scheduler is None:
        yield from process_items(iter_inputs(names), default_published=default, jobs=jobs, timeout=timeout)
        return
    from harmwatch.pipeline import item_failure, process_item

    with _extractors(jobs, workers, scheduler)[0] as pool:
        for _item, result in pool.map(partial(process_item, default_published=default, timeout=timeout),
                                      iter_inputs(names), on_failure=item_failure):
            yield result


def _extractors(jobs: int | None, workers: int | None, scheduler: str | None,
                items: Iterable[InputItem] = ()) -> tuple[Any, Iterable[InputItem]]:
    """The extraction pool and the items: a Dask cluster (``workers`` / ``scheduler``), else ``jobs``
    local processes (one process for a single input)."""
    from harmwatch.pipeline import warm_up

    if workers is not None or scheduler is not None:
        from harmwatch.cluster import DaskWorkers

        return DaskWorkers(workers, scheduler=scheduler, warm_up=warm_up), items
    from harmwatch.parallel import Workers, jobs_for

    jobs, items = jobs_for(jobs, items)
    return Workers(jobs, warm_up=warm_up), items


@dataclass
class RunReport:
    """What ``run`` did: counts for every input, where the data is, and a summary of the store."""

    run_id: int
    db_url: str
    counts: dict[str, Any]
    stats: dict[str, Any]
    seconds: float
    items: list[dict[str, Any]] = field(default_factory=list)


def run(
    inputs: Iterable[str | Path] | None = None,
    *,
    db: str | None = None,
    progress: ProgressFn | None = None,
    command: str = "run",
    published: str | None = None,
    jobs: int | None = 1,
    workers: int | None = None,
    scheduler: str | None = None,
    item_timeout: float | None = None,
) -> RunReport:
    """Ingest, extract and store; without inputs, the bundled sample corpus. Idempotent.

    Every input is accounted for: done and skipped inputs are stored, one document each (``counts
    ["stored"]``); a failed input is recorded with its coded reason and stored only when it had
    text (an extractor bug). Nothing is merged or overwritten behind the user's back: an id met
    twice in one run with another text (``HW-STORE-ID-COLLISION``) or the same text
    (``HW-INPUT-DUPLICATE``), and a URL stored under another id (``HW-STORE-URL-COLLISION``), fail
    that input. The same id in a later run is a new edition of the document and replaces it
    (``counts["updated"]``). A missing input path raises ``HW-INPUT-NOT-FOUND`` before the
    database is opened; ``published`` dates the inputs that carry no publication date.

    ``jobs``: extraction processes (``None`` or 0: every core; 1, the default: this process). Workers
    only extract; this process alone writes the store, in input order, so the store and the counts
    are the same whatever ``jobs`` is. ``workers`` (a local Dask cluster of N worker processes) or
    ``scheduler`` (``tcp://HOST:PORT`` of a running one) extract on Dask instead; the store is
    written here the same way (docs/SCALING.md).

    ``item_timeout``: seconds one input may take (default ``pipeline.DEFAULT_ITEM_TIMEOUT``; 0: no
    limit); an input past it fails with ``HW-ITEM-TIMEOUT`` and the run goes on, in every mode (a
    SIGALRM timer in a main thread, a watchdog in a Dask worker's task threads).
    """
    from harmwatch.ingest import check_paths, check_published, iter_inputs
    from harmwatch.pipeline import DEFAULT_ITEM_TIMEOUT, EXTRACTOR_VERSION, RunCounts, item_failure, process_item
    from harmwatch.store import open_store

    paths = [str(p) for p in inputs] if inputs else [str(sample_corpus_path())]
    check_paths(paths)
    default = check_published(published)
    t0 = time.perf_counter()
    counts = RunCounts()
    ledger = _RunLedger()
    timeout = DEFAULT_ITEM_TIMEOUT if item_timeout is None else item_timeout
    extract = partial(process_item, default_published=default, timeout=timeout)
    pool, items = _extractors(jobs, workers, scheduler, iter_inputs(paths))
    # the workers start (fork) before the database is opened: they inherit no connection
    with pool as extractors, open_store(db) as store:
        options: dict[str, Any] = {"extractor_version": EXTRACTOR_VERSION}
        if default:
            options["published"] = default
        run_id = store.begin_run(command, paths, options)
        for item, extracted in extractors.map(extract, items, on_failure=item_failure):
            result, outcome = _store_one(store, run_id, item, extracted, ledger, EXTRACTOR_VERSION)
            status = counts.add(result, outcome=outcome)
            reason = None if status == "done" else result.error
            if status == "done" and outcome == "unchanged":
                reason = "unchanged since an earlier run"
            elif status == "done" and outcome == "updated":
                reason = "updated: a new text or extractor version replaced the stored document"
            store.record_item(run_id, item.ref, status, reason, result.error_code, doc_id=result.doc_id)
            if progress is not None:
                progress(result)
        from harmwatch.store.merged import merge_store

        merged = merge_store(store, changed_only=True)  # new reports join the stored incidents
        stats = store.stats()
        stats["merged"] = merged.as_dict()
        summary = {**counts.as_dict(), **ledger.counts()}
        store.finish_run(run_id, summary, stats)
        return RunReport(run_id=run_id, db_url=store.url, counts=summary, stats=stats, seconds=time.perf_counter() - t0)


class _RunLedger:
    """What one run has stored so far: document id -> (content hash, ref), and store outcomes."""

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str, str]] = {}
        self.outcomes: dict[str, int] = {"inserted": 0, "updated": 0, "unchanged": 0}

    def counts(self) -> dict[str, int]:
        """``stored``: documents this run saved or found unchanged, by outcome."""
        return {"stored": sum(self.outcomes.values()), "stored_new": self.outcomes["inserted"],
                "stored_updated": self.outcomes["updated"], "stored_unchanged": self.outcomes["unchanged"]}


def _store_one(store: Any, run_id: int, item: InputItem, result: DocumentResult, ledger: _RunLedger,
               extractor_version: str) -> tuple[DocumentResult, str | None]:
    """Save one input's extracted result; returns it (failed when refused) and the store outcome."""
    from dataclasses import replace

    from harmwatch.store import DocumentRejected, content_hash

    if result.document is None:
        return result, None
    digest = content_hash(result.text if result.text is not None else result.document.text)
    earlier = ledger.seen.get(result.doc_id)
    if earlier is not None:
        if earlier[0] == digest:
            code, why = "HW-INPUT-DUPLICATE", f"document {result.doc_id!r} again, same text as {earlier[1]}; stored once"
        else:
            code, why = ("HW-STORE-ID-COLLISION",
                         f"document id {result.doc_id!r} is already used in this run by {earlier[1]} with another "
                         "text; not stored (give each document its own id)")
        return replace(result, status="error", error=why, error_code=code, incidents=[]), None
    try:
        outcome = store.save_result(run_id, result, extractor_version=extractor_version)
    except DocumentRejected as exc:
        return replace(result, status="error", error=exc.message, error_code=exc.code, incidents=[]), None
    ledger.seen[result.doc_id] = (digest, item.ref)
    ledger.outcomes[outcome] = ledger.outcomes.get(outcome, 0) + 1
    return result, outcome
