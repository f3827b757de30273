"""Higher-level items the meeting relayed, studied or resolved to implement."""

from __future__ import annotations

import re

_VERB = r"(?:传达学习|传达贯彻|学习贯彻|贯彻落实|认真落实|认真学习|深入学习|传达|学习|贯彻|落实|对标对表)了?"
_TERM = r"(?:精神|重要讲话|讲话|要求|部署|》(?![^《]{0,3}[《]))"
_ITEM = re.compile(rf"{_VERB}(?P<obj>[^。；;！？\n]{{2,120}}?{_TERM})(?!》)")
_SPLIT = re.compile(r"(?:、|，|,|以及|和|及)(?=[^、，,]{2,}?)")
_STRIP_TAIL = re.compile(r"等(?:重要)?(?:会议)?(?:文件)?精神$")
_MEETINGISH = re.compile(r"两会|会议|全会|讲话|《|指示|批示|座谈会|调度会|专题会|现场会")


def find_conveyed(text: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    for m in _ITEM.finditer(text):
        obj, start = m.group("obj"), m.start("obj")
        if len(obj) < 4 or obj.startswith(("好", "到位", "工作", "各项", "责任")):
            continue
        if re.match(r"^(?:上级|有关|相关|会议|本次)?(?:要求|部署|精神)$", obj):
            continue
        for piece, off in _pieces(obj):
            piece = piece.strip()
            if len(piece) < 3 or piece in seen:
                continue
            seen.add(piece)
            out.append((piece, start + off, start + off + len(piece)))
    return out


def _pieces(obj: str) -> list[tuple[str, int]]:
    """Split a list of items where each piece itself names a meeting, speech or document."""
    bounds = [0]
    for m in re.finditer(r"、|，|,|以及|及(?!时)", obj):
        bounds.append(m.start())
        bounds.append(m.end())
    bounds.append(len(obj))
    segs = [(obj[bounds[i] : bounds[i + 1]], bounds[i]) for i in range(0, len(bounds), 2)]
    if len(segs) == 1 or not all(_MEETINGISH.search(s) for s, _ in segs):
        return [(obj, 0)]
    out = []
    for s, off in segs:
        s2 = _STRIP_TAIL.sub("", s) if "》" in s else s
        out.append((s2, off))
    return out
