"""The worker plugin that loads harmwatch's read-only resources once per Dask worker process.

A module of its own because it subclasses ``distributed``'s ``WorkerPlugin`` at import time, and
the plugin must be importable on the workers (pickled by reference): ``harmwatch.cluster.plugin``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class WarmUp(WorkerPlugin):
    """Runs ``fn`` (e.g. ``harmwatch.pipeline.warm_up``) when a worker starts, and in every worker
    that joins or is restarted later: its first shard then extracts at full speed."""

    name = "harmwatch-warm-up"

    def __init__(self, fn: Callable[[], None]) -> None:
        self.fn = fn

    def setup(self, worker: Any) -> None:
        self.fn()
