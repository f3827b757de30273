"""`run_batch`: a corpus run from an input to an output directory, with either engine."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import Literal

from luoshi.batch.schema import TABLES
from luoshi.batch.shard import ShardResult
from luoshi.batch.sources import open_source
from luoshi.batch.store import Store

DEFAULT_SHARD_SIZE = 500
Engine = Literal["local", "ray"]


@dataclass
class BatchResult:
    docs_total: int = 0  # items in the input
    docs_done: int = 0  # items processed by this run
    docs_skipped: int = 0  # items in shards finished by an earlier run
    shards_done: int = 0
    shards_skipped: int = 0
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    seconds: float = 0.0
    worker_cpu_seconds: float = 0.0  # CPU time of the workers on the shards of this run

    @property
    def docs_per_second(self) -> float:
        return self.docs_done / self.seconds if self.seconds else 0.0


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else (os.cpu_count() or 1))


def run_batch(input_path: str | os.PathLike[str], output: str | os.PathLike[str], *,
              engine: Engine = "local", workers: int | None = None,
              address: str | None = None, shard_size: int | None = None,
              progress: bool = True, max_shards: int | None = None) -> BatchResult:
    """Extract every document of `input_path` into Parquet tables under `output`.

    Shards finished by an earlier run into the same `output` are skipped. `max_shards`
    stops after that many new shards (for tests and for trying a corpus out).
    """
    from tqdm import tqdm

    source = open_source(input_path)
    store = Store(output)
    size = store.open(source.fingerprint(), shard_size, DEFAULT_SHARD_SIZE)
    finished = store.finished()
    result = BatchResult(docs_total=source.count())
    result.shards_skipped = len(finished)
    result.docs_skipped = sum(int(m["docs"]) for m in finished.values())

    bar = tqdm(total=result.docs_total, initial=result.docs_skipped, unit="doc",
               desc=f"luoshi batch ({engine})", file=sys.stderr, disable=not progress,
               dynamic_ncols=True, smoothing=0.1)

    def shards():
        for n, shard in enumerate(source.shards(size, skip=set(finished))):
            if max_shards is not None and n >= max_shards:
                return
            yield shard

    def on_result(res: ShardResult) -> None:
        store.write(res)
        result.shards_done += 1
        result.docs_done += res.n_docs
        result.worker_cpu_seconds += res.cpu_seconds
        for k, v in res.counts.items():
            result.rows[k] += v
        bar.update(res.n_docs)
        if res.counts.get("errors"):
            bar.set_postfix(errors=result.rows["errors"], refresh=False)

    start = time.perf_counter()
    try:
        if engine == "local":
            from luoshi.batch.local_engine import run_local

            run_local(shards(), workers or default_workers(), on_result)
        elif engine == "ray":
            from luoshi.batch.ray_engine import run_ray

            # None: as many as the cluster has CPUs
            run_ray(shards(), workers, on_result, address=address)
        else:
            raise ValueError(f"unknown engine {engine!r}")
    finally:
        result.seconds = time.perf_counter() - start
        bar.close()
    return result
