"""Cleaning: script, page pinyin, boilerplate lines, white space. (first cut)"""

from __future__ import annotations

from luoshi.text.document import CleanText
from luoshi.text.script import detect_script, strip_pinyin, to_simplified


def clean(raw: str, title: str | None = None) -> CleanText:
    no_pinyin = strip_pinyin(raw)
    simple = to_simplified(no_pinyin)
    lines = [" ".join(line.split()) for line in simple.splitlines()]
    text = "\n".join(line for line in lines if line)
    return CleanText(text=text, script=detect_script(no_pinyin, simple))
