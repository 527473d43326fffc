"""The cluster mode: extraction mapped over shards of inputs on Dask distributed (docs/SCALING.md).

``DaskWorkers`` starts a local cluster (``workers=N``) or joins one (``scheduler=ADDRESS``) and maps
the per-document function over shards, results back in input order; the caller alone writes.
Needs the optional extra ``harmwatch[cluster]`` (dask, distributed), imported only when used.
"""

from __future__ import annotations

from harmwatch.cluster.executor import DaskWorkers, cluster_available
from harmwatch.cluster.shards import SHARD_SIZE, shards

__all__ = ["DaskWorkers", "SHARD_SIZE", "cluster_available", "shards"]
