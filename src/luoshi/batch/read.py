"""Reading the output of a corpus run back."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from luoshi.batch.schema import SCHEMAS
from luoshi.batch.store import Store


def read_table(output: str | os.PathLike[str], table: str,
               columns: Sequence[str] | None = None) -> pa.Table:
    """One table of the finished shards under `output` (empty with its schema if none)."""
    schema = SCHEMAS[table]
    if columns is not None:
        schema = pa.schema([schema.field(c) for c in columns])
    parts = [pq.read_table(p, columns=list(columns) if columns else None, schema=schema)
             for p in Store(output).parts(table)]
    if not parts:
        return schema.empty_table()
    return pa.concat_tables(parts)
