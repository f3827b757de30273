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
    regex: re.Pattern[str]
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
    """Rules grouped by max_len, each group one compiled regex; shortest limit first."""
    by_len: dict[int, list[tuple[str, Rule]]] = {}
    for i, rule in enumerate(load_rules()):
        by_len.setdefault(rule.max_len, []).append((f"r{i}", rule))
    out = []
    for max_len in sorted(by_len):
        group = by_len[max_len]
        regex = re.compile("|".join(f"(?P<{name}>{r.pattern})" for name, r in group), re.IGNORECASE)
        out.append(Bucket(max_len, regex, {name: r.reason for name, r in group}))
    return tuple(out)


def classify(line: str) -> str | None:
    """The reason a (normalised, Simplified) line is boilerplate, or None for text."""
    n = len(line)
    for bucket in buckets():
        if n <= bucket.max_len:
            m = bucket.regex.search(line)
            if m:
                return bucket.reasons[m.lastgroup or ""]
    return None
