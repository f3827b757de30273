"""Scoring rules (考评): documented, configurable, applied per unit and period.

A unit's score for a period starts at `base` and moves with the tasks it leads:

    + done_on_time        per task closed (办结) in the period on or before its deadline
    + done_late           per task closed in the period after its deadline (usually < 0)
    + late_day            per day a closed task was late, at most `late_day_cap` days
    + overdue_open        per task still open and past its deadline at the period's end
    + overdue_day         per day such a task is overdue, at most `late_day_cap` days
    + missing_report      per task and reporting month of the period without a report
    + urge                per 催办 (manual urge) in the period
    + extension           per extension approved in the period
    + extension_refused   per extension refused in the period

then it is clamped to [floor, ceiling]. Units without tasks in play are not ranked. Ties
share a rank (1, 2, 2, 4). Rules load from JSON (`ScoreRules.load(path)`), unknown keys are
refused so a typo does not silently fall back to a default.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class ScoreRules:
    base: float = 100.0
    done_on_time: float = 2.0
    done_late: float = -1.0
    late_day: float = -0.2
    overdue_open: float = -3.0
    overdue_day: float = -0.2
    late_day_cap: int = 30
    missing_report: float = -1.0
    urge: float = -0.5
    extension: float = -0.5
    extension_refused: float = 0.0
    floor: float = 0.0
    ceiling: float = 120.0

    @classmethod
    def load(cls, path: str | Path) -> ScoreRules:
        data = json.loads(Path(path).read_text("utf-8"))
        known = {f.name for f in fields(cls)}
        if unknown := set(data) - known:
            raise ValueError(
                f"{path}: unknown scoring rules {sorted(unknown)}; known: {sorted(known)}"
            )
        return cls(**data)

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def parse_period(period: str) -> tuple[date, date]:
    """'2024' | '2024-H1' | '2024-Q2' | '2024-05' → (first day, last day)."""
    import calendar

    try:
        if len(period) == 4:
            y = int(period)
            return date(y, 1, 1), date(y, 12, 31)
        y, rest = int(period[:4]), period[5:]
        if rest.upper().startswith("Q"):
            q = int(rest[1:])
            if not 1 <= q <= 4:
                raise ValueError
            return date(y, 3 * q - 2, 1), date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        if rest.upper().startswith("H"):
            h = int(rest[1:])
            return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))
        m = int(rest)
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    except (ValueError, IndexError):
        raise ValueError(f"period {period!r}: use 2024, 2024-H1, 2024-Q2 or 2024-05") from None


def months(start: date, end: date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
