"""The word lists of extraction, loaded once from the data files beside this module."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("luoshi.extract").joinpath("data", name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _words(name: str) -> list[str]:
    return [w for ln in _lines(name) for w in ln.split()]


def _rows(name: str) -> list[list[str]]:
    return [ln.split("\t") for ln in _lines(name)]


def alternation(words: list[str] | set[str]) -> str:
    """A regex alternation, longest word first so the longest match wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Lexicon:
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    common_surnames: frozenset[str]
    titles: tuple[str, ...]
    followers: tuple[str, ...]
    role_verbs: tuple[tuple[str, str], ...]
    unit_suffixes: tuple[str, ...]
    unit_markers: tuple[str, ...]
    collectives: tuple[str, ...]
    modals: tuple[str, ...]
    orders: tuple[str, ...]
    not_modal: tuple[str, ...]
    categories: tuple[tuple[str, str, tuple[str, ...]], ...]
    deadlines: tuple[tuple[str, str], ...]
    non_names: tuple[str, ...]
    higher_leaders: dict[str, str]  # name → title


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    surnames = _words("surnames.txt")
    req = _rows("requirement.tsv")
    return Lexicon(
        surnames=frozenset(s for s in surnames if len(s) == 1),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        common_surnames=frozenset(_words("common_surnames.txt")),
        titles=tuple(_lines("titles.txt")),
        followers=tuple(_lines("name_followers.txt")),
        role_verbs=tuple((r[0], r[1]) for r in _rows("role_verbs.tsv")),
        unit_suffixes=tuple(_lines("unit_suffixes.txt")),
        unit_markers=tuple(_lines("unit_markers.txt")),
        collectives=tuple(_lines("collectives.txt")),
        modals=tuple(r[1] for r in req if r[0] == "modal"),
        orders=tuple(r[1] for r in req if r[0] == "order"),
        not_modal=tuple(r[1] for r in req if r[0] == "not"),
        categories=tuple(
            (r[0], r[1], tuple(k for k in r[2].split(",") if k)) for r in _rows("categories.tsv")
        ),
        deadlines=tuple((r[0], r[1]) for r in _rows("deadlines.tsv")),
        non_names=tuple(_lines("non_names.txt")),
        higher_leaders={r[0]: r[1] for r in _rows("higher_leaders.tsv")},
    )


@lru_cache(maxsize=1)
def category_labels() -> dict[str, str]:
    """Policy category key → Chinese label, in the taxonomy's order, with `general` (综合),
    the extractor's "none of the above"."""
    labels = {key: label for key, label, _ in lexicon().categories}
    labels.setdefault("general", "综合")
    return labels
