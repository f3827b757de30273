"""Word .docx: paragraphs and tables in document order, after a zip-bomb check."""

from __future__ import annotations

import io
import zipfile

# Refuse a .docx whose parts would unpack to more than this (sum of uncompressed sizes).
DOCX_MAX_UNPACKED = 50 * 1024 * 1024
# Refuse a part that is larger than 1 MiB and compressed more than this ratio (XML is ~10:1).
DOCX_MAX_RATIO = 200
DOCX_RATIO_MIN_SIZE = 1024 * 1024
# Refuse a zip with more entries than this.
DOCX_MAX_ENTRIES = 5000


class BadDocx(ValueError):
    """The message is the one-line reason."""


def check_zip(data: bytes) -> None:
    """Inspect the zip directory only (nothing is unpacked) and refuse bombs and non-docx."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise BadDocx(f"not a valid .docx: {_short(exc) or 'broken zip archive'}") from exc
    if len(infos) > DOCX_MAX_ENTRIES:
        raise BadDocx(f"refused .docx: {len(infos)} zip entries (limit {DOCX_MAX_ENTRIES})")
    total = sum(i.file_size for i in infos)
    if total > DOCX_MAX_UNPACKED:
        raise BadDocx(
            f"refused .docx: would unpack to {total / 2**20:.0f} MB "
            f"(limit {DOCX_MAX_UNPACKED // 2**20} MB; zip bomb?)"
        )
    for i in infos:
        if i.file_size > DOCX_RATIO_MIN_SIZE and i.file_size > DOCX_MAX_RATIO * max(
            1, i.compress_size
        ):
            raise BadDocx(
                f"refused .docx: {i.filename} is compressed "
                f"{i.file_size // max(1, i.compress_size)}:1 (limit {DOCX_MAX_RATIO}:1; zip bomb?)"
            )
    if not any(i.filename == "word/document.xml" for i in infos):
        raise BadDocx("not a valid .docx: no word/document.xml in the archive")


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:100]


def _cell_texts(row) -> list[str]:
    out: list[str] = []
    seen: set[int] = set()
    for cell in row.cells:  # a merged cell is returned once per grid column it spans
        key = id(cell._tc)
        if key in seen:
            continue
        seen.add(key)
        out.append(" ".join(cell.text.split()))
    return out


def extract_docx(data: bytes) -> tuple[str, str | None]:
    """(text: one paragraph or table row per line, core-properties title)."""
    check_zip(data)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    lines.append(" | ".join(t for t in _cell_texts(row) if t))
            else:
                lines.append(block.text)
        title = document.core_properties.title or None
    except Exception as exc:  # python-docx/lxml raise many types on a broken package
        raise BadDocx(f"not a valid .docx: {_short(exc) or type(exc).__name__}") from exc
    return "\n".join(lines), title
