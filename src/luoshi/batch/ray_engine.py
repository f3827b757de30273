"""The `ray` engine: Ray Data `map_batches` over shards, on a local or remote cluster.

Each dataset row is one shard (its items pickled); `map_batches(batch_size=1)` runs
`process_shard` on the cluster and hands back the Parquet bytes, which the driver writes,
so workers need no shared file system. Shards are fed in windows of a few per worker so
the driver's memory stays flat however large the input.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Callable, Iterator
from typing import Any

from luoshi.batch.shard import ShardResult, process_shard
from luoshi.batch.sources import Item, batched

WINDOW_PER_WORKER = 16


def _map(batch: dict[str, Any]) -> dict[str, Any]:
    import numpy as np

    out = []
    for index, payload in zip(batch["shard"], batch["items"], strict=True):
        result = process_shard(int(index), pickle.loads(payload))
        out.append(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return {"shard": np.asarray(batch["shard"]), "result": np.array(out, dtype=object)}


def init_ray(address: str | None, workers: int | None) -> int:
    """Connect to (or start) Ray quietly; returns the CPUs the cluster offers."""
    import ray

    for name in ("ray", "ray.data"):  # ray.init and Ray Data warn about what we chose
        logging.getLogger(name).setLevel(logging.ERROR)
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                  "logging_level": logging.WARNING}
        if address:
            ray.init(address=address, **kwargs)
        else:
            ray.init(num_cpus=workers, **kwargs)
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.enable_auto_log_stats = False
    ctx.execution_options.preserve_order = False
    return int(ray.cluster_resources().get("CPU", 1))


def run_ray(shards: Iterator[tuple[int, list[Item]]], workers: int | None,
            on_result: Callable[[ShardResult], None], address: str | None = None) -> None:
    import ray.data

    cpus = init_ray(address, workers)
    concurrency = max(1, min(workers or cpus, cpus))
    for window in batched(shards, WINDOW_PER_WORKER * concurrency):
        rows = [{"shard": index, "items": pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)}
                for index, items in window]
        ds = ray.data.from_items(rows, override_num_blocks=len(rows))
        ds = ds.map_batches(_map, batch_size=1, num_cpus=1, zero_copy_batch=True,
                            compute=ray.data.TaskPoolStrategy(size=concurrency))
        for row in ds.iter_rows():
            on_result(pickle.loads(row["result"]))
