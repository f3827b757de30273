"""A terminal view of a meeting record: the meeting, its people, the directive tree."""

from __future__ import annotations

import unicodedata

from luoshi.extract.lexicon import category_labels
from luoshi.record import MeetingRecord


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, width: int) -> str:
    return s + " " * max(0, width - _width(s))


def _clip(s: str, width: int) -> str:
    out, w = [], 0
    for c in s:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > width - 1:
            return "".join(out) + "…"
        out.append(c)
        w += cw
    return s


def render_table(record: MeetingRecord, width: int = 96) -> str:
    labels = category_labels()
    m = record.meeting
    lines = [
        f"文件  {record.source.path or '-'}  ({record.source.format}, {record.script})",
        f"会议  {m.name or '-'}",
        f"日期  {m.date or '-'}    主办  {m.organizer or '-'}",
    ]
    if record.people:
        lines.append("")
        lines.append("人员")
        name_w = max(_width(p.name) for p in record.people)
        title_w = min(40, max(_width(p.title or "") for p in record.people))
        for p in record.people:
            title = _clip(p.title or "", title_w + 1)
            row = f"  {_pad(p.name, name_w)}  {_pad(title, title_w)}  {'、'.join(p.roles)}"
            lines.append(row.rstrip())
    if record.conveyed:
        lines.append("")
        lines.append("传达学习")
        lines.extend(f"  · {_clip(c.text, width - 4)}" for c in record.conveyed)
    if record.directives:
        lines.append("")
        lines.append(f"工作要求（{len(record.directives)} 条）")
        for d in record.directives:
            indent = "      " if d.parent else "  "
            head = f"{indent}{d.id:>2}. "
            lines.append(head + _clip(d.text, width - _width(head)))
            extra = []
            if d.speaker:
                extra.append(f"讲话 {d.speaker}")
            if d.units:
                extra.append("责任 " + "、".join(u.text for u in d.units))
            if d.deadlines:
                extra.append(
                    "时限 "
                    + "、".join(f"{x.text}→{x.due}" if x.due else x.text for x in d.deadlines)
                )
            if d.targets:
                extra.append("指标 " + "、".join(t.text for t in d.targets))
            if d.category:
                extra.append(f"类别 {labels.get(d.category, '综合')}")
            if extra:
                lines.append(" " * _width(head) + "  ".join(extra))
    return "\n".join(lines)
