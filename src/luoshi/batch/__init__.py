"""Corpus runs of the extractor: an input of many documents → Parquet tables.

`run_batch(input, output, engine="local"|"ray")` streams a directory, JSONL(.gz) or
Parquet input in shards of fixed size, extracts each document in a process pool or on
Ray Data, and writes `meetings`, `people`, `conveyed`, `directives` and `errors` as
Parquet part files, one marker per finished shard so a rerun resumes. `read_table`
reads a table of finished shards back. See docs/batch.md.
"""

from luoshi.batch.read import read_table
from luoshi.batch.run import DEFAULT_SHARD_SIZE, BatchResult, run_batch
from luoshi.batch.schema import SCHEMAS, TABLES
from luoshi.batch.sources import SourceError, open_source
from luoshi.batch.store import OutputError, Store

__all__ = [
    "DEFAULT_SHARD_SIZE",
    "SCHEMAS",
    "TABLES",
    "BatchResult",
    "OutputError",
    "SourceError",
    "Store",
    "open_source",
    "read_table",
    "run_batch",
]
