"""The `local` engine: a process pool on this machine (spawn-safe)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from luoshi.batch.shard import ShardResult, process_shard
from luoshi.batch.sources import Item


def _warm() -> None:
    """Import the extractor once per worker process, before the first shard arrives."""
    import luoshi.extract  # noqa: F401


def run_local(shards: Iterator[tuple[int, list[Item]]], workers: int,
              on_result: Callable[[ShardResult], None]) -> None:
    """Process shards on `workers` processes, calling `on_result` in the driver as each
    finishes. At most 2×workers shards are in flight, so memory stays flat."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm) as pool:
        inflight: set[Future[ShardResult]] = set()

        def drain(block_until: int) -> None:
            nonlocal inflight
            while len(inflight) > block_until:
                done, inflight = wait(inflight, return_when=FIRST_COMPLETED)
                for fut in done:
                    on_result(fut.result())

        for index, items in shards:
            drain(2 * workers - 1)
            inflight.add(pool.submit(process_shard, index, items))
        drain(0)
