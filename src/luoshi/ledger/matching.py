"""Matching a unit as written in a speech (发改委, 区财政局, 各街道) to the directory.

Order: exact name → alias (also exact short name) → collective phrase (各街道 → every
street) → fuzzy (rapidfuzz WRatio over names and aliases, with the score the reviewer sees).
The directory is a snapshot (`UnitDirectory`) built once per import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

# collective mentions → unit kinds; longest phrases first when matching
COLLECTIVES: dict[str, tuple[str, ...]] = {
    "各镇街": ("town", "street"),
    "各乡镇街道": ("town", "street"),
    "各镇(街道)": ("town", "street"),
    "各镇（街道）": ("town", "street"),
    "各乡镇": ("town",),
    "各镇": ("town",),
    "各街道": ("street",),
    "各街道办事处": ("street",),
    "各园区": ("park",),
    "各开发区": ("park",),
    "各国有企业": ("enterprise",),
    "区属国企": ("enterprise",),
    "各部门": ("department",),
    "区直各部门": ("department",),
    "各有关部门": ("department",),
    "各相关部门": ("department",),
}
FUZZY_FLOOR = 80.0  # below this a mention is left unmatched for the reviewer

_PREFIX = re.compile(r"^(全区|区直|区|市|县|各级|各)")


@dataclass(frozen=True)
class UnitMatch:
    mention: str
    unit_id: int
    unit_name: str
    method: str  # exact | alias | collective | fuzzy
    score: float


@dataclass
class UnitDirectory:
    """name/alias → unit id, and kind → unit ids, of the active units."""

    names: dict[str, int] = field(default_factory=dict)
    aliases: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, list[int]] = field(default_factory=dict)
    display: dict[int, str] = field(default_factory=dict)

    def add(self, unit_id: int, name: str, kind: str, aliases: list[str]) -> None:
        self.names[name] = unit_id
        self.display[unit_id] = name
        self.kinds.setdefault(kind, []).append(unit_id)
        for a in aliases:
            self.aliases.setdefault(a, unit_id)

    def match(self, mention: str) -> list[UnitMatch]:
        """All units a mention stands for (several for a collective), [] if none."""
        m = mention.strip()
        if not m:
            return []
        if m in self.names:
            return [UnitMatch(m, self.names[m], m, "exact", 100.0)]
        if m in self.aliases:
            uid = self.aliases[m]
            return [UnitMatch(m, uid, self.display[uid], "alias", 100.0)]
        for phrase in sorted(COLLECTIVES, key=len, reverse=True):
            if m.endswith(phrase) or m == phrase:
                ids = [u for k in COLLECTIVES[phrase] for u in self.kinds.get(k, [])]
                return [UnitMatch(m, u, self.display[u], "collective", 100.0) for u in ids]
        # 区发改委 → 发改委: strip a jurisdiction prefix and try the alias table again
        stripped = _PREFIX.sub("", m)
        if stripped != m and stripped in self.aliases:
            uid = self.aliases[stripped]
            return [UnitMatch(m, uid, self.display[uid], "alias", 95.0)]
        choices = {**{n: i for n, i in self.names.items()}, **self.aliases}
        best = process.extractOne(m, list(choices), scorer=fuzz.WRatio)
        if best and best[1] >= FUZZY_FLOOR:
            uid = choices[best[0]]
            return [UnitMatch(m, uid, self.display[uid], "fuzzy", round(float(best[1]), 1))]
        return []


def split_mentions(text: str) -> list[str]:
    """'区发改委、区财政局,各街道' → ['区发改委', '区财政局', '各街道']."""
    parts = re.split(r"[、,，;；/\s]+|和(?=[^和]{2,})|及", text or "")
    return [p.strip() for p in parts if p and p.strip()]
