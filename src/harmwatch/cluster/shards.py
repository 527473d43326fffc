"""Input sharding for the cluster path: a stream of inputs -> lists of ``size`` inputs, in order.

The readers (``harmwatch.ingest.iter_inputs``: folders, JSONL, CSV/TSV, Parquet shards, HTML and
text files) stream the inputs lazily; :func:`shards` cuts that stream into consecutive lists, one
Dask task each. A shard is the unit of scheduling and of retry: big enough that a task's overhead
(serialising it, the scheduler's bookkeeping, the round trip: a few milliseconds) is small beside
its documents' extraction (about 10-30 ms each), small enough that a lost worker costs little
work and the client holds only a few shards in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from harmwatch.errors import ConfigError

T = TypeVar("T")

#: inputs per shard (``--shard-size``): 32 documents are ~0.3-1 s of work, the task overhead ~1 %
SHARD_SIZE = 32


def shards(items: Iterable[T], size: int = SHARD_SIZE) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last one shorter), in input order, read lazily."""
    if not isinstance(size, int) or size < 1:
        raise ConfigError(f"shard size must be a whole number >= 1, not {size!r}", code="HW-CONFIG-SHARD",
                          hint="--shard-size 32 (the default) sends 32 documents per Dask task")
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
