"""The library API: what the CLI, the server and batch engines call."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
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


def extract_files(paths: Iterable[str | Path]) -> Iterator[DocumentResult]:
    """Extract every input in files or folders (JSONL, CSV, HTML, text), in order, one result each."""
    from harmwatch.ingest import iter_inputs
    from harmwatch.pipeline import process_item

    for item in iter_inputs([str(p) for p in paths]):
        yield process_item(item)


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
) -> RunReport:
    """Ingest, extract and store; without inputs, the bundled sample corpus. Idempotent."""
    from harmwatch.ingest import iter_inputs
    from harmwatch.pipeline import EXTRACTOR_VERSION, RunCounts, process_item
    from harmwatch.store import open_store

    paths = [str(p) for p in inputs] if inputs else [str(sample_corpus_path())]
    t0 = time.perf_counter()
    counts = RunCounts()
    with open_store(db) as store:
        run_id = store.begin_run(command, paths, {"extractor_version": EXTRACTOR_VERSION})
        for item in iter_inputs(paths):
            result = process_item(item)
            outcome = None
            if result.document is not None:
                outcome = store.save_result(run_id, result, extractor_version=EXTRACTOR_VERSION)
            status = counts.add(result, outcome=outcome)
            reason = None if status == "done" else result.error
            if status == "done" and outcome == "unchanged":
                reason = "unchanged since an earlier run"
            store.record_item(run_id, item.ref, status, reason, result.error_code, doc_id=result.doc_id)
            if progress is not None:
                progress(result)
        from harmwatch.store.merged import merge_store

        merged = merge_store(store, changed_only=True)  # new reports join the stored incidents
        stats = store.stats()
        stats["merged"] = merged.as_dict()
        summary = counts.as_dict()
        store.finish_run(run_id, summary, stats)
        return RunReport(run_id=run_id, db_url=store.url, counts=summary, stats=stats, seconds=time.perf_counter() - t0)
