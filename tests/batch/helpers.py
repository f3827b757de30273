"""Comparing outputs of corpus runs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa

from luoshi.batch import TABLES, read_table

SORT_KEYS = {"meetings": ["doc_id"], "people": ["doc_id", "idx"], "conveyed": ["doc_id", "idx"],
             "directives": ["doc_id", "id"], "errors": ["doc_id", "source"]}


def sorted_table(output: Path, table: str) -> pa.Table:
    t = read_table(output, table)
    return t.sort_by([(k, "ascending") for k in SORT_KEYS[table]])


def tables(output: Path) -> dict[str, pa.Table]:
    return {name: sorted_table(output, name) for name in TABLES}


def file_hashes(output: Path) -> dict[str, str]:
    """sha256 of every part file and marker, by relative path (temporary files excluded)."""
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*"))
            if p.is_file() and not p.name.startswith(".") and p.parent != output}
