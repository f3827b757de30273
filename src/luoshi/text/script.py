"""Script conversion (OpenCC) and page pinyin removal."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"

# A page's pinyin annotation after a character: 區(qū), 務(wù). Only parentheses whose content
# is lowercase latin with at least one tone mark qualify, so 云账户(天津) and (扩大) stay.
PINYIN = re.compile(rf"[(（][a-zü]*[{_TONED}][a-zü]*[)）]")

# Neutral-tone syllables carry no tone mark: 的(de), 么(me). Removed only after a CJK
# character and only in a text that already has toned annotations (see strip_pinyin).
_TONELESS = re.compile(r"(?<=[\u3400-\u9fff])[(（](?:de|me|ma|ne|le|zi|men|ba|la|ya)[)）]")
_TONELESS_MIN_TONED = 3

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_NON_ASCII_NON_CJK = re.compile(r"[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def strip_pinyin(text: str) -> str:
    out, n = PINYIN.subn("", text)
    if n >= _TONELESS_MIN_TONED:
        out = _TONELESS.sub("", out)
    return out


@lru_cache(maxsize=1)
def _traditional_chars() -> re.Pattern[str]:
    """A character class of every CJK character that t2s changes on its own.

    Built once from OpenCC itself (one conversion of ~27k characters, a few ms), so script
    detection counts traditional characters with one C-level regex pass instead of a Python
    loop over the text.
    """
    chars = [chr(c) for c in range(0x3400, 0x4DC0)] + [chr(c) for c in range(0x4E00, 0xA000)]
    converted = to_simplified("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # cannot happen with OpenCC's t2s; stay correct anyway
        converted = [to_simplified(ch) for ch in chars]
    changed = "".join(a for a, b in zip(chars, converted, strict=True) if a != b)
    return re.compile(f"[{re.escape(changed)}]")


def _count(pattern: re.Pattern[str], text: str) -> int:
    # subn counts in C; the replacement string is discarded
    return pattern.subn("", text)[1]


def count_traditional(text: str) -> int:
    """How many characters of `text` t2s would change on their own."""
    return _count(_traditional_chars(), text)


def count_cjk(text: str) -> int:
    # counting the few non-CJK non-ASCII characters is far faster than counting the many CJK
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_ascii - _count(_NON_ASCII_NON_CJK, text)


def script_of(cjk: int, traditional: int) -> str:
    if cjk == 0:
        return "unknown"
    share = traditional / cjk
    if share > 0.05:
        return "traditional"
    if share > 0.005:
        return "mixed"
    return "simplified"


def detect_script(original: str, simplified: str | None = None) -> str:
    """Share of CJK characters that are traditional-only: simplified | traditional | mixed
    (| unknown without CJK). `simplified` is accepted for compatibility and not needed."""
    return script_of(count_cjk(original), count_traditional(original))
