"""Worker processes for the per-document stage: every core, output in input order, bounded memory.

``harmwatch run`` and ``harmwatch extract`` map one pure function (ingest + extract one input) over a
stream of inputs. :class:`Workers` runs that function in ``jobs`` worker processes and hands the
results back **in input order**, so everything downstream (the JSONL writer, the store, the run's
counts) is exactly the one-process code, run by the parent alone (one writer).

* ``jobs == 1`` is the in-process path: the function is called in this process, no pool at all.
* Bounded memory: inputs are pulled from the iterator lazily and at most ``window`` of them are in
  flight (submitted, not yet handed back); a slow input holds the rest back (head-of-line), it never
  lets the buffer grow.
* Fork where the platform has it: the parent loads the read-only resources first (``warm_up``), then
  forks, so every worker shares the parent's loaded gazetteer index and dictionaries copy-on-write
  and starts in milliseconds. Elsewhere (spawn) each worker runs ``warm_up`` once as its initializer.
* An exception the function raises in a worker becomes that input's failure (``HW-WORKER-ERROR``).
* A worker process that dies (a signal, the out-of-memory killer, a crash in a C extension) breaks
  the pool; nothing is lost: every input that had no result yet is retried once, **one at a time**
  in a fresh pool, so a second death names its input exactly. That input fails with
  ``HW-WORKER-CRASHED``; every other input gets its normal result, the same as without the crash.

The function, its inputs and results must be picklable (top-level functions, ``functools.partial``).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Any, Generic, TypeVar

from harmwatch.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")

#: an input's failure: (input, code, message) -> the result that stands for it
FailureFn = Callable[[Any, str, str], Any]

#: inputs in flight per worker: enough to keep every worker busy while the parent writes, small
#: enough that memory stays a few documents per worker whatever the corpus size
WINDOW_PER_JOB = 8


def cpu_count() -> int:
    """The cores this process may run on (its CPU affinity, else ``os.cpu_count()``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int | None) -> int:
    """``None`` or 0: every core; otherwise ``jobs`` itself (>= 1)."""
    if jobs is None or jobs == 0:
        return cpu_count()
    if not isinstance(jobs, int) or jobs < 0:
        raise ConfigError(f"jobs must be a whole number >= 0, not {jobs!r}", code="HW-CONFIG-JOBS",
                          hint="--jobs 1 runs in one process; --jobs 0 (the default) uses every core")
    return jobs


def jobs_for(jobs: int | None, items: Iterable[T]) -> tuple[int, Iterator[T]]:
    """The process count for ``items`` and the items again (still a stream): one process when
    the input holds a single item, where starting workers would only delay it (one report on
    standard input, one file)."""
    it = iter(items)
    head = list(islice(it, 2))
    n = resolve_jobs(jobs)
    return (n if len(head) > 1 else 1), chain(head, it)


def default_start_method() -> str:
    """``fork`` where the platform has it (workers share the parent's loaded indexes), else ``spawn``."""
    return "fork" if "fork" in mp.get_all_start_methods() else "spawn"


class _Slot(Generic[T]):
    """One input in flight: its future, or its result once known (after a crash recovery)."""

    __slots__ = ("item", "future", "result", "known")

    def __init__(self, item: T, future: Future | None) -> None:
        self.item = item
        self.future = future
        self.result: Any = None
        self.known = False


def _noop() -> int:
    return os.getpid()


