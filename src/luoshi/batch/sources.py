"""Inputs of a corpus run, streamed in a fixed order and cut into shards of fixed size.

An input is a directory of document files (txt/html/docx/pdf, read by `luoshi.text`),
a JSONL file (`{"id", "text", "url", "published"}` per line, `.gz` too) or a Parquet file
with those columns. The driver only splits the input into raw items (file bytes, JSON
lines, Parquet rows); parsing and extraction happen in the workers, so a bad line is an
`errors` row rather than a failed run, and skipping a finished shard costs almost nothing.
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    import pyarrow.parquet as pq

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
PARQUET_COLUMNS = ("id", "text", "url", "published")


class SourceError(Exception):
    """The input as a whole cannot be used (missing, unknown format); one line for a person."""


@dataclass(slots=True)
class Item:
    """One input document before parsing.

    kind: "file" (payload = bytes of the file), "json" (payload = one raw JSONL line) or
    "row" (payload = dict of a Parquet row). `where` names it in the input; `error` is set
    when the driver could not even get its bytes (e.g. an unreadable file).
    """

    kind: str
    where: str
    payload: Any = None
    error: str | None = None


class Source:
    """A deterministic stream of items; subclasses know one input format."""

    kind = "?"

    def __init__(self, path: Path):
        self.path = path

    def fingerprint(self) -> dict[str, Any]:
        """What identifies this input, stored in the output manifest to refuse mixing runs."""
        return {"path": str(self.path.resolve()), "kind": self.kind}

    def count(self) -> int:
        raise NotImplementedError

    def items(self) -> Iterator[Item]:
        raise NotImplementedError

    def shards(self, shard_size: int, skip: set[int] | frozenset[int] = frozenset()
               ) -> Iterator[tuple[int, list[Item]]]:
        """(index, items) for every shard not in `skip`, in input order."""
        it = self.items()
        index = 0
        while True:
            chunk = list(islice(it, shard_size))
            if not chunk:
                return
            if index not in skip:
                yield index, chunk
            index += 1


class DirectorySource(Source):
    kind = "dir"

    def __init__(self, path: Path):
        super().__init__(path)
        self._paths: list[Path] | None = None

    def paths(self) -> list[Path]:
        if self._paths is None:
            found = []
            for root, dirs, files in os.walk(self.path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.extend(Path(root, f) for f in files if not f.startswith("."))
            self._paths = sorted(found, key=lambda p: p.relative_to(self.path).as_posix())
        return self._paths

    def fingerprint(self) -> dict[str, Any]:
        return {**super().fingerprint(), "files": len(self.paths())}

    def count(self) -> int:
        return len(self.paths())

    def _item(self, p: Path) -> Item:
        rel = p.relative_to(self.path).as_posix()
        try:
            return Item("file", rel, p.read_bytes())
        except OSError as exc:
            return Item("file", rel, None, exc.strerror or "cannot read")

    def items(self) -> Iterator[Item]:
        return (self._item(p) for p in self.paths())

    def shards(self, shard_size: int, skip: set[int] | frozenset[int] = frozenset()
               ) -> Iterator[tuple[int, list[Item]]]:
        paths = self.paths()  # skipped shards are never read
        for index, start in enumerate(range(0, len(paths), shard_size)):
            if index not in skip:
                yield index, [self._item(p) for p in paths[start:start + shard_size]]


def _open_maybe_gzip(path: Path) -> BinaryIO:
    raw = path.open("rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    raw.seek(0)
    return raw


class JsonlSource(Source):
    kind = "jsonl"

    def fingerprint(self) -> dict[str, Any]:
        return {**super().fingerprint(), "bytes": self.path.stat().st_size}

    def _lines(self) -> Iterator[tuple[int, bytes]]:
        with _open_maybe_gzip(self.path) as fh:
            for line_no, line in enumerate(io.BufferedReader(fh, 1 << 20), start=1):
                if line.strip():
                    yield line_no, line

    def count(self) -> int:
        return sum(1 for _ in self._lines())

    def items(self) -> Iterator[Item]:
        name = self.path.name
        return (Item("json", f"{name}:{n}", line) for n, line in self._lines())


class ParquetSource(Source):
    kind = "parquet"

    def _file(self) -> pq.ParquetFile:
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(self.path)
        except Exception as exc:  # pyarrow raises several kinds
            raise SourceError(f"{self.path}: not a readable Parquet file ({exc})") from exc

    def fingerprint(self) -> dict[str, Any]:
        return {**super().fingerprint(), "rows": self.count()}

    def count(self) -> int:
        return self._file().metadata.num_rows

    def items(self) -> Iterator[Item]:
        pf = self._file()
        names = set(pf.schema_arrow.names)
        if "text" not in names:
            raise SourceError(f"{self.path}: Parquet input needs a 'text' column")
        columns = [c for c in PARQUET_COLUMNS if c in names]
        name = self.path.name
        row = 0
        for batch in pf.iter_batches(batch_size=2048, columns=columns):
            for rec in batch.to_pylist():
                yield Item("row", f"{name}#{row}", rec)
                row += 1


def open_source(path: str | os.PathLike[str]) -> Source:
    p = Path(path)
    if p.is_dir():
        return DirectorySource(p)
    if not p.exists():
        raise SourceError(f"{p}: no such file or directory")
    name = p.name.lower()
    if name.endswith(PARQUET_SUFFIXES):
        return ParquetSource(p)
    if name.endswith(JSONL_SUFFIXES):
        return JsonlSource(p)
    raise SourceError(
        f"{p}: unknown input; give a directory, a .jsonl[.gz] file or a .parquet file")


def batched(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk
