"""The pipeline: input items in, document results out.

``process_item`` is a pure function of one :class:`InputItem` (plus cached,
read-only reference data), so it maps over a corpus unchanged in one process
or on a cluster. It never raises for a bad input: the result says ``error``
with a coded, one-line message, and the batch goes on.
"""

from __future__ import annotations

import hashlib
import logging
import re
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial

from harmwatch import __version__
from harmwatch.errors import HarmwatchError
from harmwatch.extract import extract_incidents
from harmwatch.extract.events import find_triggers, non_conflict_kind
from harmwatch.extract.segment import split_sentences
from harmwatch.ingest import ingest, item_error, published_warning
from harmwatch.types import Document, DocumentResult, InputItem

log = logging.getLogger(__name__)

#: bump the suffix when extraction rules change, so stored documents are re-extracted
EXTRACTOR_VERSION = f"{__version__}+rules.6"

#: seconds one input may take (ingest + extract) before it fails with ``HW-ITEM-TIMEOUT``; a news
#: report takes well under a second, so a minute only stops a pathological input, never a real one
DEFAULT_ITEM_TIMEOUT = 60.0

ITEM_TIMEOUT_HINT = "the input is pathological (or the machine overloaded); raise --item-timeout to give it longer"


class ItemTimeout(HarmwatchError):
    """One input ran past its time limit; it fails and the batch goes on."""

    code = "HW-ITEM-TIMEOUT"
    hint = ITEM_TIMEOUT_HINT


#: languages the extraction rules cover; other documents are ingested and stored, not extracted
SUPPORTED_LANGUAGES = frozenset({"en"})


def extract_document(doc: Document) -> DocumentResult:
    """Extract the incidents of one clean document."""
    warnings: list[str] = []
    if doc.language and doc.language not in SUPPORTED_LANGUAGES:
        return DocumentResult(
            doc_id=doc.id,
            status="skipped",
            error=f"language '{doc.language}' is not covered by the extraction rules (English only)",
            error_code="HW-LANG-UNSUPPORTED",
            text=doc.text,
            document=doc,
        )
    incidents = extract_incidents(doc)
    excluded = _excluded(doc.text or "")
    # a body that names another cause of harm (a suicide, an accident) is not overruled by its headline
    if not incidents and not excluded and doc.title:
        with_head = _with_headline(doc)
        if with_head is not None:
            incidents = extract_incidents(with_head)
            if incidents:
                doc = with_head
                excluded = _excluded(doc.text)
                warnings.append("the page text reports no incident but its headline does: the text is kept with "
                                "the headline as its first line, and evidence offsets count from it")
    if not doc.published:
        warnings.append("no publication date: relative dates stay unresolved and years may be unknown")
    return DocumentResult(doc_id=doc.id, status="ok", text=doc.text, incidents=incidents, document=doc, warnings=warnings,
                          excluded=excluded)


#: characters at most of a title read as a headline
_MAX_HEADLINE = 300
_SITE_SUFFIX = re.compile(r"\s+[-|\u2013\u2014:]\s+(?:\S+\s*){1,5}$")


def headline(title: str | None) -> str | None:
    """The page title without the outlet's trailing name ("Two hurt in crash - WXYZ",
    "Man shot | Local News | example.com"); None when nothing of a sentence is left."""
    t = " ".join((title or "")[:_MAX_HEADLINE * 2].split())
    if len(t) > _MAX_HEADLINE:
        return None  # no headline runs this long (a page's whole text in its title field, hostile input)
    for _ in range(3):
        m = _SITE_SUFFIX.search(t)
        if not m or len(t[: m.start()].split()) < 3:
            break
        t = t[: m.start()]
    return t if len(re.findall(r"\w+", t)) >= 3 else None


def _says_nothing(text: str) -> bool:
    """The text names no act of violence or death at all (no trigger, real or not): a body that
    reports a death the rules read as no incident (history, a suicide) is not overruled by its
    headline. (The caller has already found no other cause of harm in it.)"""
    return not any(find_triggers(text, s.start, s.end) for s in split_sentences(text))


