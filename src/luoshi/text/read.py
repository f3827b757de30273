"""Reading files into `Document`s. (first cut: UTF-8 text only)"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from luoshi.text.document import Document, InputError


def read_bytes(data: bytes, path: str = "-") -> Document:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, "cannot decode as text") from exc
    return Document(
        text=text,
        path=path,
        encoding="utf-8",
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
    )


def read_path(path: str | Path) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), exc.strerror or "cannot read") from exc
    return read_bytes(data, str(path))


def iter_paths(paths: list[str]) -> Iterator[str]:
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file():
                    yield str(child)
        else:
            yield raw
