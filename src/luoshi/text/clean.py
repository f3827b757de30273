"""Cleaning: script, page pinyin, boilerplate lines, repeated headlines, white space.

The whole text is converted at once (pinyin regex, OpenCC t2s), then walked line by line:
each non-empty line is normalised (stripped, runs of white space collapsed), tested against
the boilerplate rules (`luoshi.text.rules`, patterns in `data/`), and either kept or listed
in `removed` with its 0-based line number in the raw text and the raw line as it stood.
Hard-wrapped text (PDF or copied print layout) is then joined back into paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re

from luoshi.text.document import CleanText, RemovedLine
from luoshi.text.rules import classify
from luoshi.text.script import (
    count_cjk,
    count_traditional,
    script_of,
    strip_pinyin,
    to_simplified,
)
from luoshi.text.unwrap import unwrap

# A headline: short, no sentence inside, not an opening like "同志们:".
HEADLINE_MIN, HEADLINE_MAX = 4, 80
_SENTENCE_MARK = re.compile(r"[。!?!?]")
_NOT_HEADLINE_END = frozenset("::,,、;;")
# A listing's date stamp before a headline: "05.11 标题", "2019-05-11 标题".
_DATE_PREFIX = re.compile(r"^\d{1,4}[.\-/]\d{1,2}(?:[.\-/]\d{1,2})? +")
# A page title's site suffix: "标题_XX区人民政府", "标题 - 新华网", "标题|XX网".
_SITE_SUFFIX = re.compile(r" ?(?:[_|丨]| [-—–] ).*$")

_DATE = re.compile(r"((?:19|20)\d{2}) ?[-/.年] ?(\d{1,2}) ?[-/.月] ?(\d{1,2})(?!\d)")

# Reasons whose lines may carry the page's publication date.
_DATED_REASONS = frozenset({"metadata", "credit", "breadcrumb"})


def _norm(line: str) -> str:
    return " ".join(line.split())


def headline_of(line: str) -> str | None:
    """The headline a normalised line is, or None if it does not look like one."""
    s = _DATE_PREFIX.sub("", line)
    if not HEADLINE_MIN <= len(s) <= HEADLINE_MAX:
        return None
    if _SENTENCE_MARK.search(s) or s[-1] in _NOT_HEADLINE_END:
        return None
    return s


def find_date(line: str) -> str | None:
    """The first valid calendar date in a line, as ISO `YYYY-MM-DD`."""
    for m in _DATE.finditer(line):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            continue
    return None


def _title_forms(title: str) -> set[str]:
    t = _norm(to_simplified(strip_pinyin(title)))
    forms = {t, _SITE_SUFFIX.sub("", t)}
    return {f for f in forms if len(f) >= HEADLINE_MIN}


def _lines(raw: str) -> tuple[list[str], list[str], str]:
    """(raw lines, their Simplified pinyin-free forms, script), converted in one pass.

    OpenCC is skipped when no character would change (most texts are Simplified already).
    """
    raw_lines = raw.splitlines()
    text = strip_pinyin(raw)
    traditional = count_traditional(text)
    script = script_of(count_cjk(text), traditional)
    if not traditional:
        return raw_lines, text.splitlines(), script
    simple = to_simplified(text).splitlines()
    if len(simple) != len(raw_lines):  # a conversion touched a line break: go line by line
        simple = [to_simplified(strip_pinyin(ln)) for ln in raw_lines]
    return raw_lines, simple, script


def clean(raw: str, title: str | None = None) -> CleanText:
    raw_lines, lines, script = _lines(raw)
    heads = _title_forms(title) if title else set()
    seen_heads: set[str] = set()
    kept: list[str] = []
    removed: list[RemovedLine] = []
    published: str | None = None
    doc_title: str | None = None

    for i, line in enumerate(lines):
        s = _norm(line)
        if not s:
            continue
        if s in heads:
            reason = "repeated_headline" if s in seen_heads else None
            seen_heads.add(s)
        else:
            reason = classify(s)
        if reason is None and not kept and doc_title is None:
            doc_title = headline_of(s)
            if doc_title:
                heads.add(doc_title)
                if doc_title == s:
                    seen_heads.add(s)
        if reason is None:
            kept.append(s)
            continue
        removed.append(RemovedLine(line_no=i, text=raw_lines[i], reason=reason))
        if published is None and reason in _DATED_REASONS:
            published = find_date(s)

    return CleanText(
        text="\n".join(unwrap(kept)),
        script=script,
        removed=removed,
        published=published,
        title=doc_title,
    )
