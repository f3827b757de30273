"""The `ray` engine: Ray Data `map_batches` over shards, on a local or remote cluster.

Each dataset row is one shard (its items pickled); `map_batches(batch_size=1)` runs
`process_shard` on the cluster and hands back the Parquet bytes, which the driver writes,
so workers need no shared file system. Shards are fed in windows of a few per worker, two
windows at a time, so the driver's memory stays flat however large the input.
"""

from __future__ import annotations

import logging
import pickle
import queue
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import Any

from luoshi.batch.shard import ShardResult, process_shard
from luoshi.batch.sources import Item, batched

WINDOW_PER_WORKER = 8  # shards per worker in one dataset
WINDOWS_IN_FLIGHT = 2


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


def _execute(window: list[tuple[int, list[Item]]], concurrency: int,
             results: queue.Queue) -> None:
    """Run one window as a Ray Data dataset, putting each ShardResult on `results`, then
    None (or the exception) when the window is over."""
    import ray.data

    try:
        rows = [{"shard": index, "items": pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)}
                for index, items in window]
        ds = ray.data.from_items(rows, override_num_blocks=len(rows))
        ds = ds.map_batches(_map, batch_size=1, num_cpus=1, zero_copy_batch=True,
                            compute=ray.data.TaskPoolStrategy(size=concurrency))
        for row in ds.iter_rows():
            results.put(pickle.loads(row["result"]))
        results.put(None)
    except BaseException as exc:  # handed to the driver thread, which re-raises it
        results.put(exc)


def run_ray(shards: Iterator[tuple[int, list[Item]]], workers: int | None,
            on_result: Callable[[ShardResult], None], address: str | None = None) -> None:
    """Two windows run at once, so the cluster never idles at a window's end while the
    next one is planned; the driver thread alone writes (calls `on_result`)."""
    cpus = init_ray(address, workers)
    concurrency = max(1, min(workers or cpus, cpus))
    windows = batched(shards, WINDOW_PER_WORKER * concurrency)
    results: queue.Queue = queue.Queue()
    with ThreadPoolExecutor(max_workers=WINDOWS_IN_FLIGHT) as pool:
        running = 0
        for window in islice(windows, WINDOWS_IN_FLIGHT):
            pool.submit(_execute, window, concurrency, results)
            running += 1
        while running:
            got = results.get()
            if isinstance(got, ShardResult):
                on_result(got)
                continue
            running -= 1
            if isinstance(got, BaseException):
                raise got
            window = next(windows, None)
            if window is not None:
                pool.submit(_execute, window, concurrency, results)
                running += 1
