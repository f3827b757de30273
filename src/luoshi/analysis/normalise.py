"""Keys for grouping: conveyed items, regions, dates, unit and programme names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_QUOTES = re.compile(r"[《》〈〉“”‘’「」『』\"'\s]")
_LEADING = re.compile(r"^(?:会议)?(?:认真|深入|集中|专题|及时)?"
                      r"(?:传达学习|学习贯彻|传达贯彻|学习传达|传达|学习|贯彻|听取)+(?:了)?")
# longest first, stripped repeatedly: 重要讲话精神 → 重要讲话 → '' …
_TRAILING = sorted(
    ["精神", "重要讲话", "讲话", "重要指示批示", "重要指示", "指示批示", "重要批示", "指示",
     "批示", "重要论述", "重要", "系列", "的", "要求", "决策部署", "部署", "主要"],
    key=len, reverse=True)
UNKNOWN_REGION = "(未知)"
_ORGANS = sorted(
    ["委员会", "常委会", "常务委员会", "人民政府", "政府", "党委", "党工委", "管委会",
     "办公室", "两办", "委", "人大", "政协"],
    key=len, reverse=True)
_DIVISION = re.compile(r"^.+?(?:自治州|自治县|自治旗|地区|新区|省|市|县|区|州|旗|盟|镇|乡|街道)")


def normalise_item(text: str) -> str:
    """The key of a conveyed item: quotes, 传达学习… and …的重要讲话精神 stripped.

    `normalise_item("传达学习习近平总书记在中央经济工作会议上的重要讲话精神")` and
    `normalise_item("习近平总书记在中央经济工作会议上的重要讲话")` are the same key.
    """
    t = unicodedata.normalize("NFKC", _str(text) or "")
    t = _QUOTES.sub("", t).strip("，,。.;；:：、")
    t = _LEADING.sub("", t)
    changed = True
    while changed:
        changed = False
        for suffix in _TRAILING:
            if t.endswith(suffix) and len(t) - len(suffix) >= 2:
                t = t[: -len(suffix)]
                changed = True
                break  # start again from the longest suffix
    return t


def region_of(organizer: str | None) -> str:
    """The place of an organizer: 中共临江区委 → 临江区, 某某市人民政府 → 某某市."""
    organizer = _str(organizer)
    if not organizer:
        return UNKNOWN_REGION
    t = unicodedata.normalize("NFKC", organizer).strip()
    t = t.removeprefix("中共").removeprefix("中国共产党")
    for organ in _ORGANS:
        if t.endswith(organ) and len(t) > len(organ):
            t = t[: -len(organ)]
            break
    m = _DIVISION.match(t)
    if m and len(m.group(0)) >= 2:
        # keep nested places whole: 某某市临江区 stays, not just 某某市
        rest = t[m.end():]
        nested = _DIVISION.match(rest) if rest else None
        return m.group(0) + (nested.group(0) if nested else "")
    return t or UNKNOWN_REGION


def _str(value: object) -> str | None:
    """A non-empty string, or None for None/NaN/NA/empty (pandas hands any of these)."""
    return value if isinstance(value, str) and value else None


def _parse_iso(text: str | None) -> date | None:
    text = _str(text)
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def effective_date(meeting_date: str | None, published: str | None) -> date | None:
    """When the meeting was held: its own date; a year-less `--MM-DD` takes the year of
    publication (the year before, if that would put it after publication); else the
    publication date."""
    pub = _parse_iso(published)
    meeting_date = _str(meeting_date)
    if meeting_date:
        full = _parse_iso(meeting_date)
        if full:
            return full
        if meeting_date.startswith("--") and pub:
            try:
                month, day = int(meeting_date[2:4]), int(meeting_date[5:7])
                d = date(pub.year, month, day)
                return d if d <= pub else date(pub.year - 1, month, day)
            except ValueError:
                pass
    return pub


def clean_name(text: str | None) -> str:
    """Whitespace and enclosing quotes off a unit or programme name."""
    t = unicodedata.normalize("NFKC", _str(text) or "").strip()
    return t.strip("“”\"'《》「」 ")
