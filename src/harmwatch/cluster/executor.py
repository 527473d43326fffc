"""Dask distributed for the per-document stage: a local cluster or an existing one, shards of inputs.

:class:`DaskWorkers` has the interface of :class:`harmwatch.parallel.Workers` (a context manager
whose ``map(fn, items, on_failure=...)`` yields ``(item, fn(item))`` **in input order**), so
``harmwatch.run`` writes the store with exactly the one-process code, in this process alone (one
writer): the same idempotence, run ledger, codes and counts whatever ran the extraction.

* ``DaskWorkers(workers=N)`` starts a ``distributed.LocalCluster``: N worker processes (each under a
  nanny that restarts it when it dies), one thread each, bound to 127.0.0.1, no dashboard. It is
  closed on leaving the ``with`` block, whatever ended it (an error, ctrl-C).
* ``DaskWorkers(scheduler="tcp://HOST:PORT")`` joins a running scheduler (``dask scheduler`` and
  ``dask worker`` processes that can import this same harmwatch) and leaves it running.
* Inputs are read here, lazily, and cut into shards (``harmwatch.cluster.shards``); one task per
  shard, at most ``window`` shards in flight, so the client's memory stays a few shards whatever
  the corpus size.
* Each worker process loads the read-only resources once (``warm_up``, run by a worker plugin
  when the worker starts, and again in a worker the nanny restarted): the gazetteer index, the
  dictionaries, the language model. A shard task then only extracts.
* An exception ``fn`` raises fails that input (``HW-WORKER-ERROR``); the shard goes on.
* A worker process that dies: the scheduler gives its shard to another worker (a local cluster
  allows one such failure per task: ``allowed-failures`` 1). A shard that kills its worker twice
  (Dask's ``KilledWorker``) is split: each of its inputs runs alone, and an input that kills its
  worker again fails with ``HW-WORKER-CRASHED``; the others get their normal results. Nothing is
  lost and every input is accounted for.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from harmwatch.cluster.shards import SHARD_SIZE, shards
from harmwatch.errors import ConfigError

T = TypeVar("T")

#: an input's failure: (input, code, message) -> the result that stands for it
FailureFn = Callable[[Any, str, str], Any]

#: shards in flight per worker: one running and one queued keep a worker busy while results travel
SHARDS_PER_WORKER = 2
#: seconds to reach a scheduler, and to wait for its first worker
CONNECT_TIMEOUT = 20
MISSING_HINT = "pip install 'harmwatch[cluster]' (dask and distributed), or run without --workers/--scheduler"


def cluster_available() -> bool:
    """True when dask and distributed are installed (the optional extra ``harmwatch[cluster]``)."""
    import importlib.util

    return importlib.util.find_spec("distributed") is not None and importlib.util.find_spec("dask") is not None


def _require() -> None:
    if not cluster_available():
        raise ConfigError("the cluster mode needs dask and distributed, which are not installed",
                          code="HW-CLUSTER-MISSING", hint=MISSING_HINT)


def run_shard(fn: Callable[[Any], Any], items: list[Any]) -> list[tuple[bool, Any]]:
    """A shard on a worker: ``(True, fn(item))`` per input, or ``(False, message)`` when fn raised."""
    out: list[tuple[bool, Any]] = []
    for item in items:
        try:
            out.append((True, fn(item)))
        except Exception as exc:  # this input fails; the shard goes on
            out.append((False, f"worker error: {exc!r}"))
    return out


def _worker_pid() -> int:
    import os

    return os.getpid()


class DaskWorkers:
    """Extraction on Dask: ``workers`` local worker processes, or the workers of ``scheduler``.

    ``warm_up`` loads the mapped function's read-only resources in every worker (None: nothing).
    ``shard_size`` inputs go in one task; ``window`` shards at most are in flight (default two per
    worker).
    """

    def __init__(self, workers: int | None = None, *, scheduler: str | None = None,
                 warm_up: Callable[[], None] | None = None, shard_size: int = SHARD_SIZE,
                 window: int | None = None) -> None:
        if workers is not None and (not isinstance(workers, int) or workers < 1):
            raise ConfigError(f"workers must be a whole number >= 1, not {workers!r}", code="HW-CONFIG-WORKERS",
                              hint="--workers 2 starts a local Dask cluster of two worker processes")
        if scheduler is not None and workers is not None:
            raise ConfigError("give --workers (a local cluster) or --scheduler (an existing one), not both",
                              code="HW-CONFIG-WORKERS", hint="--scheduler tcp://HOST:PORT uses the workers "
                              "already joined to that scheduler")
        if scheduler is None and workers is None:
            from harmwatch.parallel import cpu_count

            workers = cpu_count()
        self.workers = workers
        self.scheduler = scheduler
        self.shard_size = shard_size
        self._warm_up = warm_up
        self._window = window
        self.window = window or 0
        self.client: Any = None
        self.cluster: Any = None
        #: seconds from entering to the workers ready (cluster start, connection, warm-up)
        self.start_seconds = 0.0
        #: shards submitted; inputs rerun alone after their shard killed its workers; inputs failed so
        self.shards = 0
        self.retried = 0
        self.crashed = 0

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self) -> DaskWorkers:
        _require()
        t0 = time.perf_counter()
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        self.start_seconds = time.perf_counter() - t0
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        import dask
        from distributed import Client, LocalCluster

        if self.scheduler is None:
            # the scheduler runs in this process: its settings apply (one retry after a worker death)
            with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", scheduler_port=0, dashboard_address=None,
                                            worker_dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster, set_as_default=False)
        else:
            try:
                self.client = Client(self.scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}",
                                  code="HW-CLUSTER-CONNECT",
                                  hint="start one with `dask scheduler --host 127.0.0.1 --port 8786` and workers "
                                       "with `dask worker tcp://127.0.0.1:8786 --nthreads 1`") from exc
            try:
                self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            except TimeoutError as exc:
                raise ConfigError(f"the Dask scheduler at {self.scheduler} has no worker", code="HW-CLUSTER-NO-WORKERS",
                                  hint="start workers with `dask worker ADDRESS --nthreads 1`") from exc
        if self._warm_up is not None:
            from harmwatch.cluster.plugin import WarmUp

            self.client.register_plugin(WarmUp(self._warm_up))
        n = max(1, sum(self.client.nthreads().values()))
        self.window = self._window or SHARDS_PER_WORKER * n + 1

    def close(self) -> None:
        """Close the client, and the local cluster when this object started it (never a joined one)."""
        client, cluster = self.client, self.cluster
        self.client = self.cluster = None
        if client is not None:
            try:
                client.close()
            except Exception:  # pragma: no cover - already gone
                pass
        if cluster is not None:
            cluster.close()

    def worker_pids(self) -> dict[str, int]:
        """Worker address -> its process id (for memory figures and for tests that kill one)."""
        return self.client.run(_worker_pid)

    # ------------------------------------------------------------------ map

    def map(self, fn: Callable[[T], Any], items: Iterable[T], *, on_failure: FailureFn) -> Iterator[tuple[T, Any]]:
        """``(item, fn(item))`` for every item, in input order, extracted on the cluster's workers.

        ``on_failure(item, code, message)`` makes the result of an input that has none
        (``HW-WORKER-ERROR``: fn raised; ``HW-WORKER-CRASHED``: it killed its worker again when run
        alone). It runs here, in the client.
        """
        if self.client is None:
            raise RuntimeError("DaskWorkers.map outside 'with DaskWorkers(...)'")
        pending: deque[tuple[list[T], Any]] = deque()
        for shard in shards(items, self.shard_size):
            pending.append((shard, self.client.submit(run_shard, fn, shard, pure=False)))
            self.shards += 1
            while len(pending) >= self.window:
                yield from self._next(pending, fn, on_failure)
        while pending:
            yield from self._next(pending, fn, on_failure)

    def _next(self, pending: deque, fn: Callable, on_failure: FailureFn) -> Iterator[tuple[Any, Any]]:
        from distributed import KilledWorker

        shard, future = pending.popleft()
        try:
            outcomes = future.result()
        except KilledWorker:
            outcomes = self._alone(shard, fn)
        except Exception as exc:  # the task could not run (pickling, a lost scheduler): every input fails
            outcomes = [(False, f"worker error: {exc!r}")] * len(shard)
        finally:
            future.release()
        for item, (ok, value) in zip(shard, outcomes, strict=True):
            if ok:
                yield item, value
            elif value is _CRASHED:
                yield item, on_failure(item, "HW-WORKER-CRASHED", "a worker process died on this input (killed by a "
                                       "signal, out of memory, or a crash in native code), and again on the retry")
            else:
                yield item, on_failure(item, "HW-WORKER-ERROR", value)

    def _alone(self, shard: list[Any], fn: Callable) -> list[tuple[bool, Any]]:
        """The inputs of a shard that killed its workers, each in its own task: name the culprit."""
        from distributed import KilledWorker

        self.retried += len(shard)
        out: list[tuple[bool, Any]] = []
        # one at a time: lone tasks queued together on a worker the culprit kills would each be
        # charged that death, and an innocent input could be failed as a crash
        for item in shard:
            future = self.client.submit(run_shard, fn, [item], pure=False)
            try:
                out.append(future.result()[0])
            except KilledWorker:
                self.crashed += 1
                out.append((False, _CRASHED))
            except Exception as exc:
                out.append((False, f"worker error: {exc!r}"))
            finally:
                future.release()
        return out


#: marks an input whose lone task killed its worker (not a message: compared by identity)
_CRASHED = "\0crashed"
