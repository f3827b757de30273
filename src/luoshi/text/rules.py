"""Boilerplate line rules, loaded once from the data files beside this module.

`data/boilerplate.tsv` holds (reason, max_len, regex) rows; `data/widget_words.txt` holds
the words of site chrome, from which one more rule is built: a line made only of such words
is a widget line. Rules with the same max_len are compiled into one alternation with a named
group per rule, so a line costs one regex search per length bucket, not one per rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

_DATA = files("luoshi.text") / "data"

# A widget-word line is at most this long; longer lines are text that mentions the words.
WIDGET_LINE_MAX = 80
_WIDGET_SEPARATORS = r"[ |丨·/、]"


@dataclass(frozen=True, slots=True)
class Rule:
    reason: str
    max_len: int
    pattern: str


@dataclass(frozen=True, slots=True)
class Bucket:
    max_len: int
    anchored: re.Pattern[str] | None  # rules starting with ^, tried only at the line start
    floating: re.Pattern[str] | None  # the others, searched along the line
    reasons: dict[str, str]  # group name -> reason


def _data_lines(name: str) -> list[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def load_rules() -> list[Rule]:
    rules = []
    for n, ln in enumerate(_data_lines("boilerplate.tsv"), 1):
        parts = ln.split("\t")
        if len(parts) != 3:
            raise ValueError(f"boilerplate.tsv: rule {n}: want reason<TAB>max_len<TAB>regex")
        reason, max_len, pattern = parts
        re.compile(pattern)  # fail at load time with the offending pattern
        rules.append(Rule(reason.strip(), int(max_len), pattern))
    words = sorted(
        {w.strip().lower() for w in _data_lines("widget_words.txt")}, key=len, reverse=True
    )
    alt = "|".join(re.escape(w) for w in words)
    rules.append(Rule("widget", WIDGET_LINE_MAX, rf"^(?:(?:{alt})(?:{_WIDGET_SEPARATORS}+|$))+$"))
    return rules


@lru_cache(maxsize=1)
def buckets() -> tuple[Bucket, ...]:
    """Rules grouped by max_len, shortest limit first; per group one anchored and one
    floating alternation (`match` on anchored rules costs one attempt per line, not one per
    position)."""
    by_len: dict[int, list[tuple[str, Rule]]] = {}
    for i, rule in enumerate(load_rules()):
        by_len.setdefault(rule.max_len, []).append((f"r{i}", rule))
    out = []
    for max_len in sorted(by_len):
        group = by_len[max_len]
        anchored = [(n, r.pattern[1:]) for n, r in group if is_anchored(r.pattern)]
        floating = [(n, r.pattern) for n, r in group if not is_anchored(r.pattern)]
        reasons = {name: r.reason for name, r in group}
        out.append(Bucket(max_len, _alternation(anchored), _alternation(floating), reasons))
    return tuple(out)


def is_anchored(pattern: str) -> bool:
    """True for "^…" without a top-level "|" ("^a|b" is anchored only in part)."""
    return pattern.startswith("^") and "|" not in _top_level(pattern)


def _top_level(pattern: str) -> str:
    """The pattern's characters outside groups and classes, escapes dropped."""
    out: list[str] = []
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out.append(ch)
        i += 1
    return "".join(out)


def _alternation(named: list[tuple[str, str]]) -> re.Pattern[str] | None:
    if not named:
        return None
    return re.compile("|".join(f"(?P<{n}>{p})" for n, p in named), re.IGNORECASE)


# Full-width ASCII forms (：（）｜，…) folded to ASCII so that one rule serves both; the rules
# in boilerplate.tsv are written with ASCII punctuation.
_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def classify(line: str) -> str | None:
    """The reason a (normalised, Simplified) line is boilerplate, or None for text."""
    line = line.translate(_FOLD)
    n = len(line)
    for bucket in buckets():
        if n > bucket.max_len:
            continue
        m = (bucket.anchored and bucket.anchored.match(line)) or (
            bucket.floating and bucket.floating.search(line)
        )
        if m:
            return bucket.reasons[m.lastgroup or ""]
    return None
