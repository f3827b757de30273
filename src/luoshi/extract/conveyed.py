"""Higher-level items the meeting relayed, studied or resolved to implement.

After a verb (传达学习, 贯彻落实 …) the object runs over comma-separated segments while each
names a meeting, speech or document, and ends at its last terminator (精神, 讲话, 》 …).
A list splits where a piece itself ends with a terminator, so `中央、省市经济工作会议精神`
stays whole while `…讲话精神和4月30日市委常委扩大会议精神` gives two items.
"""

from __future__ import annotations

import re

_VERB = re.compile(r"(?:(?:认真|深入|集中|深刻)?(?:传达|学习|贯彻|落实|对标对表|深刻领会)了?)+")
_TERM = re.compile(
    r"精神|重要讲话|讲话|要求|会议部署|工作部署|重大部署|》(?![^《]{0,3}《)|指示|批示"
)
_TERM_END = re.compile(r"(?:精神|讲话|》|要求|指示|批示|部署)$")
_MEETINGISH = re.compile(r"两会|会议|全会|会|讲话|《|指示|批示|精神|要求|部署")
_SEP = re.compile(r"、|，|,|；|;|以及|和|及(?!时|其)")
_STOP = re.compile(r"[。！？!?\n]")
_BAD_START = re.compile(
    r"^(?:[，,、]|好|到位|工作|各项|责任|领悟|掌握|把握|领会|认真|进一步|深刻|全面|有关要求$)"
)
# a segment that opens with a verb is a new clause, not one more item of the list
_SEG_VERB = re.compile(
    r"(?:要求|要|认真|深刻|深入|进一步|研究|审议|听取|通报|讨论|部署|安排|传达|学习|贯彻|落实|领会|"
    r"结合|聚焦|紧盯|自觉|并|还|会议|同时)"
)
_STRIP_TAIL = re.compile(r"等(?:重要)?(?:会议)?(?:文件)?精神$")


def find_conveyed(text: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    pos = 0
    while True:
        m = _VERB.search(text, pos)
        if not m:
            break
        pos = m.end()
        obj_start = m.end()
        stop = _STOP.search(text, obj_start)
        limit = stop.start() if stop else len(text)
        # extend over segments that each name a meeting, speech or document
        end = obj_start
        seg_start = obj_start
        for sep in [*re.finditer(r"[，,；;]", text[obj_start:limit]), None]:
            seg_end = obj_start + sep.start() if sep else limit
            seg = text[seg_start:seg_end]
            if not _MEETINGISH.search(seg) or (seg_start > obj_start and _SEG_VERB.match(seg)):
                break
            end = seg_end
            if sep is None:
                break
            seg_start = obj_start + sep.end()
        obj = text[obj_start:end]
        terms = list(_TERM.finditer(obj))
        if not terms:
            continue
        obj = obj[: terms[-1].end()]
        if len(obj) < 4 or _BAD_START.match(obj):
            continue
        pos = obj_start + len(obj)
        for piece, off in _pieces(obj):
            if len(piece) < 3 or piece in seen:
                continue
            seen.add(piece)
            out.append((piece, obj_start + off, obj_start + off + len(piece)))
    return out


def _pieces(obj: str) -> list[tuple[str, int]]:
    pieces: list[tuple[str, int]] = []
    start = 0
    for m in _SEP.finditer(obj):
        left = obj[start : m.start()]
        right = obj[m.end() :]
        if _TERM_END.search(left) and not right.startswith("重要"):
            pieces.append((left, start))
            start = m.end()
    pieces.append((obj[start:], start))
    out = []
    for p, off in pieces:
        if "》" in p:
            p = _STRIP_TAIL.sub("", p)
        p = p.strip()
        if p and not re.fullmatch(r"(?:上级|有关|相关|会议|本次)?(?:要求|部署|精神)", p):
            out.append((p, off))
    return out
