"""Web pages: main content (trafilatura) plus the page title and publication date."""

from __future__ import annotations

import re

# A page is HTML when it opens like one, or when its head is full of tags.
_OPENING = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|title|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(
    r"</?(?:p|div|span|br|td|tr|table|a|li|ul|h[1-6]|script|style)\b[^>]*>", re.IGNORECASE
)
SNIFF_CHARS = 8192
MIN_TAGS = 8
# <meta charset="gbk"> or <meta http-equiv=... content="text/html; charset=gb2312">
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-z0-9_\-]+)", re.IGNORECASE)
# Pages declaring a subset encoding routinely hold characters of its superset.
_SUPERSET = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
    "big5": "cp950",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
}


def looks_like_html(text: str) -> bool:
    head = text[:SNIFF_CHARS]
    return bool(_OPENING.match(head)) or len(_TAG.findall(head)) >= MIN_TAGS


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes, mapped to a safe superset."""
    m = _META_CHARSET.search(data[:SNIFF_CHARS])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    name = _SUPERSET.get(name, name)
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


class NoContent(ValueError):
    pass


def extract_html(html: str) -> tuple[str, str | None, str | None]:
    """(main text with one paragraph per line, title, ISO publication date)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_tables=True,
        include_comments=False,
        include_images=False,
        favor_recall=True,
        deduplicate=False,
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = getattr(doc, "title", None) if doc is not None else None
    date = getattr(doc, "date", None) if doc is not None else None
    if not text:  # a page too small for main-content extraction: take all its text
        text = (trafilatura.html2txt(html) or "").strip()
    if not text:
        raise NoContent("html page without text")
    return text, title or None, date or None
