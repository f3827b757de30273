"""The Python API: `luoshi.extract_text(str)` and `luoshi.extract_file(path)`."""

from __future__ import annotations

from pathlib import Path

from luoshi.extract import extract_document
from luoshi.extract import extract_text as _extract_text
from luoshi.record import MeetingRecord
from luoshi.text import read_path


def extract_text(text: str, *, path: str | None = None) -> MeetingRecord:
    """Extract the meeting record of a document given as text (any script)."""
    return _extract_text(text, path=path)


def extract_file(path: str | Path) -> MeetingRecord:
    """Read a txt/html/docx/pdf file and extract its meeting record.

    Raises `luoshi.text.InputError` for a file that cannot be read as a document.
    """
    return extract_document(read_path(path))
