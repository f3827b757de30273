"""Bytes of a plain-text file to str: the encoding is read from the bytes, not the name.

Order: BOMs; UTF-16 without BOM (NUL bytes on one side of each code unit); binary refusal;
strict UTF-8; then the Chinese legacy encodings, decided by plausibility because GB18030
and Big5 both decode most of each other's bytes without error (the classic trap): the
decoding whose characters are mostly common Chinese characters wins; charset-normalizer
is the last resort for anything else.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from importlib.resources import files

from luoshi.text.script import to_simplified

# How many bytes are looked at to decide (the full text is decoded once, afterwards).
SAMPLE_BYTES = 64 * 1024
# A decoding is plausible when at least this share of its non-ASCII characters are common;
# at STRONG_COMMON_SHARE it is taken without trying the other candidates.
MIN_COMMON_SHARE = 0.3
STRONG_COMMON_SHARE = 0.6
# Share of control bytes (other than tab, newline, CR, FF, ESC) above which bytes are binary.
MAX_CONTROL_SHARE = 0.01

LEGACY_CANDIDATES = ("gb18030", "big5", "cp950", "big5hkscs")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"\x84\x31\x95\x33", "gb18030"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# CJK punctuation, full-width forms, general punctuation (“”…—)
_PUNCT = "\\u2000-\\u206f\\u3000-\\u303f\\uff00-\\uff60\\uffe0-\\uffef"
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f\ufffd]")


class DecodeError(ValueError):
    """Bytes that are not text in any encoding tried; the message is the one-line reason."""


@lru_cache(maxsize=1)
def _uncommon() -> re.Pattern[str]:
    text = (files("luoshi.text") / "data" / "common_chars.txt").read_text(encoding="utf-8")
    chars = "".join(ln.strip() for ln in text.splitlines() if not ln.startswith("#"))
    import opencc  # s2t once, to score Traditional text as well as Simplified

    traditional = opencc.OpenCC("s2t").convert(chars)
    simplified = to_simplified(chars)
    common = re.escape("".join(sorted(set(chars + traditional + simplified))))
    # what is NOT common: in real text few characters match, so the count is fast
    return re.compile(f"[^\\x00-\\x7f{_PUNCT}{common}]")


def common_share(text: str) -> float:
    """Share of the non-ASCII characters of `text` that are common Chinese characters or
    CJK punctuation."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if non_ascii == 0:
        return 1.0
    return 1 - _uncommon().subn("", text)[1] / non_ascii


def _sample_decode(data: bytes, encoding: str) -> str | None:
    """Strictly decode the sample, tolerating a character cut at its end; None on error."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        return decoder.decode(data[:SAMPLE_BYTES], final=len(data) <= SAMPLE_BYTES)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(head: bytes) -> str | None:
    """utf-16-le/be when NUL bytes sit on one side of the code units (ASCII in UTF-16)."""
    if len(head) < 4:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = len(head) // 2
    # a CJK code unit has a zero byte now and then (开 = U+5F00), ASCII always has one
    if odd >= 0.1 * half and odd >= 4 * even:
        return "utf-16-le"
    if even >= 0.1 * half and even >= 4 * odd:
        return "utf-16-be"
    return None


def is_binary(data: bytes) -> bool:
    head = data[:SAMPLE_BYTES]
    return b"\x00" in head or len(_CONTROL.findall(head)) > MAX_CONTROL_SHARE * len(head)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name). `declared` (an HTML meta charset) is tried first, strictly."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], enc)
            if text is None:
                raise DecodeError(f"cannot decode text (BOM says {enc}, bytes disagree)")
            return text, enc
    utf16 = _utf16_without_bom(data[:SAMPLE_BYTES])
    if utf16:
        text = _strict(data[: len(data) // 2 * 2], utf16)
        if text is not None and not _CONTROL_TEXT.search(text[:SAMPLE_BYTES]):
            return text, utf16
    if is_binary(data):
        raise DecodeError("binary file, not a document")
    if declared:
        text = _strict(data, declared)
        if text is not None:
            return text, declared
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    return _decode_legacy(data)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    scored = []
    for enc in LEGACY_CANDIDATES:
        sample = _sample_decode(data, enc)
        if sample is None:
            continue
        share = common_share(sample)
        if share >= STRONG_COMMON_SHARE:
            text = _strict(data, enc)
            if text is not None:
                return text, enc
        scored.append((share, enc))
    # best first; on a tie the earlier candidate (GB18030, then plain Big5) wins
    scored.sort(key=lambda t: -t[0])
    for share, enc in scored:
        if share < MIN_COMMON_SHARE:
            break
        text = _strict(data, enc)
        if text is not None:
            return text, enc
    guess = _charset_normalizer(data)
    if guess is not None:
        return guess
    tried = ", ".join(("utf-8", *LEGACY_CANDIDATES, "charset detection"))
    raise DecodeError(f"cannot decode text (tried {tried})")


def _charset_normalizer(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: SAMPLE_BYTES * 4]).best()
    if best is None or best.encoding is None:
        return None
    text = _strict(data, best.encoding)
    if text is None or _CONTROL_TEXT.search(text):
        return None
    # a Chinese-looking decoding that failed the plausibility test above is garbage
    if (
        _NON_ASCII.search(text)
        and common_share(text[:SAMPLE_BYTES]) < 0.05
        and best.encoding
        in ("gb18030", "gbk", "gb2312", "big5", "cp950", "big5hkscs", "hz", "utf_16", "utf_32")
    ):
        return None
    return text, best.encoding
