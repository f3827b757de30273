"""Script conversion (OpenCC) and page pinyin removal."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# A page's pinyin annotation after a character: 區(qū), 務(wù). Only parentheses whose content
# is lowercase latin with at least one tone mark qualify, so 云账户(天津) and (扩大) stay.
PINYIN = re.compile(r"[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*[)）]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def strip_pinyin(text: str) -> str:
    return PINYIN.sub("", text)


def detect_script(original: str, simplified: str) -> str:
    """Compare a text with its t2s conversion: how many characters changed."""
    cjk = sum(1 for ch in original if "\u4e00" <= ch <= "\u9fff")
    if cjk == 0:
        return "unknown"
    changed = sum(1 for a, b in zip(original, simplified, strict=False) if a != b)
    share = changed / cjk
    if share > 0.05:
        return "traditional"
    if share > 0.005:
        return "mixed"
    return "simplified"
