"""A terminal view of a meeting record: the meeting, its people, the directive tree."""

from __future__ import annotations

from luoshi.record import MeetingRecord


def render_table(record: MeetingRecord) -> str:
    m = record.meeting
    lines = [
        f"文件  {record.source.path or '-'}  ({record.source.format}, {record.script})",
        f"会议  {m.name or '-'}   日期 {m.date or '-'}   主办 {m.organizer or '-'}",
    ]
    if record.people:
        lines.append("人员")
        for p in record.people:
            lines.append(f"  {p.name:<6} {p.title or '':<24} {'、'.join(p.roles)}")
    if record.conveyed:
        lines.append("传达")
        lines.extend(f"  · {c.text}" for c in record.conveyed)
    if record.directives:
        lines.append("要求")
        for d in record.directives:
            indent = "    " if d.parent else "  "
            head = d.text if len(d.text) <= 40 else d.text[:39] + "…"
            lines.append(f"{indent}{d.id:>2}. {head}")
            extra = []
            if d.speaker:
                extra.append(f"讲话人 {d.speaker}")
            if d.units:
                extra.append("责任 " + "、".join(u.text for u in d.units))
            if d.deadlines:
                extra.append("时限 " + "、".join(
                    f"{x.text}→{x.due}" if x.due else x.text for x in d.deadlines))
            if d.category:
                extra.append(f"类别 {d.category}")
            if extra:
                lines.append(f"{indent}    " + "  ".join(extra))
    return "\n".join(lines)