def _with_headline(doc: Document) -> Document | None:
    """``doc`` with its headline as the first line, when the text does not already open with it (a
    page whose body came out as boilerplate or a paywall note still says what happened in its
    title); None when there is nothing to add, the text tells of violence or harm itself
    (:func:`_says_nothing`) or the headline alone reports no incident. The
    content hash follows the new text."""
    head = headline(doc.title)
    if head is None or head.casefold()[:60] in doc.text[:3000].casefold() or not _says_nothing(doc.text):
        return None
    if not extract_incidents(replace(doc, text=head)):
        return None  # the headline alone reports none either (cheap: one line), so the page is not read again
    text = f"{head}\n\n{doc.text}"
    return replace(doc, text=text, content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest())


def _excluded(text: str) -> list[dict]:
    """The first non-conflict cause of harm in the text (earthquake, boiler blast, road crash), if
    any: the extractor opens no incident for it, and the output says so."""
    got = non_conflict_kind(text)
    if got is None:
        return []
    kind, (s, e) = got
    return [{"kind": kind, "text": text[s:e], "evidence": [[s, e]]}]


def process_item(item: InputItem, *, default_published: str | None = None,
                 timeout: float | None = DEFAULT_ITEM_TIMEOUT) -> DocumentResult:
    """Ingest and extract one input item; bad input becomes an error result, never an exception.

    ``timeout``: seconds the item may take (``None`` or 0: no limit); past it the item fails with
    ``HW-ITEM-TIMEOUT`` and the caller goes on to the next one. The guard is a SIGALRM timer in a
    main thread (this process, ``--jobs`` workers) and a watchdog thread elsewhere (a Dask worker's
    task threads), so the limit holds in every mode.

    ``default_published`` dates an input that has no publication date of its own (nor in its
    page's metadata). A ``published`` value that is not a date is ignored with a coded warning
    (``HW-INPUT-PUBLISHED-INVALID``) in the result, never silently.
    """
    try:
        with _time_limit(timeout, item.ref):
            result = _process(item, default_published)
    except ItemTimeout as exc:
        if not exc.message:  # raised by the watchdog of a non-main thread
            exc = ItemTimeout(f"{item.ref}: took over {timeout:g} s (ingest + extraction); stopped")
        log.warning("%s", exc.one_line())
        result = DocumentResult(doc_id=item.id or item.ref, status="error", error=exc.message, error_code=exc.code)
    warning = published_warning(item) if not item.error else None
    if warning:
        result.warnings.insert(0, warning)
    return result


@contextmanager
def _time_limit(seconds: float | None, ref: str) -> Iterator[None]:
    """Raise :class:`ItemTimeout` in this thread when the block runs past ``seconds``.

    In the main thread (this process, ``--jobs`` workers) the guard is a SIGALRM timer; in any
    other thread (a Dask worker's task threads) a watchdog timer raises the exception in the
    thread through the interpreter's asynchronous-exception call. Either way Python raises it
    between bytecodes: one long call into C (a huge regex match, a sleep off the main thread) is
    stopped only when it returns; the size caps of ingest keep such calls short."""
    if not seconds or seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def _expired(signum: int, frame: object) -> None:
            raise ItemTimeout(f"{ref}: took over {seconds:g} s (ingest + extraction); stopped")

        previous = signal.signal(signal.SIGALRM, _expired)
        signal.setitimer(signal.ITIMER_REAL, float(seconds))
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    else:
        with _watchdog(float(seconds)):
            yield


class _Expired(ItemTimeout):
    """:class:`ItemTimeout` as the watchdog raises it in another thread: the interpreter raises a
    class there, with no arguments, so ``process_item`` words the message."""

    def __init__(self, *args: object) -> None:
        super().__init__(*(args or ("",)))


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    import ctypes

    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def _expire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(_Expired))

    timer = threading.Timer(seconds, _expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["fired"]:  # fired as the block ended: take back an exception not yet raised
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)


def _process(item: InputItem, default_published: str | None) -> DocumentResult:
    doc_id = item.id or item.ref
    try:
        if item.error:
            raise item_error(item)
        doc = ingest(item, default_published=default_published)
    except ItemTimeout:
        raise
    except HarmwatchError as exc:
        return DocumentResult(doc_id=doc_id, status="error", error=exc.message, error_code=exc.code)
    except Exception as exc:  # a bug in ingest: report it for this item and go on
        log.exception("ingest failed for %s", item.ref)
        return DocumentResult(doc_id=doc_id, status="error", error=f"ingest failed: {exc!r}", error_code="HW-INGEST-BUG")
    try:
        return extract_document(doc)
    except ItemTimeout:
        raise
    except Exception as exc:
        log.exception("extraction failed for %s", doc.id)
        return DocumentResult(
            doc_id=doc.id,
            status="error",
            error=f"extraction failed: {exc!r}",
            error_code="HW-EXTRACT-BUG",
            text=doc.text,
            document=doc,
        )