def _die_with_parent(parent: int) -> None:
    """A worker ends when its parent does, even a parent killed with SIGKILL (which runs no clean-up):
    on Linux the kernel sends the worker SIGTERM (PR_SET_PDEATHSIG); elsewhere, and if the parent is
    already gone, nothing is left to wait for. Without this a killed ``harmwatch run`` leaves its
    workers blocked on their task queue for ever."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the ppid check below still helps
            pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _fresh_stdio(parent: int) -> None:
    """In a forked worker: new stdio objects on the same file descriptors. A thread of the parent
    (a progress bar) may have held the old ones' locks at the fork; a worker that logs would wait on
    them for ever."""
    _die_with_parent(parent)
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False, buffering=1)  # noqa: SIM115


def _spawn_init(warm_up: Callable[[], None] | None, parent: int) -> None:
    _die_with_parent(parent)
    if warm_up is not None:
        warm_up()


class Workers:
    """A pool of ``jobs`` worker processes (none for ``jobs == 1``); use as a context manager.

    ``warm_up`` loads the function's read-only resources: in the parent before forking, or in
    each spawned worker. Enter the pool before opening databases or sockets: the fork happens on
    enter, so workers inherit none of them.
    """

    def __init__(self, jobs: int | None = None, *, warm_up: Callable[[], None] | None = None,
                 start_method: str | None = None, window: int | None = None) -> None:
        self.jobs = resolve_jobs(jobs)
        self.start_method = start_method or default_start_method()
        self.window = window or WINDOW_PER_JOB * self.jobs
        self._warm_up = warm_up
        self._pool: ProcessPoolExecutor | None = None
        #: worker processes started (the first ones and every replacement after a crash)
        self.started = 0
        #: inputs retried after a worker died, and inputs failed because their worker died twice
        self.retried = 0
        self.crashed = 0

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> Workers:
        if self.jobs > 1:
            if self.start_method == "fork" and self._warm_up is not None:
                self._warm_up()  # loaded once here, shared copy-on-write by every forked worker
            self._pool = self._new_pool(self.jobs)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _new_pool(self, n: int) -> ProcessPoolExecutor:
        ctx = mp.get_context(self.start_method)
        if self.start_method == "fork":
            pool = ProcessPoolExecutor(n, mp_context=ctx, initializer=_fresh_stdio, initargs=(os.getpid(),))
        else:
            pool = ProcessPoolExecutor(n, mp_context=ctx, initializer=_spawn_init,
                                       initargs=(self._warm_up, os.getpid()))
        # start the workers now (with fork, all of them on the first call): before the caller opens
        # a database, and so that a broken environment fails here, not on some input
        try:
            for f in [pool.submit(_noop) for _ in range(n)]:
                f.result()
        except BrokenProcessPool as exc:
            pool.shutdown(wait=True, cancel_futures=True)
            raise ConfigError(f"the {n} worker process(es) could not start ({self.start_method}): {exc}",
                              code="HW-WORKER-START",
                              hint="run with --jobs 1 (one process); a script that uses spawn must guard its "
                                   "main code with if __name__ == '__main__':") from exc
        self.started += n
        return pool

    # ------------------------------------------------------------------ map

    def map(self, fn: Callable[[T], R], items: Iterable[T], *, on_failure: FailureFn) -> Iterator[tuple[T, R]]:
        """``(item, fn(item))`` for every item, in input order.

        ``on_failure(item, code, message)`` makes the result of an input that has none: the function
        raised in a worker (``HW-WORKER-ERROR``) or its worker died on it twice (``HW-WORKER-CRASHED``).
        In one process (``jobs == 1``) ``fn`` is called directly and its exceptions propagate, as
        before there were workers.
        """
        if self._pool is None:
            if self.jobs > 1:
                raise RuntimeError("Workers.map outside 'with Workers(...)'")
            for item in items:
                yield item, fn(item)
            return
        pending: deque[_Slot] = deque()
        for item in items:
            try:
                pending.append(_Slot(item, self._pool.submit(fn, item)))
            except BrokenProcessPool:  # a worker died since the last result: this input is retried too
                pending.append(_Slot(item, None))
                self._recover(pending, fn, on_failure)
            while len(pending) >= self.window:
                yield self._next(pending, fn, on_failure)
        while pending:
            yield self._next(pending, fn, on_failure)

    def _next(self, pending: deque[_Slot], fn: Callable, on_failure: FailureFn) -> tuple[Any, Any]:
        slot = pending[0]
        if not slot.known:
            try:
                slot.result = slot.future.result()
            except BrokenProcessPool:
                self._recover(pending, fn, on_failure)
            except Exception as exc:  # raised by fn in the worker, or its result would not pickle
                slot.result = on_failure(slot.item, "HW-WORKER-ERROR", f"worker error: {exc!r}")
            slot.known = True
        pending.popleft()
        return slot.item, slot.result

    def _recover(self, pending: deque[_Slot], fn: Callable, on_failure: FailureFn) -> None:
        """A worker died: keep the results already back, retry every other input once, alone."""
        assert self._pool is not None
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None
        for slot in pending:
            if slot.known:
                continue
            future = slot.future
            if future is not None and future.done() and not future.cancelled() and future.exception() is None:
                slot.result, slot.known = future.result(), True
                continue
            self.retried += 1
            pool = self._new_pool(1)
            try:
                slot.result = pool.submit(fn, slot.item).result()
            except BrokenProcessPool:
                self.crashed += 1
                slot.result = on_failure(slot.item, "HW-WORKER-CRASHED",
                                         "a worker process died on this input (killed by a signal, out of "
                                         "memory, or a crash in native code), and again on the retry")
            except Exception as exc:
                slot.result = on_failure(slot.item, "HW-WORKER-ERROR", f"worker error: {exc!r}")
            finally:
                pool.shutdown(wait=True, cancel_futures=True)
            slot.known = True
        self._pool = self._new_pool(self.jobs)
