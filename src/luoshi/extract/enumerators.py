"""Enumerators (一要, 一是, 一、, (一), 第一, 1., 首先 …): style, ordinal, span."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SEQ = {"首先": 1, "其次": 2, "再次": 3, "第三": 3}
_NUM_CN = "一二三四五六七八九十"

# (style, pattern); styles nest by order of appearance, not by a fixed hierarchy.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn-dun", re.compile(rf"([{_NUM_CN}]{{1,3}})、")),
    ("cn-paren", re.compile(rf"[(（]([{_NUM_CN}]{{1,3}})[)）]")),
    ("di", re.compile(rf"第([{_NUM_CN}]{{1,3}})(?:[，,、：:]|是)")),
    ("shi", re.compile(rf"([{_NUM_CN}]{{1,3}})是(?!否)")),
    ("yao", re.compile(rf"([{_NUM_CN}]{{1,3}})要(?![求素点])")),
    ("num", re.compile(r"(\d{1,2})(?:[、．]|\.(?!\d))")),
    ("num-paren", re.compile(r"[(（](\d{1,2})[)）]")),
    ("seq", re.compile(r"(首先|其次|再次|最后)(?=[，,])")),
)


@dataclass(slots=True)
class Enumerator:
    style: str
    ordinal: int  # 0 for 最后 (continues any run)
    length: int  # characters of the enumerator itself


def cn_number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if s in _SEQ:
        return _SEQ[s]
    if s == "最后":
        return 0
    if len(s) == 1:
        return _CN.get(s, 0)
    if s.startswith("十"):
        return 10 + _CN.get(s[1:], 0)
    if s.endswith("十"):
        return _CN.get(s[0], 0) * 10
    if len(s) == 3 and s[1] == "十":
        return _CN.get(s[0], 0) * 10 + _CN.get(s[2], 0)
    return 0


# One alternation over all styles (in the order above), so a sentence costs one match.
_ANY = re.compile("|".join(f"(?P<s{i}>{pat.pattern})" for i, (_, pat) in enumerate(_PATTERNS)))
_GROUP_OF = {f"s{i}": i for i in range(len(_PATTERNS))}
_FIRST_CHARS = frozenset("一二三四五六七八九十第(（首其再最0123456789")


def match_enumerator(text: str, pos: int) -> Enumerator | None:
    if pos >= len(text) or text[pos] not in _FIRST_CHARS:
        return None
    m = _ANY.match(text, pos)
    if not m:
        return None
    i = _GROUP_OF[m.lastgroup] if m.lastgroup in _GROUP_OF else _which(m)
    style, pat = _PATTERNS[i]
    inner = pat.match(text, pos)
    if inner is None:  # pragma: no cover - the alternation matched this branch
        return None
    n = cn_number(inner.group(1))
    if n == 0 and inner.group(1) != "最后":
        return None
    return Enumerator(style, n, inner.end() - pos)


def _which(m: re.Match[str]) -> int:
    for name, i in _GROUP_OF.items():
        if m.group(name) is not None:
            return i
    return 0