def process_items(items: Iterable[InputItem], *, default_published: str | None = None,
                  jobs: int | None = 1, timeout: float | None = DEFAULT_ITEM_TIMEOUT) -> Iterator[DocumentResult]:
    """``process_item`` over a stream of inputs, one result each, in input order.

    ``jobs``: worker processes (``None`` or 0: every core; 1: in this process). The results are the
    same whatever ``jobs`` is (see ``harmwatch.parallel``).
    """
    for _item, result in map_items(items, default_published=default_published, jobs=jobs, timeout=timeout):
        yield result


def map_items(items: Iterable[InputItem], *, default_published: str | None = None,
              jobs: int | None = 1, timeout: float | None = DEFAULT_ITEM_TIMEOUT) -> Iterator[tuple[InputItem, DocumentResult]]:
    """``(item, process_item(item))`` in input order, extracted by ``jobs`` worker processes."""
    from harmwatch.parallel import Workers, jobs_for

    jobs, items = jobs_for(jobs, items)
    with Workers(jobs, warm_up=warm_up) as workers:
        yield from workers.map(partial(process_item, default_published=default_published, timeout=timeout), items,
                               on_failure=item_failure)


def item_failure(item: InputItem, code: str, message: str) -> DocumentResult:
    """The failed result of an input its worker could not extract (an exception, a dead process)."""
    return DocumentResult(doc_id=item.id or item.ref, status="error", error=message, error_code=code)


def warm_up() -> None:
    """Load every read-only resource extraction uses (gazetteer index, dictionaries, language model,
    main-text extractor) by processing two real documents of the bundled sample corpus, one as
    text and one as HTML. Workers forked after this share them copy-on-write."""
    import gzip
    import html
    import json
    from importlib import resources

    path = resources.files("harmwatch") / "data" / "sample" / "sample_corpus.jsonl.gz"
    with gzip.open(str(path), "rt", encoding="utf-8") as fh:
        row = json.loads(fh.readline())
    process_item(InputItem(ref="warm-up", id="warm-up", text=row["text"], published=row.get("published")))
    process_item(InputItem(ref="warm-up.html", id="warm-up.html",
                           html=f"<html><body><article><p>{html.escape(row['text'][:2000])}</p></article></body></html>"))
    from harmwatch.ingest.language import load_models

    load_models()  # the sample is English, read by its function words: lingua's models load here


@dataclass
class RunCounts:
    """Every input accounted for: done, skipped with a reason, failed with a reason."""

    done: int = 0
    skipped: int = 0
    failed: int = 0
    unchanged: int = 0
    incidents: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    #: coded warnings of results (``[HW-...] message``) by code, e.g. an invalid 'published'
    warnings: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.done + self.skipped + self.failed

    def add(self, result: DocumentResult, *, outcome: str | None = None) -> str:
        """Count one result; returns its run status (done|skipped|failed)."""
        for warning in result.warnings:
            if warning.startswith("[HW-") and "]" in warning:
                code = warning[1 : warning.index("]")]
                self.warnings[code] = self.warnings.get(code, 0) + 1
        if result.status == "ok":
            self.done += 1
            self.incidents += len(result.incidents)
            if outcome == "unchanged":
                self.unchanged += 1
            return "done"
        key = f"{result.error_code}: {result.error}"
        key = key if len(key) < 160 else key[:157] + "..."
        self.reasons[key] = self.reasons.get(key, 0) + 1
        if result.status == "skipped":
            self.skipped += 1
            return "skipped"
        self.failed += 1
        return "failed"

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "done": self.done,
            "skipped": self.skipped,
            "failed": self.failed,
            "unchanged": self.unchanged,
            "incidents": self.incidents,
            "reasons": dict(sorted(self.reasons.items(), key=lambda kv: -kv[1])),
            "warnings": dict(sorted(self.warnings.items())),
        }
