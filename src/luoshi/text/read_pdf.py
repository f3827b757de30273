"""PDF with a text layer (pypdf). Scanned PDFs must be OCRed first."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

# Refuse a PDF with more pages than this (a meeting document has a few dozen at most).
PDF_MAX_PAGES = 2000


class BadPdf(ValueError):
    """The message is the one-line reason."""


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:100]


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs repairs of broken files ("EOF marker not found"); the one-line error is ours."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def extract_pdf(data: bytes) -> tuple[str, str | None]:
    with _quiet_pypdf():
        return _extract_pdf(data)


def _extract_pdf(data: bytes) -> tuple[str, str | None]:
    """(text of all pages, document-info title)."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs only restrict permissions
            except (DependencyError, NotImplementedError) as exc:
                raise BadPdf(f"encrypted PDF ({_short(exc)})") from exc
            if not opened:
                raise BadPdf("encrypted PDF (password required)")
        n = len(reader.pages)
        if n > PDF_MAX_PAGES:
            raise BadPdf(f"refused PDF: {n} pages (limit {PDF_MAX_PAGES})")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
        title = (meta.title if meta is not None else None) or None
    except BadPdf:
        raise
    except (PdfReadError, Exception) as exc:  # pypdf raises many types on a broken file
        raise BadPdf(f"not a valid PDF: {_short(exc) or type(exc).__name__}") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise BadPdf("no text layer; OCR it first")
    return text, str(title) if title else None
