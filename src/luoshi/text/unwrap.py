"""Joining hard-wrapped lines (PDF text, copied print layout) back into paragraphs.

A text counts as hard-wrapped when most of its lines have nearly the same display width (a
page's line length). Then a line that fills the width and does not end a sentence is joined
with the next, unless the next opens an enumerated item. Texts written one paragraph per
line have widely varying widths and are left alone.
"""

from __future__ import annotations

import re

MIN_LINES = 6
# Display width (CJK = 2, ASCII = 1) of a page line: narrower or wider is not a page layout.
PAGE_WIDTH_MIN, PAGE_WIDTH_MAX = 24, 200
# A line within this many columns of the page width is full.
FULL_SLACK = 6
# Share of lines that must be full for the text to count as wrapped.
FULL_SHARE = 0.5

_END = frozenset("。!?!?:;;…")
_CLOSERS = frozenset("”’」』))》\"'")
_ITEM_START = re.compile(
    r"^(?:[一二三四五六七八九十]+[、是要]|[((][一二三四五六七八九十\d]+[))]|\d{1,2}[.、.]"
    r"|第[一二三四五六七八九十]+[,,、]|首先|其次|最后|同志们)"
)


def _width(s: str) -> int:
    return 2 * len(s) - len(s.encode("ascii", "ignore"))


def _is_row(s: str) -> bool:
    # a table row ("a | b | c", from .docx and html tables) is a line of its own
    return "|" in s


def _ends_sentence(s: str) -> bool:
    last = s[-1]
    if last in _CLOSERS and len(s) > 1:
        last = s[-2]
    return last in _END


def page_width(lines: list[str]) -> int | None:
    """The common line width of a hard-wrapped text, or None if it is not wrapped."""
    if len(lines) < MIN_LINES:
        return None
    widths = sorted(_width(s) for s in lines)
    width = widths[int(len(widths) * 0.75)]
    if not PAGE_WIDTH_MIN <= width <= PAGE_WIDTH_MAX:
        return None
    full = sum(1 for w in widths if width - FULL_SLACK <= w <= width + FULL_SLACK)
    return width if full >= FULL_SHARE * len(lines) else None


def unwrap(lines: list[str]) -> list[str]:
    width = page_width(lines)
    if width is None:
        return lines
    out: list[str] = []
    joining = False
    for s in lines:
        if joining and not _ITEM_START.match(s) and not _is_row(s):
            prev = out[-1]
            sep = " " if prev[-1].isascii() and prev[-1].isalnum() and s[0].isascii() else ""
            out[-1] = prev + sep + s
        else:
            out.append(s)
        joining = _width(s) >= width - FULL_SLACK and not _ends_sentence(s) and not _is_row(s)
    return out
