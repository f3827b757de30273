"""Resolving a written deadline (6月底前, 年底前, 三季度末, 2024年10月15日) to a date,
relative to a reference date (the meeting's). Open-ended phrases (长期坚持, 持续推进)
resolve to None; `parse_deadline` then tells the caller it was understood as open."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10, "十一": 11, "十二": 12}  # fmt: skip
OPEN_ENDED = ("长期", "持续", "常态", "经常性", "每月", "每季度", "每年", "按要求", "按时")


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _CN_DIGITS[s]


def parse_deadline(text: object, ref: date) -> tuple[date | None, bool]:
    """(due date, understood). Accepts a date/datetime cell, ISO text or Chinese phrases.
    A year-less phrase is taken in the reference year, or the next one when it would lie
    more than a month before the reference date."""
    if isinstance(text, datetime):
        return text.date(), True
    if isinstance(text, date):
        return text, True
    s = re.sub(r"\s+", "", str(text or ""))
    if not s:
        return None, True
    if any(w in s for w in OPEN_ENDED):
        return None, True
    m = re.search(r"(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?", s)
    if m:
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            return None, False
        if m[3]:
            try:
                return date(y, mo, int(m[3])), True
            except ValueError:
                return None, False
        return _month_end(y, mo), True
    y = ref.year
    ym = re.search(r"(\d{4})年", s)
    if ym:
        y = int(ym[1])
    elif "明年" in s:
        y += 1
    if re.search(r"(年底|年末|年内|全年|今年)", s):
        return date(y, 12, 31), True
    if "上半年" in s:
        return date(y, 6, 30), True
    if "下半年" in s:
        return date(y, 12, 31), True
    q = re.search(r"(一|二|三|四|[1-4])季度", s)
    if q:
        return _month_end(y, _num(q[1]) * 3), True
    md = re.search(
        r"(\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:(\d{1,2})[日号])?(上旬|中旬|下旬|底|末)?", s
    )
    if md:
        mo = _num(md[1])
        if not 1 <= mo <= 12:
            return None, False
        day = int(md[2]) if md[2] else None
        if md[3] == "上旬":
            day = 10
        elif md[3] == "中旬":
            day = 20
        try:
            due = date(y, mo, day) if day else _month_end(y, mo)
        except ValueError:
            return None, False
        if not ym and (ref - due).days > 31:
            due = due.replace(year=due.year + 1)
        return due, True
    return None, False
