"""The output directory of a corpus run: Parquet part files per table, a marker per finished
shard and a manifest.

    OUTPUT/_luoshi_batch.json          manifest: input fingerprint, shard size, tables
    OUTPUT/_shards/000042.json         marker: shard 42 is complete (docs, rows, sha256s)
    OUTPUT/<table>/part-000042.parquet rows of shard 42 (absent when it has none)

A shard's parts are written to dot-named temporary files and renamed into place, then
its marker is renamed into place; only shards with a marker count as done, so a run
killed at any point resumes by redoing just the shards that have no marker.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from luoshi.batch.schema import TABLES
from luoshi.batch.shard import ShardResult

MANIFEST = "_luoshi_batch.json"
MARKERS = "_shards"
FORMAT = 1


class OutputError(Exception):
    """The output directory cannot take this run; one line for a person."""


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def part_path(out: Path, table: str, index: int) -> Path:
    return out / table / f"part-{index:06d}.parquet"


class Store:
    def __init__(self, out: str | os.PathLike[str]):
        self.out = Path(out)

    # manifest -------------------------------------------------------------------------
    def manifest(self) -> dict[str, Any] | None:
        try:
            return json.loads((self.out / MANIFEST).read_text("utf-8"))
        except FileNotFoundError:
            return None

    def open(self, fingerprint: dict[str, Any], shard_size: int | None,
             default_shard_size: int) -> int:
        """Create or reopen the output for this input; returns the shard size to use."""
        if self.out.exists() and not self.out.is_dir():
            raise OutputError(f"{self.out}: exists and is not a directory")
        old = self.manifest()
        if old is not None:
            if old.get("input") != fingerprint:
                raise OutputError(
                    f"{self.out}: holds a run over another input ({old.get('input', {}).get('path')});"
                    " choose a new output directory")
            if shard_size is not None and shard_size != old["shard_size"]:
                raise OutputError(
                    f"{self.out}: was started with --shard-size {old['shard_size']}, not {shard_size}")
            return int(old["shard_size"])
        if self.out.exists() and any(self.out.iterdir()):
            raise OutputError(f"{self.out}: not empty and not a luoshi batch output")
        size = shard_size or default_shard_size
        for sub in (MARKERS, *TABLES):
            (self.out / sub).mkdir(parents=True, exist_ok=True)
        manifest = {"format": FORMAT, "input": fingerprint, "shard_size": size,
                    "tables": list(TABLES)}
        _atomic_write(self.out / MANIFEST,
                      json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        return size

    # shards ---------------------------------------------------------------------------
    def marker_path(self, index: int) -> Path:
        return self.out / MARKERS / f"{index:06d}.json"

    def finished(self) -> dict[int, dict[str, Any]]:
        """Markers of finished shards by index."""
        done: dict[int, dict[str, Any]] = {}
        markers = self.out / MARKERS
        if not markers.is_dir():
            return done
        for p in markers.glob("[0-9]*.json"):
            try:
                marker = json.loads(p.read_text("utf-8"))
            except (OSError, ValueError):
                continue  # unreadable marker: redo the shard
            done[int(marker["shard"])] = marker
        return done

    def write(self, result: ShardResult) -> None:
        for name in TABLES:
            path = part_path(self.out, name, result.index)
            data = result.parts.get(name)
            if data is None:
                path.unlink(missing_ok=True)  # left over from an interrupted attempt
            else:
                _atomic_write(path, data)
        marker = {
            "shard": result.index,
            "docs": result.n_docs,
            "first": result.first,
            "last": result.last,
            "rows": result.counts,
            "sha256": {k: hashlib.sha256(v).hexdigest() for k, v in sorted(result.parts.items())},
        }
        _atomic_write(self.marker_path(result.index),
                      json.dumps(marker, ensure_ascii=False, sort_keys=True).encode())

    def parts(self, table: str) -> list[Path]:
        """Part files of finished shards for a table, in shard order."""
        return [p for i in sorted(self.finished())
                if (p := part_path(self.out, table, i)).exists()]
