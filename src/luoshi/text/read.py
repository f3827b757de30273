"""Reading files into `Document`s: plain text in any encoding, HTML, .docx, PDF.

The format is sniffed from the bytes (magic numbers, then HTML markup), never taken from
the file name alone. Every bad input raises `InputError(path, reason)` with a one-line
reason. Limits are module constants, documented in docs/input.md.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from luoshi.text.decode import DecodeError, decode_text
from luoshi.text.document import Document, InputError
from luoshi.text.read_docx import BadDocx, extract_docx
from luoshi.text.read_html import NoContent, declared_charset, extract_html, looks_like_html
from luoshi.text.read_pdf import BadPdf, extract_pdf

# Refuse inputs larger than this before reading them.
MAX_INPUT_BYTES = 100 * 1024 * 1024

# Files a directory walk yields (explicitly named files are read whatever their name).
DOCUMENT_SUFFIXES = frozenset(
    {
        "",
        ".txt",
        ".text",
        ".htm",
        ".html",
        ".shtml",
        ".xhtml",
        ".php",
        ".asp",
        ".aspx",
        ".jsp",
        ".docx",
        ".pdf",
    }
)

_MAGIC_REFUSED = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Word/Office 97-2003 file; save it as .docx"),
    (b"{\\rtf", "RTF file; save it as .docx"),
    (b"\x89PNG", "image file (PNG); OCR it first"),
    (b"\xff\xd8\xff", "image file (JPEG); OCR it first"),
    (b"GIF8", "image file (GIF), not a document"),
    (b"\x1f\x8b", "gzip archive; unpack it first"),
    (b"Rar!", "RAR archive; unpack it first"),
    (b"7z\xbc\xaf", "7z archive; unpack it first"),
    (b"\x7fELF", "binary file, not a document"),
)


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def read_bytes(data: bytes, path: str = "-") -> Document:
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(path, f"file too large ({_mb(len(data))}; limit {_mb(MAX_INPUT_BYTES)})")
    if not data.strip():
        raise InputError(path, "empty file")
    doc = Document(text="", path=path, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    try:
        _fill(doc, data)
    except (DecodeError, BadDocx, BadPdf, NoContent) as exc:
        raise InputError(path, str(exc)) from exc
    if not doc.text.strip():
        raise InputError(path, "empty file" if doc.format == "text" else f"no text in {doc.format}")
    return doc


def _fill(doc: Document, data: bytes) -> None:
    head = data[:1024]
    if head.startswith(b"%PDF-") or b"%PDF-" in head:
        doc.format = "pdf"
        doc.text, doc.title = extract_pdf(data)
        return
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        doc.format = "docx"
        doc.text, doc.title = extract_docx(data)
        return
    for magic, reason in _MAGIC_REFUSED:
        if data.startswith(magic):
            raise DecodeError(reason)
    text, encoding = decode_text(data, declared_charset(data))
    doc.encoding = encoding
    if looks_like_html(text):
        doc.format = "html"
        doc.text, doc.title, doc.published = extract_html(text)
    else:
        doc.text = text


def read_path(path: str | Path) -> Document:
    name = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise InputError(name, "is a directory")
        if size > MAX_INPUT_BYTES:
            raise InputError(name, f"file too large ({_mb(size)}; limit {_mb(MAX_INPUT_BYTES)})")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(name, (exc.strerror or "cannot read").lower()) from exc
    return read_bytes(data, name)


def _walk(root: str) -> Iterator[str]:
    """Depth-first, each directory's entries sorted; hidden entries skipped; streaming."""
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path)
            elif entry.is_file() and os.path.splitext(entry.name)[1].lower() in DOCUMENT_SUFFIXES:
                yield entry.path
        except OSError:
            continue


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Expand directories recursively; `-` (stdin) and plain files pass through as given."""
    for raw in paths:
        if raw != "-" and os.path.isdir(raw):
            yield from _walk(raw)
        else:
            yield raw
