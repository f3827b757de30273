"""Luoshi (落实): meeting documents → meeting records → a supervised task ledger."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from luoshi.api import extract_file, extract_text


def __getattr__(name: str):  # lazy, so `import luoshi` stays cheap
    if name in ("extract_text", "extract_file"):
        from luoshi import api

        return getattr(api, name)
    raise AttributeError(name)


__all__ = ["__version__", "extract_file", "extract_text"]
