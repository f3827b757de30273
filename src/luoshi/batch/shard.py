"""Work on one shard: items → output tables → Parquet bytes. Same code for every engine,
so that every engine writes the same bytes."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.parquet as pq

from luoshi.batch.rows import Rows, item_rows
from luoshi.batch.schema import SCHEMAS, TABLES
from luoshi.batch.sources import Item

PARQUET_OPTIONS = {"compression": "zstd", "use_dictionary": True, "write_statistics": True}


@dataclass(slots=True)
class ShardResult:
    index: int
    n_docs: int
    counts: dict[str, int] = field(default_factory=dict)  # rows per table
    parts: dict[str, bytes] = field(default_factory=dict)  # table → Parquet bytes (non-empty)
    first: str | None = None  # `where` of the first and last items, for the marker
    last: str | None = None
    cpu_seconds: float = 0.0  # CPU time the worker spent on the shard (not written out)


def to_parquet(table: pa.Table) -> bytes:
    buf = io.BytesIO()
    pq.write_table(table, buf, **PARQUET_OPTIONS)
    return buf.getvalue()


def process_shard(index: int, items: list[Item]) -> ShardResult:
    cpu = time.process_time()
    rows: Rows = {name: [] for name in TABLES}
    for item in items:
        item_rows(item, rows)
    result = ShardResult(index=index, n_docs=len(items),
                         first=items[0].where if items else None,
                         last=items[-1].where if items else None)
    for name in TABLES:
        result.counts[name] = len(rows[name])
        if rows[name]:
            table = pa.Table.from_pylist(rows[name], schema=SCHEMAS[name])
            result.parts[name] = to_parquet(table)
    result.cpu_seconds = time.process_time() - cpu
    return result
